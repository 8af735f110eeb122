#!/bin/bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the fuzz targets with clang, libFuzzer, ASan and UBSan in
# build-fuzz/ and run each one for a bounded time with a fixed seed
# (doc/fuzzing.md). A crash, a sanitizer report, a leak or a broken
# property fails the target; the input that did it is kept in
# tests/out/fuzz/. Prints one line per target and appends
# "fuzz/<target> PASS|FAIL" to $BATON_RESULTS when set.
#   scripts/fuzz.sh [-t SECONDS] [-b BUILD_DIR] [-o OUT_DIR] [TARGET...]
# -t: time per target (default 5); -b: default build-fuzz/; -o: logs and
# crash inputs, default tests/out/fuzz/; TARGET: argv, netlink... (all)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
secs=5
bdir=$top/build-fuzz
out=$top/tests/out/fuzz
while getopts "t:b:o:" opt; do
    case "$opt" in
        t) secs=$OPTARG ;;
        b) bdir=$OPTARG ;;
        o) out=$OPTARG ;;
        *) echo "usage: $0 [-t SECONDS] [-b BUILD_DIR] [-o OUT_DIR]" \
                "[TARGET...]" >&2
           exit 2 ;;
    esac
done
shift $((OPTIND - 1))
mkdir -p "$out"

result() {
    [ -n "${BATON_RESULTS:-}" ] && echo "fuzz/$1 $2" >>"$BATON_RESULTS"
    return 0
}

cd "$top"
if [ ! -x configure ] || [ configure.ac -nt configure ] \
   || [ -n "$(find . -name '*.am' -newer configure -not -path './build*' -print -quit)" ]; then
    autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
fi
mkdir -p "$bdir"
if ! (cd "$bdir" &&
      { [ -f Makefile ] && [ Makefile -nt "$top/configure" ] ||
        CC=clang "$top/configure" -q --enable-fuzzing \
            --with-ocfdir="$bdir/ocf"; } &&
      make -s -j"$(nproc)" fuzz) >"$out/build.log" 2>&1; then
    echo "FAIL: fuzz/build"
    tail -30 "$out/build.log" | sed 's/^/    | /'
    result build FAIL
    exit 1
fi
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    for p in "$bdir"/tests/fuzz/*_fuzz; do
        [ -x "$p" ] && targets+=("$(basename "$p" _fuzz)")
    done
fi
if [ "${#targets[@]}" -eq 0 ]; then
    echo "FAIL: fuzz/targets (none built in $bdir/tests/fuzz)"
    result targets FAIL
    exit 1
fi

# Sanitizer reports abort the run; leaks count (LeakSanitizer)
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
fail=0
for t in "${targets[@]}"; do
    prog=$bdir/tests/fuzz/${t}_fuzz
    seeds=$top/tests/fuzz/$t/corpus
    # New inputs go to a scratch corpus; the committed seeds stay as they are
    work=$bdir/tests/fuzz/$t.work
    rm -rf "$work" "$out/$t-"*
    mkdir -p "$work"
    start=$(date +%s.%N)
    timeout --kill-after=10 $((secs + 60)) "$prog" -seed=1 \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$out/$t-" \
        "$work" "$seeds" >"$out/$t.log" 2>&1
    rc=$?
    took=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
    if [ "$rc" -eq 0 ]; then
        echo "PASS: fuzz/$t (${took}s, ${runs:-?} inputs)"
        result "$t" PASS
    else
        fail=1
        echo "FAIL: fuzz/$t (exit $rc, ${took}s)"
        grep -E 'ERROR|SUMMARY|property broken|runtime error|Test unit written' \
            "$out/$t.log" | head -20 | sed 's/^/    | /'
        result "$t" FAIL
    fi
done
exit "$fail"
