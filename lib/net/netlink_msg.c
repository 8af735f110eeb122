/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * rtnetlink messages: requests built with designated initializers and
 * bounds-checked attributes (iproute2 style), and parsers of the answers.
 * Pure functions over buffers, so they are unit-tested on recorded bytes.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "baton/netlink.h"
#include "baton/rc.h"

#define NLMSG_TAIL(n) \
    ((struct rtattr *) (((char *) (n)) + NLMSG_ALIGN((n)->nlmsg_len)))

int
baton_nl_attr_add(struct nlmsghdr *n, size_t cap, uint16_t type,
                  const void *data, size_t len)
{
    size_t rta_len = RTA_LENGTH(len);
    struct rtattr *rta = NULL;

    if ((NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(rta_len) > cap)
        || (rta_len > UINT16_MAX)) {
        return ENOBUFS;
    }
    rta = NLMSG_TAIL(n);
    rta->rta_type = type;
    rta->rta_len = (unsigned short) rta_len;
    if (len > 0) {
        memcpy(RTA_DATA(rta), data, len);
    }
    /* The kernel ignores the padding, but it is sent: no stack garbage */
    memset((char *) rta + rta_len, 0, RTA_ALIGN(rta_len) - rta_len);
    n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(rta_len);
    return BATON_RC_OK;
}

/* Start a request of \p type with a family header of \p hdr_len bytes */
static int
req_init(struct nlmsghdr *n, size_t cap, uint16_t type, uint16_t flags,
         const void *hdr, size_t hdr_len)
{
    if (cap < NLMSG_SPACE(hdr_len)) {
        return ENOBUFS;
    }
    memset(n, 0, NLMSG_SPACE(hdr_len));
    *n = (struct nlmsghdr) {
        .nlmsg_len = NLMSG_LENGTH(hdr_len),
        .nlmsg_type = type,
        .nlmsg_flags = NLM_F_REQUEST | flags,
    };
    memcpy(NLMSG_DATA(n), hdr, hdr_len);
    return BATON_RC_OK;
}

static int
addr_attrs(struct nlmsghdr *n, size_t cap, const struct baton_nl_addr *a,
           uint32_t ifa_flags)
{
    size_t alen = baton_inaddr_len(a->addr.family);
    int rc = baton_nl_attr_add(n, cap, IFA_LOCAL, a->addr.bytes, alen);

    if (rc == BATON_RC_OK) {
        rc = baton_nl_attr_add(n, cap, IFA_ADDRESS, a->addr.bytes, alen);
    }
    if ((rc == BATON_RC_OK) && (ifa_flags > 0xff)) {
        rc = baton_nl_attr_add(n, cap, IFA_FLAGS, &ifa_flags,
                               sizeof(ifa_flags));
    }
    if ((rc == BATON_RC_OK) && (a->label[0] != '\0')) {
        rc = baton_nl_attr_add(n, cap, IFA_LABEL, a->label,
                               strnlen(a->label, IFNAMSIZ - 1) + 1);
    }
    if ((rc == BATON_RC_OK) && a->has_broadcast) {
        rc = baton_nl_attr_add(n, cap, IFA_BROADCAST, a->broadcast.bytes, 4);
    }
    return rc;
}

int
baton_nl_addr_req(struct nlmsghdr *n, size_t cap, uint16_t type,
                  const struct baton_nl_addr *a, uint32_t opts)
{
    uint32_t ifa_flags = IFA_F_PERMANENT;
    struct ifaddrmsg ifa = {
        .ifa_family = (uint8_t) a->addr.family,
        .ifa_prefixlen = (uint8_t) a->addr.prefix,
        .ifa_scope = a->scope,
        .ifa_index = a->ifindex,
    };
    int rc;

    if ((baton_inaddr_len(a->addr.family) == 0)
        || (a->addr.prefix > baton_inaddr_max_prefix(a->addr.family))
        || ((type != RTM_NEWADDR) && (type != RTM_DELADDR))) {
        return EINVAL;
    }
    ifa_flags |= ((opts & BATON_ADDR_NODAD) != 0) ? IFA_F_NODAD : 0;
    ifa_flags |= ((opts & BATON_ADDR_NOPREFIXROUTE) != 0)
                 ? IFA_F_NOPREFIXROUTE : 0;
    ifa.ifa_flags = (uint8_t) (ifa_flags & 0xff);
    rc = req_init(n, cap, type,
                  (type == RTM_NEWADDR) ? (NLM_F_CREATE | NLM_F_EXCL) : 0,
                  &ifa, sizeof(ifa));
    if ((rc != BATON_RC_OK) || (type == RTM_DELADDR)) {
        return (rc == BATON_RC_OK)
               ? baton_nl_attr_add(n, cap, IFA_LOCAL, a->addr.bytes,
                                   baton_inaddr_len(a->addr.family))
               : rc;
    }
    rc = addr_attrs(n, cap, a, ifa_flags);
    if ((rc == BATON_RC_OK) && (a->preferred_lft != BATON_LFT_FOREVER
                                || a->valid_lft != BATON_LFT_FOREVER)) {
        struct ifa_cacheinfo ci = {
            .ifa_prefered = a->preferred_lft,
            .ifa_valid = a->valid_lft,
        };

        rc = baton_nl_attr_add(n, cap, IFA_CACHEINFO, &ci, sizeof(ci));
    }
    return rc;
}

