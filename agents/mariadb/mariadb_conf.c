/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:mariadb: the rules over several parameters, what an invocation
 * adds (node, resource name, deadline), and the checks of the clone's meta
 * attributes and of this node's set-up.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "baton/argv.h"
#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "mariadb.h"

/*! Kept back from the action's timeout for the agent's own exit */
#define MARIA_MARGIN_MS  1000U

static bool
ident_ok(const char *p, size_t len)
{
    static const char chars[] = "abcdefghijklmnopqrstuvwxyz"
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$";

    return (len > 0) && (len <= 64) && (strspn(p, chars) >= len);
}

int
maria_table_param_parse(const char *value, void *field, baton_reason_t *why)
{
    const char *dot = strchr(value, '.');

    (void) field;
    /* the name goes into a query: plain identifiers only, no quoting */
    if ((dot == NULL) || !ident_ok(value, (size_t) (dot - value))
        || !ident_ok(dot + 1, strlen(dot + 1))) {
        baton_reason_set(why, "'%s' is not database.table (letters, digits, "
                         "_ and $)", value);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

int
maria_conf_check(void *conf_, baton_reason_t *why)
{
    const struct maria_conf *conf = conf_;
    int given = (conf->ssl_ca != NULL) + (conf->ssl_cert != NULL)
                + (conf->ssl_key != NULL);

    if ((given != 0) && (given != 3)) {
        baton_reason_set(why, "replication_master_ssl_ca, "
                         "replication_master_ssl_cert and "
                         "replication_master_ssl_key go together: give all "
                         "three or none");
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

void
maria_conf_free(void *conf_)
{
    struct maria_conf *conf = conf_;

    baton_argv_free(conf->additional);
    conf->additional = NULL;
}

/* The node name Pacemaker knows this node by */
static void
local_node(struct maria_ctx *ctx)
{
    const char *on_node = baton_ocf_meta(ctx->ocf, "on_node");
    struct utsname u;

    if ((on_node != NULL) && (on_node[0] != '\0')) {
        snprintf(ctx->node, sizeof(ctx->node), "%s", on_node);
    } else if (uname(&u) == 0) {
        snprintf(ctx->node, sizeof(ctx->node), "%s", u.nodename);
    }
}

int
maria_ctx_init(struct maria_ctx *ctx, baton_ocf_t *ocf, baton_reason_t *why,
               bool lenient)
{
    const baton_params_t *params = baton_ocf_params(ocf);

    memset(ctx, 0, sizeof(*ctx));
    ctx->ocf = ocf;
    ctx->why = why;
    ctx->deadline_ms = baton_clock_now_ms() + baton_ocf_timeout_ms(ocf);
    ctx->instance = baton_ocf_instance(ocf);
    /* an anonymous clone's instance "db:1" scores as "db" */
    snprintf(ctx->rsc, sizeof(ctx->rsc), "%.*s",
             (int) strcspn(ctx->instance, ":"), ctx->instance);
    local_node(ctx);
    return lenient ? baton_params_parse_lenient(params, &ctx->conf, why)
                   : baton_params_parse(params, &ctx->conf, why);
}

void
maria_ctx_clear(struct maria_ctx *ctx)
{
    baton_params_conf_release(baton_ocf_params(ctx->ocf), &ctx->conf);
}

unsigned
maria_ms_left(const struct maria_ctx *ctx)
{
    return baton_clock_left_ms(ctx->deadline_ms, MARIA_MARGIN_MS);
}

int
maria_check_meta(const struct maria_ctx *ctx)
{
    /* promoted_max, or master_max from Pacemaker before 2.1 */
    const char *max = baton_ocf_meta(ctx->ocf, "promoted_max");
    long long n = 0;

    /* Only the cluster's own calls carry the clone's meta attributes, and
     * they always name the node (crm_resource --validate gives neither).
     * A probe is not judged: the clone's meta attributes are for the
     * actions that run it */
    if ((baton_ocf_meta(ctx->ocf, "on_node") == NULL)
        || baton_ocf_is_probe(ctx->ocf)) {
        return BATON_RC_OK;
    }
    /* Pacemaker 2.1 gives no "promotable" to the agent, only the counts:
     * promotable means promoted_max > 0 (resource-agents' ocf_is_ms) */
    if (!baton_ocf_meta_true(ctx->ocf, "promotable")
        && ((max == NULL) || (baton_parse_int(max, &n) != BATON_RC_OK)
            || (n <= 0))) {
        baton_reason_set(ctx->why, "%s must be a promotable clone "
                         "(pcs resource create ... promotable notify=true)",
                         ctx->rsc);
        return BATON_RC_CONFIG;
    }
    if (!baton_ocf_meta_true(ctx->ocf, "notify")) {
        baton_reason_set(ctx->why, "%s must have the meta attribute "
                         "notify=true", ctx->rsc);
        return BATON_RC_CONFIG;
    }
    if ((max != NULL) && (strcmp(max, "1") != 0)) {
        baton_reason_set(ctx->why, "%s must have one promoted instance "
                         "(promoted-max=1), not %s", ctx->rsc, max);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

static int
check_datadir(struct maria_ctx *ctx, const struct passwd *pw)
{
    const char *dir = ctx->conf.datadir;
    char path[4096];
    struct stat st;

    if ((stat(dir, &st) != 0) || !S_ISDIR(st.st_mode)) {
        baton_reason_set(ctx->why, "Data directory %s does not exist on "
                         "this node", dir);
        return BATON_RC_NODE_CONFIG;
    }
    if (st.st_uid != pw->pw_uid) {
        baton_reason_set(ctx->why, "Data directory %s belongs to uid %u, "
                         "not to %s: chown it or set user", dir,
                         (unsigned) st.st_uid, pw->pw_name);
        return BATON_RC_NODE_CONFIG;
    }
    snprintf(path, sizeof(path), "%s/mysql", dir);
    if (!ctx->conf.enable_creation && (stat(path, &st) != 0)) {
        baton_reason_set(ctx->why, "%s holds no database (no mysql "
                         "directory): create it with mariadb-install-db "
                         "or set enable_creation=true", dir);
        return BATON_RC_NODE_CONFIG;
    }
    return BATON_RC_OK;
}

int
maria_check_node(struct maria_ctx *ctx)
{
    const struct passwd *pw = getpwnam(ctx->conf.user);

    if (pw == NULL) {
        baton_reason_set(ctx->why, "User %s does not exist on this node",
                         ctx->conf.user);
        return BATON_RC_NODE_CONFIG;
    }
    if (pw->pw_uid == 0) {
        baton_reason_set(ctx->why, "user must not be root: run the server "
                         "as its own user (mysql)");
        return BATON_RC_CONFIG;
    }
    if (getgrnam(ctx->conf.group) == NULL) {
        baton_reason_set(ctx->why, "Group %s does not exist on this node",
                         ctx->conf.group);
        return BATON_RC_NODE_CONFIG;
    }
    if (access(ctx->conf.binary, X_OK) != 0) {
        baton_reason_set(ctx->why, "%s is not an executable program here: "
                         "install mariadb-server or set binary",
                         ctx->conf.binary);
        return BATON_RC_NOT_INSTALLED;
    }
    if (access(ctx->conf.config, R_OK) != 0) {
        baton_reason_set(ctx->why, "Configuration file %s does not exist on "
                         "this node", ctx->conf.config);
        return BATON_RC_NODE_CONFIG;
    }
    return check_datadir(ctx, pw);
}

bool
maria_node_listed(const struct maria_ctx *ctx, const char *node)
{
    const char *p = ctx->conf.node_list;
    size_t len = strlen(node);

    if (p == NULL) {
        return true;
    }
    while (*(p += strspn(p, " ,\t")) != '\0') {
        size_t w = strcspn(p, " ,\t");

        if ((w == len) && (strncmp(p, node, len) == 0)) {
            return true;
        }
        p += w;
    }
    return false;
}
