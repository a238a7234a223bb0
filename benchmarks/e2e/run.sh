#!/usr/bin/env bash
# End-to-end benchmark on the local broker: starts the three services, runs
# newswire-e2e-bench (publish N generated stories, wait for all of them in
# wire.enriched), then reports each service's peak resident memory.
#
#   benchmarks/e2e/run.sh [COUNT] [WORDS] [RATE]   (default 20000 400 0)
#
# RATE 0 publishes everything at once (throughput on a backlog); a positive
# RATE paces publishing at that many stories/s (latency at a steady load).
#
# PASSTHROUGH=1 starts every service with --passthrough (the cheapest valid
# transformation per stage, services/passthrough/README.md): the same loop,
# topics and transactions, so the throughput line is what Kafka and the
# record encoding alone allow on this machine.
#
# LOWLATENCY=1 starts every service with the low-latency setting
# (docs/OPERATIONS.md, *Latency*): --commit_interval=100ms --idle_commit=5ms.
# SERVICE_FLAGS="..." adds further flags to every service (to try others).
# The harness prints latency from publish to arrival at its read_committed
# reader of wire.enriched, i.e. after enrich's commit; build/bench-e2e/
# latency.csv has each story's (benchmarks/e2e/latency_by_window.py sums it
# up per window of the run). With a positive RATE it also prints how many
# 5-s windows after the first kept p99 at or under LATENCY_TARGET (0.3 s).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN="$ROOT/build/bin"
COUNT="${1:-20000}"
WORDS="${2:-400}"
RATE="${3:-0}"
PASSTHROUGH="${PASSTHROUGH:-0}"
MODE_FLAGS=()
MODE="full stages"
if [[ "$PASSTHROUGH" == 1 ]]; then
  MODE_FLAGS=(--passthrough)
  MODE="pass-through"
fi
# Latency percentiles are also printed for the stories published after the
# first WARMUP (default 5s), leaving out the services' start-up.
WARMUP="${WARMUP:-5s}"
LOWLATENCY="${LOWLATENCY:-0}"
SETTING="default setting"
if [[ "$LOWLATENCY" == 1 ]]; then
  MODE_FLAGS+=(--commit_interval=100ms --idle_commit=5ms)
  SETTING="low-latency setting"
fi
# Word splitting is intended: SERVICE_FLAGS holds several flags.
# shellcheck disable=SC2206
MODE_FLAGS+=(${SERVICE_FLAGS:-})
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
      "${MODE_FLAGS[@]}" \
      >"$LOGS/$stage.log" 2>&1 &
  PIDS+=($!)
  PID_OF[$stage]=$!
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.2; done
  port=$((port + 1))
done
echo "e2e ($MODE, $SETTING${MODE_FLAGS[*]:+: ${MODE_FLAGS[*]}}): $COUNT stories of ~$WORDS words through ingest -> dedup -> enrich on $BROKERS ($(nproc) cores)"
# CPU seconds (user + system) of a process so far.
cpu_of() {
  awk -v tck="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / tck}' \
    "/proc/$1/stat"
}
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
BROKER_PID="$(cat "${NEWSWIRE_KAFKA_DIR:-build/kafka}/broker.pid" 2>/dev/null || true)"
broker_before=0
if [[ -n "$BROKER_PID" ]]; then broker_before="$(cpu_of "$BROKER_PID")"; fi
"$BIN/newswire-e2e-bench" --brokers="$BROKERS" --topic_prefix="$PREFIX" \
    --count="$COUNT" --words="$WORDS" --rate="$RATE" --seed="$(date +%s)000" \
    --latency_csv="$LOGS/latency.csv" --warmup="$WARMUP"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "$RATE" != 0 ]]; then
  # How steady the tail was: a run-wide p99 can hide a bad stretch.
  python3 benchmarks/e2e/latency_by_window.py "$LOGS/latency.csv" \
    --target "${LATENCY_TARGET:-0.3}"
fi
# CPU time is what a loaded machine distorts least: the services' since
# their start (model loading included), the broker's during the run.
total_cpu=0
for stage in ingest dedup enrich; do
  c="$(cpu_of "${PID_OF[$stage]}")"
  printf 'cpu newswire-%-7s %6.2f s\n' "$stage" "$c"
  total_cpu="$(echo "$total_cpu + $c" | bc -l)"
done
if [[ -n "$BROKER_PID" ]]; then
  c="$(echo "$(cpu_of "$BROKER_PID") - $broker_before" | bc -l)"
  printf 'cpu broker (run)        %6.2f s\n' "$c"
  total_cpu="$(echo "$total_cpu + $c" | bc -l)"
fi
printf 'cpu per story           %6.0f us (services + broker)\n' \
  "$(echo "$total_cpu * 1000000 / $COUNT" | bc -l)"
# Transactions committed per stage: what a shorter commit interval or idle
# commits cost (each is several broker requests and log appends).
port=9564
for stage in ingest dedup enrich; do
  commits="$(curl -sf "http://127.0.0.1:$port/metrics" |
    awk '/^newswire_transaction_commits_total/ {n += $NF} END {print n + 0}')"
  printf 'transactions newswire-%-7s %6d\n' "$stage" "$commits"
  port=$((port + 1))
done
for stage in ingest dedup enrich; do
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/${PID_OF[$stage]}/status")
  printf 'peak RSS newswire-%-7s %6.1f MB\n' "$stage" "$(echo "$hwm / 1024" | bc -l)"
done
