/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:app actions: start (spawn, record identity, wait for the
 * checks), stop (signal the whole group and session, escalate), monitor
 * (identity + checks at OCF_CHECK_LEVEL) and validate-all.
 */
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "baton/cgroup.h"
#include "baton/child.h"
#include "baton/clock.h"
#include "baton/log.h"
#include "app.h"

#define APP_START_RETRY_MS 200
#define APP_STOP_POLL_MS   50
#define APP_MARGIN_MS      500ULL
#define APP_ROOT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:" \
                      "/sbin:/bin"
#define APP_USER_PATH "/usr/local/bin:/usr/bin:/bin"

static void
ctx_init(struct app_ctx *ctx, baton_ocf_t *ocf)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->ocf = ocf;
    ctx->deadline_ms = baton_clock_now_ms() + baton_ocf_timeout_ms(ocf);
}

int
app_process_state(const struct app_conf *conf, struct baton_proc_id *id,
                  enum baton_res_state *state, baton_reason_t *why)
{
    struct baton_proc_id rec;
    pid_t pid = 0;
    int rc = baton_pidfile_read(conf->pidfile, &pid);
    bool have_id = false;

    *state = BATON_RES_FAILED;
    if (rc == ENOENT) {
        *state = BATON_RES_STOPPED;
        return BATON_RC_OK;
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "pidfile %s holds no process ID", conf->pidfile);
        return BATON_RC_OK;
    }
    have_id = (baton_proc_id_read_file(conf->idfile, &rec) == BATON_RC_OK)
              && (rec.pid == pid);
    if (baton_proc_id_read(pid, id) != BATON_RC_OK) {
        baton_reason_set(why, "process %d (%s) is not running", (int) pid,
                         conf->binfile);
        return BATON_RC_OK;
    }
    if (have_id && !baton_proc_id_same(&rec, id)
        && (rec.start_ticks == id->start_ticks)) {
        /* The same process (same start time) exec'd another program: a
         * wrapper script that ended with exec. Follow it. */
        baton_info("Process %d now runs %s " QB_XS " was %s", (int) pid,
                   id->exe, rec.exe);
        baton_proc_id_write_file(conf->idfile, id);
    } else if (have_id && !baton_proc_id_same(&rec, id)) {
        baton_reason_set(why, "process %d (%s) is gone; PID %d now runs %s",
                         (int) pid, conf->binfile, (int) pid,
                         baton_s(id->exe[0] ? id->exe : NULL, "another "
                                 "program"));
        return BATON_RC_OK;
    }
    *state = BATON_RES_RUNNING;
    return BATON_RC_OK;
}

/* A login environment, as su - gives it to heartbeat's anything */
static void
set_login_env(baton_child_t *c, const struct passwd *pw)
{
    const char *keep[] = { "LANG", "LC_ALL", "TZ", "OCF_RESOURCE_INSTANCE",
                           NULL };
    const char *empty[] = { NULL };

    baton_child_set_env(c, empty);
    baton_child_setenv(c, "HOME", pw->pw_dir);
    baton_child_setenv(c, "USER", pw->pw_name);
    baton_child_setenv(c, "LOGNAME", pw->pw_name);
    baton_child_setenv(c, "SHELL", (pw->pw_shell[0] != '\0') ? pw->pw_shell
                       : "/bin/sh");
    baton_child_setenv(c, "PATH", (pw->pw_uid == 0) ? APP_ROOT_PATH
                       : APP_USER_PATH);
    for (int i = 0; keep[i] != NULL; i++) {
        if (getenv(keep[i]) != NULL) {
            baton_child_setenv(c, keep[i], getenv(keep[i]));
        }
    }
}

static int
spawn_failed(const baton_child_t *c, const struct app_conf *conf, int rc,
             baton_reason_t *why)
{
    const char *step = baton_s(baton_child_failed_step(c), "fork");

    if (strcmp(step, "stdout") == 0 || strcmp(step, "stderr") == 0) {
        baton_reason_set(why, "Cannot open %s as %s: %s",
                         (step[3] == 'o') ? conf->logfile : conf->errlogfile,
                         conf->user, baton_rc_str(rc));
        return BATON_RC_NODE_CONFIG;
    }
    baton_reason_set(why, "Cannot start %s as %s (%s): %s", conf->binfile,
                     conf->user, step, baton_rc_str(rc));
    if (strcmp(step, "exec") == 0 && ((rc == ENOENT) || (rc == EACCES))) {
        return BATON_RC_NOT_INSTALLED;
    }
    return rc;
}

