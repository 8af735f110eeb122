/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:pgsqlms: a former primary whose history forked from the
 * current primary's. At start it asks the primary (replication protocol:
 * IDENTIFY_SYSTEM, TIMELINE_HISTORY) where its own timeline ended, and
 * looks for local WAL past that point (pg_waldump, the server being
 * down). Diverged, it is refused, or rejoined with pg_rewind when the
 * operator allowed it and the server can be rewound.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/log.h"
#include "baton/rc.h"
#include "pgsqlms.h"

bool
pg_history_switchpoint(const char *history, uint32_t tli, uint64_t *end)
{
    /* lines: "<parent tli>\t<switch LSN>\t<reason>", comments with '#' */
    for (const char *p = history; (p != NULL) && (*p != '\0');) {
        const char *eol = strchr(p, '\n');
        char lsn[32];
        unsigned long t;
        char *after = NULL;

        p += strspn(p, " \t");
        if ((*p >= '0') && (*p <= '9')) {
            errno = 0;
            t = strtoul(p, &after, 10);
            if ((errno == 0) && (t == tli) && (*after == '\t')
                && (sscanf(after + 1, "%31[0-9A-Fa-f/]", lsn) == 1)
                && pg_lsn_parse(lsn, end)) {
                return true;
            }
        }
        p = (eol != NULL) ? eol + 1 : NULL;
    }
    return false;
}

bool
pg_wal_segment_tli(const char *name, uint32_t *tli)
{
    char hex[9];
    size_t len = strspn(name, "0123456789ABCDEF");

    /* TTTTTTTTLLLLLLLLSSSSSSSS, or the same with .partial */
    if ((len != 24) || ((name[24] != '\0')
                        && (strcmp(name + 24, ".partial") != 0))) {
        return false;
    }
    memcpy(hex, name, 8);
    hex[8] = '\0';
    *tli = (uint32_t) strtoul(hex, NULL, 16);
    return *tli > 0;
}

bool
pg_wal_segment_name(uint32_t tli, uint64_t lsn, uint32_t seg_size,
                    char *buf, size_t size)
{
    uint64_t segno;
    uint64_t per_id;
    int n;

    if ((tli == 0) || (seg_size < (1U << 20)) || (seg_size > (1U << 30))
        || ((seg_size & (seg_size - 1)) != 0)) {
        return false;
    }
    segno = lsn / seg_size;
    per_id = UINT64_C(0x100000000) / seg_size;
    n = snprintf(buf, size, "%08" PRIX32 "%08" PRIX64 "%08" PRIX64, tli,
                 segno / per_id, segno % per_id);
    return (n > 0) && ((size_t) n < size);
}

/* The timeline this node's WAL ended on: the newest one with a segment in
 * pg_wal. The control file's checkpoint timeline can be older (a standby
 * that followed promotions without a restartpoint since, a primary that
 * crashed before its first checkpoint), and a history file alone is a
 * timeline it may have learnt of without ever switching to it. */
static uint32_t
local_timeline(const struct pg_ctx *ctx, const struct pg_controldata *cd)
{
    char path[4096];
    uint32_t newest = cd->timeline;
    struct dirent *e = NULL;
    DIR *d = NULL;

    snprintf(path, sizeof(path), "%s/pg_wal", ctx->conf.datadir);
    d = opendir(path);
    if (d == NULL) {
        return newest;
    }
    while ((e = readdir(d)) != NULL) {
        uint32_t tli = 0;

        if (pg_wal_segment_tli(e->d_name, &tli) && (tli > newest)) {
            newest = tli;
        }
    }
    closedir(d);
    return newest;
}

/* What the current primary tells of its history */
struct pg_primary_view {
    uint32_t tli;                 /*!< the timeline it writes */
    char *history;                /*!< its history file (tli > 1), or NULL */
};

/* Ask the current primary (IDENTIFY_SYSTEM, TIMELINE_HISTORY) for its
 * timeline and history. \return BATON_RC_OK; ENOENT when no primary
 * answers (nothing to compare with) */
static int
primary_view(struct pg_ctx *ctx, const char *conninfo,
             struct pg_primary_view *v)
{
    pg_conn_t *c = NULL;
    char **rows = NULL;
    size_t nr = 0;
    size_t nc = 0;
    char sql[64];
    int rc = pg_connect_replication(ctx, conninfo, &c);

    memset(v, 0, sizeof(*v));
    if (rc == BATON_RC_OK) {
        rc = pg_query(ctx, c, "IDENTIFY_SYSTEM", &rows, &nr, &nc);
    }
    if ((rc != BATON_RC_OK) || (nr != 1) || (nc < 2)) {
        baton_info("No primary to compare histories with: %s",
                   pg_conn_error(c));
        pg_rows_free(rows, nr * nc);
        pg_disconnect(c);
        return ENOENT;
    }
    v->tli = (uint32_t) strtoul(rows[1], NULL, 10);
    pg_rows_free(rows, nr * nc);
    if (v->tli > 1) {
        snprintf(sql, sizeof(sql), "TIMELINE_HISTORY %" PRIu32, v->tli);
        rc = pg_query(ctx, c, sql, &rows, &nr, &nc);
        if ((rc == BATON_RC_OK) && (nr == 1) && (nc == 2)) {
            v->history = strdup(rows[1]);
            baton_assert_alloc(v->history);
        }
        pg_rows_free(rows, nr * nc);
    }
    pg_disconnect(c);
    return BATON_RC_OK;
}

