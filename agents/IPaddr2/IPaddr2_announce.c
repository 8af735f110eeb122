/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:IPaddr2 announcements: the first packet from start itself, the
 * rest in the foreground or from a background process that stop kills.
 * The background process records its pid in the run directory, in a file
 * named after the network namespace and the address (the address is
 * unique).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <net/if_arp.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "baton/rundir.h"
#include "IPaddr2.h"

static void
pidfile_path(const struct ipaddr2_conf *c, char *buf, size_t len)
{
    struct stat st = { .st_ino = 0 };
    char ip[BATON_INADDR_STRLEN];

    /* Same address in two namespaces: two resources, two files */
    (void) stat("/proc/self/ns/net", &st);
    snprintf(buf, len, BATON_RUN_DIR "/IPaddr2-%lu-%s.pid",
             (unsigned long) st.st_ino,
             baton_inaddr_str(&c->ip, false, ip, sizeof(ip)));
}

static int
pidfile_write(const char *path, pid_t pid)
{
    char text[32];
    int len = snprintf(text, sizeof(text), "%ld\n", (long) pid);
    int fd;
    int rc = BATON_RC_OK;

    rc = baton_rundir_ensure(BATON_RUN_DIR, NULL);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return errno;
    }
    if (write(fd, text, (size_t) len) != len) {
        rc = EIO;
    }
    close(fd);
    return rc;
}

static pid_t
pidfile_read(const char *path)
{
    char text[32] = "";
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;
    long long pid = 0;

    if (fd < 0) {
        return 0;
    }
    n = read(fd, text, sizeof(text) - 1);
    close(fd);
    text[(n > 0) ? n : 0] = '\0';
    text[strcspn(text, "\n")] = '\0';
    if ((baton_parse_int(text, &pid) != BATON_RC_OK) || (pid <= 1)) {
        return 0;
    }
    return (pid_t) pid;
}

/* Whether pid is still one of our announcers (and not a reused pid) */
static bool
is_announcer(pid_t pid)
{
    char path[64];
    char comm[32] = "";
    int fd;
    ssize_t n;

    snprintf(path, sizeof(path), "/proc/%ld/comm", (long) pid);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    n = read(fd, comm, sizeof(comm) - 1);
    close(fd);
    comm[(n > 0) ? n : 0] = '\0';
    comm[strcspn(comm, "\n")] = '\0';
    return strcmp(comm, IPADDR2_SENDER_COMM) == 0;
}

int
ipaddr2_announcer_stop(const struct ipaddr2_conf *c)
{
    char path[256];
    pid_t pid;

    pidfile_path(c, path, sizeof(path));
    pid = pidfile_read(path);
    if ((pid > 0) && is_announcer(pid)) {
        if (kill(pid, SIGKILL) == 0) {
            baton_debug("Killed announcer %ld", (long) pid);
        }
    }
    if ((unlink(path) < 0) && (errno != ENOENT)) {
        return errno;
    }
    return BATON_RC_OK;
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
    char path[256];
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
    pidfile_path(&ctx->conf, path, sizeof(path));
    rc = pidfile_write(path, pid);
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
                              &ctx->conf.ip, ctx->conf.arp_op, &len);
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
