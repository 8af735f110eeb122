/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:drbd: the parameters drbd-utils parses its own way (the four
 * scores, wfc_timeout, versions), what an invocation adds (node, resource
 * name, deadline), and the checks of the clone's meta attributes and of
 * the kernel module's version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/utsname.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "drbd.h"

/*! Kept back from the action's timeout for the agent's own exit */
#define DRBD_MARGIN_MS 500U
/*! drbd-utils' default scores */
static const unsigned adjust_default[DRBD_SCORE_N_LEVELS] = {
    0, 10, 1000, 10000,
};
/*! The characters drbd-utils accepts in a resource or file name */
static const char name_chars[] = "-%+./0123456789:=@"
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
                                 "abcdefghijklmnopqrstuvwxyz";

int
drbd_name_param_parse(const char *value, void *field, baton_reason_t *why)
{
    (void) field;
    if (value[strspn(value, name_chars)] != '\0') {
        baton_reason_set(why, "'%s' has characters other than "
                         "[-%%+./0-9:=@A-Z_a-z]", value);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

/* Four non-decreasing numbers; false otherwise */
static bool
parse_adjust(const char *value, unsigned out[DRBD_SCORE_N_LEVELS])
{
    const char *p = value;
    size_t n = 0;

    for (;;) {
        char *end = NULL;
        unsigned long v;

        p += strspn(p, " \t");
        if (*p == '\0') {
            break;
        }
        if ((*p < '0') || (*p > '9') || (n == DRBD_SCORE_N_LEVELS)) {
            return false;
        }
        v = strtoul(p, &end, 10);
        if ((v > 1000000UL) || ((*end != '\0') && (*end != ' ')
                                && (*end != '\t'))) {
            return false;
        }
        if ((n > 0) && (v < out[n - 1])) {
            return false;
        }
        out[n++] = (unsigned) v;
        p = end;
    }
    return n == DRBD_SCORE_N_LEVELS;
}

int
drbd_adjust_param_parse(const char *value, void *field, baton_reason_t *why)
{
    unsigned *adjust = field;

    (void) why;
    if (!parse_adjust(value, adjust)) {
        /* drbd-utils logs and falls back rather than failing */
        baton_warn("adjust_master_score '%s' is not four non-decreasing "
                   "numbers: using the default 0 10 1000 10000", value);
        memcpy(adjust, adjust_default, sizeof(adjust_default));
    }
    return BATON_RC_OK;
}

int
drbd_wfc_param_parse(const char *value, void *field, baton_reason_t *why)
{
    struct drbd_wfc *wfc = field;

    (void) why;
    wfc->wait = (value[strspn(value, "0123456789")] == '\0')
                && (strlen(value) < 7);
    wfc->timeout_s = wfc->wait ? (unsigned) strtoul(value, NULL, 10) : 0;
    if (!wfc->wait) {
        baton_debug("wfc_timeout '%s' has non-digits: start does not wait "
                    "for the connection", value);
    }
    return BATON_RC_OK;
}

int
drbd_peer_primary_param_parse(const char *value, void *field,
                              baton_reason_t *why)
{
    int *policy = field;
    bool yes = false;

    (void) why;
    if (strcmp(value, "unexpected") == 0) {
        *policy = DRBD_PEER_PRIMARY_UNEXPECTED;
    } else if ((baton_parse_bool(value, &yes) == BATON_RC_OK) && yes) {
        *policy = DRBD_PEER_PRIMARY_REMOVE;
    } else {
        *policy = DRBD_PEER_PRIMARY_IGNORE;
    }
    return BATON_RC_OK;
}

int
drbd_version_param_parse(const char *value, void *field, baton_reason_t *why)
{
    uint32_t *code = field;
    unsigned a = 0;
    unsigned b = 0;
    unsigned c = 0;
    int end = 0;

    if ((value[strspn(value, "0123456789.")] != '\0')
        || (sscanf(value, "%3u.%3u.%3u%n", &a, &b, &c, &end) != 3)
        || (value[end] != '\0') || (a > 255) || (b > 255) || (c > 255)) {
        baton_reason_set(why, "'%s' is not a version x.y.z", value);
        return BATON_RC_CONFIG;
    }
    *code = DRBD_VERSION_CODE(a, b, c);
    return BATON_RC_OK;
}

int
drbd_ctx_init(struct drbd_ctx *ctx, baton_ocf_t *ocf, baton_reason_t *why,
              bool lenient)
{
    const baton_params_t *params = baton_ocf_params(ocf);
    struct utsname u;

    memset(ctx, 0, sizeof(*ctx));
    ctx->ocf = ocf;
    ctx->why = why;
    ctx->start_ms = baton_clock_now_ms();
    ctx->deadline_ms = ctx->start_ms + baton_ocf_timeout_ms(ocf);
    ctx->instance = baton_ocf_instance(ocf);
    /* an anonymous clone's instance "drbd0:1" scores as "drbd0" */
    snprintf(ctx->rsc, sizeof(ctx->rsc), "%.*s",
             (int) strcspn(ctx->instance, ":"), ctx->instance);
    /* drbd-utils names the node by uname -n, as DRBD's configuration does */
    if (uname(&u) == 0) {
        snprintf(ctx->node, sizeof(ctx->node), "%s", u.nodename);
    }
    return lenient ? baton_params_parse_lenient(params, &ctx->conf, why)
                   : baton_params_parse(params, &ctx->conf, why);
}

void
drbd_ctx_clear(struct drbd_ctx *ctx)
{
    baton_params_conf_release(baton_ocf_params(ctx->ocf), &ctx->conf);
}

unsigned
drbd_ms_left(const struct drbd_ctx *ctx)
{
    return baton_clock_left_ms(ctx->deadline_ms, DRBD_MARGIN_MS);
}

static long
meta_num(const char *v, long dflt)
{
    long long n = 0;

    if (v == NULL) {
        return dflt;
    }
    return (baton_parse_int(v, &n) == BATON_RC_OK) ? (long) n : -1;
}

long
drbd_promoted_max(const struct drbd_ctx *ctx)
{
    return meta_num(baton_ocf_meta(ctx->ocf, "promoted_max"), 1);
}

/* One meta attribute against what drbd-utils expects of it */
static int
meta_expect(const struct drbd_ctx *ctx, const char *what, const char *v,
            long dflt, bool at_most, long want)
{
    long n = meta_num(v, dflt);

    if ((n >= 0) && (at_most ? (n <= want) : (n == want))) {
        return BATON_RC_OK;
    }
    baton_reason_set(ctx->why, "The clone's meta attribute %s must be %s%ld, "
                     "not %s", what, at_most ? "at most " : "", want,
                     baton_s(v, "unset"));
    return BATON_RC_CONFIG;
}

static bool
needs_notify(const char *action)
{
    return (strcmp(action, BATON_OCF_ACTION_STOP) != 0)
           && (strcmp(action, BATON_OCF_ACTION_MONITOR) != 0)
           && (strcmp(action, BATON_OCF_ACTION_VALIDATE) != 0);
}

int
drbd_check_meta(const struct drbd_ctx *ctx)
{
    const char *action = baton_ocf_action(ctx->ocf);
    long pmax = drbd_promoted_max(ctx);
    int rc;

    /* Only the cluster's own calls carry the clone's meta attributes, and
     * they always name the node (a manual run gives neither) */
    if ((baton_ocf_meta(ctx->ocf, "on_node") == NULL)
        || (strcmp(action, BATON_OCF_ACTION_STOP) == 0)) {
        return BATON_RC_OK;
    }
    rc = meta_expect(ctx, "clone-node-max",
                     baton_ocf_meta(ctx->ocf, "clone_node_max"), 1, false, 1);
    if (rc == BATON_RC_OK) {
        rc = meta_expect(ctx, "promoted-node-max",
                         baton_ocf_meta(ctx->ocf, "promoted_node_max"),
                         1, false, 1);
    }
    if (rc == BATON_RC_OK) {
        /* even DRBD 9 cannot safely run more than two Primaries */
        rc = meta_expect(ctx, "promoted-max",
                         baton_ocf_meta(ctx->ocf, "promoted_max"), 1, true, 2);
    }
    if ((rc == BATON_RC_OK)
        && (((ctx->version != 0) && (ctx->version < DRBD_VERSION_9))
            || (pmax == 2))) {
        rc = meta_expect(ctx, "clone-max",
                         baton_ocf_meta(ctx->ocf, "clone_max"), -1, true, 2);
    }
    if ((rc == BATON_RC_OK) && needs_notify(action)
        && !ctx->conf.ignore_missing_notifications
        && !baton_ocf_meta_true(ctx->ocf, "notify")
        && (baton_ocf_meta(ctx->ocf, "notify_start_uname") == NULL)) {
        baton_reason_set(ctx->why, "%s needs notifications: create the "
                         "clone with notify=true (or set "
                         "ignore_missing_notifications=true)", ctx->rsc);
        rc = BATON_RC_CONFIG;
    }
    return rc;
}

static void
version_str(uint32_t code, char *buf, size_t size)
{
    snprintf(buf, size, "%u.%u.%u", (code >> 16) & 0xff, (code >> 8) & 0xff,
             code & 0xff);
}

int
drbd_check_version(const struct drbd_ctx *ctx)
{
    char have[16];
    char want[16];

    if (ctx->version == 0) {
        return BATON_RC_OK;
    }
    version_str(ctx->version, have, sizeof(have));
    if ((ctx->conf.version_ge != 0) && (ctx->version < ctx->conf.version_ge)) {
        version_str(ctx->conf.version_ge, want, sizeof(want));
        baton_reason_set(ctx->why, "The DRBD kernel module is %s; "
                         "require_drbd_module_version_ge asks for %s or "
                         "later", have, want);
        return BATON_RC_NOT_INSTALLED;
    }
    if ((ctx->conf.version_lt != 0) && (ctx->version >= ctx->conf.version_lt)) {
        version_str(ctx->conf.version_lt, want, sizeof(want));
        baton_reason_set(ctx->why, "The DRBD kernel module is %s; "
                         "require_drbd_module_version_lt asks for a version "
                         "before %s", have, want);
        return BATON_RC_NOT_INSTALLED;
    }
    return BATON_RC_OK;
}
