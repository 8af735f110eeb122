/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * IP addresses as text and as bytes: parsing, prefixes, lifetimes, and the
 * parameter checks agent tables use for them.
 */
#ifndef BATON_INADDR_H
#define BATON_INADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "baton/reason.h"

/*! Longest text of an address with a prefix ("ffff:...:ffff/128") */
#define BATON_INADDR_STRLEN 64

/*! Lifetime value meaning "forever" (the kernel's INFINITY_LIFE_TIME) */
#define BATON_LFT_FOREVER UINT32_MAX

/*!
 * An IPv4 or IPv6 address with a prefix length.
 *
 * @code
 * struct baton_inaddr a;
 * char text[BATON_INADDR_STRLEN];
 *
 * if (baton_inaddr_parse("2001:db8::5", &a) == BATON_RC_OK) {
 *     a.prefix = 64;
 *     baton_inaddr_str(&a, true, text, sizeof(text));   // "2001:db8::5/64"
 * }
 * @endcode
 */
struct baton_inaddr {
    int family;                     /*!< AF_INET or AF_INET6 */
    uint8_t bytes[16];              /*!< network order; 4 used for IPv4 */
    unsigned prefix;                /*!< prefix length */
};

/*!
 * \brief Parse a literal IPv4 or IPv6 address (no prefix, no names).
 * \param[out] out  family and bytes; prefix set to the full length.
 * \return BATON_RC_OK, or BATON_RC_CONFIG when \p text is not an address.
 */
int baton_inaddr_parse(const char *text, struct baton_inaddr *out);

/*! \brief Bytes of an address of \p family: 4, 16, or 0 when unknown. */
size_t baton_inaddr_len(int family);

/*! \brief Longest prefix of \p family: 32, 128, or 0 when unknown. */
unsigned baton_inaddr_max_prefix(int family);

/*!
 * \brief Write an address as text, with "/prefix" when \p with_prefix.
 * \return \p buf (never NULL; "?" for an unknown family).
 */
const char *baton_inaddr_str(const struct baton_inaddr *a, bool with_prefix,
                             char *buf, size_t len);

/*!
 * \brief Whether the network \p net / \p net_len contains \p a.
 * \param[in] net  Bytes of the network, of a's family.
 */
bool baton_inaddr_in_net(const struct baton_inaddr *a, const uint8_t *net,
                         unsigned net_len);

/*! \brief Whether two addresses have the same family and bytes. */
bool baton_inaddr_same(const struct baton_inaddr *a,
                       const struct baton_inaddr *b);

/*!
 * \brief Parse a prefix length: an integer, or for IPv4 a dotted netmask.
 * \param[in] family  AF_INET, AF_INET6, or AF_UNSPEC (accept up to 128).
 * \return BATON_RC_OK, or BATON_RC_CONFIG when out of range for the family.
 */
int baton_prefix_parse(const char *text, int family, unsigned *out);

/*!
 * \brief Parse a lifetime: "forever" or a number of seconds.
 * \return BATON_RC_OK, or BATON_RC_CONFIG.
 */
int baton_lft_parse(const char *text, uint32_t *out);

/*!
 * \brief The broadcast address of an IPv4 network: host bits all set
 *        (\p ones true, ip's "+") or all clear ("-").
 */
void baton_inaddr_broadcast(const struct baton_inaddr *a, bool ones,
                            struct baton_inaddr *out);

/*
 * Parameter parsers (baton_param_parse_fn) for tables: use with
 * .kind = BATON_KIND_CUSTOM and the field type named. Each writes a reason
 * without the parameter's name; the params module adds it.
 */

/*! \brief Parameter parser: a literal address into a struct baton_inaddr
 *         (its prefix is left as the caller set it). */
int baton_inaddr_param_parse(const char *value, void *field,
                             baton_reason_t *why);

/*! \brief Parameter parser: a prefix length 0..128 or a dotted IPv4
 *         netmask into an unsigned (checked against the family later). */
int baton_prefix_param_parse(const char *value, void *field,
                             baton_reason_t *why);

/*! \brief Parameter parser: "forever" or seconds into a uint32_t. */
int baton_lft_param_parse(const char *value, void *field,
                          baton_reason_t *why);

/*! \brief Parameter parser: an interface name (1-15 characters, no '/',
 *         no white space) into a char[IFNAMSIZ]; "name:label" is accepted
 *         and only the name stored. */
int baton_ifname_param_parse(const char *value, void *field,
                             baton_reason_t *why);

#endif /* BATON_INADDR_H */
