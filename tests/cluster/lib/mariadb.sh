# shellcheck shell=bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers for the MariaDB scenarios (tests/cluster/mariadb-*.test). Source
# after scenario.sh, before sc_up: every node gets disks of its own on
# /var/lib/mysql (data, and the error log, as MariaDB's own default puts
# it) and /etc/mysql (its my.cnf), and a fresh /run/mysqld at each boot,
# so the clone runs with ocf:heartbeat:mariadb's default paths but the
# log's. No server_id is configured: the agent uses the corosync node id.
#
#   md_init                 every node: a fresh database with the users,
#                           written outside the binary log, all stopped
#   md_create AGENT [P=V]   the promotable clone, its VIP colocated with the
#                           promoted instance and started after promotion
#   md_primary, md_wait_primary SECS [NOT_NODE], md_role_nodes ROLE
#   md_sql NODE SQL         root on NODE's server (its socket)
#   md_writer_start, md_writer_stop, md_acked, md_first_ack_after MS,
#   md_has_all NODE (every acknowledged row), md_lost NODE, md_node_ip NODE
#   md_kill_primary_node, md_await_failover SECS: a hard kill of the
#                           primary's node and the time to the first
#                           acknowledged write through the VIP
#   md_delete, md_all_stopped, md_scores_clear, md_rebuild FROM NODE...,
#   md_server_ids, md_by_hand NODE SQL, md_seed FROM SQL
# shellcheck disable=SC2034

# Without disks of their own the nodes would share the host's /etc/mysql
# and /var/lib/mysql: never write there. The harness gives each node its
# own (CLUSTER_DISKS); a harness without it is a failure, not a skip
if ! grep -q CLUSTER_DISKS "$CL"; then
    fail "the cluster harness gives nodes no disks of their own" \
         "(CLUSTER_DISKS), so each node cannot have its own MariaDB"
    bt_finish
fi
MD_RSC=db
MD_CLONE=db-clone
MD_VIP_RSC=db-vip
MD_PASS=repl-Secret-1
MD_APP_PASS=app-Secret-1
export CLUSTER_DISKS="/var/lib/mysql /etc/mysql"
export CLUSTER_RUNDIRS=/run/mysqld:mysql:0755
MD_WRITER_PID=""
MD_WLOG=""

# md_sql NODE SQL: SQL as root through NODE's socket, rows as text
md_sql() {
    cl exec "$1" mariadb --no-defaults -S /run/mysqld/mysqld.sock -u root \
        -N -B -e "$2" 2>/dev/null
}

# md_slave NODE FIELD: one field of SHOW SLAVE STATUS on NODE
md_slave() {
    cl exec "$1" mariadb --no-defaults -S /run/mysqld/mysqld.sock -u root \
        -e "SHOW SLAVE STATUS\G" 2>/dev/null | sed -n "s/^ *$2: //p"
}

md_conf() {
    cl exec "$1" tee /etc/mysql/my.cnf >/dev/null <<EOF
[mysqld]
bind-address = 0.0.0.0
port = 3306
socket = /run/mysqld/mysqld.sock
log_bin = /var/lib/mysql/mysql-bin
binlog_format = ROW
innodb_buffer_pool_size = 32M
innodb_log_file_size = 16M
performance_schema = OFF
skip_name_resolve = ON
slave_net_timeout = 5
master_retry_count = 100000
rpl_semi_sync_master_timeout = 5000
max_connections = 60
EOF
}

# md_users NODE: the replication and client users, outside the binary log
md_users() {
    local n=$1 up
    cl exec "$n" sh -c "runuser -u mysql -- mariadbd \
        --defaults-file=/etc/mysql/my.cnf --skip-log-bin --server-id=1 \
        --log-error=/var/lib/mysql/setup.log >/dev/null 2>&1 &"
    up() { md_sql "$n" "SELECT 1" >/dev/null; }
    wait_until 30 up || return 1
    md_sql "$n" "SET sql_log_bin = 0;
        CREATE USER repl@'%' IDENTIFIED BY '$MD_PASS';
        GRANT ALL PRIVILEGES ON *.* TO repl@'%' WITH GRANT OPTION;
        CREATE USER repl@localhost IDENTIFIED BY '$MD_PASS';
        GRANT ALL PRIVILEGES ON *.* TO repl@localhost WITH GRANT OPTION;
        CREATE USER app@'%' IDENTIFIED BY '$MD_APP_PASS';
        GRANT SELECT, INSERT, CREATE ON app.* TO app@'%'" || return 1
    cl exec "$n" mariadb-admin --no-defaults -S /run/mysqld/mysqld.sock \
        -u root shutdown >/dev/null 2>&1
}

