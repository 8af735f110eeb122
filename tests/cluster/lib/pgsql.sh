# shellcheck shell=bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers for the PostgreSQL scenarios (tests/cluster/pgsqlms-*.test) and
# the pgsqlms benchmark. Source after scenario.sh, before sc_up: every node
# gets a disk of its own on /var/lib/postgresql (data directory and the
# node's settings) and a fresh /run/postgresql (sockets) at each boot.
#
#   pg_init sync|async      initdb on node1, pg_basebackup on the others,
#                           everything stopped, as an operator sets it up
#   pg_create AGENT [P=V]   the promotable clone, the VIP colocated with the
#                           promoted instance and started after promotion
#   pg_primary, pg_wait_primary SECS [NOT_NODE], pg_ranked PRIMARY
#   pg_sql NODE SQL, pg_timeline NODE, pg_streaming NODE (from the primary),
#   pg_wait_streaming PRIMARY SECS NODE... (exactly), pg_wait_streaming_among
#   pg_writer_start, pg_writer_stop: the client (tests/helpers/bt-pgwriter)
#   pg_check_rows NODE WHAT [any]: every acknowledged row is on NODE
#   pg_kill_primary_node [hold], pg_await_failover SECS: a hard kill and
#                           the time to the first acknowledged commit
#   pg_published NODE SINCE, pg_failed_reason NODE OP, pg_log_grep
# shellcheck disable=SC2034

PG_BIN=/usr/lib/postgresql/15/bin
PG_HOME=/var/lib/postgresql
PG_DATA=$PG_HOME/15/bt
# The node's own settings live outside the data directory, so that
# pg_rewind, which copies the source's files, keeps them
PG_NODECONF=$PG_HOME/15/node.conf
PG_RSC=pgsqld
PG_CLONE=pgsqld-clone
PG_VIP_RSC=pgsql-vip
export CLUSTER_DISKS=$PG_HOME
export CLUSTER_RUNDIRS=/run/postgresql:postgres:2775
PG_WRITER=""
PG_WRITER_PID=""
PG_WLOG=""

# pg_exec NODE CMD...: CMD as postgres in NODE
pg_exec() { local n=$1; shift; cl exec "$n" runuser -u postgres -- "$@"; }

# pg_sql NODE SQL: one query on NODE's local instance, rows as text
pg_sql() {
    pg_exec "$1" "$PG_BIN/psql" -qAtX -d postgres -c "$2" 2>/dev/null
}

# pg_node_conf NODE: the settings that differ between nodes. The WAL
# receiver gives its upstream 5 s whether it is idle (keepalives: 2 s, then
# 3 probes 1 s apart) or has sent data that goes unacknowledged
# (tcp_user_timeout, doc/pgsqlms.md): after the primary's node died, its
# status replies are never acknowledged, so keepalives never start and TCP
# retransmits with a doubling delay, the retransmission that finally reaches
# the VIP on the new primary (and is reset) coming seconds after it moved
pg_node_conf() {
    cl exec "$1" runuser -u postgres -- tee "$PG_NODECONF" >/dev/null <<EOF
primary_conninfo = 'host=$CLUSTER_VIP port=5432 user=postgres application_name=$1 connect_timeout=2 keepalives_idle=2 keepalives_interval=1 keepalives_count=3 tcp_user_timeout=5000'
EOF
}

