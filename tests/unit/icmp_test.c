/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of the ICMP engine: packets, reply matching, and whole probes
 * over mocked sockets (-Wl,--wrap=socket,sendto,recvfrom,poll,getsockname).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "baton/clock.h"
#include "baton/icmp.h"
#include "baton/rc.h"
#include "icmp_private.h"

/* ---- the mocked network ------------------------------------------------ */

#define FD_V4 900
#define FD_V6 901
#define FAKE_PORT 4242
#define MAX_Q 1024

struct pkt {
    int fd;
    uint8_t data[ICMP_PACKET_MAX + 20];
    size_t len;
    struct sockaddr_storage from;
};

static struct {
    bool dgram_ok;            /* datagram sockets allowed */
    bool raw_ok;              /* raw sockets allowed */
    int sock_type[2];         /* what was opened per family */
    const char *alive[8];     /* addresses that answer */
    const char *spoof_from;   /* answer from this address instead */
    bool wrong_ident;         /* answer with another identifier */
    uint64_t age_us;          /* make replies look this much older */
    unsigned sent;            /* echo requests sent */
    unsigned sent_to[400];    /* per host index */
    struct pkt q[MAX_Q];
    size_t q_head, q_tail;
} net;

int __real_poll(struct pollfd *fds, nfds_t n, int timeout);
int __wrap_socket(int domain, int type, int protocol);
ssize_t __wrap_sendto(int fd, const void *buf, size_t len, int flags,
                      const struct sockaddr *to, socklen_t tolen);
ssize_t __wrap_recvfrom(int fd, void *buf, size_t len, int flags,
                        struct sockaddr *from, socklen_t *fromlen);
int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout);
int __wrap_getsockname(int fd, struct sockaddr *sa, socklen_t *len);
int __wrap_setsockopt(int fd, int level, int name, const void *v,
                      socklen_t l);
int __wrap_close(int fd);
int __real_close(int fd);

int
__wrap_socket(int domain, int type, int protocol)
{
    int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    int f = (domain == AF_INET6) ? 1 : 0;

    if ((base == SOCK_DGRAM && !net.dgram_ok)
        || (base == SOCK_RAW && !net.raw_ok)) {
        errno = (base == SOCK_RAW) ? EPERM : EACCES;
        return -1;
    }
    net.sock_type[f] = base;
    return (domain == AF_INET6) ? FD_V6 : FD_V4;
}

int
__wrap_setsockopt(int fd, int level, int name, const void *v, socklen_t l)
{
    return 0;
}

int
__wrap_close(int fd)
{
    if ((fd == FD_V4) || (fd == FD_V6)) {
        return 0;
    }
    return __real_close(fd);
}

int
__wrap_getsockname(int fd, struct sockaddr *sa, socklen_t *len)
{
    memset(sa, 0, *len);
    if (fd == FD_V6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *) sa;

        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons(FAKE_PORT);
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *) sa;

        s4->sin_family = AF_INET;
        s4->sin_port = htons(FAKE_PORT);
    }
    return 0;
}

static bool
is_alive(const char *text)
{
    for (int i = 0; (i < 8) && (net.alive[i] != NULL); i++) {
        if ((strcmp(net.alive[i], "*") == 0)
            || (strcmp(net.alive[i], text) == 0)) {
            return true;
        }
    }
    return false;
}

static void
addr_text(const struct sockaddr *sa, char *text, size_t len)
{
    if (sa->sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *) sa)->sin6_addr,
                  text, (socklen_t) len);
    } else {
        inet_ntop(AF_INET, &((const struct sockaddr_in *) sa)->sin_addr,
                  text, (socklen_t) len);
    }
}

