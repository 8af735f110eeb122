/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Running network health checks within a deadline (lib/process/netcheck.c):
 * a TCP connect, and a plain HTTP/1.0 GET judged by its status and body.
 * Their specifications are parsed by include/baton/check.h.
 */
#ifndef BATON_NETCHECK_H
#define BATON_NETCHECK_H

#include "baton/check.h"
#include "baton/reason.h"

/*!
 * \brief Connect to host:port within \p timeout_ms, then close.
 *
 * @code
 * struct baton_hostport hp;
 * if (baton_hostport_parse("10.0.0.1:8080", &hp, why) == BATON_RC_OK
 *     && baton_tcp_probe(&hp, 2000, why) != BATON_RC_OK) {
 *     // why says "TCP 10.0.0.1:8080: connection refused"
 * }
 * @endcode
 * \return BATON_RC_OK; BATON_RC_TIMEOUT; BATON_RC_RESOLVE; or the
 *         connect errno (ECONNREFUSED ...); \p why names the target.
 */
int baton_tcp_probe(const struct baton_hostport *hp, unsigned timeout_ms,
                    baton_reason_t *why);

/*!
 * \brief GET the URL (HTTP/1.0, no TLS) within \p timeout_ms and check
 *        the status against \p status_spec and, when \p body_match is not
 *        NULL or empty, that the body contains it (plain substring).
 * \param[out] status  The status received, 0 when none (may be NULL).
 * \return BATON_RC_OK; BATON_RC_FAILED (wrong status or body);
 *         BATON_RC_PROTOCOL (not HTTP); otherwise as baton_tcp_probe().
 */
int baton_http_probe(const struct baton_http_url *u, const char *status_spec,
                     const char *body_match, unsigned timeout_ms,
                     int *status, baton_reason_t *why);

#endif /* BATON_NETCHECK_H */
