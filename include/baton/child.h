/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Child processes with a deadline: run a program from an argv list (never
 * through a shell), feed it stdin, capture its output up to a bound, and
 * kill its whole process group when the deadline passes.
 */
#ifndef BATON_CHILD_H
#define BATON_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*!
 * A program to run and, after it ran, its result (opaque).
 *
 * The child always gets its own process group (or, with
 * BATON_CHILD_NEW_SESSION, its own session), so that a deadline can end
 * the program and everything it forked: SIGTERM to the group, then SIGKILL
 * after the grace period.
 *
 * @code
 * const char *argv[] = { "/usr/sbin/fence_foo", "-o", "status", NULL };
 * baton_child_t *c = baton_child_new(argv);
 *
 * baton_child_set_stdin(c, "password=secret\n", 16);  // not in argv
 * baton_child_set_timeout(c, 5000);
 * rc = baton_child_run(c);
 * if (rc == BATON_RC_TIMEOUT) {
 *     baton_reason_set(why, "fence_foo did not answer within 5 s");
 * } else if (rc == BATON_RC_CHILD_FAILED) {
 *     baton_reason_set(why, "fence_foo exited %d: %s",
 *                      baton_child_exit_code(c), baton_child_stderr(c, NULL));
 * }
 * baton_child_free(c);
 * @endcode
 */
typedef struct baton_child_s baton_child_t;

/*! Flags for baton_child_set_flags(), held in a uint32_t */
enum baton_child_flags {
    /*! setsid() in the child instead of a new process group only */
    BATON_CHILD_NEW_SESSION = (1 << 0),
    /*! After the child exits, also kill what is left of its process group */
    BATON_CHILD_KILL_GROUP_ON_EXIT = (1 << 1),
    /*!
     * The captured output is a secret (a password_script's): the capture
     * buffers, the copies left behind when they grow, and the read buffer
     * are wiped with explicit_bzero() before they are freed or go out of
     * scope. Wipe your own copies of baton_child_stdout() too.
     */
    BATON_CHILD_SECRET_OUTPUT = (1 << 2),
};

/*! How a child that ran ended */
enum baton_child_end {
    BATON_CHILD_NOT_RUN = 0,   /*!< never started (or spawn failed) */
    BATON_CHILD_EXITED,        /*!< exited; see baton_child_exit_code() */
    BATON_CHILD_SIGNALED,      /*!< killed by a signal it did not expect */
    BATON_CHILD_TIMED_OUT,     /*!< the deadline passed; group was killed */
    BATON_CHILD_DETACHED,      /*!< started by baton_child_spawn() */
};

/*! Default capture bound per stream, in bytes */
#define BATON_CHILD_CAPTURE_DEFAULT (64 * 1024)
/*! Default time between SIGTERM and SIGKILL after a deadline */
#define BATON_CHILD_GRACE_DEFAULT_MS 2000

/*!
 * \brief Describe a program to run.
 *
 * argv[0] is the program: a path, or a bare name searched in PATH.
 * \param[in] argv  NULL-terminated, at least one element; copied.
 * \return The child; caller frees with baton_child_free(). NULL only when
 *         argv is NULL or empty.
 */
baton_child_t *baton_child_new(const char *const *argv);

/*!
 * \brief Describe a shell command line to run with /bin/sh -c.
 *
 * The ONE documented exception to "no configured string reaches a shell":
 * a value that is by definition a shell command line, such as
 * ocf:heartbeat:anything's monitor_hook. Do not use it for anything else.
 * \param[in] cmdline  The command line; copied.
 * \return As baton_child_new(); NULL when cmdline is NULL.
 */
baton_child_t *baton_child_new_shell(const char *cmdline);

/*! \brief Free a child description and its results; NULL is a no-op.
 *  \note A child still running is not waited for (see baton_child_spawn()).
 */
void baton_child_free(baton_child_t *child);

/*!
 * \brief Replace the environment the program gets.
 * \param[in] envp  NULL-terminated "NAME=value" strings, copied; NULL
 *                  means inherit the caller's environment (the default).
 */
void baton_child_set_env(baton_child_t *child, const char *const *envp);

/*!
 * \brief Add or replace one variable in the program's environment.
 *
 * Starts from the caller's environment when none was set.
 */
void baton_child_setenv(baton_child_t *child, const char *name,
                        const char *value);

/*!
 * \brief Data written to the program's stdin (then stdin is closed).
 *
 * Use it to keep secrets out of argv: the copy is wiped when it is
 * replaced or the child is freed. Without it, stdin is /dev/null.
 * \param[in] data  Copied; may contain NUL bytes.
 */
