/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of ocf:baton:drbd's parsers and rules: DRBD 8.4's /proc/drbd,
 * `drbdsetup events2 --now` of DRBD 8.4 and 9 (several peers, diskless
 * clients, quorum), the conclusions drawn from them, the promotion scores
 * drbd-utils derives, when they are sent to attrd (a fake attrd_updater
 * counts the requests), the parameters it parses its own way, and
 * crm_resource --locate's XML.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/ocf.h"
#include "baton/rc.h"
#include "drbd.h"

extern char **environ;

/* /proc/drbd of the Debian 12 kernel's DRBD 8.4.11: minor 0 connected
 * Primary, minor 1 a Secondary that lost its peer, minor 2 a resync
 * target, minor 4 unconfigured; minor 3 is not there */
static const char proc84[] =
    "version: 8.4.11 (api:1/proto:86-101)\n"
    "srcversion: 211FB288A383ED945B83420 \n"
    " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
    "    ns:4196 nr:0 dw:4196 dr:2313 al:3 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 "
    "wo:f oos:0\n"
    " 1: cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown C r-----\n"
    "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n"
    " 2: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C "
    "r-----\n"
    "    ns:0 nr:11264 dw:11264 dr:0 al:0 bm:0 lo:0 pe:2 ua:0 ap:0 ep:1 "
    "wo:f oos:54272\n"
    "\t[==>.................] sync'ed: 17.6% (54272/65536)K\n"
    "\tfinish: 0:00:05 speed: 11,264 (11,264) want: 102,400 K/sec\n"
    " 4: cs:Unconfigured\n"
    "10: cs:StandAlone ro:Secondary/Unknown ds:Outdated/DUnknown   r-----\n";

/* events2 --now of DRBD 9.2: two peers, one Primary; quorum */
static const char ev9_three[] =
    "exists resource name:r0 role:Secondary suspended:no "
    "write-ordering:flush\n"
    "exists connection name:r0 peer-node-id:0 conn-name:alpha "
    "connection:Connected role:Primary congested:no ap-in-flight:0 "
    "rs-in-flight:0\n"
    "exists connection name:r0 peer-node-id:2 conn-name:gamma "
    "connection:Connected role:Secondary congested:no ap-in-flight:0 "
    "rs-in-flight:0\n"
    "exists device name:r0 volume:0 minor:1 disk:UpToDate client:no "
    "quorum:yes size:765868 read:0 written:765868 al-writes:0 bm-writes:0 "
    "upper-pending:0 lower-pending:0 al-suspended:no blocked:no\n"
    "exists peer-device name:r0 peer-node-id:0 conn-name:alpha volume:0 "
    "replication:Established peer-disk:UpToDate peer-client:no "
    "resync-suspended:no received:765868 sent:0 out-of-sync:0 pending:0 "
    "unacked:0\n"
    "exists peer-device name:r0 peer-node-id:2 conn-name:gamma volume:0 "
    "replication:Established peer-disk:UpToDate peer-client:no "
    "resync-suspended:no received:0 sent:0 out-of-sync:0 pending:0 "
    "unacked:0\n"
    "exists -\n";

/* events2 --now of DRBD 9: a Primary whose only peer is gone, quorum lost
 * on volume 1, another resource's lines in between */
static const char ev9_lost[] =
    "exists resource name:data role:Primary suspended:no "
    "write-ordering:flush\n"
    "exists resource name:other role:Secondary suspended:no\n"
    "exists connection name:data peer-node-id:1 conn-name:beta "
    "connection:Connecting role:Unknown congested:no\n"
    "exists device name:data volume:0 minor:5 disk:UpToDate client:no "
    "quorum:yes\n"
    "exists device name:other volume:0 minor:7 disk:Inconsistent "
    "client:no quorum:yes\n"
    "exists device name:data volume:1 minor:6 disk:UpToDate client:no "
    "quorum:no\n"
    "exists peer-device name:data peer-node-id:1 conn-name:beta volume:0 "
    "replication:Off peer-disk:DUnknown peer-client:no "
    "resync-suspended:no\n"
    "exists peer-device name:data peer-node-id:1 conn-name:beta volume:1 "
    "replication:Off peer-disk:DUnknown peer-client:no "
    "resync-suspended:no\n"
    "exists -\n";

/* events2 --now of DRBD 9: a diskless client reaching good data */
static const char ev9_client[] =
    "exists resource name:r1 role:Secondary suspended:no\n"
    "exists connection name:r1 peer-node-id:0 conn-name:a "
    "connection:Connected role:Secondary\n"
    "exists connection name:r1 peer-node-id:1 conn-name:b "
    "connection:Connected role:Secondary\n"
    "exists device name:r1 volume:0 minor:3 disk:Diskless client:yes "
    "quorum:yes\n"
    "exists peer-device name:r1 peer-node-id:0 conn-name:a volume:0 "
    "replication:Established peer-disk:UpToDate peer-client:no\n"
    "exists peer-device name:r1 peer-node-id:1 conn-name:b volume:0 "
    "replication:Established peer-disk:UpToDate peer-client:no\n"
    "exists -\n";