# md_init: every node gets a database of its own with the same users and
# an empty GTID history, and its address as heartbeat's node attribute
md_init() {
    local i n
    on_exit md_drop_data
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        n=node$i
        cl exec "$n" chown mysql: /var/lib/mysql ||
            return 1
        md_conf "$n"
        cl exec "$n" mariadb-install-db --defaults-file=/etc/mysql/my.cnf \
            --user=mysql --skip-test-db >/dev/null 2>&1 || return 1
        md_users "$n" || return 1
        local ip_var="CLUSTER_NODE${i}_IP"
        on_any pcs node attribute "$n" "${MD_RSC}_mysql_master_IP=${!ip_var}" ||
            return 1
    done
}

# md_drop_data: the data directories go before sc_save_logs copies the
# nodes' directories (on_exit runs last in, first out)
md_drop_data() {
    rm -rf "$CLUSTER_STATE"/nodes/*/disks/var/lib/mysql
}

# md_create AGENT [PARAM=VALUE...]: the clone and its VIP, as
# doc/mariadb.md has them, with short monitor intervals
md_create() {
    local agent=$1; shift
    on_any pcs resource create "$MD_RSC" "$agent" binary=/usr/sbin/mariadbd \
        log=/var/lib/mysql/error.log replication_user=repl \
        replication_passwd="$MD_PASS" "$@" \
        op start timeout=120s op stop timeout=120s \
        op promote timeout=120s op demote timeout=120s \
        op monitor interval=3s timeout=30s role=Promoted \
        op monitor interval=4s timeout=30s role=Unpromoted \
        op notify timeout=90s promotable notify=true || return 1
    on_any pcs resource create "$MD_VIP_RSC" ocf:baton:IPaddr2 \
        ip="$CLUSTER_VIP" cidr_netmask=24 op monitor interval=10s \
        --disabled || return 1
    on_any pcs constraint colocation add "$MD_VIP_RSC" with Promoted \
        "$MD_CLONE" INFINITY || return 1
    on_any pcs constraint order promote "$MD_CLONE" then start \
        "$MD_VIP_RSC" symmetrical=false kind=Mandatory || return 1
    on_any pcs constraint order demote "$MD_CLONE" then stop \
        "$MD_VIP_RSC" symmetrical=false kind=Mandatory || return 1
    on_any pcs resource enable "$MD_VIP_RSC"
}

# md_role_nodes ROLE: the nodes where db runs in ROLE (Promoted,
# Unpromoted), as a connected node's crm_mon sees it
md_role_nodes() {
    on_any crm_mon -1 --output-as=xml 2>/dev/null | awk -v rsc="$MD_RSC" \
        -v role="$1" '
        /<resource / && $0 ~ "id=\"" rsc "\"" && $0 ~ "role=\"" role "\"" {
            f = 1
        }
        f && /<node / { match($0, /name="[^"]*"/)
                        print substr($0, RSTART + 6, RLENGTH - 7); f = 0 }'
}

md_primary() { md_role_nodes Promoted | head -1; }

# md_wait_primary SECS [NOT_NODE]: wait for a promoted instance (not on
# NOT_NODE) with the VIP answering; prints the node
md_wait_primary() {
    local secs=$1 not=${2:-} p
    has_primary() {
        p=$(md_primary)
        [ -n "$p" ] && [ "$p" != "$not" ] &&
            [ "$(holder "$MD_VIP_RSC")" = "$p" ] && answers "$CLUSTER_VIP"
    }
    wait_until "$secs" has_primary || return 1
    echo "$p"
}

# md_writer_start: the client writes numbered rows through the VIP, one
# connection and one autocommit INSERT each, from MD_FROM (1), and logs
# each row as tests/helpers/bt-pgwriter does ("N ack|unknown|fail MS",
# epoch ms), so tests/cluster/timeline -w reads it: ack when the server
# acknowledged the commit; unknown when no answer came within
# MD_WRITER_TIMEOUT_S (2; the client is killed, as a statement sent to a
# dead primary would otherwise wait for TCP to give up); fail otherwise
# (refused, or no connection within 1 s). A number is never reused.
md_writer_start() {
    local to=${MD_WRITER_TIMEOUT_S:-2}
    MD_WLOG=${MD_WLOG:-$BT_TMP/acked}
    : >"$MD_WLOG"
    cl client bash -c "i=${MD_FROM:-1}; while [ ! -e '$BT_TMP/writer-stop' ]; do
        timeout -k 1 $to mariadb --no-defaults --connect-timeout=1 \
            -h '$CLUSTER_VIP' -u app -p'$MD_APP_PASS' \
            -e \"INSERT INTO app.t VALUES (\$i)\" 2>/dev/null
        case \$? in 0) w=ack ;; 124|137) w=unknown ;; *) w=fail ;; esac
        echo \$i \$w \$(date +%s%3N) >>'$MD_WLOG'
        i=\$((i + 1)); done" &
    MD_WRITER_PID=$!
    on_exit md_writer_stop
}

md_writer_stop() {
    [ -n "$MD_WRITER_PID" ] || return 0
    touch "$BT_TMP/writer-stop"
    wait "$MD_WRITER_PID" 2>/dev/null
    MD_WRITER_PID=""
    rm -f "$BT_TMP/writer-stop"
}

# md_acked: how many rows the client saw acknowledged
md_acked() { awk '$2 == "ack" { n++ } END { print n + 0 }' "$MD_WLOG"; }

# md_first_ack_after EPOCH_MS: when the first commit after EPOCH_MS was
# acknowledged (ms since the epoch), or nothing
md_first_ack_after() {
    awk -v t="$1" '$2 == "ack" && $3 > t { print $3; exit }' "$MD_WLOG"
}

# md_node_ip NODE: the node's address
md_node_ip() { local v="CLUSTER_NODE${1#node}_IP"; echo "${!v}"; }

# md_missing NODE: acknowledged ids NODE does not have (none: empty)
md_missing() {
    local acked=$BT_TMP/acked-ids.$$
    # the log first, then the table: every row acknowledged before the
    # query must be there
    awk '$2 == "ack" { print $1 }' "$MD_WLOG" | sort >"$acked"
    md_sql "$1" "SELECT i FROM app.t" | sort >"$BT_TMP/rows-$1"
    comm -23 "$acked" "$BT_TMP/rows-$1"
    rm -f "$acked"
}

# md_has_all NODE: NODE has every acknowledged row
md_has_all() { [ -z "$(md_missing "$1")" ]; }

# md_lost NODE: how many acknowledged rows NODE does not have
md_lost() { md_missing "$1" | wc -l; }

# md_kill_primary_node: power the primary's node off (every process at
# once, as cl kill does); sets MD_KILLED (the node) and MD_KILLED_MS (the
# harness's time of the kill, epoch ms, which the timeline reads too)
md_kill_primary_node() {
    local at
    MD_KILLED=$(md_wait_primary 30) || { fail "a primary runs before the kill"; return 1; }
    cl kill "$MD_KILLED"
    at=$(cat "$CLUSTER_STATE/nodes/$MD_KILLED/killed-at")
    MD_KILLED_MS=$(echo "$at * 1000 / 1" | bc)
}

# md_outage_end FROM_MS: when the longest time without an acknowledged
# commit since FROM_MS (counted from the last acknowledgement before it)
# ended: the first acknowledged commit after the outage (epoch ms)
md_outage_end() {
    awk -v a="$1" '$2 != "ack" { next }
        $3 < a { last = $3; next }
        { if (last != "" && $3 - last > gap) { gap = $3 - last; end = $3 }
          last = $3 }
        END { print end + 0 }' "$MD_WLOG"
}

# md_await_failover SECS: after md_kill_primary_node, until another node
# is promoted with the VIP (MD_TO, empty when none within SECS) and the
# client's commits are acknowledged there again; MD_FO_MS is the kill ->
# the first acknowledged write through the VIP after the outage
md_await_failover() {
    local t
    MD_TO=""; MD_FO_MS=""
    MD_TO=$(md_wait_primary "$1" "$MD_KILLED") || { MD_TO=""; return 1; }
    t=$(date +%s%3N)
    acked_since() { [ -n "$(md_first_ack_after "$t")" ]; }
    wait_until 60 acked_since || return 1
    MD_FO_MS=$(($(md_outage_end "$MD_KILLED_MS") - MD_KILLED_MS))
}

# md_delete: the clone and its VIP stopped and removed
md_delete() {
    on_any pcs resource delete "$MD_VIP_RSC" >/dev/null 2>&1
    on_any pcs resource delete "$MD_RSC" >/dev/null 2>&1
}

# md_all_stopped: no powered node runs a MariaDB server
md_all_stopped() {
    local i
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        [ "$(cl powerstatus "node$i")" = on ] || continue
        cl exec "node$i" sh -c "! pgrep -x mariadbd >/dev/null" || return 1
    done
}

# md_scores_clear: no promotion score left on any node, of either lifetime
# (ocf:heartbeat:mariadb holds an election only while no node has one)
md_scores_clear() {
    local i l
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        for l in reboot forever; do
            on_any crm_attribute -N "node$i" -n "master-$MD_RSC" -l "$l" -D \
                >/dev/null 2>&1
        done
    done
}

# md_rebuild FROM NODE...: every NODE's data directory replaced by a copy
# of FROM's, all servers stopped (doc/mariadb.md's way out for a broken or
# errant replica, with a file copy standing in for mariabackup); the copy
# keeps no replication settings or relay logs of FROM's
md_rebuild() {
    local from=$1 n src dst
    shift
    src=$CLUSTER_STATE/nodes/$from/disks/var/lib/mysql
    for n in "$@"; do
        dst=$CLUSTER_STATE/nodes/$n/disks/var/lib/mysql
        # the node has this directory bind-mounted: its content changes,
        # not the directory itself
        find "$dst" -mindepth 1 -delete && cp -a "$src/." "$dst/" || return 1
        rm -f "$dst"/master.info "$dst"/relay-log.info "$dst"/*relay-bin* \
            "$dst"/error.log "$dst"/setup.log "$dst"/manual.log
    done
}

# md_by_hand NODE SQL [MARIADBD_ARG...]: SQL run on NODE's server started
# by hand (no replication started), its rows printed, the server stopped
# again
md_by_hand() {
    local n=$1 sql=$2
    shift 2
    cl exec "$n" sh -c "runuser -u mysql -- mariadbd \
        --defaults-file=/etc/mysql/my.cnf --skip-slave-start $* \
        --log-error=/var/lib/mysql/setup.log >/dev/null 2>&1 &"
    up() { md_sql "$n" "SELECT 1" >/dev/null; }
    wait_until 30 up || return 1
    md_sql "$n" "$sql" || return 1
    cl exec "$n" mariadb-admin --no-defaults -S /run/mysqld/mysqld.sock \
        -u root shutdown >/dev/null 2>&1
    down() { ! md_sql "$n" "SELECT 1" >/dev/null; }
    wait_until 30 down
}

# md_seed FROM SQL: SQL run on FROM's server with its binary log, and
# every other node's data copied from FROM's with gtid_slave_pos set to
# FROM's position, as replicas built from one server with mariabackup are:
# one GTID history on every node (ocf:heartbeat:mariadb elects its first
# primary only among servers that have a GTID)
md_seed() {
    local from=$1 sql=$2 others=() i pos
    pos=$(md_by_hand "$from" "$sql; SELECT @@gtid_binlog_pos") || return 1
    pos=$(tail -1 <<<"$pos")
    [ -n "$pos" ] || return 1
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        [ "node$i" != "$from" ] && others+=("node$i")
    done
    md_rebuild "$from" "${others[@]}" || return 1
    for i in "${others[@]}"; do
        md_by_hand "$i" "SET GLOBAL gtid_slave_pos = '$pos'" --skip-log-bin ||
            return 1
    done
}

# md_server_ids: server_id = I in every nodeI's my.cnf (ocf:heartbeat:mariadb
# takes it from the configuration only; ocf:baton:mariadb uses it too)
md_server_ids() {
    local i
    for ((i = 1; i <= CLUSTER_NODES; i++)); do
        cl exec "node$i" sh -c "grep -q '^server_id' /etc/mysql/my.cnf ||
            echo 'server_id = $i' >>/etc/mysql/my.cnf" || return 1
    done
}
