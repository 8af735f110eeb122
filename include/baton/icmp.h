/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The ICMP echo engine: probes many hosts at once, IPv4 and IPv6 mixed,
 * and tells which of them answered.
 */
#ifndef BATON_ICMP_H
#define BATON_ICMP_H

#include <stdbool.h>
#include <stddef.h>

/*!
 * A probe of a list of hosts (opaque).
 *
 * All hosts are probed concurrently. Attempt k (0-based) is sent to every
 * host still silent at k × spacing_ms; each attempt waits its full
 * timeout_ms for an answer; a host is alive at its first reply. The whole
 * run therefore lasts at most (attempts - 1) × spacing_ms + timeout_ms,
 * whatever the number of hosts, and returns early once every host answered.
 *
 * Names are resolved once, by baton_icmp_probe_resolve() or at the start of
 * baton_icmp_probe_run(), with a bounded wait (resolve_timeout_ms), by a few threads. IP
 * literals are never sent to the resolver.
 *
 * Sockets: unprivileged ICMP datagram sockets (SOCK_DGRAM, IPPROTO_ICMP /
 * IPPROTO_ICMPV6) where net.ipv4.ping_group_range allows, raw sockets
 * otherwise. Replies are matched by identifier, sequence number and a
 * per-probe random cookie in the payload, so concurrent probes and other
 * pingers on the node never confuse each other.
 *
 * @code
 * const char *hosts[] = { "10.0.0.1", "2001:db8::1", "gw.example" };
 * struct baton_icmp_opts opts = BATON_ICMP_OPTS_INIT;
 * baton_icmp_probe_t *probe = NULL;
 * int rc;
 *
 * opts.attempts = 3;
 * opts.timeout_ms = 2000;
 * rc = baton_icmp_probe_new(&opts, &probe);
 * for (size_t i = 0; (rc == BATON_RC_OK) && (i < 3); i++) {
 *     rc = baton_icmp_probe_add_host(probe, hosts[i]);
 * }
 * if (rc == BATON_RC_OK) {
 *     rc = baton_icmp_probe_run(probe);
 * }
 * if (rc == BATON_RC_OK) {
 *     printf("%zu of %zu alive\n", baton_icmp_probe_n_alive(probe),
 *            baton_icmp_probe_n_hosts(probe));
 * }
 * baton_icmp_probe_free(probe);
 * @endcode
 */
typedef struct baton_icmp_probe_s baton_icmp_probe_t;

/*! Defaults used when an option is 0 */
#define BATON_ICMP_DEFAULT_ATTEMPTS     3
#define BATON_ICMP_DEFAULT_TIMEOUT_MS   2000
#define BATON_ICMP_DEFAULT_SPACING_MS   100
#define BATON_ICMP_DEFAULT_RESOLVE_MS   2000
/*! Upper bounds (larger values are clamped) */
#define BATON_ICMP_MAX_ATTEMPTS         32
#define BATON_ICMP_MAX_HOSTS            16384

/*! How to probe; 0 in any field means its default */
struct baton_icmp_opts {
    unsigned attempts;            /*!< echo requests per host, at most */
    unsigned timeout_ms;          /*!< each attempt's wait for its reply */
    unsigned spacing_ms;          /*!< between two attempts to one host */
    unsigned resolve_timeout_ms;  /*!< bound on name resolution, all names */
    size_t payload_len;           /*!< bytes of payload (min. the cookie) */
};

#define BATON_ICMP_OPTS_INIT { 0, 0, 0, 0, 0 }

/*! What a probe learnt about one host */
enum baton_icmp_state {
    BATON_ICMP_PENDING = 0,   /*!< not probed yet */
    BATON_ICMP_ALIVE,         /*!< answered at least one attempt */
    BATON_ICMP_DEAD,          /*!< no answer to any attempt */
    BATON_ICMP_UNRESOLVED,    /*!< the name has no address (or timed out) */
    BATON_ICMP_UNREACHABLE,   /*!< no socket or route for its family */
};

