/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Find the processes that hold mounts busy, through /proc only: readlink
 * and fdinfo, never a stat() of a path on a mounted filesystem.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baton/holders.h"
#include "baton/rc.h"
#include "storage_private.h"

#define FDINFO_HEAD 256      /* mnt_id is the third line of fdinfo */
#define NS_NAME_MAX 64       /* "mnt:[4026531840]" */
#define HOLDERS_GROW 16

/* The mounts looked for, as one mount namespace sees them */
struct ns_view {
    char ns[NS_NAME_MAX];          /* "" for the caller's when unknown */
    baton_mounts_t *own;           /* read for another namespace */
    const baton_mounts_t *mounts;
    unsigned *ids;
    const char **points;           /* ids' mount points (prefilter) */
    size_t n_ids;
};

struct scan {
    const struct baton_holders_query *q;
    int proc_fd;
    pid_t self;
    struct ns_view *views;
    size_t n_views;
    struct baton_holder *out;
    size_t n_out;
    size_t cap_out;
};

static void
view_add_id(struct ns_view *v, const struct baton_mount *m)
{
    v->ids[v->n_ids] = m->id;
    v->points[v->n_ids] = m->point;
    v->n_ids++;
}

static void
view_alloc(struct ns_view *v, size_t n)
{
    v->ids = calloc(n + 1, sizeof(*v->ids));
    v->points = calloc(n + 1, sizeof(*v->points));
    baton_assert_alloc(v->ids);
    baton_assert_alloc(v->points);
}

/* The caller's namespace: the ids as given */
static void
view_init_caller(struct scan *s, struct ns_view *v)
{
    const struct baton_holders_query *q = s->q;
    ssize_t n = readlinkat(s->proc_fd, "self/ns/mnt", v->ns,
                           sizeof(v->ns) - 1);

    v->ns[(n > 0) ? n : 0] = '\0';
    v->mounts = q->mounts;
    view_alloc(v, q->n_ids);
    for (size_t i = 0; i < q->n_ids; i++) {
        const struct baton_mount *m = baton_mounts_by_id(q->mounts,
                                                         q->ids[i]);

        if (m != NULL) {
            view_add_id(v, m);
        }
    }
}

/* Whether \p m (another namespace's) is a propagated copy of a target */
static bool
is_copy_of_target(const struct scan *s, const struct baton_mount *m)
{
    const struct baton_holders_query *q = s->q;

    for (size_t i = 0; i < q->n_ids; i++) {
        const struct baton_mount *t = baton_mounts_by_id(q->mounts,
                                                         q->ids[i]);

        if ((t != NULL) && (t->shared_group != 0) && (t->dev == m->dev)
            && (strcmp(t->root, m->root) == 0)
            && ((m->shared_group == t->shared_group)
                || (m->master_group == t->shared_group))) {
            return true;
        }
    }
    return false;
}

/* Another namespace: its table, and which of its mounts are copies */
static void
view_init_other(struct scan *s, struct ns_view *v, int pid_fd)
{
    char *text = NULL;
    size_t n = 0;

    if ((baton_storage_read_all(pid_fd, "mountinfo", &text, NULL)
         != BATON_RC_OK)
        || (baton_mounts_parse(text, &v->own) != BATON_RC_OK)) {
        v->own = NULL;
    }
    free(text);
    v->mounts = v->own;
    n = baton_mounts_count(v->own);
    view_alloc(v, n);
    for (size_t i = 0; i < n; i++) {
        const struct baton_mount *m = baton_mounts_get(v->own, i);

        if (is_copy_of_target(s, m)) {
            view_add_id(v, m);
        }
    }
}

/* The view of the namespace a process is in (created on first use) */
static struct ns_view *
view_for(struct scan *s, int pid_fd)
{
    char ns[NS_NAME_MAX];
    ssize_t n = readlinkat(pid_fd, "ns/mnt", ns, sizeof(ns) - 1);
    struct ns_view *v = NULL;
    struct ns_view *bigger = NULL;

    if ((n <= 0) || (s->views[0].ns[0] == '\0')) {
        return &s->views[0];        /* unknown: take it for the caller's */
    }
    ns[n] = '\0';
    for (size_t i = 0; i < s->n_views; i++) {
        if (strcmp(s->views[i].ns, ns) == 0) {
            return &s->views[i];
        }
    }
    bigger = calloc(s->n_views + 1, sizeof(*bigger));
    baton_assert_alloc(bigger);
    memcpy(bigger, s->views, s->n_views * sizeof(*bigger));
    free(s->views);
    s->views = bigger;
    v = &s->views[s->n_views++];
    snprintf(v->ns, sizeof(v->ns), "%s", ns);
    view_init_other(s, v, pid_fd);
    return v;
}

