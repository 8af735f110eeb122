/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Parsing health-check specifications: host:port, http:// URLs, HTTP
 * status lists and durations.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/check.h"
#include "baton/rc.h"

static int
parse_port(const char *text, size_t len, char *out)
{
    unsigned long v = 0;

    if ((len == 0) || (len >= BATON_PORT_MAX)) {
        return BATON_RC_CONFIG;
    }
    for (size_t i = 0; i < len; i++) {
        if (!isdigit((unsigned char) text[i])) {
            return BATON_RC_CONFIG;
        }
        v = v * 10 + (unsigned long) (text[i] - '0');
        if (v > 65535) {
            return BATON_RC_CONFIG;
        }
    }
    if (v == 0) {
        return BATON_RC_CONFIG;
    }
    snprintf(out, BATON_PORT_MAX, "%lu", v);
    return BATON_RC_OK;
}

static int
set_host(struct baton_hostport *hp, const char *text, size_t len)
{
    if ((len == 0) || (len >= BATON_HOST_MAX)) {
        return BATON_RC_CONFIG;
    }
    for (size_t i = 0; i < len; i++) {
        if (isspace((unsigned char) text[i]) || (text[i] == '/')) {
            return BATON_RC_CONFIG;
        }
    }
    memcpy(hp->host, text, len);
    hp->host[len] = '\0';
    return BATON_RC_OK;
}

/* Split "host:port" / "[v6]:port" of length len; host may be empty */
static int
split_hostport(const char *s, size_t len, const char *dflt_port,
               struct baton_hostport *hp)
{
    const char *colon = NULL;
    const char *host_end = s + len;

    if ((len > 0) && (s[0] == '[')) {
        const char *close = memchr(s, ']', len);

        if ((close == NULL) || (set_host(hp, s + 1, close - s - 1) != 0)) {
            return BATON_RC_CONFIG;
        }
        colon = close + 1;
        if (colon == s + len) {
            return (dflt_port == NULL) ? BATON_RC_CONFIG
                   : parse_port(dflt_port, strlen(dflt_port), hp->port);
        }
        if (*colon != ':') {
            return BATON_RC_CONFIG;
        }
        return parse_port(colon + 1, s + len - colon - 1, hp->port);
    }
    for (const char *p = s; p < s + len; p++) {
        if (*p == ':') {
            if (colon != NULL) {
                return BATON_RC_CONFIG;   /* bare IPv6 needs brackets */
            }
            colon = p;
        }
    }
    if (colon != NULL) {
        host_end = colon;
    }
    if (host_end == s) {
        snprintf(hp->host, sizeof(hp->host), "127.0.0.1");
    } else if (set_host(hp, s, host_end - s) != BATON_RC_OK) {
        return BATON_RC_CONFIG;
    }
    if (colon == NULL) {
        return (dflt_port == NULL) ? BATON_RC_CONFIG
               : parse_port(dflt_port, strlen(dflt_port), hp->port);
    }
    return parse_port(colon + 1, s + len - colon - 1, hp->port);
}

int
baton_hostport_parse(const char *spec, struct baton_hostport *hp,
                     baton_reason_t *why)
{
    size_t len = (spec != NULL) ? strlen(spec) : 0;
    bool digits = (len > 0);

    memset(hp, 0, sizeof(*hp));
    for (size_t i = 0; i < len; i++) {
        digits = digits && isdigit((unsigned char) spec[i]);
    }
    if (digits) {   /* "8080" alone: a local port */
        snprintf(hp->host, sizeof(hp->host), "127.0.0.1");
        if (parse_port(spec, len, hp->port) == BATON_RC_OK) {
            return BATON_RC_OK;
        }
    } else if (split_hostport(spec, len, NULL, hp) == BATON_RC_OK) {
        return BATON_RC_OK;
    }
    baton_reason_set(why, "'%s' is not host:port (port 1-65535, IPv6 in "
                     "brackets)", baton_s(spec, ""));
    return BATON_RC_CONFIG;
}

#define HTTP_SCHEME "http://"

