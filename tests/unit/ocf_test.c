/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/core/ocf.c: invocation, meta variables and dispatch.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "baton/log.h"
#include "baton/ocf.h"
#include "test_table.h"

static int calls;

static int
fake_monitor(baton_ocf_t *ocf, enum baton_res_state *st, baton_reason_t *why)
{
    calls++;
    *st = BATON_RES_STOPPED;
    return BATON_RC_OK;
}

static const struct baton_ocf_op test_ops[] = {
    { BATON_OCF_ACTION_MONITOR, fake_monitor },
    { NULL, NULL },
};

static char *good_env[] = {
    "OCF_RESKEY_host=h1", "OCF_RESKEY_CRM_meta_interval=10000",
    "OCF_RESKEY_CRM_meta_timeout=20000", "OCF_CHECK_LEVEL=10",
    "OCF_RESKEY_CRM_meta_notify_type=pre", "OCF_RESOURCE_INSTANCE=vip",
    NULL,
};

static void
status_is_an_alias_of_monitor(void **state)
{
    char *argv[] = { "Test", "status", NULL };
    baton_ocf_t *ocf = baton_ocf_new(&test_agent, 2, argv, good_env);
    enum baton_res_state st = BATON_RES_UNKNOWN;

    calls = 0;
    assert_string_equal(baton_ocf_action(ocf), "monitor");
    assert_int_equal(baton_ocf_dispatch(ocf, test_ops, &st, NULL), BATON_RC_OK);
    assert_int_equal(calls, 1);
    assert_int_equal(st, BATON_RES_STOPPED);
    baton_ocf_free(ocf);
}

static void
meta_values_and_check_level_are_read(void **state)
{
    char *argv[] = { "Test", "monitor", NULL };
    baton_ocf_t *ocf = baton_ocf_new(&test_agent, 2, argv, good_env);

    assert_int_equal(baton_ocf_interval_ms(ocf), 10000);
    assert_int_equal(baton_ocf_timeout_ms(ocf), 20000);
    assert_int_equal(baton_ocf_check_level(ocf), 10);
    assert_false(baton_ocf_is_probe(ocf));
    assert_string_equal(baton_ocf_meta(ocf, "notify_type"), "pre");
    assert_null(baton_ocf_meta(ocf, "notify"));
    assert_string_equal(baton_ocf_instance(ocf), "vip");
    assert_string_equal(baton_params_get(baton_ocf_params(ocf), "host"), "h1");
    baton_ocf_free(ocf);
}

/* Pacemaker 3.0 passes promoted_max and notify_promoted_uname only; 2.1
 * passes the master/slave spellings too, older releases only those */
static void
meta_promoted_names_find_the_legacy_spelling(void **state)
{
    char *argv[] = { "Test", "monitor", NULL };
    char *old_env[] = { "OCF_RESKEY_CRM_meta_master_max=1",
                        "OCF_RESKEY_CRM_meta_master_node_max=1",
                        "OCF_RESKEY_CRM_meta_notify_master_uname=n1 ",
                        "OCF_RESKEY_CRM_meta_notify_slave_uname=n2 n3 ",
                        NULL };
    char *new_env[] = { "OCF_RESKEY_CRM_meta_promoted_max=2",
                        "OCF_RESKEY_CRM_meta_master_max=1", NULL };
    baton_ocf_t *ocf = baton_ocf_new(&test_agent, 2, argv, old_env);

    assert_string_equal(baton_ocf_meta(ocf, "promoted_max"), "1");
    assert_string_equal(baton_ocf_meta(ocf, "promoted_node_max"), "1");
    assert_string_equal(baton_ocf_meta(ocf, "notify_promoted_uname"), "n1 ");
    assert_string_equal(baton_ocf_meta(ocf, "notify_unpromoted_uname"),
                        "n2 n3 ");
    assert_null(baton_ocf_meta(ocf, "notify_promoted_resource"));
    baton_ocf_free(ocf);
    /* the new name wins when both are there */
    ocf = baton_ocf_new(&test_agent, 2, argv, new_env);
    assert_string_equal(baton_ocf_meta(ocf, "promoted_max"), "2");
    assert_string_equal(baton_ocf_meta(ocf, "master_max"), "1");
    baton_ocf_free(ocf);
}

