/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:mariadb: replication. A replica's state and health from SHOW
 * SLAVE STATUS, its GTID position, the settings GTID failover needs,
 * read-only mode, following a primary with MASTER_USE_GTID, applying the
 * whole relay log before promotion, and the refusal of a server holding
 * transactions the primary never saw.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/log.h"
#include "baton/rc.h"
#include "mariadb.h"

/* Client errors of an IO thread that is only waiting for its primary */
static bool
io_error_is_connection(unsigned err)
{
    return (err == 2002) || (err == 2003) || (err == 2005) || (err == 2006)
           || (err == 2013);
}

static void
copy_field(const maria_rows_t *rows, const char *col, char *buf,
           size_t size)
{
    snprintf(buf, size, "%s", baton_s(maria_rows_get(rows, 0, col), ""));
}

int
maria_replica_read(struct maria_ctx *ctx, maria_conn_t *c,
                   struct maria_replica *r)
{
    maria_rows_t *rows = NULL;
    const char *v = NULL;
    int rc = maria_query(c, "SHOW SLAVE STATUS", &rows);

    memset(r, 0, sizeof(*r));
    r->behind_s = -1;
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot read SHOW SLAVE STATUS: %s",
                         maria_conn_error(c));
        return rc;
    }
    r->configured = (maria_rows_n(rows) > 0);
    if (r->configured) {
        copy_field(rows, "Master_Host", r->master_host,
                   sizeof(r->master_host));
        v = baton_s(maria_rows_get(rows, 0, "Slave_IO_Running"), "");
        r->io_running = (strcmp(v, "Yes") == 0);
        r->io_connecting = (strcmp(v, "Connecting") == 0);
        v = baton_s(maria_rows_get(rows, 0, "Slave_SQL_Running"), "");
        r->sql_running = (strcmp(v, "Yes") == 0);
        r->io_errno = (unsigned) strtoul(baton_s(maria_rows_get(rows, 0,
                                         "Last_IO_Errno"), "0"), NULL, 10);
        r->sql_errno = (unsigned) strtoul(baton_s(maria_rows_get(rows, 0,
                                          "Last_SQL_Errno"), "0"), NULL, 10);
        copy_field(rows, "Last_IO_Error", r->io_error, sizeof(r->io_error));
        copy_field(rows, "Last_SQL_Error", r->sql_error,
                   sizeof(r->sql_error));
        v = maria_rows_get(rows, 0, "Seconds_Behind_Master");
        r->behind_s = (v != NULL) ? strtoll(v, NULL, 10) : -1;
        copy_field(rows, "Gtid_IO_Pos", r->io_pos, sizeof(r->io_pos));
    }
    maria_rows_free(rows);
    return BATON_RC_OK;
}

enum maria_health
maria_replica_health(const struct maria_replica *r, unsigned long max_lag_s,
                     char *text, size_t size)
{
    text[0] = '\0';
    if (!r->configured) {
        return MARIA_HEALTHY;
    }
    if (!r->sql_running && (r->sql_errno != 0)) {
        snprintf(text, size, "replication SQL thread stopped with error "
                 "%u: %s", r->sql_errno, r->sql_error);
        return MARIA_BROKEN;
    }
    if ((r->io_errno != 0) && !io_error_is_connection(r->io_errno)) {
        snprintf(text, size, "replication IO thread from %s failed with "
                 "error %u: %s", r->master_host, r->io_errno, r->io_error);
        return MARIA_BROKEN;
    }
    if ((max_lag_s > 0) && (r->behind_s >= 0)
        && ((unsigned long long) r->behind_s > max_lag_s)) {
        snprintf(text, size, "%lld s behind the primary %s (max_slave_lag "
                 "%lu)", r->behind_s, r->master_host, max_lag_s);
        return MARIA_LAGGING;
    }
    return MARIA_HEALTHY;
}

int
maria_position(struct maria_ctx *ctx, maria_conn_t *c,
               struct maria_gtid_list *pos)
{
    struct maria_replica r;
    struct maria_gtid_list part;
    maria_rows_t *rows = NULL;
    int rc = maria_query(c, "SELECT @@gtid_binlog_pos, @@gtid_slave_pos",
                         &rows);

