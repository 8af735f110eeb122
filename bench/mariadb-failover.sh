#!/bin/bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Part 2 of bench/mariadb.bench (which runs it; not a benchmark of its
# own): failover of ocf:baton:mariadb and ocf:heartbeat:mariadb in a real
# 3-node corosync + Pacemaker cluster with IPMI fencing
# (tests/cluster/harness and tests/cluster/lib/mariadb.sh: a MariaDB 10.11
# per node with its own data directory and socket, a VIP colocated with
# the promoted instance). Each round builds fresh databases (node1's,
# with the client's table, copied to the others: one GTID history, as
# mariabackup would make it), creates the
# clone with one agent, lets a client in the client namespace insert
# numbered rows through the VIP (one connection each, a commit given up
# after 1 s), and hard-kills the primary's node (fenced through its BMC):
# kill -> the first acknowledged write through the VIP, who was promoted,
# and the acknowledged rows missing on the new primary. Rounds alternate
# between the agents; the failover timeline (tests/cluster/timeline) of
# each agent's last round is kept. Writes a Markdown subsection on stdout.
#   bench/mariadb-failover.sh ROUNDS     (per agent)
#   CLUSTER_TOKEN_MS (default 1000, as the other failover benchmarks)
set -uo pipefail
ROUNDS=${1:-3}
top=$(cd "$(dirname "$0")/.." && pwd)
export BATON_TOP=$top
: "${BATON_STAGE:=$top/_stage}"
export BATON_STAGE
export BATON_CLUSTER_TAG=mdf$(($$ % 10000))
export CLUSTER_STONITH=1
export CLUSTER_NODES=3
export CLUSTER_TOKEN_MS=${CLUSTER_TOKEN_MS:-1000}
# shellcheck disable=SC1091
. "$top/tests/cluster/lib/scenario.sh"
# shellcheck disable=SC1091
. "$top/tests/lib/bmc.sh"
# shellcheck disable=SC1091
. "$top/tests/cluster/lib/mariadb.sh"
# a commit without an answer within 1 s is given up and the next row
# connects again: the client's TCP backoff would be measured otherwise
export MD_WRITER_TIMEOUT_S=1
FO=$BT_TMP/failovers
LOG=$BT_TMP/bench.log
: >"$FO"

# die WHY: the reason, the last of the log and what the cluster and the
# replicas say, on stderr (bench-out/mariadb.log)
die() {
    local i
    echo "mariadb-failover: $*" >&2
    tail -40 "$LOG" >&2
    on_any crm_mon -1 >&2
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        echo "node$i:" >&2
        md_sql "node$i" "SHOW SLAVE STATUS\G" >&2
        cl exec "node$i" tail -5 /var/lib/mysql/error.log >&2
    done
    exit 1
}

sc_up >>"$LOG" 2>&1 || die "cluster"
bmc_cluster_fencing_up >>"$LOG" 2>&1 || die "fencing"
NODES=$(seq -s' ' -f 'node%g' 1 "$CLUSTER_NODES")

# fresh: every node's data directory emptied, the databases built again
fresh() {
    local i
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        cl exec "node$i" sh -c 'rm -rf /var/lib/mysql/* /var/lib/mysql/.[!.]*'
    done
    # the agent's records of the old databases go with them
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        cl exec "node$i" sh -c "rm -f /run/baton/mariadb-$MD_RSC-*"
    done
    md_init && md_server_ids &&
        md_seed node1 "CREATE DATABASE app; CREATE TABLE app.t (i INT PRIMARY KEY)"
}

# round AGENT LABEL: one failover with AGENT; appends to $FO
#   LABEL MS_OR_none LOST KILLED PROMOTED summary...
round() {
    local agent=$1 a=$2 p n tl lost vip
    fresh >>"$LOG" 2>&1 || die "databases ($a)"
    md_scores_clear
    md_create "$agent" node_list="$NODES" >>"$LOG" 2>&1 ||
        die "pcs resource create ($a)"
    p=$(md_wait_primary 240) || die "no primary ($a)"
    for n in $NODES; do
        [ "$n" = "$p" ] && continue
        following() { [ "$(md_slave "$1" Slave_IO_Running)" = Yes ] &&
                      [ "$(md_slave "$1" Master_Host)" = "$(md_node_ip "$p")" ]; }
        wait_until 90 following "$n" || die "$n does not replicate from $p ($a)"
    done
    MD_WLOG=$BT_TMP/writer-$a-$(date +%s).log
    md_writer_start
    acked() { [ "$(md_acked)" -gt 20 ]; }
    wait_until 30 acked || die "no commit through the VIP ($a)"
    md_kill_primary_node >>"$LOG" 2>&1 || die "kill ($a)"
    if md_await_failover 180 >>"$LOG" 2>&1; then
        sleep 2
        md_writer_stop
        lost=$(md_lost "$MD_TO")
        tl=$("$TIMELINE" -n "$MD_KILLED" -w "$MD_WLOG" -r "$MD_RSC,$MD_VIP_RSC")
        printf '%s\n' "$tl" >"$BT_TMP/timeline-$a"
        # the summary's start_ms is the first start of either resource
        # (a rejoining node's db may come first): the VIP's, from its line
        vip=$(awk -v v="$MD_VIP_RSC" '$2 == "start" && $3 == v {
                d = $6; ms = d + 0; if (d !~ /ms$/) ms = d * 1000
                printf "%d", $1 * 1000 + ms; exit }' <<<"$tl")
        echo "$a $MD_FO_MS $lost $MD_KILLED $MD_TO" \
            "$(sed -n 's/^summary //p' <<<"$tl") vip_ms=${vip:-0}" >>"$FO"
        echo "$a: $MD_KILLED killed, $MD_TO promoted, first acknowledged write" \
            "after $MD_FO_MS ms, $lost acknowledged rows lost" >&2
    else
        md_writer_stop
        [ "$a" = baton ] && die "no failover ($a)"
        echo "$a none - $MD_KILLED ${MD_TO:--}" >>"$FO"
        echo "$a: $MD_KILLED killed, no failover within 180 s" >&2
        on_any crm_mon -1 >>"$LOG" 2>&1
    fi
    bmc_wait_booted "$MD_KILLED" >>"$LOG" 2>&1
    cl wait-online 120 >>"$LOG" 2>&1
    md_delete
    wait_until 120 md_all_stopped || die "the servers stop ($a)"
    on_any pcs resource cleanup >/dev/null 2>&1
}

