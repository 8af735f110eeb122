/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:mariadb: the server process. It is started from an argument
 * list as `user` (mysqld_safe or the server itself), read-only, without
 * replication threads and with the durability and GTID settings failover
 * needs given last so that they win; its pid file is trusted only when it
 * names a live MariaDB server; stop is SIGTERM, then SIGKILL (the
 * mysqld_safe that would restart it first).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "baton/argv.h"
#include "baton/child.h"
#include "baton/clock.h"
#include "baton/log.h"
#include "baton/proc.h"
#include "baton/rc.h"
#include "mariadb.h"

#define MARIA_WAIT_STEP_MS   200U
#define MARIA_MAX_ARGS       96
#define MARIA_LOG_TAIL       8192
/*! Kept for SIGKILL and its wait at the end of a stop */
#define MARIA_KILL_MS        3000U

static bool
is_server_exe(const char *exe)
{
    const char *base = strrchr(exe, '/');

    base = (base != NULL) ? base + 1 : exe;
    return (strncmp(base, "mariadbd", 8) == 0)
           || (strncmp(base, "mysqld", 6) == 0);
}

pid_t
maria_server_pid(const struct maria_ctx *ctx, bool *stale)
{
    struct baton_proc_id id;
    pid_t pid = 0;

    *stale = false;
    if (baton_pidfile_read(ctx->conf.pid, &pid) != BATON_RC_OK) {
        return 0;
    }
    /* a recycled pid runs another program: not our server */
    if ((baton_proc_id_read(pid, &id) != BATON_RC_OK)
        || ((id.exe[0] != '\0') && !is_server_exe(id.exe))) {
        *stale = true;
        return 0;
    }
    return pid;
}

/* The last error line of the server's log, for a reason */
static void
log_tail(const struct maria_ctx *ctx, char *buf, size_t size)
{
    char text[MARIA_LOG_TAIL + 1];
    int fd = open(ctx->conf.log, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    off_t end = (fd >= 0) ? lseek(fd, 0, SEEK_END) : -1;
    ssize_t n = -1;
    char *line = NULL;

    buf[0] = '\0';
    if (end >= 0) {
        off_t from = (end > MARIA_LOG_TAIL) ? end - MARIA_LOG_TAIL : 0;

        n = pread(fd, text, MARIA_LOG_TAIL, from);
    }
    if (fd >= 0) {
        close(fd);
    }
    if (n <= 0) {
        return;
    }
    text[n] = '\0';
    for (char *p = strstr(text, "[ERROR]"); p != NULL;
         p = strstr(p + 1, "[ERROR]")) {
        line = p;
    }
    if (line != NULL) {
        snprintf(buf, size, ": %.*s", (int) strcspn(line, "\n"), line);
    }
}

/* A directory for the pid file or the socket, created as heartbeat does */
static int
prepare_dir(struct maria_ctx *ctx, const char *file, uid_t uid, gid_t gid)
{
    char copy[4096];
    char *dir = NULL;
    struct stat st;

    snprintf(copy, sizeof(copy), "%s", file);
    dir = dirname(copy);
    if (lstat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            baton_reason_set(ctx->why, "%s is not a directory", dir);
            return BATON_RC_NODE_CONFIG;
        }
        return BATON_RC_OK;
    }
    if ((mkdir(dir, 0755) != 0) || (lchown(dir, uid, gid) != 0)) {
        baton_reason_set(ctx->why, "Cannot create %s: %s", dir,
                         strerror(errno));
        return BATON_RC_NODE_CONFIG;
    }
    baton_info("Created %s for %s", dir, file);
    return BATON_RC_OK;
}

static int
prepare_log(struct maria_ctx *ctx, uid_t uid, gid_t gid)
{
    int fd = open(ctx->conf.log, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW
                  | O_CLOEXEC, 0640);
    int rc = BATON_RC_OK;

    if ((fd < 0) || (fchown(fd, uid, gid) != 0) || (fchmod(fd, 0640) != 0)) {
        baton_reason_set(ctx->why, "Cannot prepare the log file %s: %s",
                         ctx->conf.log, strerror(errno));
        rc = BATON_RC_NODE_CONFIG;
    }
    if (fd >= 0) {
        close(fd);
    }
    return rc;
}

/* A program beside binary, else in /usr/bin */
static void
sibling(const struct maria_ctx *ctx, const char *name, char *buf,
        size_t size)
{
    char copy[4096];

    snprintf(copy, sizeof(copy), "%s", ctx->conf.binary);
    snprintf(buf, size, "%s/%s", dirname(copy), name);
    if (access(buf, X_OK) != 0) {
        snprintf(buf, size, "/usr/bin/%s", name);
    }
}

