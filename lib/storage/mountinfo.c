/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Parse /proc/<pid>/mountinfo into a table, and answer which mount a path
 * shows, from the table alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "baton/mountinfo.h"
#include "baton/rc.h"
#include "storage_private.h"

#define DELETED_SUFFIX " (deleted)"
/* Mounts are never nested deeper than this: a loop in a damaged table */
#define MOUNTS_MAX_DEPTH 4096U

struct baton_mounts_s {
    char *text;                  /*!< the file's text, cut into fields */
    struct baton_mount *v;
    size_t n;
};

void
baton_mounts_unescape(char *s)
{
    char *out = s;

    while (*s != '\0') {
        if ((s[0] == '\\') && (s[1] >= '0') && (s[1] <= '3')
            && (s[2] >= '0') && (s[2] <= '7') && (s[3] >= '0')
            && (s[3] <= '7')) {
            *out++ = (char) (((s[1] - '0') << 6) | ((s[2] - '0') << 3)
                             | (s[3] - '0'));
            s += 4;
        } else {
            *out++ = *s++;
        }
    }
    *out = '\0';
}

/* Next space-separated field of a line; NULL at the end */
static char *
next_field(char **cursor)
{
    char *start = *cursor;
    char *end = NULL;

    while (*start == ' ') {
        start++;
    }
    if (*start == '\0') {
        return NULL;
    }
    end = strchr(start, ' ');
    if (end != NULL) {
        *end = '\0';
        *cursor = end + 1;
    } else {
        *cursor = start + strlen(start);
    }
    return start;
}

static bool
parse_uint(const char *s, unsigned *out)
{
    char *end = NULL;
    unsigned long v = 0;

    if ((s == NULL) || (*s < '0') || (*s > '9')) {
        return false;
    }
    errno = 0;
    v = strtoul(s, &end, 10);
    if ((errno != 0) || (*end != '\0') || (v > 0xffffffffUL)) {
        return false;
    }
    *out = (unsigned) v;
    return true;
}

/* "shared:N", "master:N", "propagate_from:N", "unbindable" */
static void
parse_tag(char *tag, struct baton_mount *m)
{
    unsigned v = 0;

    if ((strncmp(tag, "shared:", 7) == 0) && parse_uint(tag + 7, &v)) {
        m->shared_group = v;
    } else if ((strncmp(tag, "master:", 7) == 0) && parse_uint(tag + 7, &v)) {
        m->master_group = v;
    }
}

static int
parse_dev(const char *s, dev_t *dev)
{
    unsigned major_n = 0, minor_n = 0;
    char *copy = strdup(s);
    char *colon = NULL;
    int rc = BATON_RC_PROTOCOL;

    baton_assert_alloc(copy);
    colon = strchr(copy, ':');
    if (colon != NULL) {
        *colon = '\0';
        if (parse_uint(copy, &major_n) && parse_uint(colon + 1, &minor_n)) {
            *dev = makedev(major_n, minor_n);
            rc = BATON_RC_OK;
        }
    }
    free(copy);
    return rc;
}

/* One line: id parent maj:min root point opts [tags...] - type src sopts */
static int
parse_line(char *line, struct baton_mount *m)
{
    char *cur = line;
    char *f[6];
    char *tag = NULL;

    memset(m, 0, sizeof(*m));
    for (size_t i = 0; i < 6; i++) {
        f[i] = next_field(&cur);
        if (f[i] == NULL) {
            return BATON_RC_PROTOCOL;
        }
    }
    if (!parse_uint(f[0], &m->id) || !parse_uint(f[1], &m->parent_id)
        || (parse_dev(f[2], &m->dev) != BATON_RC_OK)) {
        return BATON_RC_PROTOCOL;
    }
    for (tag = next_field(&cur); (tag != NULL) && (strcmp(tag, "-") != 0);
         tag = next_field(&cur)) {
        parse_tag(tag, m);
    }
    if (tag == NULL) {
        return BATON_RC_PROTOCOL;
    }
    m->fstype = next_field(&cur);
    m->source = next_field(&cur);
    m->super_opts = next_field(&cur);
    if ((m->fstype == NULL) || (m->source == NULL)) {
        return BATON_RC_PROTOCOL;
    }
    if (m->super_opts == NULL) {
        m->super_opts = "";
    }
    m->root = f[3];
    m->point = f[4];
    m->opts = f[5];
    baton_mounts_unescape(f[3]);
    baton_mounts_unescape(f[4]);
    baton_mounts_unescape((char *) m->source);
    return BATON_RC_OK;
}

int
baton_mounts_parse(const char *text, baton_mounts_t **out)
{
    baton_mounts_t *m = calloc(1, sizeof(*m));
    size_t lines = 1;
    char *line = NULL;
    char *next = NULL;

    baton_assert_alloc(m);
    m->text = strdup(text);
    baton_assert_alloc(m->text);
    for (const char *p = text; *p != '\0'; p++) {
        lines += (*p == '\n') ? 1 : 0;
    }
    m->v = calloc(lines, sizeof(*m->v));
    baton_assert_alloc(m->v);
    for (line = m->text; (line != NULL) && (*line != '\0'); line = next) {
        next = strchr(line, '\n');
        if (next != NULL) {
            *next++ = '\0';
        }
        if (*line == '\0') {
            continue;
        }
        if (parse_line(line, &m->v[m->n]) != BATON_RC_OK) {
            baton_mounts_free(m);
            return BATON_RC_PROTOCOL;
        }
        m->n++;
    }
    *out = m;
    return BATON_RC_OK;
}

int
baton_mounts_read(const char *path, baton_mounts_t **out)
{
    char *text = NULL;
    int rc = baton_storage_read_all(AT_FDCWD, path, &text, NULL);

    if (rc == BATON_RC_OK) {
        rc = baton_mounts_parse(text, out);
    }
    free(text);
    return rc;
}

