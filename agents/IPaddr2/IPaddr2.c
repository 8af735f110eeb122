/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:IPaddr2 actions: start, stop, monitor and validate-all, each
 * returning an rc and, for monitor, the state of the address.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "baton/clock.h"
#include "baton/findif.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "IPaddr2.h"

#define NETNS_DIR "/run/netns/"
#define ROUTE_FLUSH_V4 "/proc/sys/net/ipv4/route/flush"
#define ROUTE_FLUSH_V6 "/proc/sys/net/ipv6/route/flush"
/* The loopback link's index in every network namespace */
#define LOOPBACK_IFINDEX 1u
/* Copies of the address one action removes at most (each is one request;
 * a copy that keeps coming back is someone else's doing) */
#define MAX_COPIES 16u
/* Time kept back from the action's timeout for the work after DAD */
#define DAD_MARGIN_MS 1000u

static int
enter_netns(const char *name, baton_reason_t *why)
{
    char path[256];
    int fd;
    int rc = BATON_RC_OK;

    /* The name was checked by the table: no '/', not "." or ".." */
    snprintf(path, sizeof(path), NETNS_DIR "%s", name);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        baton_reason_set(why, "Network namespace %s does not exist on this "
                         "node", name);
        return BATON_RC_NODE_CONFIG;
    }
    if (setns(fd, CLONE_NEWNET) < 0) {
        rc = errno;
        baton_reason_set(why, "Cannot enter network namespace %s: %s", name,
                         strerror(rc));
    }
    close(fd);
    return rc;
}

/* Parse, enter the namespace and open netlink: no change yet */
static int
ctx_open(baton_ocf_t *ocf, struct ipaddr2_ctx *ctx, baton_reason_t *why)
{
    int rc;

    memset(ctx, 0, sizeof(*ctx));
    ctx->timeout_ms = baton_ocf_timeout_ms(ocf);
    ctx->conf.quiet_ignored =
        baton_params_quiet_obsolete(baton_ocf_params(ocf));
    rc = baton_params_parse(baton_ocf_params(ocf), &ctx->conf, why);
    if ((rc == BATON_RC_OK) && (ctx->conf.netns != NULL)) {
        rc = enter_netns(ctx->conf.netns, why);
    }
    if (rc == BATON_RC_OK) {
        rc = baton_nl_open(0, &ctx->nl);
        if (rc != BATON_RC_OK) {
            baton_reason_set(why, "Cannot open netlink: %s", baton_rc_str(rc));
        }
    }
    return rc;
}

static void
ctx_close(struct ipaddr2_ctx *ctx)
{
    baton_nl_free(ctx->nl);
    ctx->nl = NULL;
}

static int
resolve_by_route(struct ipaddr2_ctx *ctx, baton_reason_t *why)
{
    struct baton_findif f;
    char ip[BATON_INADDR_STRLEN];
    int rc;

    baton_findif_init(&f, &ctx->conf.ip, ctx->conf.has_prefix,
                      ctx->link.ifindex);
    rc = baton_findif_run(ctx->nl, &f);
    if (rc == ENOENT) {
        baton_reason_set(why, "No route on this node covers %s%s%s; set "
                         IPADDR2_NIC " and " IPADDR2_CIDR,
                         baton_inaddr_str(&ctx->conf.ip, false, ip, sizeof(ip)),
                         (ctx->link.ifindex != 0) ? " through " : "",
                         ctx->link.name);
        return BATON_RC_NODE_CONFIG;
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot read the routing table: %s",
                         baton_rc_str(rc));
        return rc;
    }
    ctx->prefix = f.prefix;
    if (ctx->link.ifindex == 0) {
        rc = baton_link_get(ctx->nl, NULL, f.ifindex, &ctx->link);
    }
    return rc;
}

/* The interface and prefix the address belongs on (findif when needed) */
static int
resolve_target(struct ipaddr2_ctx *ctx, baton_reason_t *why)
{
    int rc = BATON_RC_OK;

    if (ctx->conf.nic.name[0] != '\0') {
        rc = baton_link_get(ctx->nl, ctx->conf.nic.name, 0, &ctx->link);
        if (rc == ENODEV) {
            baton_reason_set(why, "Interface %s does not exist on this node",
                             ctx->conf.nic.name);
            return BATON_RC_NODE_CONFIG;
        }
        if (rc != BATON_RC_OK) {
            baton_reason_set(why, "Cannot look up interface %s: %s",
                             ctx->conf.nic.name, baton_rc_str(rc));
            return rc;
        }
    }
    ctx->prefix = ctx->conf.ip.prefix;
    if ((ctx->conf.nic.name[0] == '\0') || !ctx->conf.has_prefix) {
        rc = resolve_by_route(ctx, why);
    }
    if ((rc == BATON_RC_OK) && (ctx->conf.label[0] == '\0')) {
        rc = ipaddr2_label(&ctx->conf, ctx->link.name, ctx->conf.label, why);
    }
    return rc;
}

