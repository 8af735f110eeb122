/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of lib/cluster/rsc_attrs.c: the names a promotable agent's
 * attributes take, what reaches attrd_updater (the agent tests' stand-in,
 * chosen by the environment), and the membership named by the
 * environment.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton/clock.h"
#include "baton/rc.h"
#include "baton/rsc_attrs.h"

static char dir[] = "/tmp/baton-rsc-attrs-test.XXXXXX";
static char tool[128];
static char log_path[128];

static int
setup(void **state)
{
    FILE *f = NULL;

    /* a new directory for each test that uses one */
    memcpy(dir + sizeof(dir) - 7, "XXXXXX", 6);
    assert_non_null(mkdtemp(dir));
    snprintf(tool, sizeof(tool), "%s/attrd_updater", dir);
    snprintf(log_path, sizeof(log_path), "%s/argv", dir);
    f = fopen(tool, "w");
    assert_non_null(f);
    /* one line of argv per call; a query finds node3's value */
    fprintf(f, "#!/bin/sh\nfor a in \"$@\"; do printf '[%%s]' \"$a\"; done"
               " >> %s\necho >> %s\n"
               "[ \"$1\" = -Q ] && echo '<pacemaker-result><attribute "
               "name=\"lsn_location-pg\" value=\"5#42\" host=\"node3\"/>"
               "</pacemaker-result>'\nexit 0\n", log_path, log_path);
    fclose(f);
    chmod(tool, 0755);
    setenv(BATON_ENV_ATTRD_IPC, "baton-rsc-attrs-nobody-serves", 1);
    setenv(BATON_ENV_ATTRD_TOOL, tool, 1);
    return 0;
}

static int
teardown(void **state)
{
    unlink(tool);
    unlink(log_path);
    rmdir(dir);
    unsetenv(BATON_ENV_ATTRD_IPC);
    unsetenv(BATON_ENV_ATTRD_TOOL);
    return 0;
}

/* What the fake attrd_updater was asked, one line per call */
static void
read_log(char *got, size_t size)
{
    FILE *f = fopen(log_path, "r");
    size_t n;

    assert_non_null(f);
    n = fread(got, 1, size - 1, f);
    fclose(f);
    got[n] = '\0';
}

static void
names_and_requests(void **state)
{
    struct baton_rsc_attrs ra = {
        .rsc = "pg", .origin = "unit",
        .deadline_ms = baton_clock_now_ms() + 10000,
    };
    char got[1024] = "";
    char *v = NULL;

    baton_rsc_attrs_begin(&ra);
    assert_int_equal(baton_rsc_score_set(&ra, "node2", "1000"), BATON_RC_OK);
    assert_int_equal(baton_rsc_score_set(&ra, NULL, NULL), BATON_RC_OK);
    assert_int_equal(baton_rsc_attr_set(&ra, "lsn_location", "5#1"),
                     BATON_RC_OK);
    assert_int_equal(baton_rsc_attr_del(&ra, "nodes"), BATON_RC_OK);
    assert_int_equal(baton_rsc_attr_get(&ra, "lsn_location", "node3", &v),
                     BATON_RC_OK);
    assert_string_equal(v, "5#42");
    free(v);
    baton_rsc_attrs_end(&ra);
    assert_null(ra.session);
    /* without a session too */
    assert_int_equal(baton_rsc_score_set(&ra, NULL, "1001"), BATON_RC_OK);

    read_log(got, sizeof(got));
    assert_string_equal(got,
        "[-U][1000][-n][master-pg][-N][node2]\n"
        "[-D][-n][master-pg]\n"
        "[-U][5#1][-n][lsn_location-pg][-p]\n"
        "[-D][-n][nodes-pg][-p]\n"
        "[-Q][--output-as=xml][-n][lsn_location-pg][-N][node3]\n"
        "[-U][1001][-n][master-pg]\n");
}

static void
score_update_skips_what_the_record_holds(void **state)
{
    struct baton_rsc_attrs ra = {
        .rsc = "db", .origin = "unit",
        .deadline_ms = baton_clock_now_ms() + 10000,
    };
    char rec[160];
    char got[512] = "";

    snprintf(rec, sizeof(rec), "%s/score", dir);
    assert_int_equal(baton_rsc_score_update(&ra, rec, "1001"), BATON_RC_OK);
    assert_int_equal(baton_rsc_score_update(&ra, rec, "1001"), BATON_RC_OK);
    assert_null(ra.session);
    assert_int_equal(baton_rsc_score_update(&ra, rec, NULL), BATON_RC_OK);
    assert_int_equal(access(rec, F_OK), -1);
    assert_int_equal(baton_rsc_score_update(&ra, rec, "1001"), BATON_RC_OK);

    read_log(got, sizeof(got));
    assert_string_equal(got,
        "[-U][1001][-n][master-db]\n"
        "[-D][-n][master-db]\n"
        "[-U][1001][-n][master-db]\n");
    unlink(rec);
}

static void
names_too_long_are_refused(void **state)
{
    char rsc[300];
    struct baton_rsc_attrs ra = { .rsc = rsc };

    memset(rsc, 'r', sizeof(rsc) - 1);
    rsc[sizeof(rsc) - 1] = '\0';
    assert_int_equal(baton_rsc_score_set(&ra, NULL, "1"), EINVAL);
    assert_int_equal(baton_rsc_attr_set(&ra, "x", "1"), EINVAL);
}

static void
members_from_the_environment(void **state)
{
    struct baton_rsc_attrs ra = {
        .rsc = "pg", .members_env = "BATON_RSC_ATTRS_TEST_MEMBERS",
    };
    baton_membership_t *m = NULL;

    setenv("BATON_RSC_ATTRS_TEST_MEMBERS", "node1 node3", 1);
    m = baton_rsc_members(&ra);
    assert_non_null(m);
    assert_true(baton_membership_quorate(m));
    assert_int_equal(baton_membership_n(m), 2);
    assert_true(baton_membership_has_name(m, "node3"));
    assert_false(baton_membership_has_name(m, "node2"));
    baton_membership_free(m);
    unsetenv("BATON_RSC_ATTRS_TEST_MEMBERS");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(names_and_requests, setup, teardown),
        cmocka_unit_test_setup_teardown(
            score_update_skips_what_the_record_holds, setup, teardown),
        cmocka_unit_test(names_too_long_are_refused),
        cmocka_unit_test(members_from_the_environment),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