void
baton_mounts_free(baton_mounts_t *m)
{
    if (m != NULL) {
        free(m->v);
        free(m->text);
        free(m);
    }
}

size_t
baton_mounts_count(const baton_mounts_t *m)
{
    return (m != NULL) ? m->n : 0;
}

const struct baton_mount *
baton_mounts_get(const baton_mounts_t *m, size_t i)
{
    return ((m != NULL) && (i < m->n)) ? &m->v[i] : NULL;
}

const struct baton_mount *
baton_mounts_by_id(const baton_mounts_t *m, unsigned id)
{
    for (size_t i = 0; (m != NULL) && (i < m->n); i++) {
        if (m->v[i].id == id) {
            return &m->v[i];
        }
    }
    return NULL;
}

/* The top of the stack of mounts at \p base's mount point: follow the
 * mounts attached to it at the same point */
static const struct baton_mount *
stack_top(const baton_mounts_t *m, const struct baton_mount *base)
{
    const struct baton_mount *top = base;

    for (unsigned guard = 0; guard < MOUNTS_MAX_DEPTH; guard++) {
        const struct baton_mount *up = NULL;

        for (size_t i = 0; i < m->n; i++) {
            if ((m->v[i].parent_id == top->id) && (m->v[i].id != top->id)
                && (strcmp(m->v[i].point, top->point) == 0)) {
                up = &m->v[i];      /* the last one attached wins */
            }
        }
        if (up == NULL) {
            break;
        }
        top = up;
    }
    return top;
}

/* The root mount: at "/" and not attached to another mount at "/" */
static const struct baton_mount *
root_mount(const baton_mounts_t *m)
{
    for (size_t i = 0; i < m->n; i++) {
        const struct baton_mount *parent = NULL;

        if (strcmp(m->v[i].point, "/") != 0) {
            continue;
        }
        parent = baton_mounts_by_id(m, m->v[i].parent_id);
        if ((parent == NULL) || (parent == &m->v[i])
            || (strcmp(parent->point, "/") != 0)) {
            return stack_top(m, &m->v[i]);
        }
    }
    return NULL;
}

const struct baton_mount *
baton_mounts_at_point(const baton_mounts_t *m, const char *point)
{
    const struct baton_mount *found = NULL;

    if ((m == NULL) || (point == NULL)) {
        return NULL;
    }
    for (size_t i = 0; i < m->n; i++) {
        const struct baton_mount *parent = NULL;

        if (strcmp(m->v[i].point, point) != 0) {
            continue;
        }
        parent = baton_mounts_by_id(m, m->v[i].parent_id);
        if ((parent == NULL) || (strcmp(parent->point, point) != 0)) {
            found = &m->v[i];       /* the bottom of the stack */
        }
    }
    return (found != NULL) ? stack_top(m, found) : NULL;
}

/* The child of \p cur mounted at exactly \p point (the bottom of a stack),
 * or NULL */
static const struct baton_mount *
child_at(const baton_mounts_t *m, const struct baton_mount *cur,
         const char *point)
{
    const struct baton_mount *found = NULL;

    for (size_t i = 0; i < m->n; i++) {
        if ((m->v[i].parent_id == cur->id) && (m->v[i].id != cur->id)
            && (strcmp(m->v[i].point, point) == 0)) {
            found = &m->v[i];
        }
    }
    return found;
}

const struct baton_mount *
baton_mounts_resolve(const baton_mounts_t *m, const char *path)
{
    const struct baton_mount *cur = NULL;
    char *prefix = NULL;
    size_t len = 0;

    if ((m == NULL) || (path == NULL) || (path[0] != '/')) {
        return NULL;
    }
    cur = root_mount(m);
    if (cur == NULL) {
        return NULL;
    }
    prefix = strdup(path);
    baton_assert_alloc(prefix);
    len = strlen(prefix);
    if ((len > strlen(DELETED_SUFFIX))
        && (strcmp(prefix + len - strlen(DELETED_SUFFIX),
                   DELETED_SUFFIX) == 0)) {
        len -= strlen(DELETED_SUFFIX);
        prefix[len] = '\0';
    }
    /* Each prefix ending at a component boundary: /a, /a/b, /a/b/c */
    for (size_t i = 1; i <= len; i++) {
        const struct baton_mount *child = NULL;
        char saved = prefix[i];

        if ((i < len) && (saved != '/')) {
            continue;
        }
        prefix[i] = '\0';
        child = child_at(m, cur, prefix);
        prefix[i] = saved;
        if (child != NULL) {
            cur = stack_top(m, child);
        }
    }
    free(prefix);
    return cur;
}

bool
baton_mounts_below(const baton_mounts_t *m, unsigned id, unsigned top)
{
    const struct baton_mount *cur = baton_mounts_by_id(m, id);

    for (unsigned guard = 0; (cur != NULL) && (guard < MOUNTS_MAX_DEPTH);
         guard++) {
        if (cur->id == top) {
            return true;
        }
        if (cur->parent_id == cur->id) {
            break;
        }
        cur = baton_mounts_by_id(m, cur->parent_id);
    }
    return false;
}

unsigned
baton_mounts_depth(const baton_mounts_t *m, unsigned id)
{
    const struct baton_mount *cur = baton_mounts_by_id(m, id);
    unsigned depth = 0;

    while ((cur != NULL) && (depth < MOUNTS_MAX_DEPTH)) {
        const struct baton_mount *parent = baton_mounts_by_id(m,
                                                              cur->parent_id);

        if ((parent == NULL) || (parent == cur)) {
            break;
        }
        depth++;
        cur = parent;
    }
    return depth;
}
