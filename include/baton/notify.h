/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A clone's notification as Pacemaker describes it to the agent: its type,
 * its operation and the node lists of OCF_RESKEY_CRM_meta_notify_*, read
 * from the environment once.
 */
#ifndef BATON_NOTIFY_H
#define BATON_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "baton/membership.h"

/*! One node list of a notification (OCF_RESKEY_CRM_meta_notify_*_uname) */
enum baton_notify_list {
    BATON_NOTIFY_ACTIVE = 0,
    BATON_NOTIFY_PROMOTED,        /*!< notify_promoted_uname / master */
    BATON_NOTIFY_UNPROMOTED,      /*!< notify_unpromoted_uname / slave */
    BATON_NOTIFY_START,
    BATON_NOTIFY_STOP,
    BATON_NOTIFY_PROMOTE,
    BATON_NOTIFY_DEMOTE,
    BATON_NOTIFY_N_LISTS,
};

/*! Most nodes kept per list */
#define BATON_NOTIFY_MAX_NODES 32

/*!
 * A notification (or, outside notify, the lists Pacemaker adds to the
 * other actions of a clone with notify=true).
 *
 * @code
 * struct baton_notify *n = calloc(1, sizeof(*n));
 *
 * if ((baton_notify_parse(environ, n) == BATON_RC_OK) && !n->pre
 *     && (strcmp(n->op, "promote") == 0)
 *     && !baton_notify_has(n, BATON_NOTIFY_PROMOTE, my_node)) {
 *     ... follow n->nodes[BATON_NOTIFY_PROMOTE][0] ...
 * }
 * free(n);
 * @endcode
 */
struct baton_notify {
    bool pre;                     /*!< type "pre" (else "post") */
    char op[16];                  /*!< "promote", "demote", "start", "stop" */
    size_t n[BATON_NOTIFY_N_LISTS];
    char nodes[BATON_NOTIFY_N_LISTS][BATON_NOTIFY_MAX_NODES]
              [BATON_NODE_NAME_MAX];
};

/*!
 * \brief Read a notification's type, operation and node lists from an
 *        environment. Pacemaker 2.1 gives both spellings of the promoted
 *        and unpromoted lists; older releases only master/slave.
 * \param[in]  envp  NULL-terminated "NAME=value" strings (e.g. environ).
 * \param[out] n     Zeroed first; the lists are filled either way.
 * \return BATON_RC_OK, or BATON_RC_USAGE when type or operation is
 *         missing (the lists are still filled: the other actions of a
 *         notify-enabled clone carry them without a type).
 */
int baton_notify_parse(char *const *envp, struct baton_notify *n);

/*! \brief Whether \p node is in list \p l. */
bool baton_notify_has(const struct baton_notify *n, enum baton_notify_list l,
                      const char *node);

/*! \brief The first node of list \p l (borrowed), or NULL when empty. */
const char *baton_notify_first(const struct baton_notify *n,
                               enum baton_notify_list l);

#endif /* BATON_NOTIFY_H */
