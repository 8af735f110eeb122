/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of ocf:baton:mariadb's parsers and rules: GTID lists, their
 * order per replication domain, errant transactions, a replica's health,
 * server options, test_table and node_list.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/rc.h"
#include "mariadb.h"

static struct maria_gtid_list
gl(const char *text)
{
    struct maria_gtid_list l;

    assert_int_equal(maria_gtid_parse(text, &l), BATON_RC_OK);
    return l;
}

static void
gtid_parse_reads_domains_servers_and_sequences(void **state)
{
    struct maria_gtid_list l;
    char buf[128];

    (void) state;
    assert_int_equal(maria_gtid_parse("0-1-100, 1-2-7,\n4294967295-3-"
                                      "18446744073709551615", &l),
                     BATON_RC_OK);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.g[0].domain, 0);
    assert_int_equal(l.g[0].server, 1);
    assert_int_equal(l.g[0].seq, 100);
    assert_int_equal(l.g[1].domain, 1);
    assert_int_equal(l.g[2].domain, UINT32_MAX);
    assert_true(l.g[2].seq == UINT64_MAX);
    maria_gtid_format(&l, buf, sizeof(buf));
    assert_string_equal(buf, "0-1-100,1-2-7,4294967295-3-"
                        "18446744073709551615");
    assert_int_equal(maria_gtid_parse("", &l), BATON_RC_OK);
    assert_int_equal(l.n, 0);
    assert_int_equal(maria_gtid_parse("  \n", &l), BATON_RC_OK);
    assert_int_equal(l.n, 0);
}

static void
gtid_parse_rejects_malformed_lists(void **state)
{
    static const char *const bad[] = {
        "0-1", "0-1-", "-0-1-2", "0-1-2,", "0-1-2;1-1-1", "0-1-x",
        "4294967296-1-1", "0-4294967296-1", "0-1-18446744073709551616",
        "0--1-2", "0-1-2 1-1-1", ",0-1-2", "0 -1-2", NULL,
    };
    struct maria_gtid_list l;

    (void) state;
    for (size_t i = 0; bad[i] != NULL; i++) {
        l.n = 5;
        assert_int_equal(maria_gtid_parse(bad[i], &l), BATON_RC_PROTOCOL);
        assert_int_equal(l.n, 0);
    }
    assert_int_equal(maria_gtid_parse(NULL, &l), BATON_RC_PROTOCOL);
}

static void
gtid_parse_bounds_the_list(void **state)
{
    char text[MARIA_GTID_MAX * 12 + 16] = "";
    struct maria_gtid_list l;
    size_t used = 0;

    (void) state;
    for (unsigned i = 0; i <= MARIA_GTID_MAX; i++) {
        used += (size_t) snprintf(text + used, sizeof(text) - used, "%s%u-1-1",
                                  (i > 0) ? "," : "", i);
    }
    assert_int_equal(maria_gtid_parse(text, &l), BATON_RC_PROTOCOL);
}

static void
gtid_cmp_compares_each_domain(void **state)
{
    struct maria_gtid_list a = gl("0-1-100,1-2-50");
    struct maria_gtid_list b = gl("1-2-50,0-1-100");
    struct maria_gtid_list c = gl("0-1-101,1-2-50");
    struct maria_gtid_list d = gl("0-1-100,1-2-51");
    struct maria_gtid_list only0 = gl("0-1-100");
    struct maria_gtid_list empty = gl("");

    (void) state;
    assert_int_equal(maria_gtid_cmp(&a, &b), MARIA_GTID_EQUAL);
    assert_int_equal(maria_gtid_cmp(&c, &a), MARIA_GTID_AHEAD);
    assert_int_equal(maria_gtid_cmp(&a, &c), MARIA_GTID_BEHIND);
    /* ahead in one domain, behind in the other: neither holds all */
    assert_int_equal(maria_gtid_cmp(&c, &d), MARIA_GTID_DIVERGED);
    /* a domain the other lacks counts */
    assert_int_equal(maria_gtid_cmp(&a, &only0), MARIA_GTID_AHEAD);
    assert_int_equal(maria_gtid_cmp(&empty, &only0), MARIA_GTID_BEHIND);
    assert_int_equal(maria_gtid_cmp(&empty, &empty), MARIA_GTID_EQUAL);
    assert_true(maria_gtid_covers(&c, &a));
    assert_true(maria_gtid_covers(&a, &b));
    assert_false(maria_gtid_covers(&a, &c));
    assert_false(maria_gtid_covers(&c, &d));
}

