/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Metadata XML from an agent's parameter table, built with libxml2.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "baton/meta.h"
#include "baton/rc.h"

#define X(s) ((const xmlChar *) (s))

static xmlNodePtr
add_desc(xmlNodePtr parent, const char *elem, const char *text)
{
    xmlNodePtr node = xmlNewTextChild(parent, NULL, X(elem),
                                      X(baton_s(text, "")));

    xmlNewProp(node, X("lang"), X("en"));
    return node;
}

static void
add_content(xmlNodePtr parent, const struct baton_param_def *p)
{
    xmlNodePtr content = xmlNewChild(parent, NULL, X("content"), NULL);

    xmlNewProp(content, X("type"), X(baton_param_type_str(p->type)));
    if (p->dflt != NULL) {
        xmlNewProp(content, X("default"), X(p->dflt));
    }
    for (size_t i = 0; (p->type == BATON_PARAM_SELECT) && (p->choices != NULL)
                       && (p->choices[i] != NULL); i++) {
        xmlNodePtr opt = xmlNewChild(content, NULL, X("option"), NULL);

        xmlNewProp(opt, X("value"), X(p->choices[i]));
    }
}

static void
add_ocf_param(xmlNodePtr params, const struct baton_param_def *p)
{
    xmlNodePtr node = xmlNewChild(params, NULL, X("parameter"), NULL);

    xmlNewProp(node, X("name"), X(p->name));
    if (p->unique_group != NULL) {
        xmlNewProp(node, X("unique-group"), X(p->unique_group));
    }
    if ((p->flags & BATON_PARAM_UNIQUE) != 0) {
        xmlNewProp(node, X("unique"), X("1"));
    }
    xmlNewProp(node, X("required"),
               X(((p->flags & BATON_PARAM_REQUIRED) != 0) ? "1" : "0"));
    if ((p->flags & BATON_PARAM_RELOADABLE) != 0) {
        xmlNewProp(node, X("reloadable"), X("1"));
    }
    if ((p->flags & BATON_PARAM_DEPRECATED) != 0) {
        xmlNodePtr dep = xmlNewChild(node, NULL, X("deprecated"), NULL);

        add_desc(dep, "desc", baton_s(p->note, "Deprecated"));
    }
    add_desc(node, "longdesc", p->longdesc);
    add_desc(node, "shortdesc", p->shortdesc);
    add_content(node, p);
}

static void
add_ocf_action(xmlNodePtr actions, const struct baton_action_def *a)
{
    xmlNodePtr node = xmlNewChild(actions, NULL, X("action"), NULL);
    char buf[32];

    xmlNewProp(node, X("name"), X(a->name));
    snprintf(buf, sizeof(buf), "%us", a->timeout_s);
    xmlNewProp(node, X("timeout"), X(buf));
    if (a->interval_s > 0) {
        snprintf(buf, sizeof(buf), "%us", a->interval_s);
        xmlNewProp(node, X("interval"), X(buf));
    }
    if (a->depth > 0) {
        snprintf(buf, sizeof(buf), "%u", a->depth);
        xmlNewProp(node, X("depth"), X(buf));
    }
    if (a->role != NULL) {
        xmlNewProp(node, X("role"), X(a->role));
    }
}

static xmlNodePtr
ocf_tree(const struct baton_agent_def *def)
{
    xmlNodePtr root = xmlNewNode(NULL, X("resource-agent"));
    xmlNodePtr params = NULL;
    xmlNodePtr actions = NULL;

    xmlNewProp(root, X("name"), X(def->name));
    xmlNewProp(root, X("version"), X(def->version));
    xmlNewTextChild(root, NULL, X("version"), X("1.1"));
    add_desc(root, "longdesc", def->longdesc);
    add_desc(root, "shortdesc", def->shortdesc);
    params = xmlNewChild(root, NULL, X("parameters"), NULL);
    for (size_t i = 0; i < def->n_params; i++) {
        if ((def->params[i].flags & BATON_PARAM_HIDDEN) == 0) {
            add_ocf_param(params, &def->params[i]);
        }
    }
    actions = xmlNewChild(root, NULL, X("actions"), NULL);
    for (size_t i = 0; i < def->n_actions; i++) {
        add_ocf_action(actions, &def->actions[i]);
    }
    return root;
}