int
baton_nl_dump_req(struct nlmsghdr *n, size_t cap, uint16_t type, int family)
{
    /* rtgenmsg would do for all three; ifaddrmsg/rtmsg sized for strict
     * dump checking (net.core... strict_chk) to accept the request */
    struct rtmsg rtm = { .rtm_family = (uint8_t) family };
    struct ifaddrmsg ifa = { .ifa_family = (uint8_t) family };
    struct ifinfomsg ifi = { .ifi_family = (uint8_t) family };

    switch (type) {
        case RTM_GETROUTE:
            return req_init(n, cap, type, NLM_F_DUMP, &rtm, sizeof(rtm));
        case RTM_GETADDR:
            return req_init(n, cap, type, NLM_F_DUMP, &ifa, sizeof(ifa));
        case RTM_GETLINK:
            return req_init(n, cap, type, NLM_F_DUMP, &ifi, sizeof(ifi));
        default:
            return EINVAL;
    }
}

int
baton_nl_getlink_req(struct nlmsghdr *n, size_t cap, const char *name,
                     uint32_t ifindex)
{
    struct ifinfomsg ifi = {
        .ifi_family = AF_UNSPEC,
        .ifi_index = (name != NULL) ? 0 : (int) ifindex,
    };
    int rc;

    if ((name == NULL) && (ifindex == 0)) {
        return EINVAL;
    }
    if ((name != NULL) && ((*name == '\0') || (strlen(name) >= IFNAMSIZ))) {
        return ENODEV;
    }
    rc = req_init(n, cap, RTM_GETLINK, 0, &ifi, sizeof(ifi));
    if ((rc == BATON_RC_OK) && (name != NULL)) {
        rc = baton_nl_attr_add(n, cap, IFLA_IFNAME, name, strlen(name) + 1);
    }
    return rc;
}

int
baton_nl_linkup_req(struct nlmsghdr *n, size_t cap, uint32_t ifindex)
{
    struct ifinfomsg ifi = {
        .ifi_family = AF_UNSPEC,
        .ifi_index = (int) ifindex,
        .ifi_flags = IFF_UP,
        .ifi_change = IFF_UP,
    };

    if (ifindex == 0) {
        return EINVAL;
    }
    return req_init(n, cap, RTM_NEWLINK, 0, &ifi, sizeof(ifi));
}

/* ---- parsers ---- */

/* The kernel's errors are -1 to -MAX_ERRNO (linux/err.h) */
#define NL_ERRNO_MAX 4095

int
baton_nl_error_parse(const struct nlmsghdr *n)
{
    const struct nlmsgerr *err = NLMSG_DATA(n);

    if ((n->nlmsg_type != NLMSG_ERROR)
        || (n->nlmsg_len < NLMSG_LENGTH(sizeof(*err)))) {
        return BATON_RC_PROTOCOL;
    }
    /* Anything else is not an errno (and -INT_MIN does not exist) */
    if ((err->error > 0) || (err->error < -NL_ERRNO_MAX)) {
        return BATON_RC_PROTOCOL;
    }
    return -err->error;
}

/* Copy an attribute's payload when it has exactly/at least \p len bytes */
static bool
rta_get(const struct rtattr *rta, void *dst, size_t len)
{
    if (RTA_PAYLOAD(rta) < len) {
        return false;
    }
    memcpy(dst, RTA_DATA(rta), len);
    return true;
}

static void
rta_str(const struct rtattr *rta, char *dst, size_t cap)
{
    size_t len = RTA_PAYLOAD(rta);

    len = (len >= cap) ? cap - 1 : len;
    memcpy(dst, RTA_DATA(rta), len);
    dst[len] = '\0';
}

