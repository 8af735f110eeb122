/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of ocf:baton:pgsqlms' parsers and rules: pg_controldata's
 * output, LSNs, timeline history, notification variables, the ranking of
 * standbys, the comparison of published locations, and when promote
 * asks its upstream.
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
#include "pgsqlms.h"

/* pg_controldata of PostgreSQL 15, abridged where nothing is read */
static const char controldata15[] =
    "pg_control version number:            1300\n"
    "Catalog version number:               202209061\n"
    "Database system identifier:           7312345678901234567\n"
    "Database cluster state:               shut down in recovery\n"
    "pg_control last modified:             Mon 01 Jan 2026 10:00:00 UTC\n"
    "Latest checkpoint location:           0/3000060\n"
    "Latest checkpoint's REDO location:    0/3000028\n"
    "Latest checkpoint's REDO WAL file:    000000020000000000000003\n"
    "Latest checkpoint's TimeLineID:       2\n"
    "Latest checkpoint's PrevTimeLineID:   2\n"
    "Latest checkpoint's full_page_writes: on\n"
    "wal_level setting:                    replica\n"
    "wal_log_hints setting:                on\n"
    "max_connections setting:              100\n"
    "Data page checksum version:           0\n"
    "Bytes per WAL segment:                16777216\n";

static void
controldata_gives_state_timeline_and_locations(void **state)
{
    struct pg_controldata cd;

    assert_int_equal(pg_controldata_parse(controldata15, &cd), BATON_RC_OK);
    assert_int_equal(cd.state, PG_STATE_SHUT_DOWN_RECOVERY);
    assert_int_equal(cd.timeline, 2);
    assert_int_equal(cd.checkpoint_lsn, 0x3000060);
    assert_int_equal(cd.redo_lsn, 0x3000028);
    assert_string_equal(cd.wal_level, "replica");
    assert_true(cd.wal_log_hints);
    assert_false(cd.checksums);
    assert_int_equal(cd.wal_seg_size, 16777216);
}

static void
controldata_tells_every_state(void **state)
{
    static const struct {
        const char *text;
        enum pg_cluster_state st;
    } cases[] = {
        { "in production", PG_STATE_PRODUCTION },
        { "shut down", PG_STATE_SHUT_DOWN },
        { "in archive recovery", PG_STATE_ARCHIVE_RECOVERY },
        { "in crash recovery", PG_STATE_CRASH_RECOVERY },
        { "starting up", PG_STATE_STARTING },
        { "shutting down", PG_STATE_SHUTTING_DOWN },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char text[sizeof(controldata15) + 64];
        struct pg_controldata cd;
        const char *line = strstr(controldata15, "shut down in recovery");

        snprintf(text, sizeof(text), "%.*s%s%s",
                 (int) (line - controldata15), controldata15, cases[i].text,
                 strchr(line, '\n'));
        assert_int_equal(pg_controldata_parse(text, &cd), BATON_RC_OK);
        assert_int_equal(cd.state, cases[i].st);
        assert_string_equal(pg_state_str(cd.state), cases[i].text);
    }
}

static void
controldata_rejects_missing_or_bad_fields(void **state)
{
    struct pg_controldata cd;
    char text[sizeof(controldata15)];
    char *p = NULL;

    assert_int_equal(pg_controldata_parse("", &cd), BATON_RC_PROTOCOL);
    assert_int_equal(pg_controldata_parse(NULL, &cd), BATON_RC_PROTOCOL);
    /* a translated or unknown state */
    strcpy(text, controldata15);
    p = strstr(text, "shut down in recovery");
    memcpy(p, "arrete", 6);
    assert_int_equal(pg_controldata_parse(text, &cd), BATON_RC_PROTOCOL);
    /* a broken LSN */
    strcpy(text, controldata15);
    p = strstr(text, "0/3000060");
    p[1] = 'x';
    assert_int_equal(pg_controldata_parse(text, &cd), BATON_RC_PROTOCOL);
    /* timeline 0 does not exist */
    strcpy(text, controldata15);
    p = strstr(text, "TimeLineID:       2");
    p[strlen("TimeLineID:       ")] = '0';
    assert_int_equal(pg_controldata_parse(text, &cd), BATON_RC_PROTOCOL);
    /* no wal_level line */
    strcpy(text, controldata15);
    p = strstr(text, "wal_level setting");
    p[0] = 'W';
    assert_int_equal(pg_controldata_parse(text, &cd), BATON_RC_PROTOCOL);
    /* no segment size (before PostgreSQL 11), or not a number: 0 */
    strcpy(text, controldata15);
    p = strstr(text, "Bytes per WAL segment");
    p[0] = 'b';
    assert_int_equal(pg_controldata_parse(text, &cd), BATON_RC_OK);
    assert_int_equal(cd.wal_seg_size, 0);
    strcpy(text, controldata15);
    p = strstr(text, "16777216");
    p[2] = 'x';
    assert_int_equal(pg_controldata_parse(text, &cd), BATON_RC_OK);
    assert_int_equal(cd.wal_seg_size, 0);
}

