#!/usr/bin/env bash
# The load benchmark: for each backend, starts a Release server on a fresh database (SQLite; then a throwaway
# PostgreSQL 15 with fsync on), seeds 1,000 sweets in 10 categories with large stock, drives each route with wrk, and
# prints a Markdown table (the ones docs/performance.md shows). nginx serving the list page's body as a static file
# is the ceiling of every row; pgbench running the purchase transaction is the PostgreSQL rows' database ceiling.
#
#   bench/load.sh                 # 3 rounds of 10 s per row at 64 connections, after a warm-up (about 14 minutes)
#   bench/load.sh --quick         # 1 round of 3 s per row (a smoke run)
#   BENCH_BACKENDS=sqlite bench/load.sh   # one backend only (sqlite or postgres)
#
# Everything runs on 127.0.0.1; wrk and the server share the machine's cores, so rates compare routes with each
# other and with nginx measured in the same run, not absolute capacity. Server CPU per request comes from
# /proc/<pid>/stat and stays meaningful on a noisy machine.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3 duration=10 warmup=3 connections=64
if [[ "${1:-}" == "--quick" ]]; then rounds=1 duration=3 warmup=1; fi
backends=${BENCH_BACKENDS:-sqlite postgres}
port=${BENCH_PORT:-18080}
nginx_port=${BENCH_NGINX_PORT:-18081}

scripts/install-deps.sh --bench
scripts/build.sh release
bin="$PWD/build/release/sweetshop"

work=$(mktemp -d /tmp/sweetshop-bench.XXXXXX)
chmod 755 "$work"
server_pid="" nginx_pid="" pg_dir=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  [[ -n "$pg_dir" ]] && scripts/throwaway-postgres.sh stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT

export SWEETSHOP_PORT="$port" SWEETSHOP_LOG_LEVEL=warn
export USERNAME=bench PASSWORD=bench-password-1 SWEETS=1000

# One HTTP/1.0 request over bash's /dev/tcp (no process to start, so the poll loop is fine-grained).
answers() {
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET /api/health/ HTTP/1.0\r\n\r\n' >&3
  local line=""
  read -r -t 1 line <&3 || true
  exec 3<&- 3>&-
  [[ "$line" == *" 200 "* ]]
}

