#!/bin/sh
# Runs every ingest fuzzer for a share of TOTAL_SECONDS (default 60) and
# fails on the first crash, leak or timeout. Usage (from the repo root):
#   services/ingest/fuzz/run_fuzzers.sh BUILD_DIR [TOTAL_SECONDS]
# Seeds: the fixtures and the demo feed; each fuzzer's new inputs go to
# BUILD_DIR/fuzz/corpus/<name>/, crash inputs to BUILD_DIR/fuzz/artifacts/.
set -eu
build=${1:?usage: run_fuzzers.sh BUILD_DIR [TOTAL_SECONDS]}
total=${2:-60}
fuzzers="xml_reader json_reader html_text plain_text iptc7901 anpa1312 nitf
newsml_g2 ninjs ingest_raw"
count=$(echo $fuzzers | wc -w)
each=$((total / count))
[ "$each" -ge 1 ] || each=1
seeds="services/ingest/testdata"
[ -d testdata/sample_feed ] && seeds="$seeds testdata/sample_feed"
mkdir -p "$build/fuzz/artifacts"
all_execs=0
for name in $fuzzers; do
  corpus="$build/fuzz/corpus/$name"
  log="$build/fuzz/$name.log"
  mkdir -p "$corpus"
  if ! "$build/fuzz/${name}_fuzzer" -max_total_time="$each" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$build/fuzz/artifacts/${name}-" \
      "$corpus" $seeds >"$log" 2>&1; then
    echo "FUZZ FAILURE in ${name}_fuzzer; log: $log" >&2
    tail -40 "$log" >&2
    exit 1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "${name}_fuzzer: ${execs:-?} executions, $cov, ${each}s, no crash"
  all_execs=$((all_execs + ${execs:-0}))
done
echo "ingest fuzzers: $all_execs executions in total, no crashes"