static int
record_identity(const struct app_conf *conf, pid_t pid, baton_reason_t *why)
{
    int rc = baton_proc_record_started(conf->idfile, conf->pidfile, pid, why);

    if (rc != BATON_RC_OK) {
        baton_proc_signal_group(pid, SIGKILL, NULL);
    }
    return rc;
}

/* cgroup.procs of the program's cgroup, for the child to enter before it
 * execs; -1 without one, with stop's limit said once */
static int
open_cgroup(const struct app_conf *conf)
{
    int fd = -1;
    int rc = ENOENT;

    if (conf->cgroup[0] != '\0') {
        rc = baton_cgroup_create(conf->cgroup);
        if (rc == BATON_RC_OK) {
            rc = baton_cgroup_open_procs(conf->cgroup, &fd);
        }
    }
    if (rc != BATON_RC_OK) {
        baton_warn("%s runs without a cgroup of its own (%s): stop reaches "
                   "its process group and session, not a process that "
                   "starts a session of its own " QB_XS " cgroup=%s",
                   conf->binfile, (conf->cgroup[0] == '\0')
                   ? "no cgroup v2 hierarchy mounted" : baton_rc_str(rc),
                   baton_s(conf->cgroup[0] ? conf->cgroup : NULL, "none"));
        fd = -1;
    }
    return fd;
}

static int
spawn(const struct app_conf *conf, pid_t *pid, baton_reason_t *why)
{
    const struct passwd *pw = getpwnam(conf->user);
    baton_child_t *c = baton_child_new((const char *const *) conf->argv);
    int cgroup_fd = -1;
    int rc = BATON_RC_OK;

    if (pw == NULL) {
        baton_child_free(c);
        baton_reason_set(why, "user %s does not exist on this node",
                         conf->user);
        return BATON_RC_NODE_CONFIG;
    }
    set_login_env(c, pw);
    baton_child_set_user(c, conf->user);
    baton_child_set_workdir(c, baton_s(conf->workdir, pw->pw_dir));
    baton_child_set_output_files(c, conf->logfile, conf->errlogfile);
    baton_child_set_flags(c, BATON_CHILD_NEW_SESSION);
    cgroup_fd = open_cgroup(conf);
    baton_child_set_cgroup(c, cgroup_fd);
    rc = baton_child_spawn(c, pid);
    if (rc != BATON_RC_OK) {
        rc = spawn_failed(c, conf, rc, why);
    }
    if (cgroup_fd >= 0) {
        close(cgroup_fd);
    }
    baton_child_free(c);
    if (rc == BATON_RC_OK) {
        baton_info("Started %s as %s " QB_XS " pid=%d", conf->binfile,
                   conf->user, (int) *pid);
        rc = record_identity(conf, *pid, why);
    }
    return rc;
}

/* Whether our program still runs; a reason when it does not */
static bool
still_running(const struct app_conf *conf, pid_t pid, bool ours,
              baton_reason_t *why)
{
    enum baton_res_state st = BATON_RES_UNKNOWN;
    struct baton_proc_id id;
    int ws = 0;

    if (ours && (waitpid(pid, &ws, WNOHANG) == pid)) {
        if (WIFEXITED(ws)) {
            baton_reason_set(why, "%s exited with status %d during start "
                             "(see %s)", conf->binfile, WEXITSTATUS(ws),
                             conf->errlogfile);
        } else {
            baton_reason_set(why, "%s was killed by signal %d during start",
                             conf->binfile, WTERMSIG(ws));
        }
        return false;
    }
    if (ours) {
        /* Our child: alive until waitpid says otherwise. (Its executable
         * may still change: a wrapper script exec'ing the real program.) */
        return true;
    }
    app_process_state(conf, &id, &st, why);
    return (st == BATON_RES_RUNNING);
}

/* Record the identity again once the program is up: a wrapper script has
 * exec'd the real program by now, whose executable monitors compare */
