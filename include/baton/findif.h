/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * findif: the interface and prefix length for an address, chosen from the
 * routing table the way heartbeat's findif.sh chooses them.
 */
#ifndef BATON_FINDIF_H
#define BATON_FINDIF_H

#include <stdbool.h>
#include <stdint.h>

#include "baton/inaddr.h"
#include "baton/netlink.h"

/*!
 * A findif search: feed it routes, read the best one.
 *
 * @code
 * struct baton_findif f;
 *
 * baton_findif_init(&f, &ip, has_prefix, ifindex_or_0);
 * rc = baton_findif_run(nl, &f);      // walks the main table
 * if (rc == BATON_RC_OK) {
 *     use(f.ifindex, f.prefix);
 * }
 * @endcode
 */
struct baton_findif {
    struct baton_inaddr ip;         /*!< the address (with its prefix) */
    bool has_prefix;                /*!< the caller gave the prefix */
    uint32_t want_ifindex;          /*!< only routes via this link, or 0 */
    bool found;
    unsigned best_len;              /*!< prefix of the best route so far */
    uint32_t ifindex;               /*!< result: the route's interface */
    unsigned prefix;                /*!< result: the route's prefix length
                                     *   (or the caller's, if given) */
};

/*!
 * \brief Start a search.
 * \param[in] ip          The address; ip->prefix is used when has_prefix.
 * \param[in] ifindex     Restrict to routes through this link (0: any).
 */
void baton_findif_init(struct baton_findif *f, const struct baton_inaddr *ip,
                       bool has_prefix, uint32_t ifindex);

/*!
 * \brief Consider one route (routes come in table order).
 *
 * A route counts when it is a unicast route of the main table with a
 * destination prefix (not default, not a host route), through an
 * interface, link-scoped for IPv4, and covers the address (and its
 * prefix, when given). The longest prefix wins; among equals the last.
 * \return true when the route was taken as the best so far.
 */
bool baton_findif_consider(struct baton_findif *f,
                           const struct baton_route *r);

/*!
 * \brief Walk the routing table and decide.
 * \return BATON_RC_OK with f->ifindex and f->prefix set, ENOENT when no
 *         route covers the address, or an errno from netlink.
 */
int baton_findif_run(baton_nl_t *nl, struct baton_findif *f);

#endif /* BATON_FINDIF_H */
