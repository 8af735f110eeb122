/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:mariadb actions: the state of the local server (through
 * libmariadb; the pid file only when it does not answer), start as a
 * read-only replica, stop, promote after the election and the relay log,
 * demote, notify.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baton/argv.h"
#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "mariadb.h"

#define MARIA_WAIT_STEP_MS    200U
/*! OCF_CHECK_LEVEL from which the monitor runs the test_table query */
#define MARIA_LEVEL_TEST      10
/*! How long start watches a new replication connection for an error */
#define MARIA_FOLLOW_CHECK_MS 3000U
#define MARIA_REC_ROLE        "role"
#define MARIA_REC_REFUSED     "refused"
/*! Why this replica holds a low score across its restarts (the text) */
#define MARIA_REC_HELD        "held"
/*! The node whose server this replica was pointed at (join_primary) */
#define MARIA_REC_FOLLOWS     "follows"

extern char **environ;

/* ---- the state of the local server ------------------------------------- */

static int
test_query(struct maria_ctx *ctx)
{
    maria_conn_t *c = NULL;
    char sql[200];
    char v[32];
    int rc = maria_connect(ctx, MARIA_LOGIN_TEST, &c);

    if (rc == BATON_RC_OK) {
        snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s",
                 ctx->conf.test_table);
        rc = maria_query_value(c, sql, v, sizeof(v));
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "The test query on %s as %s failed: %s",
                         ctx->conf.test_table, ctx->conf.test_user,
                         maria_conn_error(c));
    }
    maria_disconnect(c);
    return rc;
}

static int join_primary(struct maria_ctx *ctx, maria_conn_t *c,
                        const char *primary);

/* The primary a replica was pointed at, and the address it follows */
static void
record_follows(struct maria_ctx *ctx, const char *node, const char *host)
{
    char line[1024];

    snprintf(line, sizeof(line), "%s %s", node, host);
    maria_record(ctx, MARIA_REC_FOLLOWS, line);
}

/*
 * The primary this replica should follow when it follows another server
 * (or none) while a node publishes itself as the primary: a post-promote
 * notification that failed or never came, an operator's CHANGE MASTER.
 * NULL when it follows the current primary, or when no member is one.
 * The usual case asks nothing: replication runs from the address it was
 * pointed at; else one attribute read tells whether the node it was
 * pointed at still publishes that address. Caller frees.
 */
static char *
stale_primary(struct maria_ctx *ctx, const struct maria_replica *r)
{
    struct baton_notify *none = NULL;
    char node[520];
    char host[256];
    char *p = NULL;
    char *at = NULL;

    if (r->configured
        && maria_record_read(ctx, MARIA_REC_FOLLOWS, node, sizeof(node))) {
        /* "NODE ADDRESS": the primary it was pointed at, and where */
        at = strchr(node, ' ');
        if (at != NULL) {
            *at++ = '\0';
        }
        /* replicating from that address: nothing to ask pacemaker-attrd
         * (a primary that died or moved stops the I/O thread) */
        if ((at != NULL) && r->io_running && r->sql_running
            && (strcmp(at, r->master_host) == 0)) {
            return NULL;
        }
        if (maria_primary_address(ctx, node, host, sizeof(host))
            && (strcmp(host, r->master_host) == 0)) {
            record_follows(ctx, node, host);
            return NULL;
        }
    }
    /* no notification lists in a monitor: the members' attributes */
    none = calloc(1, sizeof(*none));
    baton_assert_alloc(none);
    p = maria_find_primary(ctx, none);
    free(none);
    if (p == NULL) {
        return NULL;
    }
    maria_primary_address(ctx, p, host, sizeof(host));
    if (r->configured && (strcmp(host, r->master_host) == 0)) {
        record_follows(ctx, p, host);
        free(p);
        return NULL;
    }
    return p;
}

/*
 * Point a replica that follows a stale primary at \p primary, as the
 * post-promote notification would have (errant check, MASTER_USE_GTID).
 * An errant replica is refused as there; a re-pointing that fails leaves
 * it not healthy (FAILED) with the reason. \p r is read again.
 */
