/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The run directory: created once, checked every time before root writes
 * in it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "baton/rc.h"
#include "baton/rundir.h"

/* Whether anyone but root (or the caller) could add, remove or replace
 * entries in the directory */
static int
check_owner_mode(const char *dir, const struct stat *st, baton_reason_t *why)
{
    if ((st->st_uid != 0) && (st->st_uid != geteuid())) {
        baton_reason_set(why, "%s belongs to uid %lu, not root", dir,
                         (unsigned long) st->st_uid);
        return EPERM;
    }
    if (((st->st_mode & S_IWOTH) != 0)
        || (((st->st_mode & S_IWGRP) != 0) && (st->st_gid != 0))) {
        baton_reason_set(why, "%s is writable by others (mode %04o)", dir,
                         (unsigned) (st->st_mode & 07777));
        return EPERM;
    }
    return BATON_RC_OK;
}

/* A directory just created: give back the bits the umask took away */
static void
set_mode(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

    if (fd >= 0) {
        (void) fchmod(fd, BATON_RUN_DIR_MODE);
        close(fd);
    }
}

int
baton_rundir_ensure(const char *dir, baton_reason_t *why)
{
    struct stat st;
    int fd = -1;
    int rc = BATON_RC_OK;

    if (mkdir(dir, BATON_RUN_DIR_MODE) == 0) {
        set_mode(dir);
    } else if (errno != EEXIST) {
        rc = errno;
        baton_reason_set(why, "Cannot create %s: %s", dir, strerror(rc));
        return rc;
    }
    /* O_PATH | O_NOFOLLOW opens a planted link itself, so fstat() sees the
     * link, not what it points to, and then checks what was opened, not a
     * name that could change in between */
    fd = open(dir, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        rc = errno;
        baton_reason_set(why, "Cannot use %s: %s", dir, strerror(rc));
        return rc;
    }
    if (fstat(fd, &st) != 0) {
        rc = errno;
        baton_reason_set(why, "Cannot use %s: %s", dir, strerror(rc));
    } else if (S_ISLNK(st.st_mode)) {
        rc = ELOOP;
        baton_reason_set(why, "Cannot use %s: it is a symbolic link", dir);
    } else if (!S_ISDIR(st.st_mode)) {
        rc = ENOTDIR;
        baton_reason_set(why, "Cannot use %s: it is not a directory", dir);
    } else {
        rc = check_owner_mode(dir, &st, why);
    }
    close(fd);
    return rc;
}

bool
baton_rundir_holds(const char *path)
{
    size_t len = strlen(BATON_RUN_DIR);

    return (path != NULL) && (strncmp(path, BATON_RUN_DIR, len) == 0)
           && (path[len] == '/') && (path[len + 1] != '\0')
           && (strchr(path + len + 1, '/') == NULL);
}
