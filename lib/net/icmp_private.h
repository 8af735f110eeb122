/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ICMP echo packets: building requests and recognising our replies. Pure
 * functions, shared by lib/net/icmp.c and its unit test.
 */
#ifndef BATON_ICMP_PRIVATE_H
#define BATON_ICMP_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*! Bytes of our payload that identify a request (the rest is padding) */
#define ICMP_PAYLOAD_MIN 24
/*! Largest packet we build or accept (payload is clamped to fit) */
#define ICMP_PACKET_MAX 512
/*! Echo header: type, code, checksum, identifier, sequence */
#define ICMP_ECHO_HDR_LEN 8

/*! What an echo request carries and a reply must echo back */
struct icmp_tag {
    uint64_t cookie;       /*!< random per probe */
    uint32_t host;         /*!< index of the host in the probe */
    uint16_t attempt;      /*!< 0-based attempt number */
    uint64_t sent_us;      /*!< monotonic send time, µs */
};

/*! An echo reply, parsed */
struct icmp_reply {
    uint16_t ident;
    uint16_t seq;
    struct icmp_tag tag;
};

/*! What identifies the replies of one probe */
struct icmp_match_ctx {
    uint64_t cookie;
    uint16_t ident;
    bool check_ident;      /*!< false while a datagram socket's id is unknown */
    uint16_t seq_base;
    uint16_t attempts;
    uint32_t n_hosts;
};

/*!
 * \brief The sequence number of one attempt to one host (mod 2^16).
 */
uint16_t baton_icmp_seq(const struct icmp_match_ctx *ctx, uint32_t host,
                        uint16_t attempt);

/*!
 * \brief Build an echo request.
 * \param[in]  family       AF_INET or AF_INET6.
 * \param[in]  payload_len  Payload bytes (at least ICMP_PAYLOAD_MIN).
 * \param[out] buf          At least ICMP_ECHO_HDR_LEN + payload_len bytes.
 * \return The packet length, or 0 when it does not fit ICMP_PACKET_MAX.
 * \note The IPv4 checksum is filled in; for IPv6 the kernel computes it.
 */
size_t baton_icmp_build_echo(int family, uint16_t ident, uint16_t seq,
                             const struct icmp_tag *tag, size_t payload_len,
                             uint8_t *buf);

/*!
 * \brief Parse a received packet as an echo reply.
 * \param[in] family  AF_INET or AF_INET6.
 * \param[in] raw     Whether it came from a raw socket (IPv4 raw sockets
 *                    deliver the IP header; IPv6 raw and datagram do not).
 * \return BATON_RC_OK; BATON_RC_PROTOCOL when it is not an echo reply of
 *         ours in form (other ICMP type, too short, bad header).
 */
int baton_icmp_parse_reply(int family, bool raw, const uint8_t *buf,
                           size_t len, struct icmp_reply *out);

/*!
 * \brief Whether a parsed reply answers one of this probe's requests.
 * \param[out] host     The host index it answers.
 * \param[out] attempt  The attempt it answers.
 * \return true when identifier, cookie, indices and sequence all agree.
 */
bool baton_icmp_match(const struct icmp_match_ctx *ctx,
                      const struct icmp_reply *reply, uint32_t *host,
                      uint16_t *attempt);

/*! \brief The Internet checksum (RFC 1071) of a buffer. */
uint16_t baton_icmp_checksum(const uint8_t *buf, size_t len);


#include <netinet/in.h>
#include <sys/socket.h>

#include "baton/icmp.h"

/*! One host of a probe */
struct icmp_host {
    char *name;                      /*!< as given */
    struct sockaddr_storage addr;    /*!< valid when resolved */
    socklen_t addr_len;
    char addr_text[64];
    enum baton_icmp_state state;
    bool resolved;
    unsigned long rtt_us;
};

/*! One ICMP socket of a family */
struct icmp_sock {
    int fd;                          /*!< -1 when closed */
    int family;
    bool raw;
    bool ident_known;                /*!< datagram: learnt the kernel's id */
    uint16_t ident;
};

struct baton_icmp_probe_s {
    struct baton_icmp_opts opts;
    struct icmp_host *hosts;
    size_t n_hosts;
    size_t cap_hosts;
    bool resolved;
    bool ran;
    uint64_t cookie;
    uint16_t raw_ident;
    uint16_t seq_base;
    struct icmp_sock socks[2];       /*!< [0] IPv4, [1] IPv6 */
};

/*!
 * \brief Open an ICMP socket: datagram when allowed, raw otherwise.
 * \return BATON_RC_OK, or the errno of the raw attempt.
 */
int baton_icmp_sock_open(struct icmp_sock *sock, int family,
                         uint16_t raw_ident);

/*! \brief Close an ICMP socket (closed or never opened is a no-op). */
void baton_icmp_sock_close(struct icmp_sock *sock);

/*!
 * \brief Learn the identifier the kernel gave a datagram socket (its
 *        "port"), once something was sent through it.
 */
void baton_icmp_sock_learn_ident(struct icmp_sock *sock);

/*! \brief Resolve the hosts of a probe; see baton_icmp_probe_resolve(). */
int baton_icmp_resolve_hosts(struct icmp_host *hosts, size_t n,
                             unsigned timeout_ms);


#endif /* BATON_ICMP_PRIVATE_H */
