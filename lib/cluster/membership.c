/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Cluster membership and quorum from corosync's client libraries: the
 * quorum service's current view (members and quorate), cmap (the names in
 * the nodelist, and the local node id), cpg only for the local node id when
 * cmap lacks it. Each client follows corosync's life cycle: initialize,
 * use, finalize; each costs a connection corosync sets up (about 2 ms on a
 * 2-core machine), hence as few as the answer needs. The three libraries
 * are loaded (baton/dynlib.h) when membership is first read, not at every
 * exec of an agent that may not read it.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <corosync/cmap.h>
#include <corosync/corotypes.h>
#include <corosync/cpg.h>
#include <corosync/quorum.h>

#include "baton/clock.h"
#include "baton/dynlib.h"
#include "baton/membership.h"
#include "baton/rc.h"

/* More members than corosync supports (its limit is 384 in 3.1) */
#define MEMBERSHIP_MAX 1024
#define NODELIST_PREFIX "nodelist.node."
#define NODELIST_ID_SUFFIX ".nodeid"
/* votequorum's own node id (corosync 2.x to 3.1.9 at least) */
#define CMAP_THIS_NODE_ID "runtime.votequorum.this_node_id"
/* The nodelist entry corosync found its own address in */
#define CMAP_LOCAL_NODE_POS "nodelist.local_node_pos"

struct baton_membership_s {
    bool quorate;
    uint32_t local_id;
    size_t n;
    struct baton_member members[];
};

/* corosync's client calls, resolved when membership is first read */
static struct {
    bool tried;
    int rc;
    __typeof__(quorum_initialize) *quorum_initialize;
    __typeof__(quorum_context_set) *quorum_context_set;
    __typeof__(quorum_context_get) *quorum_context_get;
    __typeof__(quorum_trackstart) *quorum_trackstart;
    __typeof__(quorum_fd_get) *quorum_fd_get;
    __typeof__(quorum_dispatch) *quorum_dispatch;
    __typeof__(quorum_finalize) *quorum_finalize;
    __typeof__(cmap_initialize) *cmap_initialize;
    __typeof__(cmap_finalize) *cmap_finalize;
    __typeof__(cmap_iter_init) *cmap_iter_init;
    __typeof__(cmap_iter_next) *cmap_iter_next;
    __typeof__(cmap_iter_finalize) *cmap_iter_finalize;
    __typeof__(cmap_get_uint32) *cmap_get_uint32;
    __typeof__(cmap_get_string) *cmap_get_string;
    __typeof__(cpg_initialize) *cpg_initialize;
    __typeof__(cpg_local_get) *cpg_local_get;
    __typeof__(cpg_finalize) *cpg_finalize;
} corosync;

#define CS_SYM(f) { #f, (void **) &corosync.f }
#define CS_N(a) (sizeof(a) / sizeof((a)[0]))

static int
cs_load(void)
{
    static const struct baton_dynsym quorum[] = {
        CS_SYM(quorum_initialize),
        CS_SYM(quorum_context_set),
        CS_SYM(quorum_context_get),
        CS_SYM(quorum_trackstart),
        CS_SYM(quorum_fd_get),
        CS_SYM(quorum_dispatch),
        CS_SYM(quorum_finalize),
    };
    static const struct baton_dynsym cmap[] = {
        CS_SYM(cmap_initialize),
        CS_SYM(cmap_finalize),
        CS_SYM(cmap_iter_init),
        CS_SYM(cmap_iter_next),
        CS_SYM(cmap_iter_finalize),
        CS_SYM(cmap_get_uint32),
        CS_SYM(cmap_get_string),
    };
    static const struct baton_dynsym cpg[] = {
        CS_SYM(cpg_initialize),
        CS_SYM(cpg_local_get),
        CS_SYM(cpg_finalize),
    };

    if (!corosync.tried) {
        corosync.tried = true;
        corosync.rc = baton_dynlib_resolve(BATON_QUORUM_SONAME, quorum,
                                     CS_N(quorum));
        if (corosync.rc == BATON_RC_OK) {
            corosync.rc = baton_dynlib_resolve(BATON_CMAP_SONAME, cmap,
                                         CS_N(cmap));
        }
        if (corosync.rc == BATON_RC_OK) {
            corosync.rc = baton_dynlib_resolve(BATON_CPG_SONAME, cpg,
                                         CS_N(cpg));
        }
    }
    return corosync.rc;
}

/* What the quorum callback saw */
struct quorum_view {
    bool seen;
    bool quorate;
    size_t n;
    uint32_t ids[MEMBERSHIP_MAX];
};

int
baton_rc_from_cs(int cs)
{
    switch (cs) {
        case CS_OK:               return BATON_RC_OK;
        case CS_ERR_LIBRARY:      return ECONNREFUSED;
        case CS_ERR_TIMEOUT:      return BATON_RC_TIMEOUT;
        case CS_ERR_TRY_AGAIN:    return EAGAIN;
        case CS_ERR_NOT_EXIST:    return ENOENT;
        case CS_ERR_ACCESS:       return EACCES;
        case CS_ERR_NO_MEMORY:    return ENOMEM;
        case CS_ERR_INVALID_PARAM: return EINVAL;
        default:                  return BATON_RC_PROTOCOL;
    }
}

