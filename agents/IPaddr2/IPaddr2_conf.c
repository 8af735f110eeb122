/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:IPaddr2: the rules that tie several parameters together. Each
 * value has already been parsed into struct ipaddr2_conf by its table entry
 * (IPaddr2_table.c); these run before anything is changed, so bad input
 * leaves the host untouched.
 */
#include <string.h>
#include <sys/socket.h>

#include "baton/log.h"
#include "baton/rc.h"
#include "IPaddr2.h"

/* The label text: the deprecated nic=name:label wins over iflabel, as in
 * heartbeat */
static const char *
iflabel_of(const struct ipaddr2_conf *c)
{
    if (c->nic.label[0] != '\0') {
        return c->nic.label;
    }
    return baton_s(c->iflabel, "");
}

int
ipaddr2_label(const struct ipaddr2_conf *c, const char *ifname, char *out,
              baton_reason_t *why)
{
    const char *iflabel = iflabel_of(c);
    size_t n = strlen(ifname);

    out[0] = '\0';
    if ((c->ip.family != AF_INET) || (iflabel[0] == '\0')) {
        return BATON_RC_OK;
    }
    if (n + 1 + strlen(iflabel) >= IFNAMSIZ) {
        baton_reason_set(why, "Label %s:%s is longer than 15 characters",
                         ifname, iflabel);
        return BATON_RC_CONFIG;
    }
    memcpy(out, ifname, n);
    out[n] = ':';
    memcpy(out + n + 1, iflabel, strlen(iflabel) + 1);
    return BATON_RC_OK;
}

/* cidr_netmask against the address family; the address gets its prefix */
static int
check_prefix(struct ipaddr2_conf *c, baton_reason_t *why)
{
    unsigned max = baton_inaddr_max_prefix(c->ip.family);
    const char *family = (c->ip.family == AF_INET) ? "IPv4" : "IPv6";

    if (!c->has_prefix) {
        c->ip.prefix = max;
        return BATON_RC_OK;
    }
    if (c->cidr.dotted && (c->ip.family != AF_INET)) {
        baton_reason_set(why, "Parameter " IPADDR2_CIDR ": a dotted netmask "
                         "is not a prefix length for IPv6 (0-128)");
        return BATON_RC_CONFIG;
    }
    if (c->cidr.len > max) {
        baton_reason_set(why, "Parameter " IPADDR2_CIDR ": '%u' is not a "
                         "prefix length for %s (0-%u)", c->cidr.len, family,
                         max);
        return BATON_RC_CONFIG;
    }
    c->ip.prefix = c->cidr.len;
    return BATON_RC_OK;
}

/* fe80::/10: valid on every link, so only nic can say which one */
static int
check_link_local(const struct ipaddr2_conf *c, baton_reason_t *why)
{
    char ip[BATON_INADDR_STRLEN];

    if ((c->ip.family != AF_INET6) || (c->ip.bytes[0] != 0xfe)
        || ((c->ip.bytes[1] & 0xc0) != 0x80) || (c->nic.name[0] != '\0')) {
        return BATON_RC_OK;
    }
    baton_reason_set(why, "Parameter " IPADDR2_NIC " must be set for the "
                     "link-local address %s: it is valid on every link, so "
                     "the interface is ambiguous",
                     baton_inaddr_str(&c->ip, false, ip, sizeof(ip)));
    return BATON_RC_CONFIG;
}

/* heartbeat ignores lvs_ipv6_addrlabel for IPv4, and false asks for nothing;
 * true asks for IPv6 address labels, which Baton does not implement */
/* send_arp_opts beyond -A/-U asks for what the agent does its own way */
static void
warn_arp_opts(const struct ipaddr2_conf *c)
{
    if ((c->arp.ignored[0] != '\0') && !c->quiet_ignored) {
        baton_warn("Ignoring " IPADDR2_ARP_OPTS " option(s) %s: "
                   "announcements are sent by the agent itself",
                   c->arp.ignored);
    }
}

static int
check_addrlabel(const struct ipaddr2_conf *c, baton_reason_t *why)
{
    if (!c->has_lvs_ipv6_addrlabel) {
        return BATON_RC_OK;
    }
    if (c->lvs_ipv6_addrlabel && (c->ip.family == AF_INET6)) {
        baton_reason_set(why, "Parameter " IPADDR2_LVS_ADDRLABEL " is not "
                         "supported: " IPADDR2_ADDRLABEL_NOTE);
        return BATON_RC_CONFIG;
    }
    if (c->quiet_ignored) {
        return BATON_RC_OK;
    }
    baton_warn("Ignoring parameter " IPADDR2_LVS_ADDRLABEL "=%s: %s",
               c->lvs_ipv6_addrlabel ? "true" : "false",
               c->lvs_ipv6_addrlabel ? "heartbeat ignores it for IPv4 too"
                                     : IPADDR2_ADDRLABEL_NOTE);
    return BATON_RC_OK;
}

/* What the table cannot say: defaults that depend on the family or that
 * metadata does not show (IPv6 has no labels: ipaddr2_label() gives none) */
static void
fill_defaults(struct ipaddr2_conf *c)
{
    if (!c->has_arp_bg) {
        /* heartbeat: true for IPv4, false for IPv6 (its send_ua waits for
         * DAD in the foreground); Baton's start has already waited for
         * DAD, so the rest can go to the background for both */
        c->arp_bg = true;
    }
    if (c->arp.op == 0) {
        c->arp.op = BATON_ARP_REQUEST;          /* arping -U */
    }
}

int
ipaddr2_conf_check(void *conf, baton_reason_t *why)
{
    struct ipaddr2_conf *c = conf;
    int rc = check_prefix(c, why);

    rc = (rc != BATON_RC_OK) ? rc : check_link_local(c, why);
    rc = (rc != BATON_RC_OK) ? rc : check_addrlabel(c, why);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    warn_arp_opts(c);
    fill_defaults(c);
    if (c->nic.name[0] != '\0') {
        return ipaddr2_label(c, c->nic.name, c->label, why);
    }
    return BATON_RC_OK;
}
