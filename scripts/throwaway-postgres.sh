#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests: initdb as the `postgres` user in a temporary directory, listening on
# 127.0.0.1 only, on a free port below 32768. Tests run it with fsync off; SWEETSHOP_PG_FSYNC=on (the benchmark)
# makes every commit durable, as a real server does.
#   eval "$(scripts/throwaway-postgres.sh start)"   # sets SWEETSHOP_PG_DIR, SWEETSHOP_PG_PORT, SWEETSHOP_TEST_POSTGRES_URL
#   scripts/throwaway-postgres.sh stop "$SWEETSHOP_PG_DIR"
set -euo pipefail
bin=/usr/lib/postgresql/15/bin

case "${1:-}" in
  start)
    [[ -x "$bin/initdb" ]] || { echo "error: PostgreSQL 15 is not installed (apt-get install postgresql-15)" >&2; exit 1; }
    dir=$(mktemp -d /tmp/sweetshop-pg.XXXXXX)
    chown postgres:postgres "$dir"
    port=""
    for _ in $(seq 50); do
      candidate=$((20000 + RANDOM % 12000))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
    done
    [[ -n "$port" ]] || { echo "error: no free port found" >&2; exit 1; }
    su postgres -s /bin/sh -c "$bin/initdb -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -t 30 \
      -o \"-p $port -c listen_addresses=127.0.0.1 -k '$dir' -c fsync=${SWEETSHOP_PG_FSYNC:-off} -c max_connections=200\" start" >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    su postgres -s /bin/sh -c "$bin/../bin/psql -h 127.0.0.1 -p $port -U postgres -q -c 'CREATE DATABASE sweetshop_test'" ||
      { echo "error: cannot create the test database" >&2; exit 1; }
    echo "export SWEETSHOP_PG_DIR='$dir' SWEETSHOP_PG_PORT=$port"
    echo "export SWEETSHOP_TEST_POSTGRES_URL='postgres://postgres@127.0.0.1:$port/sweetshop_test'"
    ;;
  stop)
    dir=${2:?usage: throwaway-postgres.sh stop DIR}
    if [[ -d "$dir/data" ]]; then
      su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -m immediate -w stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: throwaway-postgres.sh start | stop DIR" >&2
    exit 2
    ;;
esac
