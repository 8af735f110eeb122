/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/core/params.c: values, defaults and validation.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "test_table.h"

static baton_params_t *
params_with(const char *name, const char *value)
{
    baton_params_t *p = baton_params_new(&test_agent);

    assert_int_equal(baton_params_set(p, "host", "h1"), BATON_RC_OK);
    if (name != NULL) {
        assert_int_equal(baton_params_set(p, name, value), BATON_RC_OK);
    }
    return p;
}

static int
parse(baton_params_t *p, struct test_conf *c, baton_reason_t *why)
{
    memset(c, 0, sizeof(*c));
    return baton_params_parse(p, c, why);
}

static void
parse_fills_every_field_from_values_and_defaults(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("count", "10");
    struct test_conf c;

    assert_int_equal(baton_params_set(p, "mode", "slow"), BATON_RC_OK);
    assert_int_equal(baton_params_set(p, "wait", "1500ms"), BATON_RC_OK);
    assert_int_equal(parse(p, &c, &why), BATON_RC_OK);
    assert_false(baton_reason_is_set(&why));
    assert_string_equal(c.host, "h1");
    assert_int_equal(c.count, 10);
    assert_false(c.verbose);                /* the default */
    assert_int_equal(c.mode, TEST_MODE_SLOW);
    assert_int_equal(c.wait_ms, 1500);
    assert_true(c.has_wait);
    assert_null(c.password);
    assert_true(c.cross_checked);
    baton_params_free(p);
}

static void
parse_leaves_unset_fields_without_default_and_given_flag(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with(NULL, NULL);
    struct test_conf c;

    assert_int_equal(parse(p, &c, &why), BATON_RC_OK);
    assert_int_equal(c.count, 5);
    assert_int_equal(c.mode, TEST_MODE_FAST);
    assert_false(c.has_wait);
    assert_int_equal(c.wait_ms, 0);
    baton_params_free(p);
}

static void
parse_rejects_missing_required_naming_it(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = baton_params_new(&test_agent);
    struct test_conf c;

    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Required parameter host is not set");
    baton_params_free(p);
}

static void
parse_rejects_non_integer_naming_the_parameter(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("count", "3x");
    struct test_conf c;

    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter count: '3x' is not an integer");
    baton_params_free(p);
}

static void
parse_rejects_integer_out_of_range(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("count", "11");
    struct test_conf c;

    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text,
                        "Parameter count: 11 is not between 1 and 10");
    baton_params_free(p);
}

static void
parse_rejects_bad_boolean_choice_and_duration(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("verbose", "maybe");
    struct test_conf c;

    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter verbose: 'maybe' is not a "
                        "boolean (true/false)");
    baton_params_free(p);

    baton_reason_clear(&why);
    p = params_with("mode", "medium");
    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter mode: 'medium' is not one of "
                        "the accepted values");
    baton_params_free(p);

    baton_reason_clear(&why);
    p = params_with("wait", "5 fortnights");
    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter wait: '5 fortnights' is not a "
                        "duration (e.g. 2, 2s, 500ms, 1min)");
    baton_params_free(p);
}

static void
parse_never_quotes_a_secret_value(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("pin", "12ab");
    struct test_conf c;

    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter pin: '(secret)' is not an "
                        "integer");
    assert_null(strstr(why.text, "12ab"));
    baton_params_free(p);
}

static void
parse_rejects_obsolete_parameter_asking_for_the_feature(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("old_feature", "x");
    struct test_conf c;

    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter old_feature is not supported: "
                        "the kernel removed it");
    baton_params_free(p);

    baton_reason_clear(&why);
    p = params_with("old_switch", "true");
    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter old_switch is not supported: "
                        "the switch is gone");
    baton_params_free(p);

    baton_reason_clear(&why);
    p = params_with("old_hash", "sourceip-sourceport");
    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    baton_params_free(p);
}

static void
parse_accepts_obsolete_parameter_given_its_harmless_default(void **state)
{
    const char *harmless[][2] = {
        { "old_switch", "false" }, { "old_switch", "no" },
        { "old_switch", "0" }, { "old_hash", "sourceip" },
    };

    for (size_t i = 0; i < BATON_N_ELEMENTS(harmless); i++) {
        baton_reason_t why = BATON_REASON_INIT;
        baton_params_t *p = params_with(harmless[i][0], harmless[i][1]);
        struct test_conf c;

        assert_int_equal(parse(p, &c, &why), BATON_RC_OK);
        assert_false(baton_reason_is_set(&why));
        baton_params_free(p);
    }
}

