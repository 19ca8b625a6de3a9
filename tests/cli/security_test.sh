#!/usr/bin/env bash
# What an operator sees of the security settings, run as the binary runs: the data directory 0700, the database, its
# WAL/SHM files and the secret key 0600 (also when they existed with wider modes), and production refusing CORS "*".
# Usage: security_test.sh <sweetshop>
set -euo pipefail
bin=$1
dir=$(mktemp -d)
trap '[[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
export SWEETSHOP_ARGON2_OPS=1 SWEETSHOP_ARGON2_MEMORY_KIB=8 SWEETSHOP_LOG_LEVEL=warn
source "$(dirname "$0")/check.sh"
mode() { stat -c %a "$1"; }

data="$dir/data"
SWEETSHOP_DATA_DIR="$data" "$bin" serve --port 0 >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do [[ -s "$data/secret_key" && -e "$data/sweetshop.db-wal" ]] && break; sleep 0.1; done
check "the data directory is 0700" test "$(mode "$data")" = 700
check "the database is 0600" test "$(mode "$data/sweetshop.db")" = 600
check "its WAL is 0600" test "$(mode "$data/sweetshop.db-wal")" = 600
check "its shared memory file is 0600" test "$(mode "$data/sweetshop.db-shm")" = 600
check "the secret key is 0600" test "$(mode "$data/secret_key")" = 600
kill "$pid"; wait "$pid" || true; pid=

# Files left with wide modes by an older version are narrowed at the next start.
chmod 755 "$data"; chmod 644 "$data/sweetshop.db" "$data/secret_key"
SWEETSHOP_DATA_DIR="$data" "$bin" migrate >/dev/null
check "migrate narrows the directory again" test "$(mode "$data")" = 700
check "and the database" test "$(mode "$data/sweetshop.db")" = 600

set +e
out=$(SWEETSHOP_ENV=production SWEETSHOP_SECRET_KEY=$(printf 'k%.0s' $(seq 40)) CORS_ALLOWED_ORIGINS='*' \
  SWEETSHOP_DATA_DIR="$dir/prod" "$bin" serve --port 0 2>&1)
rc=$?
set -e
check "production refuses CORS * (exit 2)" test "$rc" -eq 2
check "and says why" grep -q 'CORS_ALLOWED_ORIGINS (--cors-allowed-origins): "\*" is refused with SWEETSHOP_ENV=production' <<<"$out"

finish