/* events2 --now of DRBD 8.4: no node ids, the peer by its conn-name */
static const char ev84[] =
    "exists resource name:test0 role:Primary suspended:no "
    "write-ordering:flush\n"
    "exists connection name:test0 conn-name:peer connection:Connected "
    "role:Secondary congested:no\n"
    "exists device name:test0 volume:0 minor:0 disk:UpToDate client:no "
    "size:4056\n"
    "exists peer-device name:test0 conn-name:peer volume:0 "
    "replication:SyncSource peer-disk:Inconsistent resync-suspended:no\n"
    "exists -\n";

/* Recorded in the tests/vm guests (Debian 12 kernel, DRBD 8.4.11,
 * drbd-utils 9.22): two resources, the replication link just cut under
 * the Primary; r0's handler answered 4 (peer Outdated), r1's still runs
 * (I/O suspended, "s") */
static const char proc84_cut[] =
    "version: 8.4.11 (api:1/proto:86-101)\n"
    "srcversion: B536C32A3EADA868561EFD9 \n"
    " 0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/Outdated C r-----\n"
    "    ns:1790 nr:0 dw:4172 dr:11 al:3 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 "
    "wo:f oos:268\n"
    " 1: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C s-----\n"
    "    ns:68 nr:0 dw:2113 dr:11 al:3 bm:0 lo:0 pe:1 ua:0 ap:1 ep:1 wo:f "
    "oos:0\n";

/* Recorded there too: events2 --now of 8.4, which gives the peer an id */
static const char ev84_recorded[] =
    "exists resource name:r0 role:Primary suspended:no\n"
    "exists connection name:r0 peer-node-id:0 conn-name:peer "
    "connection:Connected role:Secondary\n"
    "exists device name:r0 volume:0 minor:0 disk:UpToDate\n"
    "exists peer-device name:r0 peer-node-id:0 conn-name:peer volume:0 "
    "replication:Established peer-disk:UpToDate resync-suspended:no\n"
    "exists -\n";

/* ---- /proc/drbd ------------------------------------------------------------ */

static void
proc_version_reads_the_first_line(void **state)
{
    uint32_t code = 0;

    assert_true(drbd_proc_version(proc84, &code));
    assert_int_equal(code, DRBD_VERSION_CODE(8, 4, 11));
    assert_true(drbd_proc_version("version: 9.2.12 (api:2/proto:86-122)\n",
                                  &code));
    assert_int_equal(code, DRBD_VERSION_CODE(9, 2, 12));
    assert_false(drbd_proc_version("srcversion: 1\n", &code));
    assert_false(drbd_proc_version("", &code));
    assert_false(drbd_proc_version(NULL, &code));
    assert_false(drbd_proc_version("version: 8.4\n", &code));
}

static void
proc_reads_the_minors_asked_for(void **state)
{
    int minors[] = { 0, 2 };
    struct drbd_state st;

    assert_true(drbd_proc_parse(proc84, minors, 2, &st));
    assert_true(st.exists);
    assert_false(st.events2);
    assert_int_equal(st.role, DRBD_ROLE_PRIMARY);
    assert_int_equal(st.n_volumes, 2);
    assert_int_equal(st.volumes[0].minor, 0);
    assert_int_equal(st.volumes[0].role, DRBD_ROLE_PRIMARY);
    assert_int_equal(st.volumes[0].disk, DRBD_DISK_UP_TO_DATE);
    assert_int_equal(st.volumes[1].disk, DRBD_DISK_INCONSISTENT);
    assert_int_equal(st.n_peers, 2);
    assert_string_equal(st.peers[0].connection, "Connected");
    assert_int_equal(st.peers[0].role, DRBD_ROLE_SECONDARY);
    assert_int_equal(st.peers[0].volumes[0].peer_disk, DRBD_DISK_UP_TO_DATE);
    assert_string_equal(st.peers[1].connection, "SyncTarget");
    assert_int_equal(st.peers[1].role, DRBD_ROLE_PRIMARY);
    assert_int_equal(st.peers[1].node_id, -1);
}

static void
proc_missing_or_unconfigured_minor_is_not_there(void **state)
{
    int gone[] = { 3 };
    int unconf[] = { 4 };
    int ten[] = { 10 };
    struct drbd_state st;
    struct drbd_summary sum;

    assert_true(drbd_proc_parse(proc84, gone, 1, &st));
    assert_false(st.exists);
    drbd_summarize(&st, -1, &sum);
    assert_true(sum.unconfigured);
    assert_false(sum.primary);
    assert_true(drbd_proc_parse(proc84, unconf, 1, &st));
    assert_false(st.exists);
    assert_int_equal(st.volumes[0].disk, DRBD_DISK_UNCONFIGURED);
    /* "10:" is not minor 1 or 0 */
    assert_true(drbd_proc_parse(proc84, ten, 1, &st));
    assert_true(st.exists);
    assert_int_equal(st.volumes[0].disk, DRBD_DISK_OUTDATED);
    assert_string_equal(st.peers[0].connection, "StandAlone");
    /* no version line: not /proc/drbd */
    assert_false(drbd_proc_parse(" 0: cs:Connected\n", gone, 1, &st));
    assert_false(st.exists);
}