static void
parse_runs_the_parameters_own_hook_and_names_it(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("host", "a b");
    struct test_conf c;

    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text,
                        "Parameter host: 'a b' must not contain spaces");
    baton_params_free(p);
}

static void
parse_runs_the_rules_over_several_parameters_last(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("mode", "slow");
    struct test_conf c;

    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_true(c.cross_checked);
    assert_string_equal(why.text, "Mode slow needs wait");
    baton_params_free(p);

    baton_reason_clear(&why);
    p = params_with("count", "0");
    assert_int_equal(parse(p, &c, &why), BATON_RC_CONFIG);
    assert_false(c.cross_checked);          /* a value failed first */
    baton_params_free(p);
}

static void
lenient_parse_goes_on_past_a_bad_value_reporting_the_first(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = baton_params_new(&test_agent);   /* no host */
    struct test_conf c;

    assert_int_equal(baton_params_set(p, "count", "99"), BATON_RC_OK);
    assert_int_equal(baton_params_set(p, "mode", "slow"), BATON_RC_OK);
    assert_int_equal(baton_params_set(p, "wait", "soon"), BATON_RC_OK);
    assert_int_equal(baton_params_set(p, "verbose", "yes"), BATON_RC_OK);
    memset(&c, 0, sizeof(c));
    assert_int_equal(baton_params_parse_lenient(p, &c, &why),
                     BATON_RC_CONFIG);
    assert_string_equal(why.text, "Required parameter host is not set");
    assert_null(c.host);
    assert_int_equal(c.count, 5);           /* the default, not 99 */
    assert_int_equal(c.mode, TEST_MODE_SLOW);
    assert_true(c.verbose);                 /* after the bad ones */
    assert_false(c.has_wait);               /* no default: untouched */
    assert_int_equal(c.wait_ms, 0);
    assert_false(c.cross_checked);          /* not with a value wrong */
    baton_params_free(p);
}

static void
lenient_parse_restores_a_field_its_hook_refused(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("host", "a b");
    struct test_conf c = { .host = "preset" };

    assert_int_equal(baton_params_parse_lenient(p, &c, &why),
                     BATON_RC_CONFIG);
    assert_string_equal(why.text,
                        "Parameter host: 'a b' must not contain spaces");
    assert_string_equal(c.host, "preset");
    baton_params_free(p);
}

static void
lenient_parse_of_a_good_configuration_is_a_parse(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("mode", "slow");
    struct test_conf c;

    memset(&c, 0, sizeof(c));
    assert_int_equal(baton_params_parse_lenient(p, &c, &why),
                     BATON_RC_CONFIG);
    assert_true(c.cross_checked);
    assert_string_equal(why.text, "Mode slow needs wait");
    baton_params_free(p);
}

