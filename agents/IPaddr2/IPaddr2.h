/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:IPaddr2 internals: parameter names, the parsed configuration,
 * and the actions main.c dispatches to.
 */
#ifndef BATON_IPADDR2_H
#define BATON_IPADDR2_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>

#include "baton/arp.h"
#include "baton/inaddr.h"
#include "baton/netlink.h"
#include "baton/ocf.h"

#define IPADDR2_IP            "ip"
#define IPADDR2_NIC           "nic"
#define IPADDR2_CIDR          "cidr_netmask"
#define IPADDR2_BROADCAST     "broadcast"
#define IPADDR2_IFLABEL       "iflabel"
#define IPADDR2_LVS           "lvs_support"
#define IPADDR2_ARP_INTERVAL  "arp_interval"
#define IPADDR2_ARP_COUNT     "arp_count"
#define IPADDR2_ARP_REFRESH   "arp_count_refresh"
#define IPADDR2_ARP_BG        "arp_bg"
#define IPADDR2_ARP_SENDER    "arp_sender"
#define IPADDR2_ARP_OPTS      "send_arp_opts"
#define IPADDR2_FLUSH_ROUTES  "flush_routes"
#define IPADDR2_NODAD         "nodad"
#define IPADDR2_NOPREFIXROUTE "noprefixroute"
#define IPADDR2_PREFERRED_LFT "preferred_lft"
#define IPADDR2_NETNS         "network_namespace"
#define IPADDR2_LVS_ADDRLABEL "lvs_ipv6_addrlabel"

/*! Why lvs_ipv6_addrlabel=true is refused for an IPv6 address */
#define IPADDR2_ADDRLABEL_NOTE \
    "IPv6 address labels are not implemented by ocf:baton:IPaddr2; use " \
    "ocf:heartbeat:IPaddr2 for LVS-DR over IPv6"

/*! The process name of a background announcer (for ps; stop checks its
 *  recorded identity, not its name) */
#define IPADDR2_SENDER_COMM   "baton-announce"

/*! How the broadcast address is chosen */
enum ipaddr2_bcast {
    IPADDR2_BCAST_AUTO = 0,         /*!< '+' up to /30, none beyond */
    IPADDR2_BCAST_ONES,             /*!< '+' */
    IPADDR2_BCAST_ZEROS,            /*!< '-' */
    IPADDR2_BCAST_GIVEN,            /*!< an explicit address */
};

/*! The broadcast parameter, parsed */
struct ipaddr2_broadcast {
    enum ipaddr2_bcast mode;
    struct baton_inaddr addr;       /*!< with IPADDR2_BCAST_GIVEN */
};

/*! The nic parameter, parsed: the base interface, and the label of the
 *  deprecated "name:label" form */
struct ipaddr2_nic {
    char name[IFNAMSIZ];            /*!< "" when not given */
    char label[IFNAMSIZ];           /*!< the part after ':', or "" */
};

/*! The cidr_netmask parameter, parsed (checked against the family by
 *  ipaddr2_conf_check()) */
struct ipaddr2_cidr {
    unsigned len;
    bool dotted;                    /*!< written as an IPv4 netmask */
};

/*! send_arp_opts: the ARP operation, and what it asked that the agent
 *  does not do (warned of by conf_check where the action is acted on) */
struct ipaddr2_arp_opts {
    enum baton_arp_op op;
    char ignored[64];               /*!< the options ignored, or "" */
};

/*!
 * The configuration: baton_params_parse() fills each field from its
 * parameter (IPaddr2_table.c), then ipaddr2_conf_check() applies the rules
 * that tie several parameters together and fills the derived fields.
 */
struct ipaddr2_conf {
    struct baton_inaddr ip;         /*!< prefix: cidr_netmask, else the
                                     *   family's full length */
    struct ipaddr2_cidr cidr;
    bool has_prefix;                /*!< cidr_netmask was given */
    struct ipaddr2_nic nic;
    const char *iflabel;            /*!< the iflabel parameter, or NULL */
    char label[IFNAMSIZ];           /*!< derived: full IPv4 label or "" */
    struct ipaddr2_broadcast bcast;
    bool lvs;
    bool lvs_ipv6_addrlabel;
    bool has_lvs_ipv6_addrlabel;
    bool flush_routes;
    bool nodad;
    bool noprefixroute;
    bool arp_bg;
    bool has_arp_bg;                /*!< else the family's default */
    unsigned arp_interval_ms;
    unsigned arp_count;
    unsigned arp_refresh;
    struct ipaddr2_arp_opts arp;    /*!< from send_arp_opts */
    uint32_t preferred_lft;
    const char *netns;              /*!< borrowed from the params, or NULL */
    bool quiet_ignored;             /*!< preset: no warning for a value that
                                     *   asks for nothing (the action is
                                     *   not one where it is acted on) */
};

/*! One action's working state */
struct ipaddr2_ctx {
    struct ipaddr2_conf conf;
    baton_nl_t *nl;
    struct baton_link link;         /*!< the target interface (resolved) */
    unsigned prefix;                /*!< the target prefix (resolved) */
    unsigned long timeout_ms;
};

/*!
 * \brief The rules that tie several parameters together (the table's
 *        conf_check): prefix against the address family, a link-local
 *        address needs nic, the label, the family's defaults.
 * \param[in,out] conf  A struct ipaddr2_conf every value was parsed into.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set.
 */
int ipaddr2_conf_check(void *conf, baton_reason_t *why);

/*!
 * \brief Build the label of an IPv4 address on \p ifname from the conf.
 * \return BATON_RC_OK, or BATON_RC_CONFIG when it does not fit 15 chars.
 */
int ipaddr2_label(const struct ipaddr2_conf *c, const char *ifname,
                  char *out, baton_reason_t *why);

/*!
 * \brief Announce the address on the resolved link: the first packet now,
 *        the others in the foreground or from a background process.
 *
 * A failure is logged as a warning: the address works without it.
 * \return BATON_RC_OK or an errno.
 */
int ipaddr2_announce(const struct ipaddr2_ctx *ctx, unsigned count,
                     bool background);

/*! \brief Kill the background announcer of this address, if any. */
int ipaddr2_announcer_stop(const struct ipaddr2_conf *c);

/*! The dispatch table of the agent */
extern const struct baton_ocf_op ipaddr2_ops[];

/*! The table (IPaddr2_table.c) */
extern const struct baton_agent_def baton_ipaddr2_agent;

#endif /* BATON_IPADDR2_H */
