#!/bin/sh
# The dedup benchmark: ours (dedup_bench) and datasketch's MinHashLSH on the
# same generated corpus, in one run. Usage (from the repo root, after
# building dedup_bench into $BUILD/bin):
#   sh benchmarks/dedup/run_bench.sh build [windows]
# Writes $BUILD/bench-dedup/{results.md,ours.json,peer.json,corpus.jsonl}.
set -eu
BUILD=${1:-build}
WINDOWS=${2:-10000,100000,1000000}
OUT="$BUILD/bench-dedup"
VENV="$BUILD/venv-dedup"
mkdir -p "$OUT"

sh benchmarks/dedup/setup_datasketch_venv.sh "$VENV"

FIRST_WINDOW=${WINDOWS%%,*}
{
  echo "# dedup benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
  echo
  echo '```'
  "$BUILD/bin/dedup_bench" --windows="$WINDOWS" \
    --corpus_out="$OUT/corpus.jsonl" --filler_out="$OUT/filler.jsonl" \
    --json_out="$OUT/ours.json"
  echo '```'
  echo
  echo "## Ablation: without the number/name check (max_missing_keys=1)"
  echo
  echo '```'
  "$BUILD/bin/dedup_bench" --windows="$FIRST_WINDOW" --stream_docs=1000 \
    --max_missing_keys=1 | grep -E 'pairs:|template|\| (words|longer)'
  echo '```'
  echo
  echo "## Side by side with datasketch at a window of $FIRST_WINDOW"
  "$VENV/bin/python" benchmarks/dedup/datasketch_peer.py \
    --corpus "$OUT/corpus.jsonl" --filler "$OUT/filler.jsonl" \
    --ours "$OUT/ours.json" --json_out "$OUT/peer.json"
} | tee "$OUT/results.md"
