#!/usr/bin/env bash
# Four `sweetshop serve` instances on one PostgreSQL behind nginx (deploy/nginx/sweetshop.conf with four servers,
# round robin): no oversold stock, tokens valid on any instance, login throttling and idempotency keys shared,
# verify-stock clean; and 400 two-line orders from 16 clients (docs/scaling.md). Needs SWEETSHOP_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway cluster). Usage: scale_out_test.sh BIN
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${SWEETSHOP_TEST_POSTGRES_URL:?needs the throwaway PostgreSQL cluster (scripts/test.sh)}"
work=$(mktemp -d /tmp/sweetshop-scale.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  return 1
}
port_a=$(free_port) port_b=$(free_port) port_c=$(free_port) port_d=$(free_port) port_lb=$(free_port)
instances=("$port_a" "$port_b" "$port_c" "$port_d")

# A schema of its own in the test database.
schema="scale_$RANDOM$RANDOM"
psql_url=${SWEETSHOP_TEST_POSTGRES_URL}
su postgres -s /bin/sh -c "psql '$psql_url' -q -c 'CREATE SCHEMA $schema'" >/dev/null
export DATABASE_URL="$psql_url?options=-c%20search_path%3D$schema"
export SWEETSHOP_SECRET_KEY="scale-out-test-secret-key-0123456789abcdef" SWEETSHOP_ENV=production
export SWEETSHOP_ARGON2_OPS=1 SWEETSHOP_ARGON2_MEMORY_KIB=8 SWEETSHOP_LOG_LEVEL=warn SWEETSHOP_DATA_DIR="$work/data"

"$bin" migrate >/dev/null
SWEETSHOP_ADMIN_PASSWORD=boss-password-1 "$bin" create-admin boss >/dev/null
for port in "${instances[@]}"; do
  SWEETSHOP_PORT=$port "$bin" serve >"$work/serve-$port.log" 2>&1 &
  pids+=($!)
done
sed -e "s/server 127.0.0.1:SWEETSHOP_PORT_B;/&\n    server 127.0.0.1:$port_c;\n    server 127.0.0.1:$port_d;/" \
  -e "s/SWEETSHOP_PORT_A/$port_a/" -e "s/SWEETSHOP_PORT_B/$port_b/" -e "s/SWEETSHOP_LISTEN_PORT/$port_lb/" \
  "$root/deploy/nginx/sweetshop.conf" >"$work/sweetshop.conf"
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include $work/sweetshop.conf;
}
NGINX
nginx -e "$work/nginx-error.log" -p "$work" -c "$work/nginx.conf" &
pids+=($!)
for port in "${instances[@]}" "$port_lb"; do
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/api/health/" && break; sleep 0.05; done
done

source "$root/tests/cli/check.sh"
post() {  # port path body [header] -> "status body"
  local extra=()
  [[ -n "${4:-}" ]] && extra=(-H "$4")
  curl -s -o "$work/body" -w '%{http_code}' -X POST "http://127.0.0.1:$1$2" -H 'Content-Type: application/json' \
    "${extra[@]}" -d "$3"
  printf ' %s' "$(cat "$work/body")"
}
token() {  # port username password
  post "$1" /api/auth/login/ "{\"username\":\"$2\",\"password\":\"$3\"}" | sed 's/.*"access":"\([^"]*\)".*/\1/'
}

post "$port_lb" /api/auth/register/ '{"username":"ann","password":"ann-password-1"}' >/dev/null
boss=$(token "$port_lb" boss boss-password-1)
ann_a=$(token "$port_a" ann ann-password-1)
created=$(post "$port_lb" /api/sweets/ '{"name":"Mint","category":"Hard","price":"1.00","quantity":50}' \
  "Authorization: Bearer $boss")
check "an admin creates a sweet through nginx" grep -q '^201 ' <<<"$created"

# 200 concurrent purchases of 1 against 50 in stock, through nginx, spread over both instances.
seq 200 | xargs -P 16 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST \
  "http://127.0.0.1:$port_lb/api/sweets/1/purchase/" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $ann_a" -d '{"amount":1}' >"$work/codes"
check "exactly 50 purchases succeed" test "$(grep -c '^200$' "$work/codes")" -eq 50
check "the other 150 are Insufficient stock" test "$(grep -c '^400$' "$work/codes")" -eq 150
# Instance B answers from its cache until PostgreSQL's notification of the other instance's last commit reaches it
# (docs/api.md, Freshness: under a millisecond on this machine); the reads across instances below wait past that.
sleep 0.1
check "the stock ends at 0" grep -q '"quantity":0' <(curl -s "http://127.0.0.1:$port_b/api/sweets/1/" \
  -H "Authorization: Bearer $ann_a")