static void
fill_addr(const struct ipaddr2_ctx *ctx, struct baton_nl_addr *a)
{
    const struct ipaddr2_conf *c = &ctx->conf;

    *a = (struct baton_nl_addr) {
        .addr = c->ip,
        .ifindex = ctx->link.ifindex,
        .valid_lft = BATON_LFT_FOREVER,
        .preferred_lft = (c->ip.family == AF_INET6) ? c->preferred_lft
                                                    : BATON_LFT_FOREVER,
    };
    a->addr.prefix = ctx->prefix;
    snprintf(a->label, sizeof(a->label), "%s", c->label);
    if (c->ip.family != AF_INET) {
        return;
    }
    a->has_broadcast = true;
    switch (c->bcast.mode) {
        case IPADDR2_BCAST_GIVEN:
            a->broadcast = c->bcast.addr;
            break;
        case IPADDR2_BCAST_ZEROS:
            baton_inaddr_broadcast(&a->addr, false, &a->broadcast);
            break;
        case IPADDR2_BCAST_AUTO:
            /* /31 and /32 have no broadcast address (RFC 3021) */
            a->has_broadcast = (ctx->prefix <= 30);
            /* fall through */
        case IPADDR2_BCAST_ONES:
        default:
            baton_inaddr_broadcast(&a->addr, true, &a->broadcast);
            break;
    }
}

/* The loopback copy an LVS-DR stop leaves behind */
static void
fill_lvs_addr(const struct ipaddr2_conf *c, struct baton_nl_addr *a)
{
    *a = (struct baton_nl_addr) {
        .addr = c->ip,
        .ifindex = LOOPBACK_IFINDEX,
        .valid_lft = BATON_LFT_FOREVER,
        .preferred_lft = BATON_LFT_FOREVER,
    };
    a->addr.prefix = baton_inaddr_max_prefix(c->ip.family);
}

static int
link_up(struct ipaddr2_ctx *ctx, baton_reason_t *why)
{
    int rc;

    if ((ctx->link.flags & IFF_UP) != 0) {
        return BATON_RC_OK;
    }
    rc = baton_link_set_up(ctx->nl, ctx->link.ifindex);
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot bring %s up: %s", ctx->link.name,
                         baton_rc_str(rc));
        return rc;
    }
    baton_info("Brought %s up", ctx->link.name);
    ctx->link.flags |= IFF_UP;
    return BATON_RC_OK;
}

static int
wait_dad(struct ipaddr2_ctx *ctx, baton_nl_t *mon, struct baton_nl_addr *a,
         baton_reason_t *why)
{
    uint64_t budget = (ctx->timeout_ms > 2 * DAD_MARGIN_MS)
                      ? ctx->timeout_ms - DAD_MARGIN_MS : ctx->timeout_ms / 2;
    char ip[BATON_INADDR_STRLEN];
    int rc = baton_ip_addr_wait_dad(ctx->nl, mon, &a->addr, a->ifindex,
                                    baton_clock_now_ms() + budget);

    if (rc == BATON_RC_OK) {
        return rc;
    }
    baton_inaddr_str(&a->addr, false, ip, sizeof(ip));
    if (rc == EADDRINUSE) {
        baton_reason_set(why, "Duplicate address detection failed: another "
                         "node on %s uses %s", ctx->link.name, ip);
    } else if (rc == BATON_RC_TIMEOUT) {
        baton_reason_set(why, "%s on %s still tentative (duplicate address "
                         "detection) at the timeout; is the link up?", ip,
                         ctx->link.name);
    } else {
        baton_reason_set(why, "Cannot watch %s on %s: %s", ip, ctx->link.name,
                         baton_rc_str(rc));
    }
    (void) baton_ip_addr_del(ctx->nl, a);
    return (rc == EADDRINUSE) ? BATON_RC_FAILED : rc;
}

