# Shared by the command tests: `check "what" command...` counts the command's success as a passed check;
# `finish` prints "N passed, M failed" and fails when any check did.
passed=0 failed=0
check() {
  local what=$1
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $what"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  test "$failed" -eq 0
}
