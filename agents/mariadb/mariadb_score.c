/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:mariadb: node attributes, promotion scores and the election.
 * Each replica scores itself from its own health; at promotion every
 * candidate publishes its GTID position in a private attribute, and the
 * node Pacemaker chose checks that it holds everything the others hold,
 * domain by domain, with every wait for a peer bounded and nodes that left
 * the membership ignored.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton/attr_record.h"
#include "baton/child.h"
#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "baton/rsc_attrs.h"
#include "baton/rundir.h"
#include "mariadb.h"

#define MARIA_ATTR_GTID      "gtid"
#define MARIA_ATTR_NODES     "nodes"
#define MARIA_ATTR_PRIMARY   "primary"
#define MARIA_ATTR_SERVER_ID "server_id"
#define MARIA_ATTRD_MS       5000U
/*! How long the promoting node waits for its peers' positions */
#define MARIA_PEER_WAIT_MS   10000U
/*! How long it waits to receive what a peer has and it lacks */
#define MARIA_CATCHUP_MS     30000U
/*! A recorded score is written again after this long anyway */
#define MARIA_SCORE_REFRESH_S 300

/* The resource's attributes within this action: the deadline less the
 * agent's margin, the tests' membership */
static struct baton_rsc_attrs
maria_attrs(const struct maria_ctx *ctx)
{
    struct baton_rsc_attrs ra = {
        .rsc = ctx->rsc, .origin = "baton-mariadb",
        .deadline_ms = baton_clock_now_ms() + maria_ms_left(ctx),
        .members_env = MARIA_ENV_MEMBERS,
    };

    return ra;
}

/* ---- what this node last wrote (to skip writing it again) --------------- */

static void
record_path(const struct maria_ctx *ctx, const char *what, char *buf,
            size_t size)
{
    snprintf(buf, size, BATON_RUN_DIR "/mariadb-%s-%s.%s", ctx->rsc,
             ctx->node, what);
}

/* Whether \p value is what was last written, not long ago */
static bool
recorded(const struct maria_ctx *ctx, const char *what, const char *value)
{
    char path[512];

    record_path(ctx, what, path, sizeof(path));
    return baton_attr_record_holds(path, value, MARIA_SCORE_REFRESH_S);
}

void
maria_record(const struct maria_ctx *ctx, const char *what,
             const char *value)
{
    char path[512];

    record_path(ctx, what, path, sizeof(path));
    (void) baton_attr_record_set(path, value, 0);
}

static int
score_write(struct maria_ctx *ctx, const char *node, const char *value)
{
    struct baton_rsc_attrs ra = maria_attrs(ctx);
    int rc = baton_rsc_score_set(&ra, node, value);

    if (rc != BATON_RC_OK) {
        baton_warn("Cannot set the promotion score of %s: %s",
                   baton_s(node, ctx->node), baton_rc_str(rc));
    }
    return rc;
}

/* This node's score through its record (none is sent when it holds the
 * value), with the pacemaker-attrd that took it; NULL removes both */
static int
own_score_update(struct maria_ctx *ctx, const char *value)
{
    struct baton_rsc_attrs ra = maria_attrs(ctx);
    char path[512];
    int rc;

    record_path(ctx, "score", path, sizeof(path));
    rc = baton_rsc_score_update(&ra, path, value);
    if (rc != BATON_RC_OK) {
        baton_warn("Cannot set the promotion score of %s: %s", ctx->node,
                   baton_rc_str(rc));
    }
    return rc;
}

int
maria_score_set(struct maria_ctx *ctx, const char *node, int score)
{
    char value[16];

    snprintf(value, sizeof(value), "%d", score);
    return (node == NULL) ? own_score_update(ctx, value)
                          : score_write(ctx, node, value);
}

int
maria_score_del(struct maria_ctx *ctx)
{
    return own_score_update(ctx, NULL);
}

bool
maria_record_read(const struct maria_ctx *ctx, const char *what, char *buf,
                  size_t size)
{
    char path[512];
    FILE *f = NULL;
    bool found = false;

    buf[0] = '\0';
    record_path(ctx, what, path, sizeof(path));
    f = fopen(path, "re");
    if (f != NULL) {
        found = (fgets(buf, (int) size, f) != NULL);
        fclose(f);
    }
    return found;
}