/* Turn a request into the reply the peer (or the kernel) would deliver */
static void
queue_reply(int fd, const uint8_t *req, size_t len, const struct sockaddr *to,
            socklen_t tolen)
{
    struct pkt *p = &net.q[net.q_tail++ % MAX_Q];
    bool raw = net.sock_type[(fd == FD_V6) ? 1 : 0] == SOCK_RAW;
    size_t off = (raw && (fd == FD_V4)) ? 20 : 0;

    memset(p, 0, sizeof(*p));
    p->fd = fd;
    memcpy(p->data + off, req, len);
    p->len = len + off;
    if (off != 0) {
        p->data[0] = 0x45;    /* IPv4, 20-byte header */
    }
    p->data[off] = (fd == FD_V6) ? 129 : 0;
    if (!raw) {
        /* the kernel rewrites the identifier to the socket's port */
        p->data[off + 4] = FAKE_PORT >> 8;
        p->data[off + 5] = FAKE_PORT & 0xff;
    }
    if (net.wrong_ident) {
        p->data[off + 4] ^= 0x5a;
    }
    if (net.age_us != 0) {
        /* the send time is the payload's bytes 16..23, big-endian */
        uint8_t *t = p->data + off + ICMP_ECHO_HDR_LEN + 16;
        uint64_t v = 0;

        for (int i = 0; i < 8; i++) {
            v = (v << 8) | t[i];
        }
        v -= net.age_us;
        for (int i = 7; i >= 0; i--) {
            t[i] = (uint8_t) v;
            v >>= 8;
        }
    }
    memcpy(&p->from, to, tolen);
    if (net.spoof_from != NULL) {
        inet_pton(AF_INET, net.spoof_from,
                  &((struct sockaddr_in *) &p->from)->sin_addr);
    }
}

ssize_t
__wrap_sendto(int fd, const void *buf, size_t len, int flags,
              const struct sockaddr *to, socklen_t tolen)
{
    char text[64];
    struct icmp_reply r;

    net.sent++;
    /* The tag is readable by parsing the request as if it were a reply */
    {
        uint8_t copy[ICMP_PACKET_MAX];

        memcpy(copy, buf, len);
        copy[0] = (fd == FD_V6) ? 129 : 0;
        if ((baton_icmp_parse_reply((fd == FD_V6) ? AF_INET6 : AF_INET,
                                    false, copy, len, &r) == BATON_RC_OK)
            && (r.tag.host < 400)) {
            net.sent_to[r.tag.host]++;
        }
    }
    addr_text(to, text, sizeof(text));
    if (is_alive(text)) {
        queue_reply(fd, buf, len, to, tolen);
    }
    return (ssize_t) len;
}

ssize_t
__wrap_recvfrom(int fd, void *buf, size_t len, int flags,
                struct sockaddr *from, socklen_t *fromlen)
{
    for (size_t i = net.q_head; i < net.q_tail; i++) {
        struct pkt *p = &net.q[i % MAX_Q];

        if (p->fd == fd) {
            size_t n = (p->len < len) ? p->len : len;

            memcpy(buf, p->data, n);
            memcpy(from, &p->from, sizeof(p->from));
            *fromlen = sizeof(p->from);
            p->fd = -1;    /* consumed */
            while ((net.q_head < net.q_tail)
                   && (net.q[net.q_head % MAX_Q].fd == -1)) {
                net.q_head++;
            }
            return (ssize_t) n;
        }
    }
    errno = EAGAIN;
    return -1;
}

int
__wrap_poll(struct pollfd *fds, nfds_t n, int timeout)
{
    int ready = 0;

    for (nfds_t k = 0; k < n; k++) {
        fds[k].revents = 0;
        for (size_t i = net.q_head; i < net.q_tail; i++) {
            if (net.q[i % MAX_Q].fd == fds[k].fd) {
                fds[k].revents = POLLIN;
                ready++;
                break;
            }
        }
    }
    if (ready == 0) {
        return __real_poll(NULL, 0, timeout);    /* let the time pass */
    }
    return ready;
}

static int
reset_net(void **state)
{
    memset(&net, 0, sizeof(net));
    net.dgram_ok = true;
    net.raw_ok = true;
    return 0;
}

/* ---- packets and matching ---------------------------------------------- */

static const struct icmp_tag tag1 = {
    .cookie = 0x0123456789abcdefULL, .host = 7, .attempt = 2,
    .sent_us = 42,
};

static void
checksum_of_rfc1071_example(void **state)
{
    const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

    assert_int_equal(baton_icmp_checksum(b, sizeof(b)), 0x220d);
}

static void
build_echo_v4_has_valid_checksum(void **state)
{
    uint8_t buf[ICMP_PACKET_MAX];
    size_t len = baton_icmp_build_echo(AF_INET, 0x1234, 99, &tag1, 32, buf);

    assert_int_equal(len, 40);
    assert_int_equal(buf[0], 8);
    assert_int_equal(baton_icmp_checksum(buf, len), 0);
}

