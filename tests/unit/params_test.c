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

static void
validate_accepts_good_values(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("count", "10");

    assert_int_equal(baton_params_validate(p, &why), BATON_RC_OK);
    assert_false(baton_reason_is_set(&why));
    baton_params_free(p);
}

static void
validate_rejects_missing_required_naming_it(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = baton_params_new(&test_agent);

    assert_int_equal(baton_params_validate(p, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Required parameter host is not set");
    baton_params_free(p);
}

static void
validate_rejects_non_integer(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("count", "3x");

    assert_int_equal(baton_params_validate(p, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter count must be an integer, not '3x'");
    baton_params_free(p);
}

static void
validate_rejects_integer_out_of_range(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("count", "11");

    assert_int_equal(baton_params_validate(p, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text,
                        "Parameter count must be between 1 and 10, not 11");
    baton_params_free(p);
}

static void
validate_rejects_bad_boolean_and_select(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("verbose", "maybe");

    assert_int_equal(baton_params_validate(p, &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "verbose"));
    baton_params_free(p);

    baton_reason_clear(&why);
    p = params_with("mode", "medium");
    assert_int_equal(baton_params_validate(p, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter mode has unknown value 'medium'");
    baton_params_free(p);
}

static void
validate_rejects_obsolete_parameter_with_its_note(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("old_feature", "x");

    assert_int_equal(baton_params_validate(p, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter old_feature is not supported: "
                        "the kernel removed it");
    baton_params_free(p);
}

static void
validate_runs_the_parameters_own_check(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    baton_params_t *p = params_with("host", "a b");

    assert_int_equal(baton_params_validate(p, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter host must not contain spaces");
    baton_params_free(p);
}

static void
get_returns_default_when_unset(void **state)
{
    baton_params_t *p = params_with(NULL, NULL);
    long long n = 0;
    bool b = true;

    assert_false(baton_params_is_set(p, "count"));
    assert_int_equal(baton_params_get_int(p, "count", &n), BATON_RC_OK);
    assert_int_equal(n, 5);
    assert_int_equal(baton_params_get_bool(p, "verbose", &b), BATON_RC_OK);
    assert_false(b);
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
                     &test_params[5]);
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
        cmocka_unit_test(validate_accepts_good_values),
        cmocka_unit_test(validate_rejects_missing_required_naming_it),
        cmocka_unit_test(validate_rejects_non_integer),
        cmocka_unit_test(validate_rejects_integer_out_of_range),
        cmocka_unit_test(validate_rejects_bad_boolean_and_select),
        cmocka_unit_test(validate_rejects_obsolete_parameter_with_its_note),
        cmocka_unit_test(validate_runs_the_parameters_own_check),
        cmocka_unit_test(get_returns_default_when_unset),
        cmocka_unit_test(set_rejects_unknown_name),
        cmocka_unit_test(aliases_reach_the_same_parameter),
        cmocka_unit_test(load_env_reads_only_known_reskeys),
        cmocka_unit_test(parse_bool_accepts_pacemaker_spellings),
        cmocka_unit_test(parse_int_rejects_blanks_and_overflow),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