static void
gtid_cmp_sees_one_sequence_from_two_servers_as_diverged(void **state)
{
    struct maria_gtid_list a = gl("0-1-100");
    struct maria_gtid_list b = gl("0-2-100");

    (void) state;
    assert_int_equal(maria_gtid_cmp(&a, &b), MARIA_GTID_DIVERGED);
    assert_false(maria_gtid_covers(&a, &b));
    assert_false(maria_gtid_covers(&b, &a));
}

static void
gtid_cmp_does_not_use_the_first_gtid_only(void **state)
{
    /* heartbeat compares the sequence number of the first GTID only:
     * here it would call a ahead (200 > 100) though b holds more */
    struct maria_gtid_list a = gl("0-1-200,1-1-5");
    struct maria_gtid_list b = gl("1-1-9,0-1-200");

    (void) state;
    assert_int_equal(maria_gtid_cmp(&a, &b), MARIA_GTID_BEHIND);
}

static void
gtid_merge_keeps_the_highest_per_domain(void **state)
{
    struct maria_gtid_list a = gl("0-1-100,2-1-4");
    struct maria_gtid_list b = gl("0-2-103,1-1-7,2-1-3");
    char buf[128];

    (void) state;
    maria_gtid_merge(&a, &b);
    maria_gtid_format(&a, buf, sizeof(buf));
    assert_string_equal(buf, "0-2-103,2-1-4,1-1-7");
}

static void
gtid_errant_finds_what_the_primary_never_saw(void **state)
{
    /* the old primary (server 1) wrote 0-1-101 and 0-1-102 that never
     * reached server 2, which was promoted and wrote on */
    struct maria_gtid_list old = gl("0-1-102");
    struct maria_gtid_list primary = gl("0-1-100,0-2-150");
    struct maria_gtid_list replica = gl("0-1-100,0-2-149");
    struct maria_gtid_list later = gl("0-1-99");
    struct maria_gtid bad;

    (void) state;
    assert_true(maria_gtid_errant(&old, &primary, &bad));
    assert_int_equal(bad.domain, 0);
    assert_int_equal(bad.server, 1);
    assert_true(bad.seq == 102);
    assert_false(maria_gtid_errant(&replica, &primary, &bad));
    assert_false(maria_gtid_errant(&later, &primary, &bad));
    /* a server the primary never heard of, and nothing after it in the
     * domain that the primary has */
    replica = gl("0-1-100,0-3-101");
    assert_true(maria_gtid_errant(&replica, &primary, &bad));
    assert_int_equal(bad.server, 3);
}

static void
gtid_errant_survives_a_primary_state_reset(void **state)
{
    /* RESET MASTER on the primary (server 2), then SET GLOBAL
     * gtid_binlog_state to its gtid_binlog_pos: its state no longer names
     * server 1, whose transactions it holds */
    struct maria_gtid_list primary = gl("0-2-150");
    struct maria_gtid_list replica = gl("0-1-100,0-2-150");
    struct maria_gtid_list behind = gl("0-1-100,0-2-120");
    struct maria_gtid_list two = gl("0-1-100,0-2-150,1-1-7,1-2-9");
    struct maria_gtid_list old = gl("0-2-100,0-1-102");
    struct maria_gtid bad;

    (void) state;
    assert_false(maria_gtid_errant(&replica, &primary, &bad));
    assert_false(maria_gtid_errant(&behind, &primary, &bad));
    /* server 3's old commit, before ones the primary has: in the history */
    behind = gl("0-3-5,0-1-100,0-2-120");
    assert_false(maria_gtid_errant(&behind, &primary, &bad));
    /* a domain the primary has nothing of: nothing implies it */
    assert_true(maria_gtid_errant(&two, &primary, &bad));
    assert_int_equal(bad.domain, 1);
    primary = gl("0-2-150,1-2-9");
    assert_false(maria_gtid_errant(&two, &primary, &bad));
    /* a former primary's own commits after the last one the primary has
     * are errant still */
    primary = gl("0-2-150");
    assert_true(maria_gtid_errant(&old, &primary, &bad));
    assert_int_equal(bad.server, 1);
    assert_true(bad.seq == 102);
}

