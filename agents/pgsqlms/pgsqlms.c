/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:pgsqlms actions: the state of the local instance (libpq first,
 * the control data only when the server does not answer), start as a
 * standby, stop, promote, demote, notify.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "baton/rundir.h"
#include "pgsqlms.h"

#define PG_BACKUP_LABEL      "backup_label"
#define PG_WAIT_STEP_MS      250U
#define PG_RECEIVER_GRACE_S  30UL

extern char **environ;

/* ---- the state of the local instance ------------------------------------ */

#define PG_SQL_ROLE "SELECT pg_is_in_recovery()"
#define PG_SQL_RECEIVER \
    "SELECT status FROM pg_stat_wal_receiver WHERE status = 'streaming'"

/* Where a standby records since when it has had no WAL receiver */
static void
receiver_file(const struct pg_ctx *ctx, char *buf, size_t size)
{
    snprintf(buf, size, BATON_RUN_DIR "/pgsqlms-%s.no-receiver", ctx->rsc);
}

/* Where this node keeps the name of the node it saw promoted last */
static void
primary_file(const struct pg_ctx *ctx, char *buf, size_t size)
{
    snprintf(buf, size, BATON_RUN_DIR "/pgsqlms-%s.primary", ctx->rsc);
}

/* post-promote: remember the new primary (written aside, then renamed over
 * the old name, in the run directory only root may write) */
static void
primary_remember(const struct pg_ctx *ctx, const char *node)
{
    char path[256];
    char tmp[270];
    int fd;

    primary_file(ctx, path, sizeof(path));
    snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
    if (baton_rundir_ensure(BATON_RUN_DIR, NULL) != BATON_RC_OK) {
        return;
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        return;
    }
    if ((dprintf(fd, "%s\n", node) < 0) || (close(fd) != 0)
        || (rename(tmp, path) != 0)) {
        unlink(tmp);
    }
}

/* An instance that stops may miss the next promotions */
static void
primary_forget(const struct pg_ctx *ctx)
{
    char path[256];

    primary_file(ctx, path, sizeof(path));
    unlink(path);
}

/* start: the primary the start's lists name (pg_primary_at_start), else
 * none until the next post-promote notification */
static void
primary_at_start(const struct pg_ctx *ctx)
{
    struct baton_notify *n = calloc(1, sizeof(*n));
    const char *p;

    baton_assert_alloc(n);
    (void) baton_notify_parse(environ, n);
    p = pg_primary_at_start(n, ctx->node);
    if (p != NULL) {
        primary_remember(ctx, p);
    } else {
        primary_forget(ctx);
    }
    free(n);
}

static void
primary_last(const struct pg_ctx *ctx, char *buf, size_t size)
{
    char path[256];
    int fd;
    ssize_t n = -1;

    primary_file(ctx, path, sizeof(path));
    buf[0] = '\0';
    fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        n = read(fd, buf, size - 1);
        close(fd);
    }
    buf[(n > 0) ? (size_t) n : 0] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
}

static unsigned long
receiver_grace_s(void)
{
    const char *v = getenv(PG_ENV_RECEIVER_GRACE);

    return (v != NULL) ? strtoul(v, NULL, 10) : PG_RECEIVER_GRACE_S;
}

/* A standby that started while no primary answered (a whole-cluster
 * start, a former primary back before the election ended, the restart
 * for a new parameter value) was not compared with the primary's history:
 * when it cannot stream, compare now. Diverged, it fails: Pacemaker
 * restarts it, and the start rewinds it (pg_rewind=true) or refuses it. */
static bool
diverged_while_running(struct pg_ctx *ctx)
{
    char what[256] = "";
    bool diverged = false;

    if ((pg_check_divergence_running(ctx, &diverged, what, sizeof(what))
         != BATON_RC_OK) || !diverged) {
        return false;
    }
    baton_warn("%s diverged from the current primary: %s",
               ctx->conf.datadir, what);
    baton_reason_set(ctx->why, "Diverged from the current primary (%s): %s",
                     what, ctx->conf.rewind ? "restarting it to rewind it"
                                            : "rebuild it, or pg_rewind=true");
    return true;
}

