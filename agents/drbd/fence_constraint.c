/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The fence-peer handler's reading and writing of the CIB as XML trees
 * (libxml2, the tree type libcib hands over): the promotable clone of a
 * DRBD resource, the fencing constraint drbd-utils places (built,
 * compared, evaluated for a node, narrowed), the status of a node as
 * Pacemaker records it, and the cluster properties that matter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpath.h>

#include "fence_peer.h"

/* xmlGetProp() copies: these compare and free */
static bool
attr_is(xmlNode *n, const char *name, const char *want)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *) name);
    bool same = (v != NULL) && (strcmp((const char *) v, want) == 0);

    xmlFree(v);
    return same;
}

static bool
is(xmlNode *n, const char *name)
{
    return (n != NULL) && (n->type == XML_ELEMENT_NODE)
           && (strcmp((const char *) n->name, name) == 0);
}

static xmlNode *
child(xmlNode *n, const char *name)
{
    for (xmlNode *c = (n != NULL) ? n->children : NULL; c != NULL;
         c = c->next) {
        if (is(c, name)) {
            return c;
        }
    }
    return NULL;
}

/* The attribute's value inside the tree (borrowed; valid as \p n) */
static const char *
prop(xmlNode *n, const char *name)
{
    xmlAttr *a = xmlHasProp(n, (const xmlChar *) name);

    if ((a == NULL) || (a->children == NULL)
        || (a->children->content == NULL)) {
        return NULL;
    }
    return (const char *) a->children->content;
}

