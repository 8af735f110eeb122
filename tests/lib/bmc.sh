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
case "\$1 \$2" in
"get power")
    if [ -n "\$hook" ]; then
        [ "\$(\$hook powerstatus)" = on ] && echo power:1 || echo power:0
    else
        echo "power:\$(cat "\$dir/power")"
    fi ;;
"set power")
    [ "\$3" = 0 ] && [ -e "\$dir/ignore-off" ] && exit 0
    if [ -n "\$hook" ]; then
        [ "\$3" = 1 ] && \$hook poweron || \$hook poweroff
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

# bmc_start NS NAME ADDR [PORT] [HOOK]: ADDR is added to lo in NS
bmc_start() {
    local ns=$1 name=$2 addr=$3 port=${4:-623} hook=${5:-}
    local dir=$BT_TMP/bmc-$name i
    mkdir -p "$dir/state"
    echo 1 >"$dir/power"
    : >"$dir/calls"
    BMC_DIRS[$name]=$dir
    bmc_write_program "$dir" "$hook"
    bmc_write_conf "$dir" "$addr" "$port" "$name"
    ip -n "$ns" addr add "$addr/32" dev lo 2>/dev/null
    ip netns exec "$ns" ipmi_sim -c "$dir/lan.conf" -f "$dir/bmc.emu" -n \
        -s "$dir/state" >"$dir/sim.log" 2>&1 </dev/null &
    echo $! >"$dir/pid"
    on_exit "kill $(cat "$dir/pid")"
    for i in $(seq 1 100); do
        ip netns exec "$ns" ss -Hun state all "src $addr:$port" 2>/dev/null |
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
