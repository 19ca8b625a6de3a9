#!/usr/bin/env bash
# The stock commands as an operator runs them: seed-demo fills an empty shop once, verify-stock exits 0 when every
# quantity equals its ledger and 1 (naming the sweet) when one does not. Usage: stock_commands_test.sh <sweetshop>
set -euo pipefail
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export SWEETSHOP_DATA_DIR="$dir" SWEETSHOP_ARGON2_OPS=1 SWEETSHOP_ARGON2_MEMORY_KIB=8 SWEETSHOP_LOG_LEVEL=warn
source "$(dirname "$0")/check.sh"

check "seed-demo refuses without an admin" bash -c "! '$bin' seed-demo >/dev/null 2>&1"
SWEETSHOP_ADMIN_PASSWORD=admin-password-1 "$bin" create-admin boss >/dev/null
out=$("$bin" seed-demo)
check "seed-demo adds the demo catalogue" grep -q "added 37 demo sweets in 8 categories (6 out of stock), created by 'boss'" <<<"$out"
out=$("$bin" seed-demo)
check "a second seed-demo adds nothing" grep -q "the shop already has 37 sweet(s); nothing added" <<<"$out"
out=$("$bin" verify-stock)
check "verify-stock passes on a fresh shop" grep -q "checked 37 sweet(s): every quantity equals the sum of its ledger" <<<"$out"

sqlite3 "$dir/sweetshop.db" "UPDATE sweets SET quantity = quantity + 5 WHERE name = 'Caramel Fudge'"
set +e
out=$("$bin" verify-stock)
rc=$?
set -e
check "verify-stock exits 1 on a mismatch" test "$rc" -eq 1
check "verify-stock names the sweet" grep -q 'MISMATCH sweet 1 "Caramel Fudge": quantity 45, ledger sum 40' <<<"$out"

finish
