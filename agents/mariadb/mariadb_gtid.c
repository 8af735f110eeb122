/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:mariadb: GTID lists ("0-1-100,1-2-7": domain, server, sequence
 * number) and their order. Positions are compared per replication domain:
 * one node holds everything another holds when, in every domain the other
 * has, it has the same or a later sequence number. The same sequence number
 * from two servers names two different transactions: the histories
 * diverged.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/rc.h"
#include "mariadb.h"

static const char gtid_space[] = " \t\r\n";

/* One unsigned number of at most \p max, advancing \p p */
static bool
number(const char **p, uint64_t max, uint64_t *out)
{
    char *end = NULL;
    unsigned long long v;

    if ((**p < '0') || (**p > '9')) {
        return false;
    }
    errno = 0;
    v = strtoull(*p, &end, 10);
    if ((errno != 0) || (v > max)) {
        return false;
    }
    *out = v;
    *p = end;
    return true;
}

static bool
parse_one(const char **p, struct maria_gtid *g)
{
    uint64_t d = 0;
    uint64_t s = 0;
    uint64_t n = 0;

    if (!number(p, UINT32_MAX, &d) || (*(*p)++ != '-')
        || !number(p, UINT32_MAX, &s) || (*(*p)++ != '-')
        || !number(p, UINT64_MAX, &n)) {
        return false;
    }
    g->domain = (uint32_t) d;
    g->server = (uint32_t) s;
    g->seq = n;
    return true;
}

int
maria_gtid_parse(const char *text, struct maria_gtid_list *list)
{
    const char *p = text;

    list->n = 0;
    if (text == NULL) {
        return BATON_RC_PROTOCOL;
    }
    p += strspn(p, gtid_space);
    while (*p != '\0') {
        if ((list->n == MARIA_GTID_MAX) || !parse_one(&p, &list->g[list->n])) {
            list->n = 0;
            return BATON_RC_PROTOCOL;
        }
        list->n++;
        p += strspn(p, gtid_space);
        if (*p == ',') {
            p++;
            p += strspn(p, gtid_space);
            if (*p == '\0') {
                list->n = 0;
                return BATON_RC_PROTOCOL;
            }
        } else if (*p != '\0') {
            list->n = 0;
            return BATON_RC_PROTOCOL;
        }
    }
    return BATON_RC_OK;
}

void
maria_gtid_format(const struct maria_gtid_list *list, char *buf,
                  size_t size)
{
    size_t used = 0;

    if (size == 0) {
        return;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < list->n; i++) {
        int w = snprintf(buf + used, size - used, "%s%" PRIu32 "-%" PRIu32
                         "-%" PRIu64, (i > 0) ? "," : "", list->g[i].domain,
                         list->g[i].server, list->g[i].seq);

        if ((w < 0) || ((size_t) w >= size - used)) {
            return;
        }
        used += (size_t) w;
    }
}

static struct maria_gtid *
find_domain(struct maria_gtid_list *l, uint32_t domain)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->g[i].domain == domain) {
            return &l->g[i];
        }
    }
    return NULL;
}

void
maria_gtid_merge(struct maria_gtid_list *a, const struct maria_gtid_list *b)
{
    for (size_t i = 0; i < b->n; i++) {
        struct maria_gtid *mine = find_domain(a, b->g[i].domain);

        if (mine == NULL) {
            if (a->n < MARIA_GTID_MAX) {
                a->g[a->n++] = b->g[i];
            }
        } else if (b->g[i].seq > mine->seq) {
            *mine = b->g[i];
        }
    }
}

/* A position with one GTID per domain (the highest) */
static void
normalise(const struct maria_gtid_list *in, struct maria_gtid_list *out)
{
    out->n = 0;
    maria_gtid_merge(out, in);
}

/* Whether \p a has something \p b lacks; \p conflict: one sequence
 * number of a domain names two transactions */
static bool
has_more(struct maria_gtid_list *a, struct maria_gtid_list *b,
         bool *conflict)
{
    bool more = false;

    for (size_t i = 0; i < a->n; i++) {
        const struct maria_gtid *other = find_domain(b, a->g[i].domain);

        if ((other == NULL) || (a->g[i].seq > other->seq)) {
            more = true;
        } else if ((a->g[i].seq == other->seq)
                   && (a->g[i].server != other->server)) {
            *conflict = true;
        }
    }
    return more;
}

enum maria_gtid_order
maria_gtid_cmp(const struct maria_gtid_list *a,
               const struct maria_gtid_list *b)
{
    struct maria_gtid_list na;
    struct maria_gtid_list nb;
    bool conflict = false;
    bool a_more;
    bool b_more;

    normalise(a, &na);
    normalise(b, &nb);
    a_more = has_more(&na, &nb, &conflict);
    b_more = has_more(&nb, &na, &conflict);
    if (conflict || (a_more && b_more)) {
        return MARIA_GTID_DIVERGED;
    }
    if (a_more) {
        return MARIA_GTID_AHEAD;
    }
    return b_more ? MARIA_GTID_BEHIND : MARIA_GTID_EQUAL;
}

bool
maria_gtid_covers(const struct maria_gtid_list *a,
                  const struct maria_gtid_list *b)
{
    enum maria_gtid_order o = maria_gtid_cmp(a, b);

    return (o == MARIA_GTID_EQUAL) || (o == MARIA_GTID_AHEAD);
}

/* Whether \p known has \p g or a later GTID of its domain and server */
static bool
known_by_server(const struct maria_gtid *g,
                const struct maria_gtid_list *known)
{
    for (size_t j = 0; j < known->n; j++) {
        if ((known->g[j].domain == g->domain)
            && (known->g[j].server == g->server)
            && (known->g[j].seq >= g->seq)) {
            return true;
        }
    }
    return false;
}

bool
maria_gtid_errant(const struct maria_gtid_list *local,
                  const struct maria_gtid_list *known,
                  struct maria_gtid *errant)
{
    for (size_t i = 0; i < local->n; i++) {
        const struct maria_gtid *l = &local->g[i];
        /* a later transaction of the same server and domain implies the
         * earlier ones: each server's GTIDs of a domain are in order */
        bool seen = known_by_server(l, known);

        /* so does a later transaction of the domain that the primary has,
         * whichever server wrote it (strict mode: one sequence a domain),
         * when the primary's state no longer names every server */
        for (size_t j = 0; (j < local->n) && !seen; j++) {
            seen = (local->g[j].domain == l->domain)
                   && (local->g[j].seq > l->seq)
                   && known_by_server(&local->g[j], known);
        }
        if (!seen) {
            *errant = *l;
            return true;
        }
    }
    return false;
}