static void
meta_true_is_a_true_boolean_only(void **state)
{
    char *argv[] = { "Test", "monitor", NULL };
    char *env[] = { "OCF_RESKEY_CRM_meta_notify=yes",
                    "OCF_RESKEY_CRM_meta_promotable=false",
                    "OCF_RESKEY_CRM_meta_globally_unique=maybe", NULL };
    baton_ocf_t *ocf = baton_ocf_new(&test_agent, 2, argv, env);

    (void) state;
    assert_true(baton_ocf_meta_true(ocf, "notify"));
    assert_false(baton_ocf_meta_true(ocf, "promotable"));
    assert_false(baton_ocf_meta_true(ocf, "globally_unique"));
    assert_false(baton_ocf_meta_true(ocf, "clone"));
    baton_ocf_free(ocf);
}

static void
monitor_without_interval_is_a_probe(void **state)
{
    char *argv[] = { "Test", "monitor", NULL };
    char *env[] = { "OCF_RESKEY_host=h1", NULL };
    baton_ocf_t *ocf = baton_ocf_new(&test_agent, 2, argv, env);

    assert_true(baton_ocf_is_probe(ocf));
    assert_int_equal(baton_ocf_timeout_ms(ocf), 20000);
    assert_int_equal(baton_ocf_check_level(ocf), 0);
    assert_string_equal(baton_ocf_instance(ocf), "Test");
    baton_ocf_free(ocf);
}

static void
unknown_action_is_unimplemented_with_reason(void **state)
{
    char *argv[] = { "Test", "frobnicate", NULL };
    baton_ocf_t *ocf = baton_ocf_new(&test_agent, 2, argv, good_env);
    enum baton_res_state st = BATON_RES_UNKNOWN;
    baton_reason_t why = BATON_REASON_INIT;
    int rc = baton_ocf_dispatch(ocf, test_ops, &st, &why);

    assert_int_equal(rc, BATON_RC_UNIMPLEMENTED);
    assert_int_equal(baton_rc2ocf(rc, st), 3);
    assert_string_equal(why.text, "Action frobnicate is not implemented by Test");
    baton_ocf_free(ocf);
}

static void
validate_all_falls_back_to_the_table(void **state)
{
    char *argv[] = { "Test", "validate-all", NULL };
    char *env[] = { "OCF_RESKEY_count=0", "OCF_RESKEY_host=h", NULL };
    baton_ocf_t *ocf = baton_ocf_new(&test_agent, 2, argv, env);
    enum baton_res_state st = BATON_RES_UNKNOWN;
    baton_reason_t why = BATON_REASON_INIT;
    int rc = baton_ocf_dispatch(ocf, test_ops, &st, &why);

    assert_int_equal(baton_rc2ocf(rc, st), 6);
    assert_string_equal(why.text,
                        "Parameter count: 0 is not between 1 and 10");
    baton_ocf_free(ocf);
}

/* Run ACTION (interval INTERVAL) in a child logging to stderr, as an agent
 * does, with an obsolete parameter given its harmless value; parse as the
 * action would. Whether the warning was written; the parse must pass. */
