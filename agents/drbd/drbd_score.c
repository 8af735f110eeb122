/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:drbd promotion scores: drbd-utils' rules from the disk states
 * (drbd_update_master_score), never negative, written to pacemaker-attrd
 * in-process with a deadline, as crm_master -l reboot does; the recurring
 * monitor skips a score this node has already written (a record in the
 * run directory, lib/cluster/attr_record.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/attr_record.h"
#include "baton/attrd.h"
#include "baton/child.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "drbd.h"

#define DRBD_SCORE_PREFIX "master-"
#define DRBD_ATTRD_MS     5000U

bool
drbd_score_needs_pcmk(const struct drbd_summary *sum,
                      const struct drbd_conf *conf)
{
    return (conf->remove_if_peer_primary == DRBD_PEER_PRIMARY_UNEXPECTED)
           && !sum->primary && sum->some_peer_primary
           && sum->some_peer_all_up_to_date;
}

/* remove_master_score_if_peer_primary: a healthy Primary peer (that
 * Pacemaker does not know of, with "unexpected") leaves no score */
static bool
peer_primary_removes(const struct drbd_summary *sum,
                     const struct drbd_conf *conf, int pcmk_elsewhere)
{
    if ((conf->remove_if_peer_primary == DRBD_PEER_PRIMARY_IGNORE)
        || sum->primary || !sum->some_peer_primary
        || !sum->some_peer_all_up_to_date) {
        return false;
    }
    if (conf->remove_if_peer_primary == DRBD_PEER_PRIMARY_UNEXPECTED) {
        return pcmk_elsewhere == 0;
    }
    return true;
}

/* A level's score; 0 or less means no score */
static enum drbd_score_op
level(const struct drbd_conf *conf, enum drbd_score_level l, int less,
      int *score)
{
    *score = (int) conf->adjust[l] - less;
    return (*score > 0) ? DRBD_SCORE_SET : DRBD_SCORE_REMOVE;
}

enum drbd_score_op
drbd_score_decide(const struct drbd_summary *sum, const struct drbd_conf *conf,
                  int pcmk_primary_elsewhere, int *score, bool *unfence)
{
    *score = 0;
    *unfence = false;
    if (sum->unconfigured || !sum->have_quorum
        || peer_primary_removes(sum, conf, pcmk_primary_elsewhere)) {
        return DRBD_SCORE_REMOVE;
    }
    if (sum->diskless_client) {
        /* no disk of its own: as good as the data it reaches, less one */
        if ((sum->primary && sum->some_peer_all_up_to_date)
            || sum->pdsk_all_up_to_date) {
            return level(conf, DRBD_SCORE_AS_GOOD_AS_IT_GETS, 1, score);
        }
        if (sum->some_peer_all_up_to_date) {
            return level(conf, DRBD_SCORE_LOCAL_OK, 1, score);
        }
        return DRBD_SCORE_REMOVE;
    }
    if (sum->disk_all_up_to_date) {
        if (sum->primary) {
            *unfence = sum->pdsk_all_up_to_date;
            return level(conf, DRBD_SCORE_AS_GOOD_AS_IT_GETS, 0, score);
        }
        /* a Secondary that does not know its peer's disk: the peer may
         * be a Primary that crashed; its handler fences us if need be */
        return level(conf, sum->pdsk_any_unknown ? DRBD_SCORE_LOCAL_OK
                           : DRBD_SCORE_AS_GOOD_AS_IT_GETS, 0, score);
    }
    if (sum->some_peer_all_up_to_date) {
        return level(conf, DRBD_SCORE_ONLY_REMOTE, 0, score);
    }
    if (sum->disk_transitional) {
        return DRBD_SCORE_KEEP;
    }
    if (sum->disk_all_consistent) {
        return level(conf, DRBD_SCORE_ONLY_CONSISTENT, 0, score);
    }
    return DRBD_SCORE_REMOVE;
}

static struct baton_attrd_opts
attrd_opts(const struct drbd_ctx *ctx)
{
    unsigned left = drbd_ms_left(ctx);
    struct baton_attrd_opts o = {
        .ipc_name = getenv(DRBD_ENV_ATTRD_IPC),
        .tool = getenv(DRBD_ENV_ATTRD_TOOL),
        .origin = "baton-drbd",
        .timeout_ms = (left < DRBD_ATTRD_MS) ? ((left > 0) ? left : 1)
                                             : DRBD_ATTRD_MS,
    };

    return o;
}

static void
record_path(const struct drbd_ctx *ctx, char *buf, size_t size)
{
    snprintf(buf, size, "%s/drbd-%s-%s.score", drbd_run_dir(), ctx->rsc,
             ctx->node);
}

/* \p recorded: a value this node already wrote is not sent again */
static int
score_send(struct drbd_ctx *ctx, enum baton_attrd_cmd cmd, int score,
           bool recorded)
{
    char name[160];
    char value[16];
    char path[512];
    struct baton_attrd_req req = {
        .cmd = cmd, .name = name,
        .value = (cmd == BATON_ATTRD_DELETE) ? NULL : value,
    };
    struct baton_attrd_opts o = attrd_opts(ctx);
    baton_attrd_session_t *s = NULL;
    int rc;

    snprintf(name, sizeof(name), DRBD_SCORE_PREFIX "%s", ctx->rsc);
    snprintf(value, sizeof(value), "%d", score);
    record_path(ctx, path, sizeof(path));
    if (!recorded) {
        (void) baton_attr_record_set(path, NULL, 0);
    }
    s = baton_attrd_open(&o);
    rc = baton_attr_record_send(s, path, &req, NULL);
    baton_attrd_close(s);
    if (rc != BATON_RC_OK) {
        baton_warn("Cannot %s the promotion score of %s: %s",
                   (cmd == BATON_ATTRD_DELETE) ? "remove" : "set", ctx->rsc,
                   baton_rc_str(rc));
    }
    return rc;
}

int
drbd_score_remove(struct drbd_ctx *ctx)
{
    return score_send(ctx, BATON_ATTRD_DELETE, 0, false);
}

/* drbdadm unfence-peer, with unfence_extra_args in its environment */
static void
call_unfence(struct drbd_ctx *ctx)
{
    const char *args[] = { "unfence-peer", ctx->conf.resource, NULL };
    int code = -1;

    setenv("OCF_RESKEY_" DRBD_P_UNFENCE_ARGS,
           baton_s(ctx->conf.unfence_extra_args, ""), 1);
    if (drbd_adm(ctx, args, &code) != BATON_RC_OK) {
        baton_info("Unfence hook of %s exited %d", ctx->conf.resource, code);
        baton_reason_clear(ctx->why);
    }
}

static int
score_apply(struct drbd_ctx *ctx, bool recorded)
{
    int pcmk = -1;
    int score = 0;
    bool unfence = false;
    enum drbd_score_op op;

    /* a Primary Pacemaker does not know of only means something with one
     * promoted instance */
    if (drbd_score_needs_pcmk(&ctx->sum, &ctx->conf)
        && (drbd_promoted_max(ctx) == 1)) {
        pcmk = drbd_pcmk_primary_elsewhere(ctx);
    }
    op = drbd_score_decide(&ctx->sum, &ctx->conf, pcmk, &score, &unfence);
    if ((pcmk == 0) && (op == DRBD_SCORE_REMOVE)) {
        baton_info("%s is connected to a Primary Pacemaker does not know "
                   "of: no promotion score", ctx->conf.resource);
    }
    if (unfence && ctx->conf.unfence_if_all_uptodate) {
        call_unfence(ctx);
    }
    switch (op) {
        case DRBD_SCORE_SET:
            return score_send(ctx, BATON_ATTRD_UPDATE, score, recorded);
        case DRBD_SCORE_REMOVE:
            return score_send(ctx, BATON_ATTRD_DELETE, 0, recorded);
        default:
            return BATON_RC_OK;
    }
}

int
drbd_score_update(struct drbd_ctx *ctx)
{
    return score_apply(ctx, false);
}

int
drbd_score_monitor(struct drbd_ctx *ctx)
{
    return score_apply(ctx, true);
}

/* ---- Pacemaker's view: where the promoted instance runs -------------------- */

/* In crm_resource --locate --output-as=xml, a <node state="promoted">
 * (2.1; "Master" before) naming another node than this one, by its text
 * or a name attribute */
int
drbd_locate_parse(const char *xml, const char *self)
{
    const char *p = xml;

    while ((p = strstr(p, "<node ")) != NULL) {
        const char *end = strchr(p, '>');
        const char *state = strstr(p, "state=\"");
        const char *name = strstr(p, "name=\"");
        size_t len;

        if (end == NULL) {
            break;
        }
        if ((state == NULL) || (state > end)
            || ((strncmp(state + 7, "promoted\"", 9) != 0)
                && (strncmp(state + 7, "Master\"", 7) != 0))) {
            p = end;
            continue;
        }
        if ((name != NULL) && (name < end)) {
            name += 6;
            len = strcspn(name, "\"");
        } else {
            name = end + 1;
            len = strcspn(name, "<");
        }
        if ((strlen(self) != len) || (strncmp(name, self, len) != 0)) {
            return 1;
        }
        p = end;
    }
    return 0;
}

int
drbd_pcmk_primary_elsewhere(struct drbd_ctx *ctx)
{
    const char *argv[] = { "crm_resource", "--resource", ctx->rsc,
                           "--locate", "--output-as=xml", NULL };
    baton_child_t *c = baton_child_new(argv);
    unsigned left = drbd_ms_left(ctx);
    int answer = -1;

    baton_assert_alloc(c);
    baton_child_set_timeout(c, (left < 5000U) ? ((left > 0) ? left : 1)
                                              : 5000U);
    if (baton_child_run(c) == BATON_RC_OK) {
        answer = drbd_locate_parse(baton_child_stdout(c, NULL), ctx->node);
    } else {
        baton_info("crm_resource --locate %s failed: cannot tell where "
                   "Pacemaker promoted it", ctx->rsc);
    }
    baton_child_free(c);
    return answer;
}