# pg_init sync|async: node1 is the primary at set-up (initdb, shut down
# again), the other nodes are its pg_basebackup copies, never started
pg_init() {
    local mode=$1 i sync_names=""
    [ "$mode" = sync ] &&
        sync_names="ANY 1 ($(seq -s, -f 'node%g' 1 "$CLUSTER_NODES"))"
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        cl exec "node$i" sh -c "mkdir -p $PG_HOME/15/log && chown -R postgres: $PG_HOME" ||
            return 1
    done
    # a failed scenario keeps the servers' logs, not their data
    on_exit pg_drop_data
    pg_exec node1 "$PG_BIN/initdb" -D "$PG_DATA" -A trust --no-sync \
        >/dev/null || return 1
    # fsync=off: the harness's power loss kills processes, not the host's
    # page cache, so a flush changes nothing a test could see; it only
    # slows a shared machine down
    cl exec node1 runuser -u postgres -- tee -a "$PG_DATA/postgresql.conf" \
        >/dev/null <<EOF
listen_addresses = '*'
port = 5432
wal_level = replica
hot_standby = on
wal_log_hints = on
recovery_target_timeline = 'latest'
synchronous_standby_names = '$sync_names'
synchronous_commit = on
fsync = off
shared_buffers = 16MB
max_connections = 30
max_wal_senders = 10
wal_keep_size = 256MB
wal_retrieve_retry_interval = 1s
wal_receiver_status_interval = 1s
wal_receiver_timeout = 30s
wal_sender_timeout = 30s
logging_collector = on
log_directory = '$PG_HOME/15/log'
log_filename = 'postgresql.log'
log_min_messages = warning
include_if_exists = '$PG_NODECONF'
EOF
    cl exec node1 runuser -u postgres -- tee -a "$PG_DATA/pg_hba.conf" \
        >/dev/null <<EOF
host all all $CLUSTER_NET.0/24 trust
host replication all $CLUSTER_NET.0/24 trust
EOF
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        pg_node_conf "node$i"
    done
    pg_exec node1 "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -l "$PG_HOME/setup.log" \
        start >/dev/null || return 1
    for ((i = 2; i <= CLUSTER_NODES; i++)); do
        pg_exec "node$i" "$PG_BIN/pg_basebackup" -h "$CLUSTER_NODE1_IP" \
            -U postgres -D "$PG_DATA" -X stream -c fast || return 1
    done
    pg_exec node1 "$PG_BIN/pg_ctl" -D "$PG_DATA" -w stop >/dev/null
}

