/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:mariadb: a MariaDB primary and its GTID replicas as a
 * promotable clone, a drop-in for resource-agents' ocf:heartbeat:mariadb
 * that also accepts ocf:heartbeat:mysql's replication parameters.
 */
#ifndef BATON_AGENT_MARIADB_H
#define BATON_AGENT_MARIADB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "baton/membership.h"
#include "baton/notify.h"
#include "baton/ocf.h"
#include "baton/params.h"

#define MARIA_BINARY            "binary"
#define MARIA_CLIENT_BINARY     "client_binary"
#define MARIA_CONFIG            "config"
#define MARIA_DATADIR           "datadir"
#define MARIA_USER              "user"
#define MARIA_GROUP             "group"
#define MARIA_LOG               "log"
#define MARIA_PID               "pid"
#define MARIA_SOCKET            "socket"
#define MARIA_TEST_TABLE        "test_table"
#define MARIA_TEST_USER         "test_user"
#define MARIA_TEST_PASSWD       "test_passwd"
#define MARIA_ENABLE_CREATION   "enable_creation"
#define MARIA_ADDITIONAL        "additional_parameters"
#define MARIA_REPL_USER         "replication_user"
#define MARIA_REPL_PASSWD       "replication_passwd"
#define MARIA_REPL_PORT         "replication_port"
#define MARIA_NODE_LIST         "node_list"
#define MARIA_REQUIRE_SSL       "replication_require_ssl"
#define MARIA_SSL_CA            "replication_master_ssl_ca"
#define MARIA_SSL_CERT          "replication_master_ssl_cert"
#define MARIA_SSL_KEY           "replication_master_ssl_key"
#define MARIA_MAX_SLAVE_LAG     "max_slave_lag"
#define MARIA_EVICT             "evict_outdated_slaves"
#define MARIA_READER_ATTRIBUTE  "reader_attribute"
#define MARIA_SEMI_SYNC         "semi_sync"

#define MARIA_ACTION_METHODS    "methods"

/* Test and debugging hooks (environment, not parameters) */
/*! Members named here instead of asking corosync (no cluster in tests) */
#define MARIA_ENV_MEMBERS       "BATON_MARIADB_MEMBERS"
/*! crm_attribute replaced (tests) */
#define MARIA_ENV_CRM_ATTRIBUTE "BATON_CRM_ATTRIBUTE"

/*! Promotion scores (the attribute master-<resource>) */
#define MARIA_SCORE_PRIMARY     1001
#define MARIA_SCORE_REPLICA     1000
#define MARIA_SCORE_NO_PROMOTE  (-1000)
/*! A replica that lost an election, until the election is over */
#define MARIA_SCORE_LOST        1

/*! The longest GTID list handled: one entry per domain (and server) */
#define MARIA_GTID_MAX          64

/*! The parameters, parsed once by the table */
struct maria_conf {
    const char *binary;
    const char *client_binary;    /*!< accepted, not used */
    const char *config;
    const char *datadir;
    const char *user;
    const char *group;
    const char *log;
    const char *pid;
    const char *socket;
    const char *test_table;       /*!< "db.table", NULL: no test query */
    const char *test_user;
    const char *test_passwd;      /*!< secret; NULL when empty */
    bool enable_creation;
    char **additional;            /*!< words (owned, baton_argv_free) */
    const char *repl_user;
    const char *repl_passwd;      /*!< secret; NULL when empty */
    unsigned repl_port;
    const char *node_list;        /*!< NULL: every member may be elected */
    bool require_ssl;
    const char *ssl_ca;
    const char *ssl_cert;
    const char *ssl_key;
    unsigned long max_slave_lag;  /*!< seconds */
    bool evict;
    const char *reader_attribute;
    bool semi_sync;
};

