# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Simulated BMCs for fence tests: OpenIPMI's ipmi_sim, listening on a 10.x
# address inside a network namespace, with a chassis_control program that
# keeps the "machine's" power in a file (or, with a hook, asks the cluster
# harness to power a node off/on). Source after tests/lib/common.sh.
#
#   bmc_start NS NAME ADDR [PORT] [HOOK]   start BMC NAME in namespace NS
#   bmc_power NAME                         print 1 (on) or 0 (off)
#   bmc_set NAME 0|1                       set the power behind the BMC's back
#   bmc_ignore_off NAME [0|1]              make the BMC accept but ignore off
#   bmc_slow_status_after_off NAME SECS    the status request after the next
#                                          off takes SECS (the BMC hangs)
#   bmc_wait_responsive NAME               wait until that slow answer is over
#   bmc_calls NAME                         the commands the BMC ran, one a line
#
# Credentials: user "admin", password "secret" (BMC_USER, BMC_PASS).
# HOOK, when given, is a command run as "HOOK powerstatus|poweroff|poweron";
# powerstatus must print on or off.

BMC_USER=admin
BMC_PASS=secret
declare -A BMC_DIRS=()

# The program ipmi_sim runs for chassis control: "get power" must print
# power:1 or power:0; "set power 0|1" changes it.
bmc_write_program() {
    local dir=$1 hook=${2:-}
    cat >"$dir/chassis" <<EOF
#!/bin/bash
dir='$dir'
hook='$hook'
echo "\$*" >>"\$dir/calls"
echo "\$(date +%s.%N) \$*" >>"\$dir/calls.t"
case "\$1 \$2" in
"get power")
    if [ -e "\$dir/slow-next" ]; then
        s=\$(cat "\$dir/slow-next")
        rm -f "\$dir/slow-next"
        sleep "\$s"
        : >"\$dir/slow-done"
    fi
    if [ -n "\$hook" ]; then
        [ "\$(\$hook powerstatus)" = on ] && echo power:1 || echo power:0
    else
        echo "power:\$(cat "\$dir/power")"
    fi ;;
"set power")
    if [ "\$3" = 0 ] && [ -e "\$dir/slow-after-off" ]; then
        mv "\$dir/slow-after-off" "\$dir/slow-next"
    fi
    [ "\$3" = 0 ] && [ -e "\$dir/ignore-off" ] && exit 0
    if [ -n "\$hook" ]; then
        if [ "\$3" = 1 ]; then \$hook poweron; else \$hook poweroff; fi
    else
        echo "\$3" >"\$dir/power"
    fi ;;
esac
exit 0
EOF
    chmod +x "$dir/chassis"
}

bmc_write_conf() {
    local dir=$1 addr=$2 port=$3 name=$4
    cat >"$dir/lan.conf" <<EOF
name "$name"
set_working_mc 0x20
  startlan 1
    addr $addr $port
    priv_limit admin
    allowed_auths_callback none md2 md5 straight
    allowed_auths_user none md2 md5 straight
    allowed_auths_operator none md2 md5 straight
    allowed_auths_admin none md2 md5 straight
    guid a123456789abcdefa123456789abcdef
  endlan
  chassis_control "$dir/chassis"
  user 2 true "$BMC_USER" "$BMC_PASS" admin 10 none md2 md5 straight
EOF
    cat >"$dir/bmc.emu" <<EOF
mc_setbmc 0x20
mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
mc_enable 0x20
EOF
}

