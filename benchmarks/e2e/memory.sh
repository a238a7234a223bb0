#!/usr/bin/env bash
# Memory under a backlog: publishes COUNT generated stories (each distinct)
# into wire.raw BEFORE any service runs, then starts ingest, dedup and enrich
# on that backlog and samples each service's resident memory (VmRSS, from
# /proc/<pid>/status) every second until the backlog has drained through
# wire.enriched. Only then does it start route, so that route too meets its
# whole input as a backlog, and waits until route has consumed all of it.
# Prints each service's peak RSS (the kernel's VmHWM) and the drain
# throughputs. docs/RELIABILITY.md (*Bounded memory*) has the figures.
#
#   benchmarks/e2e/memory.sh [COUNT] [WORDS]   (default 200000 150)
#
# Environment:
#   MEMORY_SERVICE_ARGS  extra flags for all four services, e.g.
#                        "--kafka_property=queued.max.messages.kbytes=65536"
#                        to compare client settings
#   MEMORY_TAG           name of the run's folder (default: the time)
#   MEMORY_TIMEOUT       give up draining after this long (default 60m)
#   MEMORY_ROUTE_AT_START=1  start route with the others instead: it then
#                        keeps pace with enrich, its buffers stay nearly
#                        empty, and its RSS is mostly its follow-up memory
# Samples go to build/bench-memory/<tag>/rss.tsv (seconds since the services
# started, stage, VmRSS kB, VmHWM kB), logs beside them.
set -euo pipefail
COUNT="${1:-200000}"
WORDS="${2:-150}"
TAG="${MEMORY_TAG:-$(date +%Y%m%d-%H%M%S)}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN="$ROOT/build/bin"
TIMEOUT="${MEMORY_TIMEOUT:-60m}"
read -r -a EXTRA <<<"${MEMORY_SERVICE_ARGS:-}"
OUT="$ROOT/build/bench-memory/$TAG"
rm -rf "$OUT"
mkdir -p "$OUT"
STAGES=(ingest dedup enrich route)

STARTED=0
SAMPLER=""
declare -A PID_OF PORT_OF
cleanup() {
  if [[ -n "$SAMPLER" ]]; then kill "$SAMPLER" 2>/dev/null || true; fi
  for stage in "${STAGES[@]}"; do
    if [[ -n "${PID_OF[$stage]:-}" ]]; then
      kill -TERM "${PID_OF[$stage]}" 2>/dev/null || true
    fi
  done
  for stage in "${STAGES[@]}"; do
    if [[ -n "${PID_OF[$stage]:-}" ]]; then
      wait "${PID_OF[$stage]}" 2>/dev/null || true
    fi
  done
  if (( STARTED )); then scripts/kafka.sh stop; fi
}
trap cleanup EXIT
if ! scripts/kafka.sh status; then scripts/kafka.sh start; STARTED=1; fi
BROKERS="$(scripts/kafka.sh bootstrap)"
PREFIX="mem-$(date +%s)."
COMMON=(--brokers="$BROKERS" --topic_prefix="$PREFIX")

echo "memory: $COUNT stories of ~$WORDS words into ${PREFIX}wire.raw on $BROKERS ($(nproc) cores)"
"$BIN/newswire-e2e-bench" "${COMMON[@]}" --phase=publish --count="$COUNT" \
    --words="$WORDS" --seed="$(date +%s)000"

# A port nobody else is likely to use, per stage.
port=$((9700 + RANDOM % 200))
start_stage() {
  local stage="$1"
  local args=("${COMMON[@]}" --metrics_address="127.0.0.1:$port"
              --transactional_id="${PREFIX}$stage")
  if [[ "$stage" == route ]]; then
    args+=(--subscriptions="$ROOT/deploy/subscriptions.example.yaml")
  fi
  "$BIN/newswire-$stage" "${args[@]}" ${EXTRA[@]+"${EXTRA[@]}"} \
      >"$OUT/$stage.log" 2>&1 &
  PID_OF[$stage]=$!
  PORT_OF[$stage]=$port
  port=$((port + 1))
}
T0=$(date +%s.%N)
for stage in ingest dedup enrich; do start_stage "$stage"; done
if [[ -n "${MEMORY_ROUTE_AT_START:-}" ]]; then start_stage route; fi