/*! What one invocation adds: node, deadline, the reason */
struct maria_ctx {
    baton_ocf_t *ocf;
    struct maria_conf conf;
    const char *instance;         /*!< OCF_RESOURCE_INSTANCE */
    char rsc[128];                /*!< instance without ":N" */
    char node[BATON_NODE_NAME_MAX];
    uint64_t deadline_ms;         /*!< the action's end, monotonic */
    baton_reason_t *why;
};

extern const struct baton_agent_def baton_mariadb_agent;
extern const struct baton_ocf_op mariadb_ops[];

/* ---- mariadb_conf.c ------------------------------------------------------ */

/*! \brief conf_check: the SSL files given together or not at all. */
int maria_conf_check(void *conf, baton_reason_t *why);

/*! \brief conf_free: the additional parameters' words. */
void maria_conf_free(void *conf);

/*! \brief test_table's hook: "db.table" of plain identifiers. */
int maria_table_param_parse(const char *value, void *field,
                            baton_reason_t *why);

/*!
 * \brief Parse the parameters and read the invocation.
 * \param[in] lenient  For stop: parse what parses, keep going.
 */
int maria_ctx_init(struct maria_ctx *ctx, baton_ocf_t *ocf,
                   baton_reason_t *why, bool lenient);

/*! \brief Release what maria_ctx_init() holds. */
void maria_ctx_clear(struct maria_ctx *ctx);

/*! \brief Milliseconds left before the action's deadline, less a margin. */
unsigned maria_ms_left(const struct maria_ctx *ctx);

/*! \brief A promotable clone with notify=true and one promoted instance. */
int maria_check_meta(const struct maria_ctx *ctx);

/*!
 * \brief This node's set-up: user, group, server binary, configuration
 *        file, data directory (or enable_creation).
 * \return BATON_RC_OK; BATON_RC_NODE_CONFIG / BATON_RC_NOT_INSTALLED.
 */
int maria_check_node(struct maria_ctx *ctx);

/*! \brief Whether \p node may be elected (node_list, when given). */
bool maria_node_listed(const struct maria_ctx *ctx, const char *node);

/* ---- mariadb_gtid.c: GTID lists and their order ------------------------ */

/*! One GTID: replication domain, originating server, sequence number */
struct maria_gtid {
    uint32_t domain;
    uint32_t server;
    uint64_t seq;
};

/*! A GTID list as MariaDB writes one ("0-1-100,1-2-7") */
struct maria_gtid_list {
    size_t n;
    struct maria_gtid g[MARIA_GTID_MAX];
};

/*! How two positions compare, domain by domain */
enum maria_gtid_order {
    MARIA_GTID_EQUAL = 0,
    MARIA_GTID_AHEAD,             /*!< a holds all of b, and more */
    MARIA_GTID_BEHIND,            /*!< b holds all of a, and more */
    MARIA_GTID_DIVERGED,          /*!< each has something the other lacks,
                                       or one sequence number names two
                                       transactions */
};

/*!
 * \brief Parse a GTID list: "D-S-N" separated by commas (spaces and
 *        newlines allowed around them); "" is the empty list.
 * \return BATON_RC_OK, or BATON_RC_PROTOCOL (list left empty).
 */
int maria_gtid_parse(const char *text, struct maria_gtid_list *list);

/*! \brief Write a list as MariaDB does; "" when empty. */
void maria_gtid_format(const struct maria_gtid_list *list, char *buf,
                       size_t size);

/*!
 * \brief Merge position \p b into \p a: per domain, the higher sequence
 *        number wins (a position has one GTID per domain).
 */
void maria_gtid_merge(struct maria_gtid_list *a,
                      const struct maria_gtid_list *b);

/*! \brief Compare two positions per replication domain. */
enum maria_gtid_order maria_gtid_cmp(const struct maria_gtid_list *a,
                                     const struct maria_gtid_list *b);

/*! \brief Whether position \p a holds everything \p b holds. */
bool maria_gtid_covers(const struct maria_gtid_list *a,
                       const struct maria_gtid_list *b);

