/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:IPaddr2: from parameter text to a checked configuration. Runs
 * before anything is changed, so bad input leaves the host untouched.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "baton/log.h"
#include "baton/rc.h"
#include "IPaddr2.h"

static int
parse_prefix(const baton_params_t *params, struct ipaddr2_conf *c,
             baton_reason_t *why)
{
    const char *v = baton_params_get(params, IPADDR2_CIDR);

    if ((v == NULL) || (*v == '\0')) {
        return BATON_RC_OK;
    }
    if (baton_prefix_parse(v, c->ip.family, &c->ip.prefix) != BATON_RC_OK) {
        baton_reason_set(why, "Parameter " IPADDR2_CIDR " '%s' is not a "
                         "prefix length for %s (0-%u)", v,
                         (c->ip.family == AF_INET) ? "IPv4" : "IPv6",
                         baton_inaddr_max_prefix(c->ip.family));
        return BATON_RC_CONFIG;
    }
    c->has_prefix = true;
    return BATON_RC_OK;
}

/* nic may be "eth0" or the deprecated "eth0:label" */
static void
parse_nic(const baton_params_t *params, struct ipaddr2_conf *c)
{
    const char *v = baton_params_get(params, IPADDR2_NIC);
    const char *iflabel = baton_params_get(params, IPADDR2_IFLABEL);
    size_t base = 0;

    if ((v != NULL) && (*v != '\0')) {
        base = strcspn(v, ":");
        memcpy(c->nic, v, base);
        c->nic[base] = '\0';
        if (v[base] == ':') {
            snprintf(c->iflabel, sizeof(c->iflabel), "%s", v + base + 1);
        }
    }
    if ((c->iflabel[0] == '\0') && (iflabel != NULL)) {
        snprintf(c->iflabel, sizeof(c->iflabel), "%s", iflabel);
    }
}

int
ipaddr2_label(const struct ipaddr2_conf *c, const char *ifname, char *out,
              baton_reason_t *why)
{
    out[0] = '\0';
    if ((c->ip.family != AF_INET) || (c->iflabel[0] == '\0')) {
        return BATON_RC_OK;
    }
    if (strlen(ifname) + 1 + strlen(c->iflabel) >= IFNAMSIZ) {
        baton_reason_set(why, "Label %s:%s is longer than 15 characters",
                         ifname, c->iflabel);
        return BATON_RC_CONFIG;
    }
    {
        size_t n = strlen(ifname);

        memcpy(out, ifname, n);
        out[n] = ':';
        memcpy(out + n + 1, c->iflabel, strlen(c->iflabel) + 1);
    }
    return BATON_RC_OK;
}

