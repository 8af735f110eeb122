/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * IP address text: parsing, prefixes, lifetimes and parameter checks.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "baton/inaddr.h"
#include "baton/params.h"
#include "baton/rc.h"

#define LFT_FOREVER_TEXT "forever"

int
baton_inaddr_parse(const char *text, struct baton_inaddr *out)
{
    struct baton_inaddr a = { .family = AF_UNSPEC };

    if ((text == NULL) || (*text == '\0')) {
        return BATON_RC_CONFIG;
    }
    if (inet_pton(AF_INET, text, a.bytes) == 1) {
        a.family = AF_INET;
        a.prefix = 32;
    } else if (inet_pton(AF_INET6, text, a.bytes) == 1) {
        a.family = AF_INET6;
        a.prefix = 128;
    } else {
        return BATON_RC_CONFIG;
    }
    *out = a;
    return BATON_RC_OK;
}

size_t
baton_inaddr_len(int family)
{
    return (family == AF_INET) ? 4 : (family == AF_INET6) ? 16 : 0;
}

unsigned
baton_inaddr_max_prefix(int family)
{
    return (unsigned) baton_inaddr_len(family) * 8;
}

const char *
baton_inaddr_str(const struct baton_inaddr *a, bool with_prefix, char *buf,
                 size_t len)
{
    char text[INET6_ADDRSTRLEN] = "?";

    if (baton_inaddr_len(a->family) != 0) {
        inet_ntop(a->family, a->bytes, text, sizeof(text));
    }
    if (with_prefix) {
        snprintf(buf, len, "%s/%u", text, a->prefix);
    } else {
        snprintf(buf, len, "%s", text);
    }
    return buf;
}

bool
baton_inaddr_in_net(const struct baton_inaddr *a, const uint8_t *net,
                    unsigned net_len)
{
    unsigned full = net_len / 8;
    unsigned rest = net_len % 8;

    if (net_len > baton_inaddr_max_prefix(a->family)) {
        return false;
    }
    if (memcmp(a->bytes, net, full) != 0) {
        return false;
    }
    if (rest != 0) {
        uint8_t mask = (uint8_t) (0xff << (8 - rest));

        return (a->bytes[full] & mask) == (net[full] & mask);
    }
    return true;
}

bool
baton_inaddr_same(const struct baton_inaddr *a, const struct baton_inaddr *b)
{
    return (a->family == b->family)
           && (memcmp(a->bytes, b->bytes, baton_inaddr_len(a->family)) == 0);
}

/* A dotted IPv4 netmask (contiguous ones) as a prefix length */
static int
netmask_to_prefix(const char *text, unsigned *out)
{
    struct in_addr m;
    uint32_t v;
    unsigned n = 0;

    if (inet_pton(AF_INET, text, &m) != 1) {
        return BATON_RC_CONFIG;
    }
    v = ntohl(m.s_addr);
    while ((v & 0x80000000u) != 0) {
        n++;
        v <<= 1;
    }
    if (v != 0) {
        return BATON_RC_CONFIG;
    }
    *out = n;
    return BATON_RC_OK;
}

int
baton_prefix_parse(const char *text, int family, unsigned *out)
{
    long long n = 0;
    unsigned max = (family == AF_UNSPEC) ? 128 : baton_inaddr_max_prefix(family);

    if ((text != NULL) && (strchr(text, '.') != NULL) && (family != AF_INET6)) {
        return netmask_to_prefix(text, out);
    }
    if ((baton_parse_int(text, &n) != BATON_RC_OK) || (n < 0) || (n > max)) {
        return BATON_RC_CONFIG;
    }
    *out = (unsigned) n;
    return BATON_RC_OK;
}

int
baton_lft_parse(const char *text, uint32_t *out)
{
    long long n = 0;

    if ((text != NULL) && (strcmp(text, LFT_FOREVER_TEXT) == 0)) {
        *out = BATON_LFT_FOREVER;
        return BATON_RC_OK;
    }
    if ((baton_parse_int(text, &n) != BATON_RC_OK) || (n < 0)
        || (n >= (long long) BATON_LFT_FOREVER)) {
        return BATON_RC_CONFIG;
    }
    *out = (uint32_t) n;
    return BATON_RC_OK;
}

void
baton_inaddr_broadcast(const struct baton_inaddr *a, bool ones,
                       struct baton_inaddr *out)
{
    uint32_t ip;
    uint32_t host = (a->prefix >= 32) ? 0 : (0xffffffffu >> a->prefix);

    memcpy(&ip, a->bytes, 4);
    ip = ntohl(ip);
    ip = ones ? (ip | host) : (ip & ~host);
    ip = htonl(ip);
    *out = *a;
    memcpy(out->bytes, &ip, 4);
}

int
baton_inaddr_param_parse(const char *value, void *field, baton_reason_t *why)
{
    struct baton_inaddr a;
    struct baton_inaddr *out = field;

    if (baton_inaddr_parse(value, &a) != BATON_RC_OK) {
        baton_reason_set(why, "'%s' is not an IPv4 or IPv6 address", value);
        return BATON_RC_CONFIG;
    }
    if (out != NULL) {
        a.prefix = out->prefix;
        *out = a;
    }
    return BATON_RC_OK;
}

int
baton_prefix_param_parse(const char *value, void *field, baton_reason_t *why)
{
    unsigned p = 0;

    if (baton_prefix_parse(value, AF_UNSPEC, &p) != BATON_RC_OK) {
        baton_reason_set(why, "'%s' is not a prefix length (0-32 for IPv4, "
                         "0-128 for IPv6) or an IPv4 netmask", value);
        return BATON_RC_CONFIG;
    }
    if (field != NULL) {
        *(unsigned *) field = p;
    }
    return BATON_RC_OK;
}

int
baton_lft_param_parse(const char *value, void *field, baton_reason_t *why)
{
    uint32_t lft = 0;

    if (baton_lft_parse(value, &lft) != BATON_RC_OK) {
        baton_reason_set(why, "'%s' is not a lifetime ('forever' or a number "
                         "of seconds)", value);
        return BATON_RC_CONFIG;
    }
    if (field != NULL) {
        *(uint32_t *) field = lft;
    }
    return BATON_RC_OK;
}

int
baton_ifname_param_parse(const char *value, void *field, baton_reason_t *why)
{
    size_t len = strcspn(value, ":");

    if ((len == 0) || (len >= IFNAMSIZ) || (strchr(value, '/') != NULL)
        || (strpbrk(value, " \t\n") != NULL)) {
        baton_reason_set(why, "'%s' is not an interface name", value);
        return BATON_RC_CONFIG;
    }
    if (field != NULL) {
        memcpy(field, value, len);
        ((char *) field)[len] = '\0';
    }
    return BATON_RC_OK;
}
