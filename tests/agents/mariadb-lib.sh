# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers for the ocf:baton:mariadb tests: real MariaDB 10.11 servers run
# by the mysql user inside a network namespace of the test, each with its
# data directory, socket and configuration under the test's temporary
# directory and its own loopback address (node nN is 127.0.0.1N, named in
# the namespace's /etc/netns/NS/hosts, which ip netns exec mounts over
# /etc/hosts), all on port 3306 as replication_port expects. attrd_updater
# is replaced by a script that keeps attribute values in files (one
# directory per node), crm_attribute by one that reads permanent node
# attributes from files, and the membership is named by the test, so the
# election runs without a cluster.

MDT_AGENT=$BATON_AGENTS/mariadb
MDT_NS=mdt${BT_TAG}
MDT_ATTRD=$BT_TMP/attrd
MDT_UPDATER=$BT_TMP/attrd_updater
MDT_PASS=s3cret-Repl
MDT_NODES=${MDT_NODES:-2}

mdt_skip_unless_mariadb() {
    if [ ! -x /usr/sbin/mariadbd ] || ! id mysql >/dev/null 2>&1; then
        fail "MariaDB is not installed (scripts/deps.d/mariadb.list)"
        bt_finish
    fi
}

# mdt_sql NODE SQL...: run SQL on node nN's server as root (the socket's
# unix_socket authentication; the client is the test's, not the agent's)
mdt_sql() {
    local i=${1#n}; shift
    in_ns "$MDT_NS" mariadb --no-defaults -S "$BT_TMP/s$i/mysqld.sock" \
        -u root -N -B -e "$*"
}

# mdt_slave NODE FIELD: one field of SHOW SLAVE STATUS on node nN
mdt_slave() {
    local i=${1#n}
    in_ns "$MDT_NS" mariadb --no-defaults -S "$BT_TMP/s$i/mysqld.sock" \
        -u root -e "SHOW SLAVE STATUS\G" | sed -n "s/^ *$2: //p"
}

# mdt_conf N: node nN's configuration
mdt_conf() {
    cat >"$BT_TMP/c$1.cnf" <<EOC
[mysqld]
bind-address = 127.0.0.1$1
port = 3306
server_id = $1
log_bin = $BT_TMP/d$1/mysql-bin
binlog_format = ROW
relay_log = $BT_TMP/d$1/relay-bin
innodb_buffer_pool_size = 16M
innodb_log_file_size = 16M
performance_schema = OFF
skip_name_resolve = ON
rpl_semi_sync_master_timeout = 1000
slave_net_timeout = 5
master_retry_count = 100000
EOC
    chmod 644 "$BT_TMP/c$1.cnf"
}

# mdt_manual N ARGS...: run node nN's server by hand (setup, errant writes)
mdt_manual_start() {
    local i=$1; shift
    in_ns "$MDT_NS" runuser -u mysql -- /usr/sbin/mariadbd \
        --defaults-file="$BT_TMP/c$i.cnf" --datadir="$BT_TMP/d$i" \
        --socket="$BT_TMP/s$i/mysqld.sock" --pid-file="$BT_TMP/s$i/mysqld.pid" \
        --log-error="$BT_TMP/s$i/error.log" "$@" >/dev/null 2>&1 &
    wait_until 30 mdt_sql "n$i" "SELECT 1" >/dev/null 2>&1
}

mdt_manual_stop() {
    local i=$1 pid
    pid=$(cat "$BT_TMP/s$i/mysqld.pid" 2>/dev/null) || return 0
    kill "$pid" 2>/dev/null
    gone() { ! kill -0 "$pid" 2>/dev/null; }
    wait_until 30 gone
}

mdt_fake_attrd() {
    cat >"$MDT_UPDATER" <<'EOS'
#!/bin/bash
cmd= val= name= node=${MDT_NODE:-local}
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
echo "$node $cmd $name $val" >>"$MDT_ATTRD/log"
mkdir -p "$MDT_ATTRD/$node"
case $cmd in
    set) printf '%s' "$val" >"$MDT_ATTRD/$node/$name" ;;
    del) rm -f "$MDT_ATTRD/$node/$name" ;;
    get) [ -e "$MDT_ATTRD/$node/$name" ] || exit 105
         echo "name=\"$name\" host=\"$node\" value=\"$(cat "$MDT_ATTRD/$node/$name")\"" ;;
esac
EOS
    chmod +x "$MDT_UPDATER"
    # crm_attribute --type nodes --node N --name A --query --quiet, for
    # permanent node attributes kept in $MDT_ATTRD/forever/N/A
    cat >"$BT_TMP/crm_attribute" <<'EOS'
#!/bin/bash
node= name=
while [ $# -gt 0 ]; do
    case $1 in
        --node|-N) node=$2; shift ;;
        --name|-n) name=$2; shift ;;
    esac
    shift
done
cat "$MDT_ATTRD/forever/$node/$name" 2>/dev/null || exit 105
EOS
    chmod +x "$BT_TMP/crm_attribute"
}

