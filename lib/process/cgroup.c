/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A cgroup v2 directory per managed program: found, created, entered,
 * emptied and removed through the cgroup file system.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton/cgroup.h"
#include "baton/clock.h"
#include "baton/rc.h"

#define CGROUP_FSTYPE  "cgroup2"
#define CGROUP_PROCS   "cgroup.procs"
#define CGROUP_EVENTS  "cgroup.events"
#define CGROUP_KILL    "cgroup.kill"
#define CGROUP_MODE    0755
/* Between two rounds of SIGKILL, or two looks at cgroup.events */
#define CGROUP_POLL_MS 10

/* Copy a mountinfo field, undoing its octal escapes (\040 is a space) */
static int
unescape(const char *in, char *out, size_t size)
{
    size_t o = 0;

    for (size_t i = 0; in[i] != '\0'; i++) {
        char c = in[i];

        if ((c == '\\') && (in[i + 1] >= '0') && (in[i + 1] <= '3')
            && (in[i + 2] >= '0') && (in[i + 2] <= '7')
            && (in[i + 3] >= '0') && (in[i + 3] <= '7')) {
            c = (char) (((in[i + 1] - '0') << 6) | ((in[i + 2] - '0') << 3)
                        | (in[i + 3] - '0'));
            i += 3;
        }
        if (o + 1 >= size) {
            return ENAMETOOLONG;
        }
        out[o++] = c;
    }
    out[o] = '\0';
    return BATON_RC_OK;
}

/* "36 25 0:30 / /sys/fs/cgroup rw,... shared:9 - cgroup2 cgroup2 rw":
 * the mount point of a cgroup2 mount, and whether it shows the
 * hierarchy's root (not a bind mount of a sub-directory) */
static bool
cgroup2_line(char *line, char **mnt, bool *whole)
{
    char *sep = strstr(line, " - ");
    char *save = NULL;
    char *field = NULL;
    char *root = NULL;

    if ((sep == NULL) || (strncmp(sep + 3, CGROUP_FSTYPE " ",
                                  strlen(CGROUP_FSTYPE) + 1) != 0)) {
        return false;
    }
    *sep = '\0';
    field = strtok_r(line, " ", &save);             /* mount id */
    for (int i = 1; (field != NULL) && (i < 5); i++) {
        field = strtok_r(NULL, " ", &save);         /* parent, dev, root, mnt */
        if (i == 3) {
            root = field;
        }
    }
    if ((field == NULL) || (root == NULL)) {
        return false;
    }
    *mnt = field;
    *whole = (strcmp(root, "/") == 0);
    return true;
}

int
baton_cgroup_root(const char *mountinfo, char *out, size_t size)
{
    FILE *f = fopen(mountinfo, "re");
    char *line = NULL;
    size_t cap = 0;
    int rc = ENOENT;

    if (f == NULL) {
        return errno;
    }
    while (getline(&line, &cap, f) > 0) {
        char *mnt = NULL;
        bool whole = false;

        line[strcspn(line, "\n")] = '\0';
        if (!cgroup2_line(line, &mnt, &whole)) {
            continue;
        }
        /* The first mount of the whole hierarchy wins; a bind mount of a
         * sub-directory only when there is nothing else */
        if ((rc == ENOENT) || whole) {
            rc = unescape(mnt, out, size);
        }
        if (whole) {
            break;
        }
    }
    free(line);
    fclose(f);
    return rc;
}

int
baton_cgroup_path(const char *root, const char *name, char *path,
                  size_t size)
{
    int n;

    if ((name == NULL) || (name[0] == '\0') || (strcmp(name, ".") == 0)
        || (strcmp(name, "..") == 0) || (strpbrk(name, "/\n") != NULL)) {
        return EINVAL;
    }
    n = snprintf(path, size, "%s/" BATON_CGROUP_BASE "/%s", root, name);
    if ((n < 0) || ((size_t) n >= size)) {
        return ENAMETOOLONG;
    }
    return BATON_RC_OK;
}

static int
mkdir_one(const char *dir)
{
    if ((mkdir(dir, CGROUP_MODE) != 0) && (errno != EEXIST)) {
        return errno;
    }
    return BATON_RC_OK;
}

int
baton_cgroup_create(const char *path)
{
    char *parent = strdup(path);
    char *slash = NULL;
    int rc = BATON_RC_OK;

    baton_assert_alloc(parent);
    slash = strrchr(parent, '/');
    if ((slash != NULL) && (slash != parent)) {
        *slash = '\0';
        rc = mkdir_one(parent);
    }
    free(parent);
    return (rc == BATON_RC_OK) ? mkdir_one(path) : rc;
}