static int
repoint(struct maria_ctx *ctx, maria_conn_t *c, struct maria_replica *r,
        const char *primary, enum baton_res_state *state)
{
    char was[300];
    char why[BATON_REASON_MAX];
    int rc;

    snprintf(was, sizeof(was), "%s%s", r->configured ? "follows " : "",
             r->configured ? r->master_host : "follows no primary");
    baton_warn("Replica %s %s, but %s is the primary: following %s",
               ctx->node, was, primary, primary);
    rc = join_primary(ctx, c, primary);
    if (rc == BATON_RC_NODE_CONFIG) {
        baton_err("%s", ctx->why->text);
        maria_record(ctx, MARIA_REC_REFUSED, ctx->why->text);
        maria_score_set(ctx, NULL, MARIA_SCORE_NO_PROMOTE);
        *state = BATON_RES_FAILED;
        return BATON_RC_OK;
    }
    if (rc != BATON_RC_OK) {
        snprintf(why, sizeof(why), "%s", ctx->why->text);
        baton_reason_set(ctx->why, "Replica %s %s, not the primary %s, and "
                         "cannot follow %s: %s", ctx->node, was, primary,
                         primary, why);
        maria_hold(ctx, MARIA_SCORE_NO_PROMOTE, ctx->why->text);
        maria_reader_set(ctx, false);
        *state = BATON_RES_FAILED;
        return BATON_RC_OK;
    }
    return maria_replica_read(ctx, c, r);
}

/* A replica's health: scores, reader attribute, the state to report */
static int
replica_state(struct maria_ctx *ctx, maria_conn_t *c,
              enum baton_res_state *state)
{
    struct maria_replica r;
    char text[400];
    char refused[BATON_REASON_MAX];
    char *primary = NULL;
    enum maria_health h;
    int rc = maria_replica_read(ctx, c, &r);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (maria_record_read(ctx, MARIA_REC_REFUSED, refused,
                          sizeof(refused))) {
        baton_reason_set(ctx->why, "%s", refused);
        *state = BATON_RES_FAILED;
        return BATON_RC_OK;
    }
    h = maria_replica_health(&r, ctx->conf.max_slave_lag, text,
                             sizeof(text));
    if (h != MARIA_HEALTHY) {
        maria_hold(ctx, MARIA_SCORE_NO_PROMOTE, text);
        maria_reader_set(ctx, false);
        baton_reason_set(ctx->why, "Replica %s cannot be promoted: %s",
                         ctx->node, text);
        if ((h == MARIA_LAGGING) && ctx->conf.evict) {
            return BATON_RC_NODE_CONFIG;
        }
        *state = (h == MARIA_BROKEN) ? BATON_RES_FAILED : BATON_RES_DEGRADED;
        return BATON_RC_OK;
    }
    primary = stale_primary(ctx, &r);
    if (primary != NULL) {
        rc = repoint(ctx, c, &r, primary, state);
        free(primary);
        if ((rc != BATON_RC_OK) || (*state == BATON_RES_FAILED)) {
            return rc;
        }
    }
    /* only replication that runs cleanly again lifts a held score: a
     * broken replica restarted without its primary shows no error */
    if (r.configured && r.io_running && r.sql_running) {
        maria_release(ctx);
    }
    maria_score_set(ctx, NULL, maria_replica_score(ctx));
    maria_reader_set(ctx, r.configured && (r.behind_s >= 0));
    *state = BATON_RES_RUNNING;
    return BATON_RC_OK;
}

/* Connected: primary or replica, and for the monitor their health */
static int
role_state(struct maria_ctx *ctx, maria_conn_t *c, bool full,
           enum baton_res_state *state)
{
    bool ro = true;
    int rc = maria_is_read_only(ctx, c, &ro);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (!full) {
        *state = ro ? BATON_RES_RUNNING : BATON_RES_PROMOTED;
        return BATON_RC_OK;
    }
    if (ro) {
        rc = replica_state(ctx, c, state);
    } else {
        maria_score_set(ctx, NULL, MARIA_SCORE_PRIMARY);
        maria_reader_set(ctx, true);
        *state = BATON_RES_PROMOTED;
    }
    if ((rc == BATON_RC_OK) && (*state != BATON_RES_FAILED)
        && (baton_ocf_check_level(ctx->ocf) >= MARIA_LEVEL_TEST)
        && (ctx->conf.test_table != NULL) && (test_query(ctx) != BATON_RC_OK)) {
        *state = (*state == BATON_RES_PROMOTED) ? BATON_RES_FAILED_PROMOTED
                                                : BATON_RES_FAILED;
    }
    return rc;
}

