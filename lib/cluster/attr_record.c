/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The record of what this node last wrote to pacemaker-attrd (see
 * include/baton/attr_record.h). A file of its own rather than part of
 * rsc_attrs.c: ocf:baton:drbd uses it without the membership code there,
 * which links corosync's libraries (and libqb behind them).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "baton/attr_record.h"
#include "baton/file.h"
#include "baton/proc.h"
#include "baton/rc.h"
#include "baton/rundir.h"

/* "VALUE" alone, or "VALUE\nattrd PID START_TICKS\n" */
#define RECORD_ATTRD_TAG "attrd"
#define RECORD_MAX       512

/* Seconds since \p st was modified. The precise clock, not time(): since
 * Linux 6.13 a file's times may be fine-grained (multigrain timestamps),
 * ahead of the coarse clock time() reads by up to a tick, so a file
 * written just after a second began looked written in the future. */
static time_t
age_of(const struct stat *st)
{
    struct timespec now;

    if (clock_gettime(CLOCK_REALTIME, &now) != 0) {
        return -1;
    }
    return now.tv_sec - st->st_mtim.tv_sec;
}

/* The attrd process named after the value's line still runs */
static bool
same_attrd(const char *rest)
{
    struct baton_proc_id now;
    int pid = 0;
    unsigned long long start = 0;

    if (rest[0] == '\0') {
        return true;
    }
    if (sscanf(rest, RECORD_ATTRD_TAG " %d %llu", &pid, &start) != 2) {
        return false;
    }
    return (baton_proc_id_read((pid_t) pid, &now) == BATON_RC_OK)
           && (now.start_ticks == start);
}

bool
baton_attr_record_holds(const char *path, const char *value,
                        unsigned refresh_s)
{
    char buf[RECORD_MAX];
    struct stat st;
    ssize_t n = -1;
    size_t len = strlen(value);
    time_t age;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

    if (fd < 0) {
        return false;
    }
    if (fstat(fd, &st) == 0) {
        n = read(fd, buf, sizeof(buf) - 1);
    }
    close(fd);
    if (n < 0) {
        return false;
    }
    buf[n] = '\0';
    age = age_of(&st);
    if ((age < 0) || (age >= (time_t) refresh_s)
        || (strncmp(buf, value, len) != 0)
        || ((buf[len] != '\0') && (buf[len] != '\n'))) {
        return false;
    }
    return same_attrd((buf[len] == '\n') ? buf + len + 1 : buf + len);
}

/* The record's text: the value, then who took it when known */
static int
record_text(const char *value, pid_t attrd_pid, char *buf, size_t size)
{
    struct baton_proc_id id;
    int n;

    if ((attrd_pid > 0) && (baton_proc_id_read(attrd_pid, &id)
                            == BATON_RC_OK)) {
        n = snprintf(buf, size, "%s\n" RECORD_ATTRD_TAG " %d %llu\n", value,
                     (int) attrd_pid, id.start_ticks);
    } else {
        n = snprintf(buf, size, "%s", value);
    }
    return ((n < 0) || ((size_t) n >= size)) ? EINVAL : BATON_RC_OK;
}

int
baton_attr_record_set(const char *path, const char *value, pid_t attrd_pid)
{
    char text[RECORD_MAX];
    int rc;

    if (value == NULL) {
        return ((unlink(path) == 0) || (errno == ENOENT)) ? BATON_RC_OK
                                                          : errno;
    }
    rc = record_text(value, attrd_pid, text, sizeof(text));
    if ((rc == BATON_RC_OK) && baton_rundir_holds(path)) {
        rc = baton_rundir_ensure(BATON_RUN_DIR, NULL);
    }
    if (rc == BATON_RC_OK) {
        rc = baton_file_replace(path, text, 0644);
    }
    return rc;
}

int
baton_attr_record_send(baton_attrd_session_t *s, const char *path,
                       const struct baton_attrd_req *req, bool *written)
{
    bool removal = (req->cmd == BATON_ATTRD_DELETE);
    int rc;

    if (written != NULL) {
        *written = false;
    }
    if (!removal && (req->value != NULL)
        && baton_attr_record_holds(path, req->value,
                                   BATON_ATTR_RECORD_REFRESH_S)) {
        return BATON_RC_OK;
    }
    /* before the request: a record must never outlive what it records */
    (void) baton_attr_record_set(path, NULL, 0);
    if (written != NULL) {
        *written = true;
    }
    rc = baton_attrd_session_send(s, req, NULL);
    if ((rc == BATON_RC_OK) && !removal) {
        (void) baton_attr_record_set(path, req->value,
                                     baton_attrd_session_server(s));
    }
    return rc;
}
