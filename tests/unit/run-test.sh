#!/bin/sh
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# automake's LOG_COMPILER for the unit tests: runs one cmocka program and
# passes its exit status on, except that a run in which cmocka skipped a
# test case (it prints "[  SKIPPED ]" and still exits 0) exits 77, the SKIP
# of automake, which ./test.sh counts as a failure like every other skip.
#   tests/unit/run-test.sh PROGRAM [ARGS...]
# cmocka's other output formats (TAP, subunit, xml) say "skipped" otherwise
unset CMOCKA_MESSAGE_OUTPUT
out=$(mktemp "${TMPDIR:-/tmp}/baton-unit.XXXXXX") || exit 99
trap 'rm -f "$out"' EXIT
trap 'exit 130' INT TERM
"$@" >"$out" 2>&1
rc=$?
cat "$out"
if [ "$rc" -eq 0 ] && grep -q '^\[  SKIPPED \]' "$out"; then
    echo "run-test.sh: cmocka skipped a test case: SKIP, not PASS"
    rc=77
fi
exit "$rc"
