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
mapfile -t sources < <(git ls-files '*.cc' | grep -v -e '_fuzz' -e '^build')
echo "lint.sh: clang-tidy on ${#sources[@]} files"
printf '%s\n' "${sources[@]}" | xargs -P 2 -n 8 clang-tidy -p "$BUILD_DIR" --quiet 2>/dev/null
