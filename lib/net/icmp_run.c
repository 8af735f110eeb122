/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Running a probe: rounds of echo requests spaced by spacing_ms to every
 * host still silent, and one poll loop collecting replies until the last
 * round's timeout (or until every host answered).
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>

#include "baton/clock.h"
#include "baton/icmp.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "icmp_private.h"

/* Echo requests sent between two reads of the replies */
#define ICMP_SEND_BATCH 32

static struct icmp_sock *
sock_for(baton_icmp_probe_t *p, int family)
{
    return &p->socks[(family == AF_INET6) ? 1 : 0];
}

static void
fill_ctx(const baton_icmp_probe_t *p, const struct icmp_sock *s,
         struct icmp_match_ctx *ctx)
{
    ctx->cookie = p->cookie;
    ctx->ident = s->ident;
    ctx->check_ident = s->ident_known;
    ctx->seq_base = p->seq_base;
    ctx->attempts = (uint16_t) p->opts.attempts;
    ctx->n_hosts = (uint32_t) p->n_hosts;
}

/* Open the sockets the resolved hosts need; hosts of a family without a
 * socket become unreachable. EPERM when no host can be probed at all. */
static int
open_sockets(baton_icmp_probe_t *p)
{
    size_t usable = 0;
    int last = BATON_RC_OK;

    for (size_t i = 0; i < p->n_hosts; i++) {
        struct icmp_host *h = &p->hosts[i];
        struct icmp_sock *s = NULL;
        int rc;

        if (!h->resolved) {
            continue;
        }
        s = sock_for(p, h->addr.ss_family);
        if ((s->fd < 0) && (s->family == 0)) {
            rc = baton_icmp_sock_open(s, h->addr.ss_family, p->raw_ident);
            if (rc != BATON_RC_OK) {
                baton_warn("Cannot open an ICMP socket for %s: %s",
                           h->addr_text, baton_rc_str(rc));
                last = rc;
            }
        }
        if (s->fd < 0) {
            h->state = BATON_ICMP_UNREACHABLE;
        } else {
            usable++;
        }
    }
    if ((usable == 0) && (last != BATON_RC_OK)) {
        return (last == EACCES) ? EPERM : last;
    }
    return BATON_RC_OK;
}

static void
send_one(baton_icmp_probe_t *p, size_t i, uint16_t attempt)
{
    struct icmp_host *h = &p->hosts[i];
    struct icmp_sock *s = sock_for(p, h->addr.ss_family);
    struct icmp_match_ctx ctx;
    struct icmp_tag tag = {
        .cookie = p->cookie, .host = (uint32_t) i, .attempt = attempt,
        .sent_us = baton_clock_now_us(),
    };
    uint8_t buf[ICMP_PACKET_MAX];
    size_t len;

    fill_ctx(p, s, &ctx);
    len = baton_icmp_build_echo(s->family, s->ident,
                                baton_icmp_seq(&ctx, (uint32_t) i, attempt),
                                &tag, p->opts.payload_len, buf);
    if (sendto(s->fd, buf, len, MSG_DONTWAIT, (struct sockaddr *) &h->addr,
               h->addr_len) < 0) {
        baton_debug("Cannot send echo request %u to %s: %s",
                    (unsigned) attempt, h->addr_text, strerror(errno));
        return;
    }
    baton_icmp_sock_learn_ident(s);
}

static void drain(baton_icmp_probe_t *p, struct icmp_sock *s);

static size_t
send_round(baton_icmp_probe_t *p, uint16_t attempt)
{
    size_t pending = 0;

    for (size_t i = 0; i < p->n_hosts; i++) {
        if (p->hosts[i].state != BATON_ICMP_PENDING) {
            continue;
        }
        send_one(p, i, attempt);
        /* With hundreds of hosts, read replies while still sending so the
         * socket's receive buffer never overflows */
        if ((++pending % ICMP_SEND_BATCH) == 0) {
            for (int f = 0; f < 2; f++) {
                if (p->socks[f].fd >= 0) {
                    drain(p, &p->socks[f]);
                }
            }
        }
    }
    return pending;
}

static bool
same_addr(const struct icmp_host *h, const struct sockaddr_storage *from)
{
    if (from->ss_family != h->addr.ss_family) {
        return false;
    }
    if (from->ss_family == AF_INET6) {
        return memcmp(&((const struct sockaddr_in6 *) from)->sin6_addr,
                      &((const struct sockaddr_in6 *) &h->addr)->sin6_addr,
                      sizeof(struct in6_addr)) == 0;
    }
    return ((const struct sockaddr_in *) from)->sin_addr.s_addr
           == ((const struct sockaddr_in *) &h->addr)->sin_addr.s_addr;
}

