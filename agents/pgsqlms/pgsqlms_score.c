/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:pgsqlms: promotion scores and the election. The primary ranks
 * the standbys it streams to; at failover each standby publishes its
 * timeline and received WAL in a private attribute, and the node chosen to
 * promote checks it is the best of the nodes still members, every wait for
 * a peer bounded.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "baton/rsc_attrs.h"
#include "pgsqlms.h"

#define PG_ATTR_LSN        "lsn_location"
#define PG_ATTR_NODES      "nodes"
#define PG_ATTR_RECOVER    "recover_primary"
#define PG_ATTR_CANCEL     "cancel_switchover"
#define PG_ATTR_SHUTDOWN   "shutdown_checkpoint"
/*! How long the promoting node waits for its peers' locations in the
 *  pre-promote notification, where they publish them */
#define PG_ELECTION_WAIT_MS 10000U
/*! ... and in promote, which Pacemaker starts only once every pre-promote
 *  notification has ended: what is missing then will not come (the margin
 *  is for pacemaker-attrd to pass values between nodes) */
#define PG_PROMOTE_WAIT_MS  500U
/*! After handing over in the notification: time for pacemaker-attrd to
 *  write the scores to the CIB and for the DC to abort the transition on
 *  that change, before this notification's end lets the promote start.
 *  The DC aborted within 12 ms of the first score change in
 *  tests/cluster (4 hand-overs, each by the DC's node, 2 shared cores);
 *  the whole notification holds the failover, so the margin is that,
 *  many times over, not a second. Losing the race costs time, not safety:
 *  the promote's own election (pg_election_check) then fails it for the
 *  better node. */
#define PG_HANDOVER_SETTLE_MS 250U
/*! How often the election asks pacemaker-attrd for a peer's location
 *  until it comes (one IPC query each): the peers publish within tens of
 *  milliseconds of each other, and the promotion waits for the answer */
#define PG_PEER_POLL_MS    25U
#define PG_MAX_STANDBYS    64

/* The resource's attributes within this action: the deadline less the
 * agent's margin, the tests' membership */
static struct baton_rsc_attrs
pg_attrs(const struct pg_ctx *ctx)
{
    struct baton_rsc_attrs ra = {
        .rsc = ctx->rsc, .origin = "baton-pgsqlms",
        .deadline_ms = baton_clock_now_ms() + pg_ms_left(ctx),
        .members_env = PG_ENV_MEMBERS,
    };

    return ra;
}

static int
score_set(struct pg_ctx *ctx, struct baton_rsc_attrs *ra, const char *node,
          int score)
{
    char value[16];
    int rc;

    snprintf(value, sizeof(value), "%d", score);
    rc = baton_rsc_score_set(ra, node, value);
    if (rc != BATON_RC_OK) {
        baton_warn("Cannot set the promotion score of %s to %d: %s",
                   baton_s(node, ctx->node), score, baton_rc_str(rc));
    }
    return rc;
}

int
pg_score_set(struct pg_ctx *ctx, const char *node, int score)
{
    struct baton_rsc_attrs ra = pg_attrs(ctx);

    return score_set(ctx, &ra, node, score);
}

int
pg_score_set_initial(struct pg_ctx *ctx)
{
    struct baton_rsc_attrs ra = pg_attrs(ctx);
    char *v = NULL;
    int rc;

    baton_rsc_attrs_begin(&ra);
    rc = baton_rsc_score_get(&ra, NULL, &v);
    if ((rc != BATON_RC_OK) || ((v != NULL) && (v[0] != '\0'))) {
        /* a score is set (a primary recovered in place keeps its 1001),
         * or it cannot be told: leave it */
        free(v);
        baton_rsc_attrs_end(&ra);
        return rc;
    }
    baton_info("%s was a primary and has no promotion score: %d",
               ctx->instance, PG_SCORE_INITIAL);
    rc = score_set(ctx, &ra, NULL, PG_SCORE_INITIAL);
    baton_rsc_attrs_end(&ra);
    return rc;
}

