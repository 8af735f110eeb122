/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One resource's parameters checked against the Baton agent's own table:
 * each name (unknown, obsolete, no effect, deprecated, a known difference
 * of meaning), then all values together through baton_params_parse() and
 * the agent's conf_check, exactly as the agent will parse them.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "baton/rc.h"
#include "migrate.h"

/* Parameters the fencer itself reads (pcmk_host_list, pcmk_delay_max, ...)
 * and hands to no agent */
static bool
fencer_param(const char *name)
{
    return (strncmp(name, "pcmk_", 5) == 0) || (strcmp(name, "priority") == 0);
}

/* heartbeat's shell framework (ocf-shellfuncs) reads these for every agent
 * it runs; a Baton agent is not a shell script and has nothing to trace */
static bool
framework_param(const char *name)
{
    return (strcmp(name, "trace_ra") == 0)
           || (strcmp(name, "trace_file") == 0);
}

static const struct migrate_note *
anchor_note(const struct migrate_anchor *anchor, const char *name)
{
    if (anchor->notes == NULL) {
        return NULL;
    }
    for (const struct migrate_note *n = anchor->notes; n->param != NULL; n++) {
        if (strcmp(n->param, name) == 0) {
            return n;
        }
    }
    return NULL;
}

/* An obsolete parameter's value that asks for nothing (as params.c) */
static bool
obsolete_harmless(const struct baton_param_def *d, const char *value)
{
    bool b = false;

    if ((d->compat_value != NULL) && (value != NULL)
        && (strcmp(value, d->compat_value) == 0)) {
        return true;
    }
    return (d->type == BATON_PARAM_BOOLEAN) && (value != NULL)
           && (baton_parse_bool(value, &b) == BATON_RC_OK) && !b;
}

/* One parameter by name: true unless it stops the migration */
static bool
check_one(const char *id, const struct migrate_anchor *anchor,
          const struct baton_agent_def *def, const struct migrate_param *p,
          const struct migrate_opts *opts, struct migrate_report *report)
{
    const struct baton_param_def *d = baton_params_find(def, p->name);
    const struct migrate_note *note = anchor_note(anchor, p->name);

    if ((d == NULL) && (def->kind == BATON_AGENT_OCF)
        && framework_param(p->name)) {
        migrate_report_add(report, id, MIGRATE_NO_EFFECT,
                           "parameter %s: the shell tracing of heartbeat's "
                           "agents; %s is not a shell script and ignores "
                           "it (kept)", p->name, def->name);
        return true;
    }
    if (d == NULL) {
        if (opts->ignore_unknown) {
            migrate_report_add(report, id, MIGRATE_NO_EFFECT,
                               "parameter %s: %s has no such parameter and "
                               "ignores it (kept, --ignore-unknown)",
                               p->name, def->name);
            return true;
        }
        migrate_report_add(report, id, MIGRATE_REFUSED,
                           "parameter %s: %s has no such parameter and would "
                           "ignore it; remove it from the resource (pcs "
                           "resource update %s %s=) or rerun with "
                           "--ignore-unknown", p->name, def->name, id,
                           p->name);
        return false;
    }
    if (d->flags & BATON_PARAM_OBSOLETE) {
        if (obsolete_harmless(d, p->value)) {
            migrate_report_add(report, id, MIGRATE_NO_EFFECT,
                               "parameter %s=%s: asks for nothing and is "
                               "accepted with a warning (%s)", p->name,
                               baton_s(p->value, ""),
                               baton_s(d->note, "obsolete"));
            return true;
        }
        migrate_report_add(report, id, MIGRATE_REFUSED,
                           "parameter %s: %s", p->name,
                           baton_s(d->note, "the feature is not in Baton"));
        return false;
    }
    if (d->flags & BATON_PARAM_NO_EFFECT) {
        migrate_report_add(report, id, MIGRATE_NO_EFFECT,
                           "parameter %s: accepted for compatibility, has no "
                           "effect in %s", p->name, def->name);
    } else if (d->flags & BATON_PARAM_DEPRECATED) {
        migrate_report_add(report, id, MIGRATE_DIFFERS,
                           "parameter %s: deprecated (%s)", p->name,
                           baton_s(d->note, "see the agent's page"));
    } else if ((d->flags & BATON_PARAM_HIDDEN) && (d->note != NULL)) {
        migrate_report_add(report, id, MIGRATE_NO_EFFECT,
                           "parameter %s: %s", p->name, d->note);
    }
    if (note != NULL) {
        migrate_report_add(report, id, note->verdict, "parameter %s: %s",
                           p->name, note->text);
        return note->verdict != MIGRATE_REFUSED;
    }
    return true;
}

