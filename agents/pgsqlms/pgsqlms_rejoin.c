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

/* The current primary's timeline and, when newer than \p tli, where
 * \p tli ended in its history. \return BATON_RC_OK; ENOENT when no primary
 * answers (nothing to compare with) */
static int
primary_history(struct pg_ctx *ctx, const char *conninfo, uint32_t tli,
                uint32_t *primary_tli, bool *known, uint64_t *end)
{
    pg_conn_t *c = NULL;
    char **rows = NULL;
    size_t nr = 0;
    size_t nc = 0;
    char sql[64];
    int rc = pg_connect_replication(ctx, conninfo, &c);

    *known = false;
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
    *primary_tli = (uint32_t) strtoul(rows[1], NULL, 10);
    pg_rows_free(rows, nr * nc);
    if (*primary_tli > tli) {
        snprintf(sql, sizeof(sql), "TIMELINE_HISTORY %" PRIu32, *primary_tli);
        rc = pg_query(ctx, c, sql, &rows, &nr, &nc);
        if ((rc == BATON_RC_OK) && (nr == 1) && (nc == 2)) {
            *known = pg_history_switchpoint(rows[1], tli, end);
        }
        pg_rows_free(rows, nr * nc);
    }
    pg_disconnect(c);
    return BATON_RC_OK;
}

/* Whether local WAL of timeline \p tli holds a record at or after \p end */
static bool
wal_beyond(struct pg_ctx *ctx, uint32_t tli, uint64_t end)
{
    char path[4096];
    char tl[16];
    char start[32];
    const char *argv[] = { "pg_waldump", "--path", path, "--timeline", tl,
                           "--start", start, "--limit", "1", NULL };
    char *out = NULL;
    int rc;

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

static int
rewind_from_primary(struct pg_ctx *ctx, const char *conninfo,
       const struct pg_controldata *cd)
{
    char target[4200];
    char source[4200];
    const char *argv[] = { "pg_rewind", target, source, NULL };
    int rc;

    if (!cd->wal_log_hints && !cd->checksums) {
        baton_reason_set(ctx->why, "%s diverged from the current primary "
                         "and cannot be rewound (neither wal_log_hints nor "
                         "data checksums): rebuild it with pg_basebackup",
                         ctx->conf.datadir);
        return BATON_RC_NODE_CONFIG;
    }
    snprintf(target, sizeof(target), "--target-pgdata=%s", ctx->conf.pgdata);
    snprintf(source, sizeof(source), "--source-server=%s dbname=postgres",
             conninfo);
    baton_notice("%s diverged from the current primary: running pg_rewind",
                 ctx->conf.datadir);
    rc = pg_run(ctx, argv, NULL);
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "pg_rewind of %s failed: rebuild it "
                         "with pg_basebackup", ctx->conf.datadir);
        return BATON_RC_NODE_CONFIG;
    }
    return BATON_RC_OK;
}

int
pg_check_divergence(struct pg_ctx *ctx, const struct pg_controldata *cd)
{
    char *conninfo = NULL;
    uint32_t primary_tli = 0;
    uint64_t end = 0;
    bool known = false;
    bool diverged;
    int rc = pg_setting(ctx, "primary_conninfo", &conninfo);

    if ((rc != BATON_RC_OK) || (conninfo == NULL) || (conninfo[0] == '\0')
        || (primary_history(ctx, conninfo, cd->timeline, &primary_tli,
                            &known, &end) != BATON_RC_OK)
        || (primary_tli <= cd->timeline)) {
        free(conninfo);
        baton_reason_clear(ctx->why);
        return BATON_RC_OK;
    }
    diverged = !known || wal_beyond(ctx, cd->timeline, end);
    if (!diverged) {
        free(conninfo);
        return BATON_RC_OK;
    }
    if (ctx->conf.rewind) {
        rc = rewind_from_primary(ctx, conninfo, cd);
    } else {
        baton_reason_set(ctx->why, "%s diverged from the current primary "
                         "(its timeline %" PRIu32 " went on past the fork "
                         "at %" PRIX64 "/%" PRIX64 " of timeline %" PRIu32
                         "): rebuild it with pg_basebackup, rewind it with "
                         "pg_rewind, or set pg_rewind=true",
                         ctx->conf.datadir, cd->timeline, end >> 32,
                         (uint64_t) (end & 0xffffffffU), primary_tli);
        rc = BATON_RC_NODE_CONFIG;
    }
    free(conninfo);
    return rc;
}
