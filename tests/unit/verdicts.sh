#!/bin/bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The verdict of every test program of make check, from its log: prints
# "NAME PASS|FAIL [why]" for each program the log names and for each one
# that exists in the source tree under TOP (default: this tree), each
# tests/unit/*_test.c and tests/fuzz/*_fuzz.c (its corpus replay). A
# program that did not run (left out of TESTS, or no cmocka) fails instead
# of going unnoticed, and a skipped one (automake SKIP, cmocka's skip()
# through run-test.sh) fails too. Exits 1 when any failed.
#   tests/unit/verdicts.sh MAKE_CHECK_LOG [TOP]
set -uo pipefail
log=$1
top=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
rc=0
declare -A seen=()
while read -r verdict name; do
    seen[$name]=1
    case "$verdict" in
        PASS:) echo "$name PASS" ;;
        *) echo "$name FAIL ${verdict%:}"; rc=1 ;;
    esac
done < <(grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP|XFAIL): ' "$log")
n=0
for src in "$top"/tests/unit/*_test.c "$top"/tests/fuzz/*_fuzz.c; do
    [ -e "$src" ] || continue
    n=$((n + 1))
    name=${src#"$top"/}
    name=${name%.c}
    [ -n "${seen[$name]:-}" ] && continue
    echo "$name FAIL did not run"
    rc=1
done
if [ "$n" -eq 0 ]; then
    echo "tests/unit FAIL no tests/unit/*_test.c under $top"
    rc=1
fi
exit "$rc"