static void
refresh_identity(const struct app_conf *conf, pid_t pid)
{
    struct baton_proc_id id;

    if ((baton_proc_id_read(pid, &id) == BATON_RC_OK)
        && (baton_proc_id_write_file(conf->idfile, &id) != BATON_RC_OK)) {
        baton_warn("Cannot update %s", conf->idfile);
    }
}

/* Until the level-0 checks pass, the program dies, or time runs out */
static int
wait_ready(const struct app_ctx *ctx, pid_t pid, bool ours,
           baton_reason_t *why)
{
    const struct app_conf *conf = &ctx->conf;
    unsigned long long start = baton_clock_now_ms();
    unsigned retry_ms = 5;

    while (true) {
        baton_reason_t inner = BATON_REASON_INIT;
        int rc = BATON_RC_OK;

        if (!still_running(conf, pid, ours, why)) {
            return BATON_RC_FAILED;
        }
        rc = app_checks_run(ctx, 0, pid, &inner);
        if (rc == BATON_RC_OK) {
            if (ours) {
                refresh_identity(conf, pid);
            }
            return BATON_RC_OK;
        }
        if (baton_clock_now_ms() + retry_ms + APP_MARGIN_MS >= ctx->deadline_ms) {
            baton_reason_set(why, "%s runs but did not become healthy "
                             "within %llu ms: %s", conf->binfile,
                             baton_clock_now_ms() - start, inner.text);
            return BATON_RC_TIMEOUT;
        }
        baton_sleep_ms(retry_ms);
        /* Most programs are up within milliseconds: look again soon,
         * then less and less often */
        retry_ms = (retry_ms * 2 < APP_START_RETRY_MS) ? retry_ms * 2
                   : APP_START_RETRY_MS;
    }
}

static int
app_start(baton_ocf_t *ocf, enum baton_res_state *state, baton_reason_t *why)
{
    struct app_ctx ctx;
    struct baton_proc_id id;
    enum baton_res_state st = BATON_RES_UNKNOWN;
    pid_t pid = 0;
    bool ours = false;
    int rc = BATON_RC_OK;

    ctx_init(&ctx, ocf);
    rc = app_conf_load(&ctx.conf, ocf, true, why);
    if (rc != BATON_RC_OK) {
        goto done;
    }
    app_process_state(&ctx.conf, &id, &st, NULL);
    if (st == BATON_RES_RUNNING) {
        pid = id.pid;
        baton_debug("Already running " QB_XS " pid=%d", (int) pid);
    } else {
        rc = spawn(&ctx.conf, &pid, why);
        ours = true;
    }
    if (rc == BATON_RC_OK) {
        rc = wait_ready(&ctx, pid, ours, why);
    }
    *state = (rc == BATON_RC_OK) ? BATON_RES_RUNNING : BATON_RES_FAILED;
done:
    app_conf_clear(&ctx.conf);
    return rc;
}

/* The same process: a recycled PID has another start time. (The
 * executable may differ: a wrapper script that exec'd the program.) */
static bool
same_process(const struct baton_proc_id *rec, const struct baton_proc_id *cur)
{
    return (rec->pid == cur->pid) && (rec->start_ticks == cur->start_ticks);
}

/* What stop ends: the program (0 when no live one is ours), its process
 * group and session, and its cgroup (NULL without one) */
struct stop_set {
    pid_t leader;
    const struct baton_proc_id *rec;   /*!< its identity, or NULL */
    const char *cgroup;
};

/* Whether the program itself still runs (not a recycled PID) */
static bool
leader_alive(const struct stop_set *t)
{
    struct baton_proc_id cur;

    return (t->leader > 0)
           && (baton_proc_id_read(t->leader, &cur) == BATON_RC_OK)
           && ((t->rec == NULL) || same_process(t->rec, &cur));
}

/* Whether the program or anything in its group, session or cgroup lives */
static bool
set_alive(const struct stop_set *t)
{
    return leader_alive(t)
           || ((t->leader > 0) && baton_proc_group_alive(t->leader))
           || ((t->cgroup != NULL) && baton_cgroup_populated(t->cgroup));
}

/* The program (which may lead no group: started by heartbeat's anything),
 * its group and session, and every process of its cgroup */
static void
signal_all(const struct stop_set *t, int sig)
{
    if (t->leader > 0) {
        baton_proc_signal_group(t->leader, sig, NULL);
    }
    if (leader_alive(t)) {
        kill(t->leader, sig);
    }
    if (t->cgroup != NULL) {
        (void) baton_cgroup_signal(t->cgroup, sig, NULL);
    }
}

