# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers of the DRBD scenarios (tests/vm/*.test) and the benchmark
# (bench/drbd.bench): two QEMU guests (tests/vm/vmctl) with DRBD 8.4,
# corosync and Pacemaker, fenced through IPMI simulators on the host
# (tests/lib/bmc.sh) by fence_baton_ipmilan. Source after
# tests/lib/common.sh.
#
# Two DRBD resources run side by side on the replication link:
#   r0 /dev/drbd0 on /dev/vdb: ocf:baton:drbd, baton-fence-peer
#   r1 /dev/drbd1 on /dev/vdc: ocf:linbit:drbd, crm-fence-peer.9.sh
VMCTL=$BATON_TOP/tests/vm/vmctl
export BATON_VM_TAG=${BATON_VM_TAG:-t$$}
VM_NODES=(node1 node2)
VM_HOST=10.77.0.1
VM_VIP=10.77.0.100

# vm NODE [TIMEOUT] <<'EOF' ... EOF: a script in the guest
vm() { "$VMCTL" run "$@"; }

vm_log() { echo "$(date +%T.%3N) $*"; }

# ---- the machines --------------------------------------------------------------

vm_up() {
    "$VMCTL" up "${VM_NODES[@]}" || return 1
    on_exit "'$VMCTL' down"
    local n pids=()
    for n in "${VM_NODES[@]}"; do
        "$VMCTL" start "$n" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || return 1; done
}

