# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers for the ocf:baton:pgsqlms tests: real PostgreSQL 15 instances run
# by the postgres user inside a network namespace of the test, data
# directories and socket directories under the test's temporary directory,
# a primary (n1) and a standby (n2) built by pg_basebackup. attrd_updater
# is replaced by a script that keeps attribute values in files (one
# directory per node), and the membership is named by the test, so the
# election runs without a cluster.

PGT_BIN=/usr/lib/postgresql/15/bin
PGT_AGENT=$BATON_AGENTS/pgsqlms
PGT_NS=pgt${BT_TAG}
PGT_ATTRD=$BT_TMP/attrd
PGT_UPDATER=$BT_TMP/attrd_updater

pgt_skip_unless_pg() {
    if [ ! -x "$PGT_BIN/postgres" ] || ! id postgres >/dev/null 2>&1; then
        fail "PostgreSQL 15 is not installed (scripts/deps.d/pgsqlms.list)"
        bt_finish
    fi
}

pgt_pg() { in_ns "$PGT_NS" runuser -u postgres -- "$@"; }

# pgt_conf N PORT: the node-specific settings of node nN
pgt_conf() {
    cat >>"$BT_TMP/d$1/postgresql.conf" <<EOC
listen_addresses = '127.0.0.1'
port = $2
unix_socket_directories = '$BT_TMP/s$1'
wal_level = replica
hot_standby = on
recovery_target_timeline = 'latest'
wal_log_hints = on
fsync = off
shared_buffers = 16MB
max_connections = 20
logging_collector = off
primary_conninfo = 'host=127.0.0.1 port=55432 application_name=n$1'
EOC
}

# pgt_setup: the namespace, the fake attrd, n1 (a primary, shut down) and
# n2 (its pg_basebackup copy, never started)
pgt_setup() {
    chmod 755 "$BT_TMP"
    netns_add "$PGT_NS" || return 1
    mkdir -p "$BT_TMP/s1" "$BT_TMP/s2" "$BT_TMP/d1" "$BT_TMP/d2" "$PGT_ATTRD"
    chmod 700 "$BT_TMP/d1" "$BT_TMP/d2"
    chown postgres: "$BT_TMP/s1" "$BT_TMP/s2" "$BT_TMP/d1" "$BT_TMP/d2"
    cat >"$PGT_UPDATER" <<'EOS'
#!/bin/bash
cmd= val= name= node=${PGT_NODE:-local}
while [ $# -gt 0 ]; do
    case $1 in
        -U|-B) cmd=set; val=$2; shift ;;
        -D) cmd=del ;;
        -Q) cmd=get ;;
        -n) name=$2; shift ;;
        -N) node=$2; shift ;;
        -d) shift ;;
    esac
    shift
done
echo "$node $cmd $name $val" >>"$PGT_ATTRD/log"
mkdir -p "$PGT_ATTRD/$node"
case $cmd in
    set) printf '%s' "$val" >"$PGT_ATTRD/$node/$name" ;;
    del) rm -f "$PGT_ATTRD/$node/$name" ;;
    get) [ -e "$PGT_ATTRD/$node/$name" ] || exit 105
         echo "name=\"$name\" host=\"$node\" value=\"$(cat "$PGT_ATTRD/$node/$name")\"" ;;
esac
EOS
    chmod +x "$PGT_UPDATER"
    pgt_pg "$PGT_BIN/initdb" -D "$BT_TMP/d1" -A trust --no-sync >/dev/null ||
        return 1
    pgt_conf 1 55431
    echo "host replication all 127.0.0.1/32 trust" >>"$BT_TMP/d1/pg_hba.conf"
    pgt_pg "$PGT_BIN/pg_ctl" -D "$BT_TMP/d1" -w -l "$BT_TMP/s1/setup.log" start \
        >/dev/null || return 1
    pgt_pg "$PGT_BIN/pg_basebackup" -h 127.0.0.1 -p 55431 -D "$BT_TMP/d2" \
        -X stream || return 1
    pgt_pg "$PGT_BIN/pg_ctl" -D "$BT_TMP/d1" -w stop >/dev/null || return 1
    sed -i '/^port = /d; /^unix_socket_directories/d; /^primary_conninfo/d' \
        "$BT_TMP/d2/postgresql.conf"
    cat >>"$BT_TMP/d2/postgresql.conf" <<EOC
port = 55432
unix_socket_directories = '$BT_TMP/s2'
primary_conninfo = 'host=127.0.0.1 port=55431 application_name=n2'
EOC
    on_exit "pgt_kill_all"
}