static bool
was_primary(const struct maria_ctx *ctx)
{
    char role[16];

    return maria_record_read(ctx, MARIA_REC_ROLE, role, sizeof(role))
           && (strcmp(role, "primary") == 0);
}

/* Nothing answers: a server that does not answer, or none */
static int
silent_state(struct maria_ctx *ctx, int rc, maria_conn_t *c,
             enum baton_res_state *state)
{
    bool stale = false;
    pid_t pid = maria_server_pid(ctx, &stale);

    if (pid != 0) {
        baton_reason_set(ctx->why, "The server (pid %d) does not answer on "
                         "%s: %s", (int) pid, ctx->conf.socket,
                         (rc == BATON_RC_AUTH) ? maria_conn_error(c)
                                               : baton_rc_str(rc));
        *state = BATON_RES_FAILED;
    } else if (stale) {
        baton_reason_set(ctx->why, "The server crashed: %s names no running "
                         "server", ctx->conf.pid);
        *state = was_primary(ctx) ? BATON_RES_FAILED_PROMOTED
                                  : BATON_RES_FAILED;
    } else {
        *state = BATON_RES_STOPPED;
    }
    return BATON_RC_OK;
}

/*!
 * The state of the local server. \p full: the monitor's health checks,
 * scores and reader attribute; otherwise only the role.
 */
static int
maria_state(struct maria_ctx *ctx, bool full, enum baton_res_state *state)
{
    for (;;) {
        maria_conn_t *c = NULL;
        bool stale = false;
        int rc = maria_connect(ctx, MARIA_LOGIN_ADMIN, &c);

        if (rc == BATON_RC_OK) {
            rc = role_state(ctx, c, full, state);
            maria_disconnect(c);
            return rc;
        }
        /* starting or stopping: wait while the action has time */
        if (((rc == ECONNREFUSED) || (rc == EAGAIN))
            && (maria_server_pid(ctx, &stale) != 0)
            && (maria_ms_left(ctx) >= MARIA_WAIT_STEP_MS)) {
            maria_disconnect(c);
            baton_sleep_ms(MARIA_WAIT_STEP_MS);
            continue;
        }
        rc = silent_state(ctx, rc, c, state);
        maria_disconnect(c);
        return rc;
    }
}

/* ---- actions ---------------------------------------------------------------- */

static int
prepare(struct maria_ctx *ctx, baton_ocf_t *ocf, baton_reason_t *why)
{
    int rc = maria_ctx_init(ctx, ocf, why, false);

    if (rc == BATON_RC_OK) {
        rc = maria_check_meta(ctx);
    }
    if (rc == BATON_RC_OK) {
        rc = maria_check_node(ctx);
    }
    return rc;
}

static int
mariadb_monitor(baton_ocf_t *ocf, enum baton_res_state *state,
                baton_reason_t *why)
{
    struct maria_ctx ctx;
    int rc = prepare(&ctx, ocf, why);

    if (rc == BATON_RC_OK) {
        rc = maria_state(&ctx, true, state);
    }
    maria_ctx_clear(&ctx);
    return rc;
}

/* The server's options before it starts: the binary log is on, the
 * server id (from the configuration, else the corosync node id) */