static void
summary_84_primary_with_peer_up_to_date(void **state)
{
    int minors[] = { 0 };
    struct drbd_state st;
    struct drbd_summary sum;

    drbd_proc_parse(proc84, minors, 1, &st);
    drbd_summarize(&st, -1, &sum);
    assert_false(sum.unconfigured);
    assert_true(sum.primary);
    assert_false(sum.some_peer_primary);
    assert_true(sum.disk_all_up_to_date);
    assert_true(sum.disk_all_consistent);
    assert_true(sum.pdsk_all_up_to_date);
    assert_false(sum.pdsk_any_unknown);
    assert_true(sum.have_quorum);
    assert_false(sum.diskless_client);
}

static void
summary_84_lost_peer_and_resync_target(void **state)
{
    int lost[] = { 1 };
    int target[] = { 2 };
    int both[] = { 1, 2 };
    struct drbd_state st;
    struct drbd_summary sum;

    drbd_proc_parse(proc84, lost, 1, &st);
    drbd_summarize(&st, -1, &sum);
    assert_false(sum.primary);
    assert_true(sum.disk_all_up_to_date);
    assert_true(sum.pdsk_any_unknown);
    assert_false(sum.pdsk_all_up_to_date);

    drbd_proc_parse(proc84, target, 1, &st);
    drbd_summarize(&st, -1, &sum);
    assert_true(sum.some_peer_primary);
    assert_false(sum.disk_all_up_to_date);
    assert_false(sum.disk_all_consistent);
    assert_true(sum.pdsk_all_up_to_date);
    assert_true(sum.some_peer_all_up_to_date);

    /* several volumes: each must be good for the whole to be */
    drbd_proc_parse(proc84, both, 2, &st);
    drbd_summarize(&st, -1, &sum);
    assert_false(sum.disk_all_up_to_date);
    assert_true(sum.pdsk_any_unknown);
    assert_false(sum.pdsk_all_up_to_date);
}

static void
recorded_cut_link_scores(void **state)
{
    int m0[] = { 0 };
    int m1[] = { 1 };
    int both[] = { 0, 1 };
    struct drbd_conf c = { .adjust = { 0, 10, 1000, 10000 } };
    struct drbd_state st;
    struct drbd_summary sum;
    int score = 0;
    bool unfence = true;

    /* the Primary whose peer was outdated by the handler */
    assert_true(drbd_proc_parse(proc84_cut, m0, 1, &st));
    assert_string_equal(st.peers[0].connection, "WFConnection");
    assert_int_equal(st.peers[0].volumes[0].peer_disk, DRBD_DISK_OUTDATED);
    drbd_summarize(&st, -1, &sum);
    assert_true(sum.primary);
    assert_false(sum.pdsk_any_unknown);
    assert_false(sum.pdsk_all_up_to_date);
    assert_int_equal(drbd_score_decide(&sum, &c, -1, &score, &unfence),
                     DRBD_SCORE_SET);
    assert_int_equal(score, 10000);
    assert_false(unfence);
    /* the one whose handler still runs: peer unknown */
    assert_true(drbd_proc_parse(proc84_cut, m1, 1, &st));
    drbd_summarize(&st, -1, &sum);
    assert_true(sum.pdsk_any_unknown);
    /* both at once: a Primary is a Primary */
    assert_true(drbd_proc_parse(proc84_cut, both, 2, &st));
    assert_int_equal(st.role, DRBD_ROLE_PRIMARY);
}

static void
recorded_events2_of_eightfour(void **state)
{
    struct drbd_state st;
    struct drbd_summary sum;

    assert_true(drbd_events2_parse(ev84_recorded, "r0", &st));
    assert_int_equal(st.n_peers, 1);
    assert_int_equal(st.peers[0].node_id, 0);
    assert_int_equal(st.peers[0].n_volumes, 1);
    drbd_summarize(&st, 1, &sum);
    assert_true(sum.primary);
    assert_true(sum.disk_all_up_to_date);
    assert_true(sum.pdsk_all_up_to_date);
    assert_int_equal(sum.up_to_date_mask, 0x3);
}

/* ---- events2 ------------------------------------------------------------------ */

