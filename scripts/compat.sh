#!/usr/bin/env bash
# Runs the integration tests and the security test (TLS, SCRAM, mTLS, ACLs;
# tests/security) against each Kafka version given, one broker at a time, and
# prints a table version -> result. Behind `make test-compat`
# (mk/compat.mk); docs/KAFKA_VERSIONS.md records the results measured.
#
#   scripts/compat.sh 3.9.2 4.4.0
#
# Each version's jars are fetched once into build/kafka/libs-<version>
# (scripts/kafka.sh). ctest's output for a version goes to
# build/compat/<version>.log. Exit status: 0 only if every version passed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build}"
KAFKA="$ROOT/scripts/kafka.sh"

(( $# > 0 )) || { echo "usage: $0 VERSION..." >&2; exit 2; }
[[ -d "$BUILD_DIR/bin" ]] || { echo "compat.sh: no $BUILD_DIR/bin; run make build first" >&2; exit 1; }
# Each version needs a broker of its own; a broker someone started by hand
# (make broker-start) is left alone rather than stopped under them.
if "$KAFKA" status; then
  echo "compat.sh: a broker is already running in ${NEWSWIRE_KAFKA_DIR:-build/kafka} ($("$KAFKA" bootstrap)); stop it first (make broker-stop)" >&2
  exit 1
fi
trap '"$KAFKA" stop' EXIT

LOGDIR="$ROOT/$BUILD_DIR/compat"
mkdir -p "$LOGDIR"
export NEWSWIRE_BIN_DIR="$ROOT/$BUILD_DIR/bin"
declare -a rows
status=0
for version in "$@"; do
  export NEWSWIRE_KAFKA_VERSION="$version"
  log="$LOGDIR/$version.log"
  echo "compat.sh: == Kafka $version =="
  begin=$SECONDS
  if ! "$KAFKA" start; then
    rows+=("$version|FAIL|broker did not start|-|-")
    status=1
    continue
  fi
  export NEWSWIRE_TEST_BROKERS="$("$KAFKA" bootstrap)"
  result=PASS
  (cd "$BUILD_DIR" && ctest -L integration --output-on-failure --timeout 600) \
      2>&1 | tee "$log" || result=FAIL
  # ctest's closing line: "N% tests passed, F tests failed out of T".
  counts="$(sed -nE 's/^[0-9]+% tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\1 \2/p' "$log" | tail -1)"
  if [[ -n "$counts" ]]; then
    read -r failed total <<<"$counts"
    counts="$((total - failed))/$total passed"
  else
    counts="no ctest summary (see $log)"
    result=FAIL
  fi
  "$KAFKA" stop
  # The security test starts a broker of its own (same jars, secured).
  slog="$LOGDIR/$version-security.log"
  python3 "$ROOT/tests/security/security_test.py" >"$slog" 2>&1 || result=FAIL
  security="$(sed -nE 's/^security: ([0-9]+) passed, ([0-9]+) failed$/\1 passed, \2 failed/p' "$slog" | tail -1)"
  [[ -n "$security" ]] || { security="no summary (see $slog)"; result=FAIL; }
  [[ "$result" == PASS ]] || status=1
  rows+=("$version|$result|$counts|$security|$((SECONDS - begin)) s")
done

librdkafka="$(pkg-config --modversion rdkafka 2>/dev/null || echo unknown)"
echo
echo "== Kafka compatibility (integration tests, librdkafka $librdkafka) =="
printf '  %-10s %-6s %-20s %-24s %s\n' version result integration security time
for row in "${rows[@]}"; do
  IFS='|' read -r v r c sec t <<<"$row"
  printf '  %-10s %-6s %-20s %-24s %s\n' "$v" "$r" "$c" "$sec" "$t"
done
echo "  logs: $LOGDIR/<version>.log"
exit $status