/* A standby without a WAL receiver: healthy within the grace period, then
 * failed when it diverged from the primary, else degraded (the primary's
 * ranking already keeps it from promotion) */
static enum baton_res_state
standby_not_streaming(struct pg_ctx *ctx)
{
    char path[256];
    char line[32] = "";
    uint64_t now = baton_clock_now_ms();
    uint64_t since = now;
    FILE *f = NULL;

    receiver_file(ctx, path, sizeof(path));
    f = fopen(path, "re");
    if ((f != NULL) && (fgets(line, sizeof(line), f) != NULL)) {
        since = strtoull(line, NULL, 10);
    }
    if (f != NULL) {
        fclose(f);
    } else if (baton_rundir_ensure(BATON_RUN_DIR, NULL) == BATON_RC_OK) {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW
                      | O_CLOEXEC, 0644);

        if (fd >= 0) {
            dprintf(fd, "%" PRIu64 "\n", now);
            close(fd);
        }
    }
    if ((now - since) / 1000 < receiver_grace_s()) {
        baton_info("Standby is not streaming from a primary (for %" PRIu64
                   " s)", (now - since) / 1000);
        return BATON_RES_RUNNING;
    }
    if (diverged_while_running(ctx)) {
        return BATON_RES_FAILED;
    }
    /* Pacemaker keeps 128 characters of a reason */
    baton_reason_set(ctx->why, "Standby has not streamed WAL for %" PRIu64
                     " s (primary unreachable, replication refused or "
                     "wrong timeline: see the server log)",
                     (now - since) / 1000);
    return BATON_RES_DEGRADED;
}

static int
standby_state(struct pg_ctx *ctx, pg_conn_t *c, enum baton_res_state *state)
{
    char **rows = NULL;
    size_t nr = 0;
    size_t nc = 0;
    char path[256];
    int rc = pg_query(ctx, c, PG_SQL_RECEIVER, &rows, &nr, &nc);

    pg_rows_free(rows, nr * nc);
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot read pg_stat_wal_receiver: %s",
                         pg_conn_error(c));
        return rc;
    }
    if (nr > 0) {
        receiver_file(ctx, path, sizeof(path));
        unlink(path);
        *state = BATON_RES_RUNNING;
    } else {
        *state = standby_not_streaming(ctx);
    }
    return BATON_RC_OK;
}

/* Connected: primary or standby, and for the monitor their health */
static int
role_state(struct pg_ctx *ctx, pg_conn_t *c, bool full,
           enum baton_res_state *state)
{
    char **rows = NULL;
    size_t nr = 0;
    size_t nc = 0;
    bool degraded = false;
    bool standby;
    int rc = pg_query(ctx, c, PG_SQL_ROLE, &rows, &nr, &nc);

    if ((rc != BATON_RC_OK) || (nr != 1) || (nc != 1)) {
        pg_rows_free(rows, nr * nc);
        baton_reason_set(ctx->why, "Cannot ask %s whether it is a primary: "
                         "%s", ctx->instance, pg_conn_error(c));
        return (rc != BATON_RC_OK) ? rc : BATON_RC_PROTOCOL;
    }
    standby = (strcmp(rows[0], "t") == 0);
    pg_rows_free(rows, nr * nc);
    if (standby) {
        return full ? standby_state(ctx, c, state)
                    : ((*state = BATON_RES_RUNNING), BATON_RC_OK);
    }
    *state = BATON_RES_PROMOTED;
    if (full) {
        rc = pg_score_standbys(ctx, c, &degraded);
        *state = degraded ? BATON_RES_DEGRADED_PROMOTED : BATON_RES_PROMOTED;
    }
    return rc;
}

