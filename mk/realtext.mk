# Real text: the CoNLL-2003 dev documents rendered as wire text, through
# our NER, the whole chain and `newswire process`, beside spaCy with only
# its `ner` component (build/venv-spacy, created on first use).
#   make bench-realtext   tables in build/bench-realtext/ (~3 min on 2 cores)
# REALTEXT_CONLL points at the CoNLL file; the rendered text goes to
# build/realtext/ and is never committed (licensed data).
.PHONY: bench-realtext

REALTEXT_CONLL ?= ../shared/data/conll2003/dev.txt

bench-realtext:
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	ninja -C build ner_benchmark pipeline_benchmark newswire
	NEWSWIRE_CONLL_DEV=$(REALTEXT_CONLL) benchmarks/realtext/bench.sh build