int
pg_attr_set(struct pg_ctx *ctx, const char *name, const char *value)
{
    struct baton_rsc_attrs ra = pg_attrs(ctx);

    return baton_rsc_attr_set(&ra, name, value);
}

int
pg_attr_del(struct pg_ctx *ctx, const char *name)
{
    struct baton_rsc_attrs ra = pg_attrs(ctx);

    return baton_rsc_attr_del(&ra, name);
}

int
pg_attr_get(struct pg_ctx *ctx, const char *name, const char *node,
            char **value)
{
    struct baton_rsc_attrs ra = pg_attrs(ctx);

    return baton_rsc_attr_get(&ra, name, node, value);
}

baton_membership_t *
pg_members(struct pg_ctx *ctx)
{
    struct baton_rsc_attrs ra = pg_attrs(ctx);

    return baton_rsc_members(&ra);
}

/* ---- ranking ------------------------------------------------------------ */

static int
standby_cmp(const void *a_, const void *b_)
{
    const struct pg_standby *a = a_;
    const struct pg_standby *b = b_;

    if (a->write_lsn != b->write_lsn) {
        return (a->write_lsn > b->write_lsn) ? -1 : 1;
    }
    return strcmp(a->name, b->name);
}

void
pg_rank_standbys(struct pg_standby *s, size_t n, uint64_t maxlag)
{
    int rank = 0;

    qsort(s, n, sizeof(*s), standby_cmp);
    for (size_t i = 0; i < n; i++) {
        if ((strcmp(s[i].state, "startup") == 0)
            || (strcmp(s[i].state, "backup") == 0)) {
            s[i].score = -1;
            continue;
        }
        s[i].score = PG_SCORE_BEST - PG_SCORE_STEP * rank++;
        if ((maxlag > 0) && (s[i].lag > maxlag)) {
            s[i].score = -s[i].score;
        }
    }
}

/* "TL#LSN": timeline, then position; unparsable counts lowest */
static bool
location_parse(const char *text, uint32_t *tl, uint64_t *lsn)
{
    char *end = NULL;
    unsigned long t;
    unsigned long long l;

    if (text == NULL) {
        return false;
    }
    errno = 0;
    t = strtoul(text, &end, 10);
    if ((errno != 0) || (*end != '#') || (end == text)) {
        return false;
    }
    if ((end[1] < '0') || (end[1] > '9')) {
        return false;
    }
    l = strtoull(end + 1, &end, 10);
    if ((errno != 0) || (*end != '\0') || (t > UINT32_MAX)) {
        return false;
    }
    *tl = (uint32_t) t;
    *lsn = l;
    return true;
}

int
pg_location_cmp(const char *a, const char *b)
{
    uint32_t ta = 0;
    uint32_t tb = 0;
    uint64_t la = 0;
    uint64_t lb = 0;
    bool va = location_parse(a, &ta, &la);
    bool vb = location_parse(b, &tb, &lb);

    if (!va || !vb) {
        return (va ? 1 : 0) - (vb ? 1 : 0);
    }
    if (ta != tb) {
        return (ta > tb) ? 1 : -1;
    }
    return (la > lb) ? 1 : ((la < lb) ? -1 : 0);
}

/* ---- the primary's monitor ------------------------------------------------ */

/* One row per standby that has written WAL, each with the setting; one row
 * with the setting alone (the standby's columns NULL, read as "") when
 * none has: the monitor asks the server once */
#define PG_SQL_REPLICATION \
    "SELECT r.application_name, r.state, " \
    "pg_wal_lsn_diff(r.write_lsn, '0/0')::bigint, " \
    "pg_wal_lsn_diff(pg_current_wal_lsn(), r.write_lsn)::bigint, " \
    "r.sync_state IN ('sync', 'quorum'), s.names " \
    "FROM (SELECT current_setting('synchronous_standby_names') AS names) s " \
    "LEFT JOIN pg_stat_replication r ON r.write_lsn IS NOT NULL"