static void
build_echo_rejects_short_payload(void **state)
{
    uint8_t buf[ICMP_PACKET_MAX];

    assert_int_equal(baton_icmp_build_echo(AF_INET, 1, 1, &tag1, 8, buf), 0);
}

static void
parse_reply_v6_roundtrip(void **state)
{
    uint8_t buf[ICMP_PACKET_MAX];
    size_t len = baton_icmp_build_echo(AF_INET6, 0x4321, 7, &tag1, 24, buf);
    struct icmp_reply r;

    assert_int_equal(buf[0], 128);
    buf[0] = 129;
    assert_int_equal(baton_icmp_parse_reply(AF_INET6, true, buf, len, &r),
                     BATON_RC_OK);
    assert_int_equal(r.ident, 0x4321);
    assert_int_equal(r.seq, 7);
    assert_true(r.tag.cookie == tag1.cookie);
    assert_int_equal(r.tag.host, 7);
    assert_int_equal(r.tag.attempt, 2);
    assert_int_equal(r.tag.sent_us, 42);
}

static void
parse_reply_v4_raw_skips_ip_header(void **state)
{
    uint8_t buf[ICMP_PACKET_MAX + 24] = { 0 };
    size_t len = baton_icmp_build_echo(AF_INET, 5, 6, &tag1, 32, buf + 24);
    struct icmp_reply r;

    buf[0] = 0x46;    /* 24-byte header with options */
    buf[24] = 0;
    assert_int_equal(baton_icmp_parse_reply(AF_INET, true, buf, len + 24, &r),
                     BATON_RC_OK);
    assert_int_equal(r.ident, 5);
    assert_int_equal(r.seq, 6);
}

static void
parse_reply_rejects_requests_and_runts(void **state)
{
    uint8_t buf[ICMP_PACKET_MAX];
    size_t len = baton_icmp_build_echo(AF_INET, 5, 6, &tag1, 32, buf);
    struct icmp_reply r;

    /* our own request, as a raw socket without filter would see it */
    assert_int_equal(baton_icmp_parse_reply(AF_INET, false, buf, len, &r),
                     BATON_RC_PROTOCOL);
    buf[0] = 0;
    assert_int_equal(baton_icmp_parse_reply(AF_INET, false, buf, 20, &r),
                     BATON_RC_PROTOCOL);
    /* destination unreachable */
    buf[0] = 3;
    assert_int_equal(baton_icmp_parse_reply(AF_INET, false, buf, len, &r),
                     BATON_RC_PROTOCOL);
    /* a raw IPv4 packet whose header length is nonsense */
    buf[0] = 0x4f;
    assert_int_equal(baton_icmp_parse_reply(AF_INET, true, buf, 30, &r),
                     BATON_RC_PROTOCOL);
}

static struct icmp_match_ctx
ctx1(void)
{
    struct icmp_match_ctx ctx = {
        .cookie = tag1.cookie, .ident = 0x1234, .check_ident = true,
        .seq_base = 65530, .attempts = 3, .n_hosts = 10,
    };
    return ctx;
}

static struct icmp_reply
reply_for(const struct icmp_match_ctx *ctx, uint32_t host, uint16_t attempt)
{
    struct icmp_reply r = { .ident = ctx->ident, .tag = tag1 };

    r.tag.host = host;
    r.tag.attempt = attempt;
    r.seq = baton_icmp_seq(ctx, host, attempt);
    return r;
}

static void
match_accepts_own_reply_and_wraps_seq(void **state)
{
    struct icmp_match_ctx ctx = ctx1();
    struct icmp_reply r = reply_for(&ctx, 7, 2);
    uint32_t host = 0;
    uint16_t attempt = 0;

    assert_int_equal(r.seq, (65530 + 7 * 3 + 2) & 0xffff);
    assert_true(baton_icmp_match(&ctx, &r, &host, &attempt));
    assert_int_equal(host, 7);
    assert_int_equal(attempt, 2);
}

