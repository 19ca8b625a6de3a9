#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, the `fuzz` preset: clang with ASan + UBSan) and runs each for a bounded time
# from its committed seed corpus (fuzz/corpus/<target>). New inputs go to build/fuzz/corpus/<target>, a crash to
# build/fuzz/artifacts/; the tree stays clean. A crash, a sanitizer report, a leak or a timeout fails the run.
# Usage: scripts/fuzz.sh [seconds per target, default 25] [target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-25}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(json_body query money web_path tokens router csv)

echo "==> Building the fuzz targets (clang, ASan + UBSan)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
mkdir -p build/fuzz/artifacts
for t in "${targets[@]}"; do
  mkdir -p "build/fuzz/corpus/$t"
  echo "==> fuzz_$t for ${seconds} s"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build/fuzz/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$t-" "build/fuzz/corpus/$t" "fuzz/corpus/$t" \
    2>"build/fuzz/$t.log" || { tail -60 "build/fuzz/$t.log" >&2; echo "FAILED: fuzz_$t (log: build/fuzz/$t.log)" >&2; exit 1; }
  grep -E "^stat::number_of_executed_units|^#[0-9]+ *DONE" "build/fuzz/$t.log" | tail -2
done
echo "==> Fuzzing: nothing found"