static size_t
read_standbys(char **rows, size_t nrows, struct pg_standby *s, bool *any_sync,
              bool *sync_configured)
{
    size_t n = 0;

    *any_sync = false;
    *sync_configured = false;
    for (size_t r = 0; (r < nrows) && (n < PG_MAX_STANDBYS); r++) {
        char **f = rows + r * 6;

        *sync_configured = (f[5][0] != '\0');
        if (f[1][0] == '\0') {
            continue;    /* no standby: the setting alone */
        }
        snprintf(s[n].name, sizeof(s[n].name), "%s", f[0]);
        snprintf(s[n].state, sizeof(s[n].state), "%s", f[1]);
        s[n].write_lsn = strtoull(f[2], NULL, 10);
        s[n].lag = strtoull(f[3], NULL, 10);
        s[n].sync = (strcmp(f[4], "t") == 0);
        *any_sync |= s[n].sync;
        n++;
    }
    return n;
}

/* The scores pacemaker-attrd holds, read in the monitor's session: a score
 * it already holds is not sent again (attrd would pass it to every peer
 * only to find it unchanged) */
struct pg_known_scores {
    struct baton_attrd_value *v;
    size_t n;
    bool valid;
};

static void
score_update(struct pg_ctx *ctx, struct baton_rsc_attrs *ra,
             const struct pg_known_scores *known, const char *node, int score)
{
    char value[16];
    bool found = false;
    const char *held = NULL;

    if (known->valid) {
        snprintf(value, sizeof(value), "%d", score);
        held = baton_attrd_values_get(known->v, known->n,
                                      baton_s(node, ctx->node), &found);
        if (found && (held != NULL) && (strcmp(held, value) == 0)) {
            return;
        }
    }
    score_set(ctx, ra, node, score);
}

/* Members that do not stream from us cannot be promoted */
static void
score_absent_members(struct pg_ctx *ctx, struct baton_rsc_attrs *ra,
                     const struct pg_known_scores *known,
                     const baton_membership_t *m, const struct pg_standby *s,
                     size_t n)
{
    for (size_t i = 0; i < baton_membership_n(m); i++) {
        const char *name = baton_membership_at(m, i)->name;
        bool streams = false;

        for (size_t j = 0; j < n; j++) {
            streams |= (strcmp(s[j].name, name) == 0);
        }
        if (!streams && (name[0] != '\0') && (strcmp(name, ctx->node) != 0)) {
            baton_info("%s is not connected to the primary: it cannot be "
                       "promoted", name);
            score_update(ctx, ra, known, name, PG_SCORE_NO_PROMOTE);
        }
    }
}

int
pg_score_standbys(struct pg_ctx *ctx, pg_conn_t *c, bool *degraded)
{
    struct pg_standby s[PG_MAX_STANDBYS];
    struct baton_rsc_attrs ra = pg_attrs(ctx);
    struct pg_known_scores known = { 0 };
    baton_membership_t *m = NULL;
    char **rows = NULL;
    size_t nr = 0;
    size_t nc = 0;
    size_t n;
    bool any_sync = false;
    bool sync_configured = false;
    int rc = pg_query(ctx, c, PG_SQL_REPLICATION, &rows, &nr, &nc);

    *degraded = false;
    if ((rc != BATON_RC_OK) || ((nr > 0) && (nc != 6))) {
        baton_reason_set(ctx->why, "Cannot read pg_stat_replication: %s",
                         pg_conn_error(c));
        pg_rows_free(rows, nr * nc);
        return (rc != BATON_RC_OK) ? rc : BATON_RC_PROTOCOL;
    }
    n = read_standbys(rows, nr, s, &any_sync, &sync_configured);
    pg_rows_free(rows, nr * nc);
    pg_rank_standbys(s, n, ctx->conf.maxlag);
    m = baton_rsc_members(&ra);
    /* one connection to pacemaker-attrd: what it holds, what changed */
    baton_rsc_attrs_begin(&ra);
    known.valid = (baton_rsc_scores_get(&ra, &known.v, &known.n)
                   == BATON_RC_OK);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(s[i].name, ctx->node) == 0) {
            continue;
        }
        if ((m != NULL) && !baton_membership_has_name(m, s[i].name)) {
            baton_debug("Ignoring %s: not a cluster member", s[i].name);
            continue;
        }
        score_update(ctx, &ra, &known, s[i].name, s[i].score);
    }
    score_absent_members(ctx, &ra, &known, m, s, n);
    baton_membership_free(m);
    score_update(ctx, &ra, &known, NULL, PG_SCORE_PRIMARY);
    baton_rsc_attrs_end(&ra);
    baton_attrd_values_free(known.v, known.n);
    if (!any_sync && sync_configured) {
        baton_reason_set(ctx->why, "synchronous_standby_names is set but "
                         "no synchronous standby is connected: commits "
                         "wait");
        *degraded = true;
    }
    return BATON_RC_OK;
}