/*!
 * \brief Create an empty probe.
 * \param[in]  opts   How to probe; NULL means all defaults. Copied.
 * \param[out] probe  The probe; caller frees with baton_icmp_probe_free().
 * \return BATON_RC_OK, or EINVAL when \p probe is NULL.
 */
int baton_icmp_probe_new(const struct baton_icmp_opts *opts,
                         baton_icmp_probe_t **probe);

/*! \brief Free a probe and close its sockets; NULL is a no-op. */
void baton_icmp_probe_free(baton_icmp_probe_t *probe);

/*!
 * \brief Add a host: a name, an IPv4 literal or an IPv6 literal (an IPv6
 *        literal may carry a %zone and may be given in [brackets]).
 * \param[in] host  Copied. Duplicates are probed once each, as given.
 * \return BATON_RC_OK; EINVAL for an empty host or once the probe ran;
 *         E2BIG past BATON_ICMP_MAX_HOSTS.
 */
int baton_icmp_probe_add_host(baton_icmp_probe_t *probe, const char *host);

/*!
 * \brief Add every host of a list separated by spaces, commas, tabs or
 *        newlines (the form of ocf:pacemaker:ping's host_list).
 * \return BATON_RC_OK; EINVAL when the list holds no host; as
 *         baton_icmp_probe_add_host() otherwise.
 */
int baton_icmp_probe_add_list(baton_icmp_probe_t *probe, const char *list);

/*!
 * \brief Resolve the names among the hosts, all at once, waiting at most
 *        resolve_timeout_ms. Runs at most once; run() calls it when needed.
 *
 * Names that fail or are still pending at the deadline become
 * BATON_ICMP_UNRESOLVED. Names are looked up with getaddrinfo() by up to
 * 8 worker threads; a lookup still running at the deadline is abandoned
 * (its thread is detached and finishes on its own; nothing is freed
 * under it).
 * \return BATON_RC_OK (even when some names did not resolve; see
 *         baton_icmp_probe_n_unresolved()), or an errno when the
 *         lookups could not be started at all.
 */
int baton_icmp_probe_resolve(baton_icmp_probe_t *probe);

/*!
 * \brief Probe every host and wait for the outcome.
 * \return BATON_RC_OK when the probe ran (dead hosts are a result, not an
 *         error); EPERM when no ICMP socket of a needed family could be
 *         opened at all; EINVAL when the probe has no host or already ran.
 */
int baton_icmp_probe_run(baton_icmp_probe_t *probe);

/*! \brief The number of hosts added. */
size_t baton_icmp_probe_n_hosts(const baton_icmp_probe_t *probe);

/*! \brief The number of hosts that answered. */
size_t baton_icmp_probe_n_alive(const baton_icmp_probe_t *probe);

/*! \brief The number of hosts whose name did not resolve. */
size_t baton_icmp_probe_n_unresolved(const baton_icmp_probe_t *probe);

/*! \brief Host \p i as given (borrowed), or NULL when out of range. */
const char *baton_icmp_probe_host(const baton_icmp_probe_t *probe, size_t i);

/*!
 * \brief The address probed for host \p i, as text (borrowed; "" before
 *        resolution or when unresolved; NULL when out of range).
 */
const char *baton_icmp_probe_addr(const baton_icmp_probe_t *probe, size_t i);

/*! \brief What the probe learnt about host \p i (PENDING when out of range). */
enum baton_icmp_state baton_icmp_probe_state(const baton_icmp_probe_t *probe,
                                             size_t i);

/*!
 * \brief Round-trip time of the first reply from host \p i, in µs
 *        (0 unless the host is alive).
 */
unsigned long baton_icmp_probe_rtt_us(const baton_icmp_probe_t *probe,
                                      size_t i);

/*! \brief A static description of a state ("alive", "dead", ...). */
const char *baton_icmp_state_str(enum baton_icmp_state state);

#endif /* BATON_ICMP_H */