# pg_drop_data: the data directories go before sc_save_logs copies the
# nodes' directories (it runs after this, on_exit being last in first out)
pg_drop_data() {
    rm -rf "$CLUSTER_STATE"/nodes/*/disks"$PG_DATA"
}

# pg_create AGENT [PARAM=VALUE...]: the clone and its VIP, as doc/pgsqlms.md
# has them, with short monitor intervals (a crash is seen within seconds)
pg_create() {
    local agent=$1; shift
    on_any pcs resource create "$PG_RSC" "$agent" bindir="$PG_BIN" \
        pgdata="$PG_DATA" "$@" \
        op start timeout=60s op stop timeout=60s \
        op promote timeout=60s op demote timeout=120s \
        op monitor interval=3s timeout=10s role=Promoted \
        op monitor interval=4s timeout=10s role=Unpromoted \
        op notify timeout=60s promotable notify=true || return 1
    on_any pcs resource create "$PG_VIP_RSC" ocf:baton:IPaddr2 \
        ip="$CLUSTER_VIP" cidr_netmask=24 op monitor interval=10s \
        --disabled || return 1
    on_any pcs constraint colocation add "$PG_VIP_RSC" with Promoted \
        "$PG_CLONE" INFINITY || return 1
    # not symmetrical: the VIP stops after the demote, so that the
    # standbys, which stream through it, receive the old primary's shutdown
    # checkpoint (a switchover without it is cancelled)
    on_any pcs constraint order promote "$PG_CLONE" 'then' start \
        "$PG_VIP_RSC" symmetrical=false kind=Mandatory || return 1
    on_any pcs constraint order demote "$PG_CLONE" 'then' stop \
        "$PG_VIP_RSC" symmetrical=false kind=Mandatory || return 1
    on_any pcs resource enable "$PG_VIP_RSC"
}

# pg_delete: the clone and its VIP stopped and removed
pg_delete() {
    on_any pcs resource delete "$PG_VIP_RSC" >/dev/null 2>&1
    on_any pcs resource delete "$PG_RSC" >/dev/null 2>&1
}

# pg_role_nodes ROLE: the nodes where pgsqld runs in ROLE (Promoted,
# Unpromoted), as a connected node's crm_mon sees it (a monitor that
# reported degraded, 190/191, counts: crm_mon marks it failed)
pg_role_nodes() {
    on_any crm_mon -1 --output-as=xml 2>/dev/null | awk -v rsc="$PG_RSC" \
        -v role="$1" '
        $0 ~ "<resource id=\"" rsc "\"" && $0 ~ "role=\"" role "\"" { p = 1; next }
        p && /<node name=/ { match($0, /name="[^"]*"/)
                             print substr($0, RSTART + 6, RLENGTH - 7) }
        /<\/resource>/ { p = 0 }' | sort
}

pg_primary() { pg_role_nodes Promoted | head -1; }

# pg_wait_primary SECS [NOT_NODE]: until one node is promoted (not
# NOT_NODE) and the VIP runs there; prints it
pg_wait_primary() {
    local end=$(($(date +%s) + $1)) not=${2:-} p
    while [ "$(date +%s)" -lt "$end" ]; do
        p=$(pg_primary)
        if [ -n "$p" ] && [ "$p" != "$not" ] &&
            [ "$(holder "$PG_VIP_RSC")" = "$p" ]; then
            echo "$p"
            return 0
        fi
        sleep 0.5
    done
    return 1
}

# pg_timeline NODE: the timeline NODE's instance writes (primary) or
# replays (standby)
pg_timeline() {
    pg_sql "$1" "SELECT CASE WHEN pg_is_in_recovery() THEN
        (SELECT received_tli FROM pg_stat_wal_receiver)
        ELSE ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int
        END"
}

# pg_streaming PRIMARY: the standbys streaming from PRIMARY, sorted, one line
pg_streaming() {
    pg_sql "$1" "SELECT application_name FROM pg_stat_replication
                 WHERE state = 'streaming' ORDER BY 1" | tr '\n' ' ' |
        sed 's/ $//'
}

# pg_on_timeline_of PRIMARY NODE...: each NODE receives the timeline
# PRIMARY writes. A standby whose history forked from PRIMARY's streams
# its own, older timeline for a moment, shows "streaming", then stops:
# the timeline tells it apart.
pg_on_timeline_of() {
    local p=$1 tl n
    shift
    tl=$(pg_timeline "$p")
    [ -n "$tl" ] || return 1
    for n in "$@"; do
        [ "$(pg_timeline "$n")" = "$tl" ] || return 1
    done
}

# pg_streams_exactly PRIMARY NODE...: the standbys streaming from PRIMARY
# are the NODEs, each on PRIMARY's timeline
pg_streams_exactly() {
    local p=$1 want
    shift
    want=$(printf '%s\n' "$@" | sort | tr '\n' ' ' | sed 's/ $//')
    [ "$(pg_streaming "$p")" = "$want" ] && pg_on_timeline_of "$p" "$@"
}

# pg_wait_streaming PRIMARY SECS NODE...: until the standbys streaming
# from PRIMARY are the NODEs, each on PRIMARY's timeline
pg_wait_streaming() {
    local p=$1 secs=$2
    shift 2
    wait_until "$secs" pg_streams_exactly "$p" "$@"
}

# pg_streams_among PRIMARY NODE...: every NODE streams from PRIMARY, on
# its timeline (others may stream too)
pg_streams_among() {
    local p=$1 on n
    shift
    on=" $(pg_streaming "$p") "
    for n in "$@"; do
        [[ "$on" == *" $n "* ]] || return 1
    done
    pg_on_timeline_of "$p" "$@"
}

# pg_wait_streaming_among PRIMARY SECS NODE...: until pg_streams_among
pg_wait_streaming_among() {
    local p=$1 secs=$2
    shift 2
    wait_until "$secs" pg_streams_among "$p" "$@"
}

# ---- the client ----------------------------------------------------------

# pg_writer_start: tests/helpers/bt-pgwriter in the client namespace,
# inserting numbered rows through the VIP without pause; a commit not
# answered within PG_WRITER_TIMEOUT_MS (5000) is given up as unknown
pg_writer_start() {
    if [ -z "$PG_WRITER" ]; then
        PG_WRITER=$BT_TMP/bt-pgwriter
        # shellcheck disable=SC2046
        cc -O2 -o "$PG_WRITER" "$BATON_TOP/tests/helpers/bt-pgwriter.c" \
            $(pkg-config --cflags --libs libpq) || return 1
    fi
    PG_WLOG=${PG_WLOG:-$BT_TMP/writer.log}
    # the log exists before the client runs: a count taken before its
    # first line reads an empty file, not a missing one
    touch "$PG_WLOG"
    ip netns exec "$CLUSTER_CLIENT_NS" "$PG_WRITER" -c \
        "host=$CLUSTER_VIP port=5432 user=postgres dbname=postgres connect_timeout=2 application_name=bt-writer" \
        -o "$PG_WLOG" -s "$(($(pg_last_row) + 1))" \
        -t "${PG_WRITER_TIMEOUT_MS:-5000}" &
    PG_WRITER_PID=$!
    on_exit "kill $PG_WRITER_PID"
}

pg_writer_stop() {
    [ -n "$PG_WRITER_PID" ] || return 0
    kill "$PG_WRITER_PID" 2>/dev/null
    wait "$PG_WRITER_PID" 2>/dev/null
    PG_WRITER_PID=""
}

# pg_last_row: the last row number the writer tried (0 before any)
pg_last_row() {
    awk '$1 ~ /^[0-9]+$/ { n = $1 } END { print n + 0 }' "${PG_WLOG:-/dev/null}" \
        2>/dev/null
}

# pg_count WHAT: how many rows the writer logged as WHAT (ack, unknown, fail)
pg_count() { awk -v w="$1" '$2 == w { n++ } END { print n + 0 }' "$PG_WLOG"; }

# pg_acks_since EPOCH_MS: rows acknowledged at or after EPOCH_MS
pg_acks_since() {
    awk -v t="$1" '$2 == "ack" && $3 >= t { n++ } END { print n + 0 }' "$PG_WLOG"
}

# pg_first_ack_after EPOCH_MS: when the first commit after EPOCH_MS was
# acknowledged (epoch ms), empty when none yet
pg_first_ack_after() {
    awk -v t="$1" '$2 == "ack" && $3 > t { print $3; exit }' "$PG_WLOG"
}

# pg_wait_ack_after EPOCH_MS SECS: poll for that first acknowledged commit
pg_wait_ack_after() {
    local end=$(($(date +%s) + $2)) a
    while [ "$(date +%s)" -lt "$end" ]; do
        a=$(pg_first_ack_after "$1")
        [ -n "$a" ] && { echo "$a"; return 0; }
        sleep 0.2
    done
    return 1
}

# pg_longest_gap_ms FROM_MS TO_MS: the longest time without an
# acknowledged commit between FROM_MS and TO_MS (from the last
# acknowledgement before FROM_MS): the client's outage
pg_longest_gap_ms() {
    awk -v a="$1" -v b="$2" '$2 != "ack" || $3 > b { next }
        $3 < a { last = $3; next }
        { if (last != "" && $3 - last > gap) gap = $3 - last; last = $3 }
        END { if (last != "" && b - last > gap) gap = b - last; print gap + 0 }' \
        "$PG_WLOG"
}

# pg_lost NODE [LOG]: acknowledged rows missing on NODE (the log is read
# first, then the table: every row acknowledged before the query must be
# there), leaving out the rows an earlier asynchronous step already
# counted as lost; prints "ACKED LOST [first missing rows]" and keeps the
# missing rows in $BT_TMP/missing
pg_lost() {
    local acked=$BT_TMP/acked.$$ rows=$BT_TMP/rows.$$
    awk '$2 == "ack" { print $1 }' "${2:-$PG_WLOG}" | sort >"$acked"
    pg_sql "$1" "SELECT i FROM bt_rows" | sort >"$rows" || return 1
    touch "$BT_TMP/lost-before"
    comm -23 "$acked" "$rows" | comm -23 - "$BT_TMP/lost-before" \
        >"$BT_TMP/missing"
    echo "$(wc -l <"$acked") $(wc -l <"$BT_TMP/missing")" \
        "$(sort -n "$BT_TMP/missing" | head -5 | tr '\n' ' ')"
    rm -f "$acked" "$rows"
}

# pg_check_rows NODE WHAT [ALLOWED]: how many acknowledged rows are missing
# on NODE (PG_LOST); asserts none is, unless ALLOWED=any (asynchronous
# replication, where the loss is reported, not refused, and not counted
# again by later steps). Prints the writer's figures from one snapshot of
# its log.
pg_check_rows() {
    local r acked snap=$BT_TMP/wlog.$$ before
    cp "$PG_WLOG" "$snap"
    r=$(pg_lost "$1" "$snap") || { fail "$2: cannot read the rows on $1"; return 1; }
    read -r acked PG_LOST _ <<<"$r"
    before=$(wc -l <"$BT_TMP/lost-before")
    [ "$before" -gt 0 ] && before="(and $before lost at earlier steps)" || before=""
    echo "$2: rows written $(PG_WLOG=$snap pg_last_row), acknowledged $acked," \
        "unknown $(PG_WLOG=$snap pg_count unknown)," \
        "refused $(PG_WLOG=$snap pg_count fail)," \
        "acknowledged but missing on $1: $PG_LOST ${r#* * }$before"
    rm -f "$snap"
    if [ "${3:-none}" = any ]; then
        ok "$2: $PG_LOST of $acked acknowledged rows lost (asynchronous)"
        sort -u "$BT_TMP/lost-before" "$BT_TMP/missing" -o "$BT_TMP/lost-before"
    else
        assert_true "$2: every acknowledged row ($acked) is on $1" \
            test "$PG_LOST" = 0
    fi
}

# ---- what the cluster did --------------------------------------------------

# pg_kill_primary_node [hold]: power the primary's node off (all its
# processes at once); sets PG_FROM, PG_KILLED_MS (epoch ms) and
# PG_KILLED_HMS (the logs' clock). With "hold", its cable is unplugged
# too: the node boots again after its fencing, alone, and rejoins only at
# "cl restore", once the failover is over (without it the node may be
# back while the election runs, a race a test cannot assert on)
pg_kill_primary_node() {
    local at
    PG_FROM=$(pg_wait_primary 30)
    if [ -z "$PG_FROM" ]; then
        fail "a primary runs before the kill"
        on_any crm_mon -1 >&2
        return 1
    fi
    # unplugged first: a dead node's cable cannot be cut (its link is gone),
    # and a cut cable stays cut across the power cycle of its fencing
    [ "${1:-}" = hold ] && cl cut "$PG_FROM"
    cl kill "$PG_FROM"
    at=$(cat "$CLUSTER_STATE/nodes/$PG_FROM/killed-at")
    PG_KILLED_MS=$(echo "$at * 1000 / 1" | bc)
    PG_KILLED_HMS=$(date -d "@${at%.*}" +%H:%M:%S)
}

# pg_outage FROM_MS: "END_MS GAP_MS": the longest time the client went
# without an acknowledged commit since FROM_MS (from the last one before
# it), and when that outage ended (its first acknowledged commit)
pg_outage() {
    awk -v a="$1" '$2 != "ack" { next }
        $3 < a { last = $3; next }
        { if (last != "" && $3 - last > gap) { gap = $3 - last; end = $3 }
          last = $3 }
        END { print end + 0, gap + 0 }' "$PG_WLOG"
}

# pg_await_recovery SECS [NOT_NODE]: after losing the primary at
# PG_KILLED_MS, until a node (not NOT_NODE) is promoted with the VIP and
# the client's commits are acknowledged there; sets PG_TO, PG_FO_MS (the
# loss -> the first acknowledged commit after the outage) and PG_GAP_MS
# (the client's longest wait for a commit)
pg_await_recovery() {
    local end gap
    PG_TO=$(pg_wait_primary "$1" "${2:-}") ||
        { fail "a node ${2:+other than $2 }is promoted within $1 s"; return 1; }
    pg_wait_ack_after "$(date +%s%3N)" 60 >/dev/null ||
        { fail "commits are acknowledged again on $PG_TO"; return 1; }
    read -r end gap < <(pg_outage "$PG_KILLED_MS")
    PG_FO_MS=$((end - PG_KILLED_MS))
    PG_GAP_MS=$gap
}

# pg_await_failover SECS: pg_await_recovery on another node than PG_FROM
pg_await_failover() {
    pg_await_recovery "$1" "$PG_FROM" || return 1
    ok "$PG_FROM lost: $PG_TO promoted, the VIP follows, first acknowledged commit after $PG_FO_MS ms"
}

# pg_log_grep NODE SINCE_HMS REGEX: NODE's pacemaker.log lines at or after
# SINCE_HMS matching REGEX
pg_log_grep() {
    awk -v t="$2" '$3 >= t' "$CLUSTER_STATE/nodes/$1/log-pacemaker/pacemaker.log" |
        grep -E "$3"
}

# pg_published NODE SINCE_HMS: the "timeline#LSN" NODE published in its
# last pre-promote notification since SINCE_HMS
pg_published() {
    pg_log_grep "$1" "$2" "timeline#LSN: " |
        sed -n 's/.*timeline#LSN: \([0-9]*#[0-9]*\).*/\1/p' | tail -1
}

