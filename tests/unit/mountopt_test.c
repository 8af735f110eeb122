/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/storage/mountopt.c: mount(8) option strings split into
 * mount(2) flags and filesystem data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sys/mount.h>
#include <cmocka.h>

#include "baton/mountopt.h"
#include "baton/rc.h"

static void
empty_gives_no_flags_and_no_data(void **state)
{
    struct baton_mountopt o;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_mountopt_parse("", &o, &why), BATON_RC_OK);
    assert_int_equal(o.flags, 0);
    assert_int_equal(o.propagation, 0);
    assert_string_equal(o.data, "");
    assert_int_equal(baton_mountopt_parse(NULL, &o, &why), BATON_RC_OK);
}

static void
generic_options_become_flags(void **state)
{
    struct baton_mountopt o;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_mountopt_parse("ro,nosuid,nodev,noexec,noatime,"
                                          "nodiratime,sync,dirsync,lazytime",
                                          &o, &why), BATON_RC_OK);
    assert_int_equal(o.flags, MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
                     | MS_NOATIME | MS_NODIRATIME | MS_SYNCHRONOUS
                     | MS_DIRSYNC | MS_LAZYTIME);
    assert_string_equal(o.data, "");
}

static void
the_last_of_two_opposites_wins(void **state)
{
    struct baton_mountopt o;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_mountopt_parse("ro,rw,noatime,atime,strictatime",
                                          &o, &why), BATON_RC_OK);
    assert_int_equal(o.flags, MS_STRICTATIME);
    assert_int_equal(baton_mountopt_parse("rw,ro", &o, &why), BATON_RC_OK);
    assert_int_equal(o.flags, MS_RDONLY);
    assert_int_equal(baton_mountopt_parse("ro,nosuid,defaults,noexec", &o,
                                          &why), BATON_RC_OK);
    assert_int_equal(o.flags, MS_NOEXEC);
}

static void
filesystem_options_go_to_data_in_order(void **state)
{
    struct baton_mountopt o;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_mountopt_parse("data=ordered,noatime,"
                                          "errors=remount-ro,usrquota",
                                          &o, &why), BATON_RC_OK);
    assert_int_equal(o.flags, MS_NOATIME);
    assert_string_equal(o.data, "data=ordered,errors=remount-ro,usrquota");
}

static void
quoted_values_may_hold_commas(void **state)
{
    struct baton_mountopt o;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_mountopt_parse("context=\"system_u:object_r:"
                                          "t:s0:c1,c2\",ro", &o, &why),
                     BATON_RC_OK);
    assert_int_equal(o.flags, MS_RDONLY);
    assert_string_equal(o.data, "context=\"system_u:object_r:t:s0:c1,c2\"");
}

static void
fstab_only_options_are_dropped(void **state)
{
    struct baton_mountopt o;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_mountopt_parse("defaults,noauto,nofail,_netdev,"
                                          "x-systemd.automount,"
                                          "comment=foo,user,acl", &o, &why),
                     BATON_RC_OK);
    assert_int_equal(o.flags, 0);
    assert_string_equal(o.data, "acl");
}

static void
empty_items_are_skipped(void **state)
{
    struct baton_mountopt o;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_mountopt_parse(",noatime,,discard,", &o, &why),
                     BATON_RC_OK);
    assert_int_equal(o.flags, MS_NOATIME);
    assert_string_equal(o.data, "discard");
}

static void
propagation_options_are_kept_apart(void **state)
{
    struct baton_mountopt o;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_mountopt_parse("rprivate,noatime", &o, &why),
                     BATON_RC_OK);
    assert_int_equal(o.propagation, MS_PRIVATE | MS_REC);
    assert_int_equal(o.flags, MS_NOATIME);
    assert_int_equal(baton_mountopt_parse("shared", &o, &why), BATON_RC_OK);
    assert_int_equal(o.propagation, MS_SHARED);
}

static void
bind_move_remount_and_loop_are_refused(void **state)
{
    const char *const refused[] = {
        "bind", "ro,rbind", "move", "remount,ro", "loop", "loop=/dev/loop3",
        "offset=512", NULL,
    };

    for (size_t i = 0; refused[i] != NULL; i++) {
        struct baton_mountopt o;
        baton_reason_t why = BATON_REASON_INIT;

        assert_int_equal(baton_mountopt_parse(refused[i], &o, &why),
                         BATON_RC_CONFIG);
        assert_true(baton_reason_is_set(&why));
    }
}

static void
whitespace_and_open_quotes_are_refused(void **state)
{
    struct baton_mountopt o;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_mountopt_parse("noatime, ro", &o, &why),
                     BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "whitespace"));
    baton_reason_clear(&why);
    assert_int_equal(baton_mountopt_parse("context=\"abc,ro", &o, &why),
                     BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "unclosed"));
}

static void
data_longer_than_a_page_is_refused(void **state)
{
    struct baton_mountopt o;
    baton_reason_t why = BATON_REASON_INIT;
    char text[6000];

    memset(text, 'a', sizeof(text) - 1);
    text[sizeof(text) - 1] = '\0';
    for (size_t i = 100; i < sizeof(text) - 1; i += 100) {
        text[i] = ',';
    }
    assert_int_equal(baton_mountopt_parse(text, &o, &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "longer"));
}

static void
has_matches_whole_words_only(void **state)
{
    assert_true(baton_mountopt_has("rw,relatime", "rw"));
    assert_true(baton_mountopt_has("ro,relatime", "relatime"));
    assert_false(baton_mountopt_has("rw,relatime", "ro"));
    assert_false(baton_mountopt_has("errors=remount-ro", "ro"));
    assert_false(baton_mountopt_has("", "ro"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_gives_no_flags_and_no_data),
        cmocka_unit_test(generic_options_become_flags),
        cmocka_unit_test(the_last_of_two_opposites_wins),
        cmocka_unit_test(filesystem_options_go_to_data_in_order),
        cmocka_unit_test(quoted_values_may_hold_commas),
        cmocka_unit_test(fstab_only_options_are_dropped),
        cmocka_unit_test(empty_items_are_skipped),
        cmocka_unit_test(propagation_options_are_kept_apart),
        cmocka_unit_test(bind_move_remount_and_loop_are_refused),
        cmocka_unit_test(whitespace_and_open_quotes_are_refused),
        cmocka_unit_test(data_longer_than_a_page_is_refused),
        cmocka_unit_test(has_matches_whole_words_only),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
