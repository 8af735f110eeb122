/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The fence-peer handler's decisions, as crm-fence-peer.9.sh makes them:
 * under the per-resource lock, read the CIB, find the promotable clone,
 * tell whether the peers are reachable (corosync members), fenced or
 * unreachable (Pacemaker's status of the node), and by the local disk
 * states place, narrow or remove the constraint that keeps the outdated
 * side from being promoted; answer DRBD with the exit code it reads.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "baton/attrd.h"
#include "baton/child.h"
#include "baton/clock.h"
#include "baton/log.h"
#include "baton/membership.h"
#include "baton/rc.h"
#include "drbd_status.h"
#include "fence_cib.h"
#include "fence_peer.h"

#define FP_POLL_MS        2000U     /* between two looks at a peer */
#define FP_RETRY_MS       1000U     /* between two CIB updates */
#define FP_MEMBERSHIP_MS  2000U
#define FP_PROC           "/proc/drbd"

/* One run of the handler */
struct fp_run {
    struct fp_opts o;
    struct fp_env env;
    struct fp_lists lists;
    bool have_lists;
    char self[BATON_NODE_NAME_MAX];
    const char *resource;
    char prefix[FP_ID_MAX];
    char id[2 * FP_ID_MAX + 2];
    uint64_t start_ms;
    fp_cib_t *cib;
    xmlNode *xml;             /* the last CIB read */
    char master[FP_ID_MAX];
    const char *role;
    baton_membership_t *members;
    bool stonith_enabled;
    bool startup_fencing;
    struct drbd_state st;
    struct drbd_summary sum;
    int exit_code;            /* drbd_fence_peer_exit_code */
    bool all_reachable;
    bool all_fenced;
};

static unsigned
elapsed_s(const struct fp_run *r)
{
    return (unsigned) ((baton_clock_now_ms() - r->start_ms) / 1000);
}

static bool
before(const struct fp_run *r, unsigned limit_s)
{
    return elapsed_s(r) < limit_s;
}

/* ---- the CIB ----------------------------------------------------------- */

static void
set_xml(struct fp_run *r, xmlNode *xml)
{
    fp_cib_xml_free(r->xml);
    r->xml = xml;
}

/* The CIB from the DC, with ever longer timeouts (1, 2, 2, 3... s) until
 * --dc-timeout: a DC election may be going on */
static int
query_dc(struct fp_run *r)
{
    unsigned t_ds = 18;

    for (;;) {
        xmlNode *xml = NULL;
        uint64_t t0 = baton_clock_now_ms();
        int rc = fp_cib_query(r->cib, false, t_ds / 10, &xml);

        if (rc == BATON_RC_OK) {
            set_xml(r, xml);
            return BATON_RC_OK;
        }
        fp_cib_xml_free(xml);
        if (!before(r, r->o.dc_timeout_s)) {
            baton_warn("No answer from the DC's CIB within --dc-timeout=%u: "
                       "%s", r->o.dc_timeout_s, fp_cib_strerror(rc));
            return rc;
        }
        if (baton_clock_now_ms() - t0 < 1000) {
            baton_sleep_ms(1000);
        }
        t_ds = t_ds * 5 / 4;
    }
}

static xmlNode *
constraint_have(struct fp_run *r)
{
    return fp_constraint_find(r->xml, r->id);
}

static xmlNode *
constraint_new(struct fp_run *r)
{
    return fp_constraint_new(r->xml, r->prefix, r->master, r->role,
                             r->o.fencing_attribute, &r->lists);
}

/* ---- DRBD --------------------------------------------------------------- */

static char *
read_file(const char *path)
{
    FILE *f = fopen(path, "re");
    char *buf = NULL;
    size_t n = 0;

    if (f == NULL) {
        return NULL;
    }
    buf = calloc(1, 256 * 1024);
    baton_assert_alloc(buf);
    n = fread(buf, 1, (256 * 1024) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* DRBD 9: events2 --now. DRBD 8.4: /proc/drbd, never netlink, which may
 * be held by the very state change that called us */
static void
drbd_state_read(struct fp_run *r)
{
    memset(&r->st, 0, sizeof(r->st));
    if (r->env.have_mask) {
        const char *argv[] = { "drbdsetup", "events2", "--now", r->resource,
                               NULL };
        baton_child_t *c = baton_child_new(argv);

        baton_assert_alloc(c);
        baton_child_set_timeout(c, 10000);
        if (baton_child_run(c) == BATON_RC_OK) {
            drbd_events2_parse(baton_child_stdout(c, NULL), r->resource,
                               &r->st);
        } else {
            baton_warn("drbdsetup events2 %s failed", r->resource);
        }
        baton_child_free(c);
    } else {
        const char *path = getenv("BATON_DRBD_PROC");
        char *proc = read_file((path != NULL) ? path : FP_PROC);
        int minors[DRBD_MAX_VOLUMES];
        size_t n = 0;
        const char *p = (r->env.minors != NULL) ? r->env.minors : "";

        while ((n < DRBD_MAX_VOLUMES) && (*(p += strspn(p, " ")) != '\0')) {
            minors[n++] = (int) strtol(p, (char **) &p, 10);
            p += strcspn(p, " ");
        }
        if ((proc != NULL) && (n > 0)) {
            drbd_proc_parse(proc, minors, n, &r->st);
        } else {
            baton_warn("Cannot read the state of %s (%s, DRBD_MINOR=%s)",
                       r->resource, FP_PROC, baton_s(r->env.minors, ""));
        }
        free(proc);
    }
    drbd_summarize(&r->st, r->env.my_node_id, &r->sum);
}

/* ---- peers ------------------------------------------------------------------ */

static bool
member(const struct fp_run *r, const char *node)
{
    return (r->members != NULL) && baton_membership_has_name(r->members, node);
}

/* One peer: reachable (member), fenced, unreachable, or unknown after
 * waiting up to --timeout for Pacemaker to fence it */
static enum fp_peer
peer_state(struct fp_run *r, const char *peer)
{
    for (;;) {
        struct fp_node_state ns;
        enum fp_peer p;

        if (member(r, peer)) {
            return FP_PEER_REACHABLE;
        }
        fp_node_state_read(r->xml, peer, &ns);
        if (r->o.cts_mode && !ns.found) {
            baton_warn("CTS mode: taking unseen node %s as reachable", peer);
            return FP_PEER_REACHABLE;
        }
        p = fp_peer_from_state(&ns, r->stonith_enabled, r->startup_fencing);
        if (p != FP_PEER_PENDING) {
            return p;
        }
        if (!before(r, r->o.timeout_s)) {
            baton_warn("%s is still not fenced after --timeout=%u s", peer,
                       r->o.timeout_s);
            return FP_PEER_PENDING;
        }
        baton_sleep_ms(FP_POLL_MS);
        baton_membership_free(r->members);
        r->members = NULL;
        (void) baton_membership_get(FP_MEMBERSHIP_MS, &r->members);
        if (query_dc(r) != BATON_RC_OK) {
            return FP_PEER_PENDING;
        }
    }
}

/* How many nodes besides this one the CIB knows (8.4's lone peer) */
static const char *
only_other_node(struct fp_run *r)
{
    static char name[BATON_NODE_NAME_MAX];
    size_t n = 0;
    xmlNode *nodes = NULL;

    for (xmlNode *c = r->xml->children; c != NULL; c = c->next) {
        if ((c->type == XML_ELEMENT_NODE)
            && (strcmp((const char *) c->name, "configuration") == 0)) {
            for (xmlNode *d = c->children; d != NULL; d = d->next) {
                if ((d->type == XML_ELEMENT_NODE)
                    && (strcmp((const char *) d->name, "nodes") == 0)) {
                    nodes = d;
                }
            }
        }
    }
    for (xmlNode *c = (nodes != NULL) ? nodes->children : NULL; c != NULL;
         c = c->next) {
        xmlChar *u = (c->type == XML_ELEMENT_NODE)
                     ? xmlGetProp(c, (const xmlChar *) "uname") : NULL;
        xmlChar *t = (c->type == XML_ELEMENT_NODE)
                     ? xmlGetProp(c, (const xmlChar *) "type") : NULL;

        if ((u != NULL) && (strcmp((const char *) u, r->self) != 0)
            && ((t == NULL) || (strcmp((const char *) t, "ping") != 0))) {
            snprintf(name, sizeof(name), "%s", (const char *) u);
            n++;
        }
        xmlFree(u);
        xmlFree(t);
    }
    return (n == 1) ? name : NULL;
}

/* Every excluded peer: reachable? fenced? (crm-fence-peer.9.sh's
 * check_peer_node_reachable) */
static void
check_peers(struct fp_run *r)
{
    xmlNode *have = NULL;

    r->all_reachable = false;
    r->all_fenced = false;
    if (!r->env.have_mask && (r->lists.n_exclude == 0)) {
        const char *other = only_other_node(r);

        if (other != NULL) {
            snprintf(r->lists.exclude[0].name,
                     sizeof(r->lists.exclude[0].name), "%s", other);
            r->lists.exclude[0].id = 1;
            r->lists.n_exclude = 1;
        }
    }
    if (query_dc(r) != BATON_RC_OK) {
        return;
    }
    r->all_reachable = true;
    r->all_fenced = true;
    if (r->lists.n_exclude == 0) {
        /* the peer is not known: only waiting out the whole timeout gives
         * node-level fencing its chance */
        unsigned left = r->o.timeout_s - elapsed_s(r);

        if (before(r, r->o.timeout_s)) {
            baton_warn("Do not know who the peer is: waiting %u s", left);
            baton_sleep_ms(left * 1000UL);
        }
        r->all_reachable = false;
        r->all_fenced = false;
        return;
    }
    for (size_t i = 0; i < r->lists.n_exclude; i++) {
        const char *peer = r->lists.exclude[i].name;
        enum fp_peer p;

        have = constraint_have(r);
        /* already banned: what is done is done */
        if ((have != NULL) && fp_constraint_rejects(have, r->xml, peer)) {
            continue;
        }
        p = peer_state(r, peer);
        baton_info("Peer %s is %s", peer,
                   (p == FP_PEER_REACHABLE) ? "reachable"
                   : (p == FP_PEER_FENCED) ? "fenced"
                   : (p == FP_PEER_UNREACHABLE) ? "unreachable" : "unknown");
        r->all_reachable &= (p == FP_PEER_REACHABLE);
        r->all_fenced &= (p == FP_PEER_FENCED);
    }
}

/* ---- writing the constraint --------------------------------------------------- */

/* Fencing an existing constraint: remove the expressions that keep an
 * excluded node promotable; \p done when nothing was left to remove */
static int
narrow(struct fp_run *r, xmlNode *have, bool *done)
{
    xmlNode *drop[FP_MAX_NODES * 2];
    size_t n = fp_constraint_narrowing(have, r->xml, r->o.fencing_attribute,
                                       &r->lists, drop, FP_MAX_NODES * 2);
    int rc = BATON_RC_OK;

    *done = (n == 0);
    for (size_t i = 0; (i < n) && (rc == BATON_RC_OK); i++) {
        rc = fp_cib_remove(r->cib, 10, drop[i]);
    }
    return rc;
}

/* crm-fence-peer.9.sh's create_or_modify_constraint: from a fresh copy of
 * the DC's CIB, create the constraint or (fence) narrow the one there, or
 * (unfence) replace it; a lost race is retried until --timeout */
static int
place(struct fp_run *r)
{
    for (;;) {
        xmlNode *have = NULL;
        xmlNode *want = NULL;
        bool done = false;
        int rc = query_dc(r);

        if (rc != BATON_RC_OK) {
            return rc;
        }
        if ((r->members == NULL) || !baton_membership_quorate(r->members)) {
            baton_warn("No quorum: not changing the CIB");
            return BATON_RC_FAILED;
        }
        have = constraint_have(r);
        if ((have != NULL) && fp_constraint_rejects(have, r->xml, r->self)) {
            baton_warn("The constraint already rejects %s", r->self);
            return BATON_RC_FAILED;
        }
        if ((have != NULL) && (r->o.action == FP_FENCE)) {
            rc = narrow(r, have, &done);
        } else {
            want = constraint_new(r);
            rc = (have != NULL) ? fp_cib_replace(r->cib, 10, want)
                                : fp_cib_create(r->cib, 10, want);
            xmlFreeNode(want);
        }
        if (rc == BATON_RC_OK) {
            return BATON_RC_OK;
        }
        if (!before(r, r->o.timeout_s)) {
            baton_warn("Cannot update the CIB: %s", fp_cib_strerror(rc));
            return rc;
        }
        /* EEXIST: another handler created it meanwhile; read it again */
        baton_info("CIB update of %s not done (%s): trying again", r->id,
                   fp_cib_strerror(rc));
        baton_sleep_ms(FP_RETRY_MS);
    }
}

static int
remove_constraint(struct fp_run *r)
{
    xmlNode *have = constraint_have(r);
    int rc = (have != NULL) ? fp_cib_remove(r->cib, 10, have) : BATON_RC_OK;

    if (rc == BATON_RC_OK) {
        baton_notice("Removed constraint %s", r->id);
    } else {
        baton_warn("Cannot remove constraint %s: %s", r->id,
                   fp_cib_strerror(rc));
    }
    return rc;
}

/* ---- fence ------------------------------------------------------------------ */

/* crm-fence-peer.9.sh's try_place_constraint: \return true when decided
 * (r->exit_code says what), false when the CIB could not be changed */
static bool
try_place(struct fp_run *r)
{
    char disks[128];
    int code = 0;

    for (;;) {
        check_peers(r);
        if (!r->all_reachable || !before(r, r->o.net_hickup_s)) {
            break;
        }
        /* reachable: maybe the replication link comes back by itself */
        baton_sleep_ms((r->o.net_hickup_s - elapsed_s(r)) * 1000UL);
    }
    if ((r->members == NULL) || !baton_membership_quorate(r->members)) {
        baton_warn("No quorum: did not place the constraint");
        return true;
    }
    drbd_state_read(r);
    drbd_disks_str(&r->st, disks, sizeof(disks));
    if (r->sum.pdsk_all_up_to_date) {
        baton_warn("All peer disks are UpToDate: did not place the "
                   "constraint");
        return true;
    }
    if (r->sum.unconfigured) {
        baton_warn("Cannot tell my disk state: did not place the "
                   "constraint");
        return true;
    }
    if (r->all_reachable && r->sum.disk_all_consistent) {
        code = FP_EXIT_PEER_OUTDATED;
    } else if (r->all_fenced && r->sum.disk_all_up_to_date) {
        code = FP_EXIT_PEER_FENCED;
    } else if (r->sum.disk_all_up_to_date) {
        code = FP_EXIT_PEER_UNREACHABLE;
    } else if (!r->all_reachable && r->o.unreachable_peer_is_outdated
               && r->sum.disk_all_consistent) {
        baton_warn("--unreachable-peer-is-outdated: placing the constraint "
                   "with only Consistent data MAY RISK DATA INTEGRITY");
        code = FP_EXIT_PEER_UNREACHABLE;
    } else {
        baton_warn("A peer is unclean and my disk is %s: did not place the "
                   "constraint", disks);
        r->exit_code = FP_EXIT_PEER_UNREACHABLE;
        return true;
    }
    if (place(r) != BATON_RC_OK) {
        return false;
    }
    r->exit_code = code;
    baton_notice("Peers are %s, my disk is %s: placed constraint %s",
                 (code == FP_EXIT_PEER_OUTDATED) ? "reachable"
                 : (code == FP_EXIT_PEER_FENCED) ? "fenced" : "unclean",
                 disks, r->id);
    return true;
}

/* --suicide-on-failure-if-primary: have Pacemaker fence this node (or
 * reboot it ourselves) rather than go on as a Primary nobody fenced */
static void
commit_suicide(struct fp_run *r)
{
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_UPDATE, .name = "terminate", .value = "1",
        .node = r->self,
    };
    unsigned wait_s = 20;

    if (r->stonith_enabled) {
        baton_crit("Fencing %s failed while Primary: asking Pacemaker to "
                   "fence this node; reboot -f in 300 s otherwise",
                   r->resource);
        (void) baton_attrd_send(&req, NULL, NULL);
        wait_s = 300;
    } else {
        baton_crit("Fencing %s failed while Primary: reboot -f in 20 s",
                   r->resource);
    }
    baton_sleep_ms(wait_s * 1000UL);
    baton_crit("Rebooting now");
    sync();
    reboot(RB_AUTOBOOT);
}

static int
do_fence(struct fp_run *r)
{
    xmlNode *have = constraint_have(r);
    xmlNode *want = NULL;
    bool placed = false;

    fp_cluster_props(r->xml, &r->stonith_enabled, &r->startup_fencing);
    if (have == NULL) {
        placed = try_place(r);
        /* the operator, or another handler, may have raced us to it */
        if (!placed && (query_dc(r) == BATON_RC_OK)) {
            have = constraint_have(r);
        }
    }
    if (!placed && (have != NULL)) {
        want = constraint_new(r);
        if (fp_constraint_same(have, want)) {
            baton_notice("A suitable constraint is in place already: %s",
                         r->id);
            r->exit_code = FP_EXIT_PEER_OUTDATED;
            placed = true;
        } else if (fp_constraint_rejects(have, r->xml, r->self)) {
            baton_warn("Constraint %s exists and rejects this node", r->id);
        } else {
            placed = try_place(r);
            if (!placed) {
                baton_warn("Constraint %s exists and cannot be modified",
                           r->id);
            }
        }
        xmlFreeNode(want);
    }
    if (!placed) {
        baton_crit("DATA INTEGRITY at RISK: could not place the fencing "
                   "constraint %s", r->id);
    }
    if (r->o.suicide_on_failure_if_primary
        && ((r->exit_code < FP_EXIT_PEER_INCONSISTENT)
            || (r->exit_code == FP_EXIT_OUTDATE_MYSELF))) {
        drbd_state_read(r);
        if (r->sum.primary) {
            commit_suicide(r);
        }
    }
    if (!placed) {
        return FP_EXIT_FAILED;
    }
    if ((r->exit_code == FP_EXIT_PEER_INCONSISTENT)
        || (r->exit_code == FP_EXIT_PEER_OUTDATED)
        || (r->exit_code == FP_EXIT_PEER_FENCED)) {
        /* the peer may have resynced meanwhile */
        drbd_state_read(r);
        if (r->sum.pdsk_all_up_to_date) {
            baton_warn("All peer disks are UpToDate again: removing the "
                       "constraint again");
            if ((query_dc(r) == BATON_RC_OK)
                && (remove_constraint(r) == BATON_RC_OK)) {
                r->exit_code = FP_EXIT_FAILED;
            }
        }
    }
    return r->exit_code;
}

/* ---- unfence ------------------------------------------------------------------ */

static int
do_unfence(struct fp_run *r)
{
    xmlNode *have = constraint_have(r);
    xmlNode *want = NULL;

    if (have == NULL) {
        if (r->have_lists && (r->lists.n_exclude > 0)) {
            baton_warn("No constraint in place, but %s still to be "
                       "excluded", r->lists.exclude[0].name);
        } else if (!r->o.quiet) {
            baton_info("No constraint in place, nothing to do");
        }
        return FP_EXIT_OK;
    }
    drbd_state_read(r);
    if (r->o.unfence_only_if_owner_match
        && fp_constraint_rejects(have, r->xml, r->self)) {
        baton_warn("Constraint %s was not placed for this node: leaving it",
                   r->id);
        return FP_EXIT_OK;
    }
    if (r->sum.disk_all_up_to_date && r->sum.pdsk_all_up_to_date) {
        return (query_dc(r) == BATON_RC_OK) && (remove_constraint(r)
                                                == BATON_RC_OK)
               ? FP_EXIT_OK : FP_EXIT_FAILED;
    }
    if (!r->have_lists) {
        baton_warn("Not every disk is UpToDate: leaving constraint %s",
                   r->id);
        return FP_EXIT_OK;
    }
    want = constraint_new(r);
    if (fp_constraint_same(have, want)) {
        if (!r->o.quiet) {
            baton_info("The expected constraint is still in place");
        }
    } else if (place(r) != BATON_RC_OK) {
        /* only some peers resynced: let those be promoted, not all */
        baton_warn("Cannot modify constraint %s: leaving it", r->id);
    }
    xmlFreeNode(want);
    return FP_EXIT_OK;
}

/* ---- the run -------------------------------------------------------------------- */

/* The per-resource lock drbd-utils' handlers hold: fd, or -1 */
static int
take_lock(struct fp_run *r, bool *failed)
{
    char path[512];
    char res[256];
    int fd;
    uint64_t end = baton_clock_now_ms() + (r->o.flock_timeout_s * 1000ULL);

    *failed = false;
    if ((r->o.lock_file != NULL) && (strcmp(r->o.lock_file, FP_LOCK_NONE)
                                     == 0)) {
        return -1;
    }
    snprintf(res, sizeof(res), "%s", r->resource);
    for (char *p = res; *p != '\0'; p++) {
        *p = (*p == '/') ? '_' : *p;
    }
    if (r->o.lock_file == NULL) {
        snprintf(path, sizeof(path), "%s/fence.%s", r->o.lock_dir, res);
    } else if (r->o.lock_file[0] == '/') {
        snprintf(path, sizeof(path), "%s", r->o.lock_file);
    } else {
        snprintf(path, sizeof(path), "%s/%s", r->o.lock_dir, r->o.lock_file);
    }
    if ((mkdir(r->o.lock_dir, 0700) != 0) && (errno != EEXIST)) {
        baton_warn("Cannot create %s: %s", r->o.lock_dir, strerror(errno));
    }
    fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    while (fd >= 0) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            return fd;
        }
        if (baton_clock_now_ms() >= end) {
            break;
        }
        baton_sleep_ms(100);
    }
    baton_warn("Could not lock %s", path);
    if (fd >= 0) {
        close(fd);
    }
    *failed = true;
    return -1;
}