for port in "${instances[@]}"; do
  served=$(curl -s "http://127.0.0.1:$port/metrics" |
    awk '/^sweetshop_http_requests_total\{method="POST",route="\/api\/sweets\/\{id\}\/purchase\/"/ {n += $2} END {print n + 0}')
  check "instance on port $port answered some of the purchases ($served)" test "$served" -gt 0
done

# A token issued by instance A works on instance B.
me=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port_b/api/auth/me/" -H "Authorization: Bearer $ann_a")
check "a token from one instance works on the other" test "$me" = 200

# Login throttling counts failures on both instances together.
for i in $(seq 10); do
  port=$([[ $((i % 2)) -eq 0 ]] && echo "$port_a" || echo "$port_b")
  post "$port" /api/auth/login/ '{"username":"ann","password":"wrong-password"}' >/dev/null
done
check "the 11th attempt is throttled on instance A" grep -q '^429 ' \
  <<<"$(post "$port_a" /api/auth/login/ '{"username":"ann","password":"ann-password-1"}')"
check "and on instance B" grep -q '^429 ' \
  <<<"$(post "$port_b" /api/auth/login/ '{"username":"ann","password":"ann-password-1"}')"

# An idempotency key replays across instances.
post "$port_a" /api/sweets/1/restock/ '{"amount":5}' "Authorization: Bearer $boss" >/dev/null
first=$(curl -s -D "$work/h1" -X POST "http://127.0.0.1:$port_a/api/sweets/1/purchase/" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $ann_a" -H 'Idempotency-Key: scale-1' -d '{"amount":2}')
again=$(curl -s -D "$work/h2" -X POST "http://127.0.0.1:$port_b/api/sweets/1/purchase/" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $ann_a" -H 'Idempotency-Key: scale-1' -d '{"amount":2}')
check "the retry on the other instance gets the same body" test "$first" = "$again"
check "marked as replayed" grep -qi '^Idempotent-Replayed: true' "$work/h2"
check "and sold once" grep -q '"quantity":3' <<<"$again"

# 400 orders of 2 lines over 3 sweets holding 60 units each, from 16 clients through nginx: nothing oversold, no
# deadlock between the instances (each order changes its sweets in id order), every order whole or absent.
for name in Fudge Toffee Nougat; do
  post "$port_lb" /api/sweets/ "{\"name\":\"$name\",\"category\":\"Soft\",\"price\":\"0.50\",\"quantity\":60}" \
    "Authorization: Bearer $boss" >/dev/null
done
orders_count() {
  curl -s "http://127.0.0.1:$port_a/api/orders/?page_size=1" -H "Authorization: Bearer $boss" |
    sed 's/^{"count":\([0-9]*\).*/\1/'
}
before=$(orders_count)
mkdir -p "$work/orders"
seq 400 | xargs -P 16 -I{} sh -c 'n={}; a=$((2 + n % 3)); b=$((2 + (n + 1 + n % 2) % 3));
  curl -s -o "'"$work"'/orders/$n" -w "%{http_code}\n" -X POST "http://127.0.0.1:'"$port_lb"'/api/orders/" \
    -H "Content-Type: application/json" -H "Authorization: Bearer '"$ann_a"'" \
    -d "{\"lines\":[{\"sweet\":$b,\"amount\":1},{\"sweet\":$a,\"amount\":$((1 + n % 3))}]}"' >"$work/order_codes"
placed=$(grep -c '^201$' "$work/order_codes" || true)
check "every order is placed (201) or refused for stock (400), none fails ($placed placed)" \
  test "$(grep -cE '^(201|400)$' "$work/order_codes")" -eq 400
check "the shop holds exactly the orders placed" test "$(orders_count)" -eq $((before + placed))
units=0
whole=0
for f in "$work"/orders/*; do
  grep -q '"number"' "$f" || continue
  units=$((units + $(grep -o '"amount":[0-9]*' "$f" | cut -d: -f2 | awk '{s += $1} END {print s + 0}')))
  [[ $(grep -o '"sweet":' "$f" | wc -l) -eq 2 ]] && whole=$((whole + 1))
done
check "every placed order has both its lines" test "$whole" -eq "$placed"
sleep 0.1  # past the freshness bound, as above
left=0
for id in 2 3 4; do
  q=$(curl -s "http://127.0.0.1:$port_b/api/sweets/$id/" -H "Authorization: Bearer $ann_a" |
    sed 's/.*"quantity":\([0-9]*\).*/\1/')
  left=$((left + q))
done
check "the stock dropped by exactly the units in orders ($units)" test $((180 - left)) -eq "$units"

out=$("$bin" verify-stock)
check "verify-stock is clean" grep -q "every quantity equals the sum of its ledger" <<<"$out"

finish
