/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The CIB walk: every primitive (and template) whose agent is an anchor
 * gets its Baton agent when every parameter passes the Baton agent's
 * table. Only the class/provider/type attributes change: ids, operations,
 * meta attributes, groups, clones and constraints are left as they are.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpath.h>

#include "baton/params.h"
#include "baton/rc.h"
#include "migrate.h"

#define MAX_PARAMS 256
#define MAX_OPS 64

static bool
is_elem(const xmlNode *n, const char *name)
{
    return (n != NULL) && (n->type == XML_ELEMENT_NODE)
           && (strcmp((const char *) n->name, name) == 0);
}

/* An attribute's value, borrowed from the document (libxml2 keeps it in
 * the attribute's text child) */
static const char *
attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
        if ((strcmp((const char *) a->name, name) == 0)
            && (a->children != NULL)) {
            return (const char *) a->children->content;
        }
    }
    return NULL;
}

/* The element with this id anywhere in the document (id-ref) */
static xmlNode *
find_id(xmlNode *n, const char *id)
{
    for (; n != NULL; n = n->next) {
        const char *nid = NULL;
        xmlNode *found = NULL;

        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        nid = attr(n, "id");
        if ((nid != NULL) && (strcmp(nid, id) == 0) && (attr(n, "id-ref") == NULL)) {
            return n;
        }
        found = find_id(n->children, id);
        if (found != NULL) {
            return found;
        }
    }
    return NULL;
}

/* A set given by reference (<meta_attributes id-ref="x"/>) */
static xmlNode *
resolve_set(xmlNode *set)
{
    const char *ref = attr(set, "id-ref");

    if (ref == NULL) {
        return set;
    }
    return find_id(xmlDocGetRootElement(set->doc), ref);
}

static bool
set_has_rule(const xmlNode *set)
{
    for (const xmlNode *c = set->children; c != NULL; c = c->next) {
        if (is_elem(c, "rule")) {
            return true;
        }
    }
    return false;
}

/* A meta attribute of a clone is true (notify, promotable) */
static bool
meta_true(xmlNode *rsc, const char *name)
{
    for (xmlNode *s = rsc->children; s != NULL; s = s->next) {
        xmlNode *set = is_elem(s, "meta_attributes") ? resolve_set(s) : NULL;

        for (xmlNode *nv = (set != NULL) ? set->children : NULL; nv != NULL;
             nv = nv->next) {
            const char *n = is_elem(nv, "nvpair") ? attr(nv, "name") : NULL;
            const char *v = attr(nv, "value");
            bool b = false;

            if ((n != NULL) && (strcmp(n, name) == 0) && (v != NULL)
                && (baton_parse_bool(v, &b) == BATON_RC_OK) && b) {
                return true;
            }
        }
    }
    return false;
}

/* The clone (or legacy master) around a primitive, directly or around its
 * group */
static void
clone_context(xmlNode *prim, struct migrate_context *ctx)
{
    xmlNode *p = prim->parent;

    if (is_elem(p, "group")) {
        p = p->parent;
    }
    if (is_elem(p, "master")) {
        ctx->in_clone = ctx->promotable = true;
    } else if (is_elem(p, "clone")) {
        ctx->in_clone = true;
        ctx->promotable = meta_true(p, "promotable");
    } else {
        return;
    }
    ctx->notify = meta_true(p, "notify");
}

static size_t
collect_params(xmlNode *prim, struct migrate_param *params, size_t max)
{
    size_t n = 0;

    for (xmlNode *s = prim->children; s != NULL; s = s->next) {
        xmlNode *set = is_elem(s, "instance_attributes") ? resolve_set(s)
                                                         : NULL;
        bool cond = (set != NULL) && set_has_rule(set);

        for (xmlNode *nv = (set != NULL) ? set->children : NULL;
             (nv != NULL) && (n < max); nv = nv->next) {
            if (!is_elem(nv, "nvpair") || (attr(nv, "name") == NULL)) {
                continue;
            }
            params[n++] = (struct migrate_param) {
                .name = attr(nv, "name"), .value = attr(nv, "value"),
                .set_id = baton_s(attr(set, "id"), ""), .conditional = cond,
            };
        }
    }
    return n;
}

static size_t
collect_ops(xmlNode *prim, const char **ops, size_t max)
{
    size_t n = 0;

    for (xmlNode *s = prim->children; s != NULL; s = s->next) {
        if (!is_elem(s, "operations")) {
            continue;
        }
        for (xmlNode *op = s->children; (op != NULL) && (n + 1 < max);
             op = op->next) {
            if (is_elem(op, "op") && (attr(op, "name") != NULL)) {
                ops[n++] = attr(op, "name");
            }
        }
    }
    ops[n] = NULL;
    return n;
}

static bool
selected(const struct migrate_opts *opts, const char *id)
{
    if (opts->only == NULL) {
        return true;
    }
    for (size_t i = 0; opts->only[i] != NULL; i++) {
        if (strcmp(opts->only[i], id) == 0) {
            return true;
        }
    }
    return false;
}

/* One primitive or template */
static void
migrate_rsc(xmlNode *prim, const struct migrate_opts *opts,
            struct migrate_report *report)
{
    const char *id = baton_s(attr(prim, "id"), "(no id)");
    const char *cls = attr(prim, "class");
    const char *prov = attr(prim, "provider");
    const char *type = attr(prim, "type");
    const struct migrate_anchor *anchor = migrate_anchor_find(cls, prov, type);
    const struct baton_agent_def *def = NULL;
    struct migrate_param params[MAX_PARAMS];
    const char *ops[MAX_OPS];
    struct migrate_context ctx = { .ops = ops };
    char from[256], to[256];
    size_t n;

