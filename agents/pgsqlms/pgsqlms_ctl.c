/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:pgsqlms: PostgreSQL's programs (pg_ctl, pg_controldata,
 * postgres -C), run as system_user from an argv list with the action's
 * remaining time, only where the server is down or must start or stop;
 * pg_controldata's output; the postmaster's pid file; standby.signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton/argv.h"
#include "baton/child.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "pgsqlms.h"

#define PG_CTL           "pg_ctl"
#define PG_CONTROLDATA   "pg_controldata"
#define PG_POSTGRES      "postgres"
#define PG_PIDFILE       "postmaster.pid"
#define PG_STANDBY_FILE  "standby.signal"
#define PG_MAX_ARGS      24

static const struct {
    const char *text;
    enum pg_cluster_state state;
} pg_states[] = {
    { "starting up", PG_STATE_STARTING },
    { "shut down", PG_STATE_SHUT_DOWN },
    { "shut down in recovery", PG_STATE_SHUT_DOWN_RECOVERY },
    { "shutting down", PG_STATE_SHUTTING_DOWN },
    { "in crash recovery", PG_STATE_CRASH_RECOVERY },
    { "in archive recovery", PG_STATE_ARCHIVE_RECOVERY },
    { "in production", PG_STATE_PRODUCTION },
};

const char *
pg_state_str(enum pg_cluster_state state)
{
    for (size_t i = 0; i < BATON_N_ELEMENTS(pg_states); i++) {
        if (pg_states[i].state == state) {
            return pg_states[i].text;
        }
    }
    return "unknown";
}

bool
pg_lsn_parse(const char *text, uint64_t *lsn)
{
    char *end = NULL;
    unsigned long long hi;
    unsigned long long lo;

    if ((text == NULL) || (strspn(text, "0123456789ABCDEFabcdef") == 0)) {
        return false;
    }
    errno = 0;
    hi = strtoull(text, &end, 16);
    if ((errno != 0) || (*end != '/') || (hi > UINT32_MAX)
        || (strspn(end + 1, "0123456789ABCDEFabcdef") == 0)) {
        return false;
    }
    lo = strtoull(end + 1, &end, 16);
    if ((errno != 0) || (lo > UINT32_MAX)
        || ((*end != '\0') && (*end != '\n') && (*end != ' '))) {
        return false;
    }
    *lsn = (hi << 32) | lo;
    return true;
}

/* The value of "Key:   value" on its own line, or NULL; \p len its length */
static const char *
field(const char *text, const char *key, size_t *len)
{
    size_t klen = strlen(key);

    for (const char *p = text; (p != NULL) && (*p != '\0');) {
        const char *eol = strchr(p, '\n');
        size_t llen = (eol != NULL) ? (size_t) (eol - p) : strlen(p);

        if ((llen > klen) && (strncmp(p, key, klen) == 0) && (p[klen] == ':')) {
            const char *v = p + klen + 1;

            v += strspn(v, " \t");
            *len = llen - (size_t) (v - p);
            while ((*len > 0) && ((v[*len - 1] == ' ') || (v[*len - 1] == '\r'))) {
                (*len)--;
            }
            return v;
        }
        p = (eol != NULL) ? eol + 1 : NULL;
    }
    return NULL;
}

static bool
field_copy(const char *text, const char *key, char *buf, size_t size)
{
    size_t len = 0;
    const char *v = field(text, key, &len);

    if ((v == NULL) || (len == 0) || (len >= size)) {
        return false;
    }
    memcpy(buf, v, len);
    buf[len] = '\0';
    return true;
}

static enum pg_cluster_state
state_of(const char *text)
{
    for (size_t i = 0; i < BATON_N_ELEMENTS(pg_states); i++) {
        if (strcmp(pg_states[i].text, text) == 0) {
            return pg_states[i].state;
        }
    }
    return PG_STATE_UNKNOWN;
}