static int
check_options(struct maria_ctx *ctx, unsigned long *server_id)
{
    char **words = NULL;
    const char *v = NULL;
    baton_membership_t *m = NULL;
    int rc = maria_server_options(ctx, &words);

    *server_id = 0;
    if ((rc == BATON_RC_OK) && (maria_option_value(words, "log_bin") == NULL)) {
        baton_reason_set(ctx->why, "log_bin is not set in %s: GTID failover "
                         "needs the binary log; add log_bin (e.g. "
                         "log_bin=mysql-bin) under [mysqld]",
                         ctx->conf.config);
        rc = BATON_RC_NODE_CONFIG;
    }
    v = (rc == BATON_RC_OK) ? maria_option_value(words, "server_id") : NULL;
    if (v != NULL) {
        *server_id = strtoul(v, NULL, 10);
    } else if (rc == BATON_RC_OK) {
        m = maria_members(ctx);
        *server_id = (m != NULL) ? baton_membership_local_id(m) : 0;
        baton_membership_free(m);
        if (*server_id == 0) {
            baton_reason_set(ctx->why, "server_id is not set in %s and no "
                             "corosync node id to use instead: give every "
                             "node its own server_id", ctx->conf.config);
            rc = BATON_RC_NODE_CONFIG;
        }
    }
    baton_argv_free(words);
    if ((rc == BATON_RC_OK) && (*server_id == 0)) {
        baton_reason_set(ctx->why, "server_id is 0 in %s: a replica needs "
                         "its own non-zero server_id", ctx->conf.config);
        rc = BATON_RC_NODE_CONFIG;
    }
    return rc;
}

/* Watch a new replication connection briefly for an error */
static int
check_following(struct maria_ctx *ctx, maria_conn_t *c)
{
    uint64_t until = baton_clock_now_ms() + MARIA_FOLLOW_CHECK_MS;
    struct maria_replica r;
    char text[400];

    for (;;) {
        int rc = maria_replica_read(ctx, c, &r);

        if (rc != BATON_RC_OK) {
            return rc;
        }
        if (maria_replica_health(&r, 0, text, sizeof(text)) == MARIA_BROKEN) {
            baton_reason_set(ctx->why, "Replication from %s failed: %s",
                             r.master_host, text);
            return BATON_RC_FAILED;
        }
        if ((r.io_running && r.sql_running)
            || (baton_clock_now_ms() >= until)) {
            return BATON_RC_OK;
        }
        baton_sleep_ms(MARIA_WAIT_STEP_MS);
    }
}

/* Follow the primary on node \p primary after the errant check */
static int
join_primary(struct maria_ctx *ctx, maria_conn_t *c, const char *primary)
{
    char host[256];
    int rc;

    maria_primary_address(ctx, primary, host, sizeof(host));
    rc = maria_check_errant(ctx, c, host);
    if (rc == ENOENT) {
        baton_warn("The primary %s (%s) does not answer: not replicating "
                   "yet", primary, host);
        return BATON_RC_OK;
    }
    if (rc == BATON_RC_OK) {
        rc = maria_follow(ctx, c, host);
    }
    if (rc == BATON_RC_OK) {
        record_follows(ctx, primary, host);
        rc = check_following(ctx, c);
    }
    return rc;
}

/* The server runs: make it a replica of the current primary */
static int
become_replica(struct maria_ctx *ctx)
{
    struct baton_notify *n = calloc(1, sizeof(*n));
    maria_conn_t *c = NULL;
    char *primary = NULL;
    int rc = maria_connect(ctx, MARIA_LOGIN_ADMIN, &c);

    baton_assert_alloc(n);
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot connect to the started server: "
                         "%s", maria_conn_error(c));
    }
    if (rc == BATON_RC_OK) {
        rc = maria_set_read_only(ctx, c, true);
    }
    if (rc == BATON_RC_OK) {
        rc = maria_check_settings(ctx, c);
    }
    if (rc == BATON_RC_OK) {
        baton_notify_parse(environ, n);
        primary = maria_find_primary(ctx, n);
        if (primary != NULL) {
            rc = join_primary(ctx, c, primary);
        } else {
            baton_info("No primary yet: waiting as a replica");
        }
    }
    free(primary);
    free(n);
    maria_disconnect(c);
    return rc;
}

static int
start_server(struct maria_ctx *ctx)
{
    unsigned long server_id = 0;
    int rc = check_options(ctx, &server_id);

    if (rc == BATON_RC_OK) {
        rc = maria_check_server_id(ctx, server_id);
    }
    if (rc == BATON_RC_OK) {
        rc = maria_server_start(ctx, server_id);
    }
    return rc;
}