static int
run(struct fp_run *r)
{
    char why[256];
    const char *master = NULL;
    xmlNode *xml = NULL;
    int rc = fp_cib_connect((r->o.action == FP_FENCE) ? FP_PROG_FENCE
                                                      : FP_PROG_UNFENCE,
                            &r->cib);

    if (rc == BATON_RC_OK) {
        rc = fp_cib_query(r->cib, true, 10, &xml);
    }
    if (rc != BATON_RC_OK) {
        baton_err("Cannot read the CIB: %s", fp_cib_strerror(rc));
        return FP_EXIT_FAILED;
    }
    set_xml(r, xml);
    master = (r->o.master_id != NULL) ? r->o.master_id
                                      : fp_master_id(r->xml, r->resource);
    if (master == NULL) {
        baton_warn("Cannot find the promotable clone of DRBD resource %s "
                   "in the CIB", r->resource);
        return FP_EXIT_FAILED;
    }
    snprintf(r->master, sizeof(r->master), "%s", master);
    snprintf(r->id, sizeof(r->id), "%s-%s", r->prefix, r->master);
    r->role = (r->o.role != NULL) ? r->o.role : fp_role_default(r->xml);
    if ((r->o.action == FP_FENCE) || r->env.have_mask
        || r->o.unfence_only_if_owner_match) {
        if (fp_lists_setup(&r->env, r->self, &r->lists, why, sizeof(why))
            != 0) {
            baton_warn("%s", why);
            return FP_EXIT_FAILED;
        }
        r->have_lists = true;
    }
    (void) baton_membership_get(FP_MEMBERSHIP_MS, &r->members);
    return (r->o.action == FP_FENCE) ? do_fence(r) : do_unfence(r);
}