# The BMC of each guest: ipmi_sim on the host side of the cluster network,
# powering the guest off (QEMU killed) and on (booted again)
vm_bmcs() {
    local n i ns
    ns=$("$VMCTL" ns)
    for n in "${VM_NODES[@]}"; do
        i=${n#node}
        bmc_start "$ns" "$n" "$VM_HOST" "$((6230 + i))" "$VMCTL bmc $n" ||
            return 1
    done
}

# ---- DRBD ---------------------------------------------------------------------------

# drbd_conf [ARGS]: the two resources' configuration, the same on both
# guests; ARGS follow baton-fence-peer in r0's fence-peer handler
drbd_conf() {
    local r minor disk handler unhandler
    for r in r0 r1; do
        minor=${r#r}
        disk=$([ "$r" = r0 ] && echo vdb || echo vdc)
        if [ "$r" = r0 ]; then
            handler="/usr/lib/drbd/baton-fence-peer${1:+ $1}"
            unhandler=/usr/lib/drbd/baton-unfence-peer
        else
            handler=/usr/lib/drbd/crm-fence-peer.9.sh
            unhandler=/usr/lib/drbd/crm-unfence-peer.9.sh
        fi
        cat <<EOF
resource $r {
    net {
        protocol C;
        ping-int 3;
        ping-timeout 10;
        connect-int 3;
        timeout 30;
        after-sb-0pri disconnect;
        after-sb-1pri disconnect;
        after-sb-2pri disconnect;
    }
    disk {
        fencing resource-and-stonith;
    }
    handlers {
        fence-peer "$handler";
        after-resync-target "$unhandler";
    }
    on node1 {
        device /dev/drbd$minor;
        disk /dev/$disk;
        address 10.77.1.11:$((7788 + minor));
        meta-disk internal;
    }
    on node2 {
        device /dev/drbd$minor;
        disk /dev/$disk;
        address 10.77.1.12:$((7788 + minor));
        meta-disk internal;
    }
}
EOF
    done
}

# drbd_conf_install NODE [ARGS]: the resource file on NODE (a guest boots
# from a clean image: after a power cycle it needs it again, as a real
# machine's disk would have kept it; DRBD's metadata is on the backing
# disks, which are kept); ARGS as drbd_conf's (drbdadm reads the file anew
# each time the kernel calls a handler)
drbd_conf_install() {
    local conf
    conf=$(drbd_conf "${2:-}")
    vm "$1" 60 <<EOF
cat >/etc/drbd.d/baton.res <<'CONF'
$conf
CONF
sed -i 's/usage-count yes/usage-count no/' /etc/drbd.d/global_common.conf
EOF
}

# Write the configuration, create metadata
# and bring both resources up on every guest; then skip the initial sync
# (zero-filled disks) and put a file system on each from node1
drbd_init() {
    local n conf
    conf=$(drbd_conf)
    for n in "${VM_NODES[@]}"; do
        vm "$n" 120 <<EOF || return 1
set -e
cat >/etc/drbd.d/baton.res <<'CONF'
$conf
CONF
sed -i 's/usage-count yes/usage-count no/' /etc/drbd.d/global_common.conf
for r in r0 r1; do
    yes yes | drbdadm create-md --force \$r >/dev/null 2>&1
    drbdadm up \$r
done
EOF
    done
    vm node1 120 <<'EOF' || return 1
set -e
for r in r0 r1; do
    for t in $(seq 1 300); do
        [ "$(drbdadm cstate $r)" = Connected ] && break
        sleep 0.2
    done
    drbdadm cstate $r | grep -qx Connected
    drbdadm -- --clear-bitmap new-current-uuid $r
done
for r in r0 r1; do
    for t in $(seq 1 100); do
        [ "$(drbdadm dstate $r)" = UpToDate/UpToDate ] && break
        sleep 0.2
    done
    drbdadm primary $r
    mkfs.ext4 -q -F /dev/drbd${r#r}
    drbdadm secondary $r
done
EOF
    # Pacemaker starts them from here
    for n in "${VM_NODES[@]}"; do
        echo 'drbdadm down all' | vm "$n" 60 || return 1
    done
}

# drbd_role NODE MINOR: "Primary", "Secondary" or "" (down), from the kernel
drbd_role() {
    echo "awk '\$1 == \"$2:\" { sub(\"ro:\", \"\", \$3); sub(\"/.*\", \"\", \$3); print \$3 }' /proc/drbd" |
        vm "$1" 30
}

# ---- the cluster -----------------------------------------------------------------------

corosync_conf() {
    cat <<EOF
totem {
    version: 2
    cluster_name: batonvm
    transport: knet
    crypto_cipher: none
    crypto_hash: none
    # 10 s: a guest under TCG that a burst of processes (drbd-utils'
    # shell handler) keeps busy must not look dead to its peer
    token: 10000
}
nodelist {
    node {
        ring0_addr: 10.77.0.11
        name: node1
        nodeid: 1
    }
    node {
        ring0_addr: 10.77.0.12
        name: node2
        nodeid: 2
    }
}
quorum {
    provider: corosync_votequorum
    two_node: 1
}
logging {
    to_logfile: yes
    logfile: /var/log/corosync/corosync.log
    to_syslog: no
    timestamp: on
}
EOF
}

# Start corosync and Pacemaker on a guest (no systemd: directly)
cluster_start() {
    local conf
    conf=$(corosync_conf)
    vm "$1" 120 <<EOF
mkdir -p /etc/corosync /var/log/corosync /var/log/pacemaker
cat >/etc/corosync/corosync.conf <<'CONF'
$conf
CONF
export PCMK_logfile=/var/log/pacemaker/pacemaker.log PCMK_logfacility=none
export HA_LOGFILE=/var/log/pacemaker/pacemaker.log
corosync
for i in \$(seq 1 100); do corosync-cfgtool -s >/dev/null 2>&1 && break; sleep 0.1; done
setsid pacemakerd </dev/null >>/var/log/pacemaker/pacemakerd.out 2>&1 &
EOF
}

# cluster_online NODE: NODE's controller sees every listed node online
# (crm_mon's XML)
cluster_online() {
    local want=$1
    shift
    vm "$want" 60 <<EOF
crm_mon -1 --output-as=xml 2>/dev/null | python3 -c '
import sys, xml.etree.ElementTree as E
t = E.parse(sys.stdin)
on = {n.get("name") for n in t.iter("node") if n.get("online") == "true"}
dc = t.find(".//current_dc")
sys.exit(0 if dc is not None and dc.get("present") == "true" and set("$*".split()) <= on else 1)'
EOF
}

# crm_xml NODE EXPR: evaluate a Python expression over crm_mon's XML
# (t: the tree) in the guest, print it
crm_xml() {
    vm "$1" 60 <<EOF
crm_mon -1 --output-as=xml >/tmp/crm.xml 2>/dev/null
python3 - <<'PY'
import xml.etree.ElementTree as E
t = E.parse("/tmp/crm.xml")
print($2)
PY
EOF
}

# promoted_on NODE RSC: the node crm_mon (asked on NODE) shows RSC
# promoted on, or ""
promoted_on() {
    crm_xml "$1" "' '.join(sorted(n.get('name') for r in t.iter('resource') if r.get('id').startswith('$2') and r.get('role') == 'Promoted' for n in r.iter('node')))"
}

# started_on NODE RSC: where RSC runs (Started), or ""
started_on() {
    crm_xml "$1" "' '.join(sorted(n.get('name') for r in t.iter('resource') if r.get('id') == '$2' and r.get('role') == 'Started' for n in r.iter('node')))"
}

# constraint_ids NODE PREFIX: the ids of constraints starting with PREFIX
constraint_ids() {
    vm "$1" 60 <<EOF
cibadmin -Q -o constraints 2>/dev/null | python3 -c '
import sys, xml.etree.ElementTree as E
print(" ".join(c.get("id") for c in E.parse(sys.stdin).getroot() if c.get("id", "").startswith("$2")))'
EOF
}

# ---- the application: every acknowledged write ---------------------------------------

# The host's acknowledgement collector: the writers send "RESOURCE SEQ"
# by UDP after each fsync; the collector keeps the highest per resource
ack_start() {
    local ns
    ns=$("$VMCTL" ns)
    ACK_DIR=$BT_TMP/acks
    mkdir -p "$ACK_DIR"
    ip netns exec "$ns" python3 "$BATON_TOP/tests/vm/acks.py" "$VM_HOST" 7777 \
        "$ACK_DIR" >"$BT_TMP/acks.log" 2>&1 &
    on_exit "kill $!"
}

# ack_max RESOURCE: the highest write acknowledged so far
ack_max() { cat "$ACK_DIR/$1" 2>/dev/null || echo 0; }

# data_has NODE DIR SEQ: the log in DIR on NODE has every record 1..SEQ
data_has() {
    echo "python3 -c '
import sys
seen = set()
for line in open(\"$2/log\"):
    p = line.split()
    if len(p) == 2 and p[1] == \"ok\":
        seen.add(int(p[0]))
missing = [i for i in range(1, $3 + 1) if i not in seen]
print(\"records %d, max %d, missing %d\" % (len(seen), max(seen or [0]), len(missing)))
sys.exit(1 if missing else 0)'" | vm "$1" 60
}

# ---- split brain: both kernels' roles, sampled ----------------------------------------

# Every guest samples its own kernel's roles of r0 and r1 five times a
# second into /run/roles.log (tests/vm/roles.py; the clock set from the
# host's at boot)
roles_sample_start() {
    local n
    for n in "$@"; do
        echo 'setsid python3 /opt/baton-vm/roles.py </dev/null >/dev/null 2>&1 &' |
            vm "$n" 30
    done
}

# roles_collect NODE...: every guest's samples as "TIME NODE MINOR ROLE"
# lines, appended to $BT_TMP/roles
roles_collect() {
    local n
    for n in "$@"; do
        echo 'cat /run/roles.log; : >/run/roles.log' | vm "$n" 60 |
            awk -v n="$n" '{ for (i = 2; i <= NF; i++) {
                split($i, a, ":"); print $1, n, a[1], a[2] } }' \
            >>"$BT_TMP/roles"
    done
}

# roles_down NODE: NODE's roles end here (it was killed)
roles_down() { echo "$(date +%s.%N) $1 * down" >>"$BT_TMP/roles"; }

# split_brain_check: from the samples of both kernels, no moment when both
# were Primary of the same minor (each node's role holds from one sample
# to the next; a role must be seen twice in a row to count)
split_brain_check() {
    sort -n "$BT_TMP/roles" | python3 -c '
import sys
last = {}
prev = {}
bad = 0
n = 0
for line in sys.stdin:
    t, node, minor, role = line.split()[:4]
    if minor == "*":
        # a killed node holds no role from here on
        for k in list(last):
            if k[0] == node:
                last[k] = prev[k] = "down"
        continue
    n += 1
    key = (node, minor)
    # a role counts when two samples in a row agree on it
    prev_role = prev.get(key)
    prev[key] = role
    last[key] = role if prev_role == role else last.get(key, prev_role)
    prim = [k for k, r in last.items() if k[1] == minor and r == "Primary"]
    if len(prim) > 1:
        bad += 1
        print("both Primary at", t, prim)
print("%d samples, %d with two Primaries" % (n, bad))
sys.exit(1 if bad or n == 0 else 0)'
}

# ---- the resources ------------------------------------------------------------------------

# The file system agent of the Baton stack: ocf:baton:Filesystem where the
# staged build has it, else heartbeat's
fs_agent() {
    if [ -x "$BATON_STAGE/ocf/resource.d/baton/Filesystem" ]; then
        echo ocf:baton:Filesystem
    else
        echo ocf:heartbeat:Filesystem
    fi
}

# Fencing and both stacks, built with pcs -f on the host (the same Debian
# pcs as in the guests: each pcs call costs 15 s under TCG, a fraction of
# a second here) from the guest's CIB, and pushed back with cibadmin;
# --force because the agents are installed in the guests, not on the host:
#   the vProtect stack: drbd0 (ocf:baton:drbd, promotable) -> svc0 =
#     fs0 (Filesystem on /dev/drbd0) -> writer0 (ocf:baton:app) -> vip
#     (ocf:baton:IPaddr2), with a ping clone (ocf:baton:ping) steering svc0
#   drbd-utils' stack beside it: drbd1 (ocf:linbit:drbd) -> svc1 = fs1
#     (ocf:heartbeat:Filesystem) -> writer1
# Both are promoted on node1 first (a rule stack_unpin removes).
stack_create() {
    local fs f=$BT_TMP/cib.xml i r
    fs=$(fs_agent)
    echo 'cibadmin -Q' | vm node1 60 >"$f" || return 1
    pcs -f "$f" property set stonith-enabled=true || return 1
    for i in 1 2; do
        pcs -f "$f" stonith create --force fence-node$i fence_baton_ipmilan \
            ip=$VM_HOST ipport=623$i username=admin password=secret \
            lanplus=1 pcmk_host_list=node$i pcmk_reboot_action=off \
            op monitor interval=60s || return 1
    done
    for r in 0 1; do
        pcs -f "$f" resource create --force drbd$r \
            "$([ $r = 0 ] && echo ocf:baton:drbd || echo ocf:linbit:drbd)" \
            drbd_resource=r$r op monitor interval=10s role=Promoted \
            op monitor interval=20s role=Unpromoted \
            promotable promoted-max=1 promoted-node-max=1 clone-max=2 \
            clone-node-max=1 notify=true || return 1
        pcs -f "$f" resource create --force fs$r \
            "$([ $r = 0 ] && echo "$fs" || echo ocf:heartbeat:Filesystem)" \
            device=/dev/drbd$r directory=/data$r fstype=ext4 \
            --group svc$r || return 1
        pcs -f "$f" resource create --force writer$r ocf:baton:app \
            binfile=/usr/bin/python3 \
            cmdline_options="/opt/baton-vm/writer.py /data$r r$r $VM_HOST 7777" \
            --group svc$r || return 1
        pcs -f "$f" constraint order promote drbd$r-clone then start svc$r \
            >/dev/null || return 1
        pcs -f "$f" constraint colocation add svc$r with Promoted \
            drbd$r-clone INFINITY || return 1
        pcs -f "$f" constraint location drbd$r-clone rule role=Promoted \
            score=100 '#uname' eq node1 || return 1
    done
    pcs -f "$f" resource create --force vip ocf:baton:IPaddr2 ip=$VM_VIP \
        cidr_netmask=24 --group svc0 || return 1
    pcs -f "$f" resource create --force ping ocf:baton:ping host_list=$VM_HOST \
        multiplier=1000 op monitor interval=10s clone || return 1
    pcs -f "$f" constraint location svc0 rule score=-INFINITY pingd lt 1 \
        or not_defined pingd || return 1
    { echo 'cibadmin --replace -o configuration --xml-pipe <<"CIB"'
      python3 -c 'import sys, xml.etree.ElementTree as E
print(E.tostring(E.parse(sys.argv[1]).getroot().find("configuration"), encoding="unicode"))' "$f"
      echo CIB; } | vm node1 60
}

# stack_unpin: remove the rules that put both stacks on node1 first
stack_unpin() {
    vm node1 60 <<'EOF'
cibadmin -Q -o constraints | python3 -c '
import sys, xml.etree.ElementTree as E
for c in E.parse(sys.stdin).getroot():
    if c.tag == "rsc_location" and c.get("rsc", "").endswith("-clone") and c.get("id", "").startswith("location-drbd"):
        print(c.get("id"))' | while read -r id; do
    cibadmin -D -X "<rsc_location id=\"$id\"/>"
done
EOF
}
