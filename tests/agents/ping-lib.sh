# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers for the ocf:baton:ping behaviour tests: an agent namespace joined
# by veth pairs to a namespace of targets (live IPv4 and IPv6 addresses)
# and to a "slow" namespace whose echo replies come from a user-space
# responder after a delay (this kernel has no sch_netem, so tc netem
# cannot add the delay). attrd_updater is replaced by a script that logs
# its argv, and the IPC name points nowhere, so every update goes through
# the logged fallback path.

PNG_AGENT=$BATON_AGENTS/ping
PNG_A=png${BT_TAG}a      # the node running the agent
PNG_T=png${BT_TAG}t      # live targets
PNG_S=png${BT_TAG}s      # the slow host
PNG_UPDATER=$BT_TMP/attrd_updater
PNG_LOG=$BT_TMP/updater.log

# png_net: build the namespaces; 10.79.1.0/24 + 2001:db8:79:1::/64 to the
# targets (10.79.1.2-4, 2001:db8:79:1::2-3 live), 10.79.2.0/24 to the slow
# host 10.79.2.2
png_net() {
    netns_add "$PNG_A" && netns_add "$PNG_T" && netns_add "$PNG_S" || return 1
    ip link add "${PNG_A}1" netns "$PNG_A" type veth peer name "${PNG_T}1" \
        netns "$PNG_T" || return 1
    ip link add "${PNG_A}2" netns "$PNG_A" type veth peer name "${PNG_S}2" \
        netns "$PNG_S" || return 1
    ip -n "$PNG_A" addr add 10.79.1.1/24 dev "${PNG_A}1"
    ip -n "$PNG_A" addr add 2001:db8:79:1::1/64 dev "${PNG_A}1" nodad
    ip -n "$PNG_A" addr add 10.79.2.1/24 dev "${PNG_A}2"
    local a
    for a in 10.79.1.2 10.79.1.3 10.79.1.4; do
        ip -n "$PNG_T" addr add "$a/24" dev "${PNG_T}1"
    done
    ip -n "$PNG_T" addr add 2001:db8:79:1::2/64 dev "${PNG_T}1" nodad
    ip -n "$PNG_T" addr add 2001:db8:79:1::3/64 dev "${PNG_T}1" nodad
    ip -n "$PNG_S" addr add 10.79.2.2/24 dev "${PNG_S}2"
    ip -n "$PNG_A" link set "${PNG_A}1" up
    ip -n "$PNG_A" link set "${PNG_A}2" up
    ip -n "$PNG_T" link set "${PNG_T}1" up
    ip -n "$PNG_S" link set "${PNG_S}2" up
    # the slow host's kernel stays silent; the responder answers
    in_ns "$PNG_S" sysctl -qw net.ipv4.icmp_echo_ignore_all=1
    cat >"$PNG_UPDATER" <<'EOS'
#!/bin/sh
echo "$*" >> "$PNG_LOG"
EOS
    chmod +x "$PNG_UPDATER"
    export PNG_LOG
}

# png_slow DELAY_S: answer echo requests to the slow host after DELAY_S
png_slow() {
    in_ns "$PNG_S" /usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/ping-slowecho.py" \
        "$1" >"$BT_TMP/slow.log" 2>&1 &
    on_exit "kill $!"
    sleep 0.5
}

# png_run ACTION [param=value | OCF_*=... ]...: run the agent in $PNG_A,
# with its state file and the logging attrd_updater
# BATON_RUN_AS=USER runs it as USER (with USER's group, no others)
png_run() {
    local action=$1; shift
    local envs=() kv as=()
    for kv in "$@"; do
        case "$kv" in
            BATON_RUN_AS=*) as=(setpriv --reuid="${kv#*=}" \
                --regid="$(id -g "${kv#*=}")" --clear-groups) ;;
            OCF_*|HA_*|BATON_*) envs+=("$kv") ;;
            *) envs+=("OCF_RESKEY_$kv") ;;
        esac
    done
    ip netns exec "$PNG_A" "${as[@]}" env OCF_ROOT="$OCF_ROOT" \
        OCF_RESKEY_pidfile="$BT_TMP/ping-state" \
        BATON_ATTRD_IPC="png-no-attrd-$$" BATON_ATTRD_UPDATER="$PNG_UPDATER" \
        PNG_LOG="$PNG_LOG" "${envs[@]}" "$PNG_AGENT" "$action"
}

# png_last: the last attrd_updater command line
png_last() { tail -1 "$PNG_LOG" 2>/dev/null; }

# assert_last TEXT: the last attrd_updater call was exactly TEXT
assert_last() {
    if [ "$(png_last)" = "$1" ]; then
        ok "attrd_updater $1"
    else
        fail "attrd_updater: expected '$1', got '$(png_last)'"
    fi
}

