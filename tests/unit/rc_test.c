/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/core/rc.c: the rc to OCF exit code table.
 */
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
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
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
