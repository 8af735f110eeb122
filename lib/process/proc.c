/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Process identity, pidfiles and process-group signalling through /proc.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "baton/file.h"
#include "baton/proc.h"
#include "baton/rc.h"
#include "baton/rundir.h"

#define DELETED_SUFFIX " (deleted)"
/* Pidfiles are readable by all, as with fopen() under umask 022 */
#define BATON_PIDFILE_MODE 0644

int
baton_proc_stat_parse(const char *text, struct baton_proc_stat *st)
{
    const char *p = strrchr(text, ')');   /* comm ends at the last ')' */
    unsigned long long skip = 0;
    int ppid = 0, pgrp = 0, session = 0;
    char state = 0;

    if ((p == NULL) || (strchr(text, '(') == NULL)) {
        return BATON_RC_PROTOCOL;
    }
    /* fields 3..22: state ppid pgrp session tty tpgid flags minflt
     * cminflt majflt cmajflt utime stime cutime cstime priority nice
     * num_threads itrealvalue starttime */
    if (sscanf(p + 1, " %c %d %d %d %llu %llu %llu %llu %llu %llu %llu "
               "%llu %llu %llu %llu %llu %llu %llu %llu %llu",
               &state, &ppid, &pgrp, &session, &skip, &skip, &skip, &skip,
               &skip, &skip, &skip, &skip, &skip, &skip, &skip, &skip, &skip,
               &skip, &skip, &st->start_ticks) != 20) {
        return BATON_RC_PROTOCOL;
    }
    st->state = state;
    st->ppid = (pid_t) ppid;
    st->pgrp = (pid_t) pgrp;
    st->session = (pid_t) session;
    return BATON_RC_OK;
}

/* Read a small file. Pidfiles may sit in a directory the application's
 * user owns: O_NOFOLLOW refuses a link planted there (ELOOP), and
 * O_NONBLOCK keeps a planted FIFO from blocking the agent. */
static int
read_small_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    ssize_t n = 0;

    if (fd < 0) {
        return errno;
    }
    n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0) {
        return errno;
    }
    buf[n] = '\0';
    return BATON_RC_OK;
}

static int
read_stat(pid_t pid, struct baton_proc_stat *st)
{
    char path[64];
    char buf[1024];
    int rc = BATON_RC_OK;

    snprintf(path, sizeof(path), "/proc/%d/stat", (int) pid);
    rc = read_small_file(path, buf, sizeof(buf));
    if (rc == ENOENT) {
        return ESRCH;
    }
    if (rc == BATON_RC_OK) {
        rc = baton_proc_stat_parse(buf, st);
    }
    return rc;
}

int
baton_proc_id_read(pid_t pid, struct baton_proc_id *id)
{
    struct baton_proc_stat st;
    char path[64];
    ssize_t n = 0;
    int rc = BATON_RC_OK;

    if (pid <= 0) {
        return ESRCH;
    }
    rc = read_stat(pid, &st);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    if ((st.state == 'Z') || (st.state == 'X')) {
        return ESRCH;
    }
    id->pid = pid;
    id->start_ticks = st.start_ticks;
    snprintf(path, sizeof(path), "/proc/%d/exe", (int) pid);
    n = readlink(path, id->exe, sizeof(id->exe) - 1);
    id->exe[(n > 0) ? n : 0] = '\0';
    return BATON_RC_OK;
}

static size_t
exe_len(const char *exe)
{
    size_t len = strlen(exe);
    size_t slen = strlen(DELETED_SUFFIX);

    if ((len > slen) && (strcmp(exe + len - slen, DELETED_SUFFIX) == 0)) {
        len -= slen;
    }
    return len;
}

bool
baton_proc_id_same(const struct baton_proc_id *a,
                   const struct baton_proc_id *b)
{
    size_t la = exe_len(a->exe);
    size_t lb = exe_len(b->exe);

    if ((a->pid != b->pid) || (a->start_ticks != b->start_ticks)) {
        return false;
    }
    if ((la == 0) || (lb == 0)) {
        return true;
    }
    return (la == lb) && (memcmp(a->exe, b->exe, la) == 0);
}

int
baton_proc_id_write_file(const char *path, const struct baton_proc_id *id)
{
    char text[PATH_MAX + 64];

    snprintf(text, sizeof(text), "%d %llu %s\n", (int) id->pid,
             id->start_ticks, id->exe);
    return baton_file_replace(path, text, BATON_PIDFILE_MODE);
}