/*!
 * \brief The first transaction of a binlog state (\p local, one GTID per
 *        domain and server, @@gtid_binlog_state) that \p known (the
 *        primary's binlog state and slave position) never saw: known has
 *        no GTID of the same domain and server at or past it, and known
 *        has none of \p local's later GTIDs of that domain either.
 * \note The second rule keeps a healthy node from looking errant when the
 *       primary's binlog state lost servers' entries (RESET MASTER, then
 *       SET GLOBAL gtid_binlog_state to its gtid_binlog_pos): with
 *       gtid_strict_mode a server's history of a domain is one sequence,
 *       and a server replicates past a GTID only after its primary found
 *       that server's position in its own binary log, so a transaction
 *       before one the primary has is one the primary has too.
 * \param[out] errant  That GTID, when there is one.
 * \return true when \p local has an errant transaction.
 */
bool maria_gtid_errant(const struct maria_gtid_list *local,
                       const struct maria_gtid_list *known,
                       struct maria_gtid *errant);

/* ---- mariadb_sql.c: libmariadb, in-process ------------------------------ */

typedef struct maria_conn_s maria_conn_t;
typedef struct maria_rows_s maria_rows_t;

/*! Who connects to the local server */
enum maria_login {
    MARIA_LOGIN_ADMIN = 0,        /*!< replication_user (as heartbeat) */
    MARIA_LOGIN_TEST,             /*!< test_user, for the test query */
};

/*!
 * \brief Connect to the local server's socket, with connect and read
 *        timeouts from the action's remaining time.
 * \return BATON_RC_OK; ECONNREFUSED when nothing listens; EAGAIN when it
 *         is starting or shutting down; BATON_RC_AUTH; BATON_RC_TIMEOUT;
 *         BATON_RC_FAILED (connection kept for maria_conn_error()).
 */
int maria_connect(struct maria_ctx *ctx, enum maria_login login,
                  maria_conn_t **out);

/*! \brief Connect to another node's server as replication_user (TCP). */
int maria_connect_host(struct maria_ctx *ctx, const char *host,
                       maria_conn_t **out);

/*! \brief Close; NULL is a no-op. */
void maria_disconnect(maria_conn_t *c);

/*! \brief The last error of a connection (borrowed), "" for NULL. */
const char *maria_conn_error(const maria_conn_t *c);

/*! \brief The last error number of a connection, 0 for NULL. */
unsigned maria_conn_errno(const maria_conn_t *c);

/*! \brief Run a statement; the result, if any, is discarded. */
int maria_exec(maria_conn_t *c, const char *sql);

/*!
 * \brief Run a query and keep its rows.
 * \param[out] rows  Caller frees with maria_rows_free().
 */
int maria_query(maria_conn_t *c, const char *sql, maria_rows_t **rows);

/*! \brief Number of rows. */
size_t maria_rows_n(const maria_rows_t *rows);

/*! \brief A value by row and column name (borrowed); NULL for SQL NULL
 *         or an unknown column. */
const char *maria_rows_get(const maria_rows_t *rows, size_t row,
                           const char *column);

/*! \brief A value by row and column number (borrowed), or NULL. */
const char *maria_rows_at(const maria_rows_t *rows, size_t row, size_t col);

/*! \brief Free rows; NULL is a no-op. */
void maria_rows_free(maria_rows_t *rows);

/*!
 * \brief One value of a one-row query, copied into \p buf ("" for NULL).
 * \return BATON_RC_OK; BATON_RC_PROTOCOL when there is no row.
 */
int maria_query_value(maria_conn_t *c, const char *sql, char *buf,
                      size_t size);

/*! \brief Quote \p text as an SQL string literal into \p buf. */
int maria_quote(maria_conn_t *c, const char *text, char *buf, size_t size);

/* ---- mariadb_server.c: the server process -------------------------------- */

/*! \brief The server's pid from the pid file when it is alive and a
 *         MariaDB server; 0 otherwise. \p stale: a pid file is left. */
