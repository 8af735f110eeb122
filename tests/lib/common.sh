# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers for whole-binary tests: assertions, throwaway network namespaces
# and a private mount namespace in which the staged agents appear under
# /usr/lib/ocf/resource.d/baton. Source it from a *.test script.
set -uo pipefail

: "${BATON_TOP:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${BATON_STAGE:=$BATON_TOP/_stage}"
export BATON_TOP BATON_STAGE
export OCF_ROOT=/usr/lib/ocf
export OCF_FUNCTIONS_DIR=/usr/lib/ocf/lib/heartbeat
BATON_AGENTS=$BATON_STAGE/ocf/resource.d/baton
# A short unique tag for namespace and link names (link names max 15 chars)
BT_TAG=${BT_TAG:-b$(( $$ % 100000 ))}
BT_NETNS=()
BT_CLEANUPS=()
BT_FAILS=0

fail() { echo "FAIL: $*" >&2; BT_FAILS=$((BT_FAILS + 1)); }
ok() { echo "ok: $*"; }

# assert_rc EXPECTED DESCRIPTION COMMAND...: run, compare the exit code
assert_rc() {
    local want=$1 what=$2; shift 2
    local got
    "$@" >"$BT_TMP/last.out" 2>"$BT_TMP/last.err"; got=$?
    if [ "$got" -eq "$want" ]; then
        ok "$what (rc $got)"
    else
        fail "$what: expected rc $want, got $got"
        sed 's/^/      stderr: /' "$BT_TMP/last.err" >&2
    fi
}

# assert_stderr_has TEXT: the last assert_rc's stderr contains TEXT
assert_stderr_has() {
    if grep -qF -- "$1" "$BT_TMP/last.err"; then
        ok "stderr has '$1'"
    else
        fail "stderr lacks '$1'"; sed 's/^/      stderr: /' "$BT_TMP/last.err" >&2
    fi
}

# assert_stderr_lacks TEXT: the last assert_rc's stderr does not contain TEXT
assert_stderr_lacks() {
    if grep -qF -- "$1" "$BT_TMP/last.err"; then
        fail "stderr has '$1'"; sed 's/^/      stderr: /' "$BT_TMP/last.err" >&2
    else
        ok "stderr lacks '$1'"
    fi
}

assert_true() {
    local what=$1; shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}

# wait_until SECONDS CMD...: run CMD every 0.1 s until it succeeds (return
# 0) or a try ends after SECONDS (whole seconds) have passed (return 1).
# CMD is run anew each time, so to wait for a value to change pass the
# command that computes it (output_is, or a function), never a value
# computed once: in `wait_until 5 test -z "$(ns_procs)"` the $(...) is
# expanded before the first try and the loop never sees it change
# (tests/self/guards.test rejects that form).
wait_until() {
    local end=$(($(date +%s%N) + $1 * 1000000000)); shift
    while :; do
        "$@" && return 0
        [ "$(date +%s%N)" -lt "$end" ] || return 1
        sleep 0.1
    done
}

# output_is WANT CMD...: CMD prints exactly WANT (for wait_until)
output_is() { local want=$1; shift; [ "$("$@")" = "$want" ]; }

# bt_sanitized: this is the run over the ASan/UBSan build (test.sh runs the
# agents suite twice and names that pass agents-asan)
bt_sanitized() { [ "${BATON_SUITE_NAME:-}" = agents-asan ]; }

# timed CMD...: run CMD (output to last.*, as assert_rc), set BT_LAST_RC to
# its exit code and BT_LAST_MS to its wall time in ms
timed() {
    local s e
    s=$(date +%s%N)
    "$@" >"$BT_TMP/last.out" 2>"$BT_TMP/last.err"
    BT_LAST_RC=$?
    e=$(date +%s%N)
    BT_LAST_MS=$(( (e - s) / 1000000 ))
}

# assert_ms WHAT MS MIN MAX [SANITIZED_MAX]: MIN <= MS < MAX. A time bound
# in a test tells what the agent did (it waited for something, or it did
# not wait for something longer); how fast it is belongs to the benchmark.
# Under the sanitizers every process is slower: there the upper bound is
# SANITIZED_MAX when given, the widest one that still tells the behaviour
# apart, or "-" for none (a bound only the plain build's speed explains).
assert_ms() {
    local what=$1 ms=$2 min=$3 max=$4
    if bt_sanitized && [ $# -ge 5 ]; then max=$5; fi
    if [ "$max" = - ]; then
        assert_true "$what (${ms} ms >= ${min}; not bounded above under the sanitizers)" \
            test "$ms" -ge "$min"
    else
        assert_true "$what (${ms} ms, ${min}..${max})" \
            test "$ms" -ge "$min" -a "$ms" -lt "$max"
    fi
}

# netns_add NAME: a throwaway network namespace, deleted at exit
netns_add() {
    ip netns add "$1" || return 1
    BT_NETNS+=("$1")
    ip -n "$1" link set lo up
}

# in_ns NS CMD...: run CMD inside namespace NS
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

on_exit() { BT_CLEANUPS+=("$*"); }

bt_cleanup() {
    local i
    for ((i = ${#BT_CLEANUPS[@]} - 1; i >= 0; i--)); do
        eval "${BT_CLEANUPS[$i]}" >/dev/null 2>&1 || true
    done
    for ns in "${BT_NETNS[@]}"; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
        ip netns del "$ns" 2>/dev/null
    done
    rm -rf "$BT_TMP"
}

# Run the whole test again in a private mount namespace, once: what it
# mounts there is gone when it ends. Call first thing: bt_private_ns "$0" "$@"
bt_private_ns() {
    if [ -z "${BT_IN_PRIVATE_MOUNTS:-}" ]; then
        export BT_IN_PRIVATE_MOUNTS=1
        # exec skips the EXIT trap: this copy's directory goes now (the
        # test run again makes its own)
        rm -rf "$BT_TMP"
        exec unshare --mount --propagation private "$BASH" "$@"
    fi
}

# Run the whole test in a private mount namespace where the staged Baton
# agents are visible at $OCF_ROOT/resource.d/baton, as pcs and crm_resource
# expect. Call first thing: bt_private_mounts "$0" "$@"
bt_private_mounts() {
    bt_private_ns "$@"
    mkdir -p "$OCF_ROOT/resource.d/baton"
    mount --bind "$BATON_AGENTS" "$OCF_ROOT/resource.d/baton"
}

# build_failure_report LOG TREE: why a package build failed, short enough
# to be seen in the last lines a runner prints: the log's error lines, and
# the end of the log of each test make check failed in TREE, the free space
build_failure_report() {
    local log=$1 tree=$2 t
    echo "--- why the build failed ($log)"
    grep -E '^(FAIL|ERROR|XPASS):|[Ee]rror[: ]|No space left' "$log" | head -15
    grep -E '^(FAIL|ERROR|XPASS): ' "$log" | sed 's/^[A-Z]*: *//; s/ .*//' |
        sort -u | head -3 | while read -r t; do
            echo "--- $t.log"
            tail -15 "$tree/$t.log" 2>/dev/null
        done
    echo "--- the log's last lines"
    tail -10 "$log"
    df -h "$(dirname "$log")"
}

bt_finish() {
    if [ "$BT_FAILS" -eq 0 ]; then
        echo "all assertions held"
        exit 0
    fi
    echo "$BT_FAILS assertion(s) failed"
    exit 1
}

BT_TMP=$(mktemp -d /tmp/baton-test.XXXXXX)
trap bt_cleanup EXIT
trap 'exit 130' INT TERM