static int
mariadb_start(baton_ocf_t *ocf, enum baton_res_state *state,
              baton_reason_t *why)
{
    struct maria_ctx ctx;
    enum baton_res_state st = BATON_RES_UNKNOWN;
    bool stale = false;
    int rc = prepare(&ctx, ocf, why);

    *state = BATON_RES_UNKNOWN;
    if (rc == BATON_RC_OK) {
        rc = maria_state(&ctx, false, &st);
    }
    if ((rc == BATON_RC_OK) && (st != BATON_RES_RUNNING)
        && (st != BATON_RES_PROMOTED)) {
        /* a server that runs but does not answer is not started again */
        if (maria_server_pid(&ctx, &stale) != 0) {
            rc = BATON_RC_FAILED;
        } else {
            baton_reason_clear(why);
            rc = start_server(&ctx);
        }
    }
    maria_record(&ctx, MARIA_REC_REFUSED, NULL);
    maria_record(&ctx, MARIA_REC_ROLE, NULL);
    if (rc == BATON_RC_OK) {
        rc = become_replica(&ctx);
        /* errant transactions: the server does not stay up */
        if (rc == BATON_RC_NODE_CONFIG) {
            maria_server_stop(&ctx);
        }
    }
    if (rc == BATON_RC_OK) {
        maria_score_set(&ctx, NULL, maria_replica_score(&ctx));
        baton_notice("%s started as a read-only replica", ctx.instance);
    }
    maria_ctx_clear(&ctx);
    return rc;
}

static int
mariadb_stop(baton_ocf_t *ocf, enum baton_res_state *state,
             baton_reason_t *why)
{
    struct maria_ctx ctx;
    int rc = maria_ctx_init(&ctx, ocf, why, true);

    /* A failed stop gets the node fenced: stop what can be stopped */
    if (rc != BATON_RC_OK) {
        baton_warn("Stopping despite an invalid configuration: %s",
                   why->text);
        baton_reason_clear(why);
    }
    *state = BATON_RES_UNKNOWN;
    maria_score_del(&ctx);
    maria_reader_set(&ctx, false);
    if (was_primary(&ctx)) {
        maria_publish_primary(&ctx, false);
    }
    maria_record(&ctx, MARIA_REC_ROLE, NULL);
    maria_record(&ctx, MARIA_REC_FOLLOWS, NULL);
    rc = maria_server_stop(&ctx);
    if (rc == BATON_RC_OK) {
        baton_notice("%s stopped", ctx.instance);
    }
    maria_ctx_clear(&ctx);
    return rc;
}

static int
do_promote(struct maria_ctx *ctx, maria_conn_t *c)
{
    struct maria_replica r;
    char text[400];
    int rc = maria_replica_read(ctx, c, &r);

    if ((rc == BATON_RC_OK) && (maria_replica_health(&r, 0, text,
                                                     sizeof(text))
                                == MARIA_BROKEN)) {
        baton_reason_set(ctx->why, "Replica %s cannot be promoted: %s",
                         ctx->node, text);
        maria_hold(ctx, MARIA_SCORE_NO_PROMOTE, text);
        return BATON_RC_FAILED;
    }
    if ((rc == BATON_RC_OK) && (maria_held(ctx, text, sizeof(text))
                                == MARIA_SCORE_NO_PROMOTE)) {
        baton_reason_set(ctx->why, "Replica %s cannot be promoted: %s, and "
                         "its replication has not run cleanly since",
                         ctx->node, text);
        maria_score_set(ctx, NULL, MARIA_SCORE_NO_PROMOTE);
        return BATON_RC_FAILED;
    }
    if (rc == BATON_RC_OK) {
        rc = maria_election_check(ctx, c);
    }
    if (rc == BATON_RC_OK) {
        rc = maria_drain_relay(ctx, c);
    }
    if ((rc == BATON_RC_OK) && ctx->conf.semi_sync) {
        rc = maria_exec(c, "SET GLOBAL "
                        "rpl_semi_sync_master_wait_no_slave = ON");
    }
    if (rc == BATON_RC_OK) {
        rc = maria_set_read_only(ctx, c, false);
    }
    if (rc == BATON_RC_OK) {
        maria_record(ctx, MARIA_REC_ROLE, "primary");
        maria_record(ctx, MARIA_REC_FOLLOWS, NULL);
        maria_release(ctx);
        maria_publish_primary(ctx, true);
        maria_score_set(ctx, NULL, MARIA_SCORE_PRIMARY);
        maria_reader_set(ctx, true);
        baton_notice("%s promoted: writable", ctx->instance);
    }
    return rc;
}