/* fence-agents' getopt text: "-a, --ip=[ip]" */
static void
fence_getopt(const struct baton_param_def *p, const char *name, char *buf,
             size_t len)
{
    char opt[64];
    size_t n = 0;

    snprintf(opt, sizeof(opt), "%s", name);
    for (char *c = opt; *c != '\0'; c++) {
        *c = (*c == '_') ? '-' : *c;
    }
    if (p->short_opt != '\0') {
        n = (size_t) snprintf(buf, len, "-%c, ", p->short_opt);
    }
    snprintf(buf + n, len - n, "--%s%s%s", opt, (p->arg_name != NULL) ? "=" : "",
             baton_s(p->arg_name, ""));
}

static void
add_fence_param(xmlNodePtr params, const struct baton_param_def *p,
                const char *name, bool alias)
{
    xmlNodePtr node = xmlNewChild(params, NULL, X("parameter"), NULL);
    xmlNodePtr getopt = NULL;
    char buf[160];
    bool deprecated = alias || ((p->flags & BATON_PARAM_DEPRECATED) != 0);

    xmlNewProp(node, X("name"), X(name));
    xmlNewProp(node, X("unique"), X("0"));
    xmlNewProp(node, X("required"),
               X((!alias && (p->flags & BATON_PARAM_REQUIRED) != 0) ? "1" : "0"));
    if (deprecated) {
        xmlNewProp(node, X("deprecated"), X("1"));
    } else if (p->aliases != NULL) {
        xmlNewProp(node, X("obsoletes"), X(p->aliases));
    }
    fence_getopt(p, name, buf, sizeof(buf));
    getopt = xmlNewChild(node, NULL, X("getopt"), NULL);
    xmlNewProp(getopt, X("mixed"), X(buf));
    add_content(node, p);
    add_desc(node, "shortdesc", p->shortdesc);
}

static void
add_fence_aliases(xmlNodePtr params, const struct baton_param_def *p)
{
    const char *a = p->aliases;

    while ((a != NULL) && (*a != '\0')) {
        size_t len = strcspn(a, " ");
        char name[64];

        if ((len > 0) && (len < sizeof(name))) {
            memcpy(name, a, len);
            name[len] = '\0';
            add_fence_param(params, p, name, true);
        }
        a += len;
        a += strspn(a, " ");
    }
}

static xmlNodePtr
fence_tree(const struct baton_agent_def *def)
{
    xmlNodePtr root = xmlNewNode(NULL, X("resource-agent"));
    xmlNodePtr params = NULL;
    xmlNodePtr actions = NULL;

    xmlNewProp(root, X("name"), X(def->name));
    xmlNewProp(root, X("shortdesc"), X(def->shortdesc));
    xmlNewTextChild(root, NULL, X("longdesc"), X(def->longdesc));
    xmlNewTextChild(root, NULL, X("vendor-url"), X(BATON_VENDOR_URL));
    params = xmlNewChild(root, NULL, X("parameters"), NULL);
    for (size_t i = 0; i < def->n_params; i++) {
        const struct baton_param_def *p = &def->params[i];

        if ((p->flags & BATON_PARAM_HIDDEN) == 0) {
            add_fence_param(params, p, p->name, false);
            add_fence_aliases(params, p);
        }
    }
    actions = xmlNewChild(root, NULL, X("actions"), NULL);
    for (size_t i = 0; i < def->n_actions; i++) {
        xmlNodePtr a = xmlNewChild(actions, NULL, X("action"), NULL);

        xmlNewProp(a, X("name"), X(def->actions[i].name));
        if (def->actions[i].on_target) {
            xmlNewProp(a, X("on_target"), X("1"));
        }
        if (def->actions[i].automatic) {
            xmlNewProp(a, X("automatic"), X("1"));
        }
    }
    return root;
}

int
baton_meta_xml(const struct baton_agent_def *def, char **xml)
{
    xmlDocPtr doc = xmlNewDoc(X("1.0"));
    xmlChar *buf = NULL;
    int len = 0;

    *xml = NULL;
    if (def->kind == BATON_AGENT_OCF) {
        /* ocf-tester validates with xmllint --valid against the DTD that
         * heartbeat agents declare; without a DOCTYPE it fails at once */
        xmlCreateIntSubset(doc, X("resource-agent"), NULL,
                           X("ra-api-1.dtd"));
    }
    xmlDocSetRootElement(doc, (def->kind == BATON_AGENT_FENCE)
                              ? fence_tree(def) : ocf_tree(def));
    xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
    xmlFreeDoc(doc);
    if (buf == NULL) {
        return ENOMEM;
    }
    *xml = strndup((const char *) buf, (size_t) len);
    xmlFree(buf);
    return (*xml != NULL) ? BATON_RC_OK : ENOMEM;
}
