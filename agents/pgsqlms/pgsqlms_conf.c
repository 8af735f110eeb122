/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:pgsqlms: the rules over several parameters, what an invocation
 * adds (node, resource name, deadline), the checks of the clone's meta
 * attributes and of this node's set-up, and the notification variables.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "pgsqlms.h"

#define PG_TEMPLATE_NAME  "recovery.conf.pcmk"
/*! Kept back from the action's timeout for the agent's own exit */
#define PG_MARGIN_MS      1000U
#define PG_META(x)        "OCF_RESKEY_CRM_meta_" x

int
pg_conf_check(void *conf_, baton_reason_t *why)
{
    struct pg_conf *conf = conf_;

    (void) why;
    if (conf->datadir == NULL) {
        conf->datadir = conf->pgdata;
    }
    if (conf->recovery_template != NULL) {
        conf->template_path = strdup(conf->recovery_template);
    } else if (asprintf(&conf->template_path, "%s/" PG_TEMPLATE_NAME,
                        conf->pgdata) < 0) {
        conf->template_path = NULL;
    }
    baton_assert_alloc(conf->template_path);
    return BATON_RC_OK;
}

void
pg_conf_free(void *conf_)
{
    struct pg_conf *conf = conf_;

    baton_free(conf->template_path);
}

/* The node name Pacemaker knows this node by */
static void
local_node(struct pg_ctx *ctx)
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
pg_ctx_init(struct pg_ctx *ctx, baton_ocf_t *ocf, baton_reason_t *why,
            bool lenient)
{
    const baton_params_t *params = baton_ocf_params(ocf);
    int rc;

    memset(ctx, 0, sizeof(*ctx));
    ctx->ocf = ocf;
    ctx->why = why;
    ctx->deadline_ms = baton_clock_now_ms() + baton_ocf_timeout_ms(ocf);
    ctx->instance = baton_ocf_instance(ocf);
    /* an anonymous clone's instance "pgsqld:1" scores as "pgsqld" */
    snprintf(ctx->rsc, sizeof(ctx->rsc), "%.*s",
             (int) strcspn(ctx->instance, ":"), ctx->instance);
    local_node(ctx);
    rc = lenient ? baton_params_parse_lenient(params, &ctx->conf, why)
                 : baton_params_parse(params, &ctx->conf, why);
    if (lenient && (ctx->conf.datadir == NULL)) {
        ctx->conf.datadir = ctx->conf.pgdata;
    }
    return rc;
}

void
pg_ctx_clear(struct pg_ctx *ctx)
{
    baton_params_conf_release(baton_ocf_params(ctx->ocf), &ctx->conf);
}

unsigned
pg_ms_left(const struct pg_ctx *ctx)
{
    return baton_clock_left_ms(ctx->deadline_ms, PG_MARGIN_MS);
}

/* A meta attribute with a value, or NULL */
static const char *
meta_value(const struct pg_ctx *ctx, const char *name)
{
    const char *v = baton_ocf_meta(ctx->ocf, name);

    return ((v != NULL) && (v[0] != '\0')) ? v : NULL;
}