static void
view_clear(struct ns_view *v)
{
    baton_mounts_free(v->own);
    free(v->ids);
    free(v->points);
}

static bool
has_id(const struct ns_view *v, unsigned id)
{
    for (size_t i = 0; i < v->n_ids; i++) {
        if (v->ids[i] == id) {
            return true;
        }
    }
    return false;
}

/* Whether \p path lies at or below one of the targets' mount points: a
 * path can only resolve to a mount whose point is its prefix */
static bool
under_a_target(const struct ns_view *v, const char *path)
{
    for (size_t i = 0; i < v->n_ids; i++) {
        size_t n = strlen(v->points[i]);

        if ((strncmp(path, v->points[i], n) == 0)
            && ((path[n] == '\0') || (path[n] == '/') || (path[n] == ' ')
                || ((n == 1) && (v->points[i][0] == '/')))) {
            return true;
        }
    }
    return false;
}

/* Whether a path (as the kernel writes it) shows one of the targets */
static bool
path_holds(const struct ns_view *v, const char *path)
{
    const struct baton_mount *m = NULL;

    if ((path[0] != '/') || !under_a_target(v, path)) {
        return false;
    }
    m = baton_mounts_resolve(v->mounts, path);
    return (m != NULL) && has_id(v, m->id);
}

static bool
link_holds(const struct ns_view *v, int pid_fd, const char *name)
{
    char path[PATH_MAX];
    ssize_t n = readlinkat(pid_fd, name, path, sizeof(path) - 1);

    if (n <= 0) {
        return false;
    }
    path[n] = '\0';
    return path_holds(v, path);
}

/* The mnt_id of one open file, from its fdinfo */
static bool
fdinfo_mnt_id(int fdinfo_fd, const char *name, unsigned *id)
{
    char buf[FDINFO_HEAD];
    const char *p = NULL;
    int fd = openat(fdinfo_fd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    ssize_t n = 0;

    if (fd < 0) {
        return false;
    }
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0) {
        return false;
    }
    buf[n] = '\0';
    p = strstr(buf, "mnt_id:");
    return (p != NULL) && (sscanf(p + 7, "%u", id) == 1);
}

/* Open files: the path each descriptor shows (readlink, no access to the
 * file) picks the candidates, fdinfo's mnt_id decides; sockets, pipes and
 * files elsewhere cost one readlink each */
