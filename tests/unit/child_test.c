/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/process/child.c and lib/process/child_run.c: running
 * programs with a deadline, stdin, bounded capture, secret capture, process
 * groups and user switch. free() and realloc() are wrapped (-Wl,--wrap) to
 * see whether a buffer still holding a secret is freed or reallocated.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "baton/child.h"
#include "baton/rc.h"

static baton_child_t *
child_of(const char *a0, const char *a1, const char *a2, const char *a3)
{
    const char *argv[] = { a0, a1, a2, a3, NULL };

    return baton_child_new(argv);
}

/* Wait up to 2 s for a process to be gone (reaped by its new parent) */
static bool
gone_soon(pid_t pid)
{
    for (int i = 0; i < 200; i++) {
        if ((kill(pid, 0) != 0) && (errno == ESRCH)) {
            return true;
        }
        usleep(10000);
    }
    return false;
}


/* ---- free() and realloc() seen by the secret-capture tests ---- */

/* What the secret program prints, built at run time so that no argv
 * string or literal the test frees holds it */
#define SECRET_MARK "S3CRET-PW"
/* The program: the mark, 1500 times (15 kB: the capture grows three
 * times), on stdout and on stderr */
#define SECRET_SCRIPT \
    "i=0; while [ $i -lt 1500 ]; do printf '%s%s\n' S3CR ET-PW; " \
    "printf '%s%s\n' S3CR ET-PW >&2; i=$((i+1)); done"

void __real_free(void *p);
void *__real_realloc(void *p, size_t n);
void __wrap_free(void *p);
void *__wrap_realloc(void *p, size_t n);

static bool watching;
static unsigned secret_frees;
static unsigned secret_reallocs;

/* Whether a heap block starts with the mark (the captures start with it;
 * reading further could read bytes never written) */
static bool
holds_secret(void *p)
{
    size_t len = strlen(SECRET_MARK);

    return (p != NULL) && (malloc_usable_size(p) >= len)
           && (memcmp(p, SECRET_MARK, len) == 0);
}

void
__wrap_free(void *p)
{
    if (watching && holds_secret(p)) {
        secret_frees++;
    }
    __real_free(p);
}

void *
__wrap_realloc(void *p, size_t n)
{
    if (watching && holds_secret(p)) {
        secret_reallocs++;
    }
    return __real_realloc(p, n);
}

/* Run the secret program with or without BATON_CHILD_SECRET_OUTPUT, free
 * it, and count the blocks that left with the secret in them */
static void
run_secret_program(uint32_t flags)
{
    baton_child_t *c = baton_child_new_shell(SECRET_SCRIPT);
    size_t len = 0;

    secret_frees = 0;
    secret_reallocs = 0;
    baton_child_set_flags(c, flags);
    watching = true;
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_int_equal(strncmp(baton_child_stdout(c, &len), SECRET_MARK,
                             strlen(SECRET_MARK)), 0);
    assert_int_equal(len, 1500 * (strlen(SECRET_MARK) + 1));
    assert_int_equal(strncmp(baton_child_stderr(c, &len), SECRET_MARK,
                             strlen(SECRET_MARK)), 0);
    assert_int_equal(len, 1500 * (strlen(SECRET_MARK) + 1));
    baton_child_free(c);
    watching = false;
}

static void
secret_output_is_wiped_before_every_free(void **state)
{
    run_secret_program(BATON_CHILD_SECRET_OUTPUT);
    assert_int_equal(secret_reallocs, 0);
    assert_int_equal(secret_frees, 0);
}

static void
secret_output_is_wiped_when_the_child_runs_again(void **state)
{
    baton_child_t *c = baton_child_new_shell(SECRET_SCRIPT);

    secret_frees = 0;
    baton_child_set_flags(c, BATON_CHILD_SECRET_OUTPUT);
    watching = true;
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_int_equal(strncmp(baton_child_stdout(c, NULL), SECRET_MARK,
                             strlen(SECRET_MARK)), 0);
    baton_child_free(c);
    watching = false;
    assert_int_equal(secret_frees, 0);
}

