/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Health checks of a service: parsing their specifications (host:port,
 * http:// URLs, expected status lists). Running them is
 * include/baton/netcheck.h.
 */
#ifndef BATON_CHECK_H
#define BATON_CHECK_H

#include <stdbool.h>

#include "baton/reason.h"

#define BATON_HOST_MAX 256
#define BATON_PORT_MAX 16
#define BATON_URL_PATH_MAX 1024

/*! A host (name or address) and a port, as given */
struct baton_hostport {
    char host[BATON_HOST_MAX];
    char port[BATON_PORT_MAX];
};

/*! At most this many targets in a struct baton_hostports */
#define BATON_HOSTPORTS_MAX 16

/*! A list of host:port targets */
struct baton_hostports {
    struct baton_hostport hp[BATON_HOSTPORTS_MAX];
    unsigned n;
};

/*! A parsed http:// URL */
struct baton_http_url {
    struct baton_hostport hp;
    char path[BATON_URL_PATH_MAX];   /*!< with the query, "/" at least */
};

/*!
 * \brief Parse "host:port", "[v6addr]:port" or ":port" / "port" (which
 *        mean 127.0.0.1). The port is 1-65535.
 *
 * @code
 * struct baton_hostport hp;
 * if (baton_hostport_parse("10.0.0.1:8080", &hp, why) != BATON_RC_OK) {
 *     return BATON_RC_CONFIG;     // why names what is wrong
 * }
 * @endcode
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set.
 */
int baton_hostport_parse(const char *spec, struct baton_hostport *hp,
                         baton_reason_t *why);

/*!
 * \brief Parse "http://host[:port][/path]" (port 80 by default). https://
 *        is refused: TLS is not supported yet.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set.
 */
int baton_http_url_parse(const char *url, struct baton_http_url *u,
                         baton_reason_t *why);

/*!
 * \brief Whether an HTTP status matches a spec: a comma-separated list of
 *        codes ("200"), ranges ("200-299") and classes ("2xx").
 * \return BATON_RC_OK with \p match set, or BATON_RC_CONFIG when the spec
 *         is malformed.
 */
int baton_http_status_match(const char *spec, int status, bool *match);

/*
 * Parameter parsers (baton_param_parse_fn) for agent tables. Each writes
 * a reason without the parameter's name (the params module adds it) and,
 * given no field (NULL), only checks.
 */

/*!
 * \brief Parameter parser (BATON_KIND_CUSTOM): host:port targets separated
 *        by blanks or commas into a struct baton_hostports; at most
 *        BATON_HOSTPORTS_MAX.
 */
int baton_hostports_param_parse(const char *value, void *field,
                                baton_reason_t *why);

/*! \brief Parameter parser (BATON_KIND_CUSTOM): an http:// URL into a
 *         struct baton_http_url. */
int baton_http_url_param_parse(const char *value, void *field,
                               baton_reason_t *why);

/*!
 * \brief Parameter check (with BATON_KIND_TEXT, which stores the text):
 *        an HTTP status spec as baton_http_status_match() reads it.
 */
int baton_http_status_param_parse(const char *value, void *field,
                                  baton_reason_t *why);

#endif /* BATON_CHECK_H */