/* ---- the election ---------------------------------------------------------- */

/* Fallback when the local replication connection is refused: the WAL this
 * standby holds (received, or replayed when more: the received position
 * restarts at the start of a segment whenever the WAL receiver restarts),
 * and the timeline of its last restartpoint, which can lag behind */
#define PG_SQL_LOCATION \
    "SELECT timeline_id, pg_wal_lsn_diff(GREATEST(" \
    "pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), '0/0')::bigint " \
    "FROM pg_control_checkpoint()"

int
pg_local_position(struct pg_ctx *ctx, uint32_t *tli, uint64_t *lsn)
{
    char conninfo[512];
    pg_conn_t *c = NULL;
    char **rows = NULL;
    size_t nr = 0;
    size_t nc = 0;
    int rc;

    snprintf(conninfo, sizeof(conninfo), "host='%s' port=%u user='%s'",
             ctx->conf.pghost, ctx->conf.pgport, ctx->conf.system_user);
    rc = pg_connect_replication(ctx, conninfo, &c);
    if (rc == BATON_RC_OK) {
        rc = pg_query(ctx, c, "IDENTIFY_SYSTEM", &rows, &nr, &nc);
    }
    if ((rc == BATON_RC_OK) && ((nr != 1) || (nc < 3)
                                || !pg_lsn_parse(rows[2], lsn))) {
        rc = BATON_RC_PROTOCOL;
    }
    if (rc == BATON_RC_OK) {
        *tli = (uint32_t) strtoul(rows[1], NULL, 10);
    } else {
        baton_info("No local replication connection (%s)",
                   pg_conn_error(c));
    }
    pg_rows_free(rows, nr * nc);
    pg_disconnect(c);
    return rc;
}

/* "TL#LSN" from IDENTIFY_SYSTEM over a replication connection to this
 * standby: the timeline it replays and the WAL it flushed, as it would
 * stream them to a cascaded standby. The control file's timeline only
 * moves at a restartpoint, which waits for the new primary's first
 * checkpoint: right after a promotion it still names the old timeline. */
static int
identify_location(struct pg_ctx *ctx, char *buf, size_t size)
{
    uint32_t tli = 0;
    uint64_t lsn = 0;
    int rc = pg_local_position(ctx, &tli, &lsn);

    if (rc == BATON_RC_OK) {
        snprintf(buf, size, "%" PRIu32 "#%" PRIu64, tli, lsn);
    }
    return rc;
}

/* This standby's "TL#LSN" */
static int
local_location(struct pg_ctx *ctx, char *buf, size_t size)
{
    pg_conn_t *c = NULL;
    char **rows = NULL;
    size_t nr = 0;
    size_t nc = 0;
    int rc = identify_location(ctx, buf, size);

    if (rc == BATON_RC_OK) {
        return rc;
    }
    rc = pg_connect(ctx, &c);
    if (rc == BATON_RC_OK) {
        /* a restartpoint brings the control file's timeline up to date,
         * when the new primary's checkpoint has been replayed */
        pg_query(ctx, c, "CHECKPOINT", &rows, &nr, &nc);
        rc = pg_query(ctx, c, PG_SQL_LOCATION, &rows, &nr, &nc);
    }
    if ((rc == BATON_RC_OK) && ((nr != 1) || (nc != 2))) {
        rc = BATON_RC_PROTOCOL;
    }
    if (rc == BATON_RC_OK) {
        snprintf(buf, size, "%s#%s", rows[0], rows[1]);
    }
    pg_rows_free(rows, nr * nc);
    pg_disconnect(c);
    return rc;
}

