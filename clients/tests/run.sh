#!/usr/bin/env bash
# Runs the subscriber kits' tests against the real pipeline: the four
# services (scripts/pipeline.sh, as for `make demo`; route with
# deploy/subscriptions.example.yaml plus clients/tests/subscriptions.yaml) on
# the local broker under a fresh topic prefix, the sample feed (plus
# clients/testdata: an update and a kill) published to wire.raw, and, once
# every record has landed and been routed, each kit's own test runner
# reading wire.enriched and every wire.sub.<name> with its own subscriber
# API. Before the broker is touched, the fixture
# clients/tests/expected-routes.tsv is checked against `newswire process
# --subscriptions` on the same files (clients/tests/check_routes.py).
#
#   clients/tests/run.sh [python] [go] [java] [typescript]   (default: all)
#
# Uses the broker in NEWSWIRE_TEST_BROKERS (scripts/test.sh exports it), or
# starts one with scripts/kafka.sh and stops it on exit. Binaries come from
# NEWSWIRE_BIN_DIR (default build/bin).
# The kits' tests read NEWSWIRE_TEST_BROKERS, NEWSWIRE_TEST_TOPIC_PREFIX,
# NEWSWIRE_TEST_EXPECTED_ENRICHED (records on wire.enriched),
# NEWSWIRE_TEST_EXPECTED_ROUTES (the fixture's path) and
# NEWSWIRE_TEST_SUBSCRIPTION_RECORDS ("name=count ...": records on each
# wire.sub.<name>). Every kit runs even if one fails; the exit status is
# non-zero if any did. A missing toolchain fails its kit.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN="${NEWSWIRE_BIN_DIR:-$ROOT/build/bin}"
OUT="$ROOT/build/clients"
KITS=("$@")
(( ${#KITS[@]} )) || KITS=(python go java typescript)
export PATH="$PATH:/usr/local/go/bin"

# Route runs with the demo's subscriptions plus the kits' own, merged by
# check_routes.py.
SUBSCRIPTION_FILES=("$ROOT/deploy/subscriptions.example.yaml" "$ROOT/clients/tests/subscriptions.yaml")
SUBSCRIPTIONS="$OUT/subscriptions.yaml"
EXPECTED_ROUTES="$ROOT/clients/tests/expected-routes.tsv"
PIPELINE_BIN="$BIN"
PIPELINE_TAG=clients
source "$ROOT/scripts/pipeline.sh"
log() { pipeline_log "$@"; }
trap pipeline_stop EXIT
trap 'exit 130' INT TERM

mapfile -t files < <(find testdata/sample_feed clients/testdata -maxdepth 1 -type f \
                       ! -name 'README*' | sort -t/ -k3)
# The fixture of what each subscription receives must be what route's own
# library gives offline for the same files before the kits compare Kafka
# against it (check_routes.py says how it is derived).
mkdir -p "$OUT"
python3 clients/tests/check_routes.py --newswire="$BIN/newswire" \
    "${SUBSCRIPTION_FILES[@]/#/--subscriptions=}" --merged="$SUBSCRIPTIONS" \
    --expected="$EXPECTED_ROUTES" "${files[@]}" ||
  { log "FAILED: $EXPECTED_ROUTES does not match newswire process"; exit 1; }

pipeline_broker "${NEWSWIRE_TEST_BROKERS:-}" || exit 1
export NEWSWIRE_TEST_BROKERS="$PIPELINE_BROKERS"
PREFIX="clients-$$-$(date +%s)."
export NEWSWIRE_TEST_TOPIC_PREFIX="$PREFIX"
LOGS="$OUT/logs/$PREFIX"
log "broker $NEWSWIRE_TEST_BROKERS, topic prefix $PREFIX, logs in $LOGS"
pipeline_start "$PREFIX" "$LOGS" "$SUBSCRIPTIONS" 0 || exit 1
pipeline_publish clients-test "${files[@]}" >"$LOGS/publish.log" 2>&1 ||
  { log "FAILED: publish"; cat "$LOGS/publish.log" >&2; exit 1; }
pipeline_wait_landed 120 || exit 1
pipeline_wait_routed 60 || exit 1
export NEWSWIRE_TEST_EXPECTED_ENRICHED="$PIPELINE_ENRICHED"
# What route wrote to each wire.sub.<name>, counted here so that a kit also
# fails on records the fixture does not list: "name=count name=count ...".
counts=()
for name in $(cut -f1 "$EXPECTED_ROUTES" | grep -v '^#' | sort -u); do
  counts+=("$name=$(pipeline_count "wire.sub.$name")")
done
export NEWSWIRE_TEST_SUBSCRIPTION_RECORDS="${counts[*]}"
export NEWSWIRE_TEST_EXPECTED_ROUTES="$EXPECTED_ROUTES"
log "pipeline done: $PIPELINE_PUBLISHED published, $PIPELINE_ENRICHED enriched," \
    "$PIPELINE_DUPLICATES duplicates, $PIPELINE_DEAD dead letters; routed: ${counts[*]}"

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