# mdt_setup: the namespace, its hosts file, the fake attrd and MDT_NODES
# empty servers with the replication user (written outside the binary
# log, so every node starts with the same, empty, GTID history)
mdt_setup() {
    local i hosts=""
    chmod 755 "$BT_TMP"
    netns_add "$MDT_NS" || return 1
    for ((i = 1; i <= MDT_NODES; i++)); do hosts+="127.0.0.1$i n$i"$'\n'; done
    mkdir -p "/etc/netns/$MDT_NS" && printf '%s' "$hosts" >"/etc/netns/$MDT_NS/hosts"
    on_exit "rm -rf /etc/netns/$MDT_NS"
    on_exit "mdt_kill_all"
    mkdir -p "$MDT_ATTRD"
    mdt_fake_attrd
    for ((i = 1; i <= MDT_NODES; i++)); do
        mdt_conf "$i"
        mkdir -p "$BT_TMP/d$i" "$BT_TMP/s$i"
        chown mysql: "$BT_TMP/d$i" "$BT_TMP/s$i"
        mariadb-install-db --defaults-file="$BT_TMP/c$i.cnf" \
            --datadir="$BT_TMP/d$i" --user=mysql --skip-test-db \
            >"$BT_TMP/install$i.log" 2>&1 || { cat "$BT_TMP/install$i.log"; return 1; }
        mdt_manual_start "$i" --skip-log-bin || return 1
        mdt_sql "n$i" "SET sql_log_bin = 0;
            CREATE USER repl@'%' IDENTIFIED BY '$MDT_PASS';
            GRANT ALL PRIVILEGES ON *.* TO repl@'%' WITH GRANT OPTION;
            CREATE USER repl@localhost IDENTIFIED BY '$MDT_PASS';
            GRANT ALL PRIVILEGES ON *.* TO repl@localhost WITH GRANT OPTION" ||
            return 1
        mdt_manual_stop "$i"
    done
}

mdt_kill_all() {
    local i
    for ((i = 1; i <= MDT_NODES; i++)); do
        [ -f "$BT_TMP/s$i/mysqld.pid" ] &&
            kill -9 "$(cat "$BT_TMP/s$i/mysqld.pid")" 2>/dev/null
    done
    rm -f /run/baton/mariadb-mdb-n*.*
}

# mdt_run NODE ACTION [param=value | OCF_*=... | BATON_*=...]...: run the
# agent for node nN in the namespace, as Pacemaker 2.1 would for a
# promotable clone with notifications (which it says with promoted_max and
# master_max: it gives no "promotable")
mdt_run() {
    local node=$1 action=$2; shift 2
    local i=${node#n} envs=() kv members=""
    for ((kv = 1; kv <= MDT_NODES; kv++)); do members+="n$kv "; done
    for kv in "$@"; do
        case "$kv" in
            OCF_*|HA_*|BATON_*) envs+=("$kv") ;;
            *) envs+=("OCF_RESKEY_$kv") ;;
        esac
    done
    in_ns "$MDT_NS" env OCF_ROOT="$OCF_ROOT" OCF_RESOURCE_INSTANCE=mdb \
        OCF_RESKEY_crm_feature_set=3.16.2 \
        OCF_RESKEY_CRM_meta_on_node="$node" \
        OCF_RESKEY_CRM_meta_notify=true OCF_RESKEY_CRM_meta_promoted_max=1 \
        OCF_RESKEY_CRM_meta_master_max=1 \
        OCF_RESKEY_CRM_meta_clone_max="$MDT_NODES" \
        OCF_RESKEY_binary=/usr/sbin/mariadbd \
        OCF_RESKEY_config="$BT_TMP/c$i.cnf" OCF_RESKEY_datadir="$BT_TMP/d$i" \
        OCF_RESKEY_socket="$BT_TMP/s$i/mysqld.sock" \
        OCF_RESKEY_pid="$BT_TMP/s$i/mysqld.pid" \
        OCF_RESKEY_log="$BT_TMP/s$i/error.log" \
        OCF_RESKEY_replication_user=repl \
        OCF_RESKEY_replication_passwd="$MDT_PASS" \
        BATON_ATTRD_IPC="mdt-no-attrd-$$" BATON_ATTRD_UPDATER="$MDT_UPDATER" \
        BATON_CRM_ATTRIBUTE="$BT_TMP/crm_attribute" \
        BATON_MARIADB_MEMBERS="$members" MDT_ATTRD="$MDT_ATTRD" \
        MDT_NODE="$node" "${envs[@]}" "$MDT_AGENT" "$action"
}

# mdt_attr NODE NAME: an attribute's value as the fake attrd keeps it
mdt_attr() { cat "$MDT_ATTRD/$1/$2" 2>/dev/null; }

# mdt_notify NODE TYPE OP PROMOTE_NODE [ACTIVE] [STOPPING] [MEMBERS]
mdt_notify() {
    local node=$1 type=$2 op=$3 prom=$4 active=${5:-n1 n2} stop=${6:-}
    shift 6 2>/dev/null || shift $#
    mdt_run "$node" notify OCF_RESKEY_CRM_meta_notify_type="$type" \
        OCF_RESKEY_CRM_meta_notify_operation="$op" \
        OCF_RESKEY_CRM_meta_notify_active_uname="$active" \
        OCF_RESKEY_CRM_meta_notify_unpromoted_uname="$active" \
        OCF_RESKEY_CRM_meta_notify_promote_uname="$prom" \
        OCF_RESKEY_CRM_meta_notify_stop_uname="$stop" "$@"
}

# mdt_promote NODE [MEMBERS]: the notifications and the promotion as
# Pacemaker runs them for NODE, on every member
mdt_promote() {
    local target=$1 members=${2:-n1 n2} n
    for n in $members; do
        mdt_notify "$n" pre promote "$target" "$members" "" \
            BATON_MARIADB_MEMBERS="$members" >/dev/null 2>&1
    done
    mdt_run "$target" promote BATON_MARIADB_MEMBERS="$members"
    local rc=$?
    for n in $members; do
        mdt_notify "$n" post promote "$target" "$members" "" \
            BATON_MARIADB_MEMBERS="$members" >/dev/null 2>&1
    done
    return $rc
}
