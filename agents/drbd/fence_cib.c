/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The fence-peer handler's CIB client through Pacemaker's libcib: one
 * sign-on, synchronous calls each with its own timeout. Updates are made
 * so that a concurrent writer's change is never lost: a new constraint is
 * created (which fails when another handler created it first), narrowing
 * removes single expressions by the path of their ids.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>

#include "baton/rc.h"
#include "fence_cib.h"

#define FP_CONSTRAINTS "constraints"

struct fp_cib_s {
    cib_t *cib;
};

/* Pacemaker's legacy codes (0, -errno, -pcmk_err_*) to Baton's, once */
static int
rc_from_pcmk(int rc)
{
    if (rc == pcmk_ok) {
        return BATON_RC_OK;
    }
    switch (-rc) {
        case ETIME:
        case ETIMEDOUT:
            return BATON_RC_TIMEOUT;
        case ENOTUNIQ:
        case EEXIST:
            return EEXIST;
        case pcmk_err_old_data:
            return EAGAIN;
        default:
            return (rc < 0) && (-rc < 200) ? -rc : BATON_RC_FAILED;
    }
}

const char *
fp_cib_strerror(int rc)
{
    return (rc > 0) ? pcmk_strerror(-rc) : baton_rc_str(rc);
}

int
fp_cib_connect(const char *name, fp_cib_t **out)
{
    fp_cib_t *c = calloc(1, sizeof(*c));
    int rc;

    baton_assert_alloc(c);
    *out = NULL;
    c->cib = cib_new();
    if (c->cib == NULL) {
        free(c);
        return ENOMEM;
    }
    rc = rc_from_pcmk(c->cib->cmds->signon(c->cib, name, cib_command));
    if (rc != BATON_RC_OK) {
        fp_cib_free(c);
        return rc;
    }
    *out = c;
    return BATON_RC_OK;
}

void
fp_cib_free(fp_cib_t *c)
{
    if (c == NULL) {
        return;
    }
    if (c->cib != NULL) {
        c->cib->cmds->signoff(c->cib);
        cib_delete(c->cib);
    }
    free(c);
}

void
fp_cib_xml_free(xmlNode *xml)
{
    if (xml != NULL) {
        free_xml(xml);
    }
}

int
fp_cib_query(fp_cib_t *c, bool local, unsigned timeout_s, xmlNode **xml)
{
    int opts = cib_sync_call | (local ? cib_scope_local : 0);

    *xml = NULL;
    c->cib->call_timeout = (int) ((timeout_s > 0) ? timeout_s : 1);
    return rc_from_pcmk(c->cib->cmds->query(c->cib, NULL, xml, opts));
}

int
fp_cib_create(fp_cib_t *c, unsigned timeout_s, xmlNode *constraint)
{
    c->cib->call_timeout = (int) ((timeout_s > 0) ? timeout_s : 1);
    return rc_from_pcmk(c->cib->cmds->create(c->cib, FP_CONSTRAINTS,
                                             constraint, cib_sync_call));
}

int
fp_cib_replace(fp_cib_t *c, unsigned timeout_s, xmlNode *constraint)
{
    c->cib->call_timeout = (int) ((timeout_s > 0) ? timeout_s : 1);
    return rc_from_pcmk(c->cib->cmds->replace(c->cib, FP_CONSTRAINTS,
                                              constraint, cib_sync_call));
}

int
fp_cib_remove(fp_cib_t *c, unsigned timeout_s, xmlNode *e)
{
    xmlNode *path = NULL;
    int rc;

    /* the element and its ancestors up to the constraint, ids only: the
     * CIB removes what the innermost one names, nothing beside it */
    for (xmlNode *n = e; (n != NULL) && (n->type == XML_ELEMENT_NODE)
         && (strcmp((const char *) n->name, FP_CONSTRAINTS) != 0);
         n = n->parent) {
        /* libxml2 itself, not Pacemaker's helpers: create_xml_node() is
         * gone from Pacemaker 3.0's API and crm_xml_add() moved header */
        xmlNode *copy = xmlNewNode(NULL, n->name);
        xmlChar *id = xmlGetProp(n, (const xmlChar *) "id");

        if ((copy == NULL)
            || ((id != NULL) && (xmlNewProp(copy, (const xmlChar *) "id", id)
                                 == NULL))) {
            baton_assert_alloc(NULL);
        }
        xmlFree(id);
        if (path != NULL) {
            xmlAddChild(copy, path);
        }
        path = copy;
    }
    c->cib->call_timeout = (int) ((timeout_s > 0) ? timeout_s : 1);
    rc = rc_from_pcmk(c->cib->cmds->remove(c->cib, FP_CONSTRAINTS, path,
                                           cib_sync_call));
    xmlFreeNode(path);
    /* already gone: removed by whoever raced us, which is what we want */
    return ((rc == ENXIO) || (rc == ENOENT)) ? BATON_RC_OK : rc;
}
