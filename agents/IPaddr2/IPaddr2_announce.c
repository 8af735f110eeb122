/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:IPaddr2 announcements: the first packet from start itself, the
 * rest in the foreground or from a background process that stop kills.
 * The background process is recorded in the run directory (pidfile and
 * identity, lib/process/proc), in files named after the network namespace
 * and the address (the address is unique).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <net/if_arp.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/proc.h"
#include "baton/rc.h"
#include "baton/rundir.h"
#include "IPaddr2.h"

/* Suffix of the identity file beside an announcer's pidfile */
#define IPADDR2_ID_SUFFIX ".id"

/* Where a background announcer is recorded */
struct announcer_files {
    char pidfile[256];
    char idfile[264];
};

static void
announcer_files(const struct ipaddr2_conf *c, struct announcer_files *f)
{
    struct stat st = { .st_ino = 0 };
    char ip[BATON_INADDR_STRLEN];

    /* Same address in two namespaces: two resources, two files */
    (void) stat("/proc/self/ns/net", &st);
    snprintf(f->pidfile, sizeof(f->pidfile),
             BATON_RUN_DIR "/IPaddr2-%lu-%s.pid", (unsigned long) st.st_ino,
             baton_inaddr_str(&c->ip, false, ip, sizeof(ip)));
    snprintf(f->idfile, sizeof(f->idfile), "%s" IPADDR2_ID_SUFFIX,
             f->pidfile);
}

int
ipaddr2_announcer_stop(const struct ipaddr2_conf *c)
{
    struct announcer_files f;
    enum baton_proc_record_state st = BATON_PROC_NONE;
    pid_t pid = 0;
    int rc = BATON_RC_OK;

    announcer_files(c, &f);
    (void) baton_proc_recorded(f.idfile, f.pidfile, &pid, &st);
    /* Only the process we recorded: its name alone is no proof, since
     * the PID of a finished announcer may now be another address's */
    if ((st == BATON_PROC_OURS) && (kill(pid, SIGKILL) == 0)) {
        baton_debug("Killed announcer %ld", (long) pid);
    } else if (st == BATON_PROC_GONE) {
        baton_debug("Announcer %ld already gone " QB_XS " %s", (long) pid,
                    f.pidfile);
    }
    if ((unlink(f.pidfile) < 0) && (errno != ENOENT)) {
        rc = errno;
    }
    if ((unlink(f.idfile) < 0) && (errno != ENOENT) && (rc == BATON_RC_OK)) {
        rc = errno;
    }
    return rc;
}

/* The background announcer: waits until its pid is recorded, then sends */
static void
announcer_child(int go_fd, int fd, const struct ipaddr2_ctx *ctx,
                const uint8_t *frame, size_t len, unsigned count)
{
    char byte;
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);

    (void) prctl(PR_SET_NAME, IPADDR2_SENDER_COMM, 0, 0, 0);
    (void) setsid();
    /* execd and ocf-tester wait for the agent's output pipes to close */
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
    }
    (void) read(go_fd, &byte, 1);
    close(go_fd);
    baton_sleep_ms(ctx->conf.arp_interval_ms);
    (void) baton_announce_repeat(fd, ctx->link.ifindex, frame, len, count,
                                 ctx->conf.arp_interval_ms);
    _exit(0);
}

static int
announce_background(int fd, const struct ipaddr2_ctx *ctx,
                    const uint8_t *frame, size_t len, unsigned count)
{
    struct announcer_files f;
    int go[2];
    pid_t pid;
    int rc;

    if (pipe2(go, O_CLOEXEC) < 0) {
        return errno;
    }
    pid = fork();
    if (pid < 0) {
        rc = errno;
        close(go[0]);
        close(go[1]);
        return rc;
    }
    if (pid == 0) {
        close(go[1]);
        announcer_child(go[0], fd, ctx, frame, len, count);
    }
    close(go[0]);
    announcer_files(&ctx->conf, &f);
    /* Its identity (start time), so that stop kills this process and not
     * whatever later gets its PID */
    rc = baton_proc_record_started(f.idfile, f.pidfile, pid, NULL);
    if (rc != BATON_RC_OK) {
        /* Without a record stop could not kill it: do not leave it */
        kill(pid, SIGKILL);
    }
    close(go[1]);                   /* lets the child go */
    return rc;
}

static bool
can_announce(const struct baton_link *link)
{
    return ((link->flags & IFF_NOARP) == 0) && (link->hwaddr_len == 6)
           && (link->type == ARPHRD_ETHER);
}

int
ipaddr2_announce(const struct ipaddr2_ctx *ctx, unsigned count,
                 bool background)
{
    uint8_t frame[BATON_ANNOUNCE_MAX];
    size_t len = 0;
    int fd = -1;
    int rc;

    if ((count == 0) || !can_announce(&ctx->link)) {
        baton_debug("No announcement on %s", ctx->link.name);
        return BATON_RC_OK;
    }
    rc = baton_announce_build(frame, sizeof(frame), ctx->link.hwaddr,
                              &ctx->conf.ip, ctx->conf.arp.op, &len);
    rc = (rc != BATON_RC_OK) ? rc : baton_announce_open(ctx->link.ifindex, &fd);
    rc = (rc != BATON_RC_OK) ? rc
         : baton_announce_repeat(fd, ctx->link.ifindex, frame, len, 1, 0);
    if ((rc == BATON_RC_OK) && (count > 1) && background) {
        rc = announce_background(fd, ctx, frame, len, count - 1);
    } else if ((rc == BATON_RC_OK) && (count > 1)) {
        baton_sleep_ms(ctx->conf.arp_interval_ms);
        rc = baton_announce_repeat(fd, ctx->link.ifindex, frame, len,
                                   count - 1, ctx->conf.arp_interval_ms);
    }
    if (fd >= 0) {
        close(fd);
    }
    if (rc != BATON_RC_OK) {
        /* The address works; neighbours will learn it on their own */
        baton_warn("Cannot announce the address on %s: %s", ctx->link.name,
                   baton_rc_str(rc));
    }
    return rc;
}
