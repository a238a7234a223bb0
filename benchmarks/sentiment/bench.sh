#!/bin/sh
# Side-by-side NewsMTSC dev scores and throughput: our model vs plain VADER.
# Usage: bench.sh BUILD_DIR DATA_DIR (BUILD_DIR holds bin/ and venv-vader/).
set -e
BUILD=${1:-build}
DATA=${2:-../shared/data}
OURS=$("$BUILD/bin/sentiment_newsmtsc" eval --sentiment_data="$DATA")
VADER=$("$BUILD/venv-vader/bin/python" benchmarks/sentiment/vader_baseline.py \
  --data "$DATA" --speed)
SPEED=$(NEWSWIRE_DATA="$DATA" "$BUILD/bin/sentiment_benchmark" \
  --benchmark_filter=BM_DocumentAndEntities --benchmark_min_time=2 \
  --benchmark_counters_tabular=true 2>/dev/null |
  awk '/^BM_DocumentAndEntities/ { for (i = 1; i <= NF; i++)
         if ($i ~ /\/s$/) { v = $(i); sub(/\/s$/, "", v); print v; exit } }')
echo "NewsMTSC dev, macro-F1 over negative/neutral/positive (accuracy)"
printf "%-6s %-18s %-18s %-18s\n" "set" "ours (trained)" "ours rules-only" \
  "VADER (sentence)"
for set in rw mt; do
  o=$(echo "$OURS" | awk -v s=$set '$1 == s { printf "%s (%s)", $2, $3 }')
  r=$(echo "$OURS" | awk -v s=rules-$set '$1 == s { printf "%s (%s)", $2, $3 }')
  v=$(echo "$VADER" | awk -v s=$set '$1 == s { printf "%s (%s)", $2, $3 }')
  printf "%-6s %-18s %-18s %-18s\n" "$set" "$o" "$r" "$v"
done
echo
echo "Throughput, one core (words/s)"
printf "%-6s %-18s %-18s\n" "" "ours doc+entities" "VADER doc only"
printf "%-6s %-18s %-18s\n" "speed" "$SPEED" \
  "$(echo "$VADER" | awk '$1 == "speed" { print $2 }')"
