/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:mariadb declared once: its parameters and actions. Metadata,
 * validation, the man page and the doc page all derive from this table.
 */
#include "baton/argv.h"
#include "baton/params.h"
#include "baton/rc.h"
#include "mariadb.h"

static int
absolute_path(const char *value, void *field, baton_reason_t *why)
{
    (void) field;
    if (value[0] != '/') {
        baton_reason_set(why, "'%s' is not an absolute path", value);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

static const struct baton_param_def mariadb_params[] = {
    { .name = MARIA_BINARY, .type = BATON_PARAM_STRING,
      .dflt = "/usr/bin/mysqld_safe", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct maria_conf, binary), .parse = absolute_path,
      .shortdesc = "MariaDB server binary",
      .longdesc = "The program that runs the server: mysqld_safe (which "
                  "restarts a crashed server) or the server itself "
                  "(/usr/sbin/mariadbd or mysqld). It is started from an "
                  "argument list as user, never through a shell." },
    { .name = MARIA_CLIENT_BINARY, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_NO_EFFECT, .dflt = "mysql",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, client_binary),
      .shortdesc = "MariaDB client binary (not used)",
      .longdesc = "Accepted for compatibility: the agent talks to the "
                  "server through the client library (libmariadb) "
                  "in-process and runs no client program, so this value "
                  "has no effect." },
    { .name = MARIA_CONFIG, .type = BATON_PARAM_STRING,
      .dflt = "/etc/mysql/my.cnf", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct maria_conf, config), .parse = absolute_path,
      .shortdesc = "MariaDB config",
      .longdesc = "The configuration file, given to the server as "
                  "--defaults-file." },
    { .name = MARIA_DATADIR, .type = BATON_PARAM_STRING,
      .unique_group = MARIA_DATADIR, .dflt = "/var/lib/mysql",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, datadir),
      .parse = absolute_path, .shortdesc = "MariaDB datadir",
      .longdesc = "Directory containing databases." },
    { .name = MARIA_USER, .type = BATON_PARAM_STRING, .dflt = "mysql",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, user),
      .shortdesc = "MariaDB user",
      .longdesc = "User running the MariaDB server. It must not be root." },
    { .name = MARIA_GROUP, .type = BATON_PARAM_STRING, .dflt = "mysql",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, group),
      .shortdesc = "MariaDB group",
      .longdesc = "Group of the log file and of the directories the agent "
                  "creates for the pid file and the socket." },
    { .name = MARIA_LOG, .type = BATON_PARAM_STRING,
      .dflt = "/var/log/mysql/error.log", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct maria_conf, log), .parse = absolute_path,
      .shortdesc = "MariaDB log file",
      .longdesc = "The server's error log (--log-error)." },
    { .name = MARIA_PID, .type = BATON_PARAM_STRING,
      .unique_group = MARIA_PID, .dflt = "/var/run/mysqld/mysqld.pid",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, pid),
      .parse = absolute_path, .shortdesc = "MariaDB pid file",
      .longdesc = "The server's pid file (--pid-file)." },
    { .name = MARIA_SOCKET, .type = BATON_PARAM_STRING,
      .unique_group = MARIA_SOCKET, .dflt = "/var/run/mysqld/mysqld.sock",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, socket),
      .parse = absolute_path, .shortdesc = "MariaDB socket",
      .longdesc = "The server's unix socket (--socket); the agent "
                  "connects to the local server through it." },
    { .name = MARIA_TEST_TABLE, .type = BATON_PARAM_STRING,
      .dflt = "mysql.user", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct maria_conf, test_table),
      .parse = maria_table_param_parse, .shortdesc = "MariaDB test table",
      .longdesc = "Table to be tested in monitor statement (in "
                  "database.table notation): a monitor with "
                  "OCF_CHECK_LEVEL 10 or more runs SELECT COUNT(*) on it "
                  "as test_user." },
    { .name = MARIA_TEST_USER, .type = BATON_PARAM_STRING, .dflt = "root",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, test_user),
      .shortdesc = "MariaDB test user",
      .longdesc = "MariaDB test user, must have select privilege on "
                  "test_table." },
    { .name = MARIA_TEST_PASSWD, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_SECRET, .dflt = "", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct maria_conf, test_passwd),
      .shortdesc = "MariaDB test user password",
      .longdesc = "MariaDB test user password. Sent to the server by the "
                  "client library only: never in a program's arguments, "
                  "never logged." },
    { .name = MARIA_ENABLE_CREATION, .type = BATON_PARAM_BOOLEAN,
      .dflt = "0", .kind = BATON_KIND_BOOL,
      BATON_FIELD(struct maria_conf, enable_creation),
      .shortdesc = "Create the database if it does not exist",
      .longdesc = "If the data directory holds no database (no mysql "
                  "directory), start creates one with mysql_install_db "
                  "(found beside binary) as user." },
    { .name = MARIA_ADDITIONAL, .type = BATON_PARAM_STRING, .dflt = "",
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct maria_conf, additional),
      .parse = baton_argv_param_parse,
      .shortdesc = "Additional parameters to pass to mysqld",
      .longdesc = "Additional parameters which are passed to the server on "
                  "startup (e.g. --skip-external-locking), split into "
                  "words as a shell would split them but never run "
                  "through one. The settings replication needs "
                  "(read-only, --skip-slave-start, the durability and GTID "
                  "settings) come after them and win." },
    { .name = MARIA_REPL_USER, .type = BATON_PARAM_STRING, .dflt = "root",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, repl_user),
      .shortdesc = "MariaDB replication user",
      .longdesc = "MariaDB replication user. The agent uses it to read "
                  "the server's state, to set and reset the primary, to "
                  "set read-only mode and to end client connections at "
                  "demote, and the replicas connect to the primary with "
                  "it. It needs SUPER (or READ_ONLY ADMIN, REPLICATION "
                  "SLAVE ADMIN, CONNECTION ADMIN), REPLICATION SLAVE, "
                  "REPLICATION CLIENT (BINLOG MONITOR), PROCESS and RELOAD "
                  "on every node. The default, root without a password, "
                  "works locally through Debian's unix_socket "
                  "authentication but not for replication between nodes." },
    { .name = MARIA_REPL_PASSWD, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_SECRET, .dflt = "", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct maria_conf, repl_passwd),
      .shortdesc = "MariaDB replication user password",
      .longdesc = "MariaDB replication password, for the agent's own "
                  "connections and for the replicas' CHANGE MASTER. Never "
                  "in a program's arguments, never logged." },
    { .name = MARIA_REPL_PORT, .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RANGE, .dflt = "3306", .min = 1, .max = 65535,
      .kind = BATON_KIND_INT, BATON_FIELD(struct maria_conf, repl_port),
      .shortdesc = "MariaDB replication port",
      .longdesc = "The port on which the primary MariaDB instance is "
                  "listening (the same on every node)." },
    { .name = MARIA_NODE_LIST, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, node_list),
      .shortdesc = "node list",
      .longdesc = "The names of the nodes that run MariaDB, separated by "
                  "spaces. ocf:heartbeat:mariadb requires it to choose a "
                  "primary; here it is optional: the candidates come from "
                  "Pacemaker's notification and corosync's membership, "
                  "and when node_list is given a node outside it is never "
                  "elected." },
    { .name = MARIA_REQUIRE_SSL, .type = BATON_PARAM_BOOLEAN,
      .dflt = "false", .kind = BATON_KIND_BOOL,
      BATON_FIELD(struct maria_conf, require_ssl),
      .shortdesc = "MariaDB replication require ssl",
      .longdesc = "The agent's connections as replication_user (to the "
                  "local server and to the primary) require TLS, for a "
                  "replication user created with REQUIRE SSL "
                  "(ocf:heartbeat:mysql's option)." },
    { .name = MARIA_SSL_CA, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, ssl_ca),
      .parse = absolute_path,
      .shortdesc = "MariaDB replication SSL CA certificate",
      .longdesc = "The CA certificate replicas check the primary's "
                  "certificate with (MASTER_SSL_CA). Give it together with "
                  "replication_master_ssl_cert and "
                  "replication_master_ssl_key to replicate over TLS." },
    { .name = MARIA_SSL_CERT, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, ssl_cert),
      .parse = absolute_path,
      .shortdesc = "MariaDB replication SSL certificate",
      .longdesc = "The replicas' certificate (MASTER_SSL_CERT)." },
    { .name = MARIA_SSL_KEY, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct maria_conf, ssl_key),
      .parse = absolute_path,
      .shortdesc = "MariaDB replication SSL certificate key",
      .longdesc = "The replicas' certificate key (MASTER_SSL_KEY)." },
    { .name = MARIA_MAX_SLAVE_LAG, .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RANGE, .dflt = "3600", .min = 0,
      .max = 31536000, .kind = BATON_KIND_INT,
      BATON_FIELD(struct maria_conf, max_slave_lag),
      .shortdesc = "Maximum time (seconds) a replica is allowed to lag "
                   "behind the primary",
      .longdesc = "A replica more than this many seconds behind the "
                  "primary (Seconds_Behind_Master) is reported degraded "
                  "with the reason, is not readable (reader_attribute 0) "
                  "and cannot be promoted until it catches up. 0 turns "
                  "the limit off." },
    { .name = MARIA_EVICT, .type = BATON_PARAM_BOOLEAN, .dflt = "false",
      .kind = BATON_KIND_BOOL, BATON_FIELD(struct maria_conf, evict),
      .shortdesc = "Determines whether to shut down badly lagging replicas",
      .longdesc = "When true, a replica past max_slave_lag fails its "
                  "monitor with exit 5, so that Pacemaker stops it and "
                  "keeps it off that node, as ocf:heartbeat:mysql does. "
                  "When false it is only kept from promotion." },
    { .name = MARIA_READER_ATTRIBUTE, .type = BATON_PARAM_STRING,
      .unique_group = MARIA_READER_ATTRIBUTE, .dflt = "readable",
      .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct maria_conf, reader_attribute),
      .shortdesc = "Sets the node attribute that determines whether a "
                   "node is usable for clients to read from",
      .longdesc = "A transient node attribute the agent sets to 1 when "
                  "clients may read from this node (the primary, a healthy "
                  "replica within max_slave_lag) and to 0 otherwise, to "
                  "tie read-only addresses to the replicas." },
    { .name = MARIA_SEMI_SYNC, .type = BATON_PARAM_BOOLEAN, .dflt = "true",
      .kind = BATON_KIND_BOOL, BATON_FIELD(struct maria_conf, semi_sync),
      .shortdesc = "Semi-synchronous replication",
      .longdesc = "On (the default), the primary acknowledges a commit "
                  "only after a replica received it "
                  "(rpl_semi_sync_master_wait_point=AFTER_SYNC), so a "
                  "failover loses no acknowledged transaction. It costs "
                  "one round trip to a replica per commit, and while no "
                  "replica answers each commit waits "
                  "rpl_semi_sync_master_timeout (10 s by default) before "
                  "the primary goes on without. Off, commits are "
                  "acknowledged before any replica has them, and what "
                  "the primary had not sent when it failed is lost." },
};