static int
run_child(struct maria_ctx *ctx, const char *const *argv, bool as_user,
          char **out)
{
    baton_child_t *child = baton_child_new(argv);
    int rc = BATON_RC_OK;

    baton_child_setenv(child, "LC_ALL", "C");
    baton_child_set_workdir(child, "/");
    baton_child_set_timeout(child, maria_ms_left(ctx));
    baton_child_set_grace(child, 500);
    if (as_user) {
        rc = baton_child_set_user(child, ctx->conf.user);
    }
    if (rc == BATON_RC_OK) {
        rc = baton_child_run(child);
    }
    if (rc == BATON_RC_CHILD_FAILED) {
        const char *err = baton_child_stderr(child, NULL);

        baton_reason_set(ctx->why, "%s exited %d: %.*s", argv[0],
                         baton_child_exit_code(child),
                         (int) strcspn(err, "\n"), err);
    } else if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot run %s: %s", argv[0],
                         baton_rc_str(rc));
    } else if (out != NULL) {
        *out = strdup(baton_child_stdout(child, NULL));
        baton_assert_alloc(*out);
    }
    baton_child_free(child);
    return rc;
}

static int
create_database(struct maria_ctx *ctx)
{
    char prog[4200];
    char defaults[4200];
    char datadir[4200];
    char user[300];
    const char *argv[] = { prog, defaults, datadir, user, NULL };
    char path[4200];
    struct stat st;

    snprintf(path, sizeof(path), "%s/mysql", ctx->conf.datadir);
    if (!ctx->conf.enable_creation || (stat(path, &st) == 0)) {
        return BATON_RC_OK;
    }
    sibling(ctx, "mysql_install_db", prog, sizeof(prog));
    snprintf(defaults, sizeof(defaults), "--defaults-file=%s",
             ctx->conf.config);
    snprintf(datadir, sizeof(datadir), "--datadir=%s", ctx->conf.datadir);
    snprintf(user, sizeof(user), "--user=%s", ctx->conf.user);
    baton_notice("Creating the database in %s", ctx->conf.datadir);
    return run_child(ctx, argv, false, NULL);
}

const char *
maria_option_value(char *const *words, const char *name)
{
    const char *value = NULL;

    for (size_t i = 0; (words != NULL) && (words[i] != NULL); i++) {
        const char *w = words[i];
        bool skip = false;
        size_t k = 0;

        if (strncmp(w, "--", 2) != 0) {
            continue;
        }
        w += 2;
        if ((strncmp(w, "skip-", 5) == 0) || (strncmp(w, "disable-", 8) == 0)) {
            skip = true;
            w += (w[0] == 's') ? 5 : 8;
        }
        for (k = 0; (name[k] != '\0') && (w[k] != '\0'); k++) {
            char a = (name[k] == '-') ? '_' : name[k];
            char b = (w[k] == '-') ? '_' : w[k];

            if (a != b) {
                break;
            }
        }
        if ((name[k] != '\0') || ((w[k] != '\0') && (w[k] != '='))) {
            continue;
        }
        value = skip ? NULL : ((w[k] == '=') ? w + k + 1 : "");
    }
    return value;
}

int
maria_server_options(struct maria_ctx *ctx, char ***words)
{
    char prog[4200];
    char defaults[4200];
    const char *argv[] = { prog, defaults, "--mysqld", NULL };
    char *out = NULL;
    char **lines = NULL;
    size_t n = 0;
    size_t extra = 0;
    int rc;

    *words = NULL;
    sibling(ctx, "my_print_defaults", prog, sizeof(prog));
    snprintf(defaults, sizeof(defaults), "--defaults-file=%s",
             ctx->conf.config);
    rc = run_child(ctx, argv, true, &out);
    if (rc != BATON_RC_OK) {
        free(out);
        return rc;
    }
    for (const char *p = out; *p != '\0'; p += strcspn(p, "\n"),
         p += (*p == '\n')) {
        n++;
    }
    while ((ctx->conf.additional != NULL)
           && (ctx->conf.additional[extra] != NULL)) {
        extra++;
    }
    lines = calloc(n + extra + 1, sizeof(char *));
    baton_assert_alloc(lines);
    n = 0;
    for (char *save = NULL, *l = strtok_r(out, "\n", &save); l != NULL;
         l = strtok_r(NULL, "\n", &save)) {
        lines[n] = strdup(l);
        baton_assert_alloc(lines[n++]);
    }
    for (size_t i = 0; i < extra; i++) {
        lines[n] = strdup(ctx->conf.additional[i]);
        baton_assert_alloc(lines[n++]);
    }
    free(out);
    *words = lines;
    return BATON_RC_OK;
}