static baton_membership_t *
membership_new(size_t n)
{
    baton_membership_t *m = calloc(1, sizeof(*m)
                                      + n * sizeof(struct baton_member));

    baton_assert_alloc(m);
    m->n = n;
    return m;
}

void
baton_membership_free(baton_membership_t *m)
{
    free(m);
}

bool
baton_membership_quorate(const baton_membership_t *m)
{
    return (m != NULL) && m->quorate;
}

size_t
baton_membership_n(const baton_membership_t *m)
{
    return (m == NULL) ? 0 : m->n;
}

const struct baton_member *
baton_membership_at(const baton_membership_t *m, size_t i)
{
    return ((m == NULL) || (i >= m->n)) ? NULL : &m->members[i];
}

uint32_t
baton_membership_local_id(const baton_membership_t *m)
{
    return (m == NULL) ? 0 : m->local_id;
}

const char *
baton_membership_local_name(const baton_membership_t *m)
{
    for (size_t i = 0; i < baton_membership_n(m); i++) {
        if ((m->members[i].id == m->local_id)
            && (m->members[i].name[0] != '\0')) {
            return m->members[i].name;
        }
    }
    return NULL;
}

bool
baton_membership_has_name(const baton_membership_t *m, const char *name)
{
    if ((name == NULL) || (name[0] == '\0')) {
        return false;
    }
    for (size_t i = 0; i < baton_membership_n(m); i++) {
        if (strcmp(m->members[i].name, name) == 0) {
            return true;
        }
    }
    return false;
}

baton_membership_t *
baton_membership_from_names(const char *names, bool quorate)
{
    static const char sep[] = " \t,";
    size_t n = 0;
    const char *p = names;
    baton_membership_t *m = NULL;

    while ((p != NULL) && (*(p += strspn(p, sep)) != '\0')) {
        n++;
        p += strcspn(p, sep);
    }
    m = membership_new(n);
    m->quorate = quorate;
    m->local_id = (n > 0) ? 1 : 0;
    p = names;
    for (size_t i = 0; i < n; i++) {
        size_t len;

        p += strspn(p, sep);
        len = strcspn(p, sep);
        m->members[i].id = (uint32_t) i + 1;
        snprintf(m->members[i].name, sizeof(m->members[i].name), "%.*s",
                 (int) len, p);
        p += len;
    }
    return m;
}

/* ---- quorum: who is in this partition, and is it quorate ---------------- */

static void
on_quorum(quorum_handle_t handle, uint32_t quorate, uint64_t ring_seq,
          uint32_t n, uint32_t *ids)
{
    struct quorum_view *view = NULL;

    (void) ring_seq;
    if (corosync.quorum_context_get(handle, (const void **) &view) != CS_OK
        || (view == NULL)) {
        return;
    }
    view->seen = true;
    view->quorate = (quorate != 0);
    view->n = (n > MEMBERSHIP_MAX) ? MEMBERSHIP_MAX : n;
    memcpy(view->ids, ids, view->n * sizeof(view->ids[0]));
}

/* Ask for the current view and wait for it, polled to the deadline */
static int
wait_view(quorum_handle_t h, struct quorum_view *view, uint64_t deadline)
{
    int fd = -1;
    int rc = baton_rc_from_cs(corosync.quorum_trackstart(h, CS_TRACK_CURRENT));

    if (rc == BATON_RC_OK) {
        rc = baton_rc_from_cs(corosync.quorum_fd_get(h, &fd));
    }
    while ((rc == BATON_RC_OK) && !view->seen) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        uint64_t now = baton_clock_now_ms();
        int n;

        if (now >= deadline) {
            rc = BATON_RC_TIMEOUT;
            break;
        }
        n = poll(&pfd, 1, (int) (deadline - now));
        if ((n < 0) && (errno != EINTR)) {
            rc = errno;
        } else if (n > 0) {
            rc = baton_rc_from_cs(corosync.quorum_dispatch(h,
                                                           CS_DISPATCH_ONE));
        }
    }
    return rc;
}

static int
read_quorum(struct quorum_view *view, uint64_t deadline)
{
    quorum_callbacks_t cb = { .quorum_notify_fn = on_quorum };
    quorum_handle_t h = 0;
    uint32_t type = 0;
    int rc = baton_rc_from_cs(corosync.quorum_initialize(&h, &cb, &type));

    if (rc != BATON_RC_OK) {
        return rc;
    }
    rc = baton_rc_from_cs(corosync.quorum_context_set(h, view));
    if (rc == BATON_RC_OK) {
        rc = wait_view(h, view, deadline);
    }
    corosync.quorum_finalize(h);
    return rc;
}

/* ---- cpg: the local node id, when cmap lacks it -------------------------- */