/* A file of the cgroup, opened with flags */
static int
open_file(const char *path, const char *file, int flags, int *fd)
{
    char name[4096];
    int n = snprintf(name, sizeof(name), "%s/%s", path, file);

    if ((n < 0) || ((size_t) n >= sizeof(name))) {
        return ENAMETOOLONG;
    }
    *fd = open(name, flags | O_CLOEXEC | O_NOFOLLOW);
    return (*fd < 0) ? errno : BATON_RC_OK;
}

int
baton_cgroup_open_procs(const char *path, int *fd)
{
    return open_file(path, CGROUP_PROCS, O_WRONLY, fd);
}

/* Write text to one of the cgroup's files */
static int
write_file(const char *path, const char *file, const char *text)
{
    int fd = -1;
    int rc = open_file(path, file, O_WRONLY, &fd);
    ssize_t len = (ssize_t) strlen(text);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (write(fd, text, (size_t) len) != len) {
        rc = (errno != 0) ? errno : EIO;
    }
    close(fd);
    return rc;
}

int
baton_cgroup_enter(const char *path, pid_t pid)
{
    char text[24];

    snprintf(text, sizeof(text), "%d\n", (int) pid);
    return write_file(path, CGROUP_PROCS, text);
}

/* The cgroup's file, read whole (NUL-terminated); NULL with errno set */
static char *
read_file(const char *path, const char *file)
{
    int fd = -1;
    int rc = open_file(path, file, O_RDONLY, &fd);
    char *text = NULL;
    size_t len = 0;
    size_t cap = 0;

    if (rc != BATON_RC_OK) {
        errno = rc;
        return NULL;
    }
    while (true) {
        ssize_t n;

        if (len + 1 >= cap) {
            char *grown = realloc(text, cap + 4096);

            baton_assert_alloc(grown);
            text = grown;
            cap += 4096;
        }
        n = read(fd, text + len, cap - len - 1);
        if (n <= 0) {
            break;
        }
        len += (size_t) n;
    }
    close(fd);
    text[len] = '\0';
    return text;
}

bool
baton_cgroup_populated(const char *path)
{
    char *events = read_file(path, CGROUP_EVENTS);
    const char *p = NULL;
    bool populated = false;

    if (events == NULL) {
        return false;
    }
    p = strstr(events, "populated ");
    populated = (p != NULL) && ((p == events) || (p[-1] == '\n'))
                && (p[strlen("populated ")] == '1');
    free(events);
    return populated;
}

int
baton_cgroup_signal(const char *path, int sig, unsigned *count)
{
    char *procs = read_file(path, CGROUP_PROCS);
    char *save = NULL;
    unsigned n = 0;

    if (count != NULL) {
        *count = 0;
    }
    if (procs == NULL) {
        return errno;
    }
    for (char *tok = strtok_r(procs, "\n", &save); tok != NULL;
         tok = strtok_r(NULL, "\n", &save)) {
        long pid = strtol(tok, NULL, 10);

        /* A process of the cgroup, never a process group (pid <= 0) */
        if ((pid > 1) && ((sig == 0) || (kill((pid_t) pid, sig) == 0))) {
            n++;
        }
    }
    free(procs);
    if (count != NULL) {
        *count = n;
    }
    return BATON_RC_OK;
}

int
baton_cgroup_kill(const char *path, uint64_t until_ms)
{
    bool have_kill = (write_file(path, CGROUP_KILL, "1") == BATON_RC_OK);
    struct stat st;

    if (stat(path, &st) != 0) {
        return (errno == ENOENT) ? BATON_RC_OK : errno;
    }
    while (baton_cgroup_populated(path)) {
        if (baton_clock_now_ms() >= until_ms) {
            return BATON_RC_TIMEOUT;
        }
        /* Without cgroup.kill a process may fork while we read the list:
         * kill again until nobody is left */
        if (!have_kill) {
            (void) baton_cgroup_signal(path, SIGKILL, NULL);
        }
        baton_sleep_ms(CGROUP_POLL_MS);
    }
    return BATON_RC_OK;
}

int
baton_cgroup_remove(const char *path)
{
    if ((rmdir(path) != 0) && (errno != ENOENT)) {
        return errno;
    }
    return BATON_RC_OK;
}