# start_server <backend>: a fresh database (SQLite in the work directory, or the throwaway PostgreSQL's database),
# seeded, and the server on it; sets server_pid, first_answer_ms and TOKEN.
start_server() {
  export SWEETSHOP_DATA_DIR="$work/$1"
  if [[ "$1" == postgres ]]; then export DATABASE_URL="$pg_url"; else unset DATABASE_URL; fi
  echo "==> [$1] Seeding 1,000 sweets (stock 1,000,000 each)"
  "$bin" migrate >/dev/null
  SWEETSHOP_ADMIN_PASSWORD="$PASSWORD" "$bin" create-admin "$USERNAME" >/dev/null
  "$bin" seed-demo --synthetic "$SWEETS" --stock 1000000 | tail -n 1
  if answers; then
    echo "error: something already answers on port $port; stop it or set BENCH_PORT" >&2
    return 1
  fi
  echo "==> Starting the server (defaults: 2 I/O threads, 8 workers, Argon2id 7 MiB x 5)"
  start_ns=$(date +%s%N)
  "$bin" serve >"$work/server.log" 2>&1 &
  server_pid=$!
  until answers; do
    if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log"; return 1; fi
    sleep 0.01  # a short wait, not a busy loop on the cores the server is starting on
  done
  first_answer_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
  kill -0 "$server_pid" 2>/dev/null || { echo "error: the server exited" >&2; cat "$work/server.log"; return 1; }

  TOKEN=$(curl -sf -X POST "http://127.0.0.1:$port/api/auth/login/" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" | sed 's/.*"access":"\([^"]*\)".*/\1/')
  export TOKEN
}

stop_server() {
  kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# A query on the backend's database (for the sales check).
query() {
  if [[ "$1" == postgres ]]; then psql "$pg_url" -Atqc "$2"; else sqlite3 "$work/sqlite/sweetshop.db" "$2"; fi
}

if [[ " $backends " == *" postgres "* ]]; then
  echo "==> Starting a throwaway PostgreSQL 15 (fsync on)"
  pg_env=$(SWEETSHOP_PG_FSYNC=on scripts/throwaway-postgres.sh start)
  pg_dir=$(echo "$pg_env" | sed -n "s/.*SWEETSHOP_PG_DIR='\([^']*\)'.*/\1/p")
  pg_url=$(echo "$pg_env" | sed -n "s/.*SWEETSHOP_TEST_POSTGRES_URL='\([^']*\)'.*/\1/p")
fi

first_backend=${backends%% *}
start_server "$first_backend"

echo "==> Starting nginx with the list page's body as a static file"
mkdir -p "$work/static"
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/sweets/" >"$work/static/page.json"
chmod -R a+rX "$work/static"
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/static;
    location / { default_type application/json; }
  }
}
EOF
nginx -e "$work/nginx-error.log" -p "$work" -c "$work/nginx.conf" &
nginx_pid=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/page.json" && break; sleep 0.05; done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
to_ms() {  # wrk's "637.00us" / "1.43ms" / "2.01s" -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000;
                         printf "%.2f", n }'
}

# run_wrk <pid of the measured process> <url> [script] -> "rps p50 p99 requests errors cpu_us"
run_wrk() {
  local pid=$1 url=$2 script=${3:-} out="$work/wrk.out"
  local args=(-t1 "-c$connections" "-d${duration}s" --latency)
  [[ -n "$script" ]] && args+=(-s "$script")
  local before after
  before=$(cpu_ticks "$pid")
  wrk "${args[@]}" "$url" >"$out"
  after=$(cpu_ticks "$pid")
  local rps p50 p99 requests errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  requests=$(awk '/requests in/ {print $1}' "$out")
  errors=$(awk '/Non-2xx/ {n += $5} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")
  # clock ticks are 1/CLK_TCK s
  local hz
  hz=$(getconf CLK_TCK)
  local cpu_us
  cpu_us=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.1f", n ? t * 1e6 / hz / n : 0 }')
  echo "$rps $p50 $p99 $requests $errors $cpu_us"
}

rss_mib() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

# measure <pid> <url> [script] -> the median round by rate, errors summed over the rounds, and the measured
# process's resident memory at the end of the row
measure() {
  local pid=$1 url=$2 script=${3:-}
  local warm_args=(-t1 "-c$connections" "-d${warmup}s")
  [[ -n "$script" ]] && warm_args+=(-s "$script")
  wrk "${warm_args[@]}" "$url" >/dev/null
  local results=() errors=0
  for _ in $(seq "$rounds"); do
    local r
    r=$(run_wrk "$pid" "$url" "$script")
    results+=("$r")
    errors=$((errors + $(echo "$r" | awk '{print $5}')))
  done
  local median
  median=$(printf '%s\n' "${results[@]}" | sort -n -k1,1 | awk -v m=$(((rounds + 1) / 2)) 'NR == m')
  echo "$median" | awk -v e="$errors" -v rss="$(rss_mib "$pid")" '{print $1, $2, $3, e, $6, rss}'
}

base="http://127.0.0.1:$port"
declare -a rows
add_row() {  # label, then "rps p50 p99 errors cpu_us rss_mib"
  rows+=("$1|$2")
  echo "    $1: $2"
}

# measure_backend <backend>: every row against the running server, then the checks and the table.
measure_backend() {
  local backend=$1
  echo "==> [$backend] Measuring ($rounds round(s) of ${duration}s at $connections connections per row)"
  rows=()
  add_row "nginx, the list page as a static file" "$nginx_result"
  add_row "GET /api/sweets/ (page 1, with a token)" "$(measure "$server_pid" "$base/api/sweets/" bench/wrk/auth.lua)"
  add_row "GET /api/sweets/search/?name=sweet%2001&min_price=1&max_price=5" \
    "$(measure "$server_pid" "$base/api/sweets/search/?name=sweet%2001&min_price=1&max_price=5" bench/wrk/auth.lua)"
  add_row "GET /api/sweets/{id}/ (a random sweet)" "$(measure "$server_pid" "$base/api/sweets/1/" bench/wrk/detail.lua)"
  add_row "POST /api/sweets/{id}/purchase/ (a random sweet, amount 1)" \
    "$(measure "$server_pid" "$base/api/sweets/1/purchase/" bench/wrk/purchase.lua)"
  add_row "POST /api/orders/ (3 random sweets, 1 each)" "$(measure "$server_pid" "$base/api/orders/" bench/wrk/order.lua)"
  sold=$(query "$backend" "SELECT COALESCE(SUM(amount), 0) FROM order_lines")
  stock_drop=$(query "$backend" "SELECT $SWEETS * 1000000 - SUM(quantity) FROM sweets")
  add_row "POST /api/auth/login/ (Argon2id 7 MiB x 5)" "$(measure "$server_pid" "$base/api/auth/login/" bench/wrk/login.lua)"
  add_row "GET /api/metrics/sweets/" "$(measure "$server_pid" "$base/api/metrics/sweets/")"
  add_row "GET /api/health/ (the in-process ceiling)" "$(measure "$server_pid" "$base/api/health/")"
  add_row "GET / (the web app's index.html)" "$(measure "$server_pid" "$base/" bench/wrk/gzip.lua)"
  script_path=$(curl -s "$base/" | grep -o '/assets/[^"]*\.js' | head -n 1)
  if [[ -n "$script_path" ]]; then
    add_row "GET the web app's script (gzip, $(curl -s -H 'Accept-Encoding: gzip' "$base$script_path" | wc -c) bytes)" \
      "$(measure "$server_pid" "$base$script_path" bench/wrk/gzip.lua)"
  fi

  # Logins and list pages at the same time: do slow logins hold up the catalogue?
  echo "==> Logins (16 connections) while the list page is read (64 connections)"
  wrk -t1 -c16 "-d$((duration + 2))s" -s bench/wrk/login.lua "$base/api/auth/login/" >"$work/login-mixed.out" &
  login_wrk=$!
  sleep 1
  mixed_list=$(run_wrk "$server_pid" "$base/api/sweets/" bench/wrk/auth.lua)
  wait "$login_wrk"
  mixed_login_rps=$(awk '/Requests\/sec/ {print $2}' "$work/login-mixed.out")
  add_row "GET /api/sweets/ while logins run" \
    "$(echo "$mixed_list" | awk -v rss="$(rss_mib "$server_pid")" '{print $1, $2, $3, $5, $6, rss}')"

  peak_kib=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
  verify=$("$bin" verify-stock | tail -n 1)
  ceiling=""
  if [[ "$backend" == postgres ]]; then
    # The database alone running the purchase transaction, durably, at the same concurrency (after the checks above:
    # its rows are not the server's).
    echo "==> [postgres] pgbench: the purchase transaction at $connections clients"
    pgbench -n -M prepared -c "$connections" -j 2 -T "$duration" -f bench/pgbench/purchase.sql "$pg_url" >"$work/pgbench.out" 2>&1
    ceiling=$(awk '/^tps/ {printf "%.0f", $3}' "$work/pgbench.out")
  fi

  echo
  echo "### $backend"
  echo
  echo "| route | req/s | p50 ms | p99 ms | errors | server CPU µs/req | RSS after, MiB | share of nginx |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for row in "${rows[@]}"; do
    label=${row%%|*}
    read -r rps p50 p99 errors cpu rss <<<"${row#*|}"
    share=$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { printf "%.0f%%", b ? 100 * a / b : 0 }')
    printf '| %s | %.0f | %s | %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$errors" "$cpu" "$rss" "$share"
  done
  echo
  if [[ -n "$ceiling" ]]; then
    echo "- pgbench, the purchase transaction (prepared, durable commit, $connections clients): $ceiling per second"
  fi
  echo "- logins during the mixed row: $mixed_login_rps per second"
  echo "- purchases and orders: $sold units sold (sum of the order lines), stock dropped by $stock_drop; $verify"
  echo "- server peak resident memory over the whole run (VmHWM): $((peak_kib / 1024)) MiB ($peak_kib KiB)"
  echo "- process start to first answered request: $first_answer_ms ms"
  echo "- machine: $(nproc) cores, $(uname -r); wrk -t1 -c$connections, $rounds round(s) of ${duration}s, median by rate"
}

echo "==> nginx, the ceiling of every row"
nginx_worker=$(pgrep -P "$nginx_pid" | head -n 1 || true)
nginx_result=$(measure "${nginx_worker:-$nginx_pid}" "http://127.0.0.1:$nginx_port/page.json")
nginx_rps=$(echo "$nginx_result" | awk '{print $1}')
for backend in $backends; do
  [[ "$backend" == "$first_backend" ]] || start_server "$backend"
  measure_backend "$backend" | tee "$work/table-$backend.md"
  stop_server
done
echo
echo "==> The tables"
for backend in $backends; do sed -n '/^### /,$p' "$work/table-$backend.md"; echo; done