int
pg_controldata_parse(const char *text, struct pg_controldata *cd)
{
    char buf[64];
    char *end = NULL;
    unsigned long tl;

    memset(cd, 0, sizeof(*cd));
    if ((text == NULL)
        || !field_copy(text, "Database cluster state", buf, sizeof(buf))) {
        return BATON_RC_PROTOCOL;
    }
    cd->state = state_of(buf);
    if ((cd->state == PG_STATE_UNKNOWN)
        || !field_copy(text, "Latest checkpoint location", buf, sizeof(buf))
        || !pg_lsn_parse(buf, &cd->checkpoint_lsn)
        || !field_copy(text, "Latest checkpoint's REDO location", buf,
                       sizeof(buf))
        || !pg_lsn_parse(buf, &cd->redo_lsn)
        || !field_copy(text, "Latest checkpoint's TimeLineID", buf,
                       sizeof(buf))) {
        return BATON_RC_PROTOCOL;
    }
    errno = 0;
    tl = strtoul(buf, &end, 10);
    if ((errno != 0) || (*end != '\0') || (tl == 0) || (tl > UINT32_MAX)
        || !field_copy(text, "wal_level setting", cd->wal_level,
                       sizeof(cd->wal_level))) {
        return BATON_RC_PROTOCOL;
    }
    cd->timeline = (uint32_t) tl;
    cd->wal_log_hints = field_copy(text, "wal_log_hints setting", buf,
                                   sizeof(buf)) && (strcmp(buf, "on") == 0);
    cd->checksums = field_copy(text, "Data page checksum version", buf,
                               sizeof(buf)) && (strcmp(buf, "0") != 0);
    /* PostgreSQL 11 and later; pg_wal_segment_name() checks the value */
    if (field_copy(text, "Bytes per WAL segment", buf, sizeof(buf))) {
        unsigned long seg = 0;

        errno = 0;
        seg = strtoul(buf, &end, 10);
        if ((errno == 0) && (*end == '\0') && (seg <= UINT32_MAX)) {
            cd->wal_seg_size = (uint32_t) seg;
        }
    }
    return BATON_RC_OK;
}

/* A child for bindir/argv[0], as system_user, with the time left */
static baton_child_t *
pg_child(struct pg_ctx *ctx, const char *const *argv)
{
    const char *full[PG_MAX_ARGS + 1];
    char path[4096];
    baton_child_t *child = NULL;
    size_t n = 0;

    snprintf(path, sizeof(path), "%s/%s", ctx->conf.bindir, argv[0]);
    full[n++] = path;
    for (size_t i = 1; (argv[i] != NULL) && (n < PG_MAX_ARGS); i++) {
        full[n++] = argv[i];
    }
    full[n] = NULL;
    child = baton_child_new(full);
    baton_child_setenv(child, "LC_ALL", "C");
    baton_child_setenv(child, "PGDATA", ctx->conf.pgdata);
    baton_child_set_workdir(child, "/");
    baton_child_set_timeout(child, pg_ms_left(ctx));
    baton_child_set_grace(child, 500);
    return child;
}

/* What failed, for a reason: exit code and the first line of stderr */
static void
child_reason(struct pg_ctx *ctx, baton_child_t *child, const char *what,
             int rc)
{
    const char *err = baton_child_stderr(child, NULL);

    if (rc == BATON_RC_TIMEOUT) {
        baton_reason_set(ctx->why, "%s did not finish within the action's "
                         "timeout", what);
    } else if (rc == BATON_RC_CHILD_FAILED) {
        baton_reason_set(ctx->why, "%s exited %d: %.*s", what,
                         baton_child_exit_code(child),
                         (int) strcspn(err, "\n"), err);
        /* the reason keeps the first line; the log keeps them all */
        if (strchr(err, '\n') != NULL) {
            baton_info("%s: %s", what, err);
        }
    } else {
        baton_reason_set(ctx->why, "Cannot run %s: %s", what,
                         baton_rc_str(rc));
    }
}