    pos->n = 0;
    if ((rc == BATON_RC_OK) && (maria_rows_n(rows) != 1)) {
        rc = BATON_RC_PROTOCOL;
    }
    for (size_t i = 0; (rc == BATON_RC_OK) && (i < 2); i++) {
        rc = maria_gtid_parse(baton_s(maria_rows_at(rows, 0, i), ""), &part);
        maria_gtid_merge(pos, &part);
    }
    maria_rows_free(rows);
    if (rc == BATON_RC_OK) {
        rc = maria_replica_read(ctx, c, &r);
    }
    /* received but maybe not yet applied: the relay log counts */
    if ((rc == BATON_RC_OK) && r.configured
        && (maria_gtid_parse(r.io_pos, &part) == BATON_RC_OK)) {
        maria_gtid_merge(pos, &part);
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot read the GTID position: %s",
                         maria_conn_error(c));
    }
    return rc;
}

#define MARIA_SQL_SETTINGS \
    "SELECT @@log_bin, @@log_slave_updates, @@server_id"
#define MARIA_SQL_DURABLE \
    "SET GLOBAL gtid_strict_mode = ON, sync_binlog = 1, " \
    "innodb_flush_log_at_trx_commit = 1, sync_master_info = 1"
#define MARIA_SQL_SEMI_ON \
    "SET GLOBAL rpl_semi_sync_master_enabled = ON, " \
    "rpl_semi_sync_slave_enabled = ON, " \
    "rpl_semi_sync_master_wait_point = AFTER_SYNC"
#define MARIA_SQL_SEMI_OFF \
    "SET GLOBAL rpl_semi_sync_master_enabled = OFF, " \
    "rpl_semi_sync_slave_enabled = OFF"

int
maria_check_settings(struct maria_ctx *ctx, maria_conn_t *c)
{
    maria_rows_t *rows = NULL;
    int rc = maria_query(c, MARIA_SQL_SETTINGS, &rows);

    if ((rc == BATON_RC_OK) && (maria_rows_n(rows) != 1)) {
        rc = BATON_RC_PROTOCOL;
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot read the server's settings: %s",
                         maria_conn_error(c));
    } else if (strcmp(baton_s(maria_rows_at(rows, 0, 0), ""), "1") != 0) {
        baton_reason_set(ctx->why, "log_bin is off: GTID failover needs the "
                         "binary log; add log_bin (e.g. "
                         "log_bin=mysql-bin) under [mysqld] in %s",
                         ctx->conf.config);
        rc = BATON_RC_NODE_CONFIG;
    } else if (strcmp(baton_s(maria_rows_at(rows, 0, 1), ""), "1") != 0) {
        baton_reason_set(ctx->why, "log_slave_updates is off although the "
                         "agent starts the server with it: remove what "
                         "turns it off from %s", ctx->conf.config);
        rc = BATON_RC_NODE_CONFIG;
    }
    maria_rows_free(rows);
    /* the dynamic ones are set again: someone may have changed them */
    if (rc == BATON_RC_OK) {
        rc = maria_exec(c, MARIA_SQL_DURABLE);
        if (rc == BATON_RC_OK) {
            rc = maria_exec(c, ctx->conf.semi_sync ? MARIA_SQL_SEMI_ON
                                                   : MARIA_SQL_SEMI_OFF);
        }
        if (rc != BATON_RC_OK) {
            baton_reason_set(ctx->why, "Cannot set the durability and "
                             "replication settings: %s",
                             maria_conn_error(c));
        }
    }
    return rc;
}

static bool
has_super_read_only(maria_conn_t *c)
{
    char v[8] = "";

    return (maria_query_value(c, "SELECT COUNT(*) FROM "
                              "information_schema.GLOBAL_VARIABLES WHERE "
                              "VARIABLE_NAME = 'SUPER_READ_ONLY'", v,
                              sizeof(v)) == BATON_RC_OK)
           && (strcmp(v, "1") == 0);
}