static void
lsn_parses_both_halves(void **state)
{
    uint64_t lsn = 0;

    assert_true(pg_lsn_parse("16/B374D848", &lsn));
    assert_int_equal(lsn, (0x16ULL << 32) | 0xB374D848ULL);
    assert_true(pg_lsn_parse("0/0", &lsn));
    assert_int_equal(lsn, 0);
    assert_false(pg_lsn_parse("16", &lsn));
    assert_false(pg_lsn_parse("/1", &lsn));
    assert_false(pg_lsn_parse("1/", &lsn));
    assert_false(pg_lsn_parse("100000000/0", &lsn));
    assert_false(pg_lsn_parse("1/2x", &lsn));
    assert_false(pg_lsn_parse(NULL, &lsn));
}

static void
wal_segment_names_give_their_timeline(void **state)
{
    uint32_t tli = 0;

    assert_true(pg_wal_segment_tli("00000004000000000000000A", &tli));
    assert_int_equal(tli, 4);
    assert_true(pg_wal_segment_tli("0000001A0000000100000002.partial",
                                   &tli));
    assert_int_equal(tli, 0x1a);
    assert_false(pg_wal_segment_tli("00000005.history", &tli));
    assert_false(pg_wal_segment_tli("archive_status", &tli));
    assert_false(pg_wal_segment_tli("00000004000000000000000A.backup",
                                    &tli));
    assert_false(pg_wal_segment_tli("00000000000000000000000A", &tli));
    assert_false(pg_wal_segment_tli("0000000400000000000000", &tli));
}

/* The segment that holds an LSN, as PostgreSQL names it: timeline, then
 * the segment number split at 4 GiB; any power-of-two size from 1 MiB to
 * 1 GiB */
static void
wal_segment_name_holds_the_lsn(void **state)
{
    char name[32];

    assert_true(pg_wal_segment_name(3, 0x5EDB3F0, 16U << 20, name,
                                    sizeof(name)));
    assert_string_equal(name, "000000030000000000000005");
    assert_true(pg_wal_segment_name(0x1A, UINT64_C(0x1FF000000), 16U << 20,
                                    name, sizeof(name)));
    assert_string_equal(name, "0000001A00000001000000FF");
    assert_true(pg_wal_segment_name(2, UINT64_C(0x240000000), 1U << 30,
                                    name, sizeof(name)));
    assert_string_equal(name, "000000020000000200000001");
    assert_true(pg_wal_segment_name(1, 0x2FFFFF, 1U << 20, name,
                                    sizeof(name)));
    assert_string_equal(name, "000000010000000000000002");
    assert_false(pg_wal_segment_name(1, 0, 0, name, sizeof(name)));
    assert_false(pg_wal_segment_name(1, 0, 3U << 20, name, sizeof(name)));
    assert_false(pg_wal_segment_name(1, 0, 1U << 19, name, sizeof(name)));
    assert_false(pg_wal_segment_name(1, 0, 1U << 31, name, sizeof(name)));
    assert_false(pg_wal_segment_name(0, 0, 16U << 20, name, sizeof(name)));
    assert_false(pg_wal_segment_name(1, 0, 16U << 20, name, 24));
}

static void
history_gives_the_switchpoint_of_a_timeline(void **state)
{
    static const char history[] =
        "1\t0/3000060\tno recovery target specified\n"
        "\n"
        "2\t0/5000148\tno recovery target specified\n";
    uint64_t end = 0;

    assert_true(pg_history_switchpoint(history, 1, &end));
    assert_int_equal(end, 0x3000060);
    assert_true(pg_history_switchpoint(history, 2, &end));
    assert_int_equal(end, 0x5000148);
    assert_false(pg_history_switchpoint(history, 3, &end));
    assert_false(pg_history_switchpoint("", 1, &end));
    assert_false(pg_history_switchpoint("1\tgarbage\n", 1, &end));
}