static bool
wait_gone(const struct stop_set *t, unsigned long long until_ms)
{
    unsigned poll_ms = 1;

    while (set_alive(t)) {
        if (baton_clock_now_ms() >= until_ms) {
            return false;
        }
        /* A program usually exits within milliseconds of the signal */
        baton_sleep_ms(poll_ms);
        poll_ms = (poll_ms * 2 < APP_STOP_POLL_MS) ? poll_ms * 2
                  : APP_STOP_POLL_MS;
    }
    return true;
}

/* Whose PID is in the pidfile: ours (leader to kill), or nobody's */
static bool
stop_target(const struct app_conf *conf, pid_t *leader,
            struct baton_proc_id *rec, bool *have_rec)
{
    struct baton_proc_id cur;
    pid_t pid = 0;

    *have_rec = false;
    if (baton_pidfile_read(conf->pidfile, &pid) != BATON_RC_OK) {
        if (baton_proc_id_read_file(conf->idfile, rec) != BATON_RC_OK) {
            return false;
        }
        pid = rec->pid;
    }
    *have_rec = (baton_proc_id_read_file(conf->idfile, rec) == BATON_RC_OK)
                && (rec->pid == pid);
    *leader = pid;
    if ((baton_proc_id_read(pid, &cur) == BATON_RC_OK) && *have_rec
        && !same_process(rec, &cur)) {
        /* The PID was recycled: that group is someone else's now */
        baton_warn("PID %d is no longer %s: not signalling it", (int) pid,
                   conf->binfile);
        return false;
    }
    return true;
}

static int
stop_group(const struct app_ctx *ctx, const struct stop_set *t,
           baton_reason_t *why)
{
    const struct app_conf *conf = &ctx->conf;
    unsigned long long grace_end = baton_clock_now_ms() + conf->stop_timeout_ms;
    unsigned long long hard_end = ctx->deadline_ms - APP_MARGIN_MS;

    if (grace_end > hard_end) {
        grace_end = hard_end;
    }
    signal_all(t, conf->stop_signal);
    if (wait_gone(t, grace_end)) {
        return BATON_RC_OK;
    }
    baton_warn("%s did not stop within %lu ms: sending SIGKILL to its "
               "process group%s", conf->binfile, conf->stop_timeout_ms,
               (t->cgroup != NULL) ? " and cgroup" : "");
    signal_all(t, SIGKILL);
    if (t->cgroup != NULL) {
        /* Everything at once, also what forks at this moment */
        (void) baton_cgroup_kill(t->cgroup, hard_end);
    }
    if (wait_gone(t, hard_end)) {
        return BATON_RC_OK;
    }
    baton_reason_set(why, "Processes of %s survive SIGKILL (group %d, "
                     "cgroup %s)", conf->binfile, (int) t->leader,
                     baton_s(t->cgroup, "none"));
    return BATON_RC_FAILED;
}

/* The cgroup is empty once stop succeeded: remove it */
static void
remove_cgroup(const struct app_conf *conf)
{
    int rc = baton_cgroup_remove(conf->cgroup);

    if (rc != BATON_RC_OK) {
        baton_warn("Cannot remove cgroup %s: %s", conf->cgroup,
                   baton_rc_str(rc));
    }
}

static int
app_stop(baton_ocf_t *ocf, enum baton_res_state *state, baton_reason_t *why)
{
    struct app_ctx ctx;
    struct baton_proc_id rec;
    baton_reason_t conf_why = BATON_REASON_INIT;
    struct stop_set t = { .leader = 0 };
    bool have_rec = false;
    int rc = BATON_RC_OK;

    ctx_init(&ctx, ocf);
    /* Stop must work even when the rest of the configuration is broken:
     * only the pidfile and the stop settings matter here */
    if (app_conf_load_lenient(&ctx.conf, ocf, &conf_why) != BATON_RC_OK) {
        baton_warn("Stopping despite a configuration problem: %s",
                   conf_why.text);
    }
    if (stop_target(&ctx.conf, &t.leader, &rec, &have_rec)) {
        t.rec = have_rec ? &rec : NULL;
    } else {
        t.leader = 0;
    }
    /* What the cgroup holds is ours, whatever became of the pidfile */
    if (ctx.conf.cgroup[0] != '\0') {
        t.cgroup = ctx.conf.cgroup;
    }
    if ((t.leader > 0) || ((t.cgroup != NULL)
                           && baton_cgroup_populated(t.cgroup))) {
        rc = stop_group(&ctx, &t, why);
    }
    if (rc == BATON_RC_OK) {
        unlink(ctx.conf.pidfile);
        unlink(ctx.conf.idfile);
        if (t.cgroup != NULL) {
            remove_cgroup(&ctx.conf);
        }
    }
    app_conf_clear(&ctx.conf);
    return rc;
}

