/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:lbprobe actions: start forks the responder (the socket is
 * bound before the fork, so a busy port fails start with a reason), stop
 * ends it, monitor checks its identity and that the port answers.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/close_range.h>

#include "baton/netcheck.h"
#include "baton/clock.h"
#include "baton/log.h"
#include "baton/proc.h"
#include "baton/rundir.h"
#include "lbprobe.h"

#define LBPROBE_CHECK_MS   2000U
#define LBPROBE_POLL_MS    20

/* What the invocation adds: the default pidfile names the instance */
static void
derive(struct lbprobe_conf *conf, baton_ocf_t *ocf)
{
    snprintf(conf->port, sizeof(conf->port), "%u", conf->port_num);
    if (conf->pidfile_given != NULL) {
        snprintf(conf->pidfile, sizeof(conf->pidfile), "%s",
                 conf->pidfile_given);
    } else {
        snprintf(conf->pidfile, sizeof(conf->pidfile), BATON_RUN_DIR
                 "/lbprobe-%s.pid", baton_ocf_instance(ocf));
    }
    snprintf(conf->idfile, sizeof(conf->idfile), "%s.id", conf->pidfile);
    conf->timeout_ms = baton_ocf_timeout_ms(ocf);
}

static int
conf_load(struct lbprobe_conf *conf, baton_ocf_t *ocf, baton_reason_t *why)
{
    int rc;

    memset(conf, 0, sizeof(*conf));
    rc = baton_params_parse(baton_ocf_params(ocf), conf, why);
    derive(conf, ocf);
    return rc;
}

/* For stop: the pidfile is known whatever else is wrong */
static void
conf_load_lenient(struct lbprobe_conf *conf, baton_ocf_t *ocf)
{
    baton_reason_t ignored = BATON_REASON_INIT;

    memset(conf, 0, sizeof(*conf));
    (void) baton_params_parse_lenient(baton_ocf_params(ocf), conf, &ignored);
    derive(conf, ocf);
}

/* The recorded responder, if it is still the process we started */
static bool
responder(const struct lbprobe_conf *conf, pid_t *pid, bool *stale)
{
    struct baton_proc_id rec, cur;

    *stale = false;
    if (baton_pidfile_read(conf->pidfile, pid) != BATON_RC_OK) {
        return false;
    }
    *stale = true;
    if ((baton_proc_id_read_file(conf->idfile, &rec) != BATON_RC_OK)
        || (rec.pid != *pid) || (baton_proc_id_read(*pid, &cur) != 0)
        || !baton_proc_id_same(&rec, &cur)) {
        return false;
    }
    *stale = false;
    return true;
}

/* Does the port answer like a load balancer would see it? */
static int
probe_port(const struct lbprobe_conf *conf, baton_reason_t *why)
{
    struct baton_http_url u = { .path = "/" };
    const char *host = baton_s(conf->bind, "127.0.0.1");

    snprintf(u.hp.host, sizeof(u.hp.host), "%s", host);
    snprintf(u.hp.port, sizeof(u.hp.port), "%s", conf->port);
    if (conf->http) {
        return baton_http_probe(&u, "200", NULL, LBPROBE_CHECK_MS, NULL, why);
    }
    return baton_tcp_probe(&u.hp, LBPROBE_CHECK_MS, why);
}

/* In the forked child: become the responder daemon. \p ready is closed
 * once the child leads its own session, which is what stop signals. */
static void
become_responder(const struct lbprobe_conf *conf, int fd, int ready)
{
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);

    setsid();
    close(ready);
    if (chdir("/") != 0) {
        _exit(1);
    }
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
    }
    if (dup2(fd, 3) < 0) {
        _exit(1);
    }
    syscall(SYS_close_range, 4U, ~0U, 0U);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    prctl(PR_SET_NAME, LBPROBE_COMM, 0, 0, 0);
    lbprobe_serve(conf, 3);
}

static int
record(const struct lbprobe_conf *conf, pid_t pid, baton_reason_t *why)
{
    int rc = baton_proc_record_started(conf->idfile, conf->pidfile, pid, why);

    if (rc != BATON_RC_OK) {
        kill(pid, SIGKILL);
    }
    return rc;
}

/* Wait for the child to close its end of the pipe (EOF on ours) */
static int
wait_session(int fd, unsigned long timeout_ms, baton_reason_t *why)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    char c = 0;
    int n = poll(&pfd, 1, (int) timeout_ms);

    if (n == 1) {
        n = (int) read(fd, &c, 1);
        if (n == 0) {
            return BATON_RC_OK;
        }
    }
    baton_reason_set(why, "The responder did not start its session");
    return (n < 0) ? errno : BATON_RC_TIMEOUT;
}

