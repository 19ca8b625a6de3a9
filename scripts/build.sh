#!/usr/bin/env bash
# Installs what is missing, builds the web app (frontend/dist) and a CMake preset that embeds it
# (default: release -> build/release/sweetshop).
# Usage: scripts/build.sh [preset] [--test]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
deps_flag="${2:-}"

scripts/install-deps.sh ${deps_flag}

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
