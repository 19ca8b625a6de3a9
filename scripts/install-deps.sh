#!/usr/bin/env bash
# Installs every system package the build, the server and the tests need (Debian 12, as root).
# Idempotent: packages already present are not fetched again. Usage: scripts/install-deps.sh [--test] [--bench]
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev nlohmann-json3-dev
  libsoci-dev libboost-dev libsqlite3-dev sqlite3 libpq-dev libcurl4-openssl-dev libcsv-dev
  libjwt-dev libsodium-dev libssl-dev libspdlog-dev libcli11-dev libicu-dev libvips-dev libwebp-dev
  nodejs npm
)
# Tests: GoogleTest, Google Benchmark (the bench/ programs build with the tests), promtool (checks /metrics),
# PostgreSQL 15 (the test command runs the storage and API suites on a throwaway cluster too), nginx and curl (the
# scale-out test puts four instances behind nginx), Chromium (the web app's end-to-end tests drive Debian's browser
# through playwright-core from npm; no browser is ever downloaded), clang with libFuzzer (the fuzz targets).
test_packages=(
  libgtest-dev libgmock-dev libbenchmark-dev clang-format prometheus postgresql-15 postgresql-client-15
  nginx-light curl chromium clang-14 libfuzzer-14-dev libclang-rt-14-dev
)
# The load benchmark (bench/load.sh): wrk drives the server, nginx gives the static-file ceiling, a throwaway
# PostgreSQL 15 runs the PostgreSQL rows and pgbench gives their ceiling.
bench_packages=(
  wrk nginx-light curl postgresql-15 postgresql-client-15
)
want=("${packages[@]}")
for flag in "$@"; do
  case "$flag" in
    --test) want+=("${test_packages[@]}") ;;
    --bench) want+=("${bench_packages[@]}") ;;
    *) echo "usage: scripts/install-deps.sh [--test] [--bench]" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  # node and npm may come from elsewhere than Debian's packages (e.g. a newer Node.js): keep what works.
  if [[ "$p" == nodejs ]] && command -v node >/dev/null 2>&1; then continue; fi
  if [[ "$p" == npm ]] && command -v npm >/dev/null 2>&1; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
done

if ((${#missing[@]})); then
  echo "==> Installing ${#missing[@]} missing package(s): ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: packages are missing and this is not root; run as root or install them: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "==> System packages: all present"
fi