static int
mariadb_promote(baton_ocf_t *ocf, enum baton_res_state *state,
                baton_reason_t *why)
{
    struct maria_ctx ctx;
    maria_conn_t *c = NULL;
    bool ro = true;
    int rc = prepare(&ctx, ocf, why);

    *state = BATON_RES_UNKNOWN;
    if (rc == BATON_RC_OK) {
        rc = maria_connect(&ctx, MARIA_LOGIN_ADMIN, &c);
        if (rc != BATON_RC_OK) {
            baton_reason_set(why, "Cannot promote %s: the server does not "
                             "answer (%s)", ctx.instance,
                             maria_conn_error(c));
        }
    }
    if (rc == BATON_RC_OK) {
        rc = maria_is_read_only(&ctx, c, &ro);
    }
    if ((rc == BATON_RC_OK) && ro) {
        rc = do_promote(&ctx, c);
    }
    maria_disconnect(c);
    maria_ctx_clear(&ctx);
    return rc;
}

static int
demote_primary(struct maria_ctx *ctx, maria_conn_t *c)
{
    int rc = maria_set_read_only(ctx, c, true);

    /* a client still connected could go on writing */
    if (rc == BATON_RC_OK) {
        rc = maria_kill_clients(ctx, c);
    }
    if ((rc == BATON_RC_OK) && ctx->conf.semi_sync) {
        maria_exec(c, "SET GLOBAL rpl_semi_sync_master_wait_no_slave = OFF");
    }
    if (rc == BATON_RC_OK) {
        maria_publish_primary(ctx, false);
        maria_record(ctx, MARIA_REC_ROLE, NULL);
        maria_score_set(ctx, NULL, MARIA_SCORE_REPLICA);
        baton_notice("%s demoted: read-only, waiting for the next primary",
                     ctx->instance);
    }
    return rc;
}

static int
mariadb_demote(baton_ocf_t *ocf, enum baton_res_state *state,
               baton_reason_t *why)
{
    struct maria_ctx ctx;
    maria_conn_t *c = NULL;
    bool ro = true;
    int rc = prepare(&ctx, ocf, why);

    *state = BATON_RES_UNKNOWN;
    if ((rc == BATON_RC_OK)
        && (maria_connect(&ctx, MARIA_LOGIN_ADMIN, &c) != BATON_RC_OK)) {
        /* a crashed primary has nothing to demote: stop and start follow */
        baton_info("Nothing answers: nothing to demote");
        maria_record(&ctx, MARIA_REC_ROLE, NULL);
        maria_publish_primary(&ctx, false);
        maria_disconnect(c);
        maria_ctx_clear(&ctx);
        return BATON_RC_OK;
    }
    if (rc == BATON_RC_OK) {
        rc = maria_is_read_only(&ctx, c, &ro);
    }
    if ((rc == BATON_RC_OK) && !ro) {
        rc = demote_primary(&ctx, c);
    }
    maria_disconnect(c);
    maria_ctx_clear(&ctx);
    return rc;
}

