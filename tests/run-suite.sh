#!/bin/bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Run every executable tests/<suite>/*.test script, each with a deadline,
# its output in tests/out/<suite>/<name>.log. Prints one line per test and
# appends "name PASS|FAIL" to $BATON_RESULTS when set.
#   tests/run-suite.sh SUITE_DIR [PATTERN]
# A test passes by exiting 0; any other exit, or its deadline, fails it.
# Per-test deadline: a line "# timeout: N" in the script (default 300 s).
set -uo pipefail
suite_dir=$1
pattern=${2:-*}
top=$(cd "$(dirname "$0")/.." && pwd)
suite=${BATON_SUITE_NAME:-$(basename "$suite_dir")}
out=$top/tests/out/$suite
mkdir -p "$out"
export BATON_TOP=$top
export BATON_STAGE=${BATON_STAGE:-$top/_stage}
pass=0
fail=0
for t in "$suite_dir"/$pattern.test; do
    [ -x "$t" ] || continue
    name=$(basename "$t" .test)
    limit=$(sed -n 's/^# timeout: *\([0-9]*\).*/\1/p' "$t" | head -1)
    start=$(date +%s.%N)
    timeout --kill-after=10 "${limit:-300}" "$t" >"$out/$name.log" 2>&1
    rc=$?
    secs=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
    if [ "$rc" -eq 0 ]; then
        pass=$((pass + 1)); verdict=PASS
    else
        fail=$((fail + 1)); verdict=FAIL
        [ "$rc" -eq 124 ] && echo "  (deadline of ${limit:-300}s passed)" >>"$out/$name.log"
    fi
    printf '%s: %s/%s (%ss)\n' "$verdict" "$suite" "$name" "$secs"
    if [ "$verdict" = FAIL ]; then
        sed 's/^/    | /' "$out/$name.log" | tail -40
    fi
    [ -n "${BATON_RESULTS:-}" ] && echo "$suite/$name $verdict" >>"$BATON_RESULTS"
done
echo "$suite: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
