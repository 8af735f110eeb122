/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Resolving a probe's hosts once, all names at once, with a bounded wait.
 *
 * IP literals are parsed with AI_NUMERICHOST (no resolver involved). Names
 * are looked up with getaddrinfo() by a few worker threads while the caller
 * waits on a condition variable up to the deadline. Workers that finished
 * are joined; a lookup still running at the deadline is abandoned: its
 * host counts as unresolved, the worker is detached, and the shared state
 * is reference-counted so the last of caller and workers frees it.
 * (getaddrinfo_a() would do the same, but its idle helper threads leave
 * per-thread resolver state that valgrind and LeakSanitizer report.)
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <arpa/inet.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "icmp_private.h"

static void
store_addr(struct icmp_host *h, const struct addrinfo *ai)
{
    char text[INET6_ADDRSTRLEN] = "";
    const void *src = NULL;

    memcpy(&h->addr, ai->ai_addr, ai->ai_addrlen);
    h->addr_len = ai->ai_addrlen;
    if (ai->ai_family == AF_INET6) {
        src = &((const struct sockaddr_in6 *) ai->ai_addr)->sin6_addr;
    } else {
        src = &((const struct sockaddr_in *) ai->ai_addr)->sin_addr;
    }
    inet_ntop(ai->ai_family, src, text, sizeof(text));
    snprintf(h->addr_text, sizeof(h->addr_text), "%s", text);
    h->resolved = true;
}

/* "[2001:db8::1]" -> "2001:db8::1"; caller frees */
static char *
strip_brackets(const char *name)
{
    size_t len = strlen(name);

    if ((len > 2) && (name[0] == '[') && (name[len - 1] == ']')) {
        return strndup(name + 1, len - 2);
    }
    return strdup(name);
}

/* Lookups run at once, at most */
#define RESOLVE_WORKERS 8

static const struct addrinfo icmp_hints = {
    .ai_family = AF_UNSPEC,
    .ai_socktype = SOCK_DGRAM,   /* one entry per address */
};

/* A literal: resolved in place, without the resolver */
static bool
resolve_literal(struct icmp_host *h, const char *node)
{
    struct addrinfo hints = icmp_hints;
    struct addrinfo *res = NULL;

    hints.ai_flags = AI_NUMERICHOST;
    if ((getaddrinfo(node, NULL, &hints, &res) != 0) || (res == NULL)) {
        return false;
    }
    store_addr(h, res);
    freeaddrinfo(res);
    return true;
}

/* Shared by the caller and the workers; the last one out frees it */
struct resolver {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t n;           /* lookups */
    size_t next;        /* next lookup to take */
    size_t done;        /* lookups finished */
    size_t refs;        /* workers still running + the caller */
    struct lookup {
        char *node;
        size_t host;
        struct addrinfo *res;
        int gai;
        bool finished;
    } *jobs;
};

static void
resolver_unref(struct resolver *r)
{
    bool last;

    pthread_mutex_lock(&r->mu);
    last = (--r->refs == 0);
    pthread_mutex_unlock(&r->mu);
    if (!last) {
        return;
    }
    for (size_t i = 0; i < r->n; i++) {
        if (r->jobs[i].res != NULL) {
            freeaddrinfo(r->jobs[i].res);
        }
        free(r->jobs[i].node);
    }
    pthread_cond_destroy(&r->cv);
    pthread_mutex_destroy(&r->mu);
    free(r->jobs);
    free(r);
}

static void *
resolver_worker(void *arg)
{
    struct resolver *r = arg;

    pthread_mutex_lock(&r->mu);
    while (r->next < r->n) {
        struct lookup *j = &r->jobs[r->next++];
        struct addrinfo *res = NULL;
        int gai;

        pthread_mutex_unlock(&r->mu);
        gai = getaddrinfo(j->node, NULL, &icmp_hints, &res);
        pthread_mutex_lock(&r->mu);
        j->res = res;
        j->gai = gai;
        j->finished = true;
        r->done++;
        pthread_cond_broadcast(&r->cv);
    }
    pthread_mutex_unlock(&r->mu);
    resolver_unref(r);
    return NULL;
}