/* Every value of the unconditional sets plus those of one set with a rule
 * (NULL: none), parsed as the agent will parse them */
static bool
parse_set(const char *id, const struct baton_agent_def *def,
          const struct migrate_param *params, size_t n_params,
          const char *rule_set, struct migrate_report *report)
{
    baton_params_t *ps = baton_params_new(def);
    baton_reason_t why = BATON_REASON_INIT;
    void *conf = calloc(1, def->conf_size + 1);
    int rc;

    baton_assert_alloc(conf);
    for (size_t i = 0; i < n_params; i++) {
        const struct migrate_param *p = &params[i];

        if (p->conditional
            && ((rule_set == NULL) || (strcmp(p->set_id, rule_set) != 0))) {
            continue;
        }
        /* Unknown names and the fencer's own are not the agent's */
        (void) baton_params_set(ps, p->name, baton_s(p->value, ""));
    }
    rc = baton_params_parse(ps, conf, &why);
    if (rc == BATON_RC_OK) {
        baton_params_conf_release(ps, conf);
    } else if (rule_set != NULL) {
        migrate_report_add(report, id, MIGRATE_REFUSED,
                           "refused by %s (with the values of rule set %s): "
                           "%s", def->name, rule_set, why.text);
    } else {
        migrate_report_add(report, id, MIGRATE_REFUSED, "refused by %s: %s",
                           def->name, why.text);
    }
    free(conf);
    baton_params_free(ps);
    return rc == BATON_RC_OK;
}

static bool
has_action(const struct baton_agent_def *def, const char *name)
{
    for (size_t i = 0; i < def->n_actions; i++) {
        if (strcmp(def->actions[i].name, name) == 0) {
            return true;
        }
    }
    return false;
}

/* Operations and clone settings against the agent's actions */
static bool
check_context(const char *id, const struct baton_agent_def *def,
              const struct migrate_context *ctx,
              struct migrate_report *report)
{
    bool ok = true;

    if (ctx->promotable && !has_action(def, "promote")) {
        migrate_report_add(report, id, MIGRATE_REFUSED,
                           "it is in a promotable clone, and %s has no "
                           "promote action", def->name);
        ok = false;
    }
    if (ctx->promotable && has_action(def, "notify") && !ctx->notify) {
        migrate_report_add(report, id, MIGRATE_DIFFERS,
                           "its promotable clone does not set notify=true, "
                           "which %s's notify action expects (see its page)",
                           def->name);
    }
    for (size_t i = 0; (ctx->ops != NULL) && (ctx->ops[i] != NULL); i++) {
        const char *op = ctx->ops[i];

        if ((def->kind == BATON_AGENT_OCF) && !has_action(def, op)) {
            migrate_report_add(report, id, MIGRATE_NO_EFFECT,
                               "operation %s: %s has no such action; the "
                               "entry only sets values Pacemaker will not "
                               "use", op, def->name);
        }
    }
    return ok;
}

bool
migrate_check_params(const char *id, const struct migrate_anchor *anchor,
                     const struct baton_agent_def *def,
                     const struct migrate_param *params, size_t n_params,
                     const struct migrate_context *ctx,
                     const struct migrate_opts *opts,
                     struct migrate_report *report)
{
    bool ok = check_context(id, def, ctx, report);
    bool any_rule = false;

    for (size_t i = 0; i < n_params; i++) {
        if ((def->kind == BATON_AGENT_FENCE) && fencer_param(params[i].name)) {
            continue;
        }
        ok = check_one(id, anchor, def, &params[i], opts, report) && ok;
        any_rule = any_rule || params[i].conditional;
    }
    if (!ok) {
        return false;
    }
    if (!parse_set(id, def, params, n_params, NULL, report)) {
        return false;
    }
    /* Each set with a rule applies on top of the unconditional ones */
    for (size_t i = 0; any_rule && (i < n_params); i++) {
        bool first = params[i].conditional;

        for (size_t j = 0; first && (j < i); j++) {
            first = !params[j].conditional
                    || (strcmp(params[j].set_id, params[i].set_id) != 0);
        }
        if (first && !parse_set(id, def, params, n_params, params[i].set_id,
                                report)) {
            return false;
        }
    }
    return true;
}
