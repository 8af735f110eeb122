/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:drbd actions: monitor from one read of the kernel's state,
 * start (attach, connect, wait for the connection), promote, demote, stop,
 * notify and reload, each bounded by the action's timeout, retrying what
 * may still succeed once a second and failing at once on a refusal that
 * will not change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/notify.h"
#include "baton/rc.h"
#include "drbd.h"

/*! Between two attempts of a state change that may still succeed */
#define DRBD_RETRY_MS 1000U

extern char **environ;

/* ---- shared steps ----------------------------------------------------------- */

/* Parse, read the kernel, check what every action but stop checks */
static int
prepare(struct drbd_ctx *ctx, baton_ocf_t *ocf, baton_reason_t *why)
{
    int rc = drbd_ctx_init(ctx, ocf, why, false);

    if (rc == BATON_RC_OK) {
        rc = drbd_read(ctx);
    }
    if (rc == BATON_RC_OK) {
        rc = drbd_check_version(ctx);
    }
    if (rc == BATON_RC_OK) {
        rc = drbd_check_meta(ctx);
    }
    return rc;
}

/* The state a monitor reports: 8 Primary, 0 Secondary, 7 down */
static enum baton_res_state
res_state(const struct drbd_ctx *ctx)
{
    if (ctx->sum.unconfigured) {
        return BATON_RES_STOPPED;
    }
    return ctx->sum.primary ? BATON_RES_PROMOTED : BATON_RES_RUNNING;
}

/* Wait before the next attempt; false when no time is left for one */
static bool
retry_wait(struct drbd_ctx *ctx)
{
    if (drbd_ms_left(ctx) < 2 * DRBD_RETRY_MS) {
        return false;
    }
    baton_sleep_ms(DRBD_RETRY_MS);
    return true;
}

/* The first node of the notification's lists that is not this one, for
 * drbdadm --peer on 8.4 (a resource with more than one possible peer) */
static const char *
notify_peer(const struct drbd_ctx *ctx, const struct baton_notify *n)
{
    static const enum baton_notify_list lists[] = {
        BATON_NOTIFY_START, BATON_NOTIFY_PROMOTE, BATON_NOTIFY_PROMOTED,
        BATON_NOTIFY_UNPROMOTED, BATON_NOTIFY_DEMOTE,
    };

    for (size_t l = 0; l < BATON_N_ELEMENTS(lists); l++) {
        for (size_t i = 0; i < n->n[lists[l]]; i++) {
            if (strcasecmp(n->nodes[lists[l]][i], ctx->node) != 0) {
                return n->nodes[lists[l]][i];
            }
        }
    }
    return NULL;
}

/* drbdadm [--peer NODE] [-v] adjust RESOURCE: (re)connect as configured */
static int
adjust(struct drbd_ctx *ctx, bool verbose)
{
    struct baton_notify *n = calloc(1, sizeof(*n));
    const char *args[8];
    size_t i = 0;
    const char *peer = NULL;
    int rc;

    baton_assert_alloc(n);
    (void) baton_notify_parse(environ, n);
    peer = notify_peer(ctx, n);
    /* --peer only means something to 8.4's drbdadm; 9's refuses it */
    if ((peer != NULL) && (ctx->version < DRBD_VERSION_9)) {
        args[i++] = "--peer";
        args[i++] = peer;
    }
    if (verbose) {
        args[i++] = "-v";
    }
    args[i++] = "adjust";
    args[i++] = ctx->conf.resource;
    args[i] = NULL;
    rc = drbd_adm(ctx, args, NULL);
    free(n);
    return rc;
}

/* ---- monitor ------------------------------------------------------------------ */

static int
drbd_monitor(baton_ocf_t *ocf, enum baton_res_state *state,
             baton_reason_t *why)
{
    struct drbd_ctx ctx;
    int rc = prepare(&ctx, ocf, why);

    if ((rc == BATON_RC_NODE_CONFIG) && baton_ocf_is_probe(ocf)) {
        /* a probe on a node without the resource: it is not running */
        baton_reason_clear(why);
        *state = BATON_RES_STOPPED;
        rc = BATON_RC_OK;
    } else if (rc == BATON_RC_OK) {
        *state = res_state(&ctx);
        /* a probe leaves the score alone (drbd-utils: it may run before
         * the cluster knows where the resource belongs) */
        if (!baton_ocf_is_probe(ocf)) {
            drbd_score_monitor(&ctx);
        }
    } else if (rc == BATON_RC_NODE_CONFIG) {
        drbd_score_remove(&ctx);
    }
    drbd_ctx_clear(&ctx);
    return rc;
}

