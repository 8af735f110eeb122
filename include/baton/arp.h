/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Announcing an address from inside the agent over a packet socket:
 * gratuitous ARP for IPv4, unsolicited neighbour advertisement for IPv6.
 */
#ifndef BATON_ARP_H
#define BATON_ARP_H

#include <stddef.h>
#include <stdint.h>

#include "baton/inaddr.h"

/*! Room for any announcement frame (Ethernet + IPv6 + ICMPv6 NA + option) */
#define BATON_ANNOUNCE_MAX 128

/*! Which ARP operation a gratuitous ARP uses */
enum baton_arp_op {
    BATON_ARP_REQUEST = 1,          /*!< the default (arping -U) */
    BATON_ARP_REPLY = 2,            /*!< arping -A */
};

/*!
 * \brief Build an announcement frame for an address.
 *
 * IPv4: a broadcast ARP packet whose sender and target address are both
 * \p a. IPv6: an ICMPv6 neighbour advertisement to all nodes (ff02::1)
 * with the override flag and our link-layer address, hop limit 255.
 *
 * @code
 * uint8_t frame[BATON_ANNOUNCE_MAX];
 * size_t len = 0;
 * int fd = -1;
 *
 * rc = baton_announce_build(frame, sizeof(frame), mac, &ip,
 *                           BATON_ARP_REQUEST, &len);
 * if (rc == BATON_RC_OK) {
 *     rc = baton_announce_open(ifindex, &fd);
 * }
 * if (rc == BATON_RC_OK) {
 *     rc = baton_announce_repeat(fd, ifindex, frame, len, 5, 200);
 * }
 * @endcode
 *
 * \param[out] buf  At least BATON_ANNOUNCE_MAX bytes.
 * \param[in]  mac  The interface's 6-byte Ethernet address.
 * \param[in]  op   IPv4 only: request or reply.
 * \param[out] len  Bytes of the frame.
 * \return BATON_RC_OK, ENOBUFS, or EAFNOSUPPORT.
 */
int baton_announce_build(uint8_t *buf, size_t cap, const uint8_t mac[6],
                         const struct baton_inaddr *a, enum baton_arp_op op,
                         size_t *len);

/*!
 * \brief Open a packet socket bound to a link, for sending only.
 * \param[out] fd  Caller closes it.
 * \return BATON_RC_OK or an errno.
 */
int baton_announce_open(uint32_t ifindex, int *fd);

/*!
 * \brief Send a frame \p count times, \p interval_ms apart (none after the
 *        last). The destination is the frame's own Ethernet destination.
 * \return BATON_RC_OK, or the errno of the first failed send.
 */
int baton_announce_repeat(int fd, uint32_t ifindex, const uint8_t *frame,
                          size_t len, unsigned count, unsigned interval_ms);

/*! \brief The Internet checksum of a buffer, continuing from \p sum. */
uint32_t baton_csum_add(uint32_t sum, const void *data, size_t len);

/*! \brief Fold a checksum sum into its 16-bit one's complement. */
uint16_t baton_csum_fold(uint32_t sum);

#endif /* BATON_ARP_H */