static int
lbprobe_start(baton_ocf_t *ocf, enum baton_res_state *state,
              baton_reason_t *why)
{
    struct lbprobe_conf conf;
    bool stale = false;
    pid_t pid = 0;
    int fd = -1;
    int ready[2] = { -1, -1 };
    int rc = conf_load(&conf, ocf, why);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (responder(&conf, &pid, &stale)) {
        /* Already running: succeed only if it really answers */
        return probe_port(&conf, why);
    }
    rc = lbprobe_listen(&conf, &fd, why);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (pipe2(ready, O_CLOEXEC) != 0) {
        rc = errno;
        close(fd);
        return rc;
    }
    pid = fork();
    if (pid < 0) {
        rc = errno;
        close(fd);
        close(ready[0]);
        close(ready[1]);
        return rc;
    }
    if (pid == 0) {
        close(ready[0]);
        become_responder(&conf, fd, ready[1]);
    }
    close(fd);
    close(ready[1]);
    /* Until the child has its own session a stop would signal a process
     * group that does not exist yet and leave the responder running */
    rc = wait_session(ready[0], baton_ocf_timeout_ms(ocf), why);
    close(ready[0]);
    rc = (rc != BATON_RC_OK) ? rc : record(&conf, pid, why);
    if (rc == BATON_RC_OK) {
        rc = probe_port(&conf, why);
    }
    if (rc == BATON_RC_OK) {
        baton_info("Answering port %s " QB_XS " pid=%d", conf.port,
                   (int) pid);
        *state = BATON_RES_RUNNING;
    }
    return rc;
}

static bool
wait_gone(pid_t pid, unsigned long long until)
{
    while (baton_proc_group_alive(pid)) {
        if (baton_clock_now_ms() >= until) {
            return false;
        }
        baton_sleep_ms(LBPROBE_POLL_MS);
    }
    return true;
}

static int
lbprobe_stop(baton_ocf_t *ocf, enum baton_res_state *state,
             baton_reason_t *why)
{
    struct lbprobe_conf conf;
    unsigned long long start = baton_clock_now_ms();
    bool stale = false;
    pid_t pid = 0;

    conf_load_lenient(&conf, ocf);     /* only the pidfile matters */
    if (responder(&conf, &pid, &stale)) {
        baton_proc_signal_group(pid, SIGTERM, NULL);
        if (!wait_gone(pid, start + conf.timeout_ms * 2 / 3)) {
            baton_proc_signal_group(pid, SIGKILL, NULL);
            if (!wait_gone(pid, start + conf.timeout_ms - 500)) {
                baton_reason_set(why, "Responder %d survives SIGKILL",
                                 (int) pid);
                return BATON_RC_FAILED;
            }
        }
    }
    unlink(conf.pidfile);
    unlink(conf.idfile);
    return BATON_RC_OK;
}

static int
lbprobe_monitor(baton_ocf_t *ocf, enum baton_res_state *state,
                baton_reason_t *why)
{
    struct lbprobe_conf conf;
    baton_reason_t inner = BATON_REASON_INIT;
    bool stale = false;
    pid_t pid = 0;
    int rc = conf_load(&conf, ocf, why);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (!responder(&conf, &pid, &stale)) {
        *state = (stale && !baton_ocf_is_probe(ocf)) ? BATON_RES_FAILED
                 : BATON_RES_STOPPED;
        if (stale) {
            baton_reason_set(why, "Responder %d for port %s is gone",
                             (int) pid, conf.port);
        }
        return BATON_RC_OK;
    }
    if (probe_port(&conf, &inner) != BATON_RC_OK) {
        baton_reason_set(why, "Responder %d runs but port %s does not "
                         "answer: %s", (int) pid, conf.port, inner.text);
        *state = BATON_RES_FAILED;
        return BATON_RC_OK;
    }
    *state = BATON_RES_RUNNING;
    return BATON_RC_OK;
}

const struct baton_ocf_op lbprobe_ops[] = {
    { BATON_OCF_ACTION_START, lbprobe_start },
    { BATON_OCF_ACTION_STOP, lbprobe_stop },
    { BATON_OCF_ACTION_MONITOR, lbprobe_monitor },
    { NULL, NULL },
};