static void
check_all_parses_into_a_scratch_struct(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("wait", "2s");

    assert_int_equal(baton_params_check_all(p, &why), BATON_RC_OK);
    assert_int_equal(baton_params_set(p, "count", "-1"), BATON_RC_OK);
    assert_int_equal(baton_params_check_all(p, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text,
                        "Parameter count: -1 is not between 1 and 10");
    baton_params_free(p);
}

static void
duration_parse_accepts_pacemaker_units(void **state)
{
    unsigned long ms = 0;

    assert_int_equal(baton_duration_parse_ms("2", &ms), BATON_RC_OK);
    assert_int_equal(ms, 2000);
    assert_int_equal(baton_duration_parse_ms("500ms", &ms), BATON_RC_OK);
    assert_int_equal(ms, 500);
    assert_int_equal(baton_duration_parse_ms("1min", &ms), BATON_RC_OK);
    assert_int_equal(ms, 60000);
    assert_int_equal(baton_duration_parse_ms("-1", &ms), BATON_RC_CONFIG);
    assert_int_equal(baton_duration_parse_ms("2 days", &ms), BATON_RC_CONFIG);
    assert_int_equal(baton_duration_parse_ms("2000min", &ms),
                     BATON_RC_CONFIG);
}

static void
get_returns_default_when_unset(void **state)
{
    baton_params_t *p = params_with(NULL, NULL);

    assert_false(baton_params_is_set(p, "count"));
    assert_string_equal(baton_params_get(p, "count"), "5");
    assert_null(baton_params_get(p, "password"));
    assert_null(baton_params_get(p, "nonexistent"));
    baton_params_free(p);
}

static void
set_rejects_unknown_name(void **state)
{
    baton_params_t *p = baton_params_new(&test_agent);

    assert_int_equal(baton_params_set(p, "nonexistent", "1"), ENOENT);
    baton_params_free(p);
}

static void
aliases_reach_the_same_parameter(void **state)
{
    baton_params_t *p = baton_params_new(&test_agent);

    assert_int_equal(baton_params_set(p, "passwd", "s3cret"), BATON_RC_OK);
    assert_string_equal(baton_params_get(p, "password"), "s3cret");
    assert_ptr_equal(baton_params_find(&test_agent, "passwd"),
                     baton_params_find(&test_agent, "password"));
    baton_params_free(p);
}

static void
load_env_reads_only_known_reskeys(void **state)
{
    char *env[] = { "OCF_RESKEY_host=h2", "OCF_RESKEY_hostname=x",
                    "OCF_RESKEY_count=7", "OCF_RESKEY_CRM_meta_interval=10",
                    "PATH=/bin", NULL };
    baton_params_t *p = baton_params_new(&test_agent);

    baton_params_load_env(p, env);
    assert_string_equal(baton_params_get(p, "host"), "h2");
    assert_string_equal(baton_params_get(p, "count"), "7");
    baton_params_free(p);
}

static void
parse_bool_accepts_pacemaker_spellings(void **state)
{
    bool b = false;

    assert_int_equal(baton_parse_bool("YES", &b), BATON_RC_OK);
    assert_true(b);
    assert_int_equal(baton_parse_bool("on", &b), BATON_RC_OK);
    assert_true(b);
    assert_int_equal(baton_parse_bool("0", &b), BATON_RC_OK);
    assert_false(b);
    assert_int_equal(baton_parse_bool("False", &b), BATON_RC_OK);
    assert_false(b);
    assert_int_equal(baton_parse_bool("2", &b), BATON_RC_CONFIG);
}

static void
parse_int_rejects_blanks_and_overflow(void **state)
{
    long long n = 0;

    assert_int_equal(baton_parse_int("", &n), BATON_RC_CONFIG);
    assert_int_equal(baton_parse_int(" 1", &n), BATON_RC_CONFIG);
    assert_int_equal(baton_parse_int("99999999999999999999", &n),
                     BATON_RC_CONFIG);
    assert_int_equal(baton_parse_int("-3", &n), BATON_RC_OK);
    assert_int_equal(n, -3);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_fills_every_field_from_values_and_defaults),
        cmocka_unit_test(parse_leaves_unset_fields_without_default_and_given_flag),
        cmocka_unit_test(parse_rejects_missing_required_naming_it),
        cmocka_unit_test(parse_rejects_non_integer_naming_the_parameter),
        cmocka_unit_test(parse_rejects_integer_out_of_range),
        cmocka_unit_test(parse_rejects_bad_boolean_choice_and_duration),
        cmocka_unit_test(parse_never_quotes_a_secret_value),
        cmocka_unit_test(parse_rejects_obsolete_parameter_asking_for_the_feature),
        cmocka_unit_test(parse_accepts_obsolete_parameter_given_its_harmless_default),
        cmocka_unit_test(parse_runs_the_parameters_own_hook_and_names_it),
        cmocka_unit_test(parse_runs_the_rules_over_several_parameters_last),
        cmocka_unit_test(lenient_parse_goes_on_past_a_bad_value_reporting_the_first),
        cmocka_unit_test(lenient_parse_restores_a_field_its_hook_refused),
        cmocka_unit_test(lenient_parse_of_a_good_configuration_is_a_parse),
        cmocka_unit_test(check_all_parses_into_a_scratch_struct),
        cmocka_unit_test(duration_parse_accepts_pacemaker_units),
        cmocka_unit_test(get_returns_default_when_unset),
        cmocka_unit_test(set_rejects_unknown_name),
        cmocka_unit_test(aliases_reach_the_same_parameter),
        cmocka_unit_test(load_env_reads_only_known_reskeys),
        cmocka_unit_test(parse_bool_accepts_pacemaker_spellings),
        cmocka_unit_test(parse_int_rejects_blanks_and_overflow),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