/* argv: binary, its configuration, the operator's words, then ours */
static size_t
start_argv(struct maria_ctx *ctx, unsigned long server_id,
           char bufs[][4200], const char **argv)
{
    static const char *const always[] = {
        "--skip-slave-start", "--log-slave-updates", "--read-only=ON",
        "--gtid-strict-mode=ON", "--sync-binlog=1",
        "--innodb-flush-log-at-trx-commit=1", "--sync-master-info=1",
    };
    static const char *const semi_on[] = {
        "--rpl-semi-sync-master-enabled=ON",
        "--rpl-semi-sync-slave-enabled=ON",
        "--rpl-semi-sync-master-wait-point=AFTER_SYNC",
        "--rpl-semi-sync-master-wait-no-slave=OFF",
        /* crash recovery as a semi-sync replica (MDEV-33465, 10.6.19,
         * 10.11.9): what a crashed primary wrote to its binary log but
         * never got acknowledged is rolled back and truncated instead of
         * committed, so it does not come back errant. "loose": older
         * servers ignore it */
        "--loose-init-rpl-role=SLAVE",
    };
    static const char *const semi_off[] = {
        "--rpl-semi-sync-master-enabled=OFF",
        "--rpl-semi-sync-slave-enabled=OFF",
    };
    size_t n = 0;

    argv[n++] = ctx->conf.binary;
    snprintf(bufs[0], 4200, "--defaults-file=%s", ctx->conf.config);
    argv[n++] = bufs[0];
    for (size_t i = 0; (ctx->conf.additional != NULL)
                       && (ctx->conf.additional[i] != NULL)
                       && (n < MARIA_MAX_ARGS - 24); i++) {
        argv[n++] = ctx->conf.additional[i];
    }
    snprintf(bufs[1], 4200, "--pid-file=%s", ctx->conf.pid);
    snprintf(bufs[2], 4200, "--socket=%s", ctx->conf.socket);
    snprintf(bufs[3], 4200, "--datadir=%s", ctx->conf.datadir);
    snprintf(bufs[4], 4200, "--log-error=%s", ctx->conf.log);
    for (size_t i = 1; i <= 4; i++) {
        argv[n++] = bufs[i];
    }
    for (size_t i = 0; i < BATON_N_ELEMENTS(always); i++) {
        argv[n++] = always[i];
    }
    for (size_t i = 0; ctx->conf.semi_sync && (i < BATON_N_ELEMENTS(semi_on));
         i++) {
        argv[n++] = semi_on[i];
    }
    for (size_t i = 0; !ctx->conf.semi_sync
                       && (i < BATON_N_ELEMENTS(semi_off)); i++) {
        argv[n++] = semi_off[i];
    }
    if (server_id != 0) {
        snprintf(bufs[5], 4200, "--server-id=%lu", server_id);
        argv[n++] = bufs[5];
    }
    argv[n] = NULL;
    return n;
}

/* Wait until the server answers, the program dies or time runs out */
static int
wait_started(struct maria_ctx *ctx, pid_t child)
{
    char tail[256];

    for (;;) {
        maria_conn_t *c = NULL;
        int status = 0;
        int rc = maria_connect(ctx, MARIA_LOGIN_ADMIN, &c);

        if (rc == BATON_RC_OK) {
            maria_disconnect(c);
            return BATON_RC_OK;
        }
        if (rc == BATON_RC_AUTH) {
            baton_reason_set(ctx->why, "The server started but refuses "
                             "replication_user %s: %s", ctx->conf.repl_user,
                             maria_conn_error(c));
            maria_disconnect(c);
            return BATON_RC_AUTH;
        }
        maria_disconnect(c);
        if (waitpid(child, &status, WNOHANG) == child) {
            log_tail(ctx, tail, sizeof(tail));
            baton_reason_set(ctx->why, "%s exited during start (see %s)%s",
                             ctx->conf.binary, ctx->conf.log, tail);
            return BATON_RC_FAILED;
        }
        if (maria_ms_left(ctx) < MARIA_WAIT_STEP_MS) {
            baton_reason_set(ctx->why, "The server did not answer on %s "
                             "within the start timeout (see %s)",
                             ctx->conf.socket, ctx->conf.log);
            return BATON_RC_TIMEOUT;
        }
        baton_sleep_ms(MARIA_WAIT_STEP_MS);
    }
}