int
fp_main(int argc, char **argv, char **envp)
{
    struct fp_run *r = calloc(1, sizeof(*r));
    const char *extra_env = getenv("OCF_RESKEY_unfence_extra_args");
    char *extra = (extra_env != NULL) ? strdup(extra_env) : NULL;
    struct utsname u;
    bool lock_failed = false;
    int lock = -1;
    int code = FP_EXIT_FAILED;

    baton_assert_alloc(r);
    r->start_ms = baton_clock_now_ms();
    r->exit_code = FP_EXIT_FAILED;
    if (fp_opts_parse(argc, argv, extra, isatty(0) == 1, &r->o) != 0) {
        fprintf(stderr, "Call me as %s or %s\n", FP_PROG_FENCE,
                FP_PROG_UNFENCE);
        free(extra);
        free(r);
        return FP_EXIT_FAILED;
    }
    setenv("HA_LOGFACILITY", r->o.logfacility, 0);
    baton_log_init((r->o.action == FP_FENCE) ? FP_PROG_FENCE
                                             : FP_PROG_UNFENCE);
    fp_env_read(envp, &r->env);
    r->resource = (r->o.resource != NULL) ? r->o.resource : r->env.resource;
    if ((r->resource == NULL) || (r->resource[0] == '\0')) {
        baton_err("DRBD_RESOURCE is not set (drbdadm sets it for its "
                  "handlers)");
        goto out;
    }
    if (uname(&u) == 0) {
        snprintf(r->self, sizeof(r->self), "%s", u.nodename);
    }
    fp_id_prefix(&r->o, r->resource, r->prefix, sizeof(r->prefix));
    if (!r->o.quiet) {
        baton_notice("%s %s: DRBD_PEER=%s DRBD_MY_NODE_ID=%d "
                     "UP_TO_DATE_NODES=%s%x", r->o.action == FP_FENCE
                     ? "fence" : "unfence", r->resource,
                     baton_s(r->env.peer, ""), r->env.my_node_id,
                     r->env.have_mask ? "0x" : "(none) ",
                     r->env.up_to_date);
    }
    lock = take_lock(r, &lock_failed);
    if (lock_failed && r->o.flock_required) {
        goto out;
    }
    code = run(r);
    if (!r->o.quiet || (code != FP_EXIT_OK)) {
        baton_notice("%s %s: exit %d after %u s", r->o.action == FP_FENCE
                     ? "fence" : "unfence", r->resource, code,
                     elapsed_s(r));
    }
out:
    if (lock >= 0) {
        close(lock);
    }
    set_xml(r, NULL);
    fp_cib_free(r->cib);
    baton_membership_free(r->members);
    baton_log_fini();
    free(extra);
    free(r);
    return code;
}