# bmc_start NS NAME ADDR [PORT] [HOOK]: ADDR (IPv4 or IPv6) is added to lo
# in NS
bmc_start() {
    local ns=$1 name=$2 addr=$3 port=${4:-623} hook=${5:-}
    local dir=$BT_TMP/bmc-$name i
    mkdir -p "$dir/state"
    echo 1 >"$dir/power"
    : >"$dir/calls"
    BMC_DIRS[$name]=$dir
    bmc_write_program "$dir" "$hook"
    bmc_write_conf "$dir" "$addr" "$port" "$name"
    local ssaddr=$addr
    if [[ "$addr" == *:* ]]; then
        ip -n "$ns" addr add "$addr/128" dev lo nodad 2>/dev/null
        ssaddr="[$addr]"
    else
        ip -n "$ns" addr add "$addr/32" dev lo 2>/dev/null
    fi
    ip netns exec "$ns" ipmi_sim -c "$dir/lan.conf" -f "$dir/bmc.emu" -n \
        -s "$dir/state" >"$dir/sim.log" 2>&1 </dev/null &
    echo $! >"$dir/pid"
    on_exit "kill $(cat "$dir/pid")"
    for i in $(seq 1 100); do
        ip netns exec "$ns" ss -Hun state all "src $ssaddr:$port" 2>/dev/null |
            grep -q . && return 0
        sleep 0.05
    done
    echo "ipmi_sim $name did not start:" >&2
    cat "$dir/sim.log" >&2
    return 1
}

bmc_power() { cat "${BMC_DIRS[$1]}/power"; }
bmc_set() { echo "$2" >"${BMC_DIRS[$1]}/power"; }
bmc_calls() { cat "${BMC_DIRS[$1]}/calls"; }
bmc_ignore_off() {
    if [ "${2:-1}" = 1 ]; then
        : >"${BMC_DIRS[$1]}/ignore-off"
    else
        rm -f "${BMC_DIRS[$1]}/ignore-off"
    fi
}
# bmc_slow_status_after_off NAME SECS: the first status request after the
# next off command takes SECS seconds to answer (once)
bmc_slow_status_after_off() {
    rm -f "${BMC_DIRS[$1]}/slow-done"
    echo "$2" >"${BMC_DIRS[$1]}/slow-after-off"
}
# bmc_wait_responsive NAME: wait (up to 30 s) until that slow answer is over
bmc_wait_responsive() {
    local i
    for i in $(seq 1 300); do
        [ -e "${BMC_DIRS[$1]}/slow-done" ] && return 0
        sleep 0.1
    done
    return 1
}

# ---------------------------------------------------------------------------
# BMCs for the nodes of a cluster from tests/cluster/harness (scenario.sh
# sourced, cluster up, "cluster env" evaluated). BMC of nodeI listens on
# $CLUSTER_NET.(230+I) in the cluster's lan namespace; powering off kills the
# node (all its processes at once), powering on starts it again.
# Power requests are carried out by a loop in the test's own context (not
# inside ipmi_sim's namespace), so ipmi_sim never waits for a node to boot.
#
# Power on is at once (the BMC reports on), but the node boots, as a real
# machine does, only after the cluster has noticed it went away: no sooner
# than bmc_boot_delay_ms after its power off. A node back within the token
# (the harness boots one in under a second) rejoins before its fencing is
# confirmed; the confirmation then reaches the node itself, whose controller
# stops for good ("We were allegedly just fenced"). With corosync's default
# 3000 ms token that happened at every stonith_admin --reboot of a member.

bmc_ip() { echo "$CLUSTER_NET.$((230 + ${1#node}))"; }

# bmc_boot_delay_ms: how long a powered-off node stays down at least: the
# others' new membership without it (scenario.sh's membership_ms), plus 1 s
bmc_boot_delay_ms() { echo $(($(membership_ms) + 1000)); }

# bmc_boot NODE QUEUE: boot NODE once its boot delay has passed, unless it
# was powered off again meanwhile (its .booting mark is gone)
bmc_boot() {
    local node=$1 q=$2 off_ms wait_ms
    off_ms=$(sed 's/\.\(...\).*/\1/' \
        "$CLUSTER_STATE/nodes/$node/killed-at" 2>/dev/null)
    wait_ms=$((${off_ms:-0} + $(bmc_boot_delay_ms) - $(date +%s%3N)))
    [ "$wait_ms" -gt 0 ] &&
        sleep "$((wait_ms / 1000)).$(printf '%03d' $((wait_ms % 1000)))"
    {
        flock 9
        [ -e "$q/$node.booting" ] || return 0
        # 9>&-: the node's processes must not inherit (and hold) the lock
        "$CL" start "$node" >>"$q/log" 2>&1 9>&-
        echo "$(date +%s.%N) $node booted" >>"$q/done"
        rm -f "$q/$node.booting"
    } 9>"$q/$node.lock"
}

