# shellcheck shell=bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers for the cluster scenarios (tests/cluster/*.test): one cluster per
# scenario, shared by its steps, torn down at exit however the test ends; a
# client probe (ping every 50 ms, timestamped); failover measurement with
# the neighbour-entry check and the timeline. Source it from a *.test.
# Results of failover() are read by the scenarios and the benchmark.
# shellcheck disable=SC1091,SC2034
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../lib" && pwd)/common.sh"

CL=$BATON_TOP/tests/cluster/harness/cluster
TIMELINE=$BATON_TOP/tests/cluster/timeline
# One tag per scenario run, so parallel runs (and other clusters) never meet
export CLUSTER=${BATON_CLUSTER_TAG:-s$(($$ % 1000000))}
# corosync's own default token (3000 ms): the scenarios assert behaviour,
# not speed, and a 2-core CI machine can stall a process for 2 s, which
# with a 1000 ms token splits the membership (corosync warns "not
# scheduled ... Consider token timeout increase"). Every scenario runs
# with it; waits for a node's loss derive from membership_ms. Only the
# failover benchmark sets its own, shorter token.
: "${CLUSTER_TOKEN_MS:=3000}"
export CLUSTER_TOKEN_MS
# The VIP agent under test; BATON_VIP_AGENT overrides it (development only)
VIP_RA=${BATON_VIP_AGENT:-ocf:baton:IPaddr2}
PROBE_PID=""
PROBE_LOG=""
FAILOVER_FROM=""
FAILOVER_DC=""

cl() { "$CL" "$@"; }

# sc_up: start the cluster, wait until it has formed; sets FORMATION_MS
sc_up() {
    local t0
    on_exit "$CL" down
    cl down-stale
    on_exit sc_save_logs
    t0=$(date +%s%N)
    CLUSTER_OWNER=$$ cl up || { fail "cluster up"; bt_finish; }
    eval "$(cl env)"
    if ! cl wait-online 90; then
        fail "cluster formed"
        cl exec node1 crm_mon -1 >&2
        bt_finish
    fi
    FORMATION_MS=$((($(date +%s%N) - t0) / 1000000))
    ok "cluster $CLUSTER formed in ${FORMATION_MS} ms"
}

# membership_ms: how long corosync takes to form a membership without a
# node that vanished: the token is declared lost after the token plus
# token_coefficient (650 ms) per node above two, then consensus waits 1.2
# times that. Scenarios derive their waits for a node's loss from it.
membership_ms() {
    local token=$CLUSTER_TOKEN_MS
    [ "$CLUSTER_NODES" -gt 2 ] && token=$((token + 650 * (CLUSTER_NODES - 2)))
    echo $((token * 22 / 10))
}

# sc_save_logs: when an assertion failed, keep the cluster's logs and the
# probes in tests/out/cluster-logs/ before the teardown removes them
sc_save_logs() {
    local d
    [ "$BT_FAILS" -gt 0 ] && [ -d "${CLUSTER_STATE:-}/nodes" ] || return 0
    d=$BATON_TOP/tests/out/cluster-logs/$(basename "$0" .test)-$CLUSTER
    mkdir -p "$d"
    cp -r "$CLUSTER_STATE"/nodes "$d"/ 2>/dev/null
    rm -rf "$d"/nodes/*/var-lib-pacemaker
    cp "$BT_TMP"/probe-* "$d"/ 2>/dev/null
    echo "cluster logs kept in $d" >&2
}

# any_node: the first powered node that is not cut off
any_node() {
    local i
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        [ "$(cl powerstatus "node$i")" = on ] &&
            [ ! -e "$CLUSTER_STATE/nodes/node$i/cut" ] && { echo "node$i"; return 0; }
    done
    return 1
}

# on_any CMD...: run CMD in a powered, connected node
on_any() { cl exec "$(any_node)" "$@"; }

# holder RSC [NODE]: where RSC runs, as NODE (default: any node) sees it
holder() {
    cl exec "${2:-$(any_node)}" crm_resource --locate --resource "$1" --quiet \
        2>/dev/null | head -1
}

# wait_holder RSC SECONDS [NOT_NODE]: until RSC runs somewhere (not on NOT_NODE)
wait_holder() {
    local rsc=$1 secs=$2 not=${3:-} end h
    end=$(($(date +%s) + secs))
    while [ "$(date +%s)" -lt "$end" ]; do
        h=$(holder "$rsc")
        [ -n "$h" ] && [ "$h" != "$not" ] && { echo "$h"; return 0; }
        sleep 0.2
    done
    return 1
}

# node_mac NODE: the MAC of NODE's eth0, from the harness's plan
node_mac_of() { local v="CLUSTER_NODE${1#node}_MAC"; echo "${!v:-}"; }

# client_lladdr IP: the client's neighbour entry for IP
client_lladdr() {
    cl client ip neigh show "$1" | sed -n 's/.* lladdr \([0-9a-f:]*\).*/\1/p'
}

