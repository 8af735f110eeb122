/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * rtnetlink without forking ip(8): addresses, links and routes, and a
 * subscription to watch an address's state (duplicate address detection).
 */
#ifndef BATON_NETLINK_H
#define BATON_NETLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "baton/inaddr.h"

/*!
 * A netlink route socket (opaque).
 *
 * @code
 * baton_nl_t *nl = NULL;
 * struct baton_link link;
 * int rc = baton_nl_open(0, &nl);
 *
 * if (rc == BATON_RC_OK) {
 *     rc = baton_link_get(nl, "eth0", 0, &link);
 * }
 * if (rc == BATON_RC_OK && (link.flags & IFF_UP) == 0) {
 *     rc = baton_link_set_up(nl, link.ifindex);
 * }
 * baton_nl_free(nl);
 * @endcode
 */
typedef struct baton_nl_s baton_nl_t;

/*! Room for a request's attributes, after its headers */
#define BATON_NL_REQ_SIZE 512

/*!
 * Requests as typed structs, as iproute2 builds them: the compiler aligns
 * the netlink header and puts the family header right after it, where
 * NLMSG_DATA() looks, and the attributes follow in buf. (A char array cast
 * to struct nlmsghdr * has no such alignment.) Pass &req.n and sizeof(req)
 * to the builders below.
 *
 * @code
 * struct baton_nl_addr_msg req;
 * int rc = baton_nl_addr_req(&req.n, sizeof(req), RTM_NEWADDR, &a, 0);
 * if (rc == BATON_RC_OK) {
 *     rc = baton_nl_talk(nl, &req.n);
 * }
 * @endcode
 */
struct baton_nl_addr_msg {
    struct nlmsghdr n;
    struct ifaddrmsg ifa;           /*!< RTM_NEWADDR, DELADDR, GETADDR */
    char buf[BATON_NL_REQ_SIZE];
};

/*! A link request (RTM_NEWLINK, RTM_GETLINK); see baton_nl_addr_msg */
struct baton_nl_link_msg {
    struct nlmsghdr n;
    struct ifinfomsg ifi;
    char buf[BATON_NL_REQ_SIZE];
};

/*! A route request (RTM_GETROUTE); see baton_nl_addr_msg */
struct baton_nl_route_msg {
    struct nlmsghdr n;
    struct rtmsg rtm;
    char buf[BATON_NL_REQ_SIZE];
};

/*! An address as rtnetlink describes it */
struct baton_nl_addr {
    struct baton_inaddr addr;       /*!< family, bytes and prefix */
    uint32_t ifindex;
    uint32_t flags;                 /*!< IFA_F_* (IFA_FLAGS when present) */
    uint8_t scope;
    char label[IFNAMSIZ];           /*!< IPv4 label, "" when none */
    bool has_broadcast;
    struct baton_inaddr broadcast;
    uint32_t valid_lft;             /*!< seconds, UINT32_MAX = forever */
    uint32_t preferred_lft;         /*!< seconds, UINT32_MAX = forever */
};

/*! Operational states (RFC 2863, linux/if.h IF_OPER_*, which clashes with
 *  <net/if.h>) */
enum baton_oper_state {
    BATON_OPER_UNKNOWN = 0,
    BATON_OPER_DOWN = 2,
    BATON_OPER_UP = 6,
};

/*! A link as rtnetlink describes it */
struct baton_link {
    uint32_t ifindex;
    char name[IFNAMSIZ];
    uint32_t flags;                 /*!< IFF_UP, IFF_RUNNING, IFF_NOARP... */
    uint16_t type;                  /*!< ARPHRD_* */
    uint8_t operstate;              /*!< IF_OPER_* */
    uint8_t hwaddr[32];
    size_t hwaddr_len;
};

/*! A route as rtnetlink describes it (only what findif needs) */
struct baton_route {
    int family;
    uint8_t dst[16];
    unsigned dst_len;               /*!< prefix length; 0 = default */
    bool has_dst;
    bool has_gateway;
    uint32_t oif;                   /*!< output interface index */
    uint32_t table;
    uint8_t scope;                  /*!< RT_SCOPE_* */
    uint8_t type;                   /*!< RTN_* */
};

/*! Options of an address to add */
enum baton_addr_opt {
    BATON_ADDR_NODAD         = (1 << 0),
    BATON_ADDR_NOPREFIXROUTE = (1 << 1),
};

/*!
 * \brief Open a route netlink socket.
 * \param[in]  groups  RTMGRP_* multicast groups to subscribe to, or 0.
 * \param[out] out     The socket; caller frees with baton_nl_free().
 * \return BATON_RC_OK or an errno.
 */
int baton_nl_open(uint32_t groups, baton_nl_t **out);

/*! \brief Close and free a socket; NULL is a no-op. */
void baton_nl_free(baton_nl_t *nl);

/*! \brief The socket's file descriptor (for poll()). */
int baton_nl_fd(const baton_nl_t *nl);

/*!
 * \brief Append an attribute to a request, checking room (iproute2 addattr).
 * \param[in,out] n    The request.
 * \param[in]     cap  Bytes available at \p n.
 * \return BATON_RC_OK, or ENOBUFS when it does not fit (n unchanged).
 */
int baton_nl_attr_add(struct nlmsghdr *n, size_t cap, uint16_t type,
                      const void *data, size_t len);