/* ---- start ------------------------------------------------------------------ */

/* 8.4: the minors' device nodes exist (udev may create them late) */
static bool
devices_exist(const struct drbd_ctx *ctx)
{
    char path[64];

    for (size_t i = 0; i < ctx->n_minors; i++) {
        snprintf(path, sizeof(path), "/dev/drbd%d", ctx->minors[i]);
        if (access(path, F_OK) != 0) {
            return false;
        }
    }
    return true;
}

/* Create the resource and its minors, then attach the disks */
static int
bring_up(struct drbd_ctx *ctx)
{
    const char *res[] = { "new-resource", ctx->conf.resource, NULL };
    const char *minor[] = { "new-minor", ctx->conf.resource, NULL };
    const char *attach84[] = { "attach", ctx->conf.resource, NULL };
    const char *attach9[] = { "adjust", "--skip-net", ctx->conf.resource,
                              NULL };
    int rc = drbd_adm(ctx, res, NULL);

    if (rc == BATON_RC_OK) {
        rc = drbd_adm(ctx, minor, NULL);
    }
    while ((rc == BATON_RC_OK) && (ctx->version < DRBD_VERSION_9)
           && !devices_exist(ctx)) {
        if (drbd_ms_left(ctx) < 200U) {
            baton_reason_set(ctx->why, "The device nodes of %s did not "
                             "appear in time", ctx->conf.resource);
            return BATON_RC_TIMEOUT;
        }
        baton_sleep_ms(100);
    }
    if (rc == BATON_RC_OK) {
        rc = drbd_adm(ctx, (ctx->version < DRBD_VERSION_9) ? attach84
                                                            : attach9, NULL);
    }
    return rc;
}

/* Connect as configured and wait for the connection up to wfc_timeout */
static void
connect_and_wait(struct drbd_ctx *ctx)
{
    char t[32];
    char d[40];
    char o[40];
    unsigned left_s = drbd_ms_left(ctx) / 1000U;
    unsigned wait_s = ctx->conf.wfc.timeout_s;

    if (adjust(ctx, false) != BATON_RC_OK) {
        baton_warn("Cannot connect %s: %s", ctx->conf.resource,
                   ctx->why->text);
        baton_reason_clear(ctx->why);
    }
    if (!ctx->conf.wfc.wait) {
        return;
    }
    if (wait_s > left_s) {
        wait_s = left_s;
    }
    snprintf(t, sizeof(t), "--wfc-timeout=%u", wait_s);
    snprintf(d, sizeof(d), "--degr-wfc-timeout=%u", wait_s);
    snprintf(o, sizeof(o), "--outdated-wfc-timeout=%u", wait_s);
    if (ctx->version >= DRBD_VERSION_9) {
        const char *args[] = { "wait-connect-resource", ctx->conf.resource,
                               t, d, o, NULL };

        (void) drbd_setup(ctx, args, NULL);
    } else {
        for (size_t i = 0; i < ctx->n_minors; i++) {
            char dev[32];
            const char *args[] = { "wait-connect", dev, t, d, o, NULL };

            snprintf(dev, sizeof(dev), "/dev/drbd%d", ctx->minors[i]);
            (void) drbd_setup(ctx, args, NULL);
        }
    }
    /* not connected in time is not a failed start: DRBD keeps trying */
    baton_reason_clear(ctx->why);
}

