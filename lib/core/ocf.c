/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The OCF runtime: invocation, meta variables and action dispatch.
 */
#include <stdlib.h>
#include <string.h>

#include "baton/log.h"
#include "baton/ocf.h"

#define BATON_OCF_META_PREFIX   "OCF_RESKEY_CRM_meta_"
#define BATON_OCF_CHECK_LEVEL   "OCF_CHECK_LEVEL"
#define BATON_OCF_INSTANCE      "OCF_RESOURCE_INSTANCE"

struct baton_ocf_s {
    const struct baton_agent_def *def;
    const char *action;             /* borrowed from argv */
    char *const *envp;              /* borrowed */
    baton_params_t *params;         /* owned */
};

static const char *
env_lookup(char *const *envp, const char *prefix, const char *name)
{
    size_t plen = strlen(prefix);
    size_t nlen = strlen(name);

    for (char *const *e = envp; (e != NULL) && (*e != NULL); e++) {
        if ((strncmp(*e, prefix, plen) == 0)
            && (strncmp(*e + plen, name, nlen) == 0)
            && ((*e)[plen + nlen] == '=')) {
            return *e + plen + nlen + 1;
        }
    }
    return NULL;
}

/* The actions where a harmless obsolete parameter is worth a warning: the
 * ones an administrator runs or watches when the configuration changes.
 * A recurring monitor (every few seconds), stop, promote, demote and notify
 * accept it quietly, or the warning would fill the log. */
static bool
warns_obsolete(const baton_ocf_t *ocf)
{
    return (strcmp(ocf->action, BATON_OCF_ACTION_VALIDATE) == 0)
           || (strcmp(ocf->action, BATON_OCF_ACTION_START) == 0)
           || (strcmp(ocf->action, BATON_OCF_ACTION_RELOAD) == 0)
           || (strcmp(ocf->action, BATON_OCF_ACTION_RELOAD_AGENT) == 0)
           || baton_ocf_is_probe(ocf);
}

const char *
baton_env_get(char *const *envp, const char *name)
{
    return env_lookup(envp, name, "");
}

baton_ocf_t *
baton_ocf_new(const struct baton_agent_def *def, int argc, char *const *argv,
              char *const *envp)
{
    baton_ocf_t *ocf = calloc(1, sizeof(*ocf));

    baton_assert_alloc(ocf);
    ocf->def = def;
    ocf->envp = envp;
    ocf->action = (argc > 1) ? argv[1] : "";
    if (strcmp(ocf->action, BATON_OCF_ACTION_STATUS) == 0) {
        ocf->action = BATON_OCF_ACTION_MONITOR;
    }
    ocf->params = baton_params_new(def);
    baton_params_load_env(ocf->params, envp);
    baton_params_set_quiet_obsolete(ocf->params, !warns_obsolete(ocf));
    return ocf;
}

void
baton_ocf_free(baton_ocf_t *ocf)
{
    if (ocf == NULL) {
        return;
    }
    baton_params_free(ocf->params);
    free(ocf);
}

const char *
baton_ocf_action(const baton_ocf_t *ocf)
{
    return ocf->action;
}

const baton_params_t *
baton_ocf_params(const baton_ocf_t *ocf)
{
    return ocf->params;
}

/* The meta attributes of promotable clones that Pacemaker 3.0 passes only
 * under the new name, and Pacemaker 2.1 (and older releases, or a CIB
 * still written with the old names) under the old one too: asking for the
 * new name finds either, here, once */
static const char *const meta_legacy[][2] = {
    { "promoted_max", "master_max" },
    { "promoted_node_max", "master_node_max" },
    { "notify_promoted_uname", "notify_master_uname" },
    { "notify_promoted_resource", "notify_master_resource" },
    { "notify_unpromoted_uname", "notify_slave_uname" },
    { "notify_unpromoted_resource", "notify_slave_resource" },
};

const char *
baton_ocf_meta(const baton_ocf_t *ocf, const char *name)
{
    const char *v = env_lookup(ocf->envp, BATON_OCF_META_PREFIX, name);

    for (size_t i = 0; (v == NULL) && (name != NULL)
                       && (i < BATON_N_ELEMENTS(meta_legacy)); i++) {
        if (strcmp(name, meta_legacy[i][0]) == 0) {
            v = env_lookup(ocf->envp, BATON_OCF_META_PREFIX, meta_legacy[i][1]);
        }
    }
    return v;
}

bool
baton_ocf_meta_true(const baton_ocf_t *ocf, const char *name)
{
    const char *v = baton_ocf_meta(ocf, name);
    bool b = false;

    return (v != NULL) && (baton_parse_bool(v, &b) == BATON_RC_OK) && b;
}

static unsigned long
meta_ulong(const baton_ocf_t *ocf, const char *name, unsigned long dflt)
{
    long long v = 0;

    if ((baton_parse_int(baton_ocf_meta(ocf, name), &v) != BATON_RC_OK)
        || (v < 0)) {
        return dflt;
    }
    return (unsigned long) v;
}

unsigned long
baton_ocf_interval_ms(const baton_ocf_t *ocf)
{
    return meta_ulong(ocf, "interval", 0);
}

/* The action's timeout in the agent's table, or the last resort */
static unsigned long
table_timeout_ms(const baton_ocf_t *ocf)
{
    for (size_t i = 0; i < ocf->def->n_actions; i++) {
        if (strcmp(ocf->def->actions[i].name, ocf->action) == 0) {
            return ocf->def->actions[i].timeout_s * 1000UL;
        }
    }
    return BATON_OCF_TIMEOUT_FALLBACK_MS;
}

unsigned long
baton_ocf_timeout_ms(const baton_ocf_t *ocf)
{
    return meta_ulong(ocf, "timeout", table_timeout_ms(ocf));
}

int
baton_ocf_check_level(const baton_ocf_t *ocf)
{
    long long v = 0;

    if (baton_parse_int(env_lookup(ocf->envp, BATON_OCF_CHECK_LEVEL, ""),
                        &v) != BATON_RC_OK) {
        return 0;
    }
    return (int) v;
}

bool
baton_ocf_is_probe(const baton_ocf_t *ocf)
{
    return (strcmp(ocf->action, BATON_OCF_ACTION_MONITOR) == 0)
           && (baton_ocf_interval_ms(ocf) == 0);
}

const char *
baton_ocf_instance(const baton_ocf_t *ocf)
{
    const char *inst = env_lookup(ocf->envp, BATON_OCF_INSTANCE, "");

    return (inst != NULL) ? inst : ocf->def->name;
}

int
baton_ocf_dispatch(baton_ocf_t *ocf, const struct baton_ocf_op *ops,
                   enum baton_res_state *state, baton_reason_t *why)
{
    *state = BATON_RES_UNKNOWN;
    for (const struct baton_ocf_op *op = ops; op->action != NULL; op++) {
        if (strcmp(op->action, ocf->action) == 0) {
            baton_debug("Running %s", ocf->action);
            return op->fn(ocf, state, why);
        }
    }
    if (strcmp(ocf->action, BATON_OCF_ACTION_VALIDATE) == 0) {
        return baton_params_check_all(ocf->params, why);
    }
    if (ocf->action[0] == '\0') {
        baton_reason_set(why, "No action given");
        return BATON_RC_USAGE;
    }
    baton_reason_set(why, "Action %s is not implemented by %s", ocf->action,
                     ocf->def->name);
    return BATON_RC_UNIMPLEMENTED;
}
