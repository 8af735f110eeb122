/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The ICMP echo engine: one probe sends every attempt to every host from
 * one socket per family and collects the replies in a single poll loop.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "baton/clock.h"
#include "baton/icmp.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "icmp_private.h"

#define ICMP_DEFAULT_PAYLOAD 32

static unsigned
dflt(unsigned v, unsigned d)
{
    return (v == 0) ? d : v;
}

static uint64_t
random_u64(void)
{
    uint64_t v = 0;

    if (getrandom(&v, sizeof(v), GRND_NONBLOCK) != (ssize_t) sizeof(v)) {
        v = baton_clock_now_us() ^ ((uint64_t) getpid() << 32);
    }
    return v;
}

int
baton_icmp_probe_new(const struct baton_icmp_opts *opts,
                     baton_icmp_probe_t **probe)
{
    baton_icmp_probe_t *p = NULL;
    uint64_t r;

    if (probe == NULL) {
        return EINVAL;
    }
    p = calloc(1, sizeof(*p));
    baton_assert_alloc(p);
    if (opts != NULL) {
        p->opts = *opts;
    }
    p->opts.attempts = dflt(p->opts.attempts, BATON_ICMP_DEFAULT_ATTEMPTS);
    if (p->opts.attempts > BATON_ICMP_MAX_ATTEMPTS) {
        p->opts.attempts = BATON_ICMP_MAX_ATTEMPTS;
    }
    p->opts.timeout_ms = dflt(p->opts.timeout_ms, BATON_ICMP_DEFAULT_TIMEOUT_MS);
    p->opts.spacing_ms = dflt(p->opts.spacing_ms, BATON_ICMP_DEFAULT_SPACING_MS);
    p->opts.resolve_timeout_ms = dflt(p->opts.resolve_timeout_ms,
                                      BATON_ICMP_DEFAULT_RESOLVE_MS);
    if (p->opts.payload_len < ICMP_PAYLOAD_MIN) {
        p->opts.payload_len = ICMP_DEFAULT_PAYLOAD;
    }
    if (p->opts.payload_len > ICMP_PACKET_MAX - ICMP_ECHO_HDR_LEN) {
        p->opts.payload_len = ICMP_PACKET_MAX - ICMP_ECHO_HDR_LEN;
    }
    r = random_u64();
    p->cookie = r;
    p->raw_ident = (uint16_t) (r >> 48);
    p->seq_base = (uint16_t) (r >> 32);
    p->cookie ^= random_u64() << 1;
    p->socks[0].fd = -1;
    p->socks[1].fd = -1;
    *probe = p;
    return BATON_RC_OK;
}

void
baton_icmp_probe_free(baton_icmp_probe_t *probe)
{
    if (probe == NULL) {
        return;
    }
    baton_icmp_sock_close(&probe->socks[0]);
    baton_icmp_sock_close(&probe->socks[1]);
    for (size_t i = 0; i < probe->n_hosts; i++) {
        free(probe->hosts[i].name);
    }
    free(probe->hosts);
    free(probe);
}

int
baton_icmp_probe_add_host(baton_icmp_probe_t *probe, const char *host)
{
    struct icmp_host *h = NULL;

    if ((probe == NULL) || (host == NULL) || (host[0] == '\0')
        || probe->resolved || probe->ran) {
        return EINVAL;
    }
    if (probe->n_hosts >= BATON_ICMP_MAX_HOSTS) {
        return E2BIG;
    }
    if (probe->n_hosts == probe->cap_hosts) {
        size_t cap = (probe->cap_hosts == 0) ? 8 : probe->cap_hosts * 2;
        struct icmp_host *tmp = reallocarray(probe->hosts, cap, sizeof(*tmp));

        baton_assert_alloc(tmp);
        probe->hosts = tmp;
        probe->cap_hosts = cap;
    }
    h = &probe->hosts[probe->n_hosts];
    memset(h, 0, sizeof(*h));
    h->name = strdup(host);
    baton_assert_alloc(h->name);
    probe->n_hosts++;
    return BATON_RC_OK;
}

int
baton_icmp_probe_add_list(baton_icmp_probe_t *probe, const char *list)
{
    static const char seps[] = " \t\r\n,";
    char *copy = NULL;
    char *save = NULL;
    size_t added = 0;
    int rc = BATON_RC_OK;

    if ((probe == NULL) || (list == NULL)) {
        return EINVAL;
    }
    copy = strdup(list);
    baton_assert_alloc(copy);
    for (char *tok = strtok_r(copy, seps, &save);
         (tok != NULL) && (rc == BATON_RC_OK);
         tok = strtok_r(NULL, seps, &save)) {
        rc = baton_icmp_probe_add_host(probe, tok);
        added++;
    }
    free(copy);
    if ((rc == BATON_RC_OK) && (added == 0)) {
        return EINVAL;
    }
    return rc;
}

int
baton_icmp_probe_resolve(baton_icmp_probe_t *probe)
{
    int rc;

    if (probe == NULL) {
        return EINVAL;
    }
    if (probe->resolved) {
        return BATON_RC_OK;
    }
    rc = baton_icmp_resolve_hosts(probe->hosts, probe->n_hosts,
                                  probe->opts.resolve_timeout_ms);
    probe->resolved = true;
    return rc;
}

size_t
baton_icmp_probe_n_hosts(const baton_icmp_probe_t *probe)
{
    return (probe == NULL) ? 0 : probe->n_hosts;
}

static size_t
count_state(const baton_icmp_probe_t *probe, enum baton_icmp_state state)
{
    size_t n = 0;

    for (size_t i = 0; (probe != NULL) && (i < probe->n_hosts); i++) {
        n += (probe->hosts[i].state == state) ? 1 : 0;
    }
    return n;
}

size_t
baton_icmp_probe_n_alive(const baton_icmp_probe_t *probe)
{
    return count_state(probe, BATON_ICMP_ALIVE);
}

size_t
baton_icmp_probe_n_unresolved(const baton_icmp_probe_t *probe)
{
    return count_state(probe, BATON_ICMP_UNRESOLVED);
}

const char *
baton_icmp_probe_host(const baton_icmp_probe_t *probe, size_t i)
{
    return ((probe == NULL) || (i >= probe->n_hosts))
           ? NULL : probe->hosts[i].name;
}

const char *
baton_icmp_probe_addr(const baton_icmp_probe_t *probe, size_t i)
{
    return ((probe == NULL) || (i >= probe->n_hosts))
           ? NULL : probe->hosts[i].addr_text;
}

enum baton_icmp_state
baton_icmp_probe_state(const baton_icmp_probe_t *probe, size_t i)
{
    return ((probe == NULL) || (i >= probe->n_hosts))
           ? BATON_ICMP_PENDING : probe->hosts[i].state;
}

unsigned long
baton_icmp_probe_rtt_us(const baton_icmp_probe_t *probe, size_t i)
{
    return ((probe == NULL) || (i >= probe->n_hosts))
           ? 0 : probe->hosts[i].rtt_us;
}

const char *
baton_icmp_state_str(enum baton_icmp_state state)
{
    switch (state) {
        case BATON_ICMP_PENDING:     return "pending";
        case BATON_ICMP_ALIVE:       return "alive";
        case BATON_ICMP_DEAD:        return "dead";
        case BATON_ICMP_UNRESOLVED:  return "unresolved";
        case BATON_ICMP_UNREACHABLE: return "unreachable";
    }
    return "unknown";
}