static void
match_rejects_other_pingers(void **state)
{
    struct icmp_match_ctx ctx = ctx1();
    struct icmp_reply r = reply_for(&ctx, 1, 0);
    uint32_t host = 0;
    uint16_t attempt = 0;

    r.ident ^= 1;
    assert_false(baton_icmp_match(&ctx, &r, &host, &attempt));
    /* a datagram socket whose id we do not know yet: cookie still rules */
    ctx.check_ident = false;
    assert_true(baton_icmp_match(&ctx, &r, &host, &attempt));
    r.tag.cookie ^= 1;
    assert_false(baton_icmp_match(&ctx, &r, &host, &attempt));
}

static void
match_rejects_bad_seq_and_indices(void **state)
{
    struct icmp_match_ctx ctx = ctx1();
    struct icmp_reply r = reply_for(&ctx, 1, 0);
    uint32_t host = 0;
    uint16_t attempt = 0;

    r.seq++;
    assert_false(baton_icmp_match(&ctx, &r, &host, &attempt));
    r = reply_for(&ctx, 10, 0);    /* host out of range */
    assert_false(baton_icmp_match(&ctx, &r, &host, &attempt));
    r = reply_for(&ctx, 1, 3);     /* attempt out of range */
    assert_false(baton_icmp_match(&ctx, &r, &host, &attempt));
}

/* ---- hosts and resolution ---------------------------------------------- */

static void
add_list_splits_and_rejects_empty(void **state)
{
    baton_icmp_probe_t *p = NULL;

    assert_int_equal(baton_icmp_probe_new(NULL, &p), BATON_RC_OK);
    assert_int_equal(baton_icmp_probe_add_list(p, "  \t, "), EINVAL);
    assert_int_equal(baton_icmp_probe_add_list(p, "10.0.0.1, 2001:db8::1\n"
                                                  "[2001:db8::2] gw"),
                     BATON_RC_OK);
    assert_int_equal(baton_icmp_probe_n_hosts(p), 4);
    assert_string_equal(baton_icmp_probe_host(p, 2), "[2001:db8::2]");
    assert_null(baton_icmp_probe_host(p, 4));
    assert_int_equal(baton_icmp_probe_add_host(p, ""), EINVAL);
    baton_icmp_probe_free(p);
    baton_icmp_probe_free(NULL);
}

static void
resolve_literals_mixed_families(void **state)
{
    baton_icmp_probe_t *p = NULL;

    baton_icmp_probe_new(NULL, &p);
    baton_icmp_probe_add_list(p, "10.1.2.3 [2001:db8::5] 2001:DB8::6 "
                                 "localhost");
    assert_int_equal(baton_icmp_probe_resolve(p), BATON_RC_OK);
    assert_string_equal(baton_icmp_probe_addr(p, 0), "10.1.2.3");
    assert_string_equal(baton_icmp_probe_addr(p, 1), "2001:db8::5");
    assert_string_equal(baton_icmp_probe_addr(p, 2), "2001:db8::6");
    assert_int_equal(baton_icmp_probe_state(p, 3), BATON_ICMP_PENDING);
    assert_int_equal(baton_icmp_probe_n_unresolved(p), 0);
    /* once resolved, the host list is fixed */
    assert_int_equal(baton_icmp_probe_add_host(p, "10.0.0.9"), EINVAL);
    baton_icmp_probe_free(p);
}

static void
resolve_bad_name_is_unresolved(void **state)
{
    struct baton_icmp_opts o = { .resolve_timeout_ms = 1500 };
    baton_icmp_probe_t *p = NULL;

    baton_icmp_probe_new(&o, &p);
    baton_icmp_probe_add_list(p, "10.0.0.1 no_such_host..invalid");
    assert_int_equal(baton_icmp_probe_resolve(p), BATON_RC_OK);
    assert_int_equal(baton_icmp_probe_state(p, 1), BATON_ICMP_UNRESOLVED);
    assert_int_equal(baton_icmp_probe_n_unresolved(p), 1);
    assert_string_equal(baton_icmp_probe_addr(p, 1), "");
    baton_icmp_probe_free(p);
}

/* ---- whole probes over the mocked network ------------------------------ */

