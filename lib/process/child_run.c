/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Starting a child (fork + exec, no shell) and waiting for it within a
 * deadline, with stdin fed and output captured through poll().
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/close_range.h>

#include "baton/child.h"
#include "baton/clock.h"
#include "baton/rc.h"
#include "child_private.h"

/* Why the child failed before exec, sent through a close-on-exec pipe */
enum pre_exec_step {
    STEP_STDIO = 1, STEP_SESSION, STEP_CHDIR, STEP_USER, STEP_STDOUT,
    STEP_STDERR, STEP_EXEC, STEP_CGROUP,
};

struct pre_exec_err {
    int step;
    int err;
};

/* The descriptors of one start; -1 when unused */
struct child_fds {
    int in[2];     /* socketpair: [0] parent writes, [1] child's stdin */
    int out[2];    /* pipe: [0] parent reads, [1] child's stdout */
    int err[2];
    int status[2]; /* close-on-exec pipe reporting pre-exec failures */
};

static void
close_fd(int *fd)
{
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

static void
close_fds(struct child_fds *fds)
{
    for (int i = 0; i < 2; i++) {
        close_fd(&fds->in[i]);
        close_fd(&fds->out[i]);
        close_fd(&fds->err[i]);
        close_fd(&fds->status[i]);
    }
}

static int
open_fds(const baton_child_t *child, bool capture, struct child_fds *fds)
{
    *fds = (struct child_fds) {
        .in = { -1, -1 }, .out = { -1, -1 }, .err = { -1, -1 },
        .status = { -1, -1 },
    };
    if (pipe2(fds->status, O_CLOEXEC) != 0) {
        return errno;
    }
    if (capture && child->has_stdin
        && (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
                       fds->in) != 0)) {
        return errno;
    }
    if (capture && (child->capture_max > 0) && (child->stdout_path == NULL)
        && (pipe2(fds->out, O_CLOEXEC) != 0)) {
        return errno;
    }
    if (capture && (child->capture_max > 0) && (child->stderr_path == NULL)
        && (pipe2(fds->err, O_CLOEXEC) != 0)) {
        return errno;
    }
    return BATON_RC_OK;
}

/* In the child: make fd the descriptor target, or /dev/null when -1 */
static int
attach_fd(int fd, int target, int oflags)
{
    int opened = -1;

    if (fd < 0) {
        opened = open("/dev/null", oflags | O_CLOEXEC);
        if (opened < 0) {
            return -1;
        }
        fd = opened;
    }
    if (dup2(fd, target) < 0) {
        return -1;
    }
    if (opened >= 0) {
        close(opened);
    }
    return 0;
}

static int
attach_file(const char *path, int target)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);

    if ((fd < 0) || (dup2(fd, target) < 0)) {
        return -1;
    }
    close(fd);
    return 0;
}

static int
switch_user(const baton_child_t *child)
{
    if (child->user == NULL) {
        return 0;
    }
    if ((initgroups(child->user, child->gid) != 0)
        || (setgid(child->gid) != 0) || (setuid(child->uid) != 0)) {
        return -1;
    }
    return 0;
}

static void
reset_signals(void)
{
    sigset_t all;

    for (int sig = 1; sig < NSIG; sig++) {
        if ((sig != SIGKILL) && (sig != SIGSTOP)) {
            signal(sig, SIG_DFL);
        }
    }
    sigemptyset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
}

/* Nothing of ours may leak into the program (pidfiles, sockets, log
 * connections): close-on-exec from fd upwards. Kernels before 5.11 lack
 * CLOSE_RANGE_CLOEXEC; then mark the usual range one by one. */
static void
mark_cloexec_from(int first)
{
    long max = sysconf(_SC_OPEN_MAX);

    if (syscall(SYS_close_range, (unsigned) first, ~0U,
                CLOSE_RANGE_CLOEXEC) == 0) {
        return;
    }
    if ((max < 0) || (max > 65536)) {
        max = 65536;
    }
    for (int fd = first; fd < max; fd++) {
        int flags = fcntl(fd, F_GETFD);

        if (flags >= 0) {
            fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
        }
    }
}

