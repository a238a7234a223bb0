#!/usr/bin/env bash
# End-to-end benchmark on the local broker: starts the three services, runs
# newswire-e2e-bench (publish N generated stories, wait for all of them in
# wire.enriched), then reports each service's peak resident memory.
#
#   benchmarks/e2e/run.sh [COUNT] [WORDS] [RATE]   (default 20000 400 0)
#
# RATE 0 publishes everything at once (throughput on a backlog); a positive
# RATE paces publishing at that many stories/s (latency at a steady load).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN="$ROOT/build/bin"
COUNT="${1:-20000}"
WORDS="${2:-400}"
RATE="${3:-0}"
LOGS="$ROOT/build/bench-e2e"
mkdir -p "$LOGS"

STARTED=0
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if (( STARTED )); then scripts/kafka.sh stop; fi
}
trap cleanup EXIT
if ! scripts/kafka.sh status; then scripts/kafka.sh start; STARTED=1; fi
BROKERS="$(scripts/kafka.sh bootstrap)"
PREFIX="bench-$(date +%s)."
port=9564
declare -A PID_OF
for stage in ingest dedup enrich; do
  "$BIN/newswire-$stage" --brokers="$BROKERS" --topic_prefix="$PREFIX" \
      --metrics_address="127.0.0.1:$port" --transactional_id="${PREFIX}$stage" \
      >"$LOGS/$stage.log" 2>&1 &
  PIDS+=($!)
  PID_OF[$stage]=$!
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.2; done
  port=$((port + 1))
done
echo "e2e: $COUNT stories of ~$WORDS words through ingest -> dedup -> enrich on $BROKERS ($(nproc) cores)"
"$BIN/newswire-e2e-bench" --brokers="$BROKERS" --topic_prefix="$PREFIX" \
    --count="$COUNT" --words="$WORDS" --rate="$RATE" --seed="$(date +%s)000"
for stage in ingest dedup enrich; do
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/${PID_OF[$stage]}/status")
  printf 'peak RSS newswire-%-7s %6.1f MB\n' "$stage" "$(echo "$hwm / 1024" | bc -l)"
done
