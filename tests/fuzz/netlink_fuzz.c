/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: rtnetlink answers (lib/net/netlink*.c, findif.c) through
 * the real transport. The sockets are real netlink sockets, but nothing is
 * sent to the kernel: sendto() only notes the request's sequence number,
 * and recv() hands out the input, one datagram at a time, linked with
 * -Wl,--wrap=sendto,recv,poll.
 *
 * Input: one byte choosing the operation, then datagrams, each a 16-bit
 * little-endian length and its bytes. A message whose nlmsg_seq is 0 gets
 * the sequence number of the request in flight, so that recorded answers
 * (tests/fuzz/make_seeds.py) are taken as answers; any other number is
 * kept, which makes the message a stale one. Under ASan, the part of the
 * receive buffer past the datagram is poisoned, as stale bytes.
 */
#include <errno.h>
#include <poll.h>
#include <sanitizer/asan_interface.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "baton/clock.h"
#include "baton/findif.h"
#include "baton/netlink.h"
#include "fuzz.h"

ssize_t __wrap_sendto(int fd, const void *buf, size_t len, int flags,
                      const struct sockaddr *to, socklen_t to_len);
ssize_t __wrap_recv(int fd, void *buf, size_t len, int flags);
int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout);

/* What the wrapped calls serve: the rest of the input */
static struct {
    const uint8_t *p;
    size_t left;
    uint32_t seq;          /* of the last request sent */
} feed;

ssize_t
__wrap_sendto(int fd, const void *buf, size_t len, int flags,
              const struct sockaddr *to, socklen_t to_len)
{
    const struct nlmsghdr *h = buf;

    fuzz_check(len >= sizeof(*h) && h->nlmsg_len == len);
    feed.seq = h->nlmsg_seq;
    return (ssize_t) len;
}

/* The next datagram, or NULL when the input is used up */
static const uint8_t *
next_datagram(size_t *len)
{
    const uint8_t *d = NULL;

    if (feed.left < 2) {
        return NULL;
    }
    *len = (size_t) feed.p[0] | ((size_t) feed.p[1] << 8);
    feed.p += 2;
    feed.left -= 2;
    *len = (*len > feed.left) ? feed.left : *len;
    d = feed.p;
    feed.p += *len;
    feed.left -= *len;
    return d;
}

/* Give messages of seq 0 the sequence number of the request in flight */
static void
answer_current(uint8_t *buf, size_t len)
{
    size_t off = 0;

    while ((off < len) && (len - off >= sizeof(struct nlmsghdr))) {
        struct nlmsghdr *h = (struct nlmsghdr *) (buf + off);

        if ((h->nlmsg_len < sizeof(*h)) || (h->nlmsg_len > len - off)) {
            return;
        }
        if (h->nlmsg_seq == 0) {
            h->nlmsg_seq = feed.seq;
        }
        off += NLMSG_ALIGN(h->nlmsg_len);
    }
}

ssize_t
__wrap_recv(int fd, void *buf, size_t len, int flags)
{
    size_t n = 0;
    const uint8_t *d = next_datagram(&n);

    /* What an earlier datagram left in buf is not part of this one: make
     * ASan report any read past the n bytes received */
    ASAN_UNPOISON_MEMORY_REGION(buf, len);
    if (d == NULL) {
        errno = ECONNRESET;
        return -1;
    }
    n = (n > len) ? len : n;     /* a datagram longer than buf is cut */
    memcpy(buf, d, n);
    answer_current(buf, n);
    ASAN_POISON_MEMORY_REGION((uint8_t *) buf + n, len - n);
    return (ssize_t) n;
}

int
__wrap_poll(struct pollfd *fds, nfds_t n, int timeout)
{
    if (feed.left < 2) {
        errno = EBADF;
        return -1;
    }
    for (nfds_t i = 0; i < n; i++) {
        fds[i].revents = fds[i].events & POLLIN;
    }
    return (int) n;
}