#define MARIA_REC_HOLD "hold"

/* "SCORE TEXT": the score held and why */
void
maria_hold(struct maria_ctx *ctx, int score, const char *why)
{
    char line[BATON_REASON_MAX];

    snprintf(line, sizeof(line), "%d %s", score, why);
    maria_record(ctx, MARIA_REC_HOLD, line);
    maria_score_set(ctx, NULL, score);
}

void
maria_release(struct maria_ctx *ctx)
{
    maria_record(ctx, MARIA_REC_HOLD, NULL);
}

int
maria_held(const struct maria_ctx *ctx, char *why, size_t size)
{
    char line[BATON_REASON_MAX];
    char *text = NULL;
    long score = 0;

    if (!maria_record_read(ctx, MARIA_REC_HOLD, line, sizeof(line))) {
        return 0;
    }
    score = strtol(line, &text, 10);
    if ((why != NULL) && (size > 0)) {
        snprintf(why, size, "%s", (*text == ' ') ? text + 1 : text);
    }
    return (int) score;
}

int
maria_replica_score(const struct maria_ctx *ctx)
{
    int held = maria_held(ctx, NULL, 0);

    return (held != 0) ? held : MARIA_SCORE_REPLICA;
}

int
maria_reader_set(struct maria_ctx *ctx, bool readable)
{
    const char *value = readable ? "1" : "0";
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_UPDATE, .name = ctx->conf.reader_attribute,
        .value = value,
    };
    struct baton_rsc_attrs ra = maria_attrs(ctx);
    int rc;

    if (recorded(ctx, "reader", value)) {
        return BATON_RC_OK;
    }
    rc = baton_rsc_attrd_send(&ra, &req);
    if (rc == BATON_RC_OK) {
        maria_record(ctx, "reader", value);
    } else {
        baton_warn("Cannot set %s to %s: %s", ctx->conf.reader_attribute,
                   value, baton_rc_str(rc));
    }
    return rc;
}

int
maria_attr_set(struct maria_ctx *ctx, const char *name, const char *value)
{
    struct baton_rsc_attrs ra = maria_attrs(ctx);

    return baton_rsc_attr_set(&ra, name, value);
}

int
maria_attr_del(struct maria_ctx *ctx, const char *name)
{
    struct baton_rsc_attrs ra = maria_attrs(ctx);

    return baton_rsc_attr_del(&ra, name);
}

int
maria_attr_get(struct maria_ctx *ctx, const char *name, const char *node,
               char **value)
{
    struct baton_rsc_attrs ra = maria_attrs(ctx);

    return baton_rsc_attr_get(&ra, name, node, value);
}

baton_membership_t *
maria_members(struct maria_ctx *ctx)
{
    struct baton_rsc_attrs ra = maria_attrs(ctx);

    return baton_rsc_members(&ra);
}

/* ---- the primary, server ids -------------------------------------------- */

char *
maria_find_primary(struct maria_ctx *ctx, const struct baton_notify *n)
{
    const char *p = baton_notify_first(n, BATON_NOTIFY_PROMOTED);
    baton_membership_t *m = NULL;
    char *found = NULL;

    if (p != NULL) {
        found = (strcmp(p, ctx->node) != 0) ? strdup(p) : NULL;
        return found;
    }
    m = maria_members(ctx);
    for (size_t i = 0; (m != NULL) && (i < baton_membership_n(m))
                       && (found == NULL); i++) {
        const char *name = baton_membership_at(m, i)->name;
        char *v = NULL;

        if ((name[0] == '\0') || (strcmp(name, ctx->node) == 0)) {
            continue;
        }
        if ((maria_attr_get(ctx, MARIA_ATTR_PRIMARY, name, &v) == BATON_RC_OK)
            && (v != NULL) && (v[0] != '\0')) {
            found = strdup(name);
        }
        free(v);
    }
    baton_membership_free(m);
    return found;
}

/* heartbeat's node attribute naming the address replicas connect to */
#define MARIA_MASTER_IP_SUFFIX "_mysql_master_IP"
#define MARIA_CRM_ATTRIBUTE    "crm_attribute"