static void
rank_puts_furthest_first_and_punishes_lag(void **state)
{
    struct pg_standby s[4] = {
        { .name = "b", .state = "streaming", .write_lsn = 100, .lag = 50 },
        { .name = "c", .state = "streaming", .write_lsn = 300, .lag = 0 },
        { .name = "a", .state = "streaming", .write_lsn = 100, .lag = 50 },
        { .name = "d", .state = "startup", .write_lsn = 900, .lag = 0 },
    };

    pg_rank_standbys(s, 4, 40);
    /* d is furthest but starting: never a candidate */
    assert_string_equal(s[0].name, "d");
    assert_int_equal(s[0].score, -1);
    assert_string_equal(s[1].name, "c");
    assert_int_equal(s[1].score, 1000);
    /* equal positions: by name; past maxlag: negative */
    assert_string_equal(s[2].name, "a");
    assert_int_equal(s[2].score, -990);
    assert_string_equal(s[3].name, "b");
    assert_int_equal(s[3].score, -980);
    pg_rank_standbys(s, 4, 0);
    assert_int_equal(s[2].score, 990);
}

static void
locations_compare_timeline_first(void **state)
{
    assert_true(pg_location_cmp("2#100", "1#900") > 0);
    assert_true(pg_location_cmp("2#100", "2#900") < 0);
    assert_int_equal(pg_location_cmp("3#7", "3#7"), 0);
    /* what cannot be read is never better */
    assert_true(pg_location_cmp("garbage", "1#1") < 0);
    assert_true(pg_location_cmp("1#1", NULL) > 0);
    assert_int_equal(pg_location_cmp("x", "y"), 0);
    assert_true(pg_location_cmp("1#", "1#0") < 0);
}

/* promote's environment: the clone's notification lists, no notify_type;
 * this node is node3, which last saw \p last promoted */
static const char *
left_in(char **env, const char *members, bool quorate, const char *last)
{
    static struct baton_notify n;
    baton_membership_t *m = (members != NULL)
                            ? baton_membership_from_names(members, quorate)
                            : NULL;
    const char *gone;

    assert_int_equal(baton_notify_parse(env, &n), BATON_RC_USAGE);
    gone = pg_primary_left(&n, m, "node3", last);
    baton_membership_free(m);
    return gone;
}

static void
primary_left_only_when_stopped_and_out_of_the_membership(void **state)
{
    /* failover: node2, the primary, left the cluster, and the transition
     * fences it */
    char *failover[] = {
        "OCF_RESKEY_CRM_meta_notify_promoted_uname=node2 ",
        "OCF_RESKEY_CRM_meta_notify_unpromoted_uname=node1 node3 ",
        "OCF_RESKEY_CRM_meta_notify_active_uname=node1 node2 node3 ",
        "OCF_RESKEY_CRM_meta_notify_stop_uname=node2 ",
        "OCF_RESKEY_CRM_meta_notify_demote_uname=node2 ",
        "OCF_RESKEY_CRM_meta_notify_promote_uname=node3 ",
        NULL,
    };
    /* the same with Pacemaker 2.0's spelling */
    char *failover20[] = {
        "OCF_RESKEY_CRM_meta_notify_master_uname=node2",
        "OCF_RESKEY_CRM_meta_notify_stop_uname=node2",
        NULL,
    };
    /* a transition computed after node2's fencing (Pacemaker 2.1.5 in
     * tests/cluster): node2 is in no list but all_uname */
    char *fenced[] = {
        "OCF_RESKEY_CRM_meta_notify_promoted_uname= ",
        "OCF_RESKEY_CRM_meta_notify_unpromoted_uname=node3 node1 ",
        "OCF_RESKEY_CRM_meta_notify_active_uname=node3 node1 ",
        "OCF_RESKEY_CRM_meta_notify_stop_uname= ",
        "OCF_RESKEY_CRM_meta_notify_promote_uname=node3 ",
        "OCF_RESKEY_CRM_meta_notify_all_uname=node1 node2 node3 ",
        NULL,
    };
    /* switchover: node2 is demoted, it stays a member */
    char *switchover[] = {
        "OCF_RESKEY_CRM_meta_notify_promoted_uname=node2",
        "OCF_RESKEY_CRM_meta_notify_active_uname=node1 node2 node3",
        "OCF_RESKEY_CRM_meta_notify_demote_uname=node2",
        "OCF_RESKEY_CRM_meta_notify_stop_uname=",
        "OCF_RESKEY_CRM_meta_notify_promote_uname=node3",
        NULL,
    };
    /* Pacemaker lost track of a primary: it counts node2 unpromoted */
    char *lost[] = {
        "OCF_RESKEY_CRM_meta_notify_promoted_uname=",
        "OCF_RESKEY_CRM_meta_notify_unpromoted_uname=node1 node2 node3",
        "OCF_RESKEY_CRM_meta_notify_active_uname=node1 node2 node3",
        NULL,
    };
    /* recovered in place: this node is the only primary */
    char *self[] = {
        "OCF_RESKEY_CRM_meta_notify_promoted_uname=node3",
        "OCF_RESKEY_CRM_meta_notify_stop_uname=node3",
        NULL,
    };
    char *nothing[] = { NULL };

    assert_string_equal(left_in(failover, "node3 node1", true, NULL),
                        "node2");
    assert_string_equal(left_in(failover20, "node3 node1", true, ""),
                        "node2");
    /* stopped but still a member (a failed primary's node alive): its
     * server may run, ask */
    assert_null(left_in(failover, "node3 node1 node2", true, "node2"));
    /* this partition has no quorum, or corosync did not answer */
    assert_null(left_in(failover, "node3 node1", false, "node2"));
    assert_null(left_in(failover, NULL, true, "node2"));
    assert_string_equal(left_in(fenced, "node3 node1", true, "node2"),
                        "node2");
    /* without a record of the last primary, the lists tell nothing */
    assert_null(left_in(fenced, "node3 node1", true, NULL));
    assert_null(left_in(fenced, "node3 node1", true, ""));
    /* the last primary is still a member, or this node */
    assert_null(left_in(fenced, "node3 node1 node2", true, "node2"));
    assert_null(left_in(fenced, "node3 node1", true, "node3"));
    assert_null(left_in(fenced, "node3 node1", false, "node2"));
    /* an instance runs on the last primary's node as far as Pacemaker
     * knows, or a promoted node other than this one is a member */
    assert_null(left_in(lost, "node3 node1", true, "node2"));
    assert_null(left_in(switchover, "node3 node1 node2", true, "node2"));
    assert_null(left_in(switchover, "node3 node1", true, "node1"));
    assert_null(left_in(self, "node3 node1", true, NULL));
    assert_string_equal(left_in(nothing, "node3 node1", true, "node2"),
                        "node2");
    assert_null(left_in(nothing, "node3 node1", true, NULL));
}