static struct baton_inaddr
addr_of(const char *text)
{
    struct baton_inaddr a;

    fuzz_check(baton_inaddr_parse(text, &a) == BATON_RC_OK);
    return a;
}

static int
count_route(const struct baton_route *r, void *arg)
{
    /* rtm_dst_len is the sender's byte: the parser passes any value on
     * and its users (findif) check it against the family */
    fuzz_check(baton_inaddr_len(r->family) > 0);
    (*(size_t *) arg)++;
    return BATON_RC_OK;
}

static void
op_link(baton_nl_t *nl, bool by_name)
{
    struct baton_link link;
    int rc = baton_link_get(nl, by_name ? "rec0" : NULL, by_name ? 0 : 3,
                            &link);

    if (rc == BATON_RC_OK) {
        fuzz_check(link.ifindex != 0);
        fuzz_check(memchr(link.name, '\0', sizeof(link.name)) != NULL);
        fuzz_check(link.hwaddr_len <= sizeof(link.hwaddr));
        (void) baton_link_is_up(&link);
    }
}

static void
op_addr_find(baton_nl_t *nl, const char *text)
{
    struct baton_inaddr want = addr_of(text);
    struct baton_nl_addr found;

    if (baton_ip_addr_find(nl, &want, 0, &found) == BATON_RC_OK) {
        fuzz_check(baton_inaddr_same(&found.addr, &want));
        fuzz_check(memchr(found.label, '\0', sizeof(found.label)) != NULL);
    }
}

static void
op_findif(baton_nl_t *nl, const char *text)
{
    struct baton_inaddr ip = addr_of(text);
    struct baton_findif f;

    baton_findif_init(&f, &ip, false, 0);
    if (baton_findif_run(nl, &f) == BATON_RC_OK) {
        fuzz_check(f.found);
        fuzz_check(f.prefix <= baton_inaddr_max_prefix(ip.family));
    }
}

static void
op_addr_add(baton_nl_t *nl)
{
    struct baton_nl_addr a = {
        .addr = addr_of("10.20.0.7"), .ifindex = 3,
        .valid_lft = BATON_LFT_FOREVER, .preferred_lft = BATON_LFT_FOREVER,
    };

    a.addr.prefix = 24;
    (void) baton_ip_addr_add(nl, &a, 0);
}

static void
op_wait_dad(baton_nl_t *nl)
{
    struct baton_inaddr ip = addr_of("2001:db8:20::1");
    baton_nl_t *mon = NULL;

    if (baton_nl_open(RTMGRP_IPV6_IFADDR, &mon) != BATON_RC_OK) {
        return;
    }
    (void) baton_ip_addr_wait_dad(nl, mon, &ip, 0,
                                  baton_clock_now_ms() + 60000);
    baton_nl_free(mon);
}

static void
run_op(baton_nl_t *nl, uint8_t op)
{
    size_t n = 0;

    switch (op % 10) {
        case 0: op_link(nl, true); break;
        case 1: op_link(nl, false); break;
        case 2: op_addr_find(nl, "10.20.0.1"); break;
        case 3: op_addr_find(nl, "2001:db8:20::1"); break;
        case 4: (void) baton_route_walk(nl, AF_INET, count_route, &n); break;
        case 5: op_findif(nl, "10.20.0.5"); break;
        case 6: op_findif(nl, "2001:db8:30::5"); break;
        case 7: op_addr_add(nl); break;
        case 8: op_wait_dad(nl); break;
        default: (void) baton_link_set_up(nl, 3); break;
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    baton_nl_t *nl = NULL;

    if (size < 1) {
        return 0;
    }
    feed.p = data + 1;
    feed.left = size - 1;
    feed.seq = 0;
    /* a real socket: without netlink there would be nothing to fuzz */
    fuzz_check(baton_nl_open(0, &nl) == BATON_RC_OK);
    run_op(nl, data[0]);
    baton_nl_free(nl);
    return 0;
}