/* The address this node's replicas should use: the permanent node
 * attribute <rsc>_mysql_master_IP when set (crm_attribute, on promotion
 * only), else the node's name, as ocf:heartbeat:mariadb does */
static void
own_address(struct maria_ctx *ctx, char *buf, size_t size)
{
    char name[200];
    const char *argv[] = {
        baton_s(getenv(MARIA_ENV_CRM_ATTRIBUTE), MARIA_CRM_ATTRIBUTE),
        "--type", "nodes", "--node", ctx->node, "--name", name,
        "--query", "--quiet", NULL,
    };
    baton_child_t *child = NULL;
    const char *out = NULL;
    unsigned left = maria_ms_left(ctx);

    snprintf(buf, size, "%s", ctx->node);
    snprintf(name, sizeof(name), "%s" MARIA_MASTER_IP_SUFFIX, ctx->rsc);
    child = baton_child_new(argv);
    baton_child_set_timeout(child, (left < MARIA_ATTRD_MS) ? left + 1
                                                           : MARIA_ATTRD_MS);
    baton_child_set_grace(child, 500);
    if (baton_child_run(child) == BATON_RC_OK) {
        out = baton_child_stdout(child, NULL);
        out += strspn(out, " \t\n");
        if (out[0] != '\0') {
            snprintf(buf, size, "%.*s", (int) strcspn(out, " \t\n"), out);
        }
    }
    baton_child_free(child);
}

void
maria_publish_primary(struct maria_ctx *ctx, bool primary)
{
    char address[256];

    if (primary) {
        own_address(ctx, address, sizeof(address));
        baton_info("Replicas connect to %s", address);
        maria_attr_set(ctx, MARIA_ATTR_PRIMARY, address);
    } else {
        maria_attr_del(ctx, MARIA_ATTR_PRIMARY);
    }
}

bool
maria_primary_address(struct maria_ctx *ctx, const char *node, char *buf,
                      size_t size)
{
    char *v = NULL;
    bool published = false;

    snprintf(buf, size, "%s", node);
    if ((maria_attr_get(ctx, MARIA_ATTR_PRIMARY, node, &v) == BATON_RC_OK)
        && (v != NULL) && (v[0] != '\0')) {
        snprintf(buf, size, "%s", v);
        published = true;
    }
    free(v);
    return published;
}

int
maria_check_server_id(struct maria_ctx *ctx, unsigned long id)
{
    baton_membership_t *m = maria_members(ctx);
    char mine[24];
    int rc = BATON_RC_OK;

    snprintf(mine, sizeof(mine), "%lu", id);
    for (size_t i = 0; (m != NULL) && (i < baton_membership_n(m))
                       && (rc == BATON_RC_OK); i++) {
        const char *name = baton_membership_at(m, i)->name;
        char *v = NULL;

        if ((name[0] == '\0') || (strcmp(name, ctx->node) == 0)) {
            continue;
        }
        if ((maria_attr_get(ctx, MARIA_ATTR_SERVER_ID, name, &v)
             == BATON_RC_OK) && (v != NULL) && (strcmp(v, mine) == 0)) {
            baton_reason_set(ctx->why, "server_id %lu is also %s's: give "
                             "every node its own server_id in %s (or "
                             "leave it out: the agent then uses the "
                             "corosync node id)", id, name,
                             ctx->conf.config);
            rc = BATON_RC_NODE_CONFIG;
        }
        free(v);
    }
    baton_membership_free(m);
    if (rc == BATON_RC_OK) {
        maria_attr_set(ctx, MARIA_ATTR_SERVER_ID, mine);
    }
    return rc;
}

/* ---- the election ---------------------------------------------------------- */

void
maria_election_clean(struct maria_ctx *ctx)
{
    maria_attr_del(ctx, MARIA_ATTR_GTID);
    maria_attr_del(ctx, MARIA_ATTR_NODES);
}

