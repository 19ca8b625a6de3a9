#!/usr/bin/env bash
# Installs what is missing, builds the web app (frontend/dist) and a CMake preset that embeds it
# (default: release -> build/release/sweetshop).
# Usage: scripts/build.sh [preset] [--test] [--bench]   (presets: release, debug, asan; see CMakePresets.json)
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { echo "usage: scripts/build.sh [release|debug|asan] [--test] [--bench]" >&2; exit 2; }
preset=release
deps_flags=()
for arg in "$@"; do
  case "$arg" in
    --test | --bench) deps_flags+=("$arg") ;;
    -h | --help) usage ;;
    -*) echo "scripts/build.sh: unknown option $arg" >&2; usage ;;
    release | debug | asan) preset=$arg ;;
    *) echo "scripts/build.sh: unknown preset $arg" >&2; usage ;;
  esac
done

scripts/install-deps.sh "${deps_flags[@]}"

# npm packages: the API docs page's assets (compiled into the binary) and the OpenAPI validator used by the tests.
if [[ ! -d tools/npm/node_modules || tools/npm/package-lock.json -nt tools/npm/node_modules/.package-lock.json ]]; then
  echo "==> Installing npm packages (tools/npm)"
  npm ci --prefix tools/npm --no-audit --no-fund --loglevel=error
fi

# The web app (frontend/): its build is compiled into the binary, so it comes first.
if [[ ! -d frontend/node_modules || frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]]; then
  echo "==> Installing npm packages (frontend)"
  npm ci --prefix frontend --no-audit --no-fund --loglevel=error
fi
echo "==> Building the web app (frontend/dist)"
npm run --prefix frontend --silent build

# Tests and benchmarks are built when GoogleTest and Google Benchmark are installed (`--test` installs them).
echo "==> Building preset '${preset}'"
cmake --preset "${preset}" -DSWEETSHOP_BUILD_TESTS=ON >/dev/null
cmake --build --preset "${preset}"
