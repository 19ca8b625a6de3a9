#!/usr/bin/env bash
# `sweetshop import-django` as an operator runs it: an empty shop imports, a non-empty one refuses without --merge,
# --merge adds only what is missing, a missing source file is an error. Usage: import_django_test.sh <sweetshop>
set -euo pipefail
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export SWEETSHOP_DATA_DIR="$dir/shop" SWEETSHOP_ARGON2_OPS=1 SWEETSHOP_ARGON2_MEMORY_KIB=8 SWEETSHOP_LOG_LEVEL=warn
source "$(dirname "$0")/check.sh"

sqlite3 "$dir/original.db" <<'SQL'
CREATE TABLE auth_user (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, password varchar(128) NOT NULL,
  last_login datetime NULL, is_superuser bool NOT NULL, username varchar(150) NOT NULL UNIQUE,
  first_name varchar(150) NOT NULL, last_name varchar(150) NOT NULL, email varchar(254) NOT NULL,
  is_staff bool NOT NULL, is_active bool NOT NULL, date_joined datetime NOT NULL);
CREATE TABLE sweets_sweet (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, name varchar(150) NOT NULL UNIQUE,
  category varchar(120) NOT NULL, description text NOT NULL, price decimal NOT NULL,
  quantity integer unsigned NOT NULL, created_at datetime NOT NULL, updated_at datetime NOT NULL,
  created_by_id integer NULL REFERENCES auth_user (id));
INSERT INTO auth_user VALUES (4, 'pbkdf2_sha256$1000$salt$aGFzaA==', NULL, 1, 'oldboss', '', '', 'b@example.com', 1, 1,
  '2025-11-01 09:00:00');
INSERT INTO sweets_sweet VALUES (9, 'Old Fudge', 'Fudge', '', 3.5, 9, '2025-12-14 13:52:12.123456',
  '2025-12-15 08:00:00', 4);
SQL

out=$("$bin" import-django "sqlite:///$dir/original.db")
check "an empty shop imports everything" grep -q "imported 1 user(s) (0 already there) and 1 sweet(s)" <<<"$out"
set +e
out=$("$bin" import-django "sqlite:///$dir/original.db" 2>&1)
rc=$?
set -e
check "a non-empty shop refuses without --merge" test "$rc" -eq 1
check "and says why" grep -q "this shop is not empty (1 user(s), 1 sweet(s)); --merge" <<<"$out"
out=$("$bin" import-django --merge "sqlite:///$dir/original.db")
check "--merge adds only what is missing" grep -q "imported 0 user(s) (1 already there) and 0 sweet(s) (1 already" <<<"$out"
out=$("$bin" verify-stock)
check "the imported stock is in the ledger" grep -q "checked 1 sweet(s): every quantity equals" <<<"$out"
set +e
"$bin" import-django "sqlite:///$dir/nowhere.db" >/dev/null 2>&1
rc=$?
set -e
check "a missing source file is an error" test "$rc" -eq 1
check "and creates no file" test ! -e "$dir/nowhere.db"

finish