static void
health_tells_broken_lagging_and_waiting(void **state)
{
    struct maria_replica r = {
        .configured = true, .io_running = true, .sql_running = true,
        .behind_s = 5, .master_host = "n1",
    };
    char text[400];

    (void) state;
    assert_int_equal(maria_replica_health(&r, 60, text, sizeof(text)),
                     MARIA_HEALTHY);
    r.behind_s = 61;
    assert_int_equal(maria_replica_health(&r, 60, text, sizeof(text)),
                     MARIA_LAGGING);
    assert_non_null(strstr(text, "61 s behind"));
    assert_int_equal(maria_replica_health(&r, 0, text, sizeof(text)),
                     MARIA_HEALTHY);
    r.sql_running = false;
    r.sql_errno = 1062;
    snprintf(r.sql_error, sizeof(r.sql_error), "Duplicate entry '1'");
    assert_int_equal(maria_replica_health(&r, 60, text, sizeof(text)),
                     MARIA_BROKEN);
    assert_non_null(strstr(text, "1062"));
    /* the primary is gone: the IO thread retries, nothing is broken */
    memset(&r, 0, sizeof(r));
    r.configured = true;
    r.io_connecting = true;
    r.sql_running = true;
    r.io_errno = 2003;
    r.behind_s = -1;
    assert_int_equal(maria_replica_health(&r, 60, text, sizeof(text)),
                     MARIA_HEALTHY);
    r.io_connecting = false;
    r.io_errno = 1236;
    assert_int_equal(maria_replica_health(&r, 60, text, sizeof(text)),
                     MARIA_BROKEN);
    memset(&r, 0, sizeof(r));
    assert_int_equal(maria_replica_health(&r, 60, text, sizeof(text)),
                     MARIA_HEALTHY);
}

static void
option_value_takes_the_last_and_both_spellings(void **state)
{
    char *words[] = {
        "--log-bin=mysql-bin", "--server_id=3", "--datadir=/x",
        "--server-id=4", "--log-slave-updates", "--log-binary=no", NULL,
    };
    char *skipped[] = { "--log_bin=a", "--skip-log-bin", NULL };

    (void) state;
    assert_string_equal(maria_option_value(words, "log_bin"), "mysql-bin");
    assert_string_equal(maria_option_value(words, "server_id"), "4");
    assert_string_equal(maria_option_value(words, "log_slave_updates"), "");
    assert_null(maria_option_value(words, "gtid_domain_id"));
    assert_null(maria_option_value(skipped, "log_bin"));
    assert_null(maria_option_value(NULL, "log_bin"));
}

static void
test_table_takes_database_dot_table_only(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;

    (void) state;
    assert_int_equal(maria_table_param_parse("mysql.user", NULL, &why),
                     BATON_RC_OK);
    assert_int_equal(maria_table_param_parse("app_1.t$x", NULL, &why),
                     BATON_RC_OK);
    assert_int_equal(maria_table_param_parse("user", NULL, &why),
                     BATON_RC_CONFIG);
    assert_int_equal(maria_table_param_parse("a.b; DROP TABLE x", NULL, &why),
                     BATON_RC_CONFIG);
    assert_int_equal(maria_table_param_parse(".t", NULL, &why),
                     BATON_RC_CONFIG);
    assert_int_equal(maria_table_param_parse("a.b.c", NULL, &why),
                     BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "database.table"));
}

static void
node_list_limits_candidates_when_given(void **state)
{
    struct maria_ctx ctx = { 0 };

    (void) state;
    assert_true(maria_node_listed(&ctx, "n1"));
    ctx.conf.node_list = "n1 n2,n3";
    assert_true(maria_node_listed(&ctx, "n2"));
    assert_true(maria_node_listed(&ctx, "n3"));
    assert_false(maria_node_listed(&ctx, "n"));
    assert_false(maria_node_listed(&ctx, "n4"));
}

static void
conf_check_wants_all_ssl_files_or_none(void **state)
{
    struct maria_conf conf = { 0 };
    baton_reason_t why = BATON_REASON_INIT;

    (void) state;
    assert_int_equal(maria_conf_check(&conf, &why), BATON_RC_OK);
    conf.ssl_ca = "/ca";
    assert_int_equal(maria_conf_check(&conf, &why), BATON_RC_CONFIG);
    conf.ssl_cert = "/cert";
    conf.ssl_key = "/key";
    assert_int_equal(maria_conf_check(&conf, &why), BATON_RC_OK);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gtid_parse_reads_domains_servers_and_sequences),
        cmocka_unit_test(gtid_parse_rejects_malformed_lists),
        cmocka_unit_test(gtid_parse_bounds_the_list),
        cmocka_unit_test(gtid_cmp_compares_each_domain),
        cmocka_unit_test(gtid_cmp_sees_one_sequence_from_two_servers_as_diverged),
        cmocka_unit_test(gtid_cmp_does_not_use_the_first_gtid_only),
        cmocka_unit_test(gtid_merge_keeps_the_highest_per_domain),
        cmocka_unit_test(gtid_errant_finds_what_the_primary_never_saw),
        cmocka_unit_test(gtid_errant_survives_a_primary_state_reset),
        cmocka_unit_test(health_tells_broken_lagging_and_waiting),
        cmocka_unit_test(option_value_takes_the_last_and_both_spellings),
        cmocka_unit_test(test_table_takes_database_dot_table_only),
        cmocka_unit_test(node_list_limits_candidates_when_given),
        cmocka_unit_test(conf_check_wants_all_ssl_files_or_none),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