/* The check above can fail: without the flag the same run leaves the
 * secret in the blocks it frees and reallocates */
static void
plain_output_is_seen_by_the_secret_check(void **state)
{
    run_secret_program(0);
    assert_true(secret_reallocs > 0);
    assert_true(secret_frees > 0);
}

static void
stdin_copy_is_wiped(void **state)
{
    baton_child_t *c = child_of("cat", NULL, NULL, NULL);

    secret_frees = 0;
    watching = true;
    baton_child_set_stdin(c, SECRET_MARK "-old", strlen(SECRET_MARK) + 4);
    baton_child_set_stdin(c, SECRET_MARK "-new", strlen(SECRET_MARK) + 4);
    baton_child_free(c);
    watching = false;
    assert_int_equal(secret_frees, 0);
}

static void
new_rejects_empty_argv(void **state)
{
    const char *argv[] = { NULL };

    assert_null(baton_child_new(NULL));
    assert_null(baton_child_new(argv));
    assert_null(baton_child_new_shell(NULL));
    baton_child_free(NULL);
}

static void
run_captures_stdout_and_exit_zero(void **state)
{
    baton_child_t *c = child_of("echo", "hello", "world", NULL);
    size_t len = 0;

    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_int_equal(baton_child_end(c), BATON_CHILD_EXITED);
    assert_int_equal(baton_child_exit_code(c), 0);
    assert_string_equal(baton_child_stdout(c, &len), "hello world\n");
    assert_int_equal(len, 12);
    assert_string_equal(baton_child_stderr(c, NULL), "");
    assert_false(baton_child_truncated(c));
    baton_child_free(c);
}

static void
run_passes_arguments_without_a_shell(void **state)
{
    baton_child_t *c = child_of("echo", "$HOME;", "a b", "`id`");

    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_string_equal(baton_child_stdout(c, NULL), "$HOME; a b `id`\n");
    baton_child_free(c);
}

static void
run_feeds_stdin_data(void **state)
{
    baton_child_t *c = child_of("cat", NULL, NULL, NULL);

    baton_child_set_stdin(c, "secret=1\nmore\n", 14);
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_string_equal(baton_child_stdout(c, NULL), "secret=1\nmore\n");
    baton_child_free(c);
}

static void
run_feeds_large_stdin_while_reading_output(void **state)
{
    size_t big = 1024 * 1024;
    char *data = calloc(big, 1);
    baton_child_t *c = child_of("cat", NULL, NULL, NULL);
    size_t len = 0;

    memset(data, 'x', big);
    baton_child_set_stdin(c, data, big);
    baton_child_set_capture(c, 2 * big);
    baton_child_set_timeout(c, 10000);
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    baton_child_stdout(c, &len);
    assert_int_equal(len, big);
    free(data);
    baton_child_free(c);
}

static void
run_reports_nonzero_exit(void **state)
{
    baton_child_t *c = child_of("sh", "-c", "echo oops >&2; exit 3", NULL);

    assert_int_equal(baton_child_run(c), BATON_RC_CHILD_FAILED);
    assert_int_equal(baton_child_end(c), BATON_CHILD_EXITED);
    assert_int_equal(baton_child_exit_code(c), 3);
    assert_string_equal(baton_child_stderr(c, NULL), "oops\n");
    assert_null(baton_child_failed_step(c));
    baton_child_free(c);
}

static void
run_reports_killing_signal(void **state)
{
    baton_child_t *c = child_of("sh", "-c", "kill -KILL $$", NULL);

    assert_int_equal(baton_child_run(c), BATON_RC_CHILD_FAILED);
    assert_int_equal(baton_child_end(c), BATON_CHILD_SIGNALED);
    assert_int_equal(baton_child_signal(c), SIGKILL);
    assert_int_equal(baton_child_exit_code(c), -1);
    baton_child_free(c);
}

