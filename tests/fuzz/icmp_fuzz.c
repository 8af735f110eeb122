/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: ICMP echo replies (lib/net/icmp_packet.c): parsing a
 * received packet and matching it to a probe's requests, as
 * lib/net/icmp_run.c does for every packet an ICMP socket receives.
 *
 * Input: a 9-byte probe description (socket kind, identifier, sequence
 * base, attempts, hosts), then the packet as received.
 */
#include <stdbool.h>
#include <sys/socket.h>

#include "icmp_private.h"
#include "fuzz.h"

#define FUZZ_ICMP_COOKIE 0x0123456789abcdefULL
#define FUZZ_ICMP_CTX_LEN 9

static uint16_t
le16(const uint8_t *p)
{
    return (uint16_t) (p[0] | (p[1] << 8));
}

static void
parse_and_match(int family, bool raw, const struct icmp_match_ctx *ctx,
                const uint8_t *pkt, size_t len)
{
    struct icmp_reply reply;
    uint32_t host = 0;
    uint16_t attempt = 0;
    int rc = baton_icmp_parse_reply(family, raw, pkt, len, &reply);

    (void) baton_icmp_checksum(pkt, len);
    if (rc != BATON_RC_OK) {
        fuzz_check(rc == BATON_RC_PROTOCOL);
        return;
    }
    if (baton_icmp_match(ctx, &reply, &host, &attempt)) {
        /* icmp_run.c indexes its host array with this */
        fuzz_check(host < ctx->n_hosts);
        fuzz_check(attempt < ctx->attempts);
        fuzz_check(reply.tag.cookie == ctx->cookie);
    }
}

/* Our own request, turned into a reply by its peer, must match */
static void
round_trip(int family, const struct icmp_match_ctx *ctx, const uint8_t *d)
{
    struct icmp_tag tag = {
        .cookie = ctx->cookie,
        .host = d[0] % ctx->n_hosts,
        .attempt = (uint16_t) (d[1] % ctx->attempts),
        .sent_us = 42,
    };
    uint8_t buf[ICMP_PACKET_MAX];
    uint16_t seq = baton_icmp_seq(ctx, tag.host, tag.attempt);
    size_t len = baton_icmp_build_echo(family, ctx->ident, seq, &tag,
                                       ICMP_PAYLOAD_MIN + d[2], buf);
    struct icmp_reply reply;
    uint32_t host = 0;
    uint16_t attempt = 0;

    fuzz_check(len > 0);
    if (family != AF_INET6) {
        fuzz_check(baton_icmp_checksum(buf, len) == 0);
    }
    buf[0] = (family == AF_INET6) ? 129 : 0;     /* echo reply */
    fuzz_check(baton_icmp_parse_reply(family, false, buf, len, &reply)
               == BATON_RC_OK);
    fuzz_check(baton_icmp_match(ctx, &reply, &host, &attempt));
    fuzz_check((host == tag.host) && (attempt == tag.attempt));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct icmp_match_ctx ctx = { .cookie = FUZZ_ICMP_COOKIE };
    int family = AF_INET;
    bool raw = false;

    if (size < FUZZ_ICMP_CTX_LEN) {
        return 0;
    }
    family = ((data[0] & 1) != 0) ? AF_INET6 : AF_INET;
    raw = (data[0] & 2) != 0;
    ctx.check_ident = (data[0] & 4) != 0;
    ctx.ident = le16(data + 1);
    ctx.seq_base = le16(data + 3);
    ctx.attempts = (uint16_t) (1 + (le16(data + 5) % 64));
    ctx.n_hosts = 1 + le16(data + 7) % 1024;
    parse_and_match(family, raw, &ctx, data + FUZZ_ICMP_CTX_LEN,
                    size - FUZZ_ICMP_CTX_LEN);
    round_trip(family, &ctx, data + 3);
    return 0;
}
