#!/bin/bash
# The real-text benchmark: CoNLL-2003 dev documents as raw wire text
# (make_corpus.py), through our NER (tag + link), the whole chain in-process,
# `newswire process`, and spaCy en_core_web_sm with only its `ner` component,
# all in one run. Run from the repository root after building ner_benchmark,
# pipeline_benchmark and newswire:
#   benchmarks/realtext/bench.sh [BUILD_DIR]        (default build)
# Env: NEWSWIRE_CONLL_DEV (../shared/data/conll2003/dev.txt),
#      SPACY_BATCHES (1,8,32,64,128,256,1000), PROCESS_RUNS (3).
# Writes $BUILD/bench-realtext/{ner.txt,pipeline.json,process.json,spacy.json}
# and prints the tables.
set -euo pipefail
BUILD="${1:-build}"
DEV="${NEWSWIRE_CONLL_DEV:-../shared/data/conll2003/dev.txt}"
CORPUS="$BUILD/realtext"
OUT="$BUILD/bench-realtext"
mkdir -p "$OUT"
[ -x "$BUILD/venv-spacy/bin/python" ] ||
  benchmarks/ner/setup_spacy_venv.sh "$BUILD/venv-spacy"
python3 benchmarks/realtext/make_corpus.py "$DEV" "$CORPUS"

echo "== NER, tag + link (CoNLL tokens joined by spaces, and real text)" >&2
"$BUILD/bin/ner_benchmark" --conll="$DEV" --realtext="$CORPUS" \
  --benchmark_filter='TagAndLink' \
  --benchmark_out="$OUT/ner.json" --benchmark_out_format=json > "$OUT/ner.txt"

echo "== whole chain in-process (generated and real text)" >&2
NEWSWIRE_REALTEXT="$CORPUS" "$BUILD/bin/pipeline_benchmark" \
  --benchmark_min_time=2 \
  --benchmark_out="$OUT/pipeline.json" --benchmark_out_format=json \
  > /dev/null

echo "== newswire process over the real documents" >&2
python3 benchmarks/realtext/time_process.py "$BUILD/bin/newswire" "$CORPUS" \
  "${PROCESS_RUNS:-3}" > "$OUT/process.json"

echo "== spaCy, ner component only, nlp.pipe batch sweep" >&2
"$BUILD/venv-spacy/bin/python" benchmarks/realtext/spacy_ner_only.py \
  "$CORPUS" "$DEV" "${SPACY_BATCHES:-1,8,32,64,128,256,1000}" \
  > "$OUT/spacy.json"

python3 benchmarks/realtext/report.py "$OUT"
