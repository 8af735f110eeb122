/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The lbprobe responder: a listening socket and a loop that accepts and
 * answers. Runs in the daemon the agent forks at start.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "baton/clock.h"
#include "baton/rc.h"
#include "lbprobe.h"

#define LBPROBE_BACKLOG 64
#define LBPROBE_READ_MS 200
/* After accept() fails for want of resources (EMFILE, ENOBUFS) */
#define LBPROBE_ACCEPT_PAUSE_MS 100
#define LBPROBE_RESPONSE "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n" \
                         "Content-Length: 3\r\nConnection: close\r\n\r\nOK\n"

static int
listen_ai(const struct addrinfo *ai, int *fd_out)
{
    int one = 1;
    int zero = 0;
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (fd < 0) {
        return errno;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (ai->ai_family == AF_INET6) {
        /* "every address" means IPv4 too */
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
    }
    if ((bind(fd, ai->ai_addr, ai->ai_addrlen) != 0)
        || (listen(fd, LBPROBE_BACKLOG) != 0)) {
        int err = errno;

        close(fd);
        return err;
    }
    *fd_out = fd;
    return BATON_RC_OK;
}

/* Listen on a numeric host and port */
static int
listen_numeric(const char *host, int family, const char *port, int *fd)
{
    struct addrinfo hints = { .ai_family = family,
                              .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE | AI_NUMERICHOST
                                          | AI_NUMERICSERV };
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(host, port, &hints, &res);
    int rc = baton_rc_from_gai(gai, errno);

    if (rc == BATON_RC_OK) {
        rc = listen_ai(res, fd);
        freeaddrinfo(res);
    }
    return rc;
}

int
lbprobe_listen(const struct lbprobe_conf *conf, int *fd, baton_reason_t *why)
{
    const char *host = baton_s(conf->bind, "::");
    int rc = listen_numeric(host, (conf->bind == NULL) ? AF_INET6 : AF_UNSPEC,
                            conf->port, fd);

    if ((rc == EAFNOSUPPORT) && (conf->bind == NULL)) {
        /* IPv6 disabled on this node: every IPv4 address then */
        rc = listen_numeric("0.0.0.0", AF_INET, conf->port, fd);
    }
    if (rc == BATON_RC_OK) {
        return BATON_RC_OK;
    }
    *fd = -1;
    /* Whatever fails here fails on this node: bind_address was checked
     * when the parameters were parsed. Exit 6 would stop the resource on
     * every node. */
    baton_reason_set(why, "Cannot listen on %s port %s: %s", host,
                     conf->port, baton_rc_str(rc));
    return (rc == EADDRNOTAVAIL) ? BATON_RC_NODE_CONFIG : rc;
}

static void
answer(int c, bool http)
{
    struct pollfd p = { .fd = c, .events = POLLIN };
    char buf[1024];

    if (http) {
        /* Take the request if it comes soon; answer either way */
        if (poll(&p, 1, LBPROBE_READ_MS) == 1) {
            ssize_t n = recv(c, buf, sizeof(buf), MSG_DONTWAIT);

            (void) n;
        }
        if (send(c, LBPROBE_RESPONSE, strlen(LBPROBE_RESPONSE),
                 MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
            /* the prober left */
        }
    }
    close(c);
}

void
lbprobe_serve(const struct lbprobe_conf *conf, int fd)
{
    for (;;) {
        int c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);

        if (c >= 0) {
            answer(c, conf->http);
        } else if ((errno != EINTR) && (errno != ECONNABORTED)) {
            /* EMFILE and the like: do not spin */
            baton_sleep_ms(LBPROBE_ACCEPT_PAUSE_MS);
        }
    }
}