static void
events2_nine_with_two_peers(void **state)
{
    struct drbd_state st;
    struct drbd_summary sum;

    assert_true(drbd_events2_parse(ev9_three, "r0", &st));
    assert_true(st.exists);
    assert_true(st.events2);
    assert_int_equal(st.role, DRBD_ROLE_SECONDARY);
    assert_int_equal(st.n_peers, 2);
    assert_int_equal(st.peers[0].node_id, 0);
    assert_string_equal(st.peers[0].name, "alpha");
    assert_int_equal(st.peers[0].role, DRBD_ROLE_PRIMARY);
    assert_int_equal(st.peers[1].node_id, 2);
    assert_int_equal(st.peers[1].n_volumes, 1);
    assert_string_equal(st.peers[1].volumes[0].replication, "Established");
    assert_int_equal(st.n_volumes, 1);
    assert_int_equal(st.volumes[0].minor, 1);

    drbd_summarize(&st, 1, &sum);
    assert_false(sum.primary);
    assert_true(sum.some_peer_primary);
    assert_true(sum.disk_all_up_to_date);
    assert_true(sum.pdsk_all_up_to_date);
    assert_false(sum.pdsk_any_unknown);
    assert_true(sum.have_quorum);
    assert_int_equal(sum.up_to_date_mask, 0x7);
}

static void
events2_nine_lost_peer_and_quorum(void **state)
{
    struct drbd_state st;
    struct drbd_summary sum;

    assert_true(drbd_events2_parse(ev9_lost, "data", &st));
    /* the other resource's lines are not ours */
    assert_int_equal(st.n_volumes, 2);
    assert_int_equal(st.volumes[1].minor, 6);
    assert_true(st.volumes[1].no_quorum);
    assert_int_equal(st.n_peers, 1);
    assert_int_equal(st.peers[0].n_volumes, 2);
    assert_string_equal(st.peers[0].connection, "Connecting");

    drbd_summarize(&st, 0, &sum);
    assert_true(sum.primary);
    assert_false(sum.have_quorum);
    assert_true(sum.pdsk_any_unknown);
    assert_false(sum.pdsk_all_up_to_date);
    assert_true(sum.some_peer_not_all_up_to_date);
    assert_int_equal(sum.up_to_date_mask, 0x1);
}

static void
events2_nine_diskless_client(void **state)
{
    struct drbd_state st;
    struct drbd_summary sum;

    assert_true(drbd_events2_parse(ev9_client, "r1", &st));
    drbd_summarize(&st, 2, &sum);
    assert_true(sum.diskless_client);
    assert_true(sum.disk_all_up_to_date);   /* no disk of its own */
    assert_true(sum.pdsk_all_up_to_date);
    assert_int_equal(sum.up_to_date_mask, 0x7);
}

static void
events2_eightfour_matches_peer_by_name(void **state)
{
    struct drbd_state st;
    struct drbd_summary sum;

    assert_true(drbd_events2_parse(ev84, "test0", &st));
    assert_int_equal(st.n_peers, 1);
    assert_int_equal(st.peers[0].node_id, -1);
    assert_int_equal(st.peers[0].n_volumes, 1);
    assert_int_equal(st.peers[0].volumes[0].peer_disk,
                     DRBD_DISK_INCONSISTENT);
    drbd_summarize(&st, -1, &sum);
    assert_true(sum.primary);
    assert_false(sum.pdsk_all_up_to_date);
    assert_false(sum.pdsk_any_unknown);
}

static void
events2_absent_or_cut_short(void **state)
{
    struct drbd_state st;
    struct drbd_summary sum;

    assert_true(drbd_events2_parse("exists -\n", "r0", &st));
    assert_false(st.exists);
    drbd_summarize(&st, 0, &sum);
    assert_true(sum.unconfigured);
    /* without "exists -" the output is incomplete */
    assert_false(drbd_events2_parse("exists resource name:r0 role:Primary\n",
                                     "r0", &st));
    assert_false(drbd_events2_parse("", "r0", &st));
    /* a resource whose name only starts like ours */
    assert_true(drbd_events2_parse("exists resource name:r00 role:Primary\n"
                                   "exists -\n", "r0", &st));
    assert_false(st.exists);
}

/* ---- scores -------------------------------------------------------------------- */

static struct drbd_conf
conf_default(void)
{
    struct drbd_conf c = { .adjust = { 0, 10, 1000, 10000 } };

    return c;
}

static enum drbd_score_op
decide(const struct drbd_summary *sum, const struct drbd_conf *c, int pcmk,
       int *score)
{
    bool unfence = false;

    return drbd_score_decide(sum, c, pcmk, score, &unfence);
}

static struct drbd_summary
summary_of(const char *text, const char *res, const int *minors, size_t n)
{
    struct drbd_state st;
    struct drbd_summary sum;

    if (minors != NULL) {
        drbd_proc_parse(text, minors, n, &st);
    } else {
        drbd_events2_parse(text, res, &st);
    }
    drbd_summarize(&st, -1, &sum);
    return sum;
}

/* Requests the fake attrd_updater in \p dir logged since the last call */
static int
score_requests(const char *dir)
{
    char path[256];
    FILE *f = NULL;
    int n = 0;
    int c;

    snprintf(path, sizeof(path), "%s/calls", dir);
    f = fopen(path, "r");
    if (f == NULL) {
        return 0;
    }
    while ((c = fgetc(f)) != EOF) {
        n += (c == '\n');
    }
    fclose(f);
    unlink(path);
    return n;
}

