#!/usr/bin/env bash
# Runs every test: unit tests, integration tests against a real Kafka broker
# (started here and stopped on exit), then the area suites that mk/*.mk
# registers (fuzzing, deploy checks). Called by `make test` after the build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build}"

"$ROOT/scripts/kafka.sh" start
trap '"$ROOT/scripts/kafka.sh" stop' EXIT
export NEWSWIRE_TEST_BROKERS="$("$ROOT/scripts/kafka.sh" bootstrap)"
export NEWSWIRE_BIN_DIR="$ROOT/$BUILD_DIR/bin"
echo "test.sh: broker at $NEWSWIRE_TEST_BROKERS"

status=0
(cd "$BUILD_DIR" && ctest --output-on-failure --timeout 600) || status=1

# Suites registered by areas (each a make target; all run, failures counted).
for target in $(make -s -f "$ROOT/Makefile" print-test-suites 2>/dev/null); do
  echo "test.sh: make $target"
  if ! make -s "$target"; then
    echo "test.sh: $target FAILED"
    status=1
  fi
done
exit $status