# VmRSS and VmHWM of each service, once a second.
sample() {
  while true; do
    local now; now=$(date +%s.%N)
    for stage in "${STAGES[@]}"; do
      [[ -n "${PID_OF[$stage]:-}" ]] || continue
      local f="/proc/${PID_OF[$stage]}/status"
      [[ -r "$f" ]] || continue
      awk -v t="$(echo "$now - $T0" | bc -l)" -v s="$stage" '
        /^VmRSS/ {rss=$2} /^VmHWM/ {hwm=$2}
        END {if (rss != "") printf "%.1f\t%s\t%d\t%d\n", t, s, rss, hwm}' \
        "$f" 2>/dev/null || true
    done
    sleep 1
  done
}
printf 'seconds\tstage\tvmrss_kb\tvmhwm_kb\n' >"$OUT/rss.tsv"
sample >>"$OUT/rss.tsv" &
SAMPLER=$!
# The sampler is a subshell: it sees the stages started before it.
restart_sampler() {
  kill "$SAMPLER" 2>/dev/null || true
  wait "$SAMPLER" 2>/dev/null || true
  sample >>"$OUT/rss.tsv" &
  SAMPLER=$!
}

"$BIN/newswire-e2e-bench" "${COMMON[@]}" --phase=drain --count="$COUNT" \
    --timeout="$TIMEOUT" --linger=1s

T1=$(date +%s.%N)
if [[ -z "${MEMORY_ROUTE_AT_START:-}" ]]; then
  start_stage route
  restart_sampler
fi

# Route counts its input when the transaction commits.
metric() {  # PORT NAME_REGEX
  curl -sf "http://127.0.0.1:$1/metrics" |
    awk -v re="$2" '$0 !~ /^#/ && $1 ~ re {sum += $2} END {printf "%d\n", sum}'
}
deadline=$((SECONDS + 600))
while (( $(metric "${PORT_OF[route]}" '^newswire_records_consumed_total') < COUNT )); do
  if (( SECONDS > deadline )); then
    echo "memory: route did not consume all $COUNT records within 10 min" >&2
    exit 1
  fi
  sleep 1
done
T2=$(date +%s.%N)
sleep 2  # one more sample after the drain

if [[ -n "${MEMORY_ROUTE_AT_START:-}" ]]; then
  echo "route: consumed all $COUNT (started with the others)"
else
  route_secs=$(echo "$T2 - $T1" | bc -l)
  printf 'route: %d stories drained in %.1f s after wire.enriched was complete (%.0f stories/s)\n' \
      "$COUNT" "$route_secs" "$(echo "$COUNT / $route_secs" | bc -l)"
fi
echo "dedup index: $(metric "${PORT_OF[dedup]}" '^newswire_dedup_index_documents') documents," \
     "$(metric "${PORT_OF[dedup]}" '^newswire_dedup_index_bytes') bytes;" \
     "route remembers $(metric "${PORT_OF[route]}" '^newswire_route_stories_remembered') stories"
printf '%-8s %10s %14s %12s\n' service 'peak RSS' 'sampled max' 'RSS at end'
for stage in "${STAGES[@]}"; do
  hwm=$(awk '/^VmHWM/ {print $2}' "/proc/${PID_OF[$stage]}/status")
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/${PID_OF[$stage]}/status")
  smax=$(awk -v s="$stage" '$2 == s && $3 > m {m = $3} END {print m + 0}' "$OUT/rss.tsv")
  printf '%-8s %7.1f MB %11.1f MB %9.1f MB\n' "$stage" \
      "$(echo "$hwm / 1024" | bc -l)" "$(echo "$smax / 1024" | bc -l)" \
      "$(echo "$rss / 1024" | bc -l)"
done
echo "samples: $OUT/rss.tsv"