/* One received packet: mark its host alive if it is a timely reply of ours */
static void
take_reply(baton_icmp_probe_t *p, struct icmp_sock *s, const uint8_t *buf,
           size_t len, const struct sockaddr_storage *from, uint64_t now_us)
{
    struct icmp_match_ctx ctx;
    struct icmp_reply reply;
    struct icmp_host *h = NULL;
    uint32_t host = 0;
    uint16_t attempt = 0;

    fill_ctx(p, s, &ctx);
    if ((baton_icmp_parse_reply(s->family, s->raw, buf, len, &reply)
         != BATON_RC_OK) || !baton_icmp_match(&ctx, &reply, &host, &attempt)) {
        return;
    }
    h = &p->hosts[host];
    if (!same_addr(h, from) || (h->state != BATON_ICMP_PENDING)
        || (now_us < reply.tag.sent_us)) {
        return;
    }
    if ((now_us - reply.tag.sent_us) > (uint64_t) p->opts.timeout_ms * 1000) {
        baton_debug("Late reply from %s to attempt %u ignored",
                    h->addr_text, (unsigned) attempt);
        return;
    }
    h->rtt_us = (unsigned long) (now_us - reply.tag.sent_us);
    h->state = BATON_ICMP_ALIVE;
}

static void
drain(baton_icmp_probe_t *p, struct icmp_sock *s)
{
    uint8_t buf[ICMP_PACKET_MAX + 64];

    for (;;) {
        struct sockaddr_storage from;
        socklen_t from_len = sizeof(from);
        ssize_t n = recvfrom(s->fd, buf, sizeof(buf), MSG_DONTWAIT,
                             (struct sockaddr *) &from, &from_len);

        if (n < 0) {
            return;    /* EAGAIN: drained; anything else: nothing to read */
        }
        take_reply(p, s, buf, (size_t) n, &from, baton_clock_now_us());
    }
}

static size_t
count_pending(const baton_icmp_probe_t *p)
{
    size_t n = 0;

    for (size_t i = 0; i < p->n_hosts; i++) {
        n += (p->hosts[i].state == BATON_ICMP_PENDING) ? 1 : 0;
    }
    return n;
}

/* Wait for replies until \p until_us, or until no host is pending */
static void
collect_until(baton_icmp_probe_t *p, uint64_t until_us)
{
    struct pollfd pfd[2];
    nfds_t n = 0;

    for (int f = 0; f < 2; f++) {
        if (p->socks[f].fd >= 0) {
            pfd[n].fd = p->socks[f].fd;
            pfd[n].events = POLLIN;
            n++;
        }
    }
    while (count_pending(p) > 0) {
        uint64_t now = baton_clock_now_us();
        int wait_ms;

        if (now >= until_us) {
            return;
        }
        wait_ms = (int) ((until_us - now + 999) / 1000);
        if ((poll(pfd, n, wait_ms) < 0) && (errno != EINTR)) {
            return;
        }
        for (nfds_t k = 0; k < n; k++) {
            if ((pfd[k].revents & POLLIN) != 0) {
                drain(p, (pfd[k].fd == p->socks[0].fd) ? &p->socks[0]
                                                         : &p->socks[1]);
            }
        }
    }
}

static void
run_rounds(baton_icmp_probe_t *p)
{
    uint64_t start = baton_clock_now_us();
    uint64_t spacing = (uint64_t) p->opts.spacing_ms * 1000;
    uint64_t last_sent = start;

    for (unsigned k = 0; k < p->opts.attempts; k++) {
        uint64_t at = start + (k * spacing);

        collect_until(p, at);
        if (count_pending(p) == 0) {
            return;
        }
        last_sent = baton_clock_now_us();
        send_round(p, (uint16_t) k);
    }
    collect_until(p, last_sent + (uint64_t) p->opts.timeout_ms * 1000);
}

int
baton_icmp_probe_run(baton_icmp_probe_t *probe)
{
    int rc;

    if ((probe == NULL) || (probe->n_hosts == 0) || probe->ran) {
        return EINVAL;
    }
    rc = baton_icmp_probe_resolve(probe);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    probe->ran = true;
    rc = open_sockets(probe);
    if (rc == BATON_RC_OK) {
        run_rounds(probe);
    }
    for (size_t i = 0; i < probe->n_hosts; i++) {
        if (probe->hosts[i].state == BATON_ICMP_PENDING) {
            probe->hosts[i].state = (rc == BATON_RC_OK) ? BATON_ICMP_DEAD
                                                        : BATON_ICMP_UNREACHABLE;
        }
    }
    return rc;
}