static bool
has_backup_label(const struct pg_ctx *ctx)
{
    char path[4096];

    snprintf(path, sizeof(path), "%s/" PG_BACKUP_LABEL, ctx->conf.datadir);
    return access(path, F_OK) == 0;
}

/* Nothing answers and no postmaster runs: how did it end? */
static int
stopped_state(struct pg_ctx *ctx, enum baton_res_state *state)
{
    struct pg_controldata cd;
    int rc;

    if (has_backup_label(ctx)) {
        /* a standby built by pg_basebackup and never started */
        *state = BATON_RES_STOPPED;
        return BATON_RC_OK;
    }
    rc = pg_controldata_read(ctx, &cd);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    switch (cd.state) {
        case PG_STATE_SHUT_DOWN:
        case PG_STATE_SHUT_DOWN_RECOVERY:
            *state = BATON_RES_STOPPED;
            return BATON_RC_OK;
        case PG_STATE_PRODUCTION:
            baton_reason_set(ctx->why, "%s crashed as a primary: the "
                             "control data says in production and no "
                             "server runs", ctx->instance);
            *state = BATON_RES_FAILED_PROMOTED;
            return BATON_RC_OK;
        default:
            baton_reason_set(ctx->why, "%s crashed: the control data says "
                             "%s and no server runs", ctx->instance,
                             pg_state_str(cd.state));
            *state = BATON_RES_FAILED;
            return BATON_RC_OK;
    }
}

/*!
 * The state of the local instance. \p full: the monitor's health checks
 * and the primary's scoring; otherwise only the role.
 */
static int
pg_state(struct pg_ctx *ctx, bool full, enum baton_res_state *state)
{
    for (;;) {
        pg_conn_t *c = NULL;
        int rc = pg_connect(ctx, &c);

        if (rc == BATON_RC_OK) {
            rc = role_state(ctx, c, full, state);
            pg_disconnect(c);
            return rc;
        }
        if (!pg_postmaster_alive(ctx)) {
            pg_disconnect(c);
            return stopped_state(ctx, state);
        }
        /* a server is there but does not take connections (yet) */
        if ((rc != EAGAIN) && (rc != ECONNREFUSED)) {
            baton_reason_set(ctx->why, "Cannot connect to %s: %s",
                             ctx->instance, pg_conn_error(c));
            pg_disconnect(c);
            *state = BATON_RES_FAILED;
            return BATON_RC_OK;
        }
        pg_disconnect(c);
        if (pg_ms_left(ctx) < PG_WAIT_STEP_MS) {
            baton_reason_set(ctx->why, "%s runs but accepts no connection "
                             "(starting, stopping or in recovery)",
                             ctx->instance);
            *state = BATON_RES_FAILED;
            return BATON_RC_OK;
        }
        baton_sleep_ms(PG_WAIT_STEP_MS);
    }
}

/* Wait until the instance reaches \p want, within the action's time */
static int
wait_state(struct pg_ctx *ctx, enum baton_res_state want)
{
    enum baton_res_state st = BATON_RES_UNKNOWN;

    for (;;) {
        int rc = pg_state(ctx, false, &st);

        if ((rc == BATON_RC_OK) && (st == want)) {
            baton_reason_clear(ctx->why);
            return BATON_RC_OK;
        }
        if (pg_ms_left(ctx) < PG_WAIT_STEP_MS) {
            baton_reason_set(ctx->why, "%s did not become %s in time",
                             ctx->instance, (want == BATON_RES_PROMOTED)
                             ? "primary" : "a running standby");
            return BATON_RC_TIMEOUT;
        }
        baton_reason_clear(ctx->why);
        baton_sleep_ms(PG_WAIT_STEP_MS);
    }
}

/* ---- actions ---------------------------------------------------------------- */

