/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of ocf:baton:ping's logic: score, failure score, timeout,
 * debug, state file and parameter parsing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "baton/ocf.h"
#include "baton/rc.h"
#include "ping.h"

static void
score_is_reachable_times_multiplier_without_wrap(void **state)
{
    assert_int_equal(ping_score(0, 100), 0);
    assert_int_equal(ping_score(3, 100), 300);
    /* pacemaker's agent wraps the count at 256 through an exit status */
    assert_int_equal(ping_score(300, 1), 300);
    assert_int_equal(ping_score(2, -5), -10);
}

static void
failure_score_only_when_set(void **state)
{
    struct ping_conf c = { .has_failure_score = false };

    assert_false(ping_score_fails(&c, -1000));
    c.has_failure_score = true;
    c.failure_score = 200;
    assert_true(ping_score_fails(&c, 100));
    assert_false(ping_score_fails(&c, 200));
    assert_false(ping_score_fails(&c, 300));
}

static void
timeout_follows_pacemaker_limits(void **state)
{
    assert_int_equal(ping_timeout_ms(-1, 3, 0), 2000);
    assert_int_equal(ping_timeout_ms(0, 3, 0), 5000);
    assert_int_equal(ping_timeout_ms(500, 3, 0), 500);
    assert_int_equal(ping_timeout_ms(3600000, 3, 0), 300000);
}

static void
timeout_fits_into_the_action_timeout(void **state)
{
    /* 20 s action: 18 s budget, minus 2 x 100 ms spacing */
    assert_int_equal(ping_timeout_ms(60000, 3, 20000), 17800);
    assert_int_equal(ping_timeout_ms(2000, 3, 20000), 2000);
    assert_int_equal(ping_timeout_ms(2000, 3, 100), 100);
}

static void
debug_values_as_pacemaker(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    enum ping_debug d = PING_DEBUG_VERBOSE;

    assert_int_equal(ping_debug_param_parse("true", &d, &why), BATON_RC_OK);
    assert_int_equal(d, PING_DEBUG_ON);
    assert_int_equal(ping_debug_param_parse("1", &d, &why), BATON_RC_OK);
    assert_int_equal(d, PING_DEBUG_ON);
    assert_int_equal(ping_debug_param_parse("Verbose", &d, &why),
                     BATON_RC_OK);
    assert_int_equal(d, PING_DEBUG_VERBOSE);
    assert_int_equal(ping_debug_param_parse("FALSE", &d, &why), BATON_RC_OK);
    assert_int_equal(d, PING_DEBUG_OFF);
    /* Unknown: off, with a warning, never an error */
    d = PING_DEBUG_ON;
    assert_int_equal(ping_debug_param_parse("loud", &d, &why), BATON_RC_OK);
    assert_int_equal(d, PING_DEBUG_OFF);
    assert_false(baton_reason_is_set(&why));
}

static void
state_file_by_name_or_instance(void **state)
{
    char *a = ping_state_file("/var/run/", false, "pingd", "p:0");
    char *b = ping_state_file(NULL, true, "pingd", "p:1");

    assert_string_equal(a, "/var/run/ping-pingd");
    assert_string_equal(b, "/var/run/ping-p:1");
    free(a);
    free(b);
}

/* Parse an invocation with the given environment; borrowed strings are
 * cleared, as they die with the invocation */
static int
parse_action(const char *action, char **envp, struct ping_conf *conf,
             baton_reason_t *why)
{
    char *argv[] = { "ping", (char *) action, NULL };
    baton_ocf_t *ocf = baton_ocf_new(&baton_ping_agent, 2, argv, envp);
    int rc = (strcmp(action, "stop") == 0)
             ? ping_conf_parse_lenient(ocf, conf, why)
             : ping_conf_parse(ocf, conf, why);

    conf->pidfile = NULL;
    conf->host_list = NULL;
    conf->options = NULL;
    conf->node = NULL;
    conf->name = (conf->name == NULL) ? NULL
                 : (strcmp(conf->name, "pingd") == 0) ? "pingd" : "other";
    baton_ocf_free(ocf);
    return rc;
}

static int
parse_env(char **envp, struct ping_conf *conf, baton_reason_t *why)
{
    return parse_action("monitor", envp, conf, why);
}

static void
conf_defaults(void **state)
{
    char *env[] = { "OCF_RESKEY_host_list=10.0.0.1",
                    "OCF_RESKEY_CRM_meta_timeout=60000", NULL };
    struct ping_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse_env(env, &c, &why), BATON_RC_OK);
    assert_int_equal(c.multiplier, 1);
    assert_int_equal(c.attempts, 3);
    assert_int_equal(c.timeout_ms, 2000);
    assert_int_equal(c.dampen_ms, 5000);
    assert_string_equal(c.dampen, "5s");
    assert_int_equal(c.debug, PING_DEBUG_OFF);
    assert_false(c.has_failure_score);
    assert_string_equal(c.state_file + strlen(c.state_file) - 11,
                        "/ping-pingd");
    ping_conf_clear(&c);
}