int
baton_proc_id_read_file(const char *path, struct baton_proc_id *id)
{
    char buf[PATH_MAX + 64];
    int pid = 0;
    int used = 0;
    char *nl = NULL;
    int rc = read_small_file(path, buf, sizeof(buf));

    if (rc != BATON_RC_OK) {
        return rc;
    }
    if ((sscanf(buf, "%d %llu %n", &pid, &id->start_ticks, &used) < 2)
        || (pid <= 0)) {
        return BATON_RC_PROTOCOL;
    }
    id->pid = (pid_t) pid;
    snprintf(id->exe, sizeof(id->exe), "%s", buf + used);
    nl = strchr(id->exe, '\n');
    if (nl != NULL) {
        *nl = '\0';
    }
    return BATON_RC_OK;
}

int
baton_pidfile_read(const char *path, pid_t *pid)
{
    char buf[128];
    char *p = buf;
    long long v = 0;
    int rc = read_small_file(path, buf, sizeof(buf));

    if (rc != BATON_RC_OK) {
        return rc;
    }
    while ((*p != '\0') && !isdigit((unsigned char) *p)) {
        p++;
    }
    v = strtoll(p, NULL, 10);
    if ((v <= 0) || (v > INT_MAX)) {
        return BATON_RC_PROTOCOL;
    }
    *pid = (pid_t) v;
    return BATON_RC_OK;
}

int
baton_pidfile_write(const char *path, pid_t pid)
{
    char text[32];

    snprintf(text, sizeof(text), "%d\n", (int) pid);
    return baton_file_replace(path, text, BATON_PIDFILE_MODE);
}

int
baton_proc_record(const char *idfile, const char *pidfile, pid_t pid)
{
    struct baton_proc_id id = { .pid = pid };
    int rc = BATON_RC_OK;

    /* Without /proc details the identity still holds the PID */
    (void) baton_proc_id_read(pid, &id);
    rc = baton_proc_id_write_file(idfile, &id);
    return (rc == BATON_RC_OK) ? baton_pidfile_write(pidfile, pid) : rc;
}

int
baton_proc_record_started(const char *idfile, const char *pidfile, pid_t pid,
                          baton_reason_t *why)
{
    int rc = BATON_RC_OK;

    if (baton_rundir_holds(pidfile)) {
        rc = baton_rundir_ensure(BATON_RUN_DIR, why);
    }
    if (rc == BATON_RC_OK) {
        rc = baton_proc_record(idfile, pidfile, pid);
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot write pidfile %s: %s", pidfile,
                         baton_rc_str(rc));
    }
    return rc;
}

int
baton_proc_recorded(const char *idfile, const char *pidfile, pid_t *pid,
                    enum baton_proc_record_state *state)
{
    struct baton_proc_id rec;
    struct baton_proc_id now;
    int rc = baton_pidfile_read(pidfile, pid);

    if (rc != BATON_RC_OK) {
        *pid = 0;
        *state = (rc == ENOENT) ? BATON_PROC_NONE : BATON_PROC_GONE;
        return BATON_RC_OK;
    }
    *state = BATON_PROC_GONE;
    if ((baton_proc_id_read_file(idfile, &rec) == BATON_RC_OK)
        && (rec.pid == *pid)
        && (baton_proc_id_read(*pid, &now) == BATON_RC_OK)
        && baton_proc_id_same(&rec, &now)) {
        *state = BATON_PROC_OURS;
    }
    return BATON_RC_OK;
}

/* Signal (or with sig 0, count) every live process in the group or the
 * session of leader. The kernel does not reuse a PID while it names a
 * group or session, so these are the leader's, not a recycled PID's. */
static int
scan_group(pid_t leader, int sig, unsigned *count)
{
    DIR *d = opendir("/proc");
    struct dirent *de = NULL;
    struct baton_proc_stat st;
    unsigned n = 0;

    if (d == NULL) {
        return errno;
    }
    while ((de = readdir(d)) != NULL) {
        pid_t pid = (pid_t) atoi(de->d_name);

        if ((pid <= 0) || (read_stat(pid, &st) != BATON_RC_OK)
            || (st.state == 'Z') || (st.state == 'X')
            || ((st.pgrp != leader) && (st.session != leader))) {
            continue;
        }
        if ((sig == 0) || (kill(pid, sig) == 0)) {
            n++;
        }
    }
    closedir(d);
    *count = n;
    return BATON_RC_OK;
}

int
baton_proc_signal_group(pid_t leader, int sig, unsigned *count)
{
    unsigned n = 0;
    int rc = BATON_RC_OK;

    if (leader <= 1) {
        return EINVAL;
    }
    rc = scan_group(leader, sig, &n);
    /* A member forked while we scanned is still in the group */
    kill(-leader, sig);
    if (count != NULL) {
        *count = n;
    }
    return rc;
}

bool
baton_proc_group_alive(pid_t leader)
{
    unsigned n = 0;

    if (leader <= 1) {
        return false;
    }
    return (scan_group(leader, 0, &n) == BATON_RC_OK) && (n > 0);
}
