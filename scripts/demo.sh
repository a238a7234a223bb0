#!/usr/bin/env bash
# The local demo behind `make demo`: a Kafka broker, the four services as
# separate processes (route with deploy/subscriptions.example.yaml), the
# bundled sample feed published to wire.raw, the enriched records printed as
# they arrive, then a summary with what each subscription received.
#
#   scripts/demo.sh            run once and stop everything (exit 0 on success)
#   scripts/demo.sh --follow   keep the services and metrics endpoints up
#                              until Ctrl-C
#   FEED=dir scripts/demo.sh   publish another folder of wire copy
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${BIN:-$ROOT/build/bin}"
FEED="${FEED:-$ROOT/testdata/sample_feed}"
SUBSCRIPTIONS="${SUBSCRIPTIONS:-$ROOT/deploy/subscriptions.example.yaml}"
FOLLOW=0
for arg in "$@"; do
  case "$arg" in
    --follow) FOLLOW=1 ;;
    *) echo "demo.sh: unknown argument $arg (try --follow)" >&2; exit 2 ;;
  esac
done

LOGS="$ROOT/build/demo-logs"
mkdir -p "$LOGS"
PIDS=()
BROKER_STARTED=0
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if (( BROKER_STARTED )); then scripts/kafka.sh stop; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! scripts/kafka.sh status; then
  scripts/kafka.sh start
  BROKER_STARTED=1
fi
BROKERS="$(scripts/kafka.sh bootstrap)"
# A fresh topic prefix per run keeps runs apart on a long-lived broker.
PREFIX="demo-$(date +%s)."
# One partition per topic: the sample feed is a sequence (a story, then its
# re-sends), and across partitions Kafka keeps no order. Production topics
# have several partitions; see README ("Run exactly one active dedup").
COMMON=(--brokers="$BROKERS" --topic_prefix="$PREFIX" --commit_interval=200ms
        --topic_partitions=1)

port=9464
for stage in ingest dedup enrich route; do
  extra=()
  if [[ $stage == route ]]; then extra=(--subscriptions="$SUBSCRIPTIONS"); fi
  "$BIN/newswire-$stage" "${COMMON[@]}" --metrics_address="127.0.0.1:$port" \
      --transactional_id="${PREFIX}$stage" "${extra[@]}" \
      >"$LOGS/$stage.log" 2>&1 &
  PIDS+=($!)
  echo "demo: newswire-$stage running (pid $!), metrics on http://127.0.0.1:$port/metrics, log $LOGS/$stage.log" >&2
  port=$((port + 1))
done

# Ready means topics exist, transactions are initialised and the consumer is
# subscribed.
for p in 9464 9465 9466 9467; do
  deadline=$((SECONDS + 60))
  until curl -sf "http://127.0.0.1:$p/readyz" >/dev/null; do
    if (( SECONDS > deadline )); then
      echo "demo: service on port $p not ready after 60 s; see $LOGS" >&2
      exit 1
    fi
    sleep 0.2
  done
done

# Print enriched records as they arrive.
"$BIN/newswire" tail "${PREFIX}wire.enriched" --brokers="$BROKERS" \
    --from_beginning >"$LOGS/enriched.jsonl" 2>"$LOGS/tail.log" &
TAIL_PID=$!
PIDS+=($TAIL_PID)
tail -n +1 -f "$LOGS/enriched.jsonl" | python3 "$ROOT/scripts/digest.py" &
ECHO_PID=$!
PIDS+=($ECHO_PID)

mapfile -t files < <(find "$FEED" -maxdepth 1 -type f ! -name 'README*' | sort)
start=$(date +%s.%N)
"$BIN/newswire" publish --brokers="$BROKERS" --topic_prefix="$PREFIX" \
    --source=demo "${files[@]}"
total=${#files[@]}

count() {
  "$BIN/newswire" tail "${PREFIX}$1" --brokers="$BROKERS" --from_beginning \
      --to_end 2>/dev/null | wc -l
}

# Every published record ends in exactly one of these three topics.
deadline=$((SECONDS + 120))
while :; do
  enriched=$(wc -l <"$LOGS/enriched.jsonl")
  duplicates=$(count wire.duplicates)
  dead=$(count wire.dlq)
  done_count=$((enriched + duplicates + dead))
  if (( done_count >= total )); then break; fi
  if (( SECONDS > deadline )); then
    echo "demo: only $done_count of $total records arrived within 120 s; see $LOGS" >&2
    exit 1
  fi
  sleep 0.5
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
kill "$ECHO_PID" 2>/dev/null || true

echo
echo "== newswire demo summary =="
printf '  published to wire.raw     %d\n' "$total"
printf '  enriched (wire.enriched)  %d\n' "$enriched"
printf '  duplicates                %d\n' "$duplicates"
printf '  dead-lettered (wire.dlq)  %d\n' "$dead"
printf '  wall time                 %.2f s from publish to the last record (%.1f records/s;\n' \
    "$elapsed" "$(echo "$total / $elapsed" | bc -l)"
echo "                            a handful of records: see make bench-e2e for throughput)"
if (( dead > 0 )); then
  echo "  dead letters:"
  "$BIN/newswire" tail "${PREFIX}wire.dlq" --brokers="$BROKERS" \
      --from_beginning --to_end 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
  d=json.loads(l); print("   ", d.get("stage"), d.get("errorCode"), "-", d.get("reason"))'
fi
if (( duplicates > 0 )); then
  echo "  duplicates:"
  "$BIN/newswire" tail "${PREFIX}wire.duplicates" --brokers="$BROKERS" \
      --from_beginning --to_end 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
  d=json.loads(l); a=d["article"]; r=d["dedup"]
  print("   ", r["verdict"], "of", r.get("duplicateOf"), "sim", r.get("similarity"), "-", a.get("headline"))'
fi

# What each subscription received (newswire-route, wire.sub.<name>). Route
# commits every 200 ms; give it a moment after enrich's last record.
sleep 1
echo "  subscriptions ($(basename "$SUBSCRIPTIONS")):"
for name in $(python3 -c 'import sys,yaml
for s in (yaml.safe_load(open(sys.argv[1])) or {}).get("subscriptions") or []: print(s["name"])' "$SUBSCRIPTIONS"); do
  "$BIN/newswire" tail --subscription="$name" --brokers="$BROKERS" \
      --topic_prefix="$PREFIX" --from_beginning --to_end 2>/dev/null |
    python3 -c 'import json,sys
name=sys.argv[1]; heads=[json.loads(l)["article"].get("headline","") for l in sys.stdin]
print("    %-18s %d  %s" % (name, len(heads), "; ".join(h[:50] for h in heads)))' "$name"
done

if (( FOLLOW )); then
  echo
  echo "demo: following (topic prefix $PREFIX). Metrics: http://127.0.0.1:9464/metrics (ingest), :9465 (dedup), :9466 (enrich), :9467 (route). Ctrl-C stops."
  tail -n 0 -f "$LOGS/enriched.jsonl" | python3 "$ROOT/scripts/digest.py" &
  PIDS+=($!)
  wait "$TAIL_PID"
fi
