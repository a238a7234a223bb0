#!/usr/bin/env bash
# clang-format (must be clean) and clang-tidy (bugprone/performance checks,
# see .clang-tidy) over the project's C++ sources.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build}"
mapfile -t files < <(git ls-files '*.cc' '*.h' | grep -v '^build')
echo "lint.sh: clang-format on ${#files[@]} files"
clang-format --dry-run --Werror "${files[@]}"
mapfile -t sources < <(git ls-files '*.cc' | grep -v -e '_fuzz' -e '/fuzz/' -e '^build')
echo "lint.sh: clang-tidy on ${#sources[@]} files"
# Warnings are listed; the checks in .clang-tidy's WarningsAsErrors (and any
# file clang-tidy cannot parse) fail the run.
status=0
printf '%s\n' "${sources[@]}" |
  xargs -P "$(nproc)" -n 8 clang-tidy -p "$BUILD_DIR" --quiet \
    >"$BUILD_DIR/clang-tidy.log" 2>/dev/null || status=$?
grep -E "(warning|error):" "$BUILD_DIR/clang-tidy.log" | sort -u || true
echo "lint.sh: clang-tidy: $(grep -c 'warning:' "$BUILD_DIR/clang-tidy.log" || true) warnings, $(grep -c 'error:' "$BUILD_DIR/clang-tidy.log" || true) errors (log: $BUILD_DIR/clang-tidy.log)"
exit "$status"