pid_t maria_server_pid(const struct maria_ctx *ctx, bool *stale);

/*!
 * \brief Start the server as `user`, read-only and without replication
 *        threads, and wait until it answers.
 * \param[in] server_id  Passed as --server-id when not 0.
 */
int maria_server_start(struct maria_ctx *ctx, unsigned long server_id);

/*! \brief Stop the server: SIGTERM, then SIGKILL when time runs out. */
int maria_server_stop(struct maria_ctx *ctx);

/*!
 * \brief The options the server would read from its configuration file
 *        (my_print_defaults) followed by additional_parameters.
 * \param[out] words  NULL-terminated; caller frees with baton_argv_free().
 */
int maria_server_options(struct maria_ctx *ctx, char ***words);

/*!
 * \brief An option's value among --name=value words ('-' and '_' alike);
 *        the last one wins. \return NULL when absent; "" for a bare flag.
 */
const char *maria_option_value(char *const *words, const char *name);

/* ---- mariadb_repl.c: replication --------------------------------------- */

/*! A replica's replication, from SHOW SLAVE STATUS */
struct maria_replica {
    bool configured;              /*!< a primary is set (a row exists) */
    char master_host[256];
    bool io_running;              /*!< Slave_IO_Running Yes */
    bool io_connecting;           /*!< Slave_IO_Running Connecting */
    bool sql_running;
    unsigned io_errno;
    unsigned sql_errno;
    char io_error[160];
    char sql_error[160];
    long long behind_s;           /*!< -1 when NULL */
    char io_pos[1024];            /*!< Gtid_IO_Pos */
};

/*! The health of a replica, as the monitor reports it */
enum maria_health {
    MARIA_HEALTHY = 0,
    MARIA_BROKEN,                 /*!< a thread stopped with an error */
    MARIA_LAGGING,                /*!< past max_slave_lag */
};

/*! \brief Read SHOW SLAVE STATUS. */
int maria_replica_read(struct maria_ctx *ctx, maria_conn_t *c,
                       struct maria_replica *r);

/*!
 * \brief Judge a replica's health; the reason in \p text when not
 *        healthy.
 */
enum maria_health maria_replica_health(const struct maria_replica *r,
                                       unsigned long max_lag_s, char *text,
                                       size_t size);

/*! \brief This server's position: binlog, slave and received (IO) GTIDs
 *         merged per domain. */
int maria_position(struct maria_ctx *ctx, maria_conn_t *c,
                   struct maria_gtid_list *pos);

/*!
 * \brief The settings GTID failover needs, checked on the running
 *        server (log_bin, log_slave_updates, gtid_strict_mode, sync_binlog,
 *        innodb_flush_log_at_trx_commit, read_only).
 * \return BATON_RC_OK, or BATON_RC_NODE_CONFIG with the reason.
 */
int maria_check_settings(struct maria_ctx *ctx, maria_conn_t *c);

/*! \brief read_only on, and the stronger variant where it exists. */
int maria_set_read_only(struct maria_ctx *ctx, maria_conn_t *c, bool on);

/*!
 * \brief Whether the server is read-only (a replica).
 */
int maria_is_read_only(struct maria_ctx *ctx, maria_conn_t *c, bool *ro);

/*!
 * \brief Refuse a server that holds transactions \p host never saw.
 * \return BATON_RC_OK; BATON_RC_NODE_CONFIG with the reason; ENOENT when
 *         the primary does not answer (nothing to compare with).
 */
int maria_check_errant(struct maria_ctx *ctx, maria_conn_t *c,
                       const char *host);

/*! \brief Point replication at \p host (MASTER_USE_GTID) and start it. */
int maria_follow(struct maria_ctx *ctx, maria_conn_t *c, const char *host);

/*!
 * \brief Stop receiving, apply the whole relay log (MASTER_GTID_WAIT on
 *        the received position), stop replication and forget the primary.
 */
int maria_drain_relay(struct maria_ctx *ctx, maria_conn_t *c);