static bool
fd_holds(const struct ns_view *v, int pid_fd)
{
    int fd_dir = openat(pid_fd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int fdinfo_fd = -1;
    DIR *d = NULL;
    const struct dirent *e = NULL;
    bool found = false;

    if (fd_dir < 0) {
        return false;
    }
    d = fdopendir(fd_dir);
    if (d == NULL) {
        close(fd_dir);
        return false;
    }
    while (!found && ((e = readdir(d)) != NULL)) {
        char path[PATH_MAX];
        ssize_t n = 0;
        unsigned id = 0;

        if (!isdigit((unsigned char) e->d_name[0])) {
            continue;
        }
        n = readlinkat(dirfd(d), e->d_name, path, sizeof(path) - 1);
        if (n <= 0) {
            continue;
        }
        path[n] = '\0';
        if ((path[0] != '/') || !under_a_target(v, path)) {
            continue;
        }
        if (fdinfo_fd < 0) {
            fdinfo_fd = openat(pid_fd, "fdinfo", O_RDONLY | O_DIRECTORY
                                                 | O_CLOEXEC);
        }
        found = (fdinfo_fd >= 0) && fdinfo_mnt_id(fdinfo_fd, e->d_name, &id)
                && has_id(v, id);
    }
    closedir(d);
    if (fdinfo_fd >= 0) {
        close(fdinfo_fd);
    }
    return found;
}

/* /proc/<pid>/maps: "start-end perms offset maj:min inode   path" */
static bool
maps_holds(const struct ns_view *v, int pid_fd)
{
    char *text = NULL;
    char *line = NULL;
    char *next = NULL;
    bool found = false;

    if (baton_storage_read_all(pid_fd, "maps", &text, NULL) != BATON_RC_OK) {
        return false;
    }
    for (line = text; !found && (line != NULL) && (*line != '\0');
         line = next) {
        char *path = NULL;

        next = strchr(line, '\n');
        if (next != NULL) {
            *next++ = '\0';
        }
        path = strchr(line, '/');
        found = (path != NULL) && path_holds(v, path);
    }
    free(text);
    return found;
}

static void
add_holder(struct scan *s, int pid_fd, pid_t pid, uint32_t holds)
{
    struct baton_holder *h = NULL;
    char *comm = NULL;

    if (s->n_out == s->cap_out) {
        struct baton_holder *bigger = calloc(s->cap_out + HOLDERS_GROW,
                                             sizeof(*bigger));

        baton_assert_alloc(bigger);
        if (s->out != NULL) {
            memcpy(bigger, s->out, s->n_out * sizeof(*bigger));
        }
        free(s->out);
        s->out = bigger;
        s->cap_out += HOLDERS_GROW;
    }
    h = &s->out[s->n_out++];
    h->pid = pid;
    h->holds = holds;
    if (baton_storage_read_all(pid_fd, "comm", &comm, NULL) == BATON_RC_OK) {
        comm[strcspn(comm, "\n")] = '\0';
        snprintf(h->comm, sizeof(h->comm), "%s", comm);
    }
    free(comm);
}

static void
scan_pid(struct scan *s, const char *name)
{
    pid_t pid = (pid_t) strtol(name, NULL, 10);
    int pid_fd = -1;
    const struct ns_view *v = NULL;
    uint32_t holds = 0;

    if ((pid <= 0) || (pid == s->self)) {
        return;
    }
    pid_fd = openat(s->proc_fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (pid_fd < 0) {
        return;                     /* it exited */
    }
    v = view_for(s, pid_fd);
    if (v->n_ids > 0) {
        holds |= link_holds(v, pid_fd, "cwd") ? BATON_HOLD_CWD : 0;
        holds |= link_holds(v, pid_fd, "root") ? BATON_HOLD_ROOT : 0;
        holds |= link_holds(v, pid_fd, "exe") ? BATON_HOLD_EXE : 0;
        holds |= fd_holds(v, pid_fd) ? BATON_HOLD_FD : 0;
        holds |= maps_holds(v, pid_fd) ? BATON_HOLD_MAP : 0;
    }
    if (holds != 0) {
        add_holder(s, pid_fd, pid, holds);
    }
    close(pid_fd);
}

static pid_t
self_pid(int proc_fd)
{
    char buf[32];
    ssize_t n = readlinkat(proc_fd, "self", buf, sizeof(buf) - 1);

    if (n <= 0) {
        return 0;
    }
    buf[n] = '\0';
    return (pid_t) strtol(buf, NULL, 10);
}

int
baton_holders_scan(const struct baton_holders_query *q,
                   struct baton_holder **holders, size_t *n)
{
    struct scan s = { .q = q, .proc_fd = -1 };
    DIR *d = NULL;
    const struct dirent *e = NULL;

    *holders = NULL;
    *n = 0;
    s.proc_fd = open(q->proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (s.proc_fd < 0) {
        return errno;
    }
    d = fdopendir(s.proc_fd);
    if (d == NULL) {
        int rc = errno;

        close(s.proc_fd);
        return rc;
    }
    s.self = self_pid(s.proc_fd);
    s.views = calloc(1, sizeof(*s.views));
    baton_assert_alloc(s.views);
    s.n_views = 1;
    view_init_caller(&s, &s.views[0]);
    while ((e = readdir(d)) != NULL) {
        if (isdigit((unsigned char) e->d_name[0])) {
            scan_pid(&s, e->d_name);
        }
    }
    closedir(d);
    for (size_t i = 0; i < s.n_views; i++) {
        view_clear(&s.views[i]);
    }
    free(s.views);
    *holders = s.out;
    *n = s.n_out;
    return BATON_RC_OK;
}

const char *
baton_hold_str(uint32_t holds, char *buf, size_t size)
{
    static const char *const names[] = { "cwd", "root", "exe", "fd", "map" };
    size_t used = 0;

    if (size == 0) {
        return buf;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (((holds & (1U << i)) != 0) && (used < size)) {
            used += (size_t) snprintf(buf + used, size - used, "%s%s",
                                      (used > 0) ? "," : "", names[i]);
        }
    }
    return buf;
}