static const struct baton_action_def mariadb_actions[] = {
    { .name = "start", .timeout_s = 120 },
    { .name = "stop", .timeout_s = 120 },
    { .name = "promote", .timeout_s = 120 },
    { .name = "demote", .timeout_s = 120 },
    { .name = "monitor", .timeout_s = 30, .interval_s = 10,
      .role = "Promoted" },
    { .name = "monitor", .timeout_s = 30, .interval_s = 30,
      .role = "Unpromoted" },
    { .name = "notify", .timeout_s = 90 },
    { .name = "meta-data", .timeout_s = 5 },
    { .name = "validate-all", .timeout_s = 5 },
    { .name = "methods", .timeout_s = 5 },
};

const struct baton_agent_def baton_mariadb_agent = {
    .kind = BATON_AGENT_OCF,
    .name = "mariadb",
    .version = "1.0",
    .replaces = "ocf:heartbeat:mariadb",
    .shortdesc = "MariaDB with GTID replication, promotable",
    .longdesc = "Runs a MariaDB primary and its GTID replicas as a "
                "promotable clone (notify=true, one promoted instance). "
                "Every instance starts read-only as a replica with "
                "durable settings and semi-synchronous replication; at "
                "promotion every candidate publishes its GTID position "
                "through pacemaker-attrd and only a node that holds "
                "everything the others hold, compared per replication "
                "domain, is promoted, after it applied its whole relay "
                "log. A replica whose replication broke or lags past "
                "max_slave_lag cannot be promoted and says why; a former "
                "primary with transactions the primary never saw is "
                "refused at start. The agent speaks to the server through "
                "libmariadb in-process. A drop-in for "
                "ocf:heartbeat:mariadb that also accepts "
                "ocf:heartbeat:mysql's replication parameters.",
    .params = mariadb_params,
    .n_params = BATON_N_ELEMENTS(mariadb_params),
    .actions = mariadb_actions,
    .n_actions = BATON_N_ELEMENTS(mariadb_actions),
    .conf_size = sizeof(struct maria_conf),
    .conf_check = maria_conf_check,
    .conf_free = maria_conf_free,
};