static void
monitor_skips_a_score_already_written(void **state)
{
    char dir[] = "/tmp/baton-drbd-score-test.XXXXXX";
    char tool[256];
    char rec[256];
    int m0[] = { 0 };
    struct drbd_ctx ctx = { .conf = conf_default() };
    FILE *f = NULL;

    assert_non_null(mkdtemp(dir));
    snprintf(tool, sizeof(tool), "%s/attrd_updater", dir);
    snprintf(rec, sizeof(rec), "%s/drbd-r0-node1.score", dir);
    f = fopen(tool, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\necho \"$*\" >> %s/calls\n", dir);
    fclose(f);
    chmod(tool, 0755);
    setenv("BATON_DRBD_RUN_DIR", dir, 1);
    setenv("BATON_ATTRD_IPC", "baton-drbd-test-nobody-serves", 1);
    setenv("BATON_ATTRD_UPDATER", tool, 1);
    snprintf(ctx.rsc, sizeof(ctx.rsc), "r0");
    snprintf(ctx.node, sizeof(ctx.node), "node1");
    ctx.deadline_ms = baton_clock_now_ms() + 60000;
    /* a Primary with an UpToDate peer: 10000 */
    ctx.sum = summary_of(proc84, NULL, m0, 1);

    assert_int_equal(drbd_score_monitor(&ctx), BATON_RC_OK);
    assert_int_equal(score_requests(dir), 1);
    assert_int_equal(drbd_score_monitor(&ctx), BATON_RC_OK);
    assert_int_equal(score_requests(dir), 0);
    /* every other action sends it anyway */
    assert_int_equal(drbd_score_update(&ctx), BATON_RC_OK);
    assert_int_equal(score_requests(dir), 1);
    assert_int_equal(drbd_score_monitor(&ctx), BATON_RC_OK);
    assert_int_equal(score_requests(dir), 0);
    /* a removal (stop) takes the record with it */
    assert_int_equal(drbd_score_remove(&ctx), BATON_RC_OK);
    assert_int_equal(score_requests(dir), 1);
    assert_int_equal(access(rec, F_OK), -1);
    assert_int_equal(drbd_score_monitor(&ctx), BATON_RC_OK);
    assert_int_equal(score_requests(dir), 1);
    /* a changed score (the peer's disk unknown: 1000) is sent */
    ctx.sum.pdsk_any_unknown = true;
    ctx.sum.primary = false;
    assert_int_equal(drbd_score_monitor(&ctx), BATON_RC_OK);
    assert_int_equal(score_requests(dir), 1);

    unsetenv("BATON_DRBD_RUN_DIR");
    unsetenv("BATON_ATTRD_IPC");
    unsetenv("BATON_ATTRD_UPDATER");
    unlink(rec);
    unlink(tool);
    assert_int_equal(rmdir(dir), 0);
}

static void
score_follows_drbd_utils_rules(void **state)
{
    struct drbd_conf c = conf_default();
    int m0[] = { 0 };
    int m1[] = { 1 };
    int m2[] = { 2 };
    int m10[] = { 10 };
    int m3[] = { 3 };
    int score = -1;
    bool unfence = false;
    struct drbd_summary s;

    /* Primary, peer UpToDate: as good as it gets, and unfence allowed */
    s = summary_of(proc84, NULL, m0, 1);
    assert_int_equal(drbd_score_decide(&s, &c, -1, &score, &unfence),
                     DRBD_SCORE_SET);
    assert_int_equal(score, 10000);
    assert_true(unfence);
    /* UpToDate Secondary, peer unknown: local_ok */
    s = summary_of(proc84, NULL, m1, 1);
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_SET);
    assert_int_equal(score, 1000);
    /* Inconsistent with an UpToDate peer: only_remote */
    s = summary_of(proc84, NULL, m2, 1);
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_SET);
    assert_int_equal(score, 10);
    /* Outdated: no score */
    s = summary_of(proc84, NULL, m10, 1);
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_REMOVE);
    /* not configured: no score */
    s = summary_of(proc84, NULL, m3, 1);
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_REMOVE);
    /* UpToDate Secondary with every peer known: as good as it gets */
    s = summary_of(ev9_three, "r0", NULL, 0);
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_SET);
    assert_int_equal(score, 10000);
    /* no quorum: no score, even as an UpToDate Primary */
    s = summary_of(ev9_lost, "data", NULL, 0);
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_REMOVE);
    /* diskless client with every peer UpToDate: as good, less one */
    s = summary_of(ev9_client, "r1", NULL, 0);
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_SET);
    assert_int_equal(score, 9999);
}

static void
score_consistent_transitional_and_adjusted(void **state)
{
    struct drbd_conf c = conf_default();
    struct drbd_summary s = {
        .have_quorum = true, .disk_all_consistent = true,
        .pdsk_any_unknown = true,
    };
    int score = -1;

    /* Consistent only: the first level, 0 by default = no score */
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_REMOVE);
    c.adjust[DRBD_SCORE_ONLY_CONSISTENT] = 5;
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_SET);
    assert_int_equal(score, 5);
    /* attaching: leave the score as it is */
    s.disk_transitional = true;
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_KEEP);
}