static void
clean_election(struct pg_ctx *ctx)
{
    pg_attr_del(ctx, PG_ATTR_LSN);
    pg_attr_del(ctx, PG_ATTR_RECOVER);
    pg_attr_del(ctx, PG_ATTR_NODES);
    pg_attr_del(ctx, PG_ATTR_CANCEL);
}

/* The candidates: active + starting - stopping */
static void
candidates(const struct baton_notify *n, char *buf, size_t size)
{
    size_t used = 0;
    enum baton_notify_list from[] = { BATON_NOTIFY_ACTIVE, BATON_NOTIFY_START };

    buf[0] = '\0';
    for (size_t l = 0; l < 2; l++) {
        for (size_t i = 0; i < n->n[from[l]]; i++) {
            const char *node = n->nodes[from[l]][i];
            int w;

            if (baton_notify_has(n, BATON_NOTIFY_STOP, node)
                || ((l == 1) && baton_notify_has(n, BATON_NOTIFY_ACTIVE, node))) {
                continue;
            }
            w = snprintf(buf + used, size - used, "%s%s",
                         (used > 0) ? " " : "", node);
            if ((w < 0) || ((size_t) w >= size - used)) {
                return;
            }
            used += (size_t) w;
        }
    }
}

/* Switchover: did this node receive the old primary's shutdown checkpoint
 * (its location is the record's start: the WAL received must pass it)? */
static void
check_switchover(struct pg_ctx *ctx, const struct baton_notify *n,
                 const char *mine)
{
    const char *old = n->nodes[BATON_NOTIFY_DEMOTE][0];
    uint64_t until = baton_clock_now_ms() + PG_ELECTION_WAIT_MS;
    char *theirs = NULL;
    char loc[64];

    snprintf(loc, sizeof(loc), "%s", mine);
    for (;;) {
        baton_free(theirs);
        if ((pg_attr_get(ctx, PG_ATTR_SHUTDOWN, old, &theirs) == BATON_RC_OK)
            && (theirs != NULL) && (pg_location_cmp(loc, theirs) > 0)) {
            baton_info("Received %s's shutdown checkpoint (%s > %s)", old,
                       loc, theirs);
            free(theirs);
            return;
        }
        if ((baton_clock_now_ms() >= until) || (pg_ms_left(ctx) == 0)) {
            break;
        }
        baton_sleep_ms(200);
        if (local_location(ctx, loc, sizeof(loc)) != BATON_RC_OK) {
            break;
        }
    }
    baton_warn("Switchover from %s cancelled: this node has %s, %s shut "
               "down at %s", old, loc, old, baton_s(theirs, "(unknown)"));
    pg_attr_set(ctx, PG_ATTR_CANCEL, "1");
    free(theirs);
}

static bool
is_switchover(const struct baton_notify *n, const char *node)
{
    return (n->n[BATON_NOTIFY_PROMOTED] == 1) && (n->n[BATON_NOTIFY_DEMOTE] == 1)
           && (n->n[BATON_NOTIFY_PROMOTE] == 1)
           && (strcmp(n->nodes[BATON_NOTIFY_PROMOTED][0],
                      n->nodes[BATON_NOTIFY_DEMOTE][0]) == 0)
           && !baton_notify_has(n, BATON_NOTIFY_STOP,
                             n->nodes[BATON_NOTIFY_DEMOTE][0])
           && baton_notify_has(n, BATON_NOTIFY_PROMOTE, node);
}

