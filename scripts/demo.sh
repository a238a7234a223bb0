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
# scripts/pipeline.sh starts and stops everything (as for the kits' tests).
PIPELINE_BIN="$BIN"
PIPELINE_TAG=demo
source "$ROOT/scripts/pipeline.sh"
trap pipeline_stop EXIT
trap 'exit 130' INT TERM

pipeline_broker ""
BROKERS="$PIPELINE_BROKERS"
# A fresh topic prefix per run keeps runs apart on a long-lived broker.
PREFIX="demo-$(date +%s)."
pipeline_start "$PREFIX" "$LOGS" "$SUBSCRIPTIONS" 9464
for stage in "${PIPELINE_STAGES[@]}"; do
  echo "demo: newswire-$stage running, metrics on http://127.0.0.1:${PIPELINE_PORT[$stage]}/metrics, log $LOGS/$stage.log" >&2
done

# Print enriched records as they arrive.
"$BIN/newswire" tail "${PREFIX}wire.enriched" --brokers="$BROKERS" \
    --from_beginning >"$LOGS/enriched.jsonl" 2>"$LOGS/tail.log" &
TAIL_PID=$!
pipeline_track $TAIL_PID
tail -n +1 -f "$LOGS/enriched.jsonl" | python3 "$ROOT/scripts/digest.py" &
ECHO_PID=$!
pipeline_track $ECHO_PID

mapfile -t files < <(find "$FEED" -maxdepth 1 -type f ! -name 'README*' | sort)
start=$(date +%s.%N)
pipeline_publish demo "${files[@]}"
total=$PIPELINE_PUBLISHED
# Every published record ends in exactly one of wire.enriched,
# wire.duplicates and wire.dlq.
pipeline_wait_landed 120
enriched=$PIPELINE_ENRICHED
duplicates=$PIPELINE_DUPLICATES
dead=$PIPELINE_DEAD
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

# What each subscription received (newswire-route, wire.sub.<name>), once
# route has committed every enriched record.
pipeline_wait_routed 60
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
  pipeline_track $!
  wait "$TAIL_PID"
fi
