#!/usr/bin/env bash
# Runs the deploy/observability suites: the offline checks, then the
# real-Prometheus test against a real broker. Uses NEWSWIRE_TEST_BROKERS when
# set (make test starts the broker); otherwise starts scripts/kafka.sh and
# stops it on exit if this script started it. Exit 0 only if both passed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export NEWSWIRE_BIN_DIR="${NEWSWIRE_BIN_DIR:-$ROOT/build/bin}"
PY=/usr/bin/python3

if [[ -z "${NEWSWIRE_TEST_BROKERS:-}" ]]; then
  if ! scripts/kafka.sh status >/dev/null 2>&1; then
    scripts/kafka.sh start || { echo "observability: 0 passed, 1 failed (broker did not start)"; exit 1; }
    trap 'scripts/kafka.sh stop' EXIT
  fi
  NEWSWIRE_TEST_BROKERS="$(scripts/kafka.sh bootstrap)"
  export NEWSWIRE_TEST_BROKERS
fi

status=0
"$PY" tests/observability/test_static.py || status=1
"$PY" tests/observability/test_live_prometheus.py || status=1
exit $status
