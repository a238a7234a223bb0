#!/usr/bin/env bash
# Runs the subscriber kits' tests against the real pipeline: the three
# services on the local broker under a fresh topic prefix, the sample feed
# (plus clients/testdata: an update and a kill) published to wire.raw, and,
# once every record has landed, each kit's own test runner reading
# wire.enriched with its own subscriber API.
#
#   clients/tests/run.sh [python] [go] [java] [typescript]   (default: all)
#
# Uses the broker in NEWSWIRE_TEST_BROKERS (scripts/test.sh exports it), or
# starts one with scripts/kafka.sh and stops it on exit. Binaries come from
# NEWSWIRE_BIN_DIR (default build/bin). Every kit runs even if one fails; the
# exit status is non-zero if any did. A missing toolchain fails its kit.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN="${NEWSWIRE_BIN_DIR:-$ROOT/build/bin}"
OUT="$ROOT/build/clients"
KITS=("$@")
(( ${#KITS[@]} )) || KITS=(python go java typescript)
export PATH="$PATH:/usr/local/go/bin"

log() { echo "clients: $*" >&2; }
PIDS=()
BROKER_STARTED=0
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if (( BROKER_STARTED )); then scripts/kafka.sh stop; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for b in newswire newswire-ingest newswire-dedup newswire-enrich; do
  [[ -x "$BIN/$b" ]] || { log "FAILED: $BIN/$b missing (make build)"; exit 1; }
done

if [[ -z "${NEWSWIRE_TEST_BROKERS:-}" ]]; then
  if ! scripts/kafka.sh status; then
    scripts/kafka.sh start || exit 1
    BROKER_STARTED=1
  fi
  NEWSWIRE_TEST_BROKERS="$(scripts/kafka.sh bootstrap)"
fi
export NEWSWIRE_TEST_BROKERS
PREFIX="clients-$$-$(date +%s)."
export NEWSWIRE_TEST_TOPIC_PREFIX="$PREFIX"
LOGS="$OUT/logs/$PREFIX"
mkdir -p "$LOGS"
log "broker $NEWSWIRE_TEST_BROKERS, topic prefix $PREFIX, logs in $LOGS"

# One partition per topic, as in the demo: the feed is a sequence (a story,
# then its re-sends, update and kill) and Kafka orders only within a partition.
for stage in ingest dedup enrich; do
  "$BIN/newswire-$stage" --brokers="$NEWSWIRE_TEST_BROKERS" \
      --topic_prefix="$PREFIX" --transactional_id="${PREFIX}$stage" \
      --metrics_address=127.0.0.1:0 --commit_interval=200ms \
      --topic_partitions=1 >"$LOGS/$stage.log" 2>&1 &
  PIDS+=($!)
done
# Ready: topics created, transactions initialised, consumer subscribed. The
# metrics port is chosen by the OS; each service logs it.
for stage in ingest dedup enrich; do
  deadline=$((SECONDS + 90))
  until port=$(grep -oE 'on port [0-9]+' "$LOGS/$stage.log" 2>/dev/null | grep -oE '[0-9]+$') &&
        curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; do
    if (( SECONDS > deadline )); then
      log "FAILED: newswire-$stage not ready within 90 s:"; tail -20 "$LOGS/$stage.log" >&2
      exit 1
    fi
    sleep 0.2
  done
done

mapfile -t files < <(find testdata/sample_feed clients/testdata -maxdepth 1 -type f \
                       ! -name 'README*' | sort -t/ -k3)
"$BIN/newswire" publish --brokers="$NEWSWIRE_TEST_BROKERS" --topic_prefix="$PREFIX" \
    --source=clients-test "${files[@]}" >"$LOGS/publish.log" 2>&1 ||
  { log "FAILED: publish"; cat "$LOGS/publish.log" >&2; exit 1; }

count() {
  "$BIN/newswire" tail "${PREFIX}$1" --brokers="$NEWSWIRE_TEST_BROKERS" \
      --from_beginning --to_end 2>/dev/null | wc -l
}
# Every published record ends in exactly one of these three topics.
deadline=$((SECONDS + 120))
while :; do
  enriched=$(count wire.enriched); dups=$(count wire.duplicates); dead=$(count wire.dlq)
  (( enriched + dups + dead >= ${#files[@]} )) && break
  if (( SECONDS > deadline )); then
    log "FAILED: $((enriched + dups + dead)) of ${#files[@]} records arrived within 120 s"
    exit 1
  fi
  sleep 0.5
done
export NEWSWIRE_TEST_EXPECTED_ENRICHED="$enriched"
log "pipeline done: ${#files[@]} published, $enriched enriched, $dups duplicates, $dead dead letters"

run_kit() {
  case "$1" in
    python)
      scripts/install-client-deps.sh python &&
      clients/python/generate.sh &&
      "$OUT/venv/bin/python" -m pytest -v clients/python/tests ;;
    go)
      scripts/install-client-deps.sh go &&
      clients/go/generate.sh &&
      (cd clients/go && go vet ./... && go test -count=1 -v ./...) ;;
    java)
      scripts/install-client-deps.sh java &&
      mvn -B -f clients/java/pom.xml test ;;
    typescript)
      scripts/install-client-deps.sh typescript &&
      (cd clients/typescript && npm test --silent) ;;
    *) log "unknown kit $1"; return 2 ;;
  esac
}

status=0
summary=()
for kit in "${KITS[@]}"; do
  log "== $kit =="
  start=$SECONDS
  if run_kit "$kit"; then
    summary+=("$kit: ok ($((SECONDS - start)) s)")
  else
    summary+=("$kit: FAILED ($((SECONDS - start)) s)")
    status=1
  fi
done
log "== summary =="
for line in "${summary[@]}"; do log "  $line"; done
exit $status
