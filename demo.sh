#!/bin/bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The README's first command. As root on Debian 12:
#   ./demo.sh
# installs what is needed, builds Baton and installs it into _stage/,
# starts a 3-node corosync + Pacemaker cluster on this machine (namespaces,
# see doc/cluster-harness.md), creates Baton's resources with pcs, kills the
# node running the virtual IP and shows the failover and its timeline, and
# draws it beside the heartbeat agent's in demo-failover.svg.
# The cluster stays up afterwards; Ctrl-C before the end tears it down.
# Running it again starts over with a fresh cluster.
set -uo pipefail
top=$(cd "$(dirname "$0")" && pwd)
cd "$top" || exit 1
export CLUSTER=${CLUSTER:-demo}
# BATON_STAGE=DIR ./demo.sh uses an existing staged build instead of building
if [ -n "${BATON_STAGE:-}" ]; then build=0; else build=1; fi
export BATON_STAGE=${BATON_STAGE:-$top/_stage}
CL=$top/tests/cluster/harness/cluster
VIP_AGENT=${DEMO_VIP_AGENT:-ocf:baton:IPaddr2}
probe_pid=""

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { echo "demo: $*" >&2; exit 1; }
teardown() {
    [ -n "$probe_pid" ] && kill "$probe_pid" 2>/dev/null
    echo; echo "demo: interrupted, tearing the cluster down"
    "$CL" down
    exit 130
}

[ "$(id -u)" -eq 0 ] || die "run me as root (I make namespaces)"
say "Installing dependencies"
scripts/deps.sh || die "dependencies"
if [ "$build" = 1 ]; then
    say "Building Baton into $BATON_STAGE"
    scripts/build.sh plain || die "build"
fi
agent=${VIP_AGENT##*:}
provider=${VIP_AGENT#ocf:}; provider=${provider%%:*}
if [ "$provider" = baton ] && [ ! -x "$BATON_STAGE/ocf/resource.d/baton/$agent" ]; then
    die "$VIP_AGENT is not in $BATON_STAGE/ocf/resource.d/baton"
fi

# http_get: one request from the client to the web resource, if there is one
http_get() {
    has app || return 0
    echo "client$ GET http://$CLUSTER_VIP:8080/"
    "$CL" client python3 -c 'import sys, urllib.request
r = urllib.request.urlopen(sys.argv[1], timeout=3)
print("HTTP", r.status, r.reason)' "http://$CLUSTER_VIP:8080/" 2>&1 | tail -1
}

trap teardown INT TERM
say "Starting a 3-node cluster '$CLUSTER' (corosync knet + pacemakerd, one namespace set per node)"
t0=$(date +%s%N)
"$CL" up || die "cluster up"
"$CL" wait-online 90 || die "the cluster did not form"
echo "cluster formed in $((($(date +%s%N) - t0) / 1000000)) ms"
eval "$("$CL" env)"

say "Creating resources with pcs"
echo "Baton's agents in this build: $(ls "$BATON_STAGE/ocf/resource.d/baton" 2>/dev/null | tr '\n' ' ')"
# run CMD...: show CMD as typed in node1 (arguments with spaces quoted), run it
run() {
    local a line="node1#"
    for a in "$@"; do
        case "$a" in *" "*) line="$line '$a'" ;; *) line="$line $a" ;; esac
    done
    echo "$line"
    "$CL" exec node1 "$@"
}
has() { [ -x "$BATON_STAGE/ocf/resource.d/baton/$1" ]; }
"$CL" exec node1 pcs resource defaults update resource-stickiness=100 \
    >/dev/null 2>&1
run pcs resource create vip "$VIP_AGENT" ip="$CLUSTER_VIP" cidr_netmask=24 \
    op monitor interval=10s || die "pcs resource create"
# The agent Baton replaces, on a second address with the VIP, so that one
# kill fails both over in the same event and the picture compares them
HB_VIP=$CLUSTER_NET.201
hb=""
if [ -x /usr/lib/ocf/resource.d/heartbeat/IPaddr2 ] && [ "$VIP_AGENT" != ocf:heartbeat:IPaddr2 ]; then
    run pcs resource create vip-hb ocf:heartbeat:IPaddr2 ip="$HB_VIP" \
        cidr_netmask=24 op monitor interval=10s &&
        run pcs constraint colocation add vip-hb with vip INFINITY 2>/dev/null &&
        hb=1 || echo "demo: (comparison VIP not created, going on)"
fi
if has ping; then
    # every node pings the lan's gateway address; the VIP avoids nodes
    # that cannot reach it
    run pcs resource create gw ocf:baton:ping host_list="$CLUSTER_LAN_IP" \
        op monitor interval=5s clone &&
        run pcs constraint location vip rule score=-INFINITY \
            pingd lt 1 or not_defined pingd ||
        echo "demo: (ping clone not created, going on)"
fi
if has app; then
    # a small web server on the VIP, health-checked over HTTP
    run pcs resource create web ocf:baton:app binfile=/usr/bin/python3 \
        cmdline_options="-m http.server 8080 --bind $CLUSTER_VIP --directory /usr/share/doc/pacemaker" \
        check_http="http://$CLUSTER_VIP:8080/" op monitor interval=10s \
        --disabled &&
        run pcs constraint colocation add web with vip INFINITY 2>/dev/null &&
        run pcs constraint order vip 'then' web 2>/dev/null &&
        run pcs resource enable web ||
        echo "demo: (web not created, going on)"