static void
score_peer_primary_policies(void **state)
{
    struct drbd_conf c = conf_default();
    struct drbd_summary s = summary_of(ev9_three, "r0", NULL, 0);
    int score = -1;

    c.remove_if_peer_primary = DRBD_PEER_PRIMARY_REMOVE;
    assert_true(s.some_peer_primary);
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_REMOVE);
    c.remove_if_peer_primary = DRBD_PEER_PRIMARY_UNEXPECTED;
    assert_true(drbd_score_needs_pcmk(&s, &c));
    /* Pacemaker knows that Primary: the usual score */
    assert_int_equal(decide(&s, &c, 1, &score), DRBD_SCORE_SET);
    assert_int_equal(score, 10000);
    /* it does not: no score */
    assert_int_equal(decide(&s, &c, 0, &score), DRBD_SCORE_REMOVE);
    /* it could not tell: the usual score */
    assert_int_equal(decide(&s, &c, -1, &score), DRBD_SCORE_SET);
    c.remove_if_peer_primary = DRBD_PEER_PRIMARY_IGNORE;
    assert_false(drbd_score_needs_pcmk(&s, &c));
}

/* ---- parameters ------------------------------------------------------------------ */

static void
adjust_accepts_four_nondecreasing_else_default(void **state)
{
    unsigned a[4] = { 0 };
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(drbd_adjust_param_parse("1 20 300 4000", a, &why),
                     BATON_RC_OK);
    assert_int_equal(a[0], 1);
    assert_int_equal(a[3], 4000);
    assert_int_equal(drbd_adjust_param_parse("5 5 5 5", a, &why),
                     BATON_RC_OK);
    assert_int_equal(a[0], 5);
    assert_int_equal(a[3], 5);
    /* drbd-utils falls back to its default rather than failing */
    assert_int_equal(drbd_adjust_param_parse("1 2 3", a, &why), BATON_RC_OK);
    assert_int_equal(a[2], 1000);
    memset(a, 0, sizeof(a));
    assert_int_equal(drbd_adjust_param_parse("9 8 7 6", a, &why),
                     BATON_RC_OK);
    assert_int_equal(a[3], 10000);
    memset(a, 0, sizeof(a));
    assert_int_equal(drbd_adjust_param_parse("0 10 -1000 10000", a, &why),
                     BATON_RC_OK);
    assert_int_equal(a[1], 10);
    assert_int_equal(a[2], 1000);
    memset(a, 0, sizeof(a));
    assert_int_equal(drbd_adjust_param_parse("0 10 1000 10000 5", a, &why),
                     BATON_RC_OK);
    assert_int_equal(a[3], 10000);
    assert_false(baton_reason_is_set(&why));
}

static void
wfc_digits_wait_anything_else_does_not(void **state)
{
    struct drbd_wfc w = { 0 };
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(drbd_wfc_param_parse("30", &w, &why), BATON_RC_OK);
    assert_true(w.wait);
    assert_int_equal(w.timeout_s, 30);
    assert_int_equal(drbd_wfc_param_parse("0", &w, &why), BATON_RC_OK);
    assert_true(w.wait);
    assert_int_equal(w.timeout_s, 0);
    assert_int_equal(drbd_wfc_param_parse("5s", &w, &why), BATON_RC_OK);
    assert_false(w.wait);
    assert_int_equal(drbd_wfc_param_parse("none", &w, &why), BATON_RC_OK);
    assert_false(w.wait);
}

static void
version_is_three_numbers(void **state)
{
    uint32_t v = 0;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(drbd_version_param_parse("9.0.16", &v, &why),
                     BATON_RC_OK);
    assert_int_equal(v, DRBD_VERSION_CODE(9, 0, 16));
    assert_int_equal(drbd_version_param_parse("9.0", &v, &why),
                     BATON_RC_CONFIG);
    assert_string_equal(why.text, "'9.0' is not a version x.y.z");
    baton_reason_clear(&why);
    assert_int_equal(drbd_version_param_parse("9.0.1a", &v, &why),
                     BATON_RC_CONFIG);
    baton_reason_clear(&why);
    assert_int_equal(drbd_version_param_parse("9.0.1.2", &v, &why),
                     BATON_RC_CONFIG);
    baton_reason_clear(&why);
    assert_int_equal(drbd_version_param_parse("256.0.0", &v, &why),
                     BATON_RC_CONFIG);
}

static void
peer_primary_true_unexpected_or_ignore(void **state)
{
    int p = -1;
    baton_reason_t why = BATON_REASON_INIT;

    drbd_peer_primary_param_parse("true", &p, &why);
    assert_int_equal(p, DRBD_PEER_PRIMARY_REMOVE);
    drbd_peer_primary_param_parse("yes", &p, &why);
    assert_int_equal(p, DRBD_PEER_PRIMARY_REMOVE);
    drbd_peer_primary_param_parse("unexpected", &p, &why);
    assert_int_equal(p, DRBD_PEER_PRIMARY_UNEXPECTED);
    drbd_peer_primary_param_parse("false", &p, &why);
    assert_int_equal(p, DRBD_PEER_PRIMARY_IGNORE);
    drbd_peer_primary_param_parse("maybe", &p, &why);
    assert_int_equal(p, DRBD_PEER_PRIMARY_IGNORE);
}