/*!
 * \brief Build an RTM_NEWADDR or RTM_DELADDR request.
 * \param[out] n     Buffer of \p cap bytes.
 * \param[in]  type  RTM_NEWADDR (create, fails if present) or RTM_DELADDR.
 * \param[in]  a     Address, prefix, ifindex, label, broadcast, lifetimes.
 * \param[in]  opts  enum baton_addr_opt flags (RTM_NEWADDR only).
 * \return BATON_RC_OK, ENOBUFS, or EINVAL for a bad family.
 */
int baton_nl_addr_req(struct nlmsghdr *n, size_t cap, uint16_t type,
                      const struct baton_nl_addr *a, uint32_t opts);

/*!
 * \brief Build a dump request (RTM_GETADDR, RTM_GETROUTE, RTM_GETLINK).
 * \param[in] family  AF_INET, AF_INET6 or AF_UNSPEC.
 */
int baton_nl_dump_req(struct nlmsghdr *n, size_t cap, uint16_t type,
                      int family);

/*!
 * \brief Build an RTM_GETLINK request for one link, by name or by index.
 * \param[in] name     The name, or NULL to use \p ifindex.
 */
int baton_nl_getlink_req(struct nlmsghdr *n, size_t cap, const char *name,
                         uint32_t ifindex);

/*! \brief Build an RTM_NEWLINK request setting IFF_UP on a link. */
int baton_nl_linkup_req(struct nlmsghdr *n, size_t cap, uint32_t ifindex);

/*!
 * \brief Parse an RTM_NEWADDR message.
 * \return BATON_RC_OK, or BATON_RC_PROTOCOL for a malformed message.
 */
int baton_nl_addr_parse(const struct nlmsghdr *n, struct baton_nl_addr *out);

/*! \brief Parse an RTM_NEWLINK message (BATON_RC_PROTOCOL if malformed). */
int baton_nl_link_parse(const struct nlmsghdr *n, struct baton_link *out);

/*! \brief Parse an RTM_NEWROUTE message (BATON_RC_PROTOCOL if malformed). */
int baton_nl_route_parse(const struct nlmsghdr *n, struct baton_route *out);

/*!
 * \brief The result an NLMSG_ERROR message carries.
 * \return BATON_RC_OK for an ack, else the positive errno the kernel gave.
 */
int baton_nl_error_parse(const struct nlmsghdr *n);

/*! Called for each message of a dump; a non-OK rc stops the dump */
typedef int (*baton_nl_msg_fn)(const struct nlmsghdr *n, void *arg);

/*!
 * \brief Send a request and wait for its acknowledgement.
 * \return BATON_RC_OK, or the errno the kernel answered with.
 */
int baton_nl_talk(baton_nl_t *nl, struct nlmsghdr *req);

/*!
 * \brief Send a dump or get request and call \p fn for each answer.
 * \return BATON_RC_OK, the kernel's errno, or the first non-OK rc of \p fn.
 */
int baton_nl_dump(baton_nl_t *nl, struct nlmsghdr *req, baton_nl_msg_fn fn,
                  void *arg);

/*!
 * \brief Look up a link by name (when not NULL) or index.
 * \return BATON_RC_OK, or ENODEV when there is no such link.
 */
int baton_link_get(baton_nl_t *nl, const char *name, uint32_t ifindex,
                   struct baton_link *out);

/*! \brief Set IFF_UP on a link. */
int baton_link_set_up(baton_nl_t *nl, uint32_t ifindex);

/*!
 * \brief Whether a link can carry traffic: administratively up, and with
 *        carrier (operstate up, or unknown as on dummy links).
 */
bool baton_link_is_up(const struct baton_link *link);

/*!
 * \brief Find an address (same family and bytes; prefix ignored).
 * \param[in]  ifindex  Only on this link, or 0 for any link.
 * \param[out] found    The address as configured (may be NULL).
 * \return BATON_RC_OK, or ENOENT when absent.
 */
int baton_ip_addr_find(baton_nl_t *nl, const struct baton_inaddr *addr,
                       uint32_t ifindex, struct baton_nl_addr *found);

/*! \brief Add an address (see baton_nl_addr_req()); EEXIST if present. */
int baton_ip_addr_add(baton_nl_t *nl, const struct baton_nl_addr *a,
                      uint32_t opts);

/*! \brief Delete an address; EADDRNOTAVAIL when absent. */
int baton_ip_addr_del(baton_nl_t *nl, const struct baton_nl_addr *a);

/*!
 * \brief Wait until an IPv6 address leaves the tentative state.
 *
 * \p mon must have been opened with RTMGRP_IPV6_IFADDR before the address
 * was added, so that no change is missed; the current state is read first.
 * \param[in] deadline_ms  CLOCK_MONOTONIC deadline (see baton_clock_now_ms()).
 * \return BATON_RC_OK once usable, EADDRINUSE when DAD failed, ENOENT when
 *         the address disappeared, BATON_RC_TIMEOUT at the deadline.
 */
int baton_ip_addr_wait_dad(baton_nl_t *nl, baton_nl_t *mon,
                           const struct baton_inaddr *addr, uint32_t ifindex,
                           uint64_t deadline_ms);


/*!
 * \brief Call \p fn for every route of a family in every table.
 * \param[in] fn  Gets a parsed route; a non-OK rc stops the walk.
 */
int baton_route_walk(baton_nl_t *nl, int family,
                     int (*fn)(const struct baton_route *r, void *arg),
                     void *arg);

#endif /* BATON_NETLINK_H */