static int
add_address(struct ipaddr2_ctx *ctx, baton_reason_t *why)
{
    const struct ipaddr2_conf *c = &ctx->conf;
    bool dad = (c->ip.family == AF_INET6) && !c->nodad;
    uint32_t opts = (c->nodad ? BATON_ADDR_NODAD : 0)
                    | (c->noprefixroute ? BATON_ADDR_NOPREFIXROUTE : 0);
    struct baton_nl_addr a;
    baton_nl_t *mon = NULL;
    char ip[BATON_INADDR_STRLEN];
    int rc = BATON_RC_OK;

    fill_addr(ctx, &a);
    /* Subscribe before adding, so that the end of DAD cannot be missed */
    if (dad) {
        rc = baton_nl_open(RTMGRP_IPV6_IFADDR, &mon);
    }
    rc = (rc != BATON_RC_OK) ? rc
         : baton_ip_addr_add(ctx->nl, &a, (c->ip.family == AF_INET6) ? opts
                             : (opts & BATON_ADDR_NOPREFIXROUTE));
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot add %s to %s: %s",
                         baton_inaddr_str(&a.addr, true, ip, sizeof(ip)),
                         ctx->link.name, baton_rc_str(rc));
    } else if (dad) {
        rc = wait_dad(ctx, mon, &a, why);
    }
    baton_nl_free(mon);
    if (rc == BATON_RC_OK) {
        baton_notice("Added %s to %s",
                     baton_inaddr_str(&a.addr, true, ip, sizeof(ip)),
                     ctx->link.name);
    }
    return rc;
}

struct addr_lookup {
    const struct baton_inaddr *want;
    uint32_t skip_ifindex;
    struct baton_nl_addr *found;
    bool hit;
};

static int
addr_lookup_cb(const struct nlmsghdr *n, void *arg)
{
    struct addr_lookup *l = arg;
    struct baton_nl_addr a;

    if (l->hit || (n->nlmsg_type != RTM_NEWADDR)
        || (baton_nl_addr_parse(n, &a) != BATON_RC_OK)
        || !baton_inaddr_same(&a.addr, l->want)
        || ((l->skip_ifindex != 0) && (a.ifindex == l->skip_ifindex))) {
        return BATON_RC_OK;
    }
    *l->found = a;
    l->hit = true;
    return BATON_RC_OK;
}

/* The first copy of the address on any link but skip_ifindex (0: none) */
static int
addr_lookup(baton_nl_t *nl, const struct baton_inaddr *ip,
            uint32_t skip_ifindex, struct baton_nl_addr *found)
{
    struct {
        struct nlmsghdr n;
        char buf[BATON_NL_REQ_SIZE];
    } req;
    struct addr_lookup l = { .want = ip, .skip_ifindex = skip_ifindex,
                             .found = found };
    int rc = baton_nl_dump_req(&req.n, sizeof(req), RTM_GETADDR, ip->family);

    rc = (rc != BATON_RC_OK) ? rc : baton_nl_dump(nl, &req.n, addr_lookup_cb,
                                                  &l);
    return ((rc == BATON_RC_OK) && !l.hit) ? ENOENT : rc;
}

/* The link monitor and stop do not look at: the loopback copy an LVS-DR
 * stop leaves behind, unless nic is the loopback itself */
static uint32_t
ignored_link(const struct ipaddr2_conf *c)
{
    return (strcmp(c->nic.name, "lo") == 0) ? 0 : LOOPBACK_IFINDEX;
}

/*
 * Where the address is: the one lookup both monitor and stop use, so that
 * stop removes the address wherever monitor would find it. Every link
 * counts, not only nic: the address may have been moved by hand, or nic
 * changed since start. Sets ctx->link to the link it is on.
 * \return BATON_RC_OK, ENOENT when it is nowhere, or an errno.
 */
static int
locate_address(struct ipaddr2_ctx *ctx, struct baton_nl_addr *found)
{
    int rc = addr_lookup(ctx->nl, &ctx->conf.ip, ignored_link(&ctx->conf),
                         found);

    return (rc != BATON_RC_OK) ? rc
           : baton_link_get(ctx->nl, NULL, found->ifindex, &ctx->link);
}