static void
run_reports_missing_program_as_enoent(void **state)
{
    baton_child_t *c = child_of("/nonexistent/baton-prog", NULL, NULL, NULL);

    assert_int_equal(baton_child_run(c), ENOENT);
    assert_string_equal(baton_child_failed_step(c), "exec");
    assert_int_equal(baton_child_end(c), BATON_CHILD_NOT_RUN);
    baton_child_free(c);
}

static void
run_reports_non_executable_as_eacces(void **state)
{
    baton_child_t *c = child_of("/etc/passwd", NULL, NULL, NULL);

    assert_int_equal(baton_child_run(c), EACCES);
    assert_string_equal(baton_child_failed_step(c), "exec");
    baton_child_free(c);
}

static void
run_reports_missing_workdir(void **state)
{
    baton_child_t *c = child_of("true", NULL, NULL, NULL);

    baton_child_set_workdir(c, "/nonexistent/dir");
    assert_int_equal(baton_child_run(c), ENOENT);
    assert_string_equal(baton_child_failed_step(c), "chdir");
    baton_child_free(c);
}

static void
run_uses_workdir(void **state)
{
    baton_child_t *c = child_of("pwd", NULL, NULL, NULL);

    baton_child_set_workdir(c, "/tmp");
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_string_equal(baton_child_stdout(c, NULL), "/tmp\n");
    baton_child_free(c);
}

static void
run_times_out_and_kills_the_whole_group(void **state)
{
    baton_child_t *c = child_of("sh", "-c", "sleep 30 & echo $!; wait",
                                NULL);
    pid_t grandchild = 0;

    baton_child_set_timeout(c, 300);
    assert_int_equal(baton_child_run(c), BATON_RC_TIMEOUT);
    assert_int_equal(baton_child_end(c), BATON_CHILD_TIMED_OUT);
    assert_true(baton_child_elapsed_ms(c) >= 300);
    assert_true(baton_child_elapsed_ms(c) < 2000);
    grandchild = (pid_t) atoi(baton_child_stdout(c, NULL));
    assert_true(grandchild > 0);
    assert_true(gone_soon(grandchild));
    baton_child_free(c);
}

static void
run_escalates_to_sigkill_when_sigterm_is_ignored(void **state)
{
    baton_child_t *c = child_of("sh", "-c", "trap '' TERM; sleep 30", NULL);

    baton_child_set_timeout(c, 200);
    baton_child_set_grace(c, 300);
    assert_int_equal(baton_child_run(c), BATON_RC_TIMEOUT);
    assert_true(baton_child_elapsed_ms(c) >= 500);
    assert_true(baton_child_elapsed_ms(c) < 3000);
    baton_child_free(c);
}

static void
run_does_not_wait_for_grandchildren_holding_pipes(void **state)
{
    baton_child_t *c = child_of("sh", "-c", "sleep 5 & echo started", NULL);

    baton_child_set_timeout(c, 4000);
    baton_child_set_flags(c, BATON_CHILD_KILL_GROUP_ON_EXIT);
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_true(baton_child_elapsed_ms(c) < 2000);
    baton_child_free(c);
}

static void
run_bounds_captured_output(void **state)
{
    baton_child_t *c = child_of("head", "-c", "100000", "/dev/zero");
    size_t len = 0;

    baton_child_set_capture(c, 10);
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    baton_child_stdout(c, &len);
    assert_int_equal(len, 10);
    assert_true(baton_child_truncated(c));
    baton_child_free(c);
}

static void
run_with_capture_zero_discards_output(void **state)
{
    baton_child_t *c = child_of("echo", "x", NULL, NULL);
    size_t len = 99;

    baton_child_set_capture(c, 0);
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_string_equal(baton_child_stdout(c, &len), "");
    assert_int_equal(len, 0);
    baton_child_free(c);
}

