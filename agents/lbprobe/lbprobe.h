/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:lbprobe internals: parameter names, configuration, the
 * responder daemon and the actions main.c dispatches to.
 */
#ifndef BATON_LBPROBE_H
#define BATON_LBPROBE_H

#include <limits.h>
#include <stdbool.h>

#include "baton/ocf.h"

#define LBPROBE_PORT      "port"
#define LBPROBE_BIND      "bind_address"
#define LBPROBE_HTTP      "http"
#define LBPROBE_PIDFILE   "pidfile"
#define LBPROBE_NC        "nc"
#define LBPROBE_LISTEN    "listen"

/*! listen (ocf:heartbeat:azure-lb, resource-agents 4.13 and later) */
enum lbprobe_listen {
    LBPROBE_LISTEN_DEFAULT = 0,  /*!< every address, IPv6 and IPv4 */
    LBPROBE_LISTEN_IPV4ONLY,     /*!< IPv4 addresses only */
    LBPROBE_LISTEN_IPV6ENABLE,   /*!< IPv6 too: Baton's default already */
};

/*! The responder's process name (checked with its identity) */
#define LBPROBE_COMM      "baton-lbprobe"

/*! The configuration: the parameters parsed by the table, then what the
 *  invocation adds */
struct lbprobe_conf {
    unsigned port_num;
    const char *bind;            /*!< borrowed; NULL = every address */
    bool http;
    const char *pidfile_given;   /*!< borrowed, or NULL */
    int listen;                  /*!< enum lbprobe_listen */

    /* From the invocation */
    char port[8];                /*!< port_num as text */
    char pidfile[PATH_MAX];      /*!< given, or the default per instance */
    char idfile[PATH_MAX + 8];
    unsigned long timeout_ms;    /*!< the action's */
};

extern const struct baton_agent_def baton_lbprobe_agent;
extern const struct baton_ocf_op lbprobe_ops[];

/*!
 * \brief Bind and listen on the configured address and port.
 *
 * Never BATON_RC_CONFIG: bind_address was checked where the parameters are
 * parsed (lbprobe_table.c), and what fails here fails on this node only.
 * \param[out] fd  The listening socket (close-on-exec), -1 on failure.
 * \return BATON_RC_OK; BATON_RC_NODE_CONFIG when the address is not on
 *         this node (EADDRNOTAVAIL); otherwise the errno of socket(),
 *         bind() or listen() (EADDRINUSE, EACCES, EINVAL...) or of the
 *         address conversion; \p why set on failure.
 */
int lbprobe_listen(const struct lbprobe_conf *conf, int *fd,
                   baton_reason_t *why);

/*!
 * \brief The responder's loop: accept, answer (a fixed HTTP 200 when
 *        conf->http), close. Never returns.
 */
void lbprobe_serve(const struct lbprobe_conf *conf, int fd)
    __attribute__((noreturn));

#endif /* BATON_LBPROBE_H */
