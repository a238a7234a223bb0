#!/usr/bin/env bash
# Runs the tests under the sanitizers (`make test-sanitizers`, and `make test`
# through TEST_SUITES):
#   asan  build-asan/, -fsanitize=address,undefined: every unit and
#         integration test; the services the integration tests start are the
#         sanitized ones from build-asan/bin.
#   tsan  build-tsan/, -fsanitize=thread: the stream processor integration
#         test and the common/kafka and common/metrics unit tests.
# Any report fails the run: ASan and UBSan abort the process, LSan makes it
# exit non-zero, TSan halts on the first race. Service logs
# (build/test-logs/) are scanned too, for reports from a service that a test
# killed or expected to fail.
#
# Environment: SANITIZERS ("asan tsan", or one of them), SANITIZER_JOBS
# (ninja -j, default 2), NEWSWIRE_TEST_BROKERS (a running broker; otherwise
# one is started with scripts/kafka.sh and stopped at the end).
# Suppressions, each with its reason: tests/sanitizers/*.supp.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SANITIZERS="${SANITIZERS:-asan tsan}"
JOBS="${SANITIZER_JOBS:-2}"
SUPP="$ROOT/tests/sanitizers"

# -O1 with line tables: a third of the compile time of RelWithDebInfo's -O2 -g
# and stacks that still name file:line. No NDEBUG, so assert()s are checked.
CMAKE_ARGS=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1"
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1"
  -DNEWSWIRE_BUILD_BENCHMARKS=OFF -DNEWSWIRE_BUILD_FUZZERS=OFF)
SERVICES=(newswire newswire-ingest newswire-dedup newswire-enrich newswire-route)
TSAN_TESTS=(stream_processor_integration_test kafka_error_test lazy_slots_test
  kafka_client_test metrics_test)

log() { echo "test-sanitizers: $*"; }

if [[ -z "${NEWSWIRE_TEST_BROKERS:-}" ]]; then
  if ! scripts/kafka.sh status; then
    trap 'scripts/kafka.sh stop' EXIT
  fi
  scripts/kafka.sh start
  NEWSWIRE_TEST_BROKERS="$(scripts/kafka.sh bootstrap)"
  export NEWSWIRE_TEST_BROKERS
fi
log "broker at $NEWSWIRE_TEST_BROKERS"

configure() {  # dir sanitizers [cmake args...]
  local dir="$1" sanitize="$2"; shift 2
  cmake -S . -B "$dir" "${CMAKE_ARGS[@]}" "-DNEWSWIRE_SANITIZE=$sanitize" "$@" \
    >/dev/null
}

build() {  # dir targets...
  local dir="$1"; shift
  if ! nice -n 10 ninja -C "$dir" -j "$JOBS" "$@" >"$dir/ninja.log" 2>&1; then
    tail -40 "$dir/ninja.log"
    log "build in $dir failed (log: $dir/ninja.log)"
    exit 1
  fi
}

# Fails if a service log written since `marker` holds a sanitizer report.
scan_service_logs() {  # marker
  local found=0 f
  [[ -d build/test-logs ]] || return 0
  while IFS= read -r f; do
    if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|WARNING: ThreadSanitizer' "$f"; then
      log "sanitizer report in $f:"
      grep -E -A30 'ERROR: (Address|Leak)Sanitizer|runtime error:|WARNING: ThreadSanitizer' "$f" | head -60
      found=1
    fi
  done < <(find build/test-logs -type f -newer "$1")
  return $found
}

status=0

run_asan() {
  local t0=$SECONDS dir=build-asan
  configure $dir address,undefined
  local tests
  # Tests that are executables are built by name; script tests (cli_test)
  # have no target of their own and run the binaries built below.
  tests=$(cd $dir && ctest -N -L 'unit|integration' | sed -n 's/^ *Test *#[0-9]*: //p' |
          while read -r t; do ninja -t query "$t" >/dev/null 2>&1 && echo "$t"; done)
  log "asan: building $(wc -w <<<"$tests") tests and ${SERVICES[*]}"
  build $dir $tests "${SERVICES[@]}"
  log "asan: built in $((SECONDS - t0)) s"
  export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
  export LSAN_OPTIONS="suppressions=$SUPP/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$SUPP/ubsan.supp"
  export NEWSWIRE_BIN_DIR="$ROOT/$dir/bin"
  touch $dir/.run-start
  local t1=$SECONDS
  (cd $dir && ctest -L unit -j "$JOBS" --output-on-failure --timeout 600) || status=1
  log "asan: unit tests in $((SECONDS - t1)) s"
  t1=$SECONDS
  (cd $dir && ctest -L integration --output-on-failure --timeout 900) || status=1
  log "asan: integration tests in $((SECONDS - t1)) s"
  scan_service_logs $dir/.run-start || status=1
  unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
  log "asan: done in $((SECONDS - t0)) s"
}

run_tsan() {
  local t0=$SECONDS dir=build-tsan
  # clang: with GCC 12's TSan, protobuf's inline Map lookups crash on maps
  # built by Debian's (uninstrumented) libprotobuf; clang 14's do not.
  configure $dir thread -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
  log "tsan: building ${TSAN_TESTS[*]}"
  build $dir "${TSAN_TESTS[@]}"
  log "tsan: built in $((SECONDS - t0)) s"
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$SUPP/tsan.supp"
  local t1=$SECONDS regex
  regex="^($(IFS='|'; echo "${TSAN_TESTS[*]}"))\$"
  (cd $dir && ctest -R "$regex" --output-on-failure --timeout 900) || status=1
  log "tsan: tests in $((SECONDS - t1)) s"
  unset TSAN_OPTIONS
  log "tsan: done in $((SECONDS - t0)) s"
}

for s in $SANITIZERS; do
  case "$s" in
    asan) run_asan ;;
    tsan) run_tsan ;;
    *) log "unknown sanitizer '$s' (asan, tsan)"; exit 2 ;;
  esac
done
if (( status != 0 )); then log "FAILED"; fi
exit $status
