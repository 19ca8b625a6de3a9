#!/usr/bin/env bash
# Installs what is missing, builds, checks the C++ formatting, and runs every test suite: unit, API (real server) and the OpenAPI validation
# on the Release build; the web app's unit tests (Vitest) and end-to-end tests (Debian's Chromium against the real
# server); the libFuzzer targets for a bounded time; the storage and API suites again on a throwaway PostgreSQL 15
# cluster; then everything again under AddressSanitizer + UndefinedBehaviorSanitizer (on SQLite).
# Set SWEETSHOP_SKIP_SANITIZERS=1 to run the Release suites only.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh release --test
# The committed .clang-format over every C++ file git tracks (the web app's formatting is checked below).
echo "==> C++ format check (clang-format)"
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror
echo "==> Tests (release, SQLite)"
ctest --preset release -j2 --timeout 600 --no-tests=error -LE postgres-only

# The libFuzzer targets (request bodies, queries, money, static paths, tokens, the router), 25 s each under ASan and
# UBSan from the committed seed corpus; anything found fails the run.
echo "==> Fuzzing"
scripts/fuzz.sh "${SWEETSHOP_FUZZ_SECONDS:-25}"

# The web app: formatting, lint (oxlint, with the React hooks and accessibility rules), unit tests (jsdom), then
# end-to-end in Chromium against build/release/sweetshop on a fresh SQLite database (frontend/e2e/global-setup.ts
# starts it).
echo "==> Web app: format check, lint and unit tests (Vitest)"
npm run --prefix frontend --silent format:check
npm run --prefix frontend --silent lint
npm run --prefix frontend --silent test
echo "==> Web app: end-to-end tests (Chromium via playwright-core)"
SWEETSHOP_BIN="$PWD/build/release/sweetshop" npm run --prefix frontend --silent e2e

# The storage contract suite and the API suite again, on a throwaway PostgreSQL 15 cluster.
echo "==> Starting a throwaway PostgreSQL 15 cluster"
if ! pg_env=$(scripts/throwaway-postgres.sh start); then
  echo "ERROR: PostgreSQL could not be started, so the PostgreSQL suites cannot run; failing." >&2
  exit 1
fi
eval "$pg_env"
trap 'scripts/throwaway-postgres.sh stop "$SWEETSHOP_PG_DIR"' EXIT
echo "==> Tests (release, PostgreSQL on port $SWEETSHOP_PG_PORT)"
SWEETSHOP_TEST_DATABASE_URL="$SWEETSHOP_TEST_POSTGRES_URL" \
  ctest --preset release -j2 --timeout 600 --no-tests=error -L storage
SWEETSHOP_TEST_DATABASE_URL="$SWEETSHOP_TEST_POSTGRES_URL" ctest --preset release -j2 --timeout 600 --no-tests=error -L api
# The outage test (stops and starts the cluster under a running server) and the scale-out test (four instances
# behind nginx), one at a time.
SWEETSHOP_TEST_DATABASE_URL="$SWEETSHOP_TEST_POSTGRES_URL" ctest --preset release --timeout 600 --no-tests=error \
  -L postgres-only
scripts/throwaway-postgres.sh stop "$SWEETSHOP_PG_DIR"
trap - EXIT

if [[ "${SWEETSHOP_SKIP_SANITIZERS:-0}" != 1 ]]; then
  scripts/build.sh asan --test
  echo "==> Tests (address + undefined behaviour sanitizers)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --preset asan -j2 --timeout 900 --no-tests=error -LE postgres-only
fi