/* Runs in the forked child. Reports the failing step, never returns. */
static void
exec_child(const baton_child_t *child, const struct child_fds *fds)
{
    struct pre_exec_err e = { .step = STEP_CGROUP };

    /* First, while still root and before any descriptor moves: the
     * program and all it forks belong to the cgroup */
    if ((child->cgroup_fd >= 0) && (write(child->cgroup_fd, "0", 1) != 1)) {
        goto fail;
    }
    e.step = STEP_STDIO;
    reset_signals();
    if ((attach_fd(fds->in[1], STDIN_FILENO, O_RDONLY) != 0)
        || (attach_fd(fds->out[1], STDOUT_FILENO, O_WRONLY) != 0)
        || (attach_fd(fds->err[1], STDERR_FILENO, O_WRONLY) != 0)) {
        goto fail;
    }
    e.step = STEP_SESSION;
    if ((child->flags & BATON_CHILD_NEW_SESSION) ? (setsid() < 0)
        : (setpgid(0, 0) != 0)) {
        goto fail;
    }
    e.step = STEP_CHDIR;
    if ((child->workdir != NULL) && (chdir(child->workdir) != 0)) {
        goto fail;
    }
    e.step = STEP_USER;
    if (switch_user(child) != 0) {
        goto fail;
    }
    e.step = STEP_STDOUT;
    if ((child->stdout_path != NULL)
        && (attach_file(child->stdout_path, STDOUT_FILENO) != 0)) {
        goto fail;
    }
    e.step = STEP_STDERR;
    if ((child->stderr_path != NULL)
        && (attach_file(child->stderr_path, STDERR_FILENO) != 0)) {
        goto fail;
    }
    mark_cloexec_from(3);
    e.step = STEP_EXEC;
    if (child->envp != NULL) {
        execvpe(child->argv[0], child->argv, child->envp);
    } else {
        execvp(child->argv[0], child->argv);
    }
fail:
    e.err = errno;
    if (write(fds->status[1], &e, sizeof(e)) < 0) {
        /* nobody to tell */
    }
    _exit(127);
}

static const char *
step_name(int step)
{
    switch (step) {
        case STEP_STDIO:   return "stdio";
        case STEP_SESSION: return "session";
        case STEP_CHDIR:   return "chdir";
        case STEP_USER:    return "user";
        case STEP_STDOUT:  return "stdout";
        case STEP_STDERR:  return "stderr";
        case STEP_EXEC:    return "exec";
        case STEP_CGROUP:  return "cgroup";
        default:           return "fork";
    }
}

/* Fork, exec and wait for the exec to succeed or fail */
static int
start_child(baton_child_t *child, struct child_fds *fds, pid_t *pid_out)
{
    struct pre_exec_err e = { 0, 0 };
    ssize_t n = 0;
    pid_t pid = fork();

    if (pid < 0) {
        child->failed_step = "fork";
        return errno;
    }
    if (pid == 0) {
        exec_child(child, fds);
    }
    /* Also here, so that killing the group cannot race the child's call */
    if ((child->flags & BATON_CHILD_NEW_SESSION) == 0) {
        setpgid(pid, pid);
    }
    close_fd(&fds->in[1]);
    close_fd(&fds->out[1]);
    close_fd(&fds->err[1]);
    close_fd(&fds->status[1]);
    do {
        n = read(fds->status[0], &e, sizeof(e));
    } while ((n < 0) && (errno == EINTR));
    close_fd(&fds->status[0]);
    if (n == (ssize_t) sizeof(e)) {
        waitpid(pid, NULL, 0);
        child->failed_step = step_name(e.step);
        return (e.err != 0) ? e.err : EIO;
    }
    *pid_out = pid;
    return BATON_RC_OK;
}

int
baton_child_spawn(baton_child_t *child, pid_t *pid)
{
    struct child_fds fds;
    int rc = BATON_RC_OK;

    baton_child_reset_results(child);
    rc = open_fds(child, false, &fds);
    if (rc == BATON_RC_OK) {
        rc = start_child(child, &fds, pid);
    } else {
        child->failed_step = "pipe";
    }
    close_fds(&fds);
    if (rc == BATON_RC_OK) {
        child->end = BATON_CHILD_DETACHED;
    }
    return rc;
}