/* The program is not running: is anything of it left? Members of the
 * process group or session of a leader that died, or of its cgroup */
static bool
leftovers(const struct app_conf *conf, baton_reason_t *why)
{
    struct baton_proc_id cur;
    pid_t pid = 0;
    unsigned n = 0;

    /* The kernel gives nobody the PID of a group or session that still
     * has members: when the leader is gone, they are its */
    if ((baton_pidfile_read(conf->pidfile, &pid) == BATON_RC_OK)
        && (baton_proc_id_read(pid, &cur) != BATON_RC_OK)
        && (baton_proc_signal_group(pid, 0, &n) == BATON_RC_OK) && (n > 0)) {
        baton_reason_set(why, "process %d (%s) is not running, but %u "
                         "process%s of its group or session still run%s",
                         (int) pid, conf->binfile, n, (n == 1) ? "" : "es",
                         (n == 1) ? "s" : "");
        return true;
    }
    if ((conf->cgroup[0] != '\0')
        && (baton_cgroup_signal(conf->cgroup, 0, &n) == BATON_RC_OK)
        && (n > 0)) {
        baton_reason_set(why, "%s is not running, but %u process%s of it "
                         "still run%s in cgroup %s", conf->binfile, n,
                         (n == 1) ? "" : "es", (n == 1) ? "s" : "",
                         conf->cgroup);
        return true;
    }
    return false;
}

/* "Stopped" only when nothing of the program is left; a probe reads a
 * stale pidfile (after a reboot, a crash) as stopped */
static enum baton_res_state
not_running(const struct app_conf *conf, enum baton_res_state st,
            bool probe, baton_reason_t *why)
{
    baton_reason_t left = BATON_REASON_INIT;

    if (!leftovers(conf, &left)) {
        return probe ? BATON_RES_STOPPED : st;
    }
    /* A recurring monitor's failure keeps its own reason (a recycled PID) */
    if (probe || (st == BATON_RES_STOPPED)) {
        baton_reason_clear(why);
        baton_reason_set(why, "%s", left.text);
    }
    return BATON_RES_FAILED;
}

static int
app_monitor(baton_ocf_t *ocf, enum baton_res_state *state,
            baton_reason_t *why)
{
    struct app_ctx ctx;
    struct baton_proc_id id;
    int rc = BATON_RC_OK;

    ctx_init(&ctx, ocf);
    rc = app_conf_load(&ctx.conf, ocf, false, why);
    if (rc == BATON_RC_OK) {
        rc = app_process_state(&ctx.conf, &id, state, why);
    }
    if ((rc == BATON_RC_OK) && (*state != BATON_RES_RUNNING)) {
        *state = not_running(&ctx.conf, *state, baton_ocf_is_probe(ocf),
                             why);
    }
    if ((rc == BATON_RC_OK) && (*state == BATON_RES_RUNNING)
        && (app_checks_run(&ctx, baton_ocf_check_level(ocf), id.pid, why)
            != BATON_RC_OK)) {
        *state = BATON_RES_FAILED;
    }
    app_conf_clear(&ctx.conf);
    return rc;
}

static int
app_validate(baton_ocf_t *ocf, enum baton_res_state *state,
             baton_reason_t *why)
{
    struct app_conf conf;
    int rc = app_conf_load(&conf, ocf, true, why);

    app_conf_clear(&conf);
    return rc;
}

const struct baton_ocf_op app_ops[] = {
    { BATON_OCF_ACTION_START, app_start },
    { BATON_OCF_ACTION_STOP, app_stop },
    { BATON_OCF_ACTION_MONITOR, app_monitor },
    { BATON_OCF_ACTION_VALIDATE, app_validate },
    { NULL, NULL },
};
