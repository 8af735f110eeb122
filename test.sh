#!/bin/bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The README's test command: as root on Debian 12, installs what is needed,
# builds (plain and with ASan/UBSan), and runs the whole test suite:
# unit tests (also under valgrind and the sanitizers), make distcheck,
# the fuzz targets, conformance, agent behaviour in namespaces, the
# migration tool, the Debian and RPM packages, and the cluster scenarios.
# Ends with one line "N passed, M failed"; exits non-zero on any failure.
#   ./test.sh            everything
#   ./test.sh --quick    skip distcheck, the packages and the cluster scenarios
set -uo pipefail
top=$(cd "$(dirname "$0")" && pwd)
cd "$top"
quick=0
[ "${1:-}" = "--quick" ] && quick=1

if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh must run as root (it makes network namespaces)" >&2
    exit 2
fi
scripts/deps.sh || exit 1
scripts/build.sh plain || exit 1
scripts/build.sh asan || exit 1

rm -rf tests/out
mkdir -p tests/out
export BATON_RESULTS=$top/tests/out/results
: >"$BATON_RESULTS"

record() { echo "$1 $2" >>"$BATON_RESULTS"; echo "$2: $1"; }

# step NAME CMD...: one result for a whole command
step() {
    local name=$1; shift
    echo "== $name"
    if "$@" >"tests/out/$name.log" 2>&1; then
        record "$name" PASS
    else
        record "$name" FAIL
        tail -40 "tests/out/$name.log" | sed 's/^/    | /'
    fi
}

# Unit tests: one result per test program of make check (each
# tests/unit/*_test.c and tests/fuzz/*_fuzz.c), from automake's own
# verdicts (tests/unit/verdicts.sh): a skipped test, and one that did not
# run at all, count as failures
unit() {
    local bdir=$1 tag=$2 rc=0 name v why
    echo "== unit tests ($tag)"
    make -C "$bdir" -s check >"tests/out/unit-$tag.log" 2>&1 || rc=$?
    while read -r name v why; do
        record "unit-$tag/$name" "$v"
        if [ "$v" = FAIL ]; then
            echo "    | ${why:-}"
            tail -30 "$bdir/$name.log" 2>/dev/null | sed 's/^/    | /'
        fi
    done < <(tests/unit/verdicts.sh "tests/out/unit-$tag.log")
    # make check also runs check-local (the doc pages are current)
    if [ "$rc" -eq 0 ]; then
        record "unit-$tag/make-check" PASS
    else
        record "unit-$tag/make-check" FAIL
        grep -vE '^(PASS|FAIL|ERROR|XPASS|SKIP|XFAIL): ' \
            "tests/out/unit-$tag.log" | tail -30 | sed 's/^/    | /'
    fi
}

# suite NAME DIR: tests/run-suite.sh records one result per test (and a
# failure for each test it could not run); a runner that fails without
# recording any failure broke on its own, which is a failure too
suite() {
    local name=$1 before
    shift
    echo "== $name"
    before=$(grep -c ' FAIL$' "$BATON_RESULTS")
    if ! BATON_SUITE_NAME=$name tests/run-suite.sh "$@" &&
        [ "$(grep -c ' FAIL$' "$BATON_RESULTS")" -eq "$before" ]; then
        record "$name/run-suite" FAIL
    fi
}

# The guards of the suite itself first (tests/self/guards.test)
suite self tests/self
unit build plain
unit build-asan asan
step valgrind-unit make -C build -s check-valgrind
[ "$quick" -eq 1 ] || step distcheck make -C build -s distcheck

# Fuzz targets (doc/fuzzing.md): built in build-fuzz/ with clang, each run
# for a few seconds under ASan/UBSan; scripts/fuzz.sh records one result
# per target, and a run that broke without recording one fails too
echo "== fuzz"
fuzz_before=$(grep -c ' FAIL$' "$BATON_RESULTS")
if ! scripts/fuzz.sh -t 5 &&
    [ "$(grep -c ' FAIL$' "$BATON_RESULTS")" -eq "$fuzz_before" ]; then
    record fuzz/run FAIL
fi

# Whole-binary suites
export ASAN_OPTIONS="detect_leaks=1:exitcode=99:log_path=$top/tests/out/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=98:log_path=$top/tests/out/ubsan"
for s in conformance agents migrate; do
    BATON_STAGE=$top/_stage suite "$s" "tests/$s"
done
BATON_STAGE=$top/_stage-asan suite agents-asan tests/agents
if ls tests/out/asan.* tests/out/ubsan.* >/dev/null 2>&1; then
    record sanitizer-reports FAIL
    cat tests/out/asan.* tests/out/ubsan.* | head -60
else
    record sanitizer-reports PASS
fi
unset ASAN_OPTIONS UBSAN_OPTIONS
if [ "$quick" -eq 0 ]; then
    # The Debian packages built in a bookworm root with only their
    # Build-Depends, checked by lintian, installed into a fresh root and
    # run there; baton.spec built by rpmbuild (tests/packaging)
    suite packaging tests/packaging
    suite cluster tests/cluster
    # Pacemaker 3.0: a Debian 13 root (debootstrap, cached), Baton built
    # and conformance run inside it, scenarios on nodes booted in it
    suite trixie tests/trixie
    # Real DRBD 8.4 in QEMU guests (tests/vm/README.md): the image is built
    # once and cached in /var/cache/baton-vm
    BATON_STAGE=$top/_stage suite vm tests/vm
fi

passed=$(grep -c ' PASS$' "$BATON_RESULTS")
failed=$(grep -c ' FAIL$' "$BATON_RESULTS")
echo
grep ' FAIL$' "$BATON_RESULTS" | sed 's/^/failed: /'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
