/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Opening ICMP sockets: unprivileged datagram ("ping") sockets where
 * net.ipv4.ping_group_range lets us, raw sockets otherwise.
 */
#include <errno.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <linux/icmp.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "baton/log.h"
#include "baton/rc.h"
#include "icmp_private.h"

/* Room for replies of a few thousand hosts arriving at once */
#define ICMP_RCVBUF_BYTES (1024 * 1024)

/* A raw socket sees every ICMP packet of the node: let the kernel drop
 * all but echo replies before they reach us */
static void
set_raw_filter(int fd, int family)
{
    if (family == AF_INET6) {
        struct icmp6_filter f;

        ICMP6_FILTER_SETBLOCKALL(&f);
        ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &f);
        (void) setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof(f));
    } else {
        struct icmp_filter f = { .data = ~(1U << ICMP_ECHOREPLY) };

        (void) setsockopt(fd, SOL_RAW, ICMP_FILTER, &f, sizeof(f));
    }
}

int
baton_icmp_sock_open(struct icmp_sock *sock, int family, uint16_t raw_ident)
{
    int proto = (family == AF_INET6) ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
    int flags = SOCK_NONBLOCK | SOCK_CLOEXEC;
    int rcvbuf = ICMP_RCVBUF_BYTES;
    int fd = socket(family, SOCK_DGRAM | flags, proto);

    sock->family = family;
    sock->raw = false;
    sock->ident_known = false;
    if (fd < 0) {
        baton_debug("No ICMP datagram socket for family %d, trying raw "
                    QB_XS " errno=%d", family, errno);
        fd = socket(family, SOCK_RAW | flags, proto);
        if (fd < 0) {
            int rc = errno;

            sock->fd = -1;
            return rc;
        }
        sock->raw = true;
        sock->ident_known = true;
        sock->ident = raw_ident;
        set_raw_filter(fd, family);
    }
    /* Replies of many hosts arrive together: FORCE passes net.core.rmem_max
     * when we may (root), the plain option is capped by it otherwise */
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
                   sizeof(rcvbuf)) != 0) {
        (void) setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
    }
    sock->fd = fd;
    return BATON_RC_OK;
}

void
baton_icmp_sock_close(struct icmp_sock *sock)
{
    if (sock->fd >= 0) {
        close(sock->fd);
    }
    sock->fd = -1;
}

void
baton_icmp_sock_learn_ident(struct icmp_sock *sock)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);

    if (sock->ident_known || (sock->fd < 0)) {
        return;
    }
    /* The kernel rewrites the identifier of a datagram ICMP socket to its
     * local "port" and only delivers replies carrying it */
    if (getsockname(sock->fd, (struct sockaddr *) &ss, &len) != 0) {
        return;
    }
    if (ss.ss_family == AF_INET6) {
        sock->ident = ntohs(((struct sockaddr_in6 *) &ss)->sin6_port);
    } else {
        sock->ident = ntohs(((struct sockaddr_in *) &ss)->sin_port);
    }
    sock->ident_known = (sock->ident != 0);
}