int
maria_set_read_only(struct maria_ctx *ctx, maria_conn_t *c, bool on)
{
    /* MariaDB 10.11's read_only binds SUPER too (only READ_ONLY ADMIN
     * writes); MySQL and its forks have super_read_only for that */
    bool super = has_super_read_only(c);
    int rc = BATON_RC_OK;

    if (on) {
        rc = maria_exec(c, "SET GLOBAL read_only = ON");
        if ((rc == BATON_RC_OK) && super) {
            rc = maria_exec(c, "SET GLOBAL super_read_only = ON");
        }
    } else {
        if (super) {
            rc = maria_exec(c, "SET GLOBAL super_read_only = OFF");
        }
        if (rc == BATON_RC_OK) {
            rc = maria_exec(c, "SET GLOBAL read_only = OFF");
        }
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot turn read_only %s: %s",
                         on ? "on" : "off", maria_conn_error(c));
    }
    return rc;
}

int
maria_is_read_only(struct maria_ctx *ctx, maria_conn_t *c, bool *ro)
{
    char v[8] = "";
    int rc = maria_query_value(c, "SELECT @@read_only", v, sizeof(v));

    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot read read_only: %s",
                         maria_conn_error(c));
    }
    *ro = (strcmp(v, "1") == 0);
    return rc;
}

/* The GTID lists of a one-row query's \p cols columns, concatenated */
static int
read_list(maria_conn_t *c, const char *sql, size_t cols,
          struct maria_gtid_list *out)
{
    maria_rows_t *rows = NULL;
    struct maria_gtid_list part;
    int rc = maria_query(c, sql, &rows);

    out->n = 0;
    if ((rc == BATON_RC_OK) && (maria_rows_n(rows) != 1)) {
        rc = BATON_RC_PROTOCOL;
    }
    for (size_t i = 0; (rc == BATON_RC_OK) && (i < cols); i++) {
        rc = maria_gtid_parse(baton_s(maria_rows_at(rows, 0, i), ""), &part);
        for (size_t j = 0; (rc == BATON_RC_OK) && (j < part.n)
                           && (out->n < MARIA_GTID_MAX); j++) {
            out->g[out->n++] = part.g[j];
        }
    }
    maria_rows_free(rows);
    return rc;
}

int
maria_check_errant(struct maria_ctx *ctx, maria_conn_t *c, const char *host)
{
    struct maria_gtid_list local;
    struct maria_gtid_list known;
    struct maria_gtid bad;
    maria_conn_t *p = NULL;
    int rc = maria_connect_host(ctx, host, &p);

    if (rc != BATON_RC_OK) {
        baton_info("Cannot reach the primary %s to compare transactions: "
                   "%s", host, maria_conn_error(p));
        maria_disconnect(p);
        return ENOENT;
    }
    rc = read_list(p, "SELECT @@gtid_binlog_state, @@gtid_slave_pos", 2,
                   &known);
    maria_disconnect(p);
    if (rc == BATON_RC_OK) {
        rc = read_list(c, "SELECT @@gtid_binlog_state", 1, &local);
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot compare this server's "
                         "transactions with the primary %s's: %s", host,
                         baton_rc_str(rc));
        return rc;
    }
    if (!maria_gtid_errant(&local, &known, &bad)) {
        return BATON_RC_OK;
    }
    baton_reason_set(ctx->why, "%s holds transactions the primary %s never "
                     "saw (errant GTID %" PRIu32 "-%" PRIu32 "-%" PRIu64
                     ": a former primary's commits that were not "
                     "replicated); refused. Save what you need of them "
                     "(mariadb-binlog), then rebuild this node from the "
                     "primary (mariabackup) and clean it up (pcs resource "
                     "cleanup)", ctx->node, host, bad.domain, bad.server,
                     bad.seq);
    return BATON_RC_NODE_CONFIG;
}

