#!/usr/bin/env bash
# The serving commands as an operator starts them: `metrics --port N` (and its alias --metrics-port) like
# `serve --port`, the start-up line naming the SQLite file by its absolute path (a three-slash URL is relative), and
# the flags each command takes.
# Usage: serve_commands_test.sh <sweetshop>
set -euo pipefail
bin=$(realpath "$1")
dir=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$dir"' EXIT
export SWEETSHOP_ARGON2_OPS=1 SWEETSHOP_ARGON2_MEMORY_KIB=8 SWEETSHOP_DATA_DIR="$dir/data"
source "$(dirname "$0")/check.sh"

# Starts "$@" in the background with its log in $dir/$name.log and sets $port from its start-up line. Not in a
# subshell: the trap must see every pid.
start() {
  local name=$1
  shift
  "$@" >"$dir/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    if port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$dir/$name.log" | grep -o '[0-9]*$'); then
      return 0
    fi
    sleep 0.1
  done
  cat "$dir/$name.log" >&2
  return 1
}

start metrics "$bin" metrics --port 0
check "metrics --port serves /health" bash -c "curl -sf http://127.0.0.1:$port/health | grep -q '\"status\":\"ok\"'"
start metrics-alias "$bin" metrics --metrics-port 0
check "--metrics-port still works" bash -c "curl -sf http://127.0.0.1:$port/metrics/sweets | grep -q '^\['"

mkdir -p "$dir/cwd"
cd "$dir/cwd"
start relative "$bin" serve --port 0 --database-url sqlite:///tmp/x.db
check "a three-slash SQLite URL is relative to the working directory" test -f "$dir/cwd/tmp/x.db"
check "and the start-up line shows its absolute path" grep -q "database SQLite $dir/cwd/tmp/x.db" "$dir/relative.log"
start absolute "$bin" serve --port 0 --database-url "sqlite:///$dir/abs.db"
check "a four-slash SQLite URL is absolute" grep -q "database SQLite $dir/abs.db" "$dir/absolute.log"

# Every documented flag of serve is accepted (the settings table gives each command its flags).
start flags "$bin" serve --port 0 --database-url "sqlite:///$dir/flags.db" --max-connections 8 \
  --header-timeout-seconds 5 --min-body-rate 4096 --idempotency-max-keys 5 --public-url https://shop.example \
  --trusted-proxies 127.0.0.1 --metrics-allow 127.0.0.1
check "serve takes the connection, link and metrics flags" \
  bash -c "curl -sf http://127.0.0.1:$port/api/ | grep -q 'https://shop.example/api/sweets/'"
check "serve --help lists them with their variables" \
  bash -c "'$bin' serve --help | grep -q -- '--max-connections VALUE  *connections served at once \\[env SWEETSHOP_MAX_CONNECTIONS\\]'"
check "metrics takes the connection limits too" bash -c "'$bin' metrics --help | grep -q -- '--max-connections'"
check "a command without a listener does not" bash -c "! '$bin' migrate --max-connections 8 2>/dev/null"

finish
