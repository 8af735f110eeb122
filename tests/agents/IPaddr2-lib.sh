# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers shared by the tests/agents/IPaddr2-*.test scripts (sourced after
# tests/lib/common.sh). Names carry "ip2" and the test's own tag.
IP2_AGENT=$BATON_AGENTS/IPaddr2
IP2_NS=ip2-$BT_TAG-n            # the node that runs the agent
IP2_PEER=ip2-$BT_TAG-p          # a neighbour on the same link
IP2_DEV=ip2n$BT_TAG             # veth end in the node
IP2_PDEV=ip2p$BT_TAG            # veth end in the peer

# ip2_pair: node and peer namespaces joined by a veth pair, 10.77.0.0/24 and
# 2001:db8:77::/64 on both ends (node .1 / ::1, peer .2 / ::2)
ip2_pair() {
    netns_add "$IP2_NS" && netns_add "$IP2_PEER" || return 1
    ip -n "$IP2_NS" link add "$IP2_DEV" type veth peer name "$IP2_PDEV" \
        netns "$IP2_PEER" || return 1
    ip -n "$IP2_NS" link set "$IP2_DEV" up
    ip -n "$IP2_PEER" link set "$IP2_PDEV" up
    ip -n "$IP2_NS" addr add 10.77.0.1/24 dev "$IP2_DEV"
    ip -n "$IP2_PEER" addr add 10.77.0.2/24 dev "$IP2_PDEV"
    ip -n "$IP2_NS" addr add 2001:db8:77::1/64 dev "$IP2_DEV" nodad
    ip -n "$IP2_PEER" addr add 2001:db8:77::2/64 dev "$IP2_PDEV" nodad
}

# ip2_run NS ACTION [VAR=value...]: run the agent in NS with those
# OCF_RESKEY_ values (give them without the prefix: ip=10.77.0.50)
ip2_run() {
    local ns=$1 action=$2; shift 2
    local envs=() kv
    for kv in "$@"; do
        case "$kv" in
            OCF_*|HA_*) envs+=("$kv") ;;
            *) envs+=("OCF_RESKEY_$kv") ;;
        esac
    done
    ip netns exec "$ns" env OCF_ROOT="$OCF_ROOT" "${envs[@]}" \
        "$IP2_AGENT" "$action"
}

# ip2_state NS: what the host looks like (addresses, links, routes), less
# what the kernel changes by itself on fresh links: link-local addresses
# and their routes appear and finish DAD within the first seconds
ip2_state() {
    {
        ip -n "$1" -o addr show
        ip -n "$1" -o link show | sed 's/ link\/.*//'
        ip -n "$1" route show table all
        ip -n "$1" -6 route show table all
    } 2>&1 | grep -v 'fe80:'
}

# ip2_has_addr NS ADDR/PREFIX DEV: the address is on DEV with that prefix
# (no "ip | grep -q" under pipefail: grep quitting early makes ip's SIGPIPE
# fail the pipeline)
ip2_has_addr() {
    local out
    out=$(ip -n "$1" -o addr show dev "$3")
    grep -qw "inet6\? $2" <<<"$out"
}

ip2_no_addr() {
    local out
    out=$(ip -n "$1" -o addr show)
    ! grep -q " ${2%/*}/" <<<"$out"
}

# ip2_sender_pidfile NS ADDR: the announcer pid file of ADDR in NS
ip2_sender_pidfile() {
    local ino
    ino=$(ip netns exec "$1" stat -L -c %i /proc/self/ns/net)
    echo "/run/baton/IPaddr2-$ino-$2.pid"
}

# ip2_alive PID: a live (not zombie) process
ip2_alive() {
    [ -r "/proc/$1/stat" ] && ! awk '{ exit ($3 == "Z") ? 0 : 1 }' "/proc/$1/stat"
}