/* The candidates: active + starting - stopping */
static void
candidates(const struct baton_notify *n, char *buf, size_t size)
{
    static const enum baton_notify_list from[] = {
        BATON_NOTIFY_ACTIVE, BATON_NOTIFY_START,
    };
    size_t used = 0;

    buf[0] = '\0';
    for (size_t l = 0; l < 2; l++) {
        for (size_t i = 0; i < n->n[from[l]]; i++) {
            const char *node = n->nodes[from[l]][i];
            int w;

            if (baton_notify_has(n, BATON_NOTIFY_STOP, node)
                || ((l == 1) && baton_notify_has(n, BATON_NOTIFY_ACTIVE,
                                                 node))) {
                continue;
            }
            w = snprintf(buf + used, size - used, "%s%s",
                         (used > 0) ? " " : "", node);
            if ((w < 0) || ((size_t) w >= size - used)) {
                return;
            }
            used += (size_t) w;
        }
    }
}

int
maria_notify_pre_promote(struct maria_ctx *ctx, const struct baton_notify *n)
{
    const char *target = baton_notify_first(n, BATON_NOTIFY_PROMOTE);
    struct maria_gtid_list pos;
    maria_conn_t *c = NULL;
    char text[2048];
    char nodes[2048];
    int rc;

    maria_election_clean(ctx);
    rc = maria_connect(ctx, MARIA_LOGIN_ADMIN, &c);
    if (rc == BATON_RC_OK) {
        rc = maria_position(ctx, c, &pos);
    }
    maria_disconnect(c);
    if (rc != BATON_RC_OK) {
        baton_warn("Cannot read this server's GTID position (%s): it is not "
                   "a candidate", baton_rc_str(rc));
        baton_reason_clear(ctx->why);
        return BATON_RC_OK;
    }
    maria_gtid_format(&pos, text, sizeof(text));
    baton_info("This node's GTID position: '%s'", text);
    /* "" is a valid position (an empty server): publish something */
    maria_attr_set(ctx, MARIA_ATTR_GTID, (text[0] != '\0') ? text : "-");
    if ((target != NULL) && (strcmp(target, ctx->node) == 0)) {
        candidates(n, nodes, sizeof(nodes));
        maria_attr_set(ctx, MARIA_ATTR_NODES, nodes);
    }
    return BATON_RC_OK;
}

/* A peer's published position, waited for until \p until; false: none */
static bool
peer_position(struct maria_ctx *ctx, const char *node, uint64_t until,
              struct maria_gtid_list *pos)
{
    char *v = NULL;

    for (;;) {
        if ((maria_attr_get(ctx, MARIA_ATTR_GTID, node, &v) == BATON_RC_OK)
            && (v != NULL)) {
            bool ok = (maria_gtid_parse((strcmp(v, "-") == 0) ? "" : v, pos)
                       == BATON_RC_OK);

            if (!ok) {
                baton_warn("%s published '%s', not a GTID position: it is "
                           "not a candidate", node, v);
            }
            free(v);
            return ok;
        }
        free(v);
        v = NULL;
        if ((baton_clock_now_ms() >= until) || (maria_ms_left(ctx) == 0)) {
            baton_warn("%s published no GTID position in time: it is not a "
                       "candidate", node);
            return false;
        }
        baton_sleep_ms(100);
    }
}

/* The candidates other than this node, from the pre-promote list or, when
 * there was none, from the membership */
static char *
peer_names(struct maria_ctx *ctx, const baton_membership_t *m)
{
    char *nodes = NULL;
    char buf[2048] = "";
    size_t used = 0;

    if ((maria_attr_get(ctx, MARIA_ATTR_NODES, NULL, &nodes) == BATON_RC_OK)
        && (nodes != NULL)) {
        return nodes;
    }
    for (size_t i = 0; (m != NULL) && (i < baton_membership_n(m)); i++) {
        int w = snprintf(buf + used, sizeof(buf) - used, "%s%s",
                         (used > 0) ? " " : "", baton_membership_at(m, i)->name);

        if ((w > 0) && ((size_t) w < sizeof(buf) - used)) {
            used += (size_t) w;
        }
    }
    nodes = strdup(buf);
    baton_assert_alloc(nodes);
    return nodes;
}

struct maria_peer {
    char name[BATON_NODE_NAME_MAX];
    struct maria_gtid_list pos;
};