static void
run_uses_given_environment(void **state)
{
    const char *envp[] = { "ONLY=this", NULL };
    baton_child_t *c = child_of("/usr/bin/env", NULL, NULL, NULL);

    baton_child_set_env(c, envp);
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_string_equal(baton_child_stdout(c, NULL), "ONLY=this\n");
    baton_child_free(c);
}

static void
setenv_adds_and_replaces_variables(void **state)
{
    baton_child_t *c = child_of("/usr/bin/env", NULL, NULL, NULL);

    setenv("BATON_CHILD_TEST_INHERITED", "yes", 1);
    baton_child_setenv(c, "BATON_X", "1");
    baton_child_setenv(c, "BATON_X", "2");
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_non_null(strstr(baton_child_stdout(c, NULL), "\nBATON_X=2\n"));
    assert_null(strstr(baton_child_stdout(c, NULL), "BATON_X=1"));
    assert_non_null(strstr(baton_child_stdout(c, NULL),
                           "BATON_CHILD_TEST_INHERITED=yes"));
    baton_child_free(c);
}

static void
shell_runs_a_command_line(void **state)
{
    baton_child_t *c = baton_child_new_shell("echo a b | tr a x");

    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_string_equal(baton_child_stdout(c, NULL), "x b\n");
    baton_child_free(c);
}

static void
set_user_rejects_unknown_user(void **state)
{
    baton_child_t *c = child_of("true", NULL, NULL, NULL);

    assert_int_equal(baton_child_set_user(c, "no-such-baton-user"), ENOENT);
    assert_int_equal(baton_child_set_user(c, ""), EINVAL);
    baton_child_free(c);
}

static void
run_switches_user(void **state)
{
    baton_child_t *c = child_of("id", "-u", NULL, NULL);
    char want[32];

    if (geteuid() != 0) {
        skip();
    }
    assert_int_equal(baton_child_set_user(c, "nobody"), BATON_RC_OK);
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    snprintf(want, sizeof(want), "%d\n", 65534);
    assert_string_equal(baton_child_stdout(c, NULL), want);
    baton_child_free(c);
}

static void
spawn_starts_a_detached_group_leader(void **state)
{
    baton_child_t *c = child_of("sleep", "30", NULL, NULL);
    pid_t pid = 0;

    baton_child_set_flags(c, BATON_CHILD_NEW_SESSION);
    assert_int_equal(baton_child_spawn(c, &pid), BATON_RC_OK);
    assert_int_equal(baton_child_end(c), BATON_CHILD_DETACHED);
    assert_true(pid > 0);
    assert_int_equal(getpgid(pid), pid);
    assert_int_equal(getsid(pid), pid);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    baton_child_free(c);
}

static void
spawn_writes_output_files(void **state)
{
    char dir[] = "/tmp/baton-child-XXXXXX";
    char out[64], err[64], buf[64] = "";
    baton_child_t *c = child_of("sh", "-c", "echo out; echo err >&2", NULL);
    pid_t pid = 0;
    int fd = -1;

    assert_non_null(mkdtemp(dir));
    snprintf(out, sizeof(out), "%s/out", dir);
    snprintf(err, sizeof(err), "%s/err", dir);
    baton_child_set_output_files(c, out, err);
    assert_int_equal(baton_child_spawn(c, &pid), BATON_RC_OK);
    waitpid(pid, NULL, 0);
    fd = open(err, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(read(fd, buf, sizeof(buf) - 1), 4);
    assert_string_equal(buf, "err\n");
    close(fd);
    unlink(out);
    unlink(err);
    rmdir(dir);
    baton_child_free(c);
}

static void
spawn_reports_unwritable_output_file(void **state)
{
    baton_child_t *c = child_of("true", NULL, NULL, NULL);
    pid_t pid = 0;

    baton_child_set_output_files(c, "/nonexistent/dir/log", NULL);
    assert_int_equal(baton_child_spawn(c, &pid), ENOENT);
    assert_string_equal(baton_child_failed_step(c), "stdout");
    baton_child_free(c);
}

/* cgroup.procs stands in as a plain file: what the child writes to it */
static void
run_enters_the_cgroup_before_exec(void **state)
{
    char path[] = "/tmp/child_test_procs.XXXXXX";
    int fd = mkstemp(path);
    baton_child_t *c = child_of("ls", "/proc/self/fd", NULL, NULL);
    char text[8] = "";

    assert_true(fd >= 0);
    baton_child_set_cgroup(c, fd);
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    assert_int_equal(pread(fd, text, sizeof(text) - 1, 0), 1);
    assert_string_equal(text, "0");         /* "0": the writer itself */
    /* and the descriptor does not reach the program */
    assert_string_equal(baton_child_stdout(c, NULL), "0\n1\n2\n3\n");
    close(fd);
    unlink(path);
    baton_child_free(c);
}

static void
spawn_fails_at_step_cgroup_when_it_cannot_enter(void **state)
{
    baton_child_t *c = child_of("true", NULL, NULL, NULL);
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);   /* not writable */
    pid_t pid = 0;

    baton_child_set_cgroup(c, fd);
    assert_int_equal(baton_child_spawn(c, &pid), EBADF);
    assert_string_equal(baton_child_failed_step(c), "cgroup");
    close(fd);
    baton_child_free(c);
}

