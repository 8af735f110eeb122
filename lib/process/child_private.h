/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The inside of baton_child_t, shared by child.c and child_run.c only.
 */
#ifndef BATON_CHILD_PRIVATE_H
#define BATON_CHILD_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "baton/child.h"

#define BATON_CHILD_SHELL "/bin/sh"

/*! Captured output of one stream */
struct baton_child_buf {
    char *data;        /*!< NUL-terminated, or NULL */
    size_t len;
    size_t alloc;
    bool truncated;
    bool secret;       /*!< wipe before free; never realloc() */
};

struct baton_child_s {
    /* What to run */
    char **argv;
    char **envp;              /*!< NULL = inherit */
    char *stdin_data;
    size_t stdin_len;
    bool has_stdin;
    size_t capture_max;
    char *stdout_path;
    char *stderr_path;
    unsigned timeout_ms;
    unsigned grace_ms;
    char *workdir;
    uint32_t flags;
    int cgroup_fd;            /*!< cgroup.procs to enter, or -1 */
    char *user;               /*!< NULL = stay who we are */
    uid_t uid;
    gid_t gid;

    /* Results of the last run */
    enum baton_child_end end;
    int exit_code;
    int signo;
    const char *failed_step;
    struct baton_child_buf out;
    struct baton_child_buf err;
    unsigned long elapsed_ms;
};

/*! \brief Forget the results of a previous run (wiping secret output). */
void baton_child_reset_results(baton_child_t *child);

/*! \brief Free a capture buffer, wiping it first when it is secret. */
void baton_child_buf_clear(struct baton_child_buf *buf);

#endif /* BATON_CHILD_PRIVATE_H */
