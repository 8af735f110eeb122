/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of lib/cluster/membership.c against a recorded corosync: the
 * quorum, cpg and cmap client calls are this program's own functions of
 * the same names (exported, so membership.c resolves them instead of
 * loading corosync's libraries), which answer from a table set by each
 * test; cpg is asked only when cmap does not know the local node id.
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
#include <unistd.h>
#include <corosync/cmap.h>
#include <corosync/cpg.h>
#include <corosync/quorum.h>

#include "baton/membership.h"
#include "baton/rc.h"

/* ---- the recorded corosync ---------------------------------------------- */

struct fake_node {
    const char *index;      /* nodelist.node.<index> */
    uint32_t id;
    const char *name;       /* NULL: no name key */
    const char *ring0;      /* NULL: no ring0_addr key */
};

static struct {
    cs_error_t init;         /* quorum_initialize's result */
    bool answer;             /* the view arrives */
    uint32_t quorate;
    uint32_t ids[8];
    uint32_t n_ids;
    uint32_t local_id;       /* what cpg answers */
    uint32_t this_node_id;   /* runtime.votequorum.this_node_id, 0: none */
    int local_pos;           /* nodelist.local_node_pos, -1: none */
    int cpg_calls;
    const struct fake_node *nodes;
    size_t n_nodes;
    size_t iter_pos;
    int pipe[2];
    quorum_callbacks_t cb;
    const void *context;
    int finalized;           /* quorum + cpg + cmap finalize calls */
} fake;

cs_error_t
quorum_initialize(quorum_handle_t *h, quorum_callbacks_t *cb,
                         uint32_t *type)
{
    *h = 7;
    *type = 1;
    fake.cb = *cb;
    return fake.init;
}

cs_error_t
quorum_context_set(quorum_handle_t h, const void *ctx)
{
    fake.context = ctx;
    return CS_OK;
}

cs_error_t
quorum_context_get(quorum_handle_t h, const void **ctx)
{
    *ctx = fake.context;
    return CS_OK;
}

cs_error_t
quorum_trackstart(quorum_handle_t h, unsigned int flags)
{
    assert_int_equal(flags, CS_TRACK_CURRENT);
    if (fake.answer) {
        /* corosync makes the fd readable when the view is queued */
        assert_int_equal(write(fake.pipe[1], "x", 1), 1);
    }
    return CS_OK;
}

cs_error_t
quorum_fd_get(quorum_handle_t h, int *fd)
{
    *fd = fake.pipe[0];
    return CS_OK;
}

cs_error_t
quorum_dispatch(quorum_handle_t h, cs_dispatch_flags_t flags)
{
    char c;

    assert_int_equal(read(fake.pipe[0], &c, 1), 1);
    fake.cb.quorum_notify_fn(h, fake.quorate, 42, fake.n_ids, fake.ids);
    return CS_OK;
}

cs_error_t
quorum_finalize(quorum_handle_t h)
{
    fake.finalized++;
    return CS_OK;
}

cs_error_t
cpg_initialize(cpg_handle_t *h, cpg_callbacks_t *cb)
{
    *h = 8;
    fake.cpg_calls++;
    return CS_OK;
}

cs_error_t
cpg_local_get(cpg_handle_t h, unsigned int *id)
{
    *id = fake.local_id;
    return CS_OK;
}

cs_error_t
cpg_finalize(cpg_handle_t h)
{
    fake.finalized++;
    return CS_OK;
}

cs_error_t
cmap_initialize(cmap_handle_t *h)
{
    *h = 9;
    return CS_OK;
}

cs_error_t
cmap_finalize(cmap_handle_t h)
{
    fake.finalized++;
    return CS_OK;
}

cs_error_t
cmap_iter_init(cmap_handle_t h, const char *prefix,
                      cmap_iter_handle_t *it)
{
    assert_string_equal(prefix, "nodelist.node.");
    fake.iter_pos = 0;
    *it = 10;
    return CS_OK;
}

/* Keys in cmap's order: every key of each node (nodeid, name, ring0) */
cs_error_t
cmap_iter_next(cmap_handle_t h, cmap_iter_handle_t it, char *key,
                      size_t *len, cmap_value_types_t *type)
{
    static const char *const kinds[] = { "name", "nodeid", "ring0_addr" };
    size_t node = fake.iter_pos / 3;

    if (node >= fake.n_nodes) {
        return CS_ERR_NO_SECTIONS;
    }
    snprintf(key, CMAP_KEYNAME_MAXLEN, "nodelist.node.%s.%s",
             fake.nodes[node].index, kinds[fake.iter_pos % 3]);
    fake.iter_pos++;
    return CS_OK;
}

cs_error_t
cmap_iter_finalize(cmap_handle_t h, cmap_iter_handle_t it)
{
    return CS_OK;
}

static const struct fake_node *
node_of(const char *key, const char **what)
{
    for (size_t i = 0; i < fake.n_nodes; i++) {
        char prefix[64];
        size_t plen;

        plen = (size_t) snprintf(prefix, sizeof(prefix), "nodelist.node.%s.",
                                 fake.nodes[i].index);
        if (strncmp(key, prefix, plen) == 0) {
            *what = key + plen;
            return &fake.nodes[i];
        }
    }
    return NULL;
}

cs_error_t
cmap_get_uint32(cmap_handle_t h, const char *key, uint32_t *v)
{
    const char *what = NULL;
    const struct fake_node *n = node_of(key, &what);

    if ((strcmp(key, "runtime.votequorum.this_node_id") == 0)
        && (fake.this_node_id != 0)) {
        *v = fake.this_node_id;
        return CS_OK;
    }
    if ((strcmp(key, "nodelist.local_node_pos") == 0)
        && (fake.local_pos >= 0)) {
        *v = (uint32_t) fake.local_pos;
        return CS_OK;
    }
    if ((n == NULL) || (strcmp(what, "nodeid") != 0)) {
        return CS_ERR_NOT_EXIST;
    }
    *v = n->id;
    return CS_OK;
}

cs_error_t
cmap_get_string(cmap_handle_t h, const char *key, char **v)
{
    const char *what = NULL;
    const struct fake_node *n = node_of(key, &what);
    const char *s = NULL;

    if (n != NULL) {
        s = (strcmp(what, "name") == 0) ? n->name
            : (strcmp(what, "ring0_addr") == 0) ? n->ring0 : NULL;
    }
    if (s == NULL) {
        return CS_ERR_NOT_EXIST;
    }
    *v = strdup(s);
    return CS_OK;
}

static const struct fake_node three[] = {
    { "0", 1, "node1", "10.0.0.1" },
    { "1", 2, "node2", "10.0.0.2" },
    { "2", 3, NULL, "10.0.0.3" },
};

static int
setup(void **state)
{
    memset(&fake, 0, sizeof(fake));
    assert_int_equal(pipe(fake.pipe), 0);
    fake.init = CS_OK;
    fake.answer = true;
    fake.nodes = three;
    fake.n_nodes = 3;
    fake.local_pos = -1;
    return 0;
}

static int
teardown(void **state)
{
    close(fake.pipe[0]);
    close(fake.pipe[1]);
    return 0;
}

/* ---- the tests ----------------------------------------------------------- */

static void
cs_ok_is_one_and_maps_to_ok(void **state)
{
    assert_int_equal(CS_OK, 1);
    assert_int_equal(baton_rc_from_cs(CS_OK), BATON_RC_OK);
    assert_int_equal(baton_rc_from_cs(CS_ERR_LIBRARY), ECONNREFUSED);
    assert_int_equal(baton_rc_from_cs(CS_ERR_TRY_AGAIN), EAGAIN);
    assert_int_equal(baton_rc_from_cs(CS_ERR_TIMEOUT), BATON_RC_TIMEOUT);
    assert_int_equal(baton_rc_from_cs(0), BATON_RC_PROTOCOL);
}

static void
get_reads_members_names_quorum_and_local_id(void **state)
{
    baton_membership_t *m = NULL;

    fake.quorate = 1;
    fake.ids[0] = 1;
    fake.ids[1] = 3;
    fake.n_ids = 2;
    fake.local_id = 3;
    assert_int_equal(baton_membership_get(1000, &m), BATON_RC_OK);
    assert_non_null(m);
    assert_true(baton_membership_quorate(m));
    assert_int_equal(baton_membership_n(m), 2);
    assert_int_equal(baton_membership_at(m, 0)->id, 1);
    assert_string_equal(baton_membership_at(m, 0)->name, "node1");
    /* no name in the nodelist: ring0_addr */
    assert_string_equal(baton_membership_at(m, 1)->name, "10.0.0.3");
    assert_null(baton_membership_at(m, 2));
    assert_int_equal(baton_membership_local_id(m), 3);
    assert_string_equal(baton_membership_local_name(m), "10.0.0.3");
    assert_true(baton_membership_has_name(m, "node1"));
    /* node2 is configured but not a member of this partition */
    assert_false(baton_membership_has_name(m, "node2"));
    assert_false(baton_membership_has_name(m, ""));
    assert_int_equal(fake.finalized, 3);
    baton_membership_free(m);
}

static void
get_reads_local_id_from_cmap_without_cpg(void **state)
{
    baton_membership_t *m = NULL;

    fake.quorate = 1;
    fake.ids[0] = 1;
    fake.ids[1] = 2;
    fake.n_ids = 2;
    fake.local_id = 1;          /* cpg would say node1: not asked */
    fake.this_node_id = 2;
    assert_int_equal(baton_membership_get(1000, &m), BATON_RC_OK);
    assert_int_equal(baton_membership_local_id(m), 2);
    assert_string_equal(baton_membership_local_name(m), "node2");
    assert_int_equal(fake.cpg_calls, 0);
    assert_int_equal(fake.finalized, 2);
    baton_membership_free(m);

    /* no votequorum: the nodelist entry corosync found its address in */
    fake.this_node_id = 0;
    fake.local_pos = 1;
    fake.finalized = 0;
    assert_int_equal(baton_membership_get(1000, &m), BATON_RC_OK);
    assert_int_equal(baton_membership_local_id(m), 2);
    assert_int_equal(fake.cpg_calls, 0);
    assert_int_equal(fake.finalized, 2);
    baton_membership_free(m);

    /* neither: cpg */
    fake.local_pos = -1;
    assert_int_equal(baton_membership_get(1000, &m), BATON_RC_OK);
    assert_int_equal(baton_membership_local_id(m), 1);
    assert_int_equal(fake.cpg_calls, 1);
    baton_membership_free(m);
}

static void
get_reports_lost_quorum(void **state)
{
    baton_membership_t *m = NULL;

    fake.quorate = 0;
    fake.ids[0] = 2;
    fake.n_ids = 1;
    fake.local_id = 2;
    assert_int_equal(baton_membership_get(1000, &m), BATON_RC_OK);
    assert_false(baton_membership_quorate(m));
    assert_int_equal(baton_membership_n(m), 1);
    assert_string_equal(baton_membership_local_name(m), "node2");
    baton_membership_free(m);
}

static void
get_without_corosync_is_connection_refused(void **state)
{
    baton_membership_t *m = (baton_membership_t *) &fake;

    fake.init = CS_ERR_LIBRARY;
    assert_int_equal(baton_membership_get(1000, &m), ECONNREFUSED);
    assert_null(m);
}

static void
get_times_out_when_no_view_arrives(void **state)
{
    baton_membership_t *m = NULL;

    fake.answer = false;
    assert_int_equal(baton_membership_get(100, &m), BATON_RC_TIMEOUT);
    assert_null(m);
    assert_int_equal(fake.finalized, 1);
}

static void
from_names_builds_a_membership(void **state)
{
    baton_membership_t *m = baton_membership_from_names(" a, bb  c ", true);

    assert_int_equal(baton_membership_n(m), 3);
    assert_string_equal(baton_membership_at(m, 1)->name, "bb");
    assert_string_equal(baton_membership_local_name(m), "a");
    assert_true(baton_membership_quorate(m));
    assert_true(baton_membership_has_name(m, "c"));
    baton_membership_free(m);
    m = baton_membership_from_names("", false);
    assert_int_equal(baton_membership_n(m), 0);
    assert_null(baton_membership_local_name(m));
    baton_membership_free(m);
    baton_membership_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cs_ok_is_one_and_maps_to_ok),
        cmocka_unit_test_setup_teardown(
            get_reads_members_names_quorum_and_local_id, setup, teardown),
        cmocka_unit_test_setup_teardown(
            get_reads_local_id_from_cmap_without_cpg, setup, teardown),
        cmocka_unit_test_setup_teardown(get_reports_lost_quorum, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            get_without_corosync_is_connection_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(get_times_out_when_no_view_arrives,
                                        setup, teardown),
        cmocka_unit_test(from_names_builds_a_membership),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
