/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:IPaddr2 declared once: its parameters and actions. Metadata,
 * validation, the man page and the doc page all derive from this table.
 */
#include <string.h>
#include <sys/socket.h>

#include "baton/inaddr.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "baton/params.h"
#include "IPaddr2.h"

/*
 * The parsers of single parameters (baton_param_parse_fn): each fills its
 * field in struct ipaddr2_conf and writes a reason without the parameter's
 * name. The rules that involve several parameters are ipaddr2_conf_check()
 * in IPaddr2_conf.c.
 */

static const char *const arp_senders[] = {
    "send_arp", "ipoibarping", "iputils_arping", "libnet_arping", NULL,
};

/* A prefix length or a dotted IPv4 netmask, remembered as which */
static int
parse_cidr(const char *value, void *field, baton_reason_t *why)
{
    struct ipaddr2_cidr *cidr = field;

    cidr->dotted = (strchr(value, '.') != NULL);
    return baton_prefix_param_parse(value, &cidr->len, why);
}

/* "eth0", or the deprecated "eth0:label" that also sets the label */
static int
parse_nic(const char *value, void *field, baton_reason_t *why)
{
    struct ipaddr2_nic *nic = field;
    const char *colon = strchr(value, ':');
    int rc = baton_ifname_param_parse(value, nic->name, why);

    if ((rc != BATON_RC_OK) || (colon == NULL)) {
        return rc;
    }
    if (strlen(value) >= IFNAMSIZ) {
        baton_reason_set(why, "label %s is longer than 15 characters", value);
        return BATON_RC_CONFIG;
    }
    memcpy(nic->label, colon + 1, strlen(colon + 1) + 1);
    return BATON_RC_OK;
}