for ((r = 1; r <= ROUNDS; r++)); do
    round ocf:baton:mariadb baton
    round ocf:heartbeat:mariadb heartbeat
done
cat "$FO" >&2

COROSYNC_TOKEN=$(on_any corosync-cmapctl -g runtime.config.totem.token 2>/dev/null | sed -n 's/.* = //p')
python3 - "$FO" "$ROUNDS" "$CLUSTER_TOKEN_MS" "${COROSYNC_TOKEN:-?}" \
    "$BT_TMP/timeline-baton" "$BT_TMP/timeline-heartbeat" <<'PY'
import os, statistics, sys
fo, rounds, token, token_rt, tl_baton, tl_hb = sys.argv[1:7]

def med(v):
    return statistics.median(v) if v else float("nan")

rows = {}
for line in open(fo):
    f = line.split()
    rows.setdefault(f[0], []).append(f)
print("### Failover in the cluster\n")
print("A real 3-node corosync + Pacemaker cluster with IPMI fencing on this "
      "machine (tests/cluster/harness), a MariaDB per node (own data "
      "directory, the same my.cnf: log_bin, server_id, semi-synchronous "
      "replication as each agent sets it), the VIP colocated with the "
      "promoted instance, corosync token %s ms configured (%s ms effective). "
      "Each round builds fresh databases (node1's with the client's table, "
      "copied to the others: one GTID history, as replicas built with "
      "mariabackup have) and creates the clone with one agent, the agents "
      "alternating round by round, %s rounds each; a "
      "client in the client namespace inserts numbered rows through the VIP "
      "(one connection and one autocommit INSERT each, a commit given up "
      "after 1 s); the primary's node is hard-killed and fenced through its "
      "BMC. Failover: kill -> the first acknowledged write through the VIP "
      "after the outage. Lost: acknowledged rows missing on the new "
      "primary. The timeline columns are medians in ms after the kill "
      "(tests/cluster/timeline).\n" % (token, token_rt, rounds))
print("| agent | rounds recovered | failover median ms | min–max ms | lost "
      "(all rounds) | promoted | membership | fenced | promote done | VIP "
      "started | first write |")
print("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|")

def summ(items, key):
    v = []
    for it in items:
        for kv in it[5:]:
            k, _, x = kv.partition("=")
            if k == key + "_ms":
                v.append(int(x))
    return med(v)

lost_by = {}
for a, name in (("baton", "ocf:baton:mariadb"),
                ("heartbeat", "ocf:heartbeat:mariadb")):
    items = rows.get(a, [])
    ok = [it for it in items if it[1] != "none"]
    ms = [int(it[1]) for it in ok]
    lost = sum(int(it[2]) for it in ok)
    lost_by[a] = (lost, len(ok), len(items))
    promoted = ", ".join("%s→%s" % (it[3], it[4]) for it in items)
    print("| %s | %d of %d | %s | %s | %d | %s | %.0f | %.0f | %.0f | %.0f "
          "| %.0f |" % (name, len(ok), len(items),
                        "%.0f" % med(ms) if ms else "none",
                        "%d–%d" % (min(ms), max(ms)) if ms else "",
                        lost, promoted, summ(ok, "memb"), summ(ok, "fenced"),
                        summ(ok, "promote"), summ(ok, "vip"),
                        summ(ok, "ack")))
for a, path in (("ocf:baton:mariadb", tl_baton),
                ("ocf:heartbeat:mariadb", tl_hb)):
    if not os.path.exists(path):
        print("\n%s recovered in none of its rounds: no timeline." % a)
        continue
    print("\nThe failover timeline of %s's last recovered round "
          "(`tests/cluster/timeline`):\n\n```" % a)
    print("".join(l for l in open(path)
                  if not l.startswith("summary")).rstrip())
    print("```")
b = lost_by["baton"]
h = lost_by["heartbeat"]
print("\nTargets:")
print("- ocf:baton:mariadb loses no acknowledged row: %d lost in %d "
      "failovers (%s)" % (b[0], b[1], "met" if b[0] == 0 else "**not met**"))
print("- ocf:heartbeat:mariadb, for comparison (it promises no such thing): "
      "%d lost in %d failovers, %d of %d rounds recovered"
      % (h[0], h[1], h[1], h[2]))
PY
bt_finish >/dev/null