int
pg_check_meta(const struct pg_ctx *ctx)
{
    const char *max = meta_value(ctx, "promoted_max");

    /* Only the cluster's own calls carry the clone's meta attributes, and
     * they always name the node (crm_resource --validate and a manual run
     * give neither) */
    if (baton_ocf_meta(ctx->ocf, "on_node") == NULL) {
        return BATON_RC_OK;
    }
    if (max == NULL) {
        max = meta_value(ctx, "master_max");
    }
    /* Pacemaker does not pass "promotable": the instances of a promotable
     * clone, and only they, get promoted_max (and master_max) */
    if ((max == NULL) && !baton_ocf_meta_true(ctx->ocf, "promotable")) {
        baton_reason_set(ctx->why, "%s must be a promotable clone "
                         "(pcs resource create ... promotable "
                         "notify=true)", ctx->rsc);
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
check_program(struct pg_ctx *ctx, const char *name)
{
    char path[4096];

    snprintf(path, sizeof(path), "%s/%s", ctx->conf.bindir, name);
    if (access(path, X_OK) != 0) {
        baton_reason_set(ctx->why, "%s is not an executable program: "
                         "install PostgreSQL or set bindir", path);
        return BATON_RC_NOT_INSTALLED;
    }
    return BATON_RC_OK;
}

/* The data directory exists, belongs to system_user, has a version we run */
static int
check_datadir(struct pg_ctx *ctx, const struct passwd *pw)
{
    const char *dirs[] = { ctx->conf.pgdata, ctx->conf.datadir };
    char path[4096];
    char version[16] = "";
    struct stat st;
    FILE *f = NULL;

    for (size_t i = 0; i < 2; i++) {
        if ((stat(dirs[i], &st) != 0) || !S_ISDIR(st.st_mode)) {
            baton_reason_set(ctx->why, "Data directory %s does not exist "
                             "on this node", dirs[i]);
            return BATON_RC_NODE_CONFIG;
        }
        if (st.st_uid != pw->pw_uid) {
            baton_reason_set(ctx->why, "Data directory %s belongs to uid "
                             "%u, not to %s: chown it or set system_user",
                             dirs[i], (unsigned) st.st_uid, pw->pw_name);
            return BATON_RC_NODE_CONFIG;
        }
    }
    snprintf(path, sizeof(path), "%s/PG_VERSION", ctx->conf.datadir);
    f = fopen(path, "re");
    if ((f == NULL) || (fgets(version, sizeof(version), f) == NULL)) {
        baton_reason_set(ctx->why, "%s cannot be read: %s is not a "
                         "PostgreSQL data directory", path,
                         ctx->conf.datadir);
        if (f != NULL) {
            fclose(f);
        }
        return BATON_RC_NODE_CONFIG;
    }
    fclose(f);
    if (atoi(version) < PG_VERSION_MIN) {
        baton_reason_set(ctx->why, "PostgreSQL %.*s in %s: version %d or "
                         "later is needed", (int) strcspn(version, "\n"),
                         version, ctx->conf.datadir, PG_VERSION_MIN);
        return BATON_RC_NOT_INSTALLED;
    }
    return BATON_RC_OK;
}

int
pg_check_node(struct pg_ctx *ctx)
{
    static const char *const programs[] = {
        "pg_ctl", "pg_controldata", "postgres",
    };
    const struct passwd *pw = getpwnam(ctx->conf.system_user);
    int rc = BATON_RC_OK;

    if (pw == NULL) {
        baton_reason_set(ctx->why, "System user %s does not exist on this "
                         "node", ctx->conf.system_user);
        return BATON_RC_NODE_CONFIG;
    }
    if (pw->pw_uid == 0) {
        baton_reason_set(ctx->why, "system_user must not be root: "
                         "PostgreSQL refuses to run as root");
        return BATON_RC_CONFIG;
    }
    for (size_t i = 0; (i < 3) && (rc == BATON_RC_OK); i++) {
        rc = check_program(ctx, programs[i]);
    }
    if (rc == BATON_RC_OK) {
        rc = check_datadir(ctx, pw);
    }
    if ((rc == BATON_RC_OK) && (access(ctx->conf.template_path, F_OK) == 0)) {
        baton_reason_set(ctx->why, "Recovery template %s exists: remove "
                         "it (PostgreSQL 12+ has the standby settings in "
                         "postgresql.conf)",
                         ctx->conf.template_path);
        rc = BATON_RC_NODE_CONFIG;
    }
    return rc;
}

/* Whether primary_conninfo names this node as application_name */
static bool
conninfo_names(const char *conninfo, const char *node)
{
    const char *p = conninfo;
    size_t len = strlen(node);

    while ((p = strstr(p, "application_name")) != NULL) {
        p += strlen("application_name");
        p += strspn(p, " ");
        if (*p != '=') {
            continue;
        }
        p++;
        p += strspn(p, " '");
        if ((strncmp(p, node, len) == 0)
            && (strchr(" '", p[len]) != NULL || p[len] == '\0')) {
            return true;
        }
    }
    return false;
}

int
pg_check_settings(struct pg_ctx *ctx, const struct pg_controldata *cd)
{
    char *value = NULL;
    int rc;

    if ((strcmp(cd->wal_level, "replica") != 0)
        && (strcmp(cd->wal_level, "logical") != 0)) {
        baton_reason_set(ctx->why, "wal_level is %s in %s: set it to "
                         "replica or logical", cd->wal_level,
                         ctx->conf.datadir);
        return BATON_RC_NODE_CONFIG;
    }
    rc = pg_setting(ctx, "recovery_target_timeline", &value);
    if ((rc == BATON_RC_OK) && (strcmp(value, "latest") != 0)) {
        baton_reason_set(ctx->why, "recovery_target_timeline is '%s': set "
                         "it to 'latest' so that standbys follow a new "
                         "primary", value);
        rc = BATON_RC_NODE_CONFIG;
    }
    baton_free(value);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    rc = pg_setting(ctx, "primary_conninfo", &value);
    if ((rc == BATON_RC_OK) && !conninfo_names(value, ctx->node)) {
        baton_warn("primary_conninfo is '%s'", value);
        baton_reason_set(ctx->why, "primary_conninfo must contain "
                         "application_name=%s (this node's name, by which "
                         "the primary ranks its standbys)", ctx->node);
        rc = BATON_RC_NODE_CONFIG;
    }
    baton_free(value);
    return rc;
}