static int
parse_broadcast(const char *value, void *field, baton_reason_t *why)
{
    struct ipaddr2_broadcast *b = field;

    if (strcmp(value, "+") == 0) {
        b->mode = IPADDR2_BCAST_ONES;
    } else if (strcmp(value, "-") == 0) {
        b->mode = IPADDR2_BCAST_ZEROS;
    } else if ((baton_inaddr_parse(value, &b->addr) == BATON_RC_OK)
               && (b->addr.family == AF_INET)) {
        b->mode = IPADDR2_BCAST_GIVEN;
    } else {
        baton_reason_set(why, "'%s' is not '+', '-' or an IPv4 address",
                         value);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

/* A string checked against the names, not a select: ocf-tester's DTD has
 * no select type. No field: no program is run whatever the value. */
static int
check_arp_sender(const char *value, void *field, baton_reason_t *why)
{
    (void) field;
    for (size_t i = 0; arp_senders[i] != NULL; i++) {
        if (strcmp(value, arp_senders[i]) == 0) {
            return BATON_RC_OK;
        }
    }
    baton_reason_set(why, "'%s' is not one of send_arp, ipoibarping, "
                     "iputils_arping, libnet_arping", value);
    return BATON_RC_CONFIG;
}

/* send_arp_opts: only the ARP operation means something without arping */
static int
parse_arp_opts(const char *value, void *field, baton_reason_t *why)
{
    struct ipaddr2_arp_opts *o = field;
    const char *p = value;
    size_t used = 0;

    (void) why;
    o->op = BATON_ARP_REQUEST;
    o->ignored[0] = '\0';
    for (p += strspn(p, " \t"); *p != '\0'; p += strspn(p, " \t")) {
        size_t len = strcspn(p, " \t");

        if ((len == 2) && (strncmp(p, "-A", len) == 0)) {
            o->op = BATON_ARP_REPLY;
        } else if ((len == 2) && (strncmp(p, "-U", len) == 0)) {
            o->op = BATON_ARP_REQUEST;
        } else if (used < sizeof(o->ignored)) {
            int n = snprintf(o->ignored + used, sizeof(o->ignored) - used,
                             "%s%.*s", (used > 0) ? " " : "", (int) len, p);

            used += (n > 0) ? (size_t) n : 0;
        }
        p += len;
    }
    return BATON_RC_OK;
}

/* A name under /run/netns, never a path */
static int
check_netns(const char *value, void *field, baton_reason_t *why)
{
    (void) field;
    if ((strchr(value, '/') != NULL) || (strcmp(value, ".") == 0)
        || (strcmp(value, "..") == 0)) {
        baton_reason_set(why, "'%s' is not a namespace name", value);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

#define OBSOLETE_CLUSTERIP \
    "the CLUSTERIP iptables target was removed from Linux (6.x); use a " \
    "load balancer or separate addresses per node instead"

#define CONF_FIELD(member_) BATON_FIELD(struct ipaddr2_conf, member_)
#define CONF_GIVEN(member_) BATON_GIVEN(struct ipaddr2_conf, member_)

static const struct baton_param_def ipaddr2_params[] = {
    { .name = IPADDR2_IP, .type = BATON_PARAM_STRING,
      /* unique, not unique-group: ocf-tester's DTD (OCF 1.0) knows only
       * the former, and OCF 1.1 still accepts it */
      .flags = BATON_PARAM_REQUIRED | BATON_PARAM_UNIQUE,
      .kind = BATON_KIND_CUSTOM, CONF_FIELD(ip),
      .parse = baton_inaddr_param_parse,
      .shortdesc = "IPv4 or IPv6 address",
      .longdesc = "The virtual address to manage, written as a literal "
                  "IPv4 (192.0.2.10) or IPv6 (2001:db8::10) address. Host "
                  "names are not resolved." },
    { .name = IPADDR2_NIC, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_CUSTOM, CONF_FIELD(nic), .parse = parse_nic,
      .shortdesc = "Network interface",
      .longdesc = "The interface that carries the address. When empty, the "
                  "interface of the directly connected route covering the "
                  "address is used (heartbeat's findif rules). Give the base "
                  "interface; the old form name:label still sets the label "
                  "but iflabel is preferred. A named interface that does not "
                  "exist on a node makes the resource unusable on that node "
                  "only (exit 5), not everywhere." },
    { .name = IPADDR2_CIDR, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_CUSTOM, CONF_FIELD(cidr), CONF_GIVEN(has_prefix),
      .parse = parse_cidr, .shortdesc = "CIDR prefix length",
      .longdesc = "The prefix length of the address (24, not "
                  "255.255.255.0; a dotted IPv4 netmask is converted). At most "
                  "32 for IPv4 and 128 for IPv6. When empty, the prefix of "
                  "the route covering the address is used." },
    { .name = IPADDR2_BROADCAST, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_CUSTOM, CONF_FIELD(bcast), .parse = parse_broadcast,
      .shortdesc = "Broadcast address",
      .longdesc = "IPv4 only: the broadcast address, or '+' (host bits set) "
                  "or '-' (host bits clear). When empty, '+' is used for "
                  "prefixes up to /30, as the primary address usually has." },
    { .name = IPADDR2_IFLABEL, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, CONF_FIELD(iflabel),
      .shortdesc = "Interface label",
      .longdesc = "IPv4 only: a label for the address, shown as "
                  "interface:label. The whole name must fit in 15 characters. "
                  "Ignored for IPv6, which has no address labels." },
    { .name = IPADDR2_LVS, .type = BATON_PARAM_BOOLEAN, .dflt = "false",
      .kind = BATON_KIND_BOOL, CONF_FIELD(lvs),
      .shortdesc = "LVS direct routing support",
      .longdesc = "For LVS direct routing: on stop, move the address to the "
                  "loopback interface instead of removing it, so this node "
                  "still accepts traffic for it without announcing it; on "
                  "start, take it from loopback first." },
    { .name = IPADDR2_ARP_INTERVAL, .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RANGE, .dflt = "200", .min = 0, .max = 60000,
      .kind = BATON_KIND_INT, CONF_FIELD(arp_interval_ms),
      .shortdesc = "Announcement interval (ms)",
      .longdesc = "Milliseconds between two gratuitous ARP (IPv4) or "
                  "unsolicited neighbour advertisement (IPv6) packets." },
    { .name = IPADDR2_ARP_COUNT, .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RANGE, .dflt = "5", .min = 0, .max = 1000,
      .kind = BATON_KIND_INT, CONF_FIELD(arp_count),
      .shortdesc = "Announcements on start",
      .longdesc = "How many announcement packets start sends (0: none)." },
    { .name = IPADDR2_ARP_REFRESH, .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RANGE, .dflt = "0", .min = 0, .max = 1000,
      .kind = BATON_KIND_INT, CONF_FIELD(arp_refresh),
      .shortdesc = "Announcements on monitor",
      .longdesc = "IPv4 only: how many gratuitous ARP packets each "
                  "recurring monitor sends while the address is up, to "
                  "repair neighbours' caches left stale by a split brain." },
    /* No default in the table: when empty it depends on the family
     * (ipaddr2_conf_check) */
    { .name = IPADDR2_ARP_BG, .type = BATON_PARAM_BOOLEAN,
      .kind = BATON_KIND_BOOL, CONF_FIELD(arp_bg), CONF_GIVEN(has_arp_bg),
      .shortdesc = "Announce in the background",
      .longdesc = "Whether announcements after the first are sent by a "
                  "background process, so start returns at once. Start "
                  "always sends the first packet itself; IPv6 start first "
                  "waits for duplicate address detection, watching the "
                  "address through netlink. The background sender is killed "
                  "by stop. When empty: true for IPv4 and for IPv6 (heartbeat "
                  "sends IPv6 advertisements in the foreground; Baton's start "
                  "already returns only once the address is usable)." },
    { .name = IPADDR2_ARP_SENDER, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_NO_EFFECT, .kind = BATON_KIND_CUSTOM,
      .parse = check_arp_sender,
      .shortdesc = "ARP sender program",
      .longdesc = "Accepted for compatibility with existing configurations. "
                  "Baton builds and sends the packets itself over a packet "
                  "socket, so no program is run, whichever value is set." },
    { .name = IPADDR2_ARP_OPTS, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_CUSTOM, CONF_FIELD(arp), .parse = parse_arp_opts,
      .shortdesc = "ARP sender options",
      .longdesc = "Options in arping style. Only the choice of ARP operation "
                  "has a meaning here: -A announces with ARP replies, -U "
                  "(the default) with ARP requests. Other options are "
                  "ignored with a warning; the value never reaches a shell." },
    { .name = IPADDR2_FLUSH_ROUTES, .type = BATON_PARAM_BOOLEAN,
      .dflt = "false", .kind = BATON_KIND_BOOL, CONF_FIELD(flush_routes),
      .shortdesc = "Flush cached routes on stop",
      .longdesc = "On stop, flush the kernel's cached routes (route "
                  "exceptions) so that local applications stop using the "
                  "address at once." },
    { .name = IPADDR2_NODAD, .type = BATON_PARAM_BOOLEAN, .dflt = "false",
      .kind = BATON_KIND_BOOL, CONF_FIELD(nodad),
      .shortdesc = "Skip duplicate address detection",
      .longdesc = "IPv6 only: add the address without duplicate address "
                  "detection, so it is usable immediately." },
    { .name = IPADDR2_NOPREFIXROUTE, .type = BATON_PARAM_BOOLEAN,
      .dflt = "false", .kind = BATON_KIND_BOOL, CONF_FIELD(noprefixroute),
      .shortdesc = "No prefix route",
      .longdesc = "Do not create the route of the address's prefix (the "
                  "noprefixroute address flag)." },
    { .name = IPADDR2_PREFERRED_LFT, .type = BATON_PARAM_STRING,
      .dflt = "forever", .kind = BATON_KIND_CUSTOM,
      CONF_FIELD(preferred_lft), .parse = baton_lft_param_parse,
      .shortdesc = "IPv6 preferred lifetime",
      .longdesc = "IPv6 only: the preferred lifetime of the address in "
                  "seconds, or 'forever'. 0 keeps the address from being "
                  "chosen as a source address (RFC 4862, 5.5.4)." },
    { .name = IPADDR2_NETNS, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, CONF_FIELD(netns), .parse = check_netns,
      .shortdesc = "Network namespace",
      .longdesc = "Manage the address inside this named network namespace "
                  "(/run/netns/NAME), which must exist, as must the "
                  "interface inside it." },
    /* Removed features. A value heartbeat's IPaddr2 has by default asks
     * for nothing, so it is accepted with a warning (a configuration moved
     * over as it was keeps working); any other value is refused. */
    { .name = "clusterip_hash", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_OBSOLETE | BATON_PARAM_HIDDEN,
      .compat_value = "sourceip-sourceport",
      .note = OBSOLETE_CLUSTERIP, .shortdesc = "Cluster IP hash",
      .longdesc = "Hash of the removed CLUSTERIP feature." },
    /* heartbeat has no default here: any value asks for CLUSTERIP */
    { .name = "mac", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_OBSOLETE | BATON_PARAM_HIDDEN,
      .note = OBSOLETE_CLUSTERIP, .shortdesc = "Cluster IP MAC address",
      .longdesc = "Multicast MAC of the removed CLUSTERIP feature." },
    { .name = "unique_clone_address", .type = BATON_PARAM_BOOLEAN,
      .flags = BATON_PARAM_OBSOLETE | BATON_PARAM_HIDDEN,
      .note = "it only served cloned CLUSTERIP addresses, and the CLUSTERIP "
              "target was removed from Linux; clone the resource with one "
              "address per instance instead",
      .shortdesc = "Unique clone address",
      .longdesc = "Per-clone address of the removed CLUSTERIP feature." },
    /* Not obsolete in the table: whether true asks for anything depends on
     * the address family (ipaddr2_conf_check) */
    { .name = IPADDR2_LVS_ADDRLABEL, .type = BATON_PARAM_BOOLEAN,
      .flags = BATON_PARAM_HIDDEN, .kind = BATON_KIND_BOOL,
      CONF_FIELD(lvs_ipv6_addrlabel), CONF_GIVEN(has_lvs_ipv6_addrlabel),
      .note = IPADDR2_ADDRLABEL_NOTE,
      .shortdesc = "IPv6 address label",
      .longdesc = "Not implemented. Ignored with a warning when false, or "
                  "for an IPv4 address (as heartbeat does); true with an "
                  "IPv6 address is refused." },
    { .name = "lvs_ipv6_addrlabel_value", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_OBSOLETE | BATON_PARAM_HIDDEN,
      .compat_value = "99",
      .note = "IPv6 address labels are not implemented by ocf:baton:IPaddr2",
      .shortdesc = "IPv6 address label value", .longdesc = "Not implemented." },
    { .name = "run_arping", .type = BATON_PARAM_BOOLEAN,
      .flags = BATON_PARAM_OBSOLETE | BATON_PARAM_HIDDEN,
      .note = "collision detection with arping is not implemented by "
              "ocf:baton:IPaddr2 (IPv6 duplicate address detection is)",
      .shortdesc = "Run arping", .longdesc = "Not implemented." },
};

static const struct baton_action_def ipaddr2_actions[] = {
    { .name = "start", .timeout_s = 20 },
    { .name = "stop", .timeout_s = 20 },
    { .name = "monitor", .timeout_s = 20, .interval_s = 10 },
    { .name = "meta-data", .timeout_s = 5 },
    { .name = "validate-all", .timeout_s = 20 },
};

const struct baton_agent_def baton_ipaddr2_agent = {
    .kind = BATON_AGENT_OCF,
    .name = "IPaddr2",
    .version = "1.0",
    .shortdesc = "Manages a virtual IPv4 or IPv6 address",
    .longdesc = "Adds a virtual IPv4 or IPv6 address to an interface on "
                "start, announces it to the neighbours (gratuitous ARP or "
                "unsolicited neighbour advertisement, sent from inside the "
                "agent), and removes it on stop. The monitor checks that the "
                "address is on the right interface with the right prefix and "
                "that the link is up. Everything is done over netlink and "
                "packet sockets, without running ip(8) or arping. A drop-in "
                "for ocf:heartbeat:IPaddr2 with the same parameter names. "
                "Exit codes: a configuration wrong everywhere (not an "
                "address, prefix out of range, non-numeric count, missing ip, "
                "a removed feature) gives 6 (not configured) and changes "
                "nothing. A condition of this node only (the interface named "
                "by nic does not exist here, no route here covers the address "
                "and nic is not set, the network namespace does not exist) "
                "gives 5 (not installed), so Pacemaker keeps the resource off "
                "this node and tries another; heartbeat returns 1 there. "
                "Stop succeeds on such configurations, since nothing can "
                "have been started.",
    .replaces = "ocf:heartbeat:IPaddr2",
    .params = ipaddr2_params,
    .n_params = BATON_N_ELEMENTS(ipaddr2_params),
    .actions = ipaddr2_actions,
    .n_actions = BATON_N_ELEMENTS(ipaddr2_actions),
    .conf_size = sizeof(struct ipaddr2_conf),
    .conf_check = ipaddr2_conf_check,
};