/* ---- waiting with a deadline ---- */

struct run_state {
    baton_child_t *child;
    struct child_fds *fds;
    pid_t pid;
    int pidfd;
    size_t stdin_off;
    bool reaped;
    int wstatus;
};

/* Make room for want bytes. realloc() may move the data and free the old
 * block as it is, so a secret is copied to a new block by hand and the
 * old one wiped before it is freed. */
static void
buf_grow(struct baton_child_buf *buf, size_t want)
{
    char *grown = NULL;

    if (!buf->secret) {
        grown = realloc(buf->data, want);
        baton_assert_alloc(grown);
    } else {
        grown = calloc(want, 1);
        baton_assert_alloc(grown);
        if (buf->data != NULL) {
            memcpy(grown, buf->data, buf->len + 1);
            explicit_bzero(buf->data, buf->alloc);
            free(buf->data);
        }
    }
    buf->data = grown;
    buf->alloc = want;
}

static void
buf_add(struct baton_child_buf *buf, size_t max, const char *data, size_t n)
{
    size_t room = (buf->len < max) ? (max - buf->len) : 0;
    size_t take = (n < room) ? n : room;

    if (take < n) {
        buf->truncated = true;
    }
    if (take == 0) {
        return;
    }
    if (buf->len + take + 1 > buf->alloc) {
        size_t want = (buf->alloc == 0) ? 4096 : buf->alloc * 2;

        while (want < buf->len + take + 1) {
            want *= 2;
        }
        buf_grow(buf, want);
    }
    memcpy(buf->data + buf->len, data, take);
    buf->len += take;
    buf->data[buf->len] = '\0';
}

/* Read what is available; closes the fd at end of file */
static void
drain(int *fd, struct baton_child_buf *buf, size_t max)
{
    char chunk[4096];
    ssize_t n = 0;

    while (*fd >= 0) {
        n = read(*fd, chunk, sizeof(chunk));
        if (n > 0) {
            buf_add(buf, max, chunk, (size_t) n);
        } else if ((n < 0) && (errno == EINTR)) {
            continue;
        } else {
            if ((n == 0) || ((errno != EAGAIN) && (errno != EWOULDBLOCK))) {
                close_fd(fd);
            }
            break;
        }
    }
    if (buf->secret) {
        explicit_bzero(chunk, sizeof(chunk));
    }
}

static void
feed_stdin(struct run_state *st)
{
    const baton_child_t *child = st->child;
    ssize_t n = 0;

    if (st->stdin_off < child->stdin_len) {
        n = send(st->fds->in[0], child->stdin_data + st->stdin_off,
                 child->stdin_len - st->stdin_off,
                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            st->stdin_off += (size_t) n;
        } else if ((n < 0) && (errno != EAGAIN) && (errno != EINTR)) {
            st->stdin_off = child->stdin_len;  /* reader went away */
        }
    }
    if (st->stdin_off >= child->stdin_len) {
        close_fd(&st->fds->in[0]);
    }
}

static void
try_reap(struct run_state *st, bool block)
{
    pid_t r = 0;

    if (st->reaped) {
        return;
    }
    do {
        r = waitpid(st->pid, &st->wstatus, block ? 0 : WNOHANG);
    } while ((r < 0) && (errno == EINTR));
    if ((r == st->pid) || ((r < 0) && (errno == ECHILD))) {
        st->reaped = true;
    }
}

/* One poll round, at most wait_ms long */
static void
poll_once(struct run_state *st, unsigned long wait_ms)
{
    struct pollfd pfd[4];
    nfds_t n = 0;

    if (st->fds->in[0] >= 0) {
        pfd[n++] = (struct pollfd) { .fd = st->fds->in[0], .events = POLLOUT };
    }
    if (st->fds->out[0] >= 0) {
        pfd[n++] = (struct pollfd) { .fd = st->fds->out[0], .events = POLLIN };
    }
    if (st->fds->err[0] >= 0) {
        pfd[n++] = (struct pollfd) { .fd = st->fds->err[0], .events = POLLIN };
    }
    if (st->pidfd >= 0) {
        pfd[n++] = (struct pollfd) { .fd = st->pidfd, .events = POLLIN };
    } else if (wait_ms > 20) {
        wait_ms = 20;   /* no pidfd: look at the child now and then */
    }
    if (poll(pfd, n, (int) wait_ms) < 0) {
        return;
    }
    if (st->fds->in[0] >= 0) {
        feed_stdin(st);
    }
    drain(&st->fds->out[0], &st->child->out, st->child->capture_max);
    drain(&st->fds->err[0], &st->child->err, st->child->capture_max);
    try_reap(st, false);
}