static baton_icmp_probe_t *
probe_spaced(const char *list, unsigned timeout_ms, unsigned spacing_ms)
{
    struct baton_icmp_opts o = {
        .attempts = 3, .timeout_ms = timeout_ms, .spacing_ms = spacing_ms,
    };
    baton_icmp_probe_t *p = NULL;

    assert_int_equal(baton_icmp_probe_new(&o, &p), BATON_RC_OK);
    assert_int_equal(baton_icmp_probe_add_list(p, list), BATON_RC_OK);
    return p;
}

static baton_icmp_probe_t *
probe_of(const char *list, unsigned timeout_ms)
{
    return probe_spaced(list, timeout_ms, 20);
}

static void
run_mixed_families_counts_alive(void **state)
{
    /* Spacing wide enough that the first reply is read before the second
     * attempt is due, even under valgrind */
    baton_icmp_probe_t *p = probe_spaced("10.0.0.1 10.0.0.2 2001:db8::1 "
                                         "2001:db8::2", 300, 100);
    uint64_t t0 = baton_clock_now_us();
    uint64_t took_ms;

    net.alive[0] = "10.0.0.1";
    net.alive[1] = "2001:db8::1";
    assert_int_equal(baton_icmp_probe_run(p), BATON_RC_OK);
    took_ms = (baton_clock_now_us() - t0) / 1000;
    assert_int_equal(baton_icmp_probe_n_alive(p), 2);
    assert_int_equal(baton_icmp_probe_state(p, 0), BATON_ICMP_ALIVE);
    assert_int_equal(baton_icmp_probe_state(p, 1), BATON_ICMP_DEAD);
    assert_int_equal(baton_icmp_probe_state(p, 2), BATON_ICMP_ALIVE);
    assert_int_equal(baton_icmp_probe_state(p, 3), BATON_ICMP_DEAD);
    /* alive at the first reply: one request; dead: every attempt */
    assert_int_equal(net.sent_to[0], 1);
    assert_int_equal(net.sent_to[1], 3);
    assert_int_equal(net.sent_to[3], 3);
    assert_int_equal(net.sock_type[0], SOCK_DGRAM);
    /* the last attempt gets its full timeout: at least timeout + 2 x
     * spacing; and the attempts overlap: well under attempts x timeout,
     * which waiting for each attempt in turn would take per dead host */
    assert_true(took_ms >= 300 + 200);
    assert_true(took_ms < 3 * 300);
    assert_int_equal(baton_icmp_probe_rtt_us(p, 1), 0);
    assert_int_equal(baton_icmp_probe_run(p), EINVAL);    /* runs once */
    baton_icmp_probe_free(p);
}

static void
run_returns_early_when_all_answer(void **state)
{
    baton_icmp_probe_t *p = probe_of("10.0.0.1 2001:db8::1", 2000);
    uint64_t t0 = baton_clock_now_us();

    net.alive[0] = "*";
    assert_int_equal(baton_icmp_probe_run(p), BATON_RC_OK);
    assert_int_equal(baton_icmp_probe_n_alive(p), 2);
    assert_true((baton_clock_now_us() - t0) < 500000);
    baton_icmp_probe_free(p);
}

static void
run_ignores_foreign_identifier(void **state)
{
    baton_icmp_probe_t *p = probe_of("10.0.0.1", 60);

    net.alive[0] = "*";
    net.wrong_ident = true;
    assert_int_equal(baton_icmp_probe_run(p), BATON_RC_OK);
    assert_int_equal(baton_icmp_probe_state(p, 0), BATON_ICMP_DEAD);
    baton_icmp_probe_free(p);
}

static void
run_ignores_reply_from_other_address(void **state)
{
    baton_icmp_probe_t *p = probe_of("10.0.0.1", 60);

    net.alive[0] = "*";
    net.spoof_from = "10.9.9.9";
    assert_int_equal(baton_icmp_probe_run(p), BATON_RC_OK);
    assert_int_equal(baton_icmp_probe_n_alive(p), 0);
    baton_icmp_probe_free(p);
}

static void
run_ignores_late_replies(void **state)
{
    baton_icmp_probe_t *p = probe_of("10.0.0.1 2001:db8::1", 100);

    net.alive[0] = "*";
    net.age_us = 150000;    /* answered 150 ms after a 100 ms timeout */
    assert_int_equal(baton_icmp_probe_run(p), BATON_RC_OK);
    assert_int_equal(baton_icmp_probe_n_alive(p), 0);
    assert_int_equal(net.sent_to[0], 3);
    baton_icmp_probe_free(p);
}