int
baton_http_url_parse(const char *url, struct baton_http_url *u,
                     baton_reason_t *why)
{
    const char *auth = NULL;
    const char *slash = NULL;
    size_t len = 0;

    memset(u, 0, sizeof(*u));
    if ((url != NULL) && (strncasecmp(url, "https://", 8) == 0)) {
        baton_reason_set(why, "'%s': https is not supported (plain HTTP "
                         "only)", url);
        return BATON_RC_CONFIG;
    }
    if ((url == NULL) || (strncasecmp(url, HTTP_SCHEME, 7) != 0)) {
        baton_reason_set(why, "'%s' is not an http:// URL", baton_s(url, ""));
        return BATON_RC_CONFIG;
    }
    auth = url + strlen(HTTP_SCHEME);
    slash = strchr(auth, '/');
    len = (slash != NULL) ? (size_t) (slash - auth) : strlen(auth);
    if ((len == 0) || (memchr(auth, '@', len) != NULL)
        || (split_hostport(auth, len, "80", &u->hp) != BATON_RC_OK)
        || (strpbrk(auth, " \t\r\n") != NULL)
        || ((slash != NULL) && (strlen(slash) >= sizeof(u->path)))) {
        baton_reason_set(why, "'%s' is not a valid http:// URL "
                         "(http://host[:port][/path])", url);
        return BATON_RC_CONFIG;
    }
    snprintf(u->path, sizeof(u->path), "%s", (slash != NULL) ? slash : "/");
    return BATON_RC_OK;
}

/* One element of a status spec: "200", "200-299" or "2xx" */
static int
status_item(const char *s, size_t len, int status, bool *match)
{
    char buf[16];
    int lo = 0, hi = 0;
    char tail = 0;

    if ((len == 0) || (len >= sizeof(buf))) {
        return BATON_RC_CONFIG;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    if ((len == 3) && isdigit((unsigned char) buf[0])
        && (strcasecmp(buf + 1, "xx") == 0)) {
        lo = (buf[0] - '0') * 100;
        hi = lo + 99;
    } else if (sscanf(buf, "%d-%d%c", &lo, &hi, &tail) == 2) {
        /* a range */
    } else if ((sscanf(buf, "%d%c", &lo, &tail) == 1)
               && (strspn(buf, "0123456789") == len)) {
        hi = lo;
    } else {
        return BATON_RC_CONFIG;
    }
    if ((lo < 100) || (hi > 599) || (lo > hi)) {
        return BATON_RC_CONFIG;
    }
    if ((status >= lo) && (status <= hi)) {
        *match = true;
    }
    return BATON_RC_OK;
}

int
baton_http_status_match(const char *spec, int status, bool *match)
{
    const char *p = spec;

    *match = false;
    if ((spec == NULL) || (*spec == '\0')) {
        return BATON_RC_CONFIG;
    }
    while (true) {
        size_t len = strcspn(p, ",");

        while ((len > 0) && (*p == ' ')) {
            p++;
            len--;
        }
        while ((len > 0) && (p[len - 1] == ' ')) {
            len--;
        }
        if (status_item(p, len, status, match) != BATON_RC_OK) {
            *match = false;
            return BATON_RC_CONFIG;
        }
        p = strchr(p, ',');
        if (p == NULL) {
            return BATON_RC_OK;
        }
        p++;
    }
}

int
baton_hostports_param_parse(const char *value, void *field,
                            baton_reason_t *why)
{
    struct baton_hostports scratch;
    struct baton_hostports *list = (field != NULL) ? field : &scratch;
    char *copy = strdup(value);
    char *save = NULL;
    int rc = BATON_RC_OK;

    baton_assert_alloc(copy);
    memset(list, 0, sizeof(*list));
    for (char *tok = strtok_r(copy, " \t,", &save);
         (tok != NULL) && (rc == BATON_RC_OK);
         tok = strtok_r(NULL, " \t,", &save)) {
        if (list->n == BATON_HOSTPORTS_MAX) {
            baton_reason_set(why, "more than %d targets",
                             BATON_HOSTPORTS_MAX);
            rc = BATON_RC_CONFIG;
        } else {
            rc = baton_hostport_parse(tok, &list->hp[list->n++], why);
        }
    }
    free(copy);
    return rc;
}

int
baton_http_url_param_parse(const char *value, void *field,
                           baton_reason_t *why)
{
    struct baton_http_url scratch;

    return baton_http_url_parse(value, (field != NULL) ? field : &scratch,
                                why);
}

int
baton_http_status_param_parse(const char *value, void *field,
                              baton_reason_t *why)
{
    bool match = false;

    (void) field;
    if (baton_http_status_match(value, 200, &match) != BATON_RC_OK) {
        baton_reason_set(why, "'%s' is not a status list (e.g. 200 or "
                         "200,204 or 2xx or 200-399)", value);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}