fi
for _ in $(seq 1 150); do
    holder=$("$CL" exec node1 crm_resource --locate -r vip -Q 2>/dev/null | head -1)
    [ -n "$holder" ] && break
    sleep 0.2
done
[ -n "$holder" ] || die "the VIP did not start"
has app && "$CL" wait 30 node1 sh -c "crm_mon -1 | grep -Eq 'web[[:space:]].*Started'"
run crm_mon -1 -A
echo "client$ ping -c 1 $CLUSTER_VIP"
"$CL" client ping -c 1 -W 1 "$CLUSTER_VIP" | sed -n 2p
http_get

say "Killing $holder (every process of the node at once), the client pings $CLUSTER_VIP every 50 ms"
probe=$CLUSTER_STATE/demo-probe.log
ip netns exec "$CLUSTER_CLIENT_NS" ping -D -O -n -i 0.05 -W 1 "$CLUSTER_VIP" \
    >"$probe" 2>&1 &
probe_pid=$!
probe_hb=$CLUSTER_STATE/demo-probe-hb.log
if [ -n "$hb" ]; then
    ip netns exec "$CLUSTER_CLIENT_NS" ping -D -O -n -i 0.05 -W 1 "$HB_VIP" \
        >"$probe_hb" 2>&1 &
    probe_hb_pid=$!
fi
sleep 0.5
"$CL" kill "$holder"
killed=$(cat "$CLUSTER_STATE/nodes/$holder/killed-at")
reply=""
for _ in $(seq 1 600); do
    reply=$(awk -v t0="$killed" '{ gsub(/[][]/, "", $1) } $1 < t0 { next }
        /no answer yet/ { gap = 1; next } /bytes from/ && gap { print $1; exit }' "$probe")
    [ -n "$reply" ] && break
    sleep 0.1
done
sleep 0.3
kill "$probe_pid" 2>/dev/null; wait "$probe_pid" 2>/dev/null; probe_pid=""
if [ -n "$hb" ]; then
    # the comparison VIP may answer a little later: give it 5 s more
    for _ in $(seq 1 50); do
        grep -q 'bytes from' <(awk -v t0="$killed" '{ gsub(/[][]/, "", $1) }
            $1 >= t0' "$probe_hb") && break
        sleep 0.1
    done
    kill "$probe_hb_pid" 2>/dev/null; wait "$probe_hb_pid" 2>/dev/null
fi
[ -n "$reply" ] || die "the VIP did not come back within 60 s"
new=""
for n in node1 node2 node3; do
    [ "$n" = "$holder" ] && continue
    new=$("$CL" exec "$n" crm_resource --locate -r vip -Q 2>/dev/null | head -1)
    [ -n "$new" ] && { seen_from=$n; break; }
done
has app && "$CL" wait 30 "${seen_from:-node2}" sh -c \
    "crm_mon -1 | grep -Eq 'web[[:space:]].*Started'"
"$CL" exec "${seen_from:-node2}" crm_mon -1
echo "client$ ip neigh show $CLUSTER_VIP     ($new's MAC is $("$CL" env | sed -n "s/^CLUSTER_NODE${new#node}_MAC=//p"))"
"$CL" client ip neigh show "$CLUSTER_VIP"
http_get
echo
echo "The VIP answers again from $new after $(echo "($reply - $killed) * 1000 / 1" | bc) ms (kill -> first reply)."

say "Failover timeline (from the cluster's logs and the client's probe)"
"$top/tests/cluster/timeline" -n "$holder" -p "$probe"

# The same failover drawn: per agent the steps from the kill to the first
# reply (tests/cluster/failover-svg)
svg=$top/demo-failover.svg
bar() {  # bar LABEL RSC PROBE: one line of failover-svg's input
    "$top/tests/cluster/timeline" -n "$holder" -r "$2" -p "$3" | awk -v l="$1" -v e="$holder killed" '
        $2 ~ /^(start|promote)$/ && $4 == "on" && $6 ~ /^[0-9.]+m?s$/ && op == "" {
            ms = $6 + 0; if ($6 !~ /ms$/) ms *= 1000; op = " " $2 "op_ms=" int(ms + 0.5) }
        /^summary / { sub(/^summary /, ""); s = $0 }
        END { printf "%s\t%s\t%s%s\n", e, l, s, op }'
}
{
    [ -n "$hb" ] && bar ocf:heartbeat:IPaddr2 vip-hb "$probe_hb"
    bar "$VIP_AGENT" vip "$probe"
} | "$top/tests/cluster/failover-svg" \
    -t "Failover of $holder: the replaced agent and Baton in the same event" \
    >"$svg" && echo "The failover drawn: $svg (open it in a browser)"

trap - INT TERM
c="CLUSTER=$CLUSTER tests/cluster/harness/cluster"
cat <<EOF

The cluster '$CLUSTER' keeps running; $holder stays powered off.
  enter a node:  $c enter $new   (crm_mon, pcs resource, crm_resource ...)
  power on:      $c poweron $holder
  tear down:     $c down
More commands: doc/cluster-harness.md
EOF