    if ((anchor == NULL) || !selected(opts, id)) {
        return;
    }
    migrate_agent_spec(cls, prov, type, from, sizeof(from));
    migrate_agent_spec(cls, anchor->to_provider, anchor->to_type, to,
                       sizeof(to));
    def = migrate_anchor_agent(anchor);
    if (def == NULL) {
        migrate_report_add(report, id, MIGRATE_REFUSED,
                           "%s: no Baton equivalent yet (%s is not in this "
                           "build of baton-migrate)", from, to);
        report->n_no_equivalent++;
        return;
    }
    n = collect_params(prim, params, MAX_PARAMS);
    collect_ops(prim, ops, MAX_OPS);
    clone_context(prim, &ctx);
    if (!migrate_check_params(id, anchor, def, params, n, &ctx, opts,
                              report)) {
        migrate_report_add(report, id, MIGRATE_REFUSED,
                           "left on %s: fix what is said above and run "
                           "again", from);
        report->n_refused++;
        return;
    }
    if (anchor->to_provider != NULL) {
        xmlSetProp(prim, BAD_CAST "provider", BAD_CAST anchor->to_provider);
    }
    xmlSetProp(prim, BAD_CAST "type", BAD_CAST anchor->to_type);
    report->n_migrated++;
    migrate_report_add(report, id, MIGRATE_SAME, "%s -> %s; %s: %s", from, to,
                       anchor->adopts ? "no restart" : "restarts once",
                       baton_s(anchor->adopt_text,
                               "whether the Baton agent's probe recognises "
                               "the running instance is not established"));
}

/* A rule of rsc_defaults / op_defaults that matches an anchor agent stops
 * matching once the agent changes: say so */
static void
check_rsc_expressions(xmlNode *n, struct migrate_report *report)
{
    for (; n != NULL; n = n->next) {
        if (is_elem(n, "rsc_expression")
            && (migrate_anchor_find(attr(n, "class"), attr(n, "provider"),
                                    attr(n, "type")) != NULL)) {
            migrate_report_add(report, baton_s(attr(n, "id"), "(rule)"),
                               MIGRATE_DIFFERS,
                               "this rule expression names the agent %s:%s: "
                               "it no longer matches the migrated resources",
                               baton_s(attr(n, "class"), ""),
                               baton_s(attr(n, "type"), ""));
        }
        if (n->type == XML_ELEMENT_NODE) {
            check_rsc_expressions(n->children, report);
        }
    }
}

static void
walk(xmlNode *n, const struct migrate_opts *opts,
     struct migrate_report *report)
{
    for (; n != NULL; n = n->next) {
        if (is_elem(n, "primitive") || is_elem(n, "template")) {
            migrate_rsc(n, opts, report);
        } else if (n->type == XML_ELEMENT_NODE) {
            walk(n->children, opts, report);
        }
    }
}

static xmlNode *
child(xmlNode *n, const char *name)
{
    for (xmlNode *c = (n != NULL) ? n->children : NULL; c != NULL;
         c = c->next) {
        if (is_elem(c, name)) {
            return c;
        }
    }
    return NULL;
}

int
migrate_cib(xmlDocPtr doc, const struct migrate_opts *opts,
            struct migrate_report *report)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *config = NULL;
    xmlNode *resources = NULL;

    if (!is_elem(root, "cib")) {
        fprintf(stderr, "baton-migrate: the document is not a CIB "
                "(its root is not <cib>)\n");
        return -1;
    }
    config = child(root, "configuration");
    resources = child(config, "resources");
    if (resources == NULL) {
        fprintf(stderr, "baton-migrate: the CIB has no "
                "configuration/resources section\n");
        return -1;
    }
    walk(resources->children, opts, report);
    check_rsc_expressions(config->children, report);
    return 0;
}

void
migrate_report_add(struct migrate_report *report, const char *id,
                   enum migrate_verdict verdict, const char *fmt, ...)
{
    struct migrate_line *lines = NULL;
    va_list ap;
    char *text = NULL;
    int len;

    va_start(ap, fmt);
    len = vasprintf(&text, fmt, ap);
    va_end(ap);
    baton_assert_alloc((len < 0) ? NULL : text);
    lines = calloc(report->n_lines + 1, sizeof(*lines));
    baton_assert_alloc(lines);
    if (report->n_lines > 0) {
        memcpy(lines, report->lines, report->n_lines * sizeof(*lines));
    }
    free(report->lines);
    report->lines = lines;
    lines[report->n_lines].id = strdup(id);
    baton_assert_alloc(lines[report->n_lines].id);
    lines[report->n_lines].text = text;
    lines[report->n_lines].verdict = verdict;
    report->n_lines++;
}

static const char *
verdict_str(enum migrate_verdict v)
{
    switch (v) {
    case MIGRATE_SAME:
        return "migrated";
    case MIGRATE_DIFFERS:
        return "differs";
    case MIGRATE_NO_EFFECT:
        return "no effect";
    case MIGRATE_REFUSED:
        return "refused";
    }
    return "?";
}

void
migrate_report_print(const struct migrate_report *report, FILE *out)
{
    for (size_t i = 0; i < report->n_lines; i++) {
        const struct migrate_line *l = &report->lines[i];

        fprintf(out, "%s: %s: %s\n", l->id, verdict_str(l->verdict), l->text);
    }
    fprintf(out, "%zu migrated, %zu refused, %zu without a Baton equivalent "
            "yet\n", report->n_migrated, report->n_refused,
            report->n_no_equivalent);
}

void
migrate_report_free(struct migrate_report *report)
{
    for (size_t i = 0; i < report->n_lines; i++) {
        free(report->lines[i].id);
        free(report->lines[i].text);
    }
    free(report->lines);
    memset(report, 0, sizeof(*report));
}