static int
parse_broadcast(const baton_params_t *params, struct ipaddr2_conf *c,
                baton_reason_t *why)
{
    const char *v = baton_params_get(params, IPADDR2_BROADCAST);

    c->bcast_mode = IPADDR2_BCAST_AUTO;
    if ((v == NULL) || (*v == '\0')) {
        return BATON_RC_OK;
    }
    if (strcmp(v, "+") == 0) {
        c->bcast_mode = IPADDR2_BCAST_ONES;
    } else if (strcmp(v, "-") == 0) {
        c->bcast_mode = IPADDR2_BCAST_ZEROS;
    } else if ((baton_inaddr_parse(v, &c->bcast) == BATON_RC_OK)
               && (c->bcast.family == AF_INET)) {
        c->bcast_mode = IPADDR2_BCAST_GIVEN;
    } else {
        baton_reason_set(why, "Parameter " IPADDR2_BROADCAST " '%s' is not "
                         "'+', '-' or an IPv4 address", v);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

/* send_arp_opts: only the ARP operation means something without arping */
static void
parse_arp_opts(const char *v, struct ipaddr2_conf *c)
{
    char buf[256];
    char *save = NULL;

    c->arp_op = BATON_ARP_REQUEST;
    if ((v == NULL) || (*v == '\0')) {
        return;
    }
    snprintf(buf, sizeof(buf), "%s", v);
    for (char *tok = strtok_r(buf, " \t", &save); tok != NULL;
         tok = strtok_r(NULL, " \t", &save)) {
        if (strcmp(tok, "-A") == 0) {
            c->arp_op = BATON_ARP_REPLY;
        } else if (strcmp(tok, "-U") == 0) {
            c->arp_op = BATON_ARP_REQUEST;
        } else {
            baton_warn("Ignoring " IPADDR2_ARP_OPTS " option %s: announcements "
                       "are sent by the agent itself", tok);
        }
    }
}

static int
get_uint(const baton_params_t *params, const char *name, unsigned *out)
{
    long long v = 0;
    int rc = baton_params_get_int(params, name, &v);

    *out = (unsigned) v;
    return rc;
}

static int
parse_flags(const baton_params_t *params, struct ipaddr2_conf *c)
{
    int rc = baton_params_get_bool(params, IPADDR2_LVS, &c->lvs);

    rc = (rc != BATON_RC_OK) ? rc
         : baton_params_get_bool(params, IPADDR2_FLUSH_ROUTES,
                                 &c->flush_routes);
    rc = (rc != BATON_RC_OK) ? rc
         : baton_params_get_bool(params, IPADDR2_NODAD, &c->nodad);
    rc = (rc != BATON_RC_OK) ? rc
         : baton_params_get_bool(params, IPADDR2_NOPREFIXROUTE,
                                 &c->noprefixroute);
    c->arp_bg = true;
    if ((rc == BATON_RC_OK) && baton_params_is_set(params, IPADDR2_ARP_BG)
        && (*baton_params_get(params, IPADDR2_ARP_BG) != '\0')) {
        rc = baton_params_get_bool(params, IPADDR2_ARP_BG, &c->arp_bg);
    }
    rc = (rc != BATON_RC_OK) ? rc
         : get_uint(params, IPADDR2_ARP_INTERVAL, &c->arp_interval_ms);
    rc = (rc != BATON_RC_OK) ? rc
         : get_uint(params, IPADDR2_ARP_COUNT, &c->arp_count);
    rc = (rc != BATON_RC_OK) ? rc
         : get_uint(params, IPADDR2_ARP_REFRESH, &c->arp_refresh);
    rc = (rc != BATON_RC_OK) ? rc
         : baton_lft_parse(baton_params_get(params, IPADDR2_PREFERRED_LFT),
                           &c->preferred_lft);
    return (rc == BATON_RC_OK) ? rc : BATON_RC_CONFIG;
}

int
ipaddr2_conf_parse(const baton_params_t *params, struct ipaddr2_conf *c,
                   baton_reason_t *why)
{
    const char *ip = baton_params_get(params, IPADDR2_IP);
    const char *netns = baton_params_get(params, IPADDR2_NETNS);
    int rc;

    memset(c, 0, sizeof(*c));
    if (baton_inaddr_parse(ip, &c->ip) != BATON_RC_OK) {
        baton_reason_set(why, "Parameter " IPADDR2_IP " '%s' is not an IPv4 "
                         "or IPv6 address", baton_s(ip, ""));
        return BATON_RC_CONFIG;
    }
    rc = parse_prefix(params, c, why);
    if (rc == BATON_RC_OK) {
        rc = parse_broadcast(params, c, why);
    }
    if (rc == BATON_RC_OK) {
        rc = parse_flags(params, c);
        if (rc != BATON_RC_OK) {
            baton_reason_set(why, "Invalid announcement, lifetime or flag "
                             "parameter");
        }
    }
    if (rc != BATON_RC_OK) {
        return rc;
    }
    parse_nic(params, c);
    parse_arp_opts(baton_params_get(params, IPADDR2_ARP_OPTS), c);
    c->netns = ((netns != NULL) && (*netns != '\0')) ? netns : NULL;
    if (c->nic[0] != '\0') {
        return ipaddr2_label(c, c->nic, c->label, why);
    }
    return BATON_RC_OK;
}