static void
run_does_not_leak_descriptors_into_the_program(void **state)
{
    baton_child_t *c = child_of("ls", "/proc/self/fd", NULL, NULL);
    int fd = open("/dev/null", O_RDONLY);   /* not close-on-exec */

    assert_true(fd > 2);
    assert_int_equal(baton_child_run(c), BATON_RC_OK);
    /* ls sees 0 1 2 and the descriptor it opened to list the directory */
    assert_string_equal(baton_child_stdout(c, NULL), "0\n1\n2\n3\n");
    close(fd);
    baton_child_free(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_rejects_empty_argv),
        cmocka_unit_test(run_captures_stdout_and_exit_zero),
        cmocka_unit_test(run_passes_arguments_without_a_shell),
        cmocka_unit_test(run_feeds_stdin_data),
        cmocka_unit_test(run_feeds_large_stdin_while_reading_output),
        cmocka_unit_test(run_reports_nonzero_exit),
        cmocka_unit_test(run_reports_killing_signal),
        cmocka_unit_test(run_reports_missing_program_as_enoent),
        cmocka_unit_test(run_reports_non_executable_as_eacces),
        cmocka_unit_test(run_reports_missing_workdir),
        cmocka_unit_test(run_uses_workdir),
        cmocka_unit_test(run_does_not_leak_descriptors_into_the_program),
        cmocka_unit_test(run_enters_the_cgroup_before_exec),
        cmocka_unit_test(spawn_fails_at_step_cgroup_when_it_cannot_enter),
        cmocka_unit_test(run_times_out_and_kills_the_whole_group),
        cmocka_unit_test(run_escalates_to_sigkill_when_sigterm_is_ignored),
        cmocka_unit_test(run_does_not_wait_for_grandchildren_holding_pipes),
        cmocka_unit_test(run_bounds_captured_output),
        cmocka_unit_test(run_with_capture_zero_discards_output),
        cmocka_unit_test(run_uses_given_environment),
        cmocka_unit_test(setenv_adds_and_replaces_variables),
        cmocka_unit_test(shell_runs_a_command_line),
        cmocka_unit_test(set_user_rejects_unknown_user),
        cmocka_unit_test(run_switches_user),
        cmocka_unit_test(spawn_starts_a_detached_group_leader),
        cmocka_unit_test(spawn_writes_output_files),
        cmocka_unit_test(spawn_reports_unwritable_output_file),
        cmocka_unit_test(secret_output_is_wiped_before_every_free),
        cmocka_unit_test(secret_output_is_wiped_when_the_child_runs_again),
        cmocka_unit_test(plain_output_is_seen_by_the_secret_check),
        cmocka_unit_test(stdin_copy_is_wiped),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
