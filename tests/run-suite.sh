#!/bin/bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Run every tests/<suite>/*.test script, each with a deadline, its output
# in tests/out/<suite>/<name>.log (BATON_OUT replaces tests/out). Prints
# one line per test and appends "name PASS|FAIL" to $BATON_RESULTS when set.
#   tests/run-suite.sh SUITE_DIR [PATTERN]
# A test passes by exiting 0; any other exit, or its deadline, fails it.
# Fewer tests run than exist is a failure too: a .test file without its
# run bit fails (it is not silently left out), and so does a suite or a
# PATTERN that matches no test at all.
# Per-test deadline: a line "# timeout: N" in the script (default 300 s).
set -uo pipefail
suite_dir=$1
pattern=${2:-*}
top=$(cd "$(dirname "$0")/.." && pwd)
suite=${BATON_SUITE_NAME:-$(basename "$suite_dir")}
out=${BATON_OUT:-$top/tests/out}/$suite
mkdir -p "$out"
export BATON_TOP=$top
export BATON_STAGE=${BATON_STAGE:-$top/_stage}
pass=0
fail=0

# verdict NAME PASS|FAIL SECS: count, print and record one test's result
verdict() {
    if [ "$2" = PASS ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
    printf '%s: %s/%s (%ss)\n' "$2" "$suite" "$1" "$3"
    if [ "$2" = FAIL ]; then
        sed 's/^/    | /' "$out/$1.log" | tail -40
    fi
    [ -n "${BATON_RESULTS:-}" ] && echo "$suite/$1 $2" >>"$BATON_RESULTS"
}

shopt -s nullglob
# shellcheck disable=SC2206 # PATTERN is a glob
tests=("$suite_dir"/$pattern.test)
shopt -u nullglob
if [ "${#tests[@]}" -eq 0 ]; then
    echo "no test matches $suite_dir/$pattern.test" >"$out/no-tests.log"
    verdict no-tests FAIL 0.0
fi
for t in "${tests[@]}"; do
    name=$(basename "$t" .test)
    if [ ! -x "$t" ]; then
        echo "$t is not executable: chmod +x it (or remove it)" >"$out/$name.log"
        verdict "$name" FAIL 0.0
        continue
    fi
    limit=$(sed -n 's/^# timeout: *\([0-9]*\).*/\1/p' "$t" | head -1)
    start=$(date +%s.%N)
    timeout --kill-after=10 "${limit:-300}" "$t" >"$out/$name.log" 2>&1
    rc=$?
    secs=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
    if [ "$rc" -eq 124 ]; then
        echo "  (deadline of ${limit:-300}s passed)" >>"$out/$name.log"
    fi
    verdict "$name" "$([ "$rc" -eq 0 ] && echo PASS || echo FAIL)" "$secs"
done
echo "$suite: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