/* The first element matching an XPath (borrowed), or NULL */
static xmlNode *
xpath_first(xmlNode *root, const char *expr)
{
    xmlXPathContext *ctx = NULL;
    xmlXPathObject *res = NULL;
    xmlNode *found = NULL;

    if ((root == NULL) || (root->doc == NULL)) {
        return NULL;
    }
    ctx = xmlXPathNewContext(root->doc);
    if (ctx == NULL) {
        return NULL;
    }
    ctx->node = root;
    res = xmlXPathEvalExpression((const xmlChar *) expr, ctx);
    if ((res != NULL) && (res->nodesetval != NULL)
        && (res->nodesetval->nodeNr > 0)) {
        found = res->nodesetval->nodeTab[0];
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    return found;
}

/* A string literal for XPath: the value must not hold both quotes (CIB
 * names and node names never do) */
static bool
xpath_literal(const char *v, char *buf, size_t size)
{
    char q = (strchr(v, '\'') == NULL) ? '\'' : '"';

    if ((strchr(v, '\'') != NULL) && (strchr(v, '"') != NULL)) {
        return false;
    }
    return snprintf(buf, size, "%c%s%c", q, v, q) < (int) size;
}

const char *
fp_master_id(xmlNode *cib, const char *resource)
{
    char lit[300];
    char expr[600];
    xmlNode *clone;

    if (!xpath_literal(resource, lit, sizeof(lit))) {
        return NULL;
    }
    /* a clone (or a pre-2.0 master) with a primitive of that resource */
    snprintf(expr, sizeof(expr),
             ".//resources//*[self::clone or self::master]"
             "[.//primitive/instance_attributes/nvpair"
             "[@name='drbd_resource' and @value=%s]]", lit);
    clone = xpath_first(cib, expr);
    return (clone != NULL) ? prop(clone, "id") : NULL;
}

xmlNode *
fp_constraint_find(xmlNode *cib, const char *id)
{
    char lit[FP_ID_MAX + 4];
    char expr[FP_ID_MAX + 64];

    if (!xpath_literal(id, lit, sizeof(lit))) {
        return NULL;
    }
    snprintf(expr, sizeof(expr), ".//constraints/*[@id=%s]", lit);
    return xpath_first(cib, expr);
}

const char *
fp_role_default(xmlNode *cib)
{
    const char *v = (cib != NULL) ? prop(cib, "validate-with") : NULL;
    unsigned major = 0;
    unsigned minor = 0;

    /* the Promoted role came with schema pacemaker-3.7 (Pacemaker 2.1) */
    if ((v != NULL)
        && (sscanf(v, "pacemaker-%u.%u", &major, &minor) == 2)
        && ((major > 3) || ((major == 3) && (minor >= 7)))) {
        return "Promoted";
    }
    return "Master";
}

const char *
fp_node_attr(xmlNode *cib, const char *node, const char *attr)
{
    char nlit[BATON_NODE_NAME_MAX + 4];
    char alit[300];
    char expr[1024];
    xmlNode *nv;

    if (strcmp(attr, FP_UNAME_ATTR) == 0) {
        return node;
    }
    if (!xpath_literal(node, nlit, sizeof(nlit))
        || !xpath_literal(attr, alit, sizeof(alit))) {
        return NULL;
    }
    snprintf(expr, sizeof(expr), ".//configuration/nodes/node[@uname=%s]"
             "/instance_attributes/nvpair[@name=%s]", nlit, alit);
    nv = xpath_first(cib, expr);
    return (nv != NULL) ? prop(nv, "value") : NULL;
}

/* The attribute and value an expression for node \p n compares: the
 * fencing attribute when the node has it, else #uname (drbd-utils'
 * fallback) */
static void
node_term(xmlNode *cib, const char *attr, const char *node, const char **a,
          const char **v)
{
    const char *value = fp_node_attr(cib, node, attr);

    *a = (value != NULL) ? attr : FP_UNAME_ATTR;
    *v = (value != NULL) ? value : node;
}

xmlNode *
fp_constraint_new(xmlNode *cib, const char *prefix, const char *master,
                  const char *role, const char *attr,
                  const struct fp_lists *l)
{
    char id[FP_ID_MAX];
    xmlNode *c = xmlNewNode(NULL, (const xmlChar *) "rsc_location");
    xmlNode *rule = NULL;

    snprintf(id, sizeof(id), "%s-%s", prefix, master);
    xmlNewProp(c, (const xmlChar *) "rsc", (const xmlChar *) master);
    xmlNewProp(c, (const xmlChar *) "id", (const xmlChar *) id);
    rule = xmlNewChild(c, NULL, (const xmlChar *) "rule", NULL);
    /* double negation: no promotion but on a node with good data */
    xmlNewProp(rule, (const xmlChar *) "role", (const xmlChar *) role);
    xmlNewProp(rule, (const xmlChar *) "score",
               (const xmlChar *) "-INFINITY");
    snprintf(id, sizeof(id), "%s-rule-%s", prefix, master);
    xmlNewProp(rule, (const xmlChar *) "id", (const xmlChar *) id);
    for (size_t i = 0; i < l->n_include; i++) {
        xmlNode *e = xmlNewChild(rule, NULL, (const xmlChar *) "expression",
                                 NULL);
        const char *a = NULL;
        const char *v = NULL;

        node_term(cib, attr, l->include[i].name, &a, &v);
        xmlNewProp(e, (const xmlChar *) "attribute", (const xmlChar *) a);
        xmlNewProp(e, (const xmlChar *) "operation", (const xmlChar *) "ne");
        xmlNewProp(e, (const xmlChar *) "value", (const xmlChar *) v);
        snprintf(id, sizeof(id), "%s-expr-%d-%s", prefix, l->include[i].id,
                 master);
        xmlNewProp(e, (const xmlChar *) "id", (const xmlChar *) id);
    }
    return c;
}

static bool
same_str(const char *a, const char *b)
{
    return ((a == NULL) && (b == NULL))
           || ((a != NULL) && (b != NULL) && (strcmp(a, b) == 0));
}

/* Master and Promoted are one role under two names */
static bool
same_role(const char *a, const char *b)
{
    bool pa = (a != NULL) && ((strcasecmp(a, "Master") == 0)
                              || (strcasecmp(a, "Promoted") == 0));
    bool pb = (b != NULL) && ((strcasecmp(b, "Master") == 0)
                              || (strcasecmp(b, "Promoted") == 0));

    return (pa && pb) || same_str(a, b);
}

static size_t
count(xmlNode *n, const char *name)
{
    size_t k = 0;

    for (xmlNode *c = (n != NULL) ? n->children : NULL; c != NULL;
         c = c->next) {
        k += is(c, name);
    }
    return k;
}

/* Whether rule \p r has an expression like \p e (ids aside) */
static bool
has_expression(xmlNode *r, xmlNode *e)
{
    for (xmlNode *c = r->children; c != NULL; c = c->next) {
        if (is(c, "expression")
            && same_str(prop(c, "attribute"), prop(e, "attribute"))
            && same_str(prop(c, "operation"), prop(e, "operation"))
            && same_str(prop(c, "value"), prop(e, "value"))
            && same_str(prop(c, "type"), prop(e, "type"))) {
            return true;
        }
    }
    return false;
}

bool
fp_constraint_same(xmlNode *a, xmlNode *b)
{
    xmlNode *ra = child(a, "rule");
    xmlNode *rb = child(b, "rule");

    if (!is(a, "rsc_location") || !is(b, "rsc_location")
        || !same_str(prop(a, "rsc"), prop(b, "rsc")) || (ra == NULL)
        || (rb == NULL) || (count(a, "rule") != 1) || (count(b, "rule") != 1)
        || !same_role(prop(ra, "role"), prop(rb, "role"))
        || !same_str(prop(ra, "score"), prop(rb, "score"))
        || !same_str(prop(ra, "boolean-op"), prop(rb, "boolean-op"))
        || (count(ra, "expression") != count(rb, "expression"))) {
        return false;
    }
    for (xmlNode *e = ra->children; e != NULL; e = e->next) {
        if (is(e, "expression") && !has_expression(rb, e)) {
            return false;
        }
    }
    return true;
}

/* One expression for one node: true, false, or -1 when not understood */
static int
expression_holds(xmlNode *e, xmlNode *cib, const char *node)
{
    const char *attr = prop(e, "attribute");
    const char *op = prop(e, "operation");
    const char *want = prop(e, "value");
    const char *have;

    if ((attr == NULL) || (op == NULL)) {
        return -1;
    }
    have = fp_node_attr(cib, node, attr);
    if (strcmp(op, "defined") == 0) {
        return have != NULL;
    }
    if (strcmp(op, "not_defined") == 0) {
        return have == NULL;
    }
    if (want == NULL) {
        return -1;
    }
    if (strcmp(op, "ne") == 0) {
        return (have == NULL) || (strcmp(have, want) != 0);
    }
    if (strcmp(op, "eq") == 0) {
        return (have != NULL) && (strcmp(have, want) == 0);
    }
    return -1;
}

bool
fp_constraint_rejects(xmlNode *c, xmlNode *cib, const char *node)
{
    xmlNode *r = child(c, "rule");
    bool or = false;

    if (r == NULL) {
        return false;
    }
    or = attr_is(r, "boolean-op", "or");
    for (xmlNode *e = r->children; e != NULL; e = e->next) {
        int h;

        if (!is(e, "expression")) {
            continue;
        }
        h = expression_holds(e, cib, node);
        if (h < 0) {
            return false;     /* not ours to read: not a ban we know */
        }
        if (or && h) {
            return true;
        }
        if (!or && !h) {
            return false;
        }
    }
    /* "and": every expression held (also none: a ban everywhere); "or":
     * none did */
    return !or;
}

size_t
fp_constraint_narrowing(xmlNode *c, xmlNode *cib, const char *attr,
                        const struct fp_lists *l, xmlNode **out, size_t max)
{
    xmlNode *r = child(c, "rule");
    size_t n = 0;

    for (size_t i = 0; (r != NULL) && (i < l->n_exclude); i++) {
        const char *a = NULL;
        const char *v = NULL;

        node_term(cib, attr, l->exclude[i].name, &a, &v);
        for (xmlNode *e = r->children; (e != NULL) && (n < max);
             e = e->next) {
            if (is(e, "expression") && same_str(prop(e, "attribute"), a)
                && same_str(prop(e, "operation"), "ne")
                && same_str(prop(e, "value"), v)) {
                out[n++] = e;
            }
        }
    }
    return n;
}

/* A node_state attribute that Pacemaker 2.1.7 turned into a timestamp:
 * anything but the "no" value (and nothing) means yes */
static bool
yes_or_time(const char *v, const char *no)
{
    return (v != NULL) && (v[0] != '\0') && (strcmp(v, no) != 0)
           && (strcmp(v, "0") != 0);
}

void
fp_node_state_read(xmlNode *cib, const char *node, struct fp_node_state *ns)
{
    char lit[BATON_NODE_NAME_MAX + 4];
    char expr[BATON_NODE_NAME_MAX + 64];
    xmlNode *s = NULL;
    const char *v;

    memset(ns, 0, sizeof(*ns));
    if (!xpath_literal(node, lit, sizeof(lit))) {
        return;
    }
    snprintf(expr, sizeof(expr), ".//status/node_state[@uname=%s]", lit);
    s = xpath_first(cib, expr);
    if (s == NULL) {
        return;
    }
    ns->found = true;
    v = prop(s, "in_ccm");
    ns->in_ccm_known = (v != NULL);
    ns->in_ccm = yes_or_time(v, "false");
    v = prop(s, "crmd");
    ns->crmd_online = yes_or_time(v, "offline")
                      && (strcmp(v, "banned") != 0);
    ns->crmd_banned = same_str(v, "banned");
    ns->expected_down = same_str(prop(s, "expected"), "down");
    ns->ha_dead = same_str(prop(s, "ha"), "dead");
}

enum fp_peer
fp_peer_from_state(const struct fp_node_state *ns, bool stonith_enabled,
                   bool startup_fencing)
{
    bool will_fence = false;
    bool online = ns->crmd_online && !(ns->ha_dead && !stonith_enabled);

    if (!stonith_enabled) {
        /* nothing will fence it: what the status says is final */
        will_fence = false;
    } else if (!ns->found) {
        /* never seen: fenced at startup unless that is turned off */
        will_fence = startup_fencing;
    } else if (!ns->in_ccm_known || ns->crmd_banned) {
        will_fence = true;
    } else if (ns->expected_down && !ns->in_ccm && !online) {
        will_fence = false;   /* a clean shutdown, or a completed fencing */
    } else if (!ns->in_ccm || !online) {
        will_fence = true;
    }
    if (!will_fence && !online) {
        return (ns->expected_down && !ns->in_ccm) ? FP_PEER_FENCED
                                                  : FP_PEER_UNREACHABLE;
    }
    return FP_PEER_PENDING;
}

void
fp_cluster_props(xmlNode *cib, bool *stonith_enabled, bool *startup_fencing)
{
    static const char *const no[] = { "no", "n", "false", "0", "off" };
    const char *names[2][2] = {
        { "stonith-enabled", "stonith_enabled" },
        { "startup-fencing", "startup_fencing" },
    };
    bool *out[2] = { stonith_enabled, startup_fencing };

    for (size_t p = 0; p < 2; p++) {
        *out[p] = true;
        for (size_t k = 0; k < 2; k++) {
            char expr[200];
            xmlNode *nv;
            const char *v;

            snprintf(expr, sizeof(expr), ".//crm_config/cluster_property_set"
                     "/nvpair[@name='%s']", names[p][k]);
            nv = xpath_first(cib, expr);
            v = (nv != NULL) ? prop(nv, "value") : NULL;
            for (size_t i = 0; (v != NULL) && (i < 5); i++) {
                if (strcasecmp(v, no[i]) == 0) {
                    *out[p] = false;
                }
            }
        }
    }
}

char *
fp_xml_str(xmlNode *n)
{
    xmlBuffer *b = xmlBufferCreate();
    char *s = NULL;

    if (b == NULL) {
        return NULL;
    }
    if (xmlNodeDump(b, (n != NULL) ? n->doc : NULL, n, 0, 0) >= 0) {
        s = strdup((const char *) xmlBufferContent(b));
    }
    xmlBufferFree(b);
    return s;
}