static void
names_keep_drbd_utils_characters(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(drbd_name_param_parse("r0", NULL, &why), BATON_RC_OK);
    assert_int_equal(drbd_name_param_parse("/etc/drbd.d/a-b_c:1@x.res",
                                           NULL, &why), BATON_RC_OK);
    assert_int_equal(drbd_name_param_parse("r0; rm -rf /", NULL, &why),
                     BATON_RC_CONFIG);
    assert_string_equal(why.text, "'r0; rm -rf /' has characters other "
                        "than [-%+./0-9:=@A-Z_a-z]");
}

static void
locate_finds_a_promoted_instance_elsewhere(void **state)
{
    static const char xml[] =
        "<pacemaker-result api-version=\"2.25\" request=\"crm_resource "
        "--locate\">\n"
        "  <nodes resource=\"drbd-clone\">\n"
        "    <node state=\"promoted\">node2</node>\n"
        "    <node>node1</node>\n"
        "  </nodes>\n"
        "  <status code=\"0\" message=\"OK\"/>\n"
        "</pacemaker-result>\n";

    assert_int_equal(drbd_locate_parse(xml, "node1"), 1);
    assert_int_equal(drbd_locate_parse(xml, "node2"), 0);
    assert_int_equal(drbd_locate_parse("<node name=\"n3\" state=\"Master\"/>",
                                       "node1"), 1);
    assert_int_equal(drbd_locate_parse("<nodes/>", "node1"), 0);
    assert_int_equal(drbd_locate_parse("<node state=\"promoted\"", "x"), 0);
}

/* /proc/drbd of a Primary whose peer is gone and was never outdated:
 * what a split brain leaves (fencing would have outdated the peer) */
static const char proc84_alone[] =
    "version: 8.4.11 (api:1/proto:86-101)\n"
    "srcversion: 211FB288A383ED945B83420 \n"
    " 0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown   r-----\n"
    "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0\n";

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The post-promote notification \p promoted (node names) and \p
 * stopping give to r0's agent on this node in \p dir (its /proc/drbd, cached
 * minors, a fake attrd_updater); \return what it wrote to stderr */
static char *
notify_stderr(const char *dir, const char *promoted, const char *stopping)
{
    char *argv[] = { "drbd", "notify", NULL };
    char path[256];
    char *out = calloc(4096, 1);
    enum baton_res_state st = BATON_RES_UNKNOWN;
    baton_reason_t why = BATON_REASON_INIT;
    baton_ocf_t *ocf = NULL;
    FILE *f = NULL;
    int saved = dup(STDERR_FILENO);
    int fd;
    int rc;

    setenv("OCF_RESKEY_CRM_meta_notify_promoted_uname", promoted, 1);
    setenv("OCF_RESKEY_CRM_meta_notify_master_uname", promoted, 1);
    setenv("OCF_RESKEY_CRM_meta_notify_stop_uname", stopping, 1);
    snprintf(path, sizeof(path), "%s/stderr", dir);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    fflush(stderr);
    dup2(fd, STDERR_FILENO);
    close(fd);
    ocf = baton_ocf_new(&baton_drbd_agent, 2, argv, environ);
    rc = baton_ocf_dispatch(ocf, drbd_ops, &st, &why);
    baton_ocf_free(ocf);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    f = fopen(path, "r");
    assert_non_null(f);
    assert_true(fread(out, 1, 4095, f) < 4095);
    fclose(f);
    unlink(path);
    if (rc != BATON_RC_OK) {
        print_message("notify: %s (%s); stderr:\n%s", baton_rc_str(rc),
                      why.text, out);
    }
    assert_int_equal(rc, BATON_RC_OK);
    return out;
}