/* CHANGE MASTER TO ...: every value quoted by the client library */
static int
change_master(struct maria_ctx *ctx, maria_conn_t *c, const char *host)
{
    char qh[600];
    char qu[600];
    char qp[600];
    char qssl[3][8300];
    char sql[30000];
    int rc = maria_quote(c, host, qh, sizeof(qh));

    if (rc == BATON_RC_OK) {
        rc = maria_quote(c, ctx->conf.repl_user, qu, sizeof(qu));
    }
    if (rc == BATON_RC_OK) {
        rc = maria_quote(c, baton_s(ctx->conf.repl_passwd, ""), qp,
                         sizeof(qp));
    }
    if ((rc == BATON_RC_OK) && (ctx->conf.ssl_ca != NULL)) {
        rc = maria_quote(c, ctx->conf.ssl_ca, qssl[0], sizeof(qssl[0]));
        rc = (rc == BATON_RC_OK) ? maria_quote(c, ctx->conf.ssl_cert,
                                               qssl[1], sizeof(qssl[1])) : rc;
        rc = (rc == BATON_RC_OK) ? maria_quote(c, ctx->conf.ssl_key,
                                               qssl[2], sizeof(qssl[2])) : rc;
    }
    if (rc == BATON_RC_OK) {
        snprintf(sql, sizeof(sql), "CHANGE MASTER TO MASTER_HOST = %s, "
                 "MASTER_PORT = %u, MASTER_USER = %s, MASTER_PASSWORD = %s, "
                 "MASTER_USE_GTID = current_pos%s%s%s%s%s%s%s", qh,
                 ctx->conf.repl_port, qu, qp,
                 (ctx->conf.ssl_ca != NULL) ? ", MASTER_SSL = 1, "
                                              "MASTER_SSL_CA = " : "",
                 (ctx->conf.ssl_ca != NULL) ? qssl[0] : "",
                 (ctx->conf.ssl_ca != NULL) ? ", MASTER_SSL_CERT = " : "",
                 (ctx->conf.ssl_ca != NULL) ? qssl[1] : "",
                 (ctx->conf.ssl_ca != NULL) ? ", MASTER_SSL_KEY = " : "",
                 (ctx->conf.ssl_ca != NULL) ? qssl[2] : "", "");
        rc = maria_exec(c, sql);
    }
    /* the statement held the password */
    explicit_bzero(sql, sizeof(sql));
    explicit_bzero(qp, sizeof(qp));
    return rc;
}

int
maria_follow(struct maria_ctx *ctx, maria_conn_t *c, const char *host)
{
    int rc;

    maria_exec(c, "STOP SLAVE");
    rc = change_master(ctx, c, host);
    if (rc == BATON_RC_OK) {
        rc = maria_exec(c, "START SLAVE");
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot replicate from %s: %s", host,
                         maria_conn_error(c));
        return rc;
    }
    baton_notice("Replicating from %s (MASTER_USE_GTID)", host);
    return BATON_RC_OK;
}

/* What of the received position \p io is not yet in this server's own
 * (binlog and slave) position: a former primary's own transactions are
 * in its binlog only, and MASTER_GTID_WAIT looks at gtid_slave_pos */
static int
to_apply(struct maria_ctx *ctx, maria_conn_t *c, const char *io,
         struct maria_gtid_list *wait)
{
    struct maria_gtid_list received;
    struct maria_gtid_list have;
    struct maria_gtid_list part;
    maria_rows_t *rows = NULL;
    int rc = maria_gtid_parse(io, &received);

    wait->n = 0;
    have.n = 0;
    if (rc == BATON_RC_OK) {
        rc = maria_query(c, "SELECT @@gtid_binlog_pos, @@gtid_slave_pos",
                         &rows);
    }
    for (size_t i = 0; (rc == BATON_RC_OK) && (i < 2); i++) {
        rc = maria_gtid_parse(baton_s(maria_rows_at(rows, 0, i), ""), &part);
        maria_gtid_merge(&have, &part);
    }
    maria_rows_free(rows);
    for (size_t i = 0; (rc == BATON_RC_OK) && (i < received.n); i++) {
        struct maria_gtid_list one = { .n = 1, .g = { received.g[i] } };

        if (!maria_gtid_covers(&have, &one)) {
            wait->g[wait->n++] = received.g[i];
        }
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot read the applied position: %s",
                         maria_conn_error(c));
    }
    return rc;
}