bmc_power_loop() {
    local q=$1 r node op
    while :; do
        for r in "$q"/*.req; do
            [ -e "$r" ] || continue
            read -r node op <"$r"
            rm -f "$r"
            case "$op" in
                poweroff)
                    {
                        flock 9
                        rm -f "$q/$node.booting"
                        "$CL" kill "$node" >>"$q/log" 2>&1 9>&-
                    } 9>"$q/$node.lock" ;;
                poweron)
                    : >"$q/$node.booting"
                    bmc_boot "$node" "$q" & ;;
            esac
            echo "$(date +%s.%N) $node $op" >>"$q/done"
        done
        sleep 0.05
    done
}

# bmc_booted NODE: NODE is up and its boot is over (the harness reports a
# node on as soon as its PID 1 runs, before its cable is plugged in)
bmc_booted() {
    [ ! -e "$BT_TMP/powerq/$1.booting" ] &&
        [ "$("$CL" powerstatus "$1")" = on ]
}

# bmc_wait_booted NODE: until NODE, powered on through its BMC, has booted
bmc_wait_booted() {
    wait_until $(($(bmc_boot_delay_ms) / 1000 + 60)) bmc_booted "$1"
}

# bmc_cluster_hook NODE: the program the BMC of NODE uses to act on it
bmc_cluster_hook() {
    local node=$1 q=$BT_TMP/powerq
    cat >"$BT_TMP/hook-$node" <<EOF2
#!/bin/bash
case "\$1" in
powerstatus)
    # powered on, and booting or up
    [ -e '$q/$node.booting' ] && { echo on; exit 0; }
    CLUSTER='$CLUSTER' exec '$CL' powerstatus '$node' ;;
poweroff|poweron)
    n=\$(grep -c " $node \$1\$" '$q/done' 2>/dev/null)
    echo "$node \$1" >'$q/$node.\$1.tmp'
    mv '$q/$node.\$1.tmp' '$q/$node.\$1.req'
    # off is done before the BMC answers; on is left to finish (a boot)
    [ "\$1" = poweroff ] || exit 0
    for _ in \$(seq 1 100); do
        [ "\$(grep -c " $node poweroff\$" '$q/done' 2>/dev/null)" -gt "\${n:-0}" ] && exit 0
        sleep 0.05
    done ;;
esac
EOF2
    chmod +x "$BT_TMP/hook-$node"
    echo "$BT_TMP/hook-$node"
}

# bmc_cluster_up: one ipmi_sim per node in the lan namespace, and the loop
bmc_cluster_up() {
    local i
    mkdir -p "$BT_TMP/powerq"
    : >"$BT_TMP/powerq/done"
    bmc_power_loop "$BT_TMP/powerq" &
    on_exit "kill $!"
    # a boot still waiting at the end is called off
    on_exit "rm -f '$BT_TMP/powerq'/*.booting"
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        bmc_start "$CLUSTER_LAN_NS" "node$i" "$(bmc_ip "node$i")" 623 \
            "$(bmc_cluster_hook "node$i")" || return 1
    done
}

# bmc_cluster_fencing_up: bmc_cluster_up, then one fence_baton_ipmilan
# device per node behind its BMC, kept off the node it fences (needs
# tests/cluster/lib/scenario.sh's on_any)
bmc_cluster_fencing_up() {
    local i
    bmc_cluster_up || return 1
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        on_any pcs stonith create "fence-node$i" fence_baton_ipmilan \
            ip="$(bmc_ip "node$i")" username="$BMC_USER" \
            password="$BMC_PASS" lanplus=1 pcmk_host_list="node$i" \
            power_timeout=30 op monitor interval=60s || return 1
        on_any pcs constraint location "fence-node$i" avoids "node$i" ||
            return 1
    done
}