static void
notify_logs_both_primaries_as_a_split_brain(void **state)
{
    char dir[] = "/tmp/baton-drbd-notify-test.XXXXXX";
    char path[256];
    char cache[300];
    char both[300];
    char want[400];
    struct utsname u;
    char *out = NULL;
    static const char *const env[][2] = {
        { "OCF_RESOURCE_INSTANCE", "drbd0" },
        { "OCF_RESKEY_drbd_resource", "r0" },
        { "OCF_RESKEY_CRM_meta_on_node", "node1" },
        { "OCF_RESKEY_CRM_meta_timeout", "20000" },
        { "OCF_RESKEY_CRM_meta_clone_max", "2" },
        { "OCF_RESKEY_CRM_meta_clone_node_max", "1" },
        { "OCF_RESKEY_CRM_meta_promoted_max", "1" },
        { "OCF_RESKEY_CRM_meta_promoted_node_max", "1" },
        { "OCF_RESKEY_CRM_meta_notify", "true" },
        { "OCF_RESKEY_CRM_meta_notify_type", "post" },
        { "OCF_RESKEY_CRM_meta_notify_operation", "promote" },
        { "OCF_RESKEY_CRM_meta_notify_promote_uname", "other-node" },
        { "BATON_ATTRD_IPC", "baton-drbd-test-nobody-serves" },
    };

    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < sizeof(env) / sizeof(env[0]); i++) {
        setenv(env[i][0], env[i][1], 1);
    }
    setenv("BATON_DRBD_RUN_DIR", dir, 1);
    snprintf(path, sizeof(path), "%s/proc", dir);
    write_file(path, proc84_alone);
    setenv("BATON_DRBD_PROC", path, 1);
    /* r0 is minor 0 of this drbdconf (the cache drbdadm sh-minor fills) */
    snprintf(path, sizeof(path), "%s/drbd.conf", dir);
    write_file(path, "");
    setenv("OCF_RESKEY_drbdconf", path, 1);
    snprintf(cache, sizeof(cache), "%s\t0\t0\n", path);
    snprintf(path, sizeof(path), "%s/drbd-r0.minors", dir);
    write_file(path, cache);
    snprintf(path, sizeof(path), "%s/attrd_updater", dir);
    write_file(path, "#!/bin/sh\nexit 0\n");
    chmod(path, 0755);
    setenv("BATON_ATTRD_UPDATER", path, 1);
    baton_log_init("drbd");

    /* the agent names this node as DRBD does, by uname -n */
    assert_int_equal(uname(&u), 0);
    snprintf(both, sizeof(both), "%s other-node", u.nodename);
    snprintf(want, sizeof(want), "Split brain of r0: %s and other-node are "
             "both Primary", u.nodename);
    /* the other node promoted too, while this Primary's peer is unknown */
    out = notify_stderr(dir, both, "");
    assert_non_null(strstr(out, want));
    assert_null(strstr(out, "Outdating"));
    free(out);
    /* the other promoted node is being stopped: stale, nothing to say */
    out = notify_stderr(dir, both, "other-node");
    assert_null(strstr(out, "Split brain"));
    free(out);
    /* this node alone promoted: nothing to say */
    out = notify_stderr(dir, u.nodename, "");
    assert_null(strstr(out, "Split brain"));
    free(out);

    baton_log_fini();
    for (size_t i = 0; i < sizeof(env) / sizeof(env[0]); i++) {
        unsetenv(env[i][0]);
    }
    unsetenv("OCF_RESKEY_CRM_meta_notify_promoted_uname");
    unsetenv("OCF_RESKEY_CRM_meta_notify_master_uname");
    unsetenv("OCF_RESKEY_CRM_meta_notify_stop_uname");
    unsetenv("OCF_RESKEY_drbdconf");
    unsetenv("BATON_DRBD_RUN_DIR");
    unsetenv("BATON_DRBD_PROC");
    unsetenv("BATON_ATTRD_UPDATER");
    snprintf(path, sizeof(path), "%s/drbd-drbd0-%s.score", dir, u.nodename);
    unlink(path);
    for (const char *f = "proc\0drbd.conf\0drbd-r0.minors\0attrd_updater\0";
         *f != '\0'; f += strlen(f) + 1) {
        snprintf(path, sizeof(path), "%s/%s", dir, f);
        unlink(path);
    }
    assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(proc_version_reads_the_first_line),
        cmocka_unit_test(proc_reads_the_minors_asked_for),
        cmocka_unit_test(proc_missing_or_unconfigured_minor_is_not_there),
        cmocka_unit_test(summary_84_primary_with_peer_up_to_date),
        cmocka_unit_test(summary_84_lost_peer_and_resync_target),
        cmocka_unit_test(recorded_cut_link_scores),
        cmocka_unit_test(recorded_events2_of_eightfour),
        cmocka_unit_test(events2_nine_with_two_peers),
        cmocka_unit_test(events2_nine_lost_peer_and_quorum),
        cmocka_unit_test(events2_nine_diskless_client),
        cmocka_unit_test(events2_eightfour_matches_peer_by_name),
        cmocka_unit_test(events2_absent_or_cut_short),
        cmocka_unit_test(score_follows_drbd_utils_rules),
        cmocka_unit_test(score_consistent_transitional_and_adjusted),
        cmocka_unit_test(score_peer_primary_policies),
        cmocka_unit_test(adjust_accepts_four_nondecreasing_else_default),
        cmocka_unit_test(wfc_digits_wait_anything_else_does_not),
        cmocka_unit_test(version_is_three_numbers),
        cmocka_unit_test(peer_primary_true_unexpected_or_ignore),
        cmocka_unit_test(names_keep_drbd_utils_characters),
        cmocka_unit_test(locate_finds_a_promoted_instance_elsewhere),
        cmocka_unit_test(monitor_skips_a_score_already_written),
        cmocka_unit_test(notify_logs_both_primaries_as_a_split_brain),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