/* Wait until the child ends or deadline_ms (absolute) passes */
static bool
wait_until(struct run_state *st, unsigned long deadline_ms)
{
    unsigned long now = 0;

    while (!st->reaped) {
        now = baton_clock_now_ms();
        if ((deadline_ms != 0) && (now >= deadline_ms)) {
            return false;
        }
        poll_once(st, (deadline_ms == 0) ? 1000 : (deadline_ms - now));
    }
    /* It exited: take what its pipes still hold, without waiting on
     * grandchildren that may keep them open */
    drain(&st->fds->out[0], &st->child->out, st->child->capture_max);
    drain(&st->fds->err[0], &st->child->err, st->child->capture_max);
    return true;
}

static void
kill_group(pid_t pid, int sig)
{
    if (kill(-pid, sig) != 0) {
        kill(pid, sig);
    }
}

static void
record_end(baton_child_t *child, const struct run_state *st, bool timed_out)
{
    if (timed_out) {
        child->end = BATON_CHILD_TIMED_OUT;
    } else if (WIFEXITED(st->wstatus)) {
        child->end = BATON_CHILD_EXITED;
        child->exit_code = WEXITSTATUS(st->wstatus);
    } else {
        child->end = BATON_CHILD_SIGNALED;
        child->signo = WIFSIGNALED(st->wstatus) ? WTERMSIG(st->wstatus) : 0;
    }
}

static void
set_nonblocking(int fd)
{
    if (fd >= 0) {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
}

static void
supervise(baton_child_t *child, struct run_state *st, unsigned long start)
{
    unsigned long deadline = 0;
    bool timed_out = false;

    if (child->timeout_ms > 0) {
        deadline = start + child->timeout_ms;
    }
    if (!wait_until(st, deadline)) {
        timed_out = true;
        kill_group(st->pid, SIGTERM);
        if (!wait_until(st, baton_clock_now_ms() + child->grace_ms)) {
            kill_group(st->pid, SIGKILL);
            try_reap(st, true);
        }
    }
    if (timed_out || (child->flags & BATON_CHILD_KILL_GROUP_ON_EXIT)) {
        /* Whatever the program forked goes with it */
        kill(-st->pid, SIGKILL);
    }
    record_end(child, st, timed_out);
}

int
baton_child_run(baton_child_t *child)
{
    struct child_fds fds;
    struct run_state st = { .child = child, .fds = &fds, .pidfd = -1 };
    unsigned long start = baton_clock_now_ms();
    int rc = BATON_RC_OK;

    baton_child_reset_results(child);
    child->out.secret = (child->flags & BATON_CHILD_SECRET_OUTPUT) != 0;
    child->err.secret = child->out.secret;
    rc = open_fds(child, true, &fds);
    if (rc != BATON_RC_OK) {
        child->failed_step = "pipe";
        goto done;
    }
    rc = start_child(child, &fds, &st.pid);
    if (rc != BATON_RC_OK) {
        goto done;
    }
    st.pidfd = (int) syscall(SYS_pidfd_open, st.pid, 0);
    set_nonblocking(fds.out[0]);
    set_nonblocking(fds.err[0]);
    if (!child->has_stdin) {
        close_fd(&fds.in[0]);
    }
    supervise(child, &st, start);
    close_fd(&st.pidfd);
    if (child->end == BATON_CHILD_TIMED_OUT) {
        rc = BATON_RC_TIMEOUT;
    } else if ((child->end != BATON_CHILD_EXITED) || (child->exit_code != 0)) {
        rc = BATON_RC_CHILD_FAILED;
    }
done:
    close_fds(&fds);
    child->elapsed_ms = baton_clock_now_ms() - start;
    return rc;
}
