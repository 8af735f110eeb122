/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of lib/cluster/notify.c: a clone's notification variables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "baton/notify.h"
#include "baton/rc.h"

#define META "OCF_RESKEY_CRM_meta_"

static void
parse_reads_type_operation_and_lists(void **state)
{
    char *env[] = {
        META "notify_type=pre", META "notify_operation=promote",
        META "notify_active_uname=n1 n2  n3", META "notify_promote_uname=n2",
        META "notify_stop_uname=", "PATH=/bin", NULL,
    };
    struct baton_notify *n = calloc(1, sizeof(*n));

    (void) state;
    assert_int_equal(baton_notify_parse(env, n), BATON_RC_OK);
    assert_true(n->pre);
    assert_string_equal(n->op, "promote");
    assert_int_equal(n->n[BATON_NOTIFY_ACTIVE], 3);
    assert_string_equal(n->nodes[BATON_NOTIFY_ACTIVE][2], "n3");
    assert_int_equal(n->n[BATON_NOTIFY_STOP], 0);
    assert_true(baton_notify_has(n, BATON_NOTIFY_PROMOTE, "n2"));
    assert_false(baton_notify_has(n, BATON_NOTIFY_PROMOTE, "n1"));
    assert_string_equal(baton_notify_first(n, BATON_NOTIFY_PROMOTE), "n2");
    assert_null(baton_notify_first(n, BATON_NOTIFY_DEMOTE));
    free(n);
}

static void
parse_takes_master_spelling_when_promoted_is_absent(void **state)
{
    char *old[] = {
        META "notify_master_uname=n1", META "notify_slave_uname=n2 n3", NULL,
    };
    char *both[] = {
        META "notify_promoted_uname=n2", META "notify_master_uname=n1", NULL,
    };
    struct baton_notify *n = calloc(1, sizeof(*n));

    (void) state;
    /* another action of a notify-enabled clone: lists, no type */
    assert_int_equal(baton_notify_parse(old, n), BATON_RC_USAGE);
    assert_string_equal(baton_notify_first(n, BATON_NOTIFY_PROMOTED), "n1");
    assert_true(baton_notify_has(n, BATON_NOTIFY_UNPROMOTED, "n3"));
    assert_int_equal(baton_notify_parse(both, n), BATON_RC_USAGE);
    assert_string_equal(baton_notify_first(n, BATON_NOTIFY_PROMOTED), "n2");
    free(n);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_reads_type_operation_and_lists),
        cmocka_unit_test(parse_takes_master_spelling_when_promoted_is_absent),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
