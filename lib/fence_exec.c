/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Running a helper program (a password_script) without a shell and with a
 * deadline, keeping only the first line of its output.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "baton/fence.h"
#include "baton/log.h"

#define BATON_FIRST_LINE_MAX 4096

extern char **environ;

unsigned long long
baton_fence_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ((unsigned long long) ts.tv_sec * 1000ULL)
           + ((unsigned long long) ts.tv_nsec / 1000000ULL);
}

static int
spawn_reader(char *const *argv, pid_t *pid, int *fd)
{
    posix_spawn_file_actions_t fa;
    int pipefd[2] = { -1, -1 };
    int rc;

    if (pipe2(pipefd, O_CLOEXEC) != 0) {
        return errno;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
                                     O_RDONLY, 0);
    rc = posix_spawnp(pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pipefd[1]);
    if (rc != 0) {
        close(pipefd[0]);
        return rc;
    }
    *fd = pipefd[0];
    return BATON_RC_OK;
}

/* Read until the first newline, EOF or the deadline */
static int
read_line(int fd, unsigned long long deadline_ms, char *buf, size_t cap,
          size_t *len)
{
    *len = 0;
    while (*len + 1 < cap) {
        unsigned long long now = baton_fence_now_ms();
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        ssize_t got;

        if (now >= deadline_ms) {
            return BATON_RC_TIMEOUT;
        }
        if (poll(&pfd, 1, (int) (deadline_ms - now)) == 0) {
            return BATON_RC_TIMEOUT;
        }
        got = read(fd, buf + *len, cap - 1 - *len);
        if ((got < 0) && (errno == EINTR)) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        *len += (size_t) got;
        if (memchr(buf, '\n', *len) != NULL) {
            break;
        }
    }
    buf[*len] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
    return BATON_RC_OK;
}

/* Reap the child; past the deadline it is killed first */
static int
reap(pid_t pid, unsigned long long deadline_ms, bool kill_now)
{
    int status = 0;

    while (!kill_now) {
        pid_t w = waitpid(pid, &status, WNOHANG);

        if (w == pid) {
            return (WIFEXITED(status) && (WEXITSTATUS(status) == 0))
                   ? BATON_RC_OK : BATON_RC_CHILD_FAILED;
        }
        if ((w < 0) && (errno != EINTR)) {
            return errno;
        }
        if (baton_fence_now_ms() >= deadline_ms) {
            break;
        }
        usleep(2000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return BATON_RC_TIMEOUT;
}

int
baton_fence_run_first_line(char *const *argv, unsigned long timeout_ms,
                           char **line, baton_reason_t *why)
{
    unsigned long long deadline = baton_fence_now_ms() + timeout_ms;
    char buf[BATON_FIRST_LINE_MAX];
    size_t len = 0;
    pid_t pid = 0;
    int fd = -1;
    int rc;

    *line = NULL;
    rc = spawn_reader(argv, &pid, &fd);
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot run %s: %s", argv[0], baton_rc_str(rc));
        return rc;
    }
    rc = read_line(fd, deadline, buf, sizeof(buf), &len);
    close(fd);
    rc = reap(pid, deadline, rc == BATON_RC_TIMEOUT);
    if (rc == BATON_RC_OK) {
        *line = strdup(buf);
        baton_assert_alloc(*line);
    } else if (rc == BATON_RC_TIMEOUT) {
        baton_reason_set(why, "%s did not finish within %lu ms", argv[0],
                         timeout_ms);
    } else {
        baton_reason_set(why, "%s failed", argv[0]);
    }
    explicit_bzero(buf, sizeof(buf));
    return rc;
}