static void
conf_units_and_failure_score(void **state)
{
    char *env[] = { "OCF_RESKEY_host_list=10.0.0.1",
                    "OCF_RESKEY_timeout=500ms", "OCF_RESKEY_attempts=50",
                    "OCF_RESKEY_failure_score=2", "OCF_RESKEY_pidfile=/x/y",
                    "OCF_RESKEY_dampen=1500ms", "OCF_RESKEY_debug=verbose",
                    NULL };
    struct ping_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse_env(env, &c, &why), BATON_RC_OK);
    assert_int_equal(c.timeout_ms, 500);
    assert_int_equal(c.attempts, 32);
    assert_true(c.has_failure_score);
    assert_int_equal(c.failure_score, 2);
    assert_string_equal(c.state_file, "/x/y");
    assert_int_equal(c.dampen_ms, 1500);
    assert_string_equal(c.dampen, "1500ms");
    assert_int_equal(c.debug, PING_DEBUG_VERBOSE);
    ping_conf_clear(&c);
}

static void
conf_timeout_bounded_by_the_action(void **state)
{
    char *env[] = { "OCF_RESKEY_host_list=10.0.0.1", "OCF_RESKEY_timeout=60",
                    "OCF_RESKEY_CRM_meta_timeout=20000", NULL };
    struct ping_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse_env(env, &c, &why), BATON_RC_OK);
    assert_int_equal(c.timeout_ms, 17800);
    ping_conf_clear(&c);
}

/* stop must know the state file and the attribute whatever else is wrong */
static void
conf_for_stop_survives_bad_values(void **state)
{
    char *env[] = { "OCF_RESKEY_dampen=soon", "OCF_RESKEY_multiplier=x",
                    "OCF_RESKEY_name=other", "OCF_RESKEY_pidfile=/x/state",
                    NULL };
    struct ping_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse_action("stop", env, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter dampen: 'soon' is not a "
                        "duration (e.g. 2, 2s, 500ms, 1min)");
    assert_string_equal(c.state_file, "/x/state");
    assert_string_equal(c.name, "other");
    assert_int_equal(c.dampen_ms, 5000);     /* the default */
    assert_string_equal(c.dampen, "5s");
    ping_conf_clear(&c);
}

static void
conf_rejects(char *bad, const char *reason_part)
{
    char *env[] = { "OCF_RESKEY_host_list=10.0.0.1", bad, NULL };
    struct ping_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse_env(env, &c, &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, reason_part));
    ping_conf_clear(&c);
}

static void
conf_rejects_bad_input(void **state)
{
    conf_rejects("OCF_RESKEY_multiplier=ten",
                 "Parameter multiplier: 'ten' is not an integer");
    conf_rejects("OCF_RESKEY_timeout=-5",
                 "Parameter timeout: '-5' is not a duration");
    conf_rejects("OCF_RESKEY_dampen=soon",
                 "Parameter dampen: 'soon' is not a duration");
    conf_rejects("OCF_RESKEY_attempts=0",
                 "Parameter attempts: 0 is not between 1 and 100");
    conf_rejects("OCF_RESKEY_failure_score=x",
                 "Parameter failure_score: 'x' is not an integer");
    conf_rejects("OCF_RESKEY_use_fping=maybe",
                 "Parameter use_fping: 'maybe' is not a boolean");
}

static void
conf_rejects_empty_host_list(void **state)
{
    char *blank[] = { "OCF_RESKEY_host_list= \t ", NULL };
    char *none[] = { "OCF_RESKEY_name=x", NULL };
    struct ping_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse_env(blank, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter host_list: no host given "
                        "(name at least one host to ping)");
    ping_conf_clear(&c);
    baton_reason_clear(&why);
    assert_int_equal(parse_env(none, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Required parameter host_list is not set");
    ping_conf_clear(&c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(score_is_reachable_times_multiplier_without_wrap),
        cmocka_unit_test(failure_score_only_when_set),
        cmocka_unit_test(timeout_follows_pacemaker_limits),
        cmocka_unit_test(timeout_fits_into_the_action_timeout),
        cmocka_unit_test(debug_values_as_pacemaker),
        cmocka_unit_test(state_file_by_name_or_instance),
        cmocka_unit_test(conf_defaults),
        cmocka_unit_test(conf_units_and_failure_score),
        cmocka_unit_test(conf_timeout_bounded_by_the_action),
        cmocka_unit_test(conf_for_stop_survives_bad_values),
        cmocka_unit_test(conf_rejects_bad_input),
        cmocka_unit_test(conf_rejects_empty_host_list),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