/* Wait until the SQL thread applied what was received (\p io), within
 * the action's time */
static int
wait_applied(struct maria_ctx *ctx, maria_conn_t *c, const char *io)
{
    struct maria_gtid_list wait;
    char pos[2048];
    char qpos[4200];
    char sql[4400];
    char v[16] = "";
    unsigned secs = maria_ms_left(ctx) / 1000;
    int rc = to_apply(ctx, c, io, &wait);

    if ((rc != BATON_RC_OK) || (wait.n == 0)) {
        return rc;
    }
    maria_gtid_format(&wait, pos, sizeof(pos));
    rc = maria_quote(c, pos, qpos, sizeof(qpos));
    if (rc == BATON_RC_OK) {
        snprintf(sql, sizeof(sql), "SELECT MASTER_GTID_WAIT(%s, %u)", qpos,
                 (secs > 1) ? secs - 1 : 1);
        rc = maria_query_value(c, sql, v, sizeof(v));
    }
    if ((rc == BATON_RC_OK) && (strcmp(v, "0") != 0)) {
        baton_reason_set(ctx->why, "The relay log was not applied up to %s "
                         "within the promote timeout", pos);
        return BATON_RC_TIMEOUT;
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "MASTER_GTID_WAIT failed: %s",
                         maria_conn_error(c));
    }
    return rc;
}

int
maria_drain_relay(struct maria_ctx *ctx, maria_conn_t *c)
{
    struct maria_replica r;
    char text[400];
    int rc = maria_exec(c, "STOP SLAVE IO_THREAD");

    if (rc == BATON_RC_OK) {
        rc = maria_replica_read(ctx, c, &r);
    }
    if ((rc == BATON_RC_OK) && r.configured) {
        if (maria_replica_health(&r, 0, text, sizeof(text)) == MARIA_BROKEN
            && (r.sql_errno != 0)) {
            baton_reason_set(ctx->why, "Cannot apply the relay log: %s",
                             text);
            return BATON_RC_FAILED;
        }
        if (!r.sql_running) {
            rc = maria_exec(c, "START SLAVE SQL_THREAD");
        }
        if ((rc == BATON_RC_OK) && (r.io_pos[0] != '\0')) {
            rc = wait_applied(ctx, c, r.io_pos);
        }
        if (rc == BATON_RC_OK) {
            baton_info("Relay log applied up to %s", r.io_pos);
        }
    }
    if (rc == BATON_RC_OK) {
        rc = maria_exec(c, "STOP SLAVE");
    }
    if (rc == BATON_RC_OK) {
        rc = maria_exec(c, "RESET SLAVE ALL");
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot stop replication: %s",
                         maria_conn_error(c));
    }
    return rc;
}

#define MARIA_SQL_CLIENTS \
    "SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> " \
    "CONNECTION_ID() AND USER NOT IN ('system user', 'event_scheduler') " \
    "AND COMMAND NOT IN ('Binlog Dump', 'Daemon', 'Killed', 'Slave_IO', " \
    "'Slave_SQL', 'Slave_worker')"

int
maria_kill_clients(struct maria_ctx *ctx, maria_conn_t *c)
{
    maria_rows_t *rows = NULL;
    unsigned killed = 0;
    int rc = maria_query(c, MARIA_SQL_CLIENTS, &rows);

    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot list client connections: %s",
                         maria_conn_error(c));
        return rc;
    }
    for (size_t i = 0; i < maria_rows_n(rows); i++) {
        char sql[64];
        unsigned long id = strtoul(baton_s(maria_rows_at(rows, i, 0), "0"),
                                   NULL, 10);

        snprintf(sql, sizeof(sql), "KILL CONNECTION %lu", id);
        /* it may have ended meanwhile */
        if (maria_exec(c, sql) == BATON_RC_OK) {
            killed++;
        }
    }
    maria_rows_free(rows);
    baton_info("Ended %u client connection(s)", killed);
    return BATON_RC_OK;
}