/* post-promote on the others: follow the new primary */
static int
follow_new_primary(struct maria_ctx *ctx, const char *primary)
{
    maria_conn_t *c = NULL;
    char host[256];
    bool ro = false;
    int rc;

    /* Pacemaker notifies post-promote after a failed promote too */
    if (!maria_primary_address(ctx, primary, host, sizeof(host))) {
        baton_info("%s did not become primary: nothing to follow", primary);
        return BATON_RC_OK;
    }
    rc = maria_connect(ctx, MARIA_LOGIN_ADMIN, &c);
    if (rc == BATON_RC_OK) {
        rc = maria_is_read_only(ctx, c, &ro);
    }
    if ((rc != BATON_RC_OK) || !ro) {
        baton_info("Not following %s: this server is %s", primary,
                   (rc != BATON_RC_OK) ? "not answering" : "writable");
        baton_reason_clear(ctx->why);
        maria_disconnect(c);
        return BATON_RC_OK;
    }
    rc = join_primary(ctx, c, primary);
    if (rc == BATON_RC_NODE_CONFIG) {
        /* the monitor reports it, so that start refuses it in turn */
        baton_err("%s", ctx->why->text);
        maria_record(ctx, MARIA_REC_REFUSED, ctx->why->text);
        maria_score_set(ctx, NULL, MARIA_SCORE_NO_PROMOTE);
    } else if ((rc == BATON_RC_OK)
               && (maria_held(ctx, NULL, 0) != MARIA_SCORE_NO_PROMOTE)) {
        /* the election is over: a lost one no longer holds the score */
        maria_release(ctx);
        maria_score_set(ctx, NULL, MARIA_SCORE_REPLICA);
    }
    maria_disconnect(c);
    return rc;
}

static int
mariadb_notify(baton_ocf_t *ocf, enum baton_res_state *state,
               baton_reason_t *why)
{
    struct maria_ctx ctx;
    struct baton_notify *n = calloc(1, sizeof(*n));
    const char *target = NULL;
    int rc = prepare(&ctx, ocf, why);

    baton_assert_alloc(n);
    *state = BATON_RES_UNKNOWN;
    if ((rc == BATON_RC_OK) && (baton_notify_parse(environ, n)
                                != BATON_RC_OK)) {
        baton_reason_set(why, "notify without notify_type and "
                         "notify_operation");
        rc = BATON_RC_USAGE;
    }
    target = baton_notify_first(n, BATON_NOTIFY_PROMOTE);
    if ((rc == BATON_RC_OK) && (strcmp(n->op, "promote") == 0)) {
        if (n->pre) {
            rc = maria_notify_pre_promote(&ctx, n);
        } else {
            maria_election_clean(&ctx);
            if ((target != NULL) && (strcmp(target, ctx.node) != 0)) {
                rc = follow_new_primary(&ctx, target);
            }
        }
    }
    free(n);
    maria_ctx_clear(&ctx);
    return rc;
}

static int
mariadb_methods(baton_ocf_t *ocf, enum baton_res_state *state,
                baton_reason_t *why)
{
    (void) ocf;
    (void) why;
    for (const struct baton_ocf_op *op = mariadb_ops; op->action != NULL;
         op++) {
        printf("%s\n", op->action);
    }
    printf("%s\n", BATON_OCF_ACTION_METADATA);
    *state = BATON_RES_UNKNOWN;
    return BATON_RC_OK;
}

static int
mariadb_validate(baton_ocf_t *ocf, enum baton_res_state *state,
                 baton_reason_t *why)
{
    struct maria_ctx ctx;
    unsigned long server_id = 0;
    int rc = prepare(&ctx, ocf, why);

    *state = BATON_RES_UNKNOWN;
    if (rc == BATON_RC_OK) {
        rc = check_options(&ctx, &server_id);
    }
    maria_ctx_clear(&ctx);
    return rc;
}

const struct baton_ocf_op mariadb_ops[] = {
    { BATON_OCF_ACTION_START, mariadb_start },
    { BATON_OCF_ACTION_STOP, mariadb_stop },
    { BATON_OCF_ACTION_MONITOR, mariadb_monitor },
    { BATON_OCF_ACTION_PROMOTE, mariadb_promote },
    { BATON_OCF_ACTION_DEMOTE, mariadb_demote },
    { BATON_OCF_ACTION_NOTIFY, mariadb_notify },
    { MARIA_ACTION_METHODS, mariadb_methods },
    { BATON_OCF_ACTION_VALIDATE, mariadb_validate },
    { NULL, NULL },
};
