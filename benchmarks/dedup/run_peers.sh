#!/bin/sh
# datasketch MinHashLSH at its best on the dedup benchmark corpus: a
# threshold sweep, plain and with our metadata (datasketch_peer.py), beside
# ours on the same corpus in the same run. Usage (repo root, after building
# dedup_bench into $BUILD/bin):
#   sh benchmarks/dedup/run_peers.sh build [thresholds] [num_perm]
# Writes $BUILD/bench-dedup-peers/{results.md,ours.json,peer.json,...}.
set -eu
BUILD=${1:-build}
THRESHOLDS=${2:-0.3,0.4,0.5,0.6,0.7,0.8,0.9}
NUM_PERM=${3:-128}
OUT="$BUILD/bench-dedup-peers"
VENV="$BUILD/venv-dedup"
mkdir -p "$OUT"
sh benchmarks/dedup/setup_datasketch_venv.sh "$VENV"
{
  echo "# datasketch sweep ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo '```'
  "$BUILD/bin/dedup_bench" --windows=10000 \
    --corpus_out="$OUT/corpus.jsonl" --filler_out="$OUT/filler.jsonl" \
    --json_out="$OUT/ours.json" | grep -E 'pairs:|template|docs/s'
  echo '```'
  "$VENV/bin/python" benchmarks/dedup/datasketch_peer.py \
    --corpus "$OUT/corpus.jsonl" --filler "$OUT/filler.jsonl" \
    --ours "$OUT/ours.json" --json_out "$OUT/peer.json" \
    --thresholds "$THRESHOLDS" --num_perm "$NUM_PERM" \
    --variants plain,metadata --sweep
} | tee "$OUT/results.md"
