/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ICMP echo packets: building requests and recognising our replies.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "baton/rc.h"
#include "icmp_private.h"

#define ICMP4_ECHO_REPLY   0
#define ICMP4_ECHO_REQUEST 8
#define ICMP6_ECHO_REQ     128
#define ICMP6_ECHO_REP     129

static void
put_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t) (v >> 8);
    p[1] = (uint8_t) v;
}

static uint16_t
get_u16(const uint8_t *p)
{
    return (uint16_t) ((p[0] << 8) | p[1]);
}

static void
put_u32(uint8_t *p, uint32_t v)
{
    put_u16(p, (uint16_t) (v >> 16));
    put_u16(p + 2, (uint16_t) v);
}

static uint32_t
get_u32(const uint8_t *p)
{
    return ((uint32_t) get_u16(p) << 16) | get_u16(p + 2);
}

static void
put_u64(uint8_t *p, uint64_t v)
{
    put_u32(p, (uint32_t) (v >> 32));
    put_u32(p + 4, (uint32_t) v);
}

static uint64_t
get_u64(const uint8_t *p)
{
    return ((uint64_t) get_u32(p) << 32) | get_u32(p + 4);
}

uint16_t
baton_icmp_checksum(const uint8_t *buf, size_t len)
{
    uint32_t sum = 0;

    for (size_t i = 0; i + 1 < len; i += 2) {
        sum += get_u16(buf + i);
    }
    if ((len % 2) != 0) {
        sum += (uint32_t) buf[len - 1] << 8;
    }
    while ((sum >> 16) != 0) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return (uint16_t) ~sum;
}

uint16_t
baton_icmp_seq(const struct icmp_match_ctx *ctx, uint32_t host,
               uint16_t attempt)
{
    uint32_t n = (uint32_t) ctx->seq_base
                 + (host * (uint32_t) ctx->attempts) + attempt;

    return (uint16_t) (n & 0xffff);
}

size_t
baton_icmp_build_echo(int family, uint16_t ident, uint16_t seq,
                      const struct icmp_tag *tag, size_t payload_len,
                      uint8_t *buf)
{
    size_t len = ICMP_ECHO_HDR_LEN + payload_len;
    uint8_t *p = buf + ICMP_ECHO_HDR_LEN;

    if ((payload_len < ICMP_PAYLOAD_MIN) || (len > ICMP_PACKET_MAX)) {
        return 0;
    }
    memset(buf, 0, len);
    buf[0] = (family == AF_INET6) ? ICMP6_ECHO_REQ : ICMP4_ECHO_REQUEST;
    put_u16(buf + 4, ident);
    put_u16(buf + 6, seq);
    put_u64(p, tag->cookie);
    put_u32(p + 8, tag->host);
    put_u16(p + 12, tag->attempt);
    put_u64(p + 16, tag->sent_us);
    for (size_t i = ICMP_PAYLOAD_MIN; i < payload_len; i++) {
        p[i] = (uint8_t) i;    /* recognisable padding, as ping does */
    }
    if (family != AF_INET6) {
        put_u16(buf + 2, baton_icmp_checksum(buf, len));
    }
    return len;
}

/* IPv4 raw sockets hand us the IP header first; skip it */
static int
strip_ip_header(const uint8_t **buf, size_t *len)
{
    size_t ihl;

    if ((*len < 20) || (((*buf)[0] >> 4) != 4)) {
        return BATON_RC_PROTOCOL;
    }
    ihl = (size_t) ((*buf)[0] & 0x0f) * 4;
    if ((ihl < 20) || (ihl > *len)) {
        return BATON_RC_PROTOCOL;
    }
    *buf += ihl;
    *len -= ihl;
    return BATON_RC_OK;
}

int
baton_icmp_parse_reply(int family, bool raw, const uint8_t *buf, size_t len,
                       struct icmp_reply *out)
{
    const uint8_t *p = NULL;
    uint8_t want = (family == AF_INET6) ? ICMP6_ECHO_REP : ICMP4_ECHO_REPLY;

    if ((buf == NULL) || (out == NULL)) {
        return EINVAL;
    }
    if (raw && (family == AF_INET)
        && (strip_ip_header(&buf, &len) != BATON_RC_OK)) {
        return BATON_RC_PROTOCOL;
    }
    if ((len < ICMP_ECHO_HDR_LEN + ICMP_PAYLOAD_MIN) || (buf[0] != want)
        || (buf[1] != 0)) {
        return BATON_RC_PROTOCOL;
    }
    p = buf + ICMP_ECHO_HDR_LEN;
    out->ident = get_u16(buf + 4);
    out->seq = get_u16(buf + 6);
    out->tag.cookie = get_u64(p);
    out->tag.host = get_u32(p + 8);
    out->tag.attempt = get_u16(p + 12);
    out->tag.sent_us = get_u64(p + 16);
    return BATON_RC_OK;
}

bool
baton_icmp_match(const struct icmp_match_ctx *ctx,
                 const struct icmp_reply *reply, uint32_t *host,
                 uint16_t *attempt)
{
    if (ctx->check_ident && (reply->ident != ctx->ident)) {
        return false;
    }
    if ((reply->tag.cookie != ctx->cookie)
        || (reply->tag.host >= ctx->n_hosts)
        || (reply->tag.attempt >= ctx->attempts)) {
        return false;
    }
    if (reply->seq != baton_icmp_seq(ctx, reply->tag.host,
                                     reply->tag.attempt)) {
        return false;
    }
    *host = reply->tag.host;
    *attempt = reply->tag.attempt;
    return true;
}