/* Parse, check the meta attributes and this node: every action but stop */
static int
prepare(struct pg_ctx *ctx, baton_ocf_t *ocf, baton_reason_t *why)
{
    int rc = pg_ctx_init(ctx, ocf, why, false);

    if (rc == BATON_RC_OK) {
        rc = pg_check_meta(ctx);
    }
    if (rc == BATON_RC_OK) {
        rc = pg_check_node(ctx);
    }
    return rc;
}

static int
pgsqlms_monitor(baton_ocf_t *ocf, enum baton_res_state *state,
                baton_reason_t *why)
{
    struct pg_ctx ctx;
    int rc = prepare(&ctx, ocf, why);

    if (rc == BATON_RC_OK) {
        rc = pg_state(&ctx, true, state);
    }
    pg_ctx_clear(&ctx);
    return rc;
}

/*!
 * Start the stopped instance as a standby and wait until it runs.
 * \p rejoin: it joins a primary that may already run (start, promote
 * from stopped), so its history is checked against the primary's first:
 * a former primary, and a standby that went on replaying its own WAL
 * (a crashed primary recovered by demote), may have diverged. A demote
 * needs no check: the next primary is not promoted yet.
 * \p was_primary (may be NULL): the control data said the instance last
 * ran as a primary (shut down, or crashed, in production).
 */
static int
start_standby(struct pg_ctx *ctx, bool rejoin, bool *was_primary)
{
    struct pg_controldata cd;
    bool label = has_backup_label(ctx);
    int rc = label ? BATON_RC_OK : pg_controldata_read(ctx, &cd);
    bool primary = !label && (rc == BATON_RC_OK)
                   && ((cd.state == PG_STATE_SHUT_DOWN)
                       || (cd.state == PG_STATE_PRODUCTION));

    if (was_primary != NULL) {
        *was_primary = primary;
    }
    if ((rc == BATON_RC_OK) && !label) {
        rc = pg_check_settings(ctx, &cd);
        if ((rc == BATON_RC_OK) && rejoin) {
            rc = pg_check_divergence(ctx, &cd);
        }
    }
    if (rc == BATON_RC_OK) {
        rc = pg_standby_signal(ctx);
    }
    if (rc == BATON_RC_OK) {
        rc = pg_ctl_start(ctx);
    }
    if (rc == BATON_RC_OK) {
        rc = wait_state(ctx, BATON_RES_RUNNING);
    }
    return rc;
}

/* Crashed, nothing running: what a power loss leaves. The monitor reports
 * it (1, or 9 for a primary); the start that follows Pacemaker's stop
 * starts it as a standby, PostgreSQL's recovery doing the rest. */
static bool
crashed(const struct pg_ctx *ctx, enum baton_res_state st)
{
    return ((st == BATON_RES_FAILED) || (st == BATON_RES_FAILED_PROMOTED))
           && !pg_postmaster_alive(ctx);
}

static int
pgsqlms_start(baton_ocf_t *ocf, enum baton_res_state *state,
              baton_reason_t *why)
{
    struct pg_ctx ctx;
    enum baton_res_state st = BATON_RES_UNKNOWN;
    int rc = prepare(&ctx, ocf, why);

    if (rc == BATON_RC_OK) {
        primary_at_start(&ctx);
        rc = pg_state(&ctx, false, &st);
    }
    if ((rc == BATON_RC_OK) && (st == BATON_RES_RUNNING)) {
        baton_info("%s already runs as a standby", ctx.instance);
    } else if ((rc == BATON_RC_OK) && ((st == BATON_RES_STOPPED)
                                       || crashed(&ctx, st))) {
        bool was_primary = false;

        baton_reason_clear(why);
        rc = start_standby(&ctx, true, &was_primary);
        if (rc == BATON_RC_OK) {
            baton_notice("%s started as a standby", ctx.instance);
        }
        /* a running primary's monitor ranks it like any standby */
        if ((rc == BATON_RC_OK) && was_primary) {
            pg_score_set_initial(&ctx);
        }
    } else if (rc == BATON_RC_OK) {
        baton_reason_set(why, "Cannot start %s: it is not stopped (%s)",
                         ctx.instance, (st == BATON_RES_PROMOTED)
                         ? "it runs as a primary" : why->text);
        rc = BATON_RC_FAILED;
    }
    *state = BATON_RES_UNKNOWN;
    pg_ctx_clear(&ctx);
    return rc;
}