static int
read_local_id(uint32_t *id)
{
    cpg_callbacks_t cb = { 0 };
    cpg_handle_t h = 0;
    unsigned int nodeid = 0;
    int rc = baton_rc_from_cs(corosync.cpg_initialize(&h, &cb));

    if (rc != BATON_RC_OK) {
        return rc;
    }
    rc = baton_rc_from_cs(corosync.cpg_local_get(h, &nodeid));
    if (rc == BATON_RC_OK) {
        *id = nodeid;
    }
    corosync.cpg_finalize(h);
    return rc;
}

/* ---- cmap: the names in the nodelist, the local node id ------------------- */

/* The name of the nodelist entry whose id key is \p id_key */
static void
entry_name(cmap_handle_t h, const char *id_key, struct baton_member *member)
{
    static const char *const keys[] = { "name", "ring0_addr" };
    size_t plen = strlen(id_key) - strlen(NODELIST_ID_SUFFIX);

    for (size_t k = 0; k < 2; k++) {
        char key[CMAP_KEYNAME_MAXLEN + 1];
        char *value = NULL;

        snprintf(key, sizeof(key), "%.*s.%s", (int) plen, id_key, keys[k]);
        if (corosync.cmap_get_string(h, key, &value) == CS_OK) {
            snprintf(member->name, sizeof(member->name), "%s", value);
            free(value);
            return;
        }
    }
}

static bool
is_id_key(const char *key)
{
    size_t len = strlen(key);
    size_t slen = strlen(NODELIST_ID_SUFFIX);

    return (len > slen) && (strcmp(key + len - slen, NODELIST_ID_SUFFIX) == 0);
}

/* This node's id as cmap knows it: votequorum's, else the id of the
 * nodelist entry corosync found its address in; 0 when neither is there
 * (another quorum provider without a nodelist) */
static uint32_t
cmap_local_id(cmap_handle_t h)
{
    char key[CMAP_KEYNAME_MAXLEN + 1];
    uint32_t id = 0;
    uint32_t pos = 0;

    if ((corosync.cmap_get_uint32(h, CMAP_THIS_NODE_ID, &id) == CS_OK)
        && (id != 0)) {
        return id;
    }
    id = 0;
    if (corosync.cmap_get_uint32(h, CMAP_LOCAL_NODE_POS, &pos) == CS_OK) {
        snprintf(key, sizeof(key), NODELIST_PREFIX "%" PRIu32
                 NODELIST_ID_SUFFIX, pos);
        if (corosync.cmap_get_uint32(h, key, &id) != CS_OK) {
            id = 0;
        }
    }
    return id;
}

/* Fill in the name of every member the nodelist knows, and the local id */
static int
read_cmap(baton_membership_t *m)
{
    cmap_handle_t h = 0;
    cmap_iter_handle_t it = 0;
    char key[CMAP_KEYNAME_MAXLEN + 1];
    int rc = baton_rc_from_cs(corosync.cmap_initialize(&h));

    if (rc != BATON_RC_OK) {
        return rc;
    }
    m->local_id = cmap_local_id(h);
    rc = baton_rc_from_cs(corosync.cmap_iter_init(h, NODELIST_PREFIX, &it));
    if (rc != BATON_RC_OK) {
        goto err_finalize;
    }
    while (corosync.cmap_iter_next(h, it, key, NULL, NULL) == CS_OK) {
        uint32_t id = 0;

        if (!is_id_key(key)
            || (corosync.cmap_get_uint32(h, key, &id) != CS_OK)) {
            continue;
        }
        for (size_t i = 0; i < m->n; i++) {
            if (m->members[i].id == id) {
                entry_name(h, key, &m->members[i]);
            }
        }
    }
    corosync.cmap_iter_finalize(h, it);
err_finalize:
    corosync.cmap_finalize(h);
    return rc;
}

int
baton_membership_get(unsigned timeout_ms, baton_membership_t **out)
{
    uint64_t deadline = baton_clock_now_ms() + timeout_ms;
    struct quorum_view *view = NULL;
    baton_membership_t *m = NULL;
    int rc;

    if (out == NULL) {
        return EINVAL;
    }
    *out = NULL;
    rc = cs_load();
    if (rc != BATON_RC_OK) {
        return rc;
    }
    view = calloc(1, sizeof(*view));
    baton_assert_alloc(view);
    rc = read_quorum(view, deadline);
    if (rc != BATON_RC_OK) {
        goto err_free_view;
    }
    m = membership_new(view->n);
    m->quorate = view->quorate;
    for (size_t i = 0; i < view->n; i++) {
        m->members[i].id = view->ids[i];
    }
    rc = read_cmap(m);
    if ((rc == BATON_RC_OK) && (m->local_id == 0)) {
        rc = read_local_id(&m->local_id);
    }
    if (rc != BATON_RC_OK) {
        baton_membership_free(m);
        goto err_free_view;
    }
    *out = m;
err_free_view:
    free(view);
    return rc;
}