# answers IP: one ping from the client gets a reply within 1 s
answers() { cl client ping -c 1 -W 1 "$1" >/dev/null 2>&1; }

# probe_start IP: ping IP from the client every 50 ms, timestamped
probe_start() {
    PROBE_LOG=$BT_TMP/probe-$1-$(date +%s%N).log
    ip netns exec "$CLUSTER_CLIENT_NS" ping -D -O -n -i 0.05 -W 1 "$1" \
        >"$PROBE_LOG" 2>&1 &
    PROBE_PID=$!
    on_exit kill "$PROBE_PID"
    sleep 0.3
}

probe_stop() {
    [ -n "$PROBE_PID" ] && kill "$PROBE_PID" 2>/dev/null
    wait "$PROBE_PID" 2>/dev/null
    PROBE_PID=""
}

# first_reply_after EPOCH: epoch of the first probe reply after EPOCH that
# follows at least one unanswered probe (the end of the outage)
first_reply_after() {
    awk -v t0="$1" '
        { gsub(/[][]/, "", $1) }
        $1 < t0 { next }
        /no answer yet|Unreachable/ { gap = 1; next }
        /bytes from/ && gap { print $1; exit }' "$PROBE_LOG"
}

# probe_outage_ms EPOCH: how long the client got no reply in the first
# outage after EPOCH (last reply before it -> first reply after it), in ms;
# "none" when no probe was lost
probe_outage_ms() {
    awk -v t0="$1" '
        { gsub(/[][]/, "", $1) }
        /bytes from/ && !gap { last = $1 }
        $1 < t0 { next }
        /no answer yet|Unreachable/ { gap = 1; next }
        /bytes from/ && gap { printf "%d\n", ($1 - last) * 1000; found = 1; exit }
        END { if (!found) print "none" }' "$PROBE_LOG"
}

# wait_reply_after EPOCH SECONDS: poll the probe log for the outage's end
wait_reply_after() {
    local end=$(($(date +%s) + $2)) r
    while [ "$(date +%s)" -lt "$end" ]; do
        r=$(first_reply_after "$1")
        [ -n "$r" ] && { echo "$r"; return 0; }
        sleep 0.1
    done
    return 1
}

# summary_get KEY SUMMARY: the value of KEY_ms in a timeline summary line
summary_get() { sed -n "s/.*\b$1_ms=\([0-9]*\).*/\1/p" <<<"$2"; }

