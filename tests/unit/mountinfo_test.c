/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/storage/mountinfo.c: parsing mountinfo, stacked
 * mounts, resolving paths to mounts, subtrees.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <cmocka.h>

#include "baton/mountinfo.h"
#include "baton/rc.h"

/* / (ext4 8:1), /srv/data (our ext4 on 7:0, shared:5) with a submount
 * /srv/data/sub (xfs 7:1), /srv/data2 (a sibling whose name starts the
 * same), /mnt/rootbind (a bind of / itself), /mnt/databind (a bind of
 * /srv/data/dir: same filesystem, another mount), and /stack mounted
 * twice (7:3 hidden under 7:4) */
static const char *const table_text =
    "20 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "21 20 0:5 / /proc rw,nosuid - proc proc rw\n"
    "30 20 7:0 / /srv/data rw,noatime shared:5 - ext4 /dev/loop0 "
    "rw,errors=remount-ro\n"
    "31 30 7:1 / /srv/data/sub rw - xfs /dev/loop1 rw\n"
    "32 20 7:2 / /srv/data2 rw - ext4 /dev/loop2 rw\n"
    "33 20 8:1 / /mnt/rootbind rw - ext4 /dev/sda1 rw\n"
    "34 20 7:0 /dir /mnt/databind rw master:5 - ext4 /dev/loop0 rw\n"
    "35 20 7:3 / /stack rw - ext4 /dev/loop3 rw\n"
    "36 35 7:4 / /stack rw - ext4 /dev/loop4 rw\n"
    "37 20 7:5 / /with\\040space rw - ext4 /dev/loop5 rw\n";

static baton_mounts_t *
table(void)
{
    baton_mounts_t *m = NULL;

    assert_int_equal(baton_mounts_parse(table_text, &m), BATON_RC_OK);
    return m;
}

static void
parse_reads_every_field(void **state)
{
    baton_mounts_t *m = table();
    const struct baton_mount *d = baton_mounts_by_id(m, 30);

    assert_int_equal(baton_mounts_count(m), 10);
    assert_non_null(d);
    assert_int_equal(d->parent_id, 20);
    assert_true(d->dev == makedev(7, 0));
    assert_string_equal(d->root, "/");
    assert_string_equal(d->point, "/srv/data");
    assert_string_equal(d->opts, "rw,noatime");
    assert_string_equal(d->fstype, "ext4");
    assert_string_equal(d->source, "/dev/loop0");
    assert_string_equal(d->super_opts, "rw,errors=remount-ro");
    assert_int_equal(d->shared_group, 5);
    assert_int_equal(d->master_group, 0);
    assert_int_equal(baton_mounts_by_id(m, 34)->master_group, 5);
    assert_string_equal(baton_mounts_by_id(m, 34)->root, "/dir");
    baton_mounts_free(m);
}

static void
parse_unescapes_octal_spaces(void **state)
{
    baton_mounts_t *m = table();

    assert_string_equal(baton_mounts_by_id(m, 37)->point, "/with space");
    assert_int_equal(baton_mounts_at_point(m, "/with space")->id, 37);
    baton_mounts_free(m);
}

static void
parse_refuses_malformed_lines(void **state)
{
    baton_mounts_t *m = NULL;

    assert_int_equal(baton_mounts_parse("20 1 8:1 / /\n", &m),
                     BATON_RC_PROTOCOL);
    assert_int_equal(baton_mounts_parse("x 1 8:1 / / rw - ext4 a rw\n", &m),
                     BATON_RC_PROTOCOL);
    assert_int_equal(baton_mounts_parse("20 1 81 / / rw - ext4 a rw\n", &m),
                     BATON_RC_PROTOCOL);
    /* no "-" separator */
    assert_int_equal(baton_mounts_parse("20 1 8:1 / / rw shared:1\n", &m),
                     BATON_RC_PROTOCOL);
    assert_int_equal(baton_mounts_parse("", &m), BATON_RC_OK);
    assert_int_equal(baton_mounts_count(m), 0);
    baton_mounts_free(m);
}