static void
addr_attr(const struct rtattr *rta, struct baton_nl_addr *out, bool *local)
{
    size_t alen = baton_inaddr_len(out->addr.family);
    struct ifa_cacheinfo ci;

    switch (rta->rta_type) {
        case IFA_LOCAL:
            *local = rta_get(rta, out->addr.bytes, alen) || *local;
            break;
        case IFA_ADDRESS:
            if (!*local) {
                (void) rta_get(rta, out->addr.bytes, alen);
            }
            break;
        case IFA_LABEL:
            rta_str(rta, out->label, sizeof(out->label));
            break;
        case IFA_BROADCAST:
            out->has_broadcast = rta_get(rta, out->broadcast.bytes, 4);
            out->broadcast.family = AF_INET;
            out->broadcast.prefix = 32;
            break;
        case IFA_FLAGS:
            (void) rta_get(rta, &out->flags, sizeof(out->flags));
            break;
        case IFA_CACHEINFO:
            if (rta_get(rta, &ci, sizeof(ci))) {
                out->preferred_lft = ci.ifa_prefered;
                out->valid_lft = ci.ifa_valid;
            }
            break;
        default:
            break;
    }
}

int
baton_nl_addr_parse(const struct nlmsghdr *n, struct baton_nl_addr *out)
{
    const struct ifaddrmsg *ifa = NLMSG_DATA(n);
    int len = (int) n->nlmsg_len - (int) NLMSG_LENGTH(sizeof(*ifa));
    bool local = false;

    if ((len < 0) || ((n->nlmsg_type != RTM_NEWADDR)
                      && (n->nlmsg_type != RTM_DELADDR))
        || (baton_inaddr_len(ifa->ifa_family) == 0)) {
        return BATON_RC_PROTOCOL;
    }
    *out = (struct baton_nl_addr) {
        .addr = { .family = ifa->ifa_family, .prefix = ifa->ifa_prefixlen },
        .ifindex = ifa->ifa_index,
        .flags = ifa->ifa_flags,
        .scope = ifa->ifa_scope,
        .valid_lft = BATON_LFT_FOREVER,
        .preferred_lft = BATON_LFT_FOREVER,
    };
    for (const struct rtattr *rta = IFA_RTA(ifa); RTA_OK(rta, len);
         rta = RTA_NEXT(rta, len)) {
        addr_attr(rta, out, &local);
    }
    return BATON_RC_OK;
}

int
baton_nl_link_parse(const struct nlmsghdr *n, struct baton_link *out)
{
    const struct ifinfomsg *ifi = NLMSG_DATA(n);
    int len = (int) n->nlmsg_len - (int) NLMSG_LENGTH(sizeof(*ifi));

    if ((len < 0) || (n->nlmsg_type != RTM_NEWLINK) || (ifi->ifi_index <= 0)) {
        return BATON_RC_PROTOCOL;
    }
    *out = (struct baton_link) {
        .ifindex = (uint32_t) ifi->ifi_index,
        .flags = ifi->ifi_flags,
        .type = ifi->ifi_type,
    };
    for (const struct rtattr *rta = IFLA_RTA(ifi); RTA_OK(rta, len);
         rta = RTA_NEXT(rta, len)) {
        if (rta->rta_type == IFLA_IFNAME) {
            rta_str(rta, out->name, sizeof(out->name));
        } else if (rta->rta_type == IFLA_OPERSTATE) {
            (void) rta_get(rta, &out->operstate, 1);
        } else if ((rta->rta_type == IFLA_ADDRESS)
                   && (RTA_PAYLOAD(rta) <= sizeof(out->hwaddr))) {
            out->hwaddr_len = RTA_PAYLOAD(rta);
            memcpy(out->hwaddr, RTA_DATA(rta), out->hwaddr_len);
        }
    }
    return BATON_RC_OK;
}

static void
route_attr(const struct rtattr *rta, struct baton_route *out)
{
    size_t alen = baton_inaddr_len(out->family);

    switch (rta->rta_type) {
        case RTA_DST:
            out->has_dst = rta_get(rta, out->dst, alen);
            break;
        case RTA_GATEWAY:
        case RTA_VIA:
            out->has_gateway = true;
            break;
        case RTA_OIF:
            (void) rta_get(rta, &out->oif, sizeof(out->oif));
            break;
        case RTA_TABLE:
            (void) rta_get(rta, &out->table, sizeof(out->table));
            break;
        default:
            break;
    }
}

int
baton_nl_route_parse(const struct nlmsghdr *n, struct baton_route *out)
{
    const struct rtmsg *rtm = NLMSG_DATA(n);
    int len = (int) n->nlmsg_len - (int) NLMSG_LENGTH(sizeof(*rtm));

    if ((len < 0) || (n->nlmsg_type != RTM_NEWROUTE)
        || (baton_inaddr_len(rtm->rtm_family) == 0)) {
        return BATON_RC_PROTOCOL;
    }
    *out = (struct baton_route) {
        .family = rtm->rtm_family,
        .dst_len = rtm->rtm_dst_len,
        .table = rtm->rtm_table,
        .scope = rtm->rtm_scope,
        .type = rtm->rtm_type,
    };
    for (const struct rtattr *rta = RTM_RTA(rtm); RTA_OK(rta, len);
         rta = RTA_NEXT(rta, len)) {
        route_attr(rta, out);
    }
    return BATON_RC_OK;
}
