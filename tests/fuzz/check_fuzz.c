/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: health-check specifications (lib/process/check.c): one
 * text through each parser, alone and as the parameter hook agents'
 * tables use: host:port and lists of them, http:// URLs, HTTP status
 * lists, and durations (lib/core/params.c).
 */
#include <ctype.h>
#include <stdbool.h>

#include "baton/check.h"
#include "baton/params.h"
#include "fuzz.h"

static void
check_hostport(const struct baton_hostport *hp)
{
    unsigned long port = 0;

    fuzz_check(hp->host[0] != '\0');
    fuzz_check(memchr(hp->host, '\0', sizeof(hp->host)) != NULL);
    for (const char *c = hp->host; *c != '\0'; c++) {
        fuzz_check(!isspace((unsigned char) *c) && (*c != '/'));
    }
    fuzz_check(memchr(hp->port, '\0', sizeof(hp->port)) != NULL);
    fuzz_check(strspn(hp->port, "0123456789") == strlen(hp->port));
    port = strtoul(hp->port, NULL, 10);
    fuzz_check((port >= 1) && (port <= 65535));
}

static void
fuzz_hostport(const char *text)
{
    struct baton_hostport hp;
    baton_reason_t why = BATON_REASON_INIT;
    int rc = baton_hostport_parse(text, &hp, &why);

    if (rc == BATON_RC_OK) {
        check_hostport(&hp);
    } else {
        fuzz_check((rc == BATON_RC_CONFIG) && baton_reason_is_set(&why));
    }
}

/* The list form of app's check_tcp */
static void
fuzz_hostports(const char *text)
{
    struct baton_hostports hps;
    baton_reason_t why = BATON_REASON_INIT;
    int rc;

    if (text[0] == '\0') {
        return;     /* the params module never passes a hook "" */
    }
    memset(&hps, 0, sizeof(hps));
    rc = baton_hostports_param_parse(text, &hps, &why);
    if (rc == BATON_RC_OK) {
        fuzz_check(hps.n <= BATON_HOSTPORTS_MAX);
        for (unsigned i = 0; i < hps.n; i++) {
            check_hostport(&hps.hp[i]);
        }
    } else {
        fuzz_check((rc == BATON_RC_CONFIG) && baton_reason_is_set(&why));
    }
    fuzz_check(baton_hostports_param_parse(text, NULL, NULL) == rc);
}

static void
fuzz_url(const char *text)
{
    struct baton_http_url u;
    baton_reason_t why = BATON_REASON_INIT;
    int rc = baton_http_url_parse(text, &u, &why);

    if (rc == BATON_RC_OK) {
        check_hostport(&u.hp);
        fuzz_check(u.path[0] == '/');
        fuzz_check(memchr(u.path, '\0', sizeof(u.path)) != NULL);
    } else {
        fuzz_check((rc == BATON_RC_CONFIG) && baton_reason_is_set(&why));
    }
    fuzz_check((text[0] == '\0')
               || (baton_http_url_param_parse(text, NULL, NULL) == rc));
}

static void
fuzz_status(const char *text)
{
    static const int statuses[] = { 100, 200, 204, 302, 404, 599 };
    bool match = false;
    int first = baton_http_status_match(text, 200, &match);

    for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
        int rc = baton_http_status_match(text, statuses[i], &match);

        /* whether a spec is valid does not depend on the status */
        fuzz_check(rc == first);
        fuzz_check((rc == BATON_RC_OK) || !match);
    }
    fuzz_check((text[0] == '\0')
               || (baton_http_status_param_parse(text, NULL, NULL) == first));
}

static void
fuzz_duration(const char *text)
{
    unsigned long ms = 0;

    if (baton_duration_parse_ms(text, &ms) == BATON_RC_OK) {
        fuzz_check(ms <= 86400000UL);   /* a day at most */
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_strndup(data, size);

    fuzz_hostport(text);
    fuzz_hostports(text);
    fuzz_url(text);
    fuzz_status(text);
    fuzz_duration(text);
    free(text);
    return 0;
}