/* This node's own history file of timeline \p tli, or NULL */
static char *
local_history(const struct pg_ctx *ctx, uint32_t tli)
{
    char path[4096];
    char *text = NULL;
    size_t len = 0;
    FILE *f = NULL;

    snprintf(path, sizeof(path), "%s/pg_wal/%08" PRIX32 ".history",
             ctx->conf.datadir, tli);
    f = fopen(path, "re");
    if (f == NULL) {
        return NULL;
    }
    if (getdelim(&text, &len, '\0', f) < 0) {
        baton_free(text);
    }
    fclose(f);
    return text;
}

/* Whether local WAL of timeline \p tli holds a record at or after \p end.
 * pg_waldump is named the segment that holds \p end: without one it
 * learns the segment size from the first segment readdir() gives, and a
 * segment PostgreSQL created ahead, still all zeros, made it fail, which
 * read as "no WAL past the fork" (a diverged node started as a standby
 * that could never stream, and was never rewound). */
static bool
wal_beyond(struct pg_ctx *ctx, uint32_t tli, uint64_t end,
           uint32_t seg_size)
{
    char path[4096];
    char tl[16];
    char start[32];
    char seg[32];
    const char *argv[] = { "pg_waldump", "--path", path, "--timeline", tl,
                           "--start", start, "--limit", "1", seg, NULL };
    char *out = NULL;
    int rc;

    if (!pg_wal_segment_name(tli, end, seg_size, seg, sizeof(seg))) {
        argv[9] = NULL;         /* before PostgreSQL 11: no size shown */
    }
    snprintf(path, sizeof(path), "%s/pg_wal", ctx->conf.datadir);
    snprintf(tl, sizeof(tl), "%" PRIu32, tli);
    snprintf(start, sizeof(start), "%" PRIX64 "/%" PRIX64, end >> 32,
             (uint64_t) (end & 0xffffffffU));
    rc = pg_run(ctx, argv, &out);
    /* no record there (or no segment): the WAL ended before the fork */
    baton_reason_clear(ctx->why);
    baton_debug("pg_waldump from %s: %s: %s", start, baton_rc_str(rc),
                baton_s(out, ""));
    free(out);
    return rc == BATON_RC_OK;
}

/* A primary promoted a moment ago may not have finished the checkpoint
 * that follows its promotion: its control file then still names the old
 * timeline, and pg_rewind, which reads the source's timeline there, would
 * leave the target on it (PostgreSQL's documentation says to run
 * CHECKPOINT on a newly promoted source first) */
static int
checkpoint_primary(struct pg_ctx *ctx, const char *conninfo)
{
    pg_conn_t *c = NULL;
    char **rows = NULL;
    size_t nr = 0;
    size_t nc = 0;
    int rc = pg_connect_peer(ctx, conninfo, 0, &c);

    if (rc == BATON_RC_OK) {
        rc = pg_query(ctx, c, "CHECKPOINT", &rows, &nr, &nc);
    }
    if (rc != BATON_RC_OK) {
        baton_warn("CHECKPOINT on the current primary failed: %s "
                   "(the user of primary_conninfo needs pg_checkpoint, or "
                   "to be a superuser)", pg_conn_error(c));
    }
    pg_rows_free(rows, nr * nc);
    pg_disconnect(c);
    return rc;
}

/* Whether the server was shut down cleanly, as pg_rewind needs its target:
 * otherwise pg_rewind runs the crash recovery itself in single-user mode,
 * which refuses a standby (standby.signal; a node fenced while it ran as
 * a standby); pg_single_user_recovery() does it without the signal */
static bool
shut_down(const struct pg_controldata *cd)
{
    return (cd->state == PG_STATE_SHUT_DOWN)
           || (cd->state == PG_STATE_SHUT_DOWN_RECOVERY);
}

static int
rewind_from_primary(struct pg_ctx *ctx, const char *conninfo,
       const struct pg_controldata *cd)
{
    char target[4200];
    char source[4200];
    const char *argv[] = { "pg_rewind", target, source, NULL };
    int rc;

    if (!cd->wal_log_hints && !cd->checksums) {
        baton_reason_set(ctx->why, "Diverged from the current primary, "
                         "cannot be rewound (no wal_log_hints, no data "
                         "checksums): rebuild it with pg_basebackup");
        return BATON_RC_NODE_CONFIG;
    }
    /* the data directory: pgdata is where the configuration lives, which
     * on Debian is another directory (/etc/postgresql/...) */
    snprintf(target, sizeof(target), "--target-pgdata=%s", ctx->conf.datadir);
    snprintf(source, sizeof(source), "--source-server=%s dbname=postgres",
             conninfo);
    /* pg_rewind finds where the histories forked from the timeline of the
     * control file's checkpoint: when the local WAL went on to a later
     * timeline without a checkpoint there (a standby since a restartpoint,
     * a primary that crashed soon after its promotion), it looks for the
     * fork on the wrong timeline and fails */
    rc = ((local_timeline(ctx, cd) > cd->timeline) || !shut_down(cd))
         ? pg_single_user_recovery(ctx) : BATON_RC_OK;
    if (rc == BATON_RC_OK) {
        rc = checkpoint_primary(ctx, conninfo);
    }
    if (rc == BATON_RC_OK) {
        baton_notice("%s diverged from the current primary: running "
                     "pg_rewind", ctx->conf.datadir);
        rc = pg_run(ctx, argv, NULL);
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Diverged from the current primary, "
                         "and the rewind failed (see the log): rebuild it "
                         "with pg_basebackup");
        return BATON_RC_NODE_CONFIG;
    }
    return BATON_RC_OK;
}