static char *best_peer(struct pg_ctx *ctx, const char *nodes,
                       const char *mine, const baton_membership_t *m,
                       unsigned wait_ms);

/* The node chosen to promote, once every candidate published: when
 * another has more recent data, change the scores now. The score change
 * aborts the transition before its promote starts, and Pacemaker plans the
 * promotion of the better node; a failed promote (the election in
 * promote) is left for when that comes too late. */
static void
hand_over_early(struct pg_ctx *ctx, const char *nodes, const char *mine)
{
    baton_membership_t *m = pg_members(ctx);
    char *best = best_peer(ctx, nodes, mine, m, PG_ELECTION_WAIT_MS);

    baton_membership_free(m);
    if (best == NULL) {
        return;
    }
    baton_notice("%s has more recent data than this node (%s): handing "
                 "the promotion over", best, mine);
    pg_score_set(ctx, NULL, PG_SCORE_INITIAL);
    pg_score_set(ctx, best, PG_SCORE_BEST);
    free(best);
    baton_sleep_ms(PG_HANDOVER_SETTLE_MS);
}

int
pg_notify_pre_promote(struct pg_ctx *ctx, const struct baton_notify *n)
{
    const char *target = (n->n[BATON_NOTIFY_PROMOTE] > 0)
                         ? n->nodes[BATON_NOTIFY_PROMOTE][0] : "";
    bool me = (strcmp(target, ctx->node) == 0);
    char loc[64];
    char nodes[1024];

    if (baton_notify_has(n, BATON_NOTIFY_PROMOTED, target)) {
        baton_notice("Recovering the primary on %s: no election", target);
        if (me) {
            pg_attr_set(ctx, PG_ATTR_RECOVER, "1");
        }
        return BATON_RC_OK;
    }
    clean_election(ctx);
    if (local_location(ctx, loc, sizeof(loc)) != BATON_RC_OK) {
        baton_warn("Cannot read this standby's location: it is not a "
                   "candidate");
        return BATON_RC_OK;
    }
    if (me && is_switchover(n, ctx->node)) {
        check_switchover(ctx, n, loc);
    }
    baton_info("This node's timeline#LSN: %s", loc);
    pg_attr_set(ctx, PG_ATTR_LSN, loc);
    if (me) {
        candidates(n, nodes, sizeof(nodes));
        pg_attr_set(ctx, PG_ATTR_NODES, nodes);
        hand_over_early(ctx, nodes, loc);
    }
    return BATON_RC_OK;
}

int
pg_notify_post_promote(struct pg_ctx *ctx)
{
    clean_election(ctx);
    pg_attr_del(ctx, PG_ATTR_SHUTDOWN);
    return BATON_RC_OK;
}

/* A peer's location, waited for within \p until; NULL: no answer */
static char *
peer_location(struct pg_ctx *ctx, const char *node, uint64_t until)
{
    char *v = NULL;

    for (;;) {
        if ((pg_attr_get(ctx, PG_ATTR_LSN, node, &v) == BATON_RC_OK)
            && (v != NULL)) {
            return v;
        }
        if ((baton_clock_now_ms() >= until) || (pg_ms_left(ctx) == 0)) {
            baton_warn("%s published no location in time: it is not a "
                       "candidate", node);
            return NULL;
        }
        baton_sleep_ms(PG_PEER_POLL_MS);
    }
}

/* The best candidate, or NULL when it is this node; peers that publish
 * nothing within \p wait_ms are not candidates */