static void
run_reports_rtt_of_first_reply(void **state)
{
    baton_icmp_probe_t *p = probe_of("10.0.0.1", 1000);

    net.alive[0] = "*";
    net.age_us = 40000;     /* looks 40 ms old when it arrives */
    assert_int_equal(baton_icmp_probe_run(p), BATON_RC_OK);
    assert_int_equal(baton_icmp_probe_state(p, 0), BATON_ICMP_ALIVE);
    assert_true(baton_icmp_probe_rtt_us(p, 0) >= 40000);
    assert_true(baton_icmp_probe_rtt_us(p, 0) < 1000000);  /* < timeout */
    baton_icmp_probe_free(p);
}

static void
run_falls_back_to_raw_sockets(void **state)
{
    baton_icmp_probe_t *p = probe_of("10.0.0.1 2001:db8::1", 100);

    net.dgram_ok = false;
    net.alive[0] = "*";
    assert_int_equal(baton_icmp_probe_run(p), BATON_RC_OK);
    assert_int_equal(net.sock_type[0], SOCK_RAW);
    assert_int_equal(net.sock_type[1], SOCK_RAW);
    assert_int_equal(baton_icmp_probe_n_alive(p), 2);
    baton_icmp_probe_free(p);
}

static void
run_without_any_socket_is_eperm(void **state)
{
    baton_icmp_probe_t *p = probe_of("10.0.0.1", 100);

    net.dgram_ok = false;
    net.raw_ok = false;
    assert_int_equal(baton_icmp_probe_run(p), EPERM);
    assert_int_equal(baton_icmp_probe_state(p, 0), BATON_ICMP_UNREACHABLE);
    baton_icmp_probe_free(p);
}

static void
run_counts_more_than_255_hosts(void **state)
{
    struct baton_icmp_opts o = { .attempts = 2, .timeout_ms = 200 };
    baton_icmp_probe_t *p = NULL;
    char host[32];

    baton_icmp_probe_new(&o, &p);
    for (int i = 0; i < 300; i++) {
        snprintf(host, sizeof(host), "10.0.%d.%d", i / 200, 1 + (i % 200));
        assert_int_equal(baton_icmp_probe_add_host(p, host), BATON_RC_OK);
    }
    net.alive[0] = "*";
    assert_int_equal(baton_icmp_probe_run(p), BATON_RC_OK);
    assert_int_equal(baton_icmp_probe_n_alive(p), 300);
    baton_icmp_probe_free(p);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(checksum_of_rfc1071_example),
        cmocka_unit_test(build_echo_v4_has_valid_checksum),
        cmocka_unit_test(build_echo_rejects_short_payload),
        cmocka_unit_test(parse_reply_v6_roundtrip),
        cmocka_unit_test(parse_reply_v4_raw_skips_ip_header),
        cmocka_unit_test(parse_reply_rejects_requests_and_runts),
        cmocka_unit_test(match_accepts_own_reply_and_wraps_seq),
        cmocka_unit_test(match_rejects_other_pingers),
        cmocka_unit_test(match_rejects_bad_seq_and_indices),
        cmocka_unit_test(add_list_splits_and_rejects_empty),
        cmocka_unit_test(resolve_literals_mixed_families),
        cmocka_unit_test(resolve_bad_name_is_unresolved),
        cmocka_unit_test_setup(run_mixed_families_counts_alive, reset_net),
        cmocka_unit_test_setup(run_returns_early_when_all_answer, reset_net),
        cmocka_unit_test_setup(run_ignores_foreign_identifier, reset_net),
        cmocka_unit_test_setup(run_ignores_reply_from_other_address,
                               reset_net),
        cmocka_unit_test_setup(run_ignores_late_replies, reset_net),
        cmocka_unit_test_setup(run_reports_rtt_of_first_reply, reset_net),
        cmocka_unit_test_setup(run_falls_back_to_raw_sockets, reset_net),
        cmocka_unit_test_setup(run_without_any_socket_is_eperm, reset_net),
        cmocka_unit_test_setup(run_counts_more_than_255_hosts, reset_net),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