/* Remove every copy of the address except one on keep_ifindex (0: none) */
static int
remove_copies(struct ipaddr2_ctx *ctx, uint32_t keep_ifindex, bool *removed,
              baton_reason_t *why)
{
    struct baton_nl_addr found;
    char ip[BATON_INADDR_STRLEN];
    char dev[IF_NAMESIZE];
    int rc = BATON_RC_OK;

    *removed = false;
    for (unsigned i = 0; i < MAX_COPIES; i++) {
        rc = addr_lookup(ctx->nl, &ctx->conf.ip, keep_ifindex, &found);
        if (rc == ENOENT) {
            return BATON_RC_OK;
        }
        rc = (rc != BATON_RC_OK) ? rc : baton_ip_addr_del(ctx->nl, &found);
        baton_inaddr_str(&found.addr, true, ip, sizeof(ip));
        if (rc == BATON_RC_OK) {
            if (if_indextoname(found.ifindex, dev) == NULL) {
                snprintf(dev, sizeof(dev), "link %u", found.ifindex);
            }
            baton_notice("Removed %s from %s", ip, dev);
            *removed = true;
        } else if (rc != EADDRNOTAVAIL) {   /* gone meanwhile: look again */
            baton_reason_set(why, "Cannot remove %s: %s", ip,
                             baton_rc_str(rc));
            return rc;
        }
    }
    baton_reason_set(why, "%s is still present after removing it %u times",
                     baton_inaddr_str(&ctx->conf.ip, false, ip, sizeof(ip)),
                     MAX_COPIES);
    return BATON_RC_FAILED;
}

/* Make the target link the only one with the address: copies elsewhere
 * (the LVS-DR loopback copy included) go, and so does one on the target
 * with the wrong prefix or failed DAD */
static int
clear_elsewhere(struct ipaddr2_ctx *ctx, bool *in_place, baton_reason_t *why)
{
    struct baton_nl_addr found;
    bool removed = false;
    int rc = remove_copies(ctx, ctx->link.ifindex, &removed, why);

    *in_place = false;
    rc = (rc != BATON_RC_OK) ? rc
         : baton_ip_addr_find(ctx->nl, &ctx->conf.ip, ctx->link.ifindex,
                              &found);
    if (rc == ENOENT) {
        return BATON_RC_OK;
    }
    if (rc != BATON_RC_OK) {
        if (!baton_reason_is_set(why)) {
            baton_reason_set(why, "Cannot list addresses: %s",
                             baton_rc_str(rc));
        }
        return rc;
    }
    if ((found.addr.prefix == ctx->prefix)
        && ((found.flags & IFA_F_DADFAILED) == 0)) {
        *in_place = true;
        return BATON_RC_OK;
    }
    rc = baton_ip_addr_del(ctx->nl, &found);
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot remove the old copy of the address: %s",
                         baton_rc_str(rc));
    }
    return rc;
}

static int
ipaddr2_start(baton_ocf_t *ocf, enum baton_res_state *state,
              baton_reason_t *why)
{
    struct ipaddr2_ctx ctx;
    bool in_place = false;
    int rc = ctx_open(ocf, &ctx, why);

    rc = (rc != BATON_RC_OK) ? rc : resolve_target(&ctx, why);
    rc = (rc != BATON_RC_OK) ? rc : clear_elsewhere(&ctx, &in_place, why);
    rc = (rc != BATON_RC_OK) ? rc : link_up(&ctx, why);
    if ((rc == BATON_RC_OK) && !in_place) {
        rc = add_address(&ctx, why);
        if (rc == BATON_RC_OK) {
            (void) ipaddr2_announcer_stop(&ctx.conf);
            (void) ipaddr2_announce(&ctx, ctx.conf.arp_count, ctx.conf.arp_bg);
        }
    }
    *state = (rc == BATON_RC_OK) ? BATON_RES_RUNNING : BATON_RES_UNKNOWN;
    ctx_close(&ctx);
    return rc;
}

static void
flush_route_cache(int family)
{
    const char *path = (family == AF_INET6) ? ROUTE_FLUSH_V6 : ROUTE_FLUSH_V4;
    int fd = open(path, O_WRONLY | O_CLOEXEC);

    if ((fd < 0) || (write(fd, "1\n", 2) != 2)) {
        baton_warn("Cannot flush cached routes through %s", path);
    }
    if (fd >= 0) {
        close(fd);
    }
}

/* Remove the address from every link monitor would find it on; with LVS-DR
 * leave a copy on loopback */
static int
stop_address(struct ipaddr2_ctx *ctx, baton_reason_t *why)
{
    struct baton_nl_addr lo;
    bool removed = false;
    int rc = remove_copies(ctx, ignored_link(&ctx->conf), &removed, why);

    if ((rc != BATON_RC_OK) || !removed || !ctx->conf.lvs) {
        return rc;
    }
    fill_lvs_addr(&ctx->conf, &lo);
    rc = baton_ip_addr_add(ctx->nl, &lo, BATON_ADDR_NODAD);
    rc = (rc == EEXIST) ? BATON_RC_OK : rc;
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot move the address to loopback: %s",
                         baton_rc_str(rc));
    }
    return rc;
}