static void
primary_at_start_is_the_one_promoted_node_that_stays(void **state)
{
    char *joins[] = {
        "OCF_RESKEY_CRM_meta_notify_promoted_uname=node1 ",
        "OCF_RESKEY_CRM_meta_notify_active_uname=node1 node2 ",
        "OCF_RESKEY_CRM_meta_notify_start_uname=node3 ",
        NULL,
    };
    char *demoted[] = {
        "OCF_RESKEY_CRM_meta_notify_promoted_uname=node1",
        "OCF_RESKEY_CRM_meta_notify_demote_uname=node1",
        "OCF_RESKEY_CRM_meta_notify_start_uname=node3",
        NULL,
    };
    char *stopped[] = {
        "OCF_RESKEY_CRM_meta_notify_master_uname=node1",
        "OCF_RESKEY_CRM_meta_notify_stop_uname=node1",
        NULL,
    };
    char *none[] = {
        "OCF_RESKEY_CRM_meta_notify_promoted_uname=",
        "OCF_RESKEY_CRM_meta_notify_promote_uname=node1",
        NULL,
    };
    char *mine[] = { "OCF_RESKEY_CRM_meta_notify_promoted_uname=node3", NULL };
    static struct baton_notify n;

    baton_notify_parse(joins, &n);
    assert_string_equal(pg_primary_at_start(&n, "node3"), "node1");
    baton_notify_parse(demoted, &n);
    assert_null(pg_primary_at_start(&n, "node3"));
    baton_notify_parse(stopped, &n);
    assert_null(pg_primary_at_start(&n, "node3"));
    baton_notify_parse(none, &n);
    assert_null(pg_primary_at_start(&n, "node3"));
    baton_notify_parse(mine, &n);
    assert_null(pg_primary_at_start(&n, "node3"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(controldata_gives_state_timeline_and_locations),
        cmocka_unit_test(controldata_tells_every_state),
        cmocka_unit_test(controldata_rejects_missing_or_bad_fields),
        cmocka_unit_test(lsn_parses_both_halves),
        cmocka_unit_test(history_gives_the_switchpoint_of_a_timeline),
        cmocka_unit_test(wal_segment_names_give_their_timeline),
        cmocka_unit_test(wal_segment_name_holds_the_lsn),
        cmocka_unit_test(rank_puts_furthest_first_and_punishes_lag),
        cmocka_unit_test(locations_compare_timeline_first),
        cmocka_unit_test(
            primary_left_only_when_stopped_and_out_of_the_membership),
        cmocka_unit_test(primary_at_start_is_the_one_promoted_node_that_stays),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