/* One round of start; *done when the resource runs as Secondary */
static int
start_step(struct drbd_ctx *ctx, bool *attach_failed, bool *done)
{
    const char *secondary[] = { "secondary", ctx->conf.resource, NULL };
    int rc = BATON_RC_OK;

    *done = false;
    if (ctx->sum.primary) {
        baton_warn("%s is already Primary: demoting it", ctx->conf.resource);
        return drbd_adm(ctx, secondary, NULL);
    }
    if (!ctx->sum.unconfigured) {
        *done = true;
        return BATON_RC_OK;
    }
    rc = bring_up(ctx);
    if ((rc == BATON_RC_CHILD_FAILED) && !*attach_failed) {
        /* once more; a second failure will not get better by waiting */
        baton_warn("Cannot bring %s up, trying again: %s", ctx->conf.resource,
                   ctx->why->text);
        baton_reason_clear(ctx->why);
        *attach_failed = true;
        rc = BATON_RC_OK;
    }
    return rc;
}

static int
drbd_start(baton_ocf_t *ocf, enum baton_res_state *state,
           baton_reason_t *why)
{
    struct drbd_ctx ctx;
    bool attach_failed = false;
    bool done = false;
    int rc = prepare(&ctx, ocf, why);

    if ((rc == BATON_RC_OK) && !ctx.module_loaded) {
        rc = drbd_modprobe(&ctx);
        rc = (rc == BATON_RC_OK) ? drbd_read(&ctx) : rc;
        rc = (rc == BATON_RC_OK) ? drbd_check_version(&ctx) : rc;
    }
    if ((rc == BATON_RC_OK) && (drbd_promoted_max(&ctx) > 1)
        && !drbd_allows_two_primaries(&ctx)) {
        baton_reason_set(why, "promoted-max is above 1 but DRBD resource %s "
                         "does not allow-two-primaries", ctx.conf.resource);
        rc = BATON_RC_CONFIG;
    }
    if ((rc == BATON_RC_OK) && (ctx.version < DRBD_VERSION_9)) {
        /* the configuration may have changed since the last start */
        rc = drbd_minors_refresh(&ctx);
    }
    if (rc == BATON_RC_OK) {
        const char *check[] = { "check-resize", ctx.conf.resource, NULL };

        /* internal metadata of a disk resized offline moves first */
        if (ctx.sum.unconfigured && (drbd_adm(&ctx, check, NULL)
                                     != BATON_RC_OK)) {
            baton_reason_clear(why);
        }
    }
    while (rc == BATON_RC_OK) {
        rc = start_step(&ctx, &attach_failed, &done);
        if ((rc != BATON_RC_OK) || done) {
            break;
        }
        rc = drbd_read(&ctx);
        if ((rc == BATON_RC_OK) && ctx.sum.unconfigured
            && !retry_wait(&ctx)) {
            baton_reason_set(why, "%s did not come up in time",
                             ctx.conf.resource);
            rc = BATON_RC_TIMEOUT;
        }
    }
    if ((rc == BATON_RC_OK) && !ctx.conf.connect_only_after_promote) {
        connect_and_wait(&ctx);
        rc = drbd_read(&ctx);
    }
    if (rc == BATON_RC_OK) {
        drbd_score_update(&ctx);
        baton_notice("%s started (%s)", ctx.conf.resource,
                     ctx.state.n_peers > 0 ? ctx.state.peers[0].connection
                                           : "no peer");
    }
    *state = BATON_RES_UNKNOWN;
    drbd_ctx_clear(&ctx);
    return rc;
}

/* ---- promote / demote -------------------------------------------------------- */

/* One attempt at Primary; *final when retrying cannot help */
static int
promote_once(struct drbd_ctx *ctx, bool *final)
{
    const char *args[] = { "primary", ctx->conf.resource, NULL };
    int code = -1;
    int rc = drbd_adm(ctx, args, &code);

    *final = false;
    if ((rc == BATON_RC_CHILD_FAILED) && (code == DRBD_EXIT_NO_UP_TO_DATE)) {
        /* no access to UpToDate data, or the fence-peer handler could not
         * fence the peer: waiting does not change that */
        baton_reason_clear(ctx->why);
        baton_reason_set(ctx->why, "Refusing to promote %s: no access to "
                         "UpToDate data (local disk %s, or fencing the peer "
                         "failed)", ctx->conf.resource,
                         drbd_disk_str(ctx->state.n_volumes > 0
                                       ? ctx->state.volumes[0].disk
                                       : DRBD_DISK_UNCONFIGURED));
        *final = true;
    }
    return rc;
}