static char *
best_peer(struct pg_ctx *ctx, const char *nodes, const char *mine,
          const baton_membership_t *m, unsigned wait_ms)
{
    uint64_t until = baton_clock_now_ms() + wait_ms;
    char best_loc[64];
    char *best = NULL;
    char *list = strdup(nodes);
    char *save = NULL;

    baton_assert_alloc(list);
    snprintf(best_loc, sizeof(best_loc), "%s", mine);
    for (char *node = strtok_r(list, " ", &save); node != NULL;
         node = strtok_r(NULL, " ", &save)) {
        char *loc = NULL;

        if (strcmp(node, ctx->node) == 0) {
            continue;
        }
        if ((m != NULL) && !baton_membership_has_name(m, node)) {
            baton_info("%s left the cluster: its location is ignored", node);
            continue;
        }
        loc = peer_location(ctx, node, until);
        if ((loc != NULL) && (pg_location_cmp(loc, best_loc) > 0)) {
            snprintf(best_loc, sizeof(best_loc), "%s", loc);
            free(best);
            best = strdup(node);
            baton_assert_alloc(best);
        }
        free(loc);
    }
    free(list);
    return best;
}

int
pg_election_check(struct pg_ctx *ctx)
{
    char *v = NULL;
    char *nodes = NULL;
    char *best = NULL;
    baton_membership_t *m = NULL;

    if ((pg_attr_get(ctx, PG_ATTR_CANCEL, NULL, &v) == BATON_RC_OK)
        && (v != NULL)) {
        free(v);
        pg_attr_del(ctx, PG_ATTR_CANCEL);
        baton_reason_set(ctx->why, "Switchover cancelled: this node did not "
                         "receive the old primary's shutdown checkpoint");
        return BATON_RC_FAILED;
    }
    if ((pg_attr_get(ctx, PG_ATTR_RECOVER, NULL, &v) == BATON_RC_OK)
        && (v != NULL) && (strcmp(v, "1") == 0)) {
        free(v);
        baton_info("Recovering the primary: no election");
        return BATON_RC_OK;
    }
    baton_free(v);
    if ((pg_attr_get(ctx, PG_ATTR_LSN, NULL, &v) != BATON_RC_OK)
        || (v == NULL)) {
        baton_reason_set(ctx->why, "This node published no location in the "
                         "pre-promote notification: cannot tell it is the "
                         "best standby");
        return BATON_RC_FAILED;
    }
    if ((pg_attr_get(ctx, PG_ATTR_NODES, NULL, &nodes) == BATON_RC_OK)
        && (nodes != NULL)) {
        m = pg_members(ctx);
        best = best_peer(ctx, nodes, v, m, PG_PROMOTE_WAIT_MS);
    }
    baton_membership_free(m);
    free(nodes);
    free(v);
    if (best == NULL) {
        return BATON_RC_OK;
    }
    baton_reason_set(ctx->why, "%s has more recent data: promoting it "
                     "instead", best);
    pg_score_set(ctx, NULL, PG_SCORE_INITIAL);
    pg_score_set(ctx, best, PG_SCORE_BEST);
    free(best);
    return BATON_RC_FAILED;
}

/* The upstream, and for how long (ms) its WAL receiver heard nothing */
#define PG_SQL_UPSTREAM \
    "SELECT sender_host, sender_port, current_setting('primary_conninfo'), " \
    "COALESCE(1000 * EXTRACT(epoch FROM clock_timestamp() " \
    "- last_msg_receipt_time), 0)::bigint " \
    "FROM pg_stat_wal_receiver WHERE status = 'streaming' " \
    "AND sender_host IS NOT NULL"
/*! An upstream heard from more recently than this is alive, whatever the
 *  membership says: a node's loss takes corosync longer (token, then
 *  consensus) */
#define PG_UPSTREAM_SILENT_MS 2000L
/*! How long the promoting node gives its upstream to answer: a primary
 *  that runs answers at once; an address that moved away (the VIP after a
 *  demote) would hold the promotion */
#define PG_UPSTREAM_MS     1000U

/* Whether the server at \p conninfo answers, and as a primary */
static bool
answers_as_primary(struct pg_ctx *ctx, const char *conninfo)
{
    pg_conn_t *c = NULL;
    char **rows = NULL;
    size_t nr = 0;
    size_t nc = 0;
    bool primary = false;

    if ((pg_connect_peer(ctx, conninfo, PG_UPSTREAM_MS, &c) == BATON_RC_OK)
        && (pg_query(ctx, c, "SELECT pg_is_in_recovery()", &rows, &nr, &nc)
            == BATON_RC_OK) && (nr == 1) && (nc == 1)) {
        primary = (strcmp(rows[0], "f") == 0);
    }
    pg_rows_free(rows, nr * nc);
    pg_disconnect(c);
    return primary;
}