void baton_child_set_stdin(baton_child_t *child, const void *data,
                           size_t len);

/*!
 * \brief Bound the captured stdout and stderr (each). Bytes beyond the
 *        bound are read and dropped. 0 discards the output (/dev/null).
 */
void baton_child_set_capture(baton_child_t *child, size_t max_bytes);

/*!
 * \brief Send stdout and/or stderr to files (opened with O_APPEND|O_CREAT
 *        by the child, after it switched user). NULL keeps the default.
 */
void baton_child_set_output_files(baton_child_t *child,
                                  const char *stdout_path,
                                  const char *stderr_path);

/*! \brief Deadline for baton_child_run(), in ms from the start; 0 = none. */
void baton_child_set_timeout(baton_child_t *child, unsigned timeout_ms);

/*! \brief Time between SIGTERM and SIGKILL when the deadline passes. */
void baton_child_set_grace(baton_child_t *child, unsigned grace_ms);

/*! \brief Working directory of the program (copied); NULL = inherit. */
void baton_child_set_workdir(baton_child_t *child, const char *dir);

/*! \brief Flags from enum baton_child_flags. */
void baton_child_set_flags(baton_child_t *child, uint32_t flags);

/*!
 * \brief Put the program into a cgroup before it execs: the forked child
 *        writes "0" (itself) to \p procs_fd first thing, before it starts
 *        a session or changes user, so that the program and everything it
 *        forks are in the cgroup from their first instruction.
 * \param[in] procs_fd  A cgroup's cgroup.procs opened for writing
 *                      (baton_cgroup_open_procs()), borrowed: keep it open
 *                      until the run or spawn returns. -1 (the default):
 *                      no cgroup. A failed write fails the start at step
 *                      "cgroup".
 */
void baton_child_set_cgroup(baton_child_t *child, int procs_fd);

/*!
 * \brief Run the program as another user, with that user's primary group
 *        and supplementary groups.
 * \param[in] user  A user name or numeric uid.
 * \return BATON_RC_OK, or ENOENT when the user does not exist here.
 */
int baton_child_set_user(baton_child_t *child, const char *user);

/*!
 * \brief Run the program and wait for it, within the deadline.
 *
 * stdin data is written, output captured, and on the deadline the child's
 * process group gets SIGTERM, then SIGKILL after the grace period.
 * \return BATON_RC_OK when it exited 0; BATON_RC_CHILD_FAILED when it
 *         exited non-zero or was killed by a signal; BATON_RC_TIMEOUT;
 *         or an errno when it could not be started (ENOENT, EACCES, ...:
 *         see baton_child_failed_step()).
 */
int baton_child_run(baton_child_t *child);

/*!
 * \brief Start the program in the background and return once it exec'd.
 *
 * For daemons: nothing is captured (stdout/stderr go to the output files
 * or /dev/null), no deadline applies, and the caller does not wait. When
 * the caller exits, the child is re-parented.
 * \param[out] pid  The program's process id (also its process group).
 * \return BATON_RC_OK, or an errno as for baton_child_run().
 */
int baton_child_spawn(baton_child_t *child, pid_t *pid);

/*! \brief How the last run ended. */
enum baton_child_end baton_child_end(const baton_child_t *child);

/*! \brief The exit code (valid when the end is BATON_CHILD_EXITED), else -1 */
int baton_child_exit_code(const baton_child_t *child);

/*! \brief The signal that killed the child (BATON_CHILD_SIGNALED), else 0 */
int baton_child_signal(const baton_child_t *child);

/*!
 * \brief What failed when the program could not be started: "fork",
 *        "exec", "chdir", "user", "stdout", "stderr", "pipe", "cgroup"; NULL
 *        if none.
 */
const char *baton_child_failed_step(const baton_child_t *child);

/*!
 * \brief The captured stdout, NUL-terminated (borrowed, valid until the
 *        child is freed or run again); "" when nothing was captured.
 * \param[out] len  Its length in bytes, or NULL.
 */
const char *baton_child_stdout(const baton_child_t *child, size_t *len);

/*! \brief As baton_child_stdout(), for stderr. */
const char *baton_child_stderr(const baton_child_t *child, size_t *len);

/*! \brief Whether output beyond the capture bound was dropped. */
bool baton_child_truncated(const baton_child_t *child);

/*! \brief Duration of the last baton_child_run(), in ms. */
unsigned long baton_child_elapsed_ms(const baton_child_t *child);

#endif /* BATON_CHILD_H */