/* fail_promote_early_if_peer_primary: after a first failed attempt, a
 * Primary peer Pacemaker does not know of will not go away by waiting */
static bool
peer_primary_unexpected(struct drbd_ctx *ctx)
{
    return ctx->conf.fail_promote_early && (drbd_promoted_max(ctx) == 1)
           && !ctx->sum.primary && ctx->sum.some_peer_primary
           && (drbd_pcmk_primary_elsewhere(ctx) == 0);
}

static int
drbd_promote(baton_ocf_t *ocf, enum baton_res_state *state,
             baton_reason_t *why)
{
    struct drbd_ctx ctx;
    bool first = true;
    bool final = false;
    int rc = prepare(&ctx, ocf, why);

    if ((rc == BATON_RC_OK) && (drbd_promoted_max(&ctx) > 1)
        && !drbd_allows_two_primaries(&ctx)) {
        baton_reason_set(why, "promoted-max is above 1 but DRBD resource %s "
                         "does not allow-two-primaries", ctx.conf.resource);
        rc = BATON_RC_CONFIG;
    }
    while ((rc == BATON_RC_OK) && !ctx.sum.primary) {
        if (ctx.sum.unconfigured) {
            baton_reason_set(why, "Cannot promote %s: it was not started",
                             ctx.conf.resource);
            rc = BATON_RC_FAILED;
            break;
        }
        if (!first && peer_primary_unexpected(&ctx)) {
            baton_reason_set(why, "Cannot promote %s: the peer is still "
                             "Primary", ctx.conf.resource);
            drbd_score_remove(&ctx);
            rc = BATON_RC_FAILED;
            break;
        }
        rc = promote_once(&ctx, &final);
        if ((rc != BATON_RC_OK) && !final && retry_wait(&ctx)) {
            baton_info("Promoting %s failed, trying again: %s",
                       ctx.conf.resource, why->text);
            baton_reason_clear(why);
            rc = BATON_RC_OK;
        }
        first = false;
        rc = (rc == BATON_RC_OK) ? drbd_read(&ctx) : rc;
    }
    if (final) {
        drbd_score_remove(&ctx);
    }
    if ((rc == BATON_RC_OK) && ctx.conf.connect_only_after_promote) {
        if (adjust(&ctx, false) != BATON_RC_OK) {
            baton_warn("Cannot connect %s after promotion: %s",
                       ctx.conf.resource, why->text);
            baton_reason_clear(why);
        }
    }
    if (rc == BATON_RC_OK) {
        drbd_score_update(&ctx);
        baton_notice("%s promoted", ctx.conf.resource);
    }
    *state = BATON_RES_UNKNOWN;
    drbd_ctx_clear(&ctx);
    return rc;
}

static int
drbd_demote(baton_ocf_t *ocf, enum baton_res_state *state,
            baton_reason_t *why)
{
    struct drbd_ctx ctx;
    int rc = prepare(&ctx, ocf, why);
    const char *args[] = { "secondary", ctx.conf.resource, NULL };

    while ((rc == BATON_RC_OK) && ctx.sum.primary) {
        rc = drbd_adm(&ctx, args, NULL);
        if ((rc != BATON_RC_OK) && retry_wait(&ctx)) {
            /* e.g. still held open: the file system's stop may be late */
            baton_info("Demoting %s failed, trying again: %s",
                       ctx.conf.resource, why->text);
            baton_reason_clear(why);
            rc = BATON_RC_OK;
        }
        rc = (rc == BATON_RC_OK) ? drbd_read(&ctx) : rc;
    }
    if ((rc == BATON_RC_OK) && ctx.sum.unconfigured) {
        baton_reason_set(why, "Cannot demote %s: it was not started",
                         ctx.conf.resource);
        rc = BATON_RC_FAILED;
    }
    if (rc == BATON_RC_OK) {
        drbd_score_update(&ctx);
    }
    *state = BATON_RES_UNKNOWN;
    drbd_ctx_clear(&ctx);
    return rc;
}

/* ---- stop ---------------------------------------------------------------------- */