int
maria_server_start(struct maria_ctx *ctx, unsigned long server_id)
{
    char bufs[6][4200];
    const char *argv[MARIA_MAX_ARGS + 1];
    const struct passwd *pw = getpwnam(ctx->conf.user);
    const struct group *gr = getgrnam(ctx->conf.group);
    baton_child_t *child = NULL;
    pid_t pid = 0;
    int rc;

    if ((pw == NULL) || (gr == NULL)) {
        baton_reason_set(ctx->why, "User %s or group %s does not exist",
                         ctx->conf.user, ctx->conf.group);
        return BATON_RC_NODE_CONFIG;
    }
    rc = prepare_log(ctx, pw->pw_uid, gr->gr_gid);
    if (rc == BATON_RC_OK) {
        rc = prepare_dir(ctx, ctx->conf.pid, pw->pw_uid, gr->gr_gid);
    }
    if (rc == BATON_RC_OK) {
        rc = prepare_dir(ctx, ctx->conf.socket, pw->pw_uid, gr->gr_gid);
    }
    if (rc == BATON_RC_OK) {
        rc = create_database(ctx);
    }
    if (rc != BATON_RC_OK) {
        return rc;
    }
    start_argv(ctx, server_id, bufs, argv);
    child = baton_child_new(argv);
    baton_child_set_workdir(child, ctx->conf.datadir);
    baton_child_set_flags(child, BATON_CHILD_NEW_SESSION);
    rc = baton_child_set_user(child, ctx->conf.user);
    if (rc == BATON_RC_OK) {
        rc = baton_child_spawn(child, &pid);
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(ctx->why, "Cannot start %s as %s: %s",
                         ctx->conf.binary, ctx->conf.user,
                         baton_rc_str(rc));
    }
    baton_child_free(child);
    return (rc == BATON_RC_OK) ? wait_started(ctx, pid) : rc;
}

/* mysqld_safe restarts a server killed by a signal: end it first */
static void
kill_safe_parent(pid_t pid)
{
    char path[64];
    char comm[32] = "";
    struct baton_proc_stat st;
    char text[1024];
    FILE *f = NULL;
    size_t n;

    snprintf(path, sizeof(path), "/proc/%d/stat", (int) pid);
    f = fopen(path, "re");
    n = (f != NULL) ? fread(text, 1, sizeof(text) - 1, f) : 0;
    if (f != NULL) {
        fclose(f);
    }
    text[n] = '\0';
    if ((n == 0) || (baton_proc_stat_parse(text, &st) != BATON_RC_OK)
        || (st.ppid <= 1)) {
        return;
    }
    snprintf(path, sizeof(path), "/proc/%d/comm", (int) st.ppid);
    f = fopen(path, "re");
    if ((f != NULL) && (fgets(comm, sizeof(comm), f) != NULL)
        && (strncmp(comm, "mysqld_safe", 11) == 0)) {
        kill(st.ppid, SIGKILL);
    }
    if (f != NULL) {
        fclose(f);
    }
}

static bool
gone(pid_t pid)
{
    struct baton_proc_id id;

    return baton_proc_id_read(pid, &id) != BATON_RC_OK;
}

int
maria_server_stop(struct maria_ctx *ctx)
{
    bool stale = false;
    pid_t pid = maria_server_pid(ctx, &stale);

    if (pid == 0) {
        return BATON_RC_OK;
    }
    kill(pid, SIGTERM);
    /* keep time for SIGKILL: a failed stop gets the node fenced */
    while (!gone(pid) && (maria_ms_left(ctx) > MARIA_KILL_MS)) {
        baton_sleep_ms(MARIA_WAIT_STEP_MS);
    }
    if (!gone(pid)) {
        baton_warn("The server (pid %d) did not stop in time: killing it",
                   (int) pid);
        kill_safe_parent(pid);
        kill(pid, SIGKILL);
        for (unsigned i = 0; (i < MARIA_KILL_MS / MARIA_WAIT_STEP_MS)
                             && !gone(pid); i++) {
            baton_sleep_ms(MARIA_WAIT_STEP_MS);
        }
    }
    if (!gone(pid)) {
        baton_reason_set(ctx->why, "The server (pid %d) survived SIGKILL",
                         (int) pid);
        return BATON_RC_FAILED;
    }
    return BATON_RC_OK;
}