static bool
obsolete_warned(const char *action, const char *interval)
{
    char ival[64];
    char *argv[] = { "Test", (char *) action, NULL };
    char *env[] = { "OCF_RESKEY_host=h", "OCF_RESKEY_old_switch=false",
                    "OCF_RESKEY_old_hash=sourceip", ival, NULL };
    char out[4096];
    int pipefd[2];
    size_t got = 0;
    ssize_t n = 0;
    int ws = 0;
    pid_t pid;

    snprintf(ival, sizeof(ival), "OCF_RESKEY_CRM_meta_interval=%s", interval);
    assert_int_equal(pipe(pipefd), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        baton_ocf_t *ocf = NULL;
        int rc;

        dup2(pipefd[1], STDERR_FILENO);
        unsetenv("HA_LOGFACILITY");
        unsetenv("HA_debug");
        baton_log_init("Test");
        ocf = baton_ocf_new(&test_agent, 2, argv, env);
        rc = baton_params_check_all(baton_ocf_params(ocf), NULL);
        baton_ocf_free(ocf);
        baton_log_fini();
        _exit(rc == BATON_RC_OK ? 0 : 1);
    }
    close(pipefd[1]);
    while ((got + 1 < sizeof(out))
           && ((n = read(pipefd[0], out + got, sizeof(out) - got - 1)) > 0)) {
        got += (size_t) n;
    }
    out[got] = '\0';
    close(pipefd[0]);
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    assert_true(WIFEXITED(ws));
    assert_int_equal(WEXITSTATUS(ws), 0);
    if ((strstr(out, "Ignoring parameter old_switch=false") != NULL)
        != (strstr(out, "Ignoring parameter old_hash=sourceip") != NULL)) {
        fail_msg("one obsolete parameter warned, not the other: %s", out);
    }
    return strstr(out, "Ignoring parameter old_switch=false") != NULL;
}

/* A harmless obsolete parameter is reported where the administrator acts
 * (validate-all, start, a probe, reload), not on every recurring monitor
 * nor on the other actions of a running resource */
static void
obsolete_harmless_value_warns_only_where_acted_on(void **state)
{
    assert_true(obsolete_warned("validate-all", "0"));
    assert_true(obsolete_warned("start", "0"));
    assert_true(obsolete_warned("monitor", "0"));
    assert_true(obsolete_warned("reload", "0"));
    assert_true(obsolete_warned("reload-agent", "0"));
    assert_false(obsolete_warned("monitor", "10000"));
    assert_false(obsolete_warned("status", "10000"));
    assert_false(obsolete_warned("stop", "0"));
    assert_false(obsolete_warned("notify", "0"));
    assert_false(obsolete_warned("promote", "0"));
    assert_false(obsolete_warned("demote", "0"));
}

static void
env_get_matches_the_whole_name_only(void **state)
{
    char *env[] = { "DRBD_PEERS=a b", "DRBD_PEER=b", "EMPTY=", "NOEQUALS",
                    NULL };

    assert_string_equal(baton_env_get(env, "DRBD_PEER"), "b");
    assert_string_equal(baton_env_get(env, "DRBD_PEERS"), "a b");
    assert_string_equal(baton_env_get(env, "EMPTY"), "");
    assert_null(baton_env_get(env, "DRBD_PEE"));
    assert_null(baton_env_get(env, "NOEQUALS"));
    assert_null(baton_env_get(NULL, "DRBD_PEER"));
}

static void
reason_keeps_the_first_and_folds_newlines(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;

    baton_reason_set(&why, "inner %s\nmore", "detail");
    baton_reason_set(&why, "outer");
    assert_string_equal(why.text, "inner detail more");
    baton_reason_set(NULL, "ignored");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_is_an_alias_of_monitor),
        cmocka_unit_test(meta_values_and_check_level_are_read),
        cmocka_unit_test(meta_promoted_names_find_the_legacy_spelling),
        cmocka_unit_test(meta_true_is_a_true_boolean_only),
        cmocka_unit_test(monitor_without_interval_is_a_probe),
        cmocka_unit_test(unknown_action_is_unimplemented_with_reason),
        cmocka_unit_test(validate_all_falls_back_to_the_table),
        cmocka_unit_test(obsolete_harmless_value_warns_only_where_acted_on),
        cmocka_unit_test(env_get_matches_the_whole_name_only),
        cmocka_unit_test(reason_keeps_the_first_and_folds_newlines),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