# pg_location_ge A B: "TL#LSN" A is at least B
pg_location_ge() {
    local ta=${1%#*} la=${1#*#} tb=${2%#*} lb=${2#*#}
    [ "$ta" -gt "$tb" ] || { [ "$ta" -eq "$tb" ] && [ "$la" -ge "$lb" ]; }
}

# pg_failed_reason NODE OP_INTERVAL: the exit reason of the last failure
# of OP_INTERVAL (start_0, monitor_3000) on NODE (empty when none), as
# crm_mon reports it
pg_failed_reason() {
    on_any crm_mon -1 --output-as=xml 2>/dev/null |
        grep "<failure op_key=\"${PG_RSC}_$2\" node=\"$1\"" |
        sed -n 's/.* exitreason="\([^"]*\)".*/\1/p' | head -1
}

# pg_writer_waits_sync NODE: the client's commit has waited on NODE for a
# synchronous standby for half a second (no standby received it)
pg_writer_waits_sync() {
    [ "$(pg_sql "$1" "SELECT count(*) FROM pg_stat_activity
        WHERE application_name = 'bt-writer' AND wait_event = 'SyncRep'
        AND clock_timestamp() - query_start > interval '500 ms'")" = 1 ]
}

# pg_score NODE: NODE's promotion score (master-pgsqld), empty when unset:
# Baton's is a transient attribute (attrd), PAF's a permanent one
# (crm_master --lifetime forever); the transient one wins, as in Pacemaker
pg_score() {
    on_any crm_attribute -N "$1" -n "master-$PG_RSC" -l reboot -G -q 2>/dev/null ||
        on_any crm_attribute -N "$1" -n "master-$PG_RSC" -l forever -G -q 2>/dev/null
}

# pg_scores_clear: no promotion score left on any node, of either kind
pg_scores_clear() {
    local i l
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        for l in reboot forever; do
            on_any crm_attribute -N "node$i" -n "master-$PG_RSC" -l "$l" -D \
                >/dev/null 2>&1
        done
    done
}

# pg_ranked PRIMARY: every other node has a positive promotion score (the
# primary's monitor ranked the standbys it streams to)
pg_ranked() {
    local i s
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        [ "node$i" = "$1" ] && continue
        s=$(pg_score "node$i")
        [[ "$s" =~ ^[0-9]+$ ]] && [ "$s" -gt 0 ] || return 1
    done
}

# pg_all_stopped: no node runs a PostgreSQL server
pg_all_stopped() {
    local i
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        [ "$(cl powerstatus "node$i")" = on ] || continue
        cl exec "node$i" sh -c "! pgrep -u postgres -x postgres >/dev/null" || return 1
    done
}