# pgt_split_conf: each node's configuration files move out of its data
# directory, into $BT_TMP/cN (the agent's pgdata; datadir stays dN), as
# Debian lays them out; pg_rewind, which copies the source's data
# directory whole, then leaves each node its own settings. pgt_run passes
# both from then on.
pgt_split_conf() {
    local i f
    for i in 1 2; do
        mkdir -p "$BT_TMP/c$i" || return 1
        for f in postgresql.conf pg_hba.conf pg_ident.conf; do
            mv "$BT_TMP/d$i/$f" "$BT_TMP/c$i/" || return 1
        done
        cat >>"$BT_TMP/c$i/postgresql.conf" <<EOC
data_directory = '$BT_TMP/d$i'
hba_file = '$BT_TMP/c$i/pg_hba.conf'
ident_file = '$BT_TMP/c$i/pg_ident.conf'
EOC
        chown -R postgres: "$BT_TMP/c$i" || return 1
    done
    PGT_CONFDIR=1
}

# pgt_kill_all: the servers killed, and what the agent keeps of pgsqld in
# its run directory removed (a test that failed before its stops would
# hand the next one its standby's "no receiver since")
pgt_kill_all() {
    local d
    for d in "$BT_TMP/d1" "$BT_TMP/d2"; do
        [ -f "$d/postmaster.pid" ] &&
            kill -9 "$(head -1 "$d/postmaster.pid")" 2>/dev/null
    done
    rm -f /run/baton/pgsqlms-pgsqld.no-receiver /run/baton/pgsqlms-pgsqld.primary
}

# pgt_run NODE ACTION [param=value | OCF_*=... | BATON_*=...]...: run the
# agent for node nN in the namespace, with the meta attributes Pacemaker
# 2.1 gives an instance of a promotable clone with notifications (it does
# not pass "promotable": promoted_max and master_max say it). With
# PGT_PLAIN_CLONE=1, those of a clone that is not promotable.
pgt_run() {
    local node=$1 action=$2; shift 2
    local i=${node#n} envs=() kv
    local meta=(OCF_RESKEY_CRM_meta_clone_max=2
                OCF_RESKEY_CRM_meta_clone_node_max=1
                OCF_RESKEY_CRM_meta_globally_unique=false)
    [ "${PGT_PLAIN_CLONE:-0}" = 1 ] ||
        meta+=(OCF_RESKEY_CRM_meta_promoted_max=1
               OCF_RESKEY_CRM_meta_promoted_node_max=1
               OCF_RESKEY_CRM_meta_master_max=1
               OCF_RESKEY_CRM_meta_master_node_max=1)
    [ "${PGT_CONFDIR:-0}" = 1 ] &&
        envs+=("OCF_RESKEY_pgdata=$BT_TMP/c$i" "OCF_RESKEY_datadir=$BT_TMP/d$i")
    for kv in "$@"; do
        case "$kv" in
            OCF_*|HA_*|BATON_*) envs+=("$kv") ;;
            *) envs+=("OCF_RESKEY_$kv") ;;
        esac
    done
    in_ns "$PGT_NS" env OCF_ROOT="$OCF_ROOT" OCF_RESOURCE_INSTANCE=pgsqld \
        OCF_RESKEY_crm_feature_set=3.16.2 \
        OCF_RESKEY_CRM_meta_on_node="$node" "${meta[@]}" \
        OCF_RESKEY_CRM_meta_notify=true \
        OCF_RESKEY_bindir="$PGT_BIN" OCF_RESKEY_pgdata="$BT_TMP/d$i" \
        OCF_RESKEY_pghost="$BT_TMP/s$i" OCF_RESKEY_pgport="5543$i" \
        BATON_ATTRD_IPC="pgt-no-attrd-$$" BATON_ATTRD_UPDATER="$PGT_UPDATER" \
        BATON_PGSQLMS_MEMBERS="n1 n2" PGT_ATTRD="$PGT_ATTRD" PGT_NODE="$node" \
        "${envs[@]}" "$PGT_AGENT" "$action"
}

# pgt_attr NODE NAME: an attribute's value as the fake attrd keeps it
pgt_attr() { cat "$PGT_ATTRD/$1/$2" 2>/dev/null; }

# pgt_sql NODE SQL: run SQL on node nN's instance
pgt_sql() {
    local i=${1#n}
    pgt_pg "$PGT_BIN/psql" -qAtX -h "$BT_TMP/s$i" -p "5543$i" -d postgres \
        -c "$2"
}

# pgt_notify NODE TYPE OP PROMOTE_NODE DEMOTE_NODE: a notification as
# Pacemaker sends it for a promotion of PROMOTE_NODE
pgt_notify() {
    local node=$1 type=$2 op=$3 prom=$4 dem=${5:-}
    local promoted=${dem:-}
    pgt_run "$node" notify OCF_RESKEY_CRM_meta_notify_type="$type" \
        OCF_RESKEY_CRM_meta_notify_operation="$op" \
        OCF_RESKEY_CRM_meta_notify_active_uname="n1 n2" \
        OCF_RESKEY_CRM_meta_notify_promoted_uname="$promoted" \
        OCF_RESKEY_CRM_meta_notify_unpromoted_uname="n1 n2" \
        OCF_RESKEY_CRM_meta_notify_promote_uname="$prom" \
        OCF_RESKEY_CRM_meta_notify_demote_uname="$dem"
}
