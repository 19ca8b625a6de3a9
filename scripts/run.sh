#!/usr/bin/env bash
# Quick start: installs what is missing, builds in Release, applies migrations, makes sure an admin exists, and
# serves the shop on http://localhost:8000 with SQLite in ./data. An empty shop gets a demo catalogue
# (SWEETSHOP_SEED_DEMO=0 skips it). Extra arguments go to `sweetshop serve`.
# Admin password: SWEETSHOP_ADMIN_PASSWORD, or a generated one printed once when the admin is first created.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh release

bin=build/release/sweetshop
export SWEETSHOP_DATA_DIR="${SWEETSHOP_DATA_DIR:-data}"
"$bin" migrate
"$bin" create-admin admin --if-missing --generate-password
if [ "${SWEETSHOP_SEED_DEMO:-1}" != 0 ]; then
    "$bin" seed-demo | tail -n 1
fi
exec "$bin" serve "$@"