/* Stop fast; when that does not end in time, immediately */
static int
stop_server(struct pg_ctx *ctx)
{
    int rc = pg_ctl_stop(ctx, "fast");

    if ((rc != BATON_RC_OK) && pg_postmaster_alive(ctx)
        && (pg_ms_left(ctx) > 0)) {
        baton_warn("Fast shutdown failed (%s): stopping immediately",
                   ctx->why->text);
        baton_reason_clear(ctx->why);
        rc = pg_ctl_stop(ctx, "immediate");
    }
    if ((rc != BATON_RC_OK) && !pg_postmaster_alive(ctx)) {
        baton_reason_clear(ctx->why);
        rc = BATON_RC_OK;
    }
    return rc;
}

static int
pgsqlms_stop(baton_ocf_t *ocf, enum baton_res_state *state,
             baton_reason_t *why)
{
    struct pg_ctx ctx;
    int rc = pg_ctx_init(&ctx, ocf, why, true);

    /* A failed stop gets the node fenced: stop what can be stopped */
    if (rc != BATON_RC_OK) {
        baton_warn("Stopping despite an invalid configuration: %s",
                   why->text);
        baton_reason_clear(why);
    }
    *state = BATON_RES_UNKNOWN;
    if (ctx.rsc[0] != '\0') {
        primary_forget(&ctx);
    }
    if ((ctx.conf.datadir == NULL) || !pg_postmaster_alive(&ctx)) {
        /* nothing runs: a crashed instance is stopped too */
        pg_ctx_clear(&ctx);
        return BATON_RC_OK;
    }
    rc = stop_server(&ctx);
    if (rc == BATON_RC_OK) {
        baton_notice("%s stopped", ctx.instance);
    }
    pg_ctx_clear(&ctx);
    return rc;
}

/* The primary that left the cluster (pg_primary_left), copied into \p gone
 * (empty: none). The membership is read only when there is one to check. */
static void
primary_left(struct pg_ctx *ctx, char *gone, size_t size)
{
    struct baton_notify *n = calloc(1, sizeof(*n));
    baton_membership_t *m = NULL;
    const char *left = NULL;
    char last[BATON_NODE_NAME_MAX];

    baton_assert_alloc(n);
    /* outside notify there is no notify_type: the lists are read anyway */
    (void) baton_notify_parse(environ, n);
    primary_last(ctx, last, sizeof(last));
    gone[0] = '\0';
    if ((baton_notify_first(n, BATON_NOTIFY_STOP) != NULL)
        || ((last[0] != '\0') && (strcmp(last, ctx->node) != 0))) {
        m = pg_members(ctx);
        left = pg_primary_left(n, m, ctx->node, last);
    }
    if (left != NULL) {
        snprintf(gone, size, "%s", left);
    }
    baton_membership_free(m);
    free(n);
}