int
pg_run(struct pg_ctx *ctx, const char *const *argv, char **out)
{
    baton_child_t *child = pg_child(ctx, argv);
    int rc = baton_child_set_user(child, ctx->conf.system_user);

    if (rc == BATON_RC_OK) {
        rc = baton_child_run(child);
    }
    if (rc != BATON_RC_OK) {
        child_reason(ctx, child, argv[0], rc);
    } else if (out != NULL) {
        *out = strdup(baton_child_stdout(child, NULL));
        baton_assert_alloc(*out);
    }
    baton_debug("%s: %s (%lu ms)", argv[0], baton_rc_str(rc),
                baton_child_elapsed_ms(child));
    baton_child_free(child);
    return rc;
}

int
pg_controldata_read(struct pg_ctx *ctx, struct pg_controldata *cd)
{
    const char *argv[] = { PG_CONTROLDATA, ctx->conf.datadir, NULL };
    char *out = NULL;
    int rc = pg_run(ctx, argv, &out);

    if (rc == BATON_RC_OK) {
        rc = pg_controldata_parse(out, cd);
        if (rc != BATON_RC_OK) {
            baton_reason_set(ctx->why, "Cannot read the control data of %s "
                             "from pg_controldata", ctx->conf.datadir);
        }
    }
    free(out);
    return rc;
}

/* The postmaster's directory is the data directory: a recycled pid is not */
static bool
is_postmaster_of(pid_t pid, const char *datadir)
{
    char link[64];
    char cwd[4096];
    char real[4096];
    ssize_t n;

    snprintf(link, sizeof(link), "/proc/%d/cwd", (int) pid);
    n = readlink(link, cwd, sizeof(cwd) - 1);
    if ((n < 0) || (realpath(datadir, real) == NULL)) {
        /* cannot tell: a live process counts */
        return true;
    }
    cwd[n] = '\0';
    return strcmp(cwd, real) == 0;
}

bool
pg_postmaster_alive(const struct pg_ctx *ctx)
{
    char path[4096];
    char line[32] = "";
    FILE *f = NULL;
    long pid;

    snprintf(path, sizeof(path), "%s/" PG_PIDFILE, ctx->conf.datadir);
    f = fopen(path, "re");
    if (f == NULL) {
        return false;
    }
    if (fgets(line, sizeof(line), f) == NULL) {
        line[0] = '\0';
    }
    fclose(f);
    pid = strtol(line, NULL, 10);
    if ((pid <= 1) || ((kill((pid_t) pid, 0) != 0) && (errno != EPERM))) {
        return false;
    }
    return is_postmaster_of((pid_t) pid, ctx->conf.datadir);
}

int
pg_ctl_start(struct pg_ctx *ctx)
{
    char secs[16];
    const char *argv[] = { PG_CTL, "--pgdata", ctx->conf.pgdata, "-w",
                           "--timeout", secs, "start", NULL, NULL, NULL };
    baton_child_t *child = NULL;
    int rc;

    snprintf(secs, sizeof(secs), "%u", (pg_ms_left(ctx) + 999) / 1000);
    if (ctx->conf.start_opts != NULL) {
        argv[7] = "-o";
        argv[8] = ctx->conf.start_opts;
    }
    child = pg_child(ctx, argv);
    /* The server inherits pg_ctl's output: a pipe would stay open after
     * pg_ctl returns, so nothing is captured (the server has its log) */
    baton_child_set_capture(child, 0);
    rc = baton_child_set_user(child, ctx->conf.system_user);
    if (rc == BATON_RC_OK) {
        rc = baton_child_run(child);
    }
    if (rc != BATON_RC_OK) {
        child_reason(ctx, child, "pg_ctl start", rc);
        baton_reason_set(ctx->why, "pg_ctl start failed: see the server's "
                         "log");
    }
    baton_child_free(child);
    return rc;
}

