/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A clone's notification variables (OCF_RESKEY_CRM_meta_notify_*), read
 * once from the environment into lists of node names.
 */
#include <stdio.h>
#include <string.h>

#include "baton/notify.h"
#include "baton/ocf.h"
#include "baton/rc.h"

#define NOTIFY_META(x) "OCF_RESKEY_CRM_meta_" x

static void
split_nodes(const char *text, struct baton_notify *n,
            enum baton_notify_list l)
{
    static const char sep[] = " \t\n";
    const char *p = text;

    while ((p != NULL) && (*(p += strspn(p, sep)) != '\0')
           && (n->n[l] < BATON_NOTIFY_MAX_NODES)) {
        size_t len = strcspn(p, sep);

        snprintf(n->nodes[l][n->n[l]], BATON_NODE_NAME_MAX, "%.*s",
                 (int) len, p);
        n->n[l]++;
        p += len;
    }
}

int
baton_notify_parse(char *const *envp, struct baton_notify *n)
{
    static const char *const lists[BATON_NOTIFY_N_LISTS][2] = {
        { NOTIFY_META("notify_active_uname"), NULL },
        { NOTIFY_META("notify_promoted_uname"),
          NOTIFY_META("notify_master_uname") },
        { NOTIFY_META("notify_unpromoted_uname"),
          NOTIFY_META("notify_slave_uname") },
        { NOTIFY_META("notify_start_uname"), NULL },
        { NOTIFY_META("notify_stop_uname"), NULL },
        { NOTIFY_META("notify_promote_uname"), NULL },
        { NOTIFY_META("notify_demote_uname"), NULL },
    };
    const char *type = baton_env_get(envp, NOTIFY_META("notify_type"));
    const char *op = baton_env_get(envp, NOTIFY_META("notify_operation"));

    memset(n, 0, sizeof(*n));
    for (size_t l = 0; l < BATON_NOTIFY_N_LISTS; l++) {
        const char *v = baton_env_get(envp, lists[l][0]);

        if ((v == NULL) && (lists[l][1] != NULL)) {
            v = baton_env_get(envp, lists[l][1]);
        }
        split_nodes(v, n, (enum baton_notify_list) l);
    }
    if ((type == NULL) || (op == NULL) || (strlen(op) >= sizeof(n->op))) {
        return BATON_RC_USAGE;
    }
    n->pre = (strcmp(type, "pre") == 0);
    snprintf(n->op, sizeof(n->op), "%s", op);
    return BATON_RC_OK;
}

bool
baton_notify_has(const struct baton_notify *n, enum baton_notify_list l,
                 const char *node)
{
    for (size_t i = 0; (node != NULL) && (i < n->n[l]); i++) {
        if (strcmp(n->nodes[l][i], node) == 0) {
            return true;
        }
    }
    return false;
}

const char *
baton_notify_first(const struct baton_notify *n, enum baton_notify_list l)
{
    return (n->n[l] > 0) ? n->nodes[l][0] : NULL;
}