static int
do_promote(struct pg_ctx *ctx)
{
    const char *argv[] = { "pg_ctl", "--pgdata", ctx->conf.pgdata, "-w",
                           "promote", NULL };
    char upstream[300] = "";
    char gone[BATON_NODE_NAME_MAX] = "";
    int rc = pg_election_check(ctx);

    if (rc == BATON_RC_OK) {
        primary_left(ctx, gone, sizeof(gone));
    }
    if ((rc == BATON_RC_OK)
        && pg_upstream_is_primary(ctx, (gone[0] != '\0') ? gone : NULL,
                                  upstream, sizeof(upstream))) {
        baton_reason_set(ctx->why, "Not promoting: this standby streams "
                         "from a primary that runs (%.60s)", upstream);
        rc = BATON_RC_FAILED;
    }
    if (rc == BATON_RC_OK) {
        rc = pg_run(ctx, argv, NULL);
    }
    if (rc == BATON_RC_OK) {
        rc = wait_state(ctx, BATON_RES_PROMOTED);
    }
    if (rc == BATON_RC_OK) {
        pg_score_set(ctx, NULL, PG_SCORE_PRIMARY);
        baton_notice("%s promoted", ctx->instance);
    }
    return rc;
}

static int
pgsqlms_promote(baton_ocf_t *ocf, enum baton_res_state *state,
                baton_reason_t *why)
{
    struct pg_ctx ctx;
    enum baton_res_state st = BATON_RES_UNKNOWN;
    int rc = prepare(&ctx, ocf, why);

    if (rc == BATON_RC_OK) {
        rc = pg_state(&ctx, false, &st);
    }
    if ((rc == BATON_RC_OK) && (st == BATON_RES_STOPPED)) {
        rc = start_standby(&ctx, true, NULL);
        st = BATON_RES_RUNNING;
    }
    if ((rc == BATON_RC_OK) && (st == BATON_RES_RUNNING)) {
        rc = do_promote(&ctx);
    } else if ((rc == BATON_RC_OK) && (st != BATON_RES_PROMOTED)) {
        baton_reason_set(why, "Cannot promote %s: %s", ctx.instance,
                         why->text);
        rc = BATON_RC_FAILED;
    }
    *state = BATON_RES_UNKNOWN;
    pg_ctx_clear(&ctx);
    return rc;
}

/* The primary stops cleanly, publishes where it stopped, then starts again
 * as a standby of whichever node is promoted next */
static int
demote_primary(struct pg_ctx *ctx)
{
    struct pg_controldata cd;
    int rc = pg_ctl_stop(ctx, "fast");

    if (rc == BATON_RC_OK) {
        rc = pg_controldata_read(ctx, &cd);
    }
    if ((rc == BATON_RC_OK) && (cd.state != PG_STATE_SHUT_DOWN)) {
        baton_reason_set(ctx->why, "%s did not shut down cleanly (%s)",
                         ctx->instance, pg_state_str(cd.state));
        rc = BATON_RC_FAILED;
    }
    if (rc == BATON_RC_OK) {
        pg_publish_shutdown(ctx, &cd);
        rc = start_standby(ctx, false, NULL);
    }
    return rc;
}

static int
pgsqlms_demote(baton_ocf_t *ocf, enum baton_res_state *state,
               baton_reason_t *why)
{
    struct pg_ctx ctx;
    enum baton_res_state st = BATON_RES_UNKNOWN;
    int rc = prepare(&ctx, ocf, why);

    if (rc == BATON_RC_OK) {
        rc = pg_state(&ctx, false, &st);
    }
    if (rc == BATON_RC_OK) {
        switch (st) {
            case BATON_RES_RUNNING:
                break;
            case BATON_RES_PROMOTED:
                rc = demote_primary(&ctx);
                break;
            case BATON_RES_STOPPED:
            case BATON_RES_FAILED_PROMOTED:
                /* a crashed primary recovers as a standby, so that the
                 * stop that may follow does not fail into fencing; when
                 * the whole cluster crashed, this is the primary to
                 * promote again (its control data says so no more once
                 * it ran as a standby) */
                baton_reason_clear(why);
                rc = start_standby(&ctx, false, NULL);
                if ((rc == BATON_RC_OK) && (st == BATON_RES_FAILED_PROMOTED)) {
                    pg_score_set_initial(&ctx);
                }
                break;
            default:
                rc = BATON_RC_FAILED;
                break;
        }
    }
    *state = BATON_RES_UNKNOWN;
    pg_ctx_clear(&ctx);
    return rc;
}

