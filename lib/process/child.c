/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Child processes with a deadline: the description of a program to run and
 * its results. Starting and waiting live in child_run.c.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baton/child.h"
#include "baton/params.h"
#include "baton/rc.h"
#include "child_private.h"

extern char **environ;

static char **
strv_dup(const char *const *v)
{
    size_t n = 0;
    char **copy = NULL;

    while (v[n] != NULL) {
        n++;
    }
    copy = calloc(n + 1, sizeof(char *));
    baton_assert_alloc(copy);
    for (size_t i = 0; i < n; i++) {
        copy[i] = strdup(v[i]);
        baton_assert_alloc(copy[i]);
    }
    return copy;
}

static void
strv_free(char **v)
{
    if (v == NULL) {
        return;
    }
    for (size_t i = 0; v[i] != NULL; i++) {
        free(v[i]);
    }
    free(v);
}

static void
set_str(char **dst, const char *src)
{
    free(*dst);
    *dst = NULL;
    if (src != NULL) {
        *dst = strdup(src);
        baton_assert_alloc(*dst);
    }
}

baton_child_t *
baton_child_new(const char *const *argv)
{
    baton_child_t *child = NULL;

    if ((argv == NULL) || (argv[0] == NULL)) {
        return NULL;
    }
    child = calloc(1, sizeof(*child));
    baton_assert_alloc(child);
    child->argv = strv_dup(argv);
    child->capture_max = BATON_CHILD_CAPTURE_DEFAULT;
    child->grace_ms = BATON_CHILD_GRACE_DEFAULT_MS;
    child->exit_code = -1;
    child->cgroup_fd = -1;
    return child;
}

baton_child_t *
baton_child_new_shell(const char *cmdline)
{
    const char *argv[] = { BATON_CHILD_SHELL, "-c", cmdline, NULL };

    if (cmdline == NULL) {
        return NULL;
    }
    return baton_child_new(argv);
}

void
baton_child_buf_clear(struct baton_child_buf *buf)
{
    if (buf->secret && (buf->data != NULL)) {
        explicit_bzero(buf->data, buf->alloc);
    }
    baton_free(buf->data);
    buf->len = 0;
    buf->alloc = 0;
    buf->truncated = false;
}

void
baton_child_reset_results(baton_child_t *child)
{
    baton_child_buf_clear(&child->out);
    baton_child_buf_clear(&child->err);
    child->end = BATON_CHILD_NOT_RUN;
    child->exit_code = -1;
    child->signo = 0;
    child->failed_step = NULL;
    child->elapsed_ms = 0;
}

void
baton_child_free(baton_child_t *child)
{
    if (child == NULL) {
        return;
    }
    baton_child_reset_results(child);
    strv_free(child->argv);
    strv_free(child->envp);
    baton_child_set_stdin(child, NULL, 0);
    free(child->stdout_path);
    free(child->stderr_path);
    free(child->workdir);
    free(child->user);
    free(child);
}

void
baton_child_set_env(baton_child_t *child, const char *const *envp)
{
    strv_free(child->envp);
    child->envp = (envp == NULL) ? NULL : strv_dup(envp);
}

void
baton_child_setenv(baton_child_t *child, const char *name, const char *value)
{
    size_t nlen = strlen(name);
    size_t n = 0;
    char *entry = NULL;
    char **grown = NULL;

    if (child->envp == NULL) {
        child->envp = strv_dup((const char *const *) environ);
    }
    entry = calloc(nlen + strlen(value) + 2, 1);
    baton_assert_alloc(entry);
    strcpy(entry, name);
    entry[nlen] = '=';
    strcpy(entry + nlen + 1, value);
    for (n = 0; child->envp[n] != NULL; n++) {
        if ((strncmp(child->envp[n], name, nlen) == 0)
            && (child->envp[n][nlen] == '=')) {
            free(child->envp[n]);
            child->envp[n] = entry;
            return;
        }
    }
    grown = realloc(child->envp, (n + 2) * sizeof(char *));
    baton_assert_alloc(grown);
    child->envp = grown;
    child->envp[n] = entry;
    child->envp[n + 1] = NULL;
}

void
baton_child_set_stdin(baton_child_t *child, const void *data, size_t len)
{
    /* stdin is where secrets go (not argv): wipe the old copy */
    if (child->stdin_data != NULL) {
        explicit_bzero(child->stdin_data, child->stdin_len);
    }
    baton_free(child->stdin_data);
    child->stdin_len = 0;
    child->has_stdin = false;
    if (data == NULL) {
        return;
    }
    child->stdin_data = calloc(len + 1, 1);
    baton_assert_alloc(child->stdin_data);
    memcpy(child->stdin_data, data, len);
    child->stdin_len = len;
    child->has_stdin = true;
}

void
baton_child_set_capture(baton_child_t *child, size_t max_bytes)
{
    child->capture_max = max_bytes;
}

void
baton_child_set_output_files(baton_child_t *child, const char *stdout_path,
                             const char *stderr_path)
{
    set_str(&child->stdout_path, stdout_path);
    set_str(&child->stderr_path, stderr_path);
}

void
baton_child_set_timeout(baton_child_t *child, unsigned timeout_ms)
{
    child->timeout_ms = timeout_ms;
}

void
baton_child_set_grace(baton_child_t *child, unsigned grace_ms)
{
    child->grace_ms = grace_ms;
}

void
baton_child_set_workdir(baton_child_t *child, const char *dir)
{
    set_str(&child->workdir, dir);
}

void
baton_child_set_flags(baton_child_t *child, uint32_t flags)
{
    child->flags = flags;
}

void
baton_child_set_cgroup(baton_child_t *child, int procs_fd)
{
    child->cgroup_fd = procs_fd;
}

int
baton_child_set_user(baton_child_t *child, const char *user)
{
    struct passwd *pw = NULL;
    long long uid = 0;

    if ((user == NULL) || (user[0] == '\0')) {
        return EINVAL;
    }
    errno = 0;
    pw = getpwnam(user);
    if ((pw == NULL) && (baton_parse_int(user, &uid) == BATON_RC_OK)
        && (uid >= 0)) {
        pw = getpwuid((uid_t) uid);
    }
    if (pw == NULL) {
        return ENOENT;
    }
    set_str(&child->user, pw->pw_name);
    child->uid = pw->pw_uid;
    child->gid = pw->pw_gid;
    return BATON_RC_OK;
}

enum baton_child_end
baton_child_end(const baton_child_t *child)
{
    return child->end;
}

int
baton_child_exit_code(const baton_child_t *child)
{
    return (child->end == BATON_CHILD_EXITED) ? child->exit_code : -1;
}

int
baton_child_signal(const baton_child_t *child)
{
    return (child->end == BATON_CHILD_SIGNALED) ? child->signo : 0;
}

const char *
baton_child_failed_step(const baton_child_t *child)
{
    return child->failed_step;
}

static const char *
capture_text(const struct baton_child_buf *buf, size_t *len)
{
    if (len != NULL) {
        *len = buf->len;
    }
    return (buf->data != NULL) ? buf->data : "";
}

const char *
baton_child_stdout(const baton_child_t *child, size_t *len)
{
    return capture_text(&child->out, len);
}

const char *
baton_child_stderr(const baton_child_t *child, size_t *len)
{
    return capture_text(&child->err, len);
}

bool
baton_child_truncated(const baton_child_t *child)
{
    return child->out.truncated || child->err.truncated;
}

unsigned long
baton_child_elapsed_ms(const baton_child_t *child)
{
    return child->elapsed_ms;
}