static int
ipaddr2_stop(baton_ocf_t *ocf, enum baton_res_state *state,
             baton_reason_t *why)
{
    struct ipaddr2_ctx ctx;
    int rc = ctx_open(ocf, &ctx, why);

    if ((rc == BATON_RC_CONFIG) || (rc == BATON_RC_NODE_CONFIG)) {
        /* Start refuses this configuration, so nothing can be running; a
         * failed stop would get the node fenced (heartbeat does the same) */
        baton_warn("%s; nothing to stop", why->text);
        baton_reason_clear(why);
        *state = BATON_RES_UNKNOWN;
        return BATON_RC_OK;
    }
    if (rc == BATON_RC_OK) {
        (void) ipaddr2_announcer_stop(&ctx.conf);
        rc = stop_address(&ctx, why);
    }
    if ((rc == BATON_RC_OK) && ctx.conf.flush_routes) {
        flush_route_cache(ctx.conf.ip.family);
    }
    *state = BATON_RES_UNKNOWN;         /* a successful stop exits 0 */
    ctx_close(&ctx);
    return rc;
}

/* Where the address is found, and whether it is healthy there */
static enum baton_res_state
monitor_check(struct ipaddr2_ctx *ctx, const struct baton_nl_addr *found,
              baton_reason_t *why)
{
    const struct ipaddr2_conf *c = &ctx->conf;
    char ip[BATON_INADDR_STRLEN];

    baton_inaddr_str(&found->addr, true, ip, sizeof(ip));
    if ((c->nic.name[0] != '\0')
        && (strcmp(ctx->link.name, c->nic.name) != 0)) {
        baton_reason_set(why, "%s is on %s, not on %s", ip, ctx->link.name,
                         c->nic.name);
        return BATON_RES_FAILED;
    }
    if (c->has_prefix && (found->addr.prefix != c->ip.prefix)) {
        baton_reason_set(why, "%s has prefix /%u, expected /%u", ip,
                         found->addr.prefix, c->ip.prefix);
        return BATON_RES_FAILED;
    }
    if ((found->flags & IFA_F_DADFAILED) != 0) {
        baton_reason_set(why, "%s on %s failed duplicate address detection",
                         ip, ctx->link.name);
        return BATON_RES_FAILED;
    }
    if (!baton_link_is_up(&ctx->link)) {
        baton_reason_set(why, "%s is on %s, but the link is down", ip,
                         ctx->link.name);
        return BATON_RES_FAILED;
    }
    return BATON_RES_RUNNING;
}

static int
ipaddr2_monitor(baton_ocf_t *ocf, enum baton_res_state *state,
                baton_reason_t *why)
{
    struct ipaddr2_ctx ctx;
    struct baton_nl_addr found;
    int rc = ctx_open(ocf, &ctx, why);

    *state = BATON_RES_UNKNOWN;
    rc = (rc != BATON_RC_OK) ? rc : locate_address(&ctx, &found);
    if (rc == ENOENT) {
        *state = BATON_RES_STOPPED;
        rc = BATON_RC_OK;
    } else if (rc == BATON_RC_OK) {
        *state = monitor_check(&ctx, &found, why);
    } else if (!baton_reason_is_set(why)) {
        baton_reason_set(why, "Cannot list addresses: %s", baton_rc_str(rc));
    }
    if ((*state == BATON_RES_RUNNING) && (ctx.conf.arp_refresh > 0)
        && (ctx.conf.ip.family == AF_INET) && !baton_ocf_is_probe(ocf)) {
        (void) ipaddr2_announce(&ctx, ctx.conf.arp_refresh, false);
    }
    ctx_close(&ctx);
    return rc;
}

static int
ipaddr2_validate(baton_ocf_t *ocf, enum baton_res_state *state,
                 baton_reason_t *why)
{
    struct ipaddr2_ctx ctx;
    int rc = ctx_open(ocf, &ctx, why);

    rc = (rc != BATON_RC_OK) ? rc : resolve_target(&ctx, why);
    ctx_close(&ctx);
    return rc;
}

const struct baton_ocf_op ipaddr2_ops[] = {
    { BATON_OCF_ACTION_START, ipaddr2_start },
    { BATON_OCF_ACTION_STOP, ipaddr2_stop },
    { BATON_OCF_ACTION_MONITOR, ipaddr2_monitor },
    { BATON_OCF_ACTION_VALIDATE, ipaddr2_validate },
    { NULL, NULL },
};
