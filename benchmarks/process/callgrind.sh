#!/usr/bin/env bash
# Where `newswire process` spends its instructions, by stage, under
# callgrind (instruction counts: independent of machine load).
#
#   benchmarks/process/callgrind.sh [NEWSWIRE_BINARY] INPUT...
#   (default binary build/bin/newswire; output in build/callgrind/)
#
# Runs the binary four times: once whole, then once per stage with
# --toggle-collect so that the stage's own profile holds only its functions:
#   start-up   newswire::pipeline::Pipeline::Create (models, gazetteer, index)
#   stages     newswire::pipeline::Pipeline::ProcessAll (ingest, dedup, enrich)
#   json       newswire::cli::ToJsonLine (one JSON line per record)
# Prints each stage's inclusive share of the whole run and its top functions
# (self cost, as a share of the stage; names cut at 110 characters). Real text: benchmarks/process/conll_stories.py writes the
# CoNLL-2003 dev documents as story files.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="$ROOT/build/bin/newswire"
if [[ $# -gt 0 && -x "$1" && ! -d "$1" ]]; then BIN="$1"; shift; fi
if [[ $# -eq 0 ]]; then
  echo "usage: $0 [NEWSWIRE_BINARY] INPUT..." >&2
  exit 2
fi
OUT="$ROOT/build/callgrind"
mkdir -p "$OUT"
TOP="${TOP:-8}"

declare -A FN=(
  [startup]='newswire::pipeline::Pipeline::Create*'
  [stages]='newswire::pipeline::Pipeline::ProcessAll*'
  [json]='newswire::cli::ToJsonLine*'
)

run() {  # run NAME [valgrind options...]
  local name="$1"
  shift
  valgrind --tool=callgrind --callgrind-out-file="$OUT/$name.out" "$@" \
    "$BIN" process --allow_rejected "${INPUTS[@]}" >/dev/null 2>"$OUT/$name.log"
}

# Total instructions of a profile (the "PROGRAM TOTALS" line).
total() {
  # (awk reads to the end: an early exit would fail the pipe under pipefail)
  callgrind_annotate "$1" 2>/dev/null |
    awk '/PROGRAM TOTALS/ && !n {gsub(",", "", $1); print $1; n = 1}'
}

INPUTS=("$@")
run whole
ALL=$(total "$OUT/whole.out")
printf 'newswire process %s (%s)\n' "${INPUTS[*]}" "$("$BIN" --version 2>/dev/null | head -1 || true)"
grep '^processed' "$OUT/whole.log" | sed 's/^/  /' || true
printf 'total            %15d instructions\n' "$ALL"
for stage in startup stages json; do
  run "$stage" --collect-atstart=no --toggle-collect="${FN[$stage]}"
  n=$(total "$OUT/$stage.out")
  printf '%-16s %15d instructions  %5.1f%%\n' "$stage" "$n" \
    "$(echo "100 * $n / $ALL" | bc -l)"
done
for stage in startup stages json; do
  echo "top functions (self) in $stage:"
  callgrind_annotate "$OUT/$stage.out" 2>/dev/null |
    awk -v top="$TOP" 'found && NF && n < top {
                         sub(/ \[[^]]*\]$/, ""); sub(/\?\?\?:/, "")
                         print "  " substr($0, 1, 110); n++}
                       /^-+$/ && seen {found = 1} /file:function/ {seen = 1}'
done