static int
pgsqlms_notify(baton_ocf_t *ocf, enum baton_res_state *state,
               baton_reason_t *why)
{
    struct pg_ctx ctx;
    struct baton_notify *n = calloc(1, sizeof(*n));
    int rc = prepare(&ctx, ocf, why);

    baton_assert_alloc(n);
    if (rc == BATON_RC_OK) {
        rc = baton_notify_parse(environ, n);
        if (rc != BATON_RC_OK) {
            baton_reason_set(why, "notify without notify_type and "
                             "notify_operation");
        }
    }
    if ((rc == BATON_RC_OK) && (strcmp(n->op, "promote") == 0)) {
        rc = n->pre ? pg_notify_pre_promote(&ctx, n)
                    : pg_notify_post_promote(&ctx);
        if (!n->pre && (n->n[BATON_NOTIFY_PROMOTE] > 0)) {
            primary_remember(&ctx, n->nodes[BATON_NOTIFY_PROMOTE][0]);
        }
    }
    free(n);
    *state = BATON_RES_UNKNOWN;
    pg_ctx_clear(&ctx);
    return rc;
}

/* reload, as PAF has it: every action parses its parameters anew, so there
 * is nothing to do but check them. There is no reload-agent on purpose:
 * Pacemaker 2.1 records a successful reload as a start, so a promoted
 * instance counts as unpromoted until its next monitor, and a scheduler
 * run in between promotes another node (seen in tests/cluster: two
 * primaries). Without it, Pacemaker restarts the instances for a new
 * parameter value. */
static int
pgsqlms_reload(baton_ocf_t *ocf, enum baton_res_state *state,
               baton_reason_t *why)
{
    struct pg_ctx ctx;
    int rc = pg_ctx_init(&ctx, ocf, why, false);

    *state = BATON_RES_UNKNOWN;
    pg_ctx_clear(&ctx);
    return rc;
}

static int
pgsqlms_methods(baton_ocf_t *ocf, enum baton_res_state *state,
                baton_reason_t *why)
{
    (void) ocf;
    (void) why;
    for (const struct baton_ocf_op *op = pgsqlms_ops; op->action != NULL;
         op++) {
        printf("%s\n", op->action);
    }
    printf("%s\n", BATON_OCF_ACTION_METADATA);
    *state = BATON_RES_UNKNOWN;
    return BATON_RC_OK;
}

static int
pgsqlms_validate(baton_ocf_t *ocf, enum baton_res_state *state,
                 baton_reason_t *why)
{
    struct pg_ctx ctx;
    struct pg_controldata cd;
    int rc = prepare(&ctx, ocf, why);

    *state = BATON_RES_UNKNOWN;
    if ((rc == BATON_RC_OK) && !has_backup_label(&ctx)) {
        rc = pg_controldata_read(&ctx, &cd);
        if (rc == BATON_RC_OK) {
            rc = pg_check_settings(&ctx, &cd);
        }
    }
    pg_ctx_clear(&ctx);
    return rc;
}

const struct baton_ocf_op pgsqlms_ops[] = {
    { BATON_OCF_ACTION_START, pgsqlms_start },
    { BATON_OCF_ACTION_STOP, pgsqlms_stop },
    { BATON_OCF_ACTION_MONITOR, pgsqlms_monitor },
    { BATON_OCF_ACTION_PROMOTE, pgsqlms_promote },
    { BATON_OCF_ACTION_DEMOTE, pgsqlms_demote },
    { BATON_OCF_ACTION_NOTIFY, pgsqlms_notify },
    { PG_ACTION_RELOAD, pgsqlms_reload },
    { PG_ACTION_METHODS, pgsqlms_methods },
    { BATON_OCF_ACTION_VALIDATE, pgsqlms_validate },
    { NULL, NULL },
};
