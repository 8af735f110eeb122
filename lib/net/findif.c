/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * findif: pick the interface and prefix of the route that covers an
 * address, as heartbeat's findif.sh does with "ip route list match".
 */
#include <errno.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "baton/findif.h"
#include "baton/rc.h"

void
baton_findif_init(struct baton_findif *f, const struct baton_inaddr *ip,
                  bool has_prefix, uint32_t ifindex)
{
    *f = (struct baton_findif) {
        .ip = *ip,
        .has_prefix = has_prefix,
        .want_ifindex = ifindex,
    };
}

/* Whether a route may be chosen at all, before looking at the address */
static bool
route_eligible(const struct baton_findif *f, const struct baton_route *r)
{
    unsigned max = baton_inaddr_max_prefix(f->ip.family);

    if ((r->family != f->ip.family) || (r->table != RT_TABLE_MAIN)
        || (r->type != RTN_UNICAST) || (r->oif == 0)) {
        return false;
    }
    /* findif.sh keeps only lines with a "/": no default, no host route */
    if (!r->has_dst || (r->dst_len == 0) || (r->dst_len >= max)) {
        return false;
    }
    /* IPv4 asks for "scope link": directly connected networks only */
    if ((f->ip.family == AF_INET) && (r->scope != RT_SCOPE_LINK)) {
        return false;
    }
    return (f->want_ifindex == 0) || (r->oif == f->want_ifindex);
}

bool
baton_findif_consider(struct baton_findif *f, const struct baton_route *r)
{
    if (!route_eligible(f, r)) {
        return false;
    }
    /* "match ADDR/PREFIX": the route is no longer than the given prefix */
    if (f->has_prefix && (r->dst_len > f->ip.prefix)) {
        return false;
    }
    if (!baton_inaddr_in_net(&f->ip, r->dst, r->dst_len)) {
        return false;
    }
    if (f->found && (r->dst_len < f->best_len)) {
        return false;
    }
    f->found = true;
    f->ifindex = r->oif;
    f->best_len = r->dst_len;
    f->prefix = f->has_prefix ? f->ip.prefix : r->dst_len;
    return true;
}

static int
consider_cb(const struct baton_route *r, void *arg)
{
    (void) baton_findif_consider(arg, r);
    return BATON_RC_OK;
}

int
baton_findif_run(baton_nl_t *nl, struct baton_findif *f)
{
    int rc = baton_route_walk(nl, f->ip.family, consider_cb, f);

    if ((rc == BATON_RC_OK) && !f->found) {
        rc = ENOENT;
    }
    return rc;
}