/* Wait (bounded) for every answering candidate's position */
static size_t
collect_peers(struct maria_ctx *ctx, struct maria_peer *peers, size_t max)
{
    baton_membership_t *m = maria_members(ctx);
    char *names = peer_names(ctx, m);
    uint64_t until = baton_clock_now_ms() + MARIA_PEER_WAIT_MS;
    char *save = NULL;
    size_t n = 0;

    for (char *node = strtok_r(names, " ", &save); (node != NULL) && (n < max);
         node = strtok_r(NULL, " ", &save)) {
        if (strcmp(node, ctx->node) == 0) {
            continue;
        }
        if ((m != NULL) && !baton_membership_has_name(m, node)) {
            baton_info("%s left the cluster: its position is ignored", node);
            continue;
        }
        if (!maria_node_listed(ctx, node)) {
            baton_info("%s is not in node_list: not a candidate", node);
            continue;
        }
        snprintf(peers[n].name, sizeof(peers[n].name), "%s", node);
        if (peer_position(ctx, node, until, &peers[n].pos)) {
            n++;
        }
    }
    free(names);
    baton_membership_free(m);
    return n;
}

/* The first peer holding something \p mine lacks, or NULL */
static const struct maria_peer *
missing_from(const struct maria_gtid_list *mine,
             const struct maria_peer *peers, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!maria_gtid_covers(mine, &peers[i].pos)) {
            return &peers[i];
        }
    }
    return NULL;
}

/* Refuse, and point Pacemaker at a peer that holds everything, if any */
static int
lose_election(struct maria_ctx *ctx, const struct maria_gtid_list *mine,
              const struct maria_peer *peers, size_t n,
              const struct maria_peer *ahead)
{
    char my_text[1024];
    char their_text[1024];

    maria_gtid_format(mine, my_text, sizeof(my_text));
    maria_gtid_format(&ahead->pos, their_text, sizeof(their_text));
    for (size_t i = 0; i < n; i++) {
        bool best = maria_gtid_covers(&peers[i].pos, mine);

        for (size_t j = 0; best && (j < n); j++) {
            best = maria_gtid_covers(&peers[i].pos, &peers[j].pos);
        }
        if (best) {
            baton_reason_set(ctx->why, "%s holds transactions this node "
                             "lacks (%s there, '%s' here): promoting it "
                             "instead", peers[i].name, their_text, my_text);
            maria_hold(ctx, MARIA_SCORE_LOST, "it lost an election");
            maria_score_set(ctx, peers[i].name, MARIA_SCORE_REPLICA);
            return BATON_RC_FAILED;
        }
    }
    baton_reason_set(ctx->why, "No candidate holds every transaction: %s "
                     "has %s, this node '%s' (diverged histories); not "
                     "promoting. Compare the nodes' binary logs and rebuild "
                     "the one whose transactions are to be dropped",
                     ahead->name, their_text, my_text);
    return BATON_RC_FAILED;
}

int
maria_election_check(struct maria_ctx *ctx, maria_conn_t *c)
{
    struct maria_peer *peers = calloc(BATON_NOTIFY_MAX_NODES,
                                      sizeof(*peers));
    struct maria_gtid_list mine;
    const struct maria_peer *ahead = NULL;
    uint64_t until;
    size_t n;
    int rc;

    baton_assert_alloc(peers);
    n = collect_peers(ctx, peers, BATON_NOTIFY_MAX_NODES);
    /* half of what is left stays for applying the relay log */
    until = baton_clock_now_ms()
            + ((maria_ms_left(ctx) / 2 < MARIA_CATCHUP_MS)
               ? maria_ms_left(ctx) / 2 : MARIA_CATCHUP_MS);
    for (;;) {
        struct maria_replica r;

        rc = maria_position(ctx, c, &mine);
        if (rc != BATON_RC_OK) {
            break;
        }
        ahead = missing_from(&mine, peers, n);
        if ((ahead == NULL) || (baton_clock_now_ms() >= until)
            || (maria_replica_read(ctx, c, &r) != BATON_RC_OK)
            || !r.configured || !r.io_running) {
            break;
        }
        /* still receiving (a switchover): wait for what the peer has */
        baton_sleep_ms(200);
    }
    if ((rc == BATON_RC_OK) && (ahead != NULL)) {
        rc = lose_election(ctx, &mine, peers, n, ahead);
    }
    free(peers);
    return rc;
}