/* stop_outdates_secondary: another node is promoted and we are not, so
 * our data is behind; mark it Outdated. Both Primary without a link is
 * a split brain, logged loudly. \return true when it outdated. */
static bool
maybe_outdate_self(struct drbd_ctx *ctx, const struct baton_notify *n)
{
    const char *args[] = { "outdate", ctx->conf.resource, NULL };
    const char *other = NULL;

    for (size_t i = 0; i < n->n[BATON_NOTIFY_PROMOTED]; i++) {
        if (strcasecmp(n->nodes[BATON_NOTIFY_PROMOTED][i], ctx->node) != 0) {
            other = n->nodes[BATON_NOTIFY_PROMOTED][i];
            break;
        }
    }
    /* a promoted node that is stopping is stale information */
    if ((other == NULL) || baton_notify_has(n, BATON_NOTIFY_STOP, other)) {
        return false;
    }
    if (ctx->sum.primary) {
        baton_crit("Split brain of %s: %s and %s are both Primary and the "
                   "replication link is down", ctx->conf.resource, ctx->node,
                   other);
        return false;
    }
    if (!ctx->conf.stop_outdates_secondary) {
        return false;
    }
    baton_notice("Outdating %s: %s is still promoted", ctx->conf.resource,
                 other);
    if (drbd_adm(ctx, args, NULL) != BATON_RC_OK) {
        baton_warn("Cannot outdate %s: %s", ctx->conf.resource,
                   ctx->why->text);
        baton_reason_clear(ctx->why);
    }
    return true;
}

/* drbdadm down, and when drbdadm cannot (configuration changed or
 * broken), drbdsetup down, which needs no configuration */
static int
take_down(struct drbd_ctx *ctx)
{
    const char *adm[] = { "down", ctx->conf.resource, NULL };
    const char *setup[] = { "down", ctx->conf.resource, NULL };
    int rc = drbd_adm(ctx, adm, NULL);

    if (rc != BATON_RC_OK) {
        baton_warn("drbdadm down %s failed (%s): trying drbdsetup down",
                   ctx->conf.resource, ctx->why->text);
        baton_reason_clear(ctx->why);
        rc = drbd_setup(ctx, setup, NULL);
    }
    return rc;
}

static int
drbd_stop(baton_ocf_t *ocf, enum baton_res_state *state,
          baton_reason_t *why)
{
    struct drbd_ctx ctx;
    struct baton_notify *n = calloc(1, sizeof(*n));
    int rc = drbd_ctx_init(&ctx, ocf, why, true);

    baton_assert_alloc(n);
    *state = BATON_RES_UNKNOWN;
    if (rc != BATON_RC_OK) {
        /* a failed stop gets this node fenced: stop what can be stopped */
        baton_warn("Stopping despite an invalid configuration: %s",
                   why->text);
        baton_reason_clear(why);
    }
    if (ctx.conf.resource == NULL) {
        free(n);
        drbd_ctx_clear(&ctx);
        return BATON_RC_OK;
    }
    rc = drbd_read(&ctx);
    if (rc != BATON_RC_OK) {
        /* without the state (no configuration): down needs none */
        baton_reason_clear(why);
        ctx.sum.unconfigured = false;
        rc = BATON_RC_OK;
    }
    (void) baton_notify_parse(environ, n);
    while (rc == BATON_RC_OK) {
        const char *secondary[] = { "secondary", ctx.conf.resource, NULL };

        if (ctx.sum.unconfigured) {
            /* also removes a resource deconfigured but not yet deleted */
            (void) take_down(&ctx);
            baton_reason_clear(why);
            break;
        }
        if (ctx.sum.primary) {
            baton_warn("%s is still Primary: demoting it", ctx.conf.resource);
            rc = drbd_adm(&ctx, secondary, NULL);
        } else {
            rc = take_down(&ctx);
        }
        if ((rc != BATON_RC_OK) && retry_wait(&ctx)) {
            baton_info("Stopping %s failed, trying again: %s",
                       ctx.conf.resource, why->text);
            baton_reason_clear(why);
            rc = BATON_RC_OK;
        }
        if ((rc == BATON_RC_OK) && (drbd_read(&ctx) != BATON_RC_OK)) {
            baton_reason_clear(why);
            ctx.sum.unconfigured = true;
        }
    }
    if (rc == BATON_RC_OK) {
        (void) maybe_outdate_self(&ctx, n);
        baton_notice("%s stopped", ctx.conf.resource);
    }
    /* no stale score may stay behind (a standby node would keep it) */
    drbd_score_remove(&ctx);
    free(n);
    drbd_ctx_clear(&ctx);
    return rc;
}