# failover RSC=VIP...: hard-kill the node holding the first RSC (all given
# resources run there) and measure each VIP until the client gets a reply
# again. Asserts that each RSC moved, its VIP answers and the client's
# neighbour entry names the new holder's MAC. Sets FO_MS[RSC] (kill -> first
# reply, 50 ms resolution), FO_TO[RSC], FO_START[RSC] (start operation),
# FO_TIMELINE[RSC], FO_SUMMARY[RSC] (its last line), FAILOVER_FROM and
# FAILOVER_DC (the DC before the kill). Prints the timelines.
declare -A FO_MS FO_TO FO_PROBE FO_START FO_SUMMARY FO_TIMELINE
failover() {
    local p rsc vip killed_at reply mac pids=() tl
    FO_MS=(); FO_TO=(); FO_PROBE=(); FO_START=(); FO_SUMMARY=(); FO_TIMELINE=()
    FAILOVER_FROM=$(holder "${1%%=*}")
    [ -n "$FAILOVER_FROM" ] || { fail "${1%%=*} runs before the kill"; return 1; }
    FAILOVER_DC=$(dc_name)
    for p in "$@"; do
        rsc=${p%%=*}; vip=${p#*=}
        [ "$(holder "$rsc")" = "$FAILOVER_FROM" ] ||
            fail "$rsc runs on $FAILOVER_FROM before the kill"
        assert_true "$vip ($rsc) answers from the client before the kill" answers "$vip"
        probe_start "$vip"
        FO_PROBE[$rsc]=$PROBE_LOG; pids+=("$PROBE_PID")
    done
    cl kill "$FAILOVER_FROM"
    killed_at=$(cat "$CLUSTER_STATE/nodes/$FAILOVER_FROM/killed-at")
    for p in "$@"; do
        rsc=${p%%=*}; vip=${p#*=}; PROBE_LOG=${FO_PROBE[$rsc]}
        if ! reply=$(wait_reply_after "$killed_at" 60); then
            fail "$vip ($rsc) answers again within 60 s of killing $FAILOVER_FROM"
            continue
        fi
        FO_MS[$rsc]=$(echo "($reply - $killed_at) * 1000 / 1" | bc)
    done
    sleep 0.3
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    PROBE_PID=""
    for p in "$@"; do
        rsc=${p%%=*}; vip=${p#*=}
        FO_TO[$rsc]=$(wait_holder "$rsc" 10 "$FAILOVER_FROM")
        if [ -z "${FO_TO[$rsc]}" ]; then
            fail "$rsc runs on another node after killing $FAILOVER_FROM"
            continue
        fi
        ok "$rsc: $FAILOVER_FROM killed, $vip answers from ${FO_TO[$rsc]} after ${FO_MS[$rsc]:-?} ms"
        mac=$(client_lladdr "$vip")
        if [ "$mac" = "$(node_mac_of "${FO_TO[$rsc]}")" ]; then
            ok "client's neighbour entry for $vip moved to ${FO_TO[$rsc]} ($mac)"
        else
            fail "client's neighbour entry for $vip is '$mac', expected ${FO_TO[$rsc]}'s $(node_mac_of "${FO_TO[$rsc]}")"
        fi
        echo "timeline of $rsc:"
        tl=$("$TIMELINE" -n "$FAILOVER_FROM" -p "${FO_PROBE[$rsc]}" -r "$rsc")
        echo "$tl"
        FO_SUMMARY[$rsc]=$(sed -n 's/^summary //p' <<<"$tl")
        FO_TIMELINE[$rsc]=$tl
        FO_START[$rsc]=$(sed -n "s/.* start $rsc on [^:]*: \([0-9.]*m\?s\) .*/\1/p" <<<"$tl" | head -1)
    done
}

# dc_name: the current DC, as a connected node sees it
dc_name() {
    on_any crm_mon -1 --output-as=xml 2>/dev/null |
        sed -n 's/.*<current_dc [^>]*name="\([^"]*\)".*/\1/p' | head -1
}

# record_figure KEY VALUE: keep a measured figure for doc/benchmarks
record_figure() {
    local f=${BATON_CLUSTER_FIGURES:-$BATON_TOP/tests/out/cluster-figures.txt}
    mkdir -p "$(dirname "$f")"
    echo "$(date +%FT%T) $(basename "$0" .test) $1 $2" >>"$f"
}

# create_vip RSC IP [AGENT]: pcs resource create, wait until it runs
create_vip() {
    local rsc=$1 ip=$2 ra=${3:-$VIP_RA}
    assert_rc 0 "pcs resource create $rsc $ra ip=$ip" \
        on_any pcs resource create "$rsc" "$ra" ip="$ip" cidr_netmask=24 \
        op monitor interval=10s
    wait_holder "$rsc" 30 >/dev/null || fail "$rsc started"
}

# holders_of_addr IP: the powered nodes that have IP configured
holders_of_addr() {
    local i
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        [ "$(cl powerstatus "node$i")" = on ] || continue
        cl exec "node$i" ip -o -4 addr show to "$1" | grep -q . && echo "node$i"
    done
}

# lost_probes: probes of the current probe log that never got a reply (a
# reply later than the 50 ms interval is late, not lost)
lost_probes() {
    awk '/no answer yet for icmp_seq=/ { sub(/.*icmp_seq=/, ""); miss[$1] = 1 }
         /bytes from/ { for (i = 1; i <= NF; i++) if ($i ~ /^icmp_seq=/) {
             split($i, a, "="); delete miss[a[2]] } }
         END { n = 0; for (k in miss) n++; print n }' "$PROBE_LOG"
}

# sc_restart NODE: power NODE on again and wait until every node is online
sc_restart() {
    cl start "$1" >/dev/null || { fail "$1 powers on"; return 1; }
    cl wait-online 60 || fail "$1 rejoins"
}