/*!
 * Whether this node's history, ending on timeline \p tli, forked from the
 * primary's \p v; \p what says how, for the reason. \p local_end: where
 * the local WAL ends when known (a running standby), else 0 (pg_waldump
 * looks in pg_wal).
 */
static bool
forked(struct pg_ctx *ctx, uint32_t tli, uint64_t local_end,
       uint32_t seg_size, const struct pg_primary_view *v, char *what,
       size_t size)
{
    uint64_t end = 0;
    char *mine = NULL;
    bool differ;

    if (v->tli < tli) {
        /* this node was promoted after the primary's last promotion */
        snprintf(what, size, "timeline %" PRIu32 " is newer than the "
                 "primary's %" PRIu32, tli, v->tli);
        return true;
    }
    if (v->tli == tli) {
        /* two nodes promoted to the same timeline number, each unaware
         * of the other's promotion: their history files differ */
        mine = local_history(ctx, tli);
        differ = (mine != NULL) && (v->history != NULL)
                 && (strcmp(mine, v->history) != 0);
        free(mine);
        snprintf(what, size, "another history of timeline %" PRIu32, tli);
        return differ;
    }
    if ((v->history == NULL) || !pg_history_switchpoint(v->history, tli,
                                                         &end)) {
        snprintf(what, size, "timeline %" PRIu32 " is not in the "
                 "primary's history", tli);
        return true;
    }
    snprintf(what, size, "WAL past the end of timeline %" PRIu32 " at %"
             PRIX64 "/%" PRIX64, tli, end >> 32,
             (uint64_t) (end & 0xffffffffU));
    return (local_end > 0) ? (local_end > end)
                           : wal_beyond(ctx, tli, end, seg_size);
}

int
pg_check_divergence(struct pg_ctx *ctx, const struct pg_controldata *cd)
{
    struct pg_primary_view v;
    char *conninfo = NULL;
    char what[256] = "";
    int rc = pg_setting(ctx, "primary_conninfo", &conninfo);

    if ((rc != BATON_RC_OK) || (conninfo == NULL) || (conninfo[0] == '\0')
        || (primary_view(ctx, conninfo, &v) != BATON_RC_OK)) {
        free(conninfo);
        baton_reason_clear(ctx->why);
        return BATON_RC_OK;
    }
    if (!forked(ctx, local_timeline(ctx, cd), 0, cd->wal_seg_size, &v, what,
                sizeof(what))) {
        free(v.history);
        free(conninfo);
        return BATON_RC_OK;
    }
    baton_warn("%s diverged from the current primary: %s",
               ctx->conf.datadir, what);
    if (ctx->conf.rewind) {
        rc = rewind_from_primary(ctx, conninfo, cd);
    } else {
        /* Pacemaker keeps 128 characters of a reason */
        baton_reason_set(ctx->why, "Diverged from the current primary (%s): "
                         "rebuild it, or pg_rewind=true", what);
        rc = BATON_RC_NODE_CONFIG;
    }
    free(v.history);
    free(conninfo);
    return rc;
}

int
pg_check_divergence_running(struct pg_ctx *ctx, bool *diverged, char *what,
                            size_t size)
{
    struct pg_primary_view v;
    pg_conn_t *c = NULL;
    char **rows = NULL;
    size_t nr = 0;
    size_t nc = 0;
    uint32_t tli = 0;
    uint64_t lsn = 0;
    int rc = pg_connect(ctx, &c);

    *diverged = false;
    if (rc == BATON_RC_OK) {
        rc = pg_query(ctx, c, "SELECT current_setting('primary_conninfo')",
                      &rows, &nr, &nc);
    }
    pg_disconnect(c);
    if ((rc != BATON_RC_OK) || (nr != 1) || (rows[0][0] == '\0')
        || (pg_local_position(ctx, &tli, &lsn) != BATON_RC_OK)
        || (primary_view(ctx, rows[0], &v) != BATON_RC_OK)) {
        pg_rows_free(rows, nr * nc);
        baton_reason_clear(ctx->why);
        return BATON_RC_OK;
    }
    pg_rows_free(rows, nr * nc);
    *diverged = forked(ctx, tli, lsn, 0, &v, what, size);
    free(v.history);
    return BATON_RC_OK;
}