/* ---- notify, reload ---------------------------------------------------------- */

static int
drbd_notify(baton_ocf_t *ocf, enum baton_res_state *state,
            baton_reason_t *why)
{
    struct drbd_ctx ctx;
    struct baton_notify *n = calloc(1, sizeof(*n));
    int rc = prepare(&ctx, ocf, why);

    baton_assert_alloc(n);
    *state = BATON_RES_UNKNOWN;
    if ((rc == BATON_RC_OK) && (baton_notify_parse(environ, n)
                                != BATON_RC_OK)) {
        baton_reason_set(why, "notify without notify_type and "
                         "notify_operation");
        rc = BATON_RC_USAGE;
    }
    if ((rc == BATON_RC_OK) && (strcmp(n->op, "start") == 0)) {
        /* a peer starts: (re)connect to it; usually nothing to change */
        if (!ctx.conf.connect_only_after_promote && !ctx.sum.unconfigured
            && (adjust(&ctx, true) != BATON_RC_OK)) {
            baton_warn("Cannot adjust %s: %s", ctx.conf.resource, why->text);
            baton_reason_clear(why);
        }
    } else if ((rc == BATON_RC_OK) && !n->pre) {
        /* after a change is a good time to look again */
        drbd_score_update(&ctx);
        if (ctx.sum.pdsk_any_unknown) {
            (void) maybe_outdate_self(&ctx, n);
        }
    }
    free(n);
    drbd_ctx_clear(&ctx);
    return rc;
}

static int
drbd_reload(baton_ocf_t *ocf, enum baton_res_state *state,
            baton_reason_t *why)
{
    struct drbd_ctx ctx;
    int rc = prepare(&ctx, ocf, why);
    const char *args[] = { "adjust", ctx.conf.resource, NULL };

    *state = BATON_RES_UNKNOWN;
    if ((rc == BATON_RC_OK) && (ctx.version < DRBD_VERSION_9)) {
        rc = drbd_minors_refresh(&ctx);
    }
    if ((rc == BATON_RC_OK) && !ctx.sum.unconfigured) {
        rc = drbd_adm(&ctx, args, NULL);
        rc = (rc == BATON_RC_OK) ? drbd_read(&ctx) : rc;
    }
    /* adjust_master_score may have changed */
    if (rc == BATON_RC_OK) {
        drbd_score_update(&ctx);
    }
    drbd_ctx_clear(&ctx);
    return rc;
}

static int
drbd_validate(baton_ocf_t *ocf, enum baton_res_state *state,
              baton_reason_t *why)
{
    struct drbd_ctx ctx;
    int rc = prepare(&ctx, ocf, why);

    *state = BATON_RES_UNKNOWN;
    if ((rc == BATON_RC_OK) && ctx.module_loaded
        && (ctx.version < DRBD_VERSION_9)) {
        rc = drbd_minors_refresh(&ctx);
    }
    drbd_ctx_clear(&ctx);
    return rc;
}

const struct baton_ocf_op drbd_ops[] = {
    { BATON_OCF_ACTION_START, drbd_start },
    { BATON_OCF_ACTION_STOP, drbd_stop },
    { BATON_OCF_ACTION_MONITOR, drbd_monitor },
    { BATON_OCF_ACTION_PROMOTE, drbd_promote },
    { BATON_OCF_ACTION_DEMOTE, drbd_demote },
    { BATON_OCF_ACTION_NOTIFY, drbd_notify },
    { DRBD_ACTION_RELOAD, drbd_reload },
    { BATON_OCF_ACTION_VALIDATE, drbd_validate },
    { NULL, NULL },
};