int
pg_ctl_stop(struct pg_ctx *ctx, const char *mode)
{
    char secs[16];
    const char *argv[] = { PG_CTL, "--pgdata", ctx->conf.pgdata, "-w",
                           "--timeout", secs, "-m", mode, "stop", NULL };

    snprintf(secs, sizeof(secs), "%u", (pg_ms_left(ctx) + 999) / 1000);
    return pg_run(ctx, argv, NULL);
}

int
pg_standby_signal(struct pg_ctx *ctx)
{
    const struct passwd *pw = getpwnam(ctx->conf.system_user);
    char path[4096];
    struct stat st;
    int fd;

    snprintf(path, sizeof(path), "%s/" PG_STANDBY_FILE, ctx->conf.datadir);
    /* the directory is the server's: no link followed, none replaced */
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
              0600);
    if ((fd < 0) && (errno == EEXIST) && (lstat(path, &st) == 0)
        && S_ISREG(st.st_mode)) {
        return BATON_RC_OK;
    }
    if ((fd < 0) || (pw == NULL) || (fchown(fd, pw->pw_uid, pw->pw_gid) != 0)) {
        int rc = (errno != 0) ? errno : EIO;

        baton_reason_set(ctx->why, "Cannot create %s: %s", path,
                         strerror(rc));
        if (fd >= 0) {
            close(fd);
            unlink(path);
        }
        return rc;
    }
    close(fd);
    return BATON_RC_OK;
}

/* Run postgres with \p first (n_first words), then start_opts, then \p last
 * (may be NULL); stdout in \p out (may be NULL) */
static int
run_postgres(struct pg_ctx *ctx, const char *const *first, size_t n_first,
             const char *last, char **out)
{
    const char *argv[PG_MAX_ARGS + 1] = { PG_POSTGRES };
    char **words = NULL;
    size_t n = 0;
    size_t at = 1;
    int rc = BATON_RC_OK;

    for (size_t i = 0; (i < n_first) && (at < PG_MAX_ARGS - 1); i++) {
        argv[at++] = first[i];
    }
    if (ctx->conf.start_opts != NULL) {
        rc = baton_argv_split(ctx->conf.start_opts, &words, &n, ctx->why);
    }
    for (size_t i = 0; (rc == BATON_RC_OK) && (i < n)
                       && (at < PG_MAX_ARGS - 1); i++) {
        argv[at++] = words[i];
    }
    if (last != NULL) {
        argv[at++] = last;
    }
    argv[at] = NULL;
    if (rc == BATON_RC_OK) {
        rc = pg_run(ctx, argv, out);
    }
    baton_argv_free(words);
    return rc;
}

int
pg_setting(struct pg_ctx *ctx, const char *name, char **value)
{
    /* -C first: it lets root ask, and postgres needs nothing running */
    const char *first[] = { "-C", name, "-D", ctx->conf.pgdata };
    int rc;

    *value = NULL;
    rc = run_postgres(ctx, first, BATON_N_ELEMENTS(first), NULL, value);
    if (*value != NULL) {
        (*value)[strcspn(*value, "\n")] = '\0';
    }
    return rc;
}

int
pg_single_user_recovery(struct pg_ctx *ctx)
{
    /* what pg_rewind runs for a target that was not shut down cleanly:
     * recovery to the end of the local WAL, then a checkpoint; stdin is
     * /dev/null, so the session ends at once */
    const char *first[] = { "--single", "-F", "-D", ctx->conf.pgdata };
    char path[4096];

    /* a single-user server refuses standby mode; start writes the file
     * again once the node has been rewound */
    snprintf(path, sizeof(path), "%s/" PG_STANDBY_FILE, ctx->conf.datadir);
    if ((unlink(path) != 0) && (errno != ENOENT)) {
        int rc = errno;

        baton_reason_set(ctx->why, "Cannot remove %s: %s", path,
                         strerror(rc));
        return rc;
    }
    baton_notice("Recovering %s in single-user mode (a checkpoint on its "
                 "last timeline)", ctx->conf.datadir);
    return run_postgres(ctx, first, BATON_N_ELEMENTS(first), "template1",
                        NULL);
}
