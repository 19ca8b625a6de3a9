#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test suite: unit, API (real server) and the OpenAPI validation
# on the Release build, then again under AddressSanitizer + UndefinedBehaviorSanitizer.
# Set SWEETSHOP_SKIP_SANITIZERS=1 to run the Release suites only.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh release --test
echo "==> Tests (release)"
ctest --preset release -j2 --timeout 600 --no-tests=error

if [[ "${SWEETSHOP_SKIP_SANITIZERS:-0}" != 1 ]]; then
  scripts/build.sh asan --test
  echo "==> Tests (address + undefined behaviour sanitizers)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --preset asan -j2 --timeout 900 --no-tests=error
fi