static struct resolver *
resolver_new(size_t n)
{
    struct resolver *r = calloc(1, sizeof(*r));
    pthread_condattr_t ca;

    baton_assert_alloc(r);
    r->jobs = calloc(n, sizeof(*r->jobs));
    baton_assert_alloc(r->jobs);
    r->n = n;
    r->refs = 1;
    pthread_mutex_init(&r->mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&r->cv, &ca);
    pthread_condattr_destroy(&ca);
    return r;
}

/* Start up to RESOLVE_WORKERS threads; returns how many started */
static size_t
resolver_start(struct resolver *r, pthread_t *tids)
{
    size_t want = (r->n < RESOLVE_WORKERS) ? r->n : RESOLVE_WORKERS;
    size_t started = 0;

    for (size_t i = 0; i < want; i++) {
        pthread_mutex_lock(&r->mu);
        r->refs++;
        pthread_mutex_unlock(&r->mu);
        if (pthread_create(&tids[started], NULL, resolver_worker, r) != 0) {
            pthread_mutex_lock(&r->mu);
            r->refs--;
            pthread_mutex_unlock(&r->mu);
            break;
        }
        started++;
    }
    return started;
}

/* Wait until every lookup finished or the deadline passed; then copy what
 * is known into the hosts. Called with r->mu held. */
static bool
resolver_wait(struct resolver *r, struct icmp_host *hosts,
              unsigned timeout_ms)
{
    uint64_t end_us = baton_clock_now_us() + (uint64_t) timeout_ms * 1000;
    struct timespec ts = {
        .tv_sec = (time_t) (end_us / 1000000),
        .tv_nsec = (long) ((end_us % 1000000) * 1000),
    };

    while ((r->done < r->n)
           && (pthread_cond_timedwait(&r->cv, &r->mu, &ts) != ETIMEDOUT)) {
        continue;
    }
    r->next = r->n;    /* workers take no more lookups */
    for (size_t i = 0; i < r->n; i++) {
        struct lookup *j = &r->jobs[i];
        struct icmp_host *h = &hosts[j->host];

        if (j->finished && (j->gai == 0) && (j->res != NULL)) {
            store_addr(h, j->res);
            continue;
        }
        h->state = BATON_ICMP_UNRESOLVED;
        baton_debug("Cannot resolve %s: %s", h->name,
                    j->finished ? gai_strerror(j->gai) : "timed out");
    }
    return r->done == r->n;
}

static int
resolve_names(struct icmp_host *hosts, struct resolver *r,
              unsigned timeout_ms)
{
    pthread_t tids[RESOLVE_WORKERS];
    size_t started = resolver_start(r, tids);
    bool all_done;

    if (started == 0) {
        for (size_t i = 0; i < r->n; i++) {
            hosts[r->jobs[i].host].state = BATON_ICMP_UNRESOLVED;
        }
        resolver_unref(r);
        return EAGAIN;
    }
    pthread_mutex_lock(&r->mu);
    all_done = resolver_wait(r, hosts, timeout_ms);
    pthread_mutex_unlock(&r->mu);
    for (size_t i = 0; i < started; i++) {
        /* finished workers are reaped; a stuck one is left to finish alone */
        if (all_done) {
            pthread_join(tids[i], NULL);
        } else {
            pthread_detach(tids[i]);
        }
    }
    if (!all_done) {
        baton_warn("Name resolution did not finish within %u ms", timeout_ms);
    }
    resolver_unref(r);
    return BATON_RC_OK;
}
int
baton_icmp_resolve_hosts(struct icmp_host *hosts, size_t n,
                         unsigned timeout_ms)
{
    struct resolver *r = resolver_new((n > 0) ? n : 1);
    size_t n_names = 0;

    for (size_t i = 0; i < n; i++) {
        char *node = strip_brackets(hosts[i].name);

        baton_assert_alloc(node);
        if (resolve_literal(&hosts[i], node)) {
            free(node);
            continue;
        }
        r->jobs[n_names].node = node;
        r->jobs[n_names].host = i;
        n_names++;
    }
    r->n = n_names;
    if (n_names == 0) {
        resolver_unref(r);
        return BATON_RC_OK;
    }
    return resolve_names(hosts, r, timeout_ms);
}
