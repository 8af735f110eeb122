/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Gratuitous ARP and unsolicited neighbour advertisements over a packet
 * socket: one frame built once, sent count times at an interval.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "baton/arp.h"
#include "baton/clock.h"
#include "baton/rc.h"

#define ETH_HDR_LEN   14
#define ARP_BODY_LEN  28
#define IP6_HDR_LEN   40
#define NA_LEN        24            /* ICMPv6 header + flags + target */
#define NA_OPT_LEN    8             /* target link-layer address option */
#define ICMP6_NA_TYPE 136
#define NA_FLAG_OVERRIDE 0x20
#define ND_OPT_TARGET_LLADDR 2
#define IP6_HOP_LIMIT 255           /* RFC 4861: receivers drop anything else */

static const uint8_t eth_broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
/* ff02::1 and its Ethernet multicast address 33:33:00:00:00:01 */
static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 0x01 };
static const uint8_t all_nodes_mac[6] = { 0x33, 0x33, 0, 0, 0, 0x01 };

uint32_t
baton_csum_add(uint32_t sum, const void *data, size_t len)
{
    const uint8_t *p = data;

    for (size_t i = 0; i + 1 < len; i += 2) {
        sum += (uint32_t) ((p[i] << 8) | p[i + 1]);
    }
    if ((len % 2) != 0) {
        sum += (uint32_t) (p[len - 1] << 8);
    }
    return sum;
}

uint16_t
baton_csum_fold(uint32_t sum)
{
    while ((sum >> 16) != 0) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return (uint16_t) ~sum;
}

static uint8_t *
put_eth(uint8_t *p, const uint8_t *dst, const uint8_t *src, uint16_t proto)
{
    memcpy(p, dst, 6);
    memcpy(p + 6, src, 6);
    p[12] = (uint8_t) (proto >> 8);
    p[13] = (uint8_t) (proto & 0xff);
    return p + ETH_HDR_LEN;
}

static size_t
build_garp(uint8_t *buf, const uint8_t mac[6], const uint8_t ip[4],
           enum baton_arp_op op)
{
    uint8_t *p = put_eth(buf, eth_broadcast, mac, ETH_P_ARP);
    static const uint8_t hdr[6] = { 0x00, 0x01, 0x08, 0x00, 6, 4 };

    memcpy(p, hdr, sizeof(hdr));            /* Ethernet, IPv4, 6, 4 */
    p[6] = 0;
    p[7] = (uint8_t) op;
    memcpy(p + 8, mac, 6);                  /* sender: us */
    memcpy(p + 14, ip, 4);
    /* target hardware: unknown for a request, ourselves for a reply */
    if (op == BATON_ARP_REPLY) {
        memcpy(p + 18, mac, 6);
    } else {
        memset(p + 18, 0, 6);
    }
    memcpy(p + 24, ip, 4);                  /* target: the same address */
    return ETH_HDR_LEN + ARP_BODY_LEN;
}

static size_t
build_na(uint8_t *buf, const uint8_t mac[6], const uint8_t ip[16])
{
    uint8_t *ip6 = put_eth(buf, all_nodes_mac, mac, ETH_P_IPV6);
    uint8_t *icmp = ip6 + IP6_HDR_LEN;
    uint16_t plen = NA_LEN + NA_OPT_LEN;
    uint8_t pseudo[8] = { 0, 0, (uint8_t) (plen >> 8), (uint8_t) plen,
                          0, 0, 0, IPPROTO_ICMPV6 };
    uint32_t sum = 0;
    uint16_t csum;

    memset(ip6, 0, IP6_HDR_LEN + plen);
    ip6[0] = 0x60;                          /* version 6 */
    ip6[4] = (uint8_t) (plen >> 8);
    ip6[5] = (uint8_t) (plen & 0xff);
    ip6[6] = IPPROTO_ICMPV6;
    ip6[7] = IP6_HOP_LIMIT;
    memcpy(ip6 + 8, ip, 16);
    memcpy(ip6 + 24, all_nodes, 16);
    icmp[0] = ICMP6_NA_TYPE;
    icmp[4] = NA_FLAG_OVERRIDE;             /* unsolicited: S clear */
    memcpy(icmp + 8, ip, 16);
    icmp[24] = ND_OPT_TARGET_LLADDR;
    icmp[25] = 1;                           /* length in units of 8 bytes */
    memcpy(icmp + 26, mac, 6);
    sum = baton_csum_add(sum, ip6 + 8, 32); /* source and destination */
    sum = baton_csum_add(sum, pseudo, sizeof(pseudo));
    sum = baton_csum_add(sum, icmp, plen);
    csum = baton_csum_fold(sum);
    icmp[2] = (uint8_t) (csum >> 8);
    icmp[3] = (uint8_t) (csum & 0xff);
    return ETH_HDR_LEN + IP6_HDR_LEN + plen;
}

int
baton_announce_build(uint8_t *buf, size_t cap, const uint8_t mac[6],
                     const struct baton_inaddr *a, enum baton_arp_op op,
                     size_t *len)
{
    if (cap < BATON_ANNOUNCE_MAX) {
        return ENOBUFS;
    }
    if (a->family == AF_INET) {
        *len = build_garp(buf, mac, a->bytes, op);
    } else if (a->family == AF_INET6) {
        *len = build_na(buf, mac, a->bytes);
    } else {
        return EAFNOSUPPORT;
    }
    return BATON_RC_OK;
}

int
baton_announce_open(uint32_t ifindex, int *fd)
{
    /* Protocol 0: this socket receives nothing, it only sends */
    struct sockaddr_ll sll = {
        .sll_family = AF_PACKET,
        .sll_ifindex = (int) ifindex,
    };
    int s = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);

    if (s < 0) {
        return errno;
    }
    if (bind(s, (struct sockaddr *) &sll, sizeof(sll)) < 0) {
        int rc = errno;

        close(s);
        return rc;
    }
    *fd = s;
    return BATON_RC_OK;
}

static int
send_frame(int fd, uint32_t ifindex, const uint8_t *frame, size_t len)
{
    struct sockaddr_ll to = {
        .sll_family = AF_PACKET,
        .sll_ifindex = (int) ifindex,
        .sll_halen = 6,
        .sll_protocol = htons((uint16_t) ((frame[12] << 8) | frame[13])),
    };

    memcpy(to.sll_addr, frame, 6);
    if (sendto(fd, frame, len, 0, (struct sockaddr *) &to, sizeof(to)) < 0) {
        return errno;
    }
    return BATON_RC_OK;
}

int
baton_announce_repeat(int fd, uint32_t ifindex, const uint8_t *frame,
                      size_t len, unsigned count, unsigned interval_ms)
{
    if (len < ETH_HDR_LEN) {
        return EINVAL;
    }
    for (unsigned i = 0; i < count; i++) {
        int rc = send_frame(fd, ifindex, frame, len);

        if (rc != BATON_RC_OK) {
            return rc;
        }
        if (i + 1 < count) {
            baton_sleep_ms(interval_ms);
        }
    }
    return BATON_RC_OK;
}