static void
at_point_is_the_top_of_a_stack(void **state)
{
    baton_mounts_t *m = table();

    assert_int_equal(baton_mounts_at_point(m, "/stack")->id, 36);
    assert_int_equal(baton_mounts_at_point(m, "/srv/data")->id, 30);
    assert_int_equal(baton_mounts_at_point(m, "/")->id, 20);
    assert_null(baton_mounts_at_point(m, "/srv"));
    assert_null(baton_mounts_at_point(m, "/srv/dat"));
    baton_mounts_free(m);
}

static void
resolve_finds_the_innermost_visible_mount(void **state)
{
    baton_mounts_t *m = table();

    assert_int_equal(baton_mounts_resolve(m, "/srv/data")->id, 30);
    assert_int_equal(baton_mounts_resolve(m, "/srv/data/f.txt")->id, 30);
    assert_int_equal(baton_mounts_resolve(m, "/srv/data/sub/x")->id, 31);
    assert_int_equal(baton_mounts_resolve(m, "/srv/data/subway")->id, 30);
    assert_int_equal(baton_mounts_resolve(m, "/stack/file")->id, 36);
    assert_int_equal(baton_mounts_resolve(m, "/etc/passwd")->id, 20);
    assert_int_equal(baton_mounts_resolve(m, "/")->id, 20);
    assert_null(baton_mounts_resolve(m, "relative/path"));
    baton_mounts_free(m);
}

static void
resolve_keeps_look_alike_paths_apart(void **state)
{
    baton_mounts_t *m = table();

    /* A sibling whose name starts with ours */
    assert_int_equal(baton_mounts_resolve(m, "/srv/data2/f")->id, 32);
    /* A bind of / shows the root filesystem, not what is mounted on it */
    assert_int_equal(baton_mounts_resolve(m, "/mnt/rootbind/srv/data/f")->id,
                     33);
    /* A bind of a directory of our filesystem is another mount */
    assert_int_equal(baton_mounts_resolve(m, "/mnt/databind/f")->id, 34);
    baton_mounts_free(m);
}

static void
resolve_ignores_the_deleted_suffix(void **state)
{
    baton_mounts_t *m = table();

    assert_int_equal(baton_mounts_resolve(m, "/srv/data/old (deleted)")->id,
                     30);
    assert_int_equal(baton_mounts_resolve(m, "/srv/data/sub (deleted)")->id,
                     31);
    baton_mounts_free(m);
}

static void
below_and_depth_follow_the_parents(void **state)
{
    baton_mounts_t *m = table();

    assert_true(baton_mounts_below(m, 31, 30));
    assert_true(baton_mounts_below(m, 30, 30));
    assert_false(baton_mounts_below(m, 32, 30));
    assert_false(baton_mounts_below(m, 34, 30));
    assert_false(baton_mounts_below(m, 99, 30));
    assert_int_equal(baton_mounts_depth(m, 20), 0);
    assert_int_equal(baton_mounts_depth(m, 30), 1);
    assert_int_equal(baton_mounts_depth(m, 31), 2);
    baton_mounts_free(m);
}

static void
read_parses_our_own_table(void **state)
{
    baton_mounts_t *m = NULL;

    assert_int_equal(baton_mounts_read("/proc/self/mountinfo", &m),
                     BATON_RC_OK);
    assert_true(baton_mounts_count(m) > 0);
    assert_non_null(baton_mounts_resolve(m, "/"));
    baton_mounts_free(m);
    assert_int_equal(baton_mounts_read("/nonexistent/mountinfo", &m), ENOENT);
}

static void
unescape_leaves_other_backslashes(void **state)
{
    char s[] = "a\\040b\\134c\\9x\\01";

    baton_mounts_unescape(s);
    assert_string_equal(s, "a b\\c\\9x\\01");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_reads_every_field),
        cmocka_unit_test(parse_unescapes_octal_spaces),
        cmocka_unit_test(parse_refuses_malformed_lines),
        cmocka_unit_test(at_point_is_the_top_of_a_stack),
        cmocka_unit_test(resolve_finds_the_innermost_visible_mount),
        cmocka_unit_test(resolve_keeps_look_alike_paths_apart),
        cmocka_unit_test(resolve_ignores_the_deleted_suffix),
        cmocka_unit_test(below_and_depth_follow_the_parents),
        cmocka_unit_test(read_parses_our_own_table),
        cmocka_unit_test(unescape_leaves_other_backslashes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
