/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/core/rc.c: the rc to OCF exit code table, and the
 * line an allocation failure leaves (OCF exit reason in OCF agents only).
 */
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "baton/rc.h"

static void
rc2ocf_maps_ok_and_state_to_ocf_codes(void **state)
{
    assert_int_equal(baton_rc2ocf(BATON_RC_OK, BATON_RES_RUNNING), 0);
    assert_int_equal(baton_rc2ocf(BATON_RC_OK, BATON_RES_UNKNOWN), 0);
    assert_int_equal(baton_rc2ocf(BATON_RC_OK, BATON_RES_STOPPED), 7);
    assert_int_equal(baton_rc2ocf(BATON_RC_OK, BATON_RES_FAILED), 1);
    assert_int_equal(baton_rc2ocf(BATON_RC_OK, BATON_RES_PROMOTED), 8);
    assert_int_equal(baton_rc2ocf(BATON_RC_OK, BATON_RES_FAILED_PROMOTED), 9);
    assert_int_equal(baton_rc2ocf(BATON_RC_OK, BATON_RES_DEGRADED), 190);
    assert_int_equal(baton_rc2ocf(BATON_RC_OK, BATON_RES_DEGRADED_PROMOTED),
                     191);
}

static void
rc2ocf_maps_config_to_err_configured(void **state)
{
    assert_int_equal(baton_rc2ocf(BATON_RC_CONFIG, BATON_RES_UNKNOWN), 6);
}

static void
rc2ocf_maps_node_local_problems_below_6(void **state)
{
    assert_int_equal(baton_rc2ocf(BATON_RC_NODE_CONFIG, BATON_RES_UNKNOWN), 5);
    assert_int_equal(baton_rc2ocf(BATON_RC_NOT_INSTALLED, BATON_RES_UNKNOWN),
                     5);
    assert_int_equal(baton_rc2ocf(BATON_RC_TIMEOUT, BATON_RES_UNKNOWN), 1);
    assert_int_equal(baton_rc2ocf(ENODEV, BATON_RES_UNKNOWN), 1);
}

static void
rc2ocf_maps_eacces_to_insufficient_priv(void **state)
{
    assert_int_equal(baton_rc2ocf(EACCES, BATON_RES_UNKNOWN), 4);
    assert_int_equal(baton_rc2ocf(EPERM, BATON_RES_UNKNOWN), 4);
}

static void
rc2ocf_maps_unimplemented_and_usage(void **state)
{
    assert_int_equal(baton_rc2ocf(BATON_RC_UNIMPLEMENTED, BATON_RES_UNKNOWN),
                     3);
    assert_int_equal(baton_rc2ocf(BATON_RC_USAGE, BATON_RES_UNKNOWN), 2);
}

static void
rc_str_describes_errno_and_own_codes(void **state)
{
    assert_string_equal(baton_rc_str(ENOENT), strerror(ENOENT));
    assert_string_equal(baton_rc_str(BATON_RC_TIMEOUT), "timed out");
    assert_string_equal(baton_rc_str(-5000), "unknown error");
}

static void
rc_from_gai_keeps_system_errno(void **state)
{
    assert_int_equal(baton_rc_from_gai(0, 0), BATON_RC_OK);
    assert_int_equal(baton_rc_from_gai(EAI_SYSTEM, EMFILE), EMFILE);
    assert_int_equal(baton_rc_from_gai(EAI_NONAME, 0), BATON_RC_RESOLVE);
    assert_int_equal(baton_rc_from_gai(EAI_AGAIN, 0), EAGAIN);
}

/* Fail an allocation in a child, with or without the OCF boundary's
 * setting; what it wrote to stderr goes to out */
static void
alloc_failure_text(bool ocf, char *out, size_t size)
{
    struct rlimit no_core = { 0, 0 };
    int pipefd[2];
    pid_t pid = 0;
    int ws = 0;
    ssize_t n = 0;
    size_t got = 0;

    assert_int_equal(pipe(pipefd), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setrlimit(RLIMIT_CORE, &no_core);
        dup2(pipefd[1], STDERR_FILENO);
        baton_rc_fatal_ocf(ocf);
        baton_assert_alloc(NULL);
        _exit(0);
    }
    close(pipefd[1]);
    while ((got + 1 < size)
           && ((n = read(pipefd[0], out + got, size - got - 1)) > 0)) {
        got += (size_t) n;
    }
    out[got] = '\0';
    close(pipefd[0]);
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    assert_true(WIFSIGNALED(ws));
    assert_int_equal(WTERMSIG(ws), SIGABRT);
}

static void
alloc_failure_is_an_ocf_exit_reason_in_ocf_agents(void **state)
{
    char text[4096];

    alloc_failure_text(true, text, sizeof(text));
    assert_non_null(strstr(text, BATON_OCF_EXIT_REASON "out of memory at "));
}

static void
alloc_failure_is_a_plain_line_elsewhere(void **state)
{
    char text[4096];

    alloc_failure_text(false, text, sizeof(text));
    assert_non_null(strstr(text, "out of memory at "));
    assert_null(strstr(text, BATON_OCF_EXIT_REASON));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rc2ocf_maps_ok_and_state_to_ocf_codes),
        cmocka_unit_test(rc2ocf_maps_config_to_err_configured),
        cmocka_unit_test(rc2ocf_maps_node_local_problems_below_6),
        cmocka_unit_test(rc2ocf_maps_eacces_to_insufficient_priv),
        cmocka_unit_test(rc2ocf_maps_unimplemented_and_usage),
        cmocka_unit_test(rc_str_describes_errno_and_own_codes),
        cmocka_unit_test(rc_from_gai_keeps_system_errno),
        cmocka_unit_test(alloc_failure_is_an_ocf_exit_reason_in_ocf_agents),
        cmocka_unit_test(alloc_failure_is_a_plain_line_elsewhere),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