bool
pg_upstream_is_primary(struct pg_ctx *ctx, const char *left, char *host,
                       size_t size)
{
    pg_conn_t *c = NULL;
    char **rows = NULL;
    size_t nr = 0;
    size_t nc = 0;
    char *conninfo = NULL;
    bool primary = false;
    long silent_ms = 0;

    if ((pg_connect(ctx, &c) == BATON_RC_OK)
        && (pg_query(ctx, c, PG_SQL_UPSTREAM, &rows, &nr, &nc)
            == BATON_RC_OK) && (nr == 1) && (nc == 4)) {
        snprintf(host, size, "%s:%s", rows[0], rows[1]);
        silent_ms = strtol(rows[3], NULL, 10);
    }
    if ((nr == 1) && (nc == 4) && (left != NULL)
        && (silent_ms >= PG_UPSTREAM_SILENT_MS)) {
        baton_info("Not asking %s whether it is a primary: nothing came "
                   "from it for %ld ms, and %s, the last primary, left the "
                   "cluster", host, silent_ms, left);
    } else if ((nr == 1) && (nc == 4)) {
        /* the later host and port of a connection string win */
        if (asprintf(&conninfo, "%s host='%s' port=%s", rows[2], rows[0],
                     rows[1]) < 0) {
            conninfo = NULL;
        }
        baton_assert_alloc(conninfo);
        primary = answers_as_primary(ctx, conninfo);
    }
    free(conninfo);
    pg_rows_free(rows, nr * nc);
    pg_disconnect(c);
    return primary;
}

const char *
pg_primary_left(const struct baton_notify *n, const baton_membership_t *m,
                const char *self, const char *last)
{
    const char *gone = NULL;

    if ((m == NULL) || !baton_membership_quorate(m)) {
        return NULL;
    }
    /* the lists of the transition that also fences the primary's node */
    for (size_t i = 0; i < n->n[BATON_NOTIFY_PROMOTED]; i++) {
        const char *node = n->nodes[BATON_NOTIFY_PROMOTED][i];

        if (strcmp(node, self) == 0) {
            continue;
        }
        if (!baton_notify_has(n, BATON_NOTIFY_STOP, node)
            || baton_membership_has_name(m, node)) {
            return NULL;
        }
        gone = (gone == NULL) ? node : gone;
    }
    /* computed after the fencing, they name it no more: the primary this
     * node last saw promoted, gone from the membership and from the
     * instances Pacemaker runs */
    if ((gone == NULL) && (last != NULL) && (last[0] != '\0')
        && (strcmp(last, self) != 0) && !baton_membership_has_name(m, last)
        && !baton_notify_has(n, BATON_NOTIFY_ACTIVE, last)) {
        gone = last;
    }
    return gone;
}

const char *
pg_primary_at_start(const struct baton_notify *n, const char *self)
{
    const char *p = baton_notify_first(n, BATON_NOTIFY_PROMOTED);

    if ((n->n[BATON_NOTIFY_PROMOTED] != 1) || (strcmp(p, self) == 0)
        || baton_notify_has(n, BATON_NOTIFY_DEMOTE, p)
        || baton_notify_has(n, BATON_NOTIFY_STOP, p)) {
        return NULL;
    }
    return p;
}

int
pg_publish_shutdown(struct pg_ctx *ctx, const struct pg_controldata *cd)
{
    char loc[64];

    snprintf(loc, sizeof(loc), "%" PRIu32 "#%" PRIu64, cd->timeline,
             cd->checkpoint_lsn);
    baton_info("Shut down at %s", loc);
    return pg_attr_set(ctx, PG_ATTR_SHUTDOWN, loc);
}