/*! \brief Kill every client connection but replication and our own. */
int maria_kill_clients(struct maria_ctx *ctx, maria_conn_t *c);

/* ---- mariadb_score.c: attributes, scores and the election --------------- */

/*! \brief Set this node's promotion score through attrd. */
int maria_score_set(struct maria_ctx *ctx, const char *node, int score);

/*!
 * \brief Keep a small fact about this instance in the run directory
 *        (what it last wrote to attrd, its role, a refusal), or remove it
 *        (\p value NULL).
 */
void maria_record(const struct maria_ctx *ctx, const char *what,
                  const char *value);

/*! \brief Read a fact kept by maria_record(). \return false when none. */
bool maria_record_read(const struct maria_ctx *ctx, const char *what,
                       char *buf, size_t size);

/*!
 * \brief Hold this replica's score at \p score (MARIA_SCORE_LOST after a
 *        lost election, MARIA_SCORE_NO_PROMOTE when its replication broke
 *        or lags) across restarts of the agent and of the server, until
 *        maria_release(): a broken replica restarted without its primary
 *        shows no error any more, and must not look promotable.
 */
void maria_hold(struct maria_ctx *ctx, int score, const char *why);

/*! \brief Lift a held score (replication runs cleanly, an election is
 *         over, promotion). */
void maria_release(struct maria_ctx *ctx);

/*! \brief The score held (0: none) and why, into \p why when not NULL. */
int maria_held(const struct maria_ctx *ctx, char *why, size_t size);

/*! \brief The score a running replica should have: held, else
 *         MARIA_SCORE_REPLICA. */
int maria_replica_score(const struct maria_ctx *ctx);

/*! \brief Delete this node's promotion score. */
int maria_score_del(struct maria_ctx *ctx);

/*! \brief Set the reader attribute (1 readable, 0 not). */
int maria_reader_set(struct maria_ctx *ctx, bool readable);

/*! \brief This resource's private attributes. */
int maria_attr_set(struct maria_ctx *ctx, const char *name,
                   const char *value);
int maria_attr_get(struct maria_ctx *ctx, const char *name,
                   const char *node, char **value);
int maria_attr_del(struct maria_ctx *ctx, const char *name);

/*! \brief The membership (corosync, or the test hook), or NULL. */
baton_membership_t *maria_members(struct maria_ctx *ctx);

/*!
 * \brief The primary this node should follow: the promoted node of the
 *        clone's notification lists, else the node whose published
 *        attribute says it is primary. \return NULL when none (free()).
 */
char *maria_find_primary(struct maria_ctx *ctx,
                         const struct baton_notify *n);

/*!
 * \brief Publish (or clear) this node as the primary, with the address
 *        replicas connect to: the node attribute <rsc>_mysql_master_IP
 *        when set (as ocf:heartbeat:mariadb reads it), else the node name.
 */
void maria_publish_primary(struct maria_ctx *ctx, bool primary);

/*!
 * \brief The address to replicate from \p node: what it published as
 *        primary, else its name.
 * \return Whether \p node published itself as primary.
 */
bool maria_primary_address(struct maria_ctx *ctx, const char *node,
                           char *buf, size_t size);

/*!
 * \brief server_id must be unique among the members: publish ours and
 *        compare with what the others published.
 */
int maria_check_server_id(struct maria_ctx *ctx, unsigned long id);

/*! \brief notify pre-promote: publish this node's position. */
int maria_notify_pre_promote(struct maria_ctx *ctx,
                             const struct baton_notify *n);

/*! \brief notify post-promote: clean up the election's attributes. */
void maria_election_clean(struct maria_ctx *ctx);

/*!
 * \brief promote: this node holds everything the other candidates hold
 *        (re-reading its own position until the deadline).
 */
int maria_election_check(struct maria_ctx *ctx, maria_conn_t *c);

#endif /* BATON_AGENT_MARIADB_H */
