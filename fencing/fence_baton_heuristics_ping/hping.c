/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The ping heuristic of fence_baton_heuristics_ping: probe every target in
 * rounds (all targets at once per round, through lib/icmp), count answers,
 * and stop as soon as the verdict cannot change.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "baton/clock.h"
#include "baton/icmp.h"
#include "baton/log.h"
#include "hping.h"

enum verdict { UNDECIDED = 0, GOOD, BAD };

struct hping_conf {
    unsigned count;
    unsigned good;
    unsigned long interval_ms;
    unsigned long timeout_ms;
    unsigned maxfail;
};

struct hping_target {
    char *host;
    unsigned sent;
    unsigned replies;
    enum verdict verdict;
};

struct hping_run {
    struct hping_target *t;
    size_t n;
};

static unsigned
uparam(baton_fence_t *f, const char *name)
{
    long long v = 0;

    baton_params_get_int(baton_fence_params(f), name, &v);
    return (v < 0) ? 0U : (unsigned) v;
}

static void
read_conf(baton_fence_t *f, struct hping_conf *c)
{
    c->count = uparam(f, "ping_count");
    c->good = uparam(f, "ping_good_count");
    c->interval_ms = baton_fence_param_ms(f, "ping_interval");
    c->timeout_ms = baton_fence_param_ms(f, "ping_timeout");
    c->maxfail = uparam(f, "ping_maxfail");
}

static void
run_free(struct hping_run *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->t[i].host);
    }
    free(r->t);
}

static void
add_target(struct hping_run *r, const char *word, size_t len)
{
    struct hping_target *tmp = NULL;

    /* fence-agents' family prefixes: the address decides the family here */
    if ((len > 6) && (strncmp(word, "inet6:", 6) == 0)) {
        word += 6;
        len -= 6;
    } else if ((len > 5) && (strncmp(word, "inet:", 5) == 0)) {
        word += 5;
        len -= 5;
    }
    tmp = realloc(r->t, (r->n + 1) * sizeof(*tmp));
    baton_assert_alloc(tmp);
    r->t = tmp;
    r->t[r->n] = (struct hping_target) { .host = strndup(word, len) };
    baton_assert_alloc(r->t[r->n].host);
    r->n++;
}

static void
parse_targets(const char *list, struct hping_run *r)
{
    const char *p = list;

    while ((p != NULL) && (*p != '\0')) {
        size_t len;

        p += strspn(p, ", \t");
        len = strcspn(p, ", \t");
        if (len > 0) {
            add_target(r, p, len);
        }
        p += len;
    }
}

static void
judge(const struct hping_conf *c, struct hping_target *t)
{
    if (t->verdict != UNDECIDED) {
        return;
    }
    if (t->replies >= c->good) {
        t->verdict = GOOD;
    } else if (t->replies + (c->count - t->sent) < c->good) {
        t->verdict = BAD;
    }
}

/* One probe of every undecided target, all at once */
static int
probe_round(const struct hping_conf *c, struct hping_run *r,
            baton_reason_t *why)
{
    struct baton_icmp_opts opts = BATON_ICMP_OPTS_INIT;
    baton_icmp_probe_t *probe = NULL;
    size_t *idx = calloc(r->n, sizeof(size_t));
    size_t k = 0;
    int rc;

    baton_assert_alloc(idx);
    opts.attempts = 1;
    opts.timeout_ms = (unsigned) c->timeout_ms;
    opts.resolve_timeout_ms = (unsigned) c->timeout_ms;
    rc = baton_icmp_probe_new(&opts, &probe);
    for (size_t i = 0; (rc == BATON_RC_OK) && (i < r->n); i++) {
        if (r->t[i].verdict == UNDECIDED) {
            idx[k++] = i;
            rc = baton_icmp_probe_add_host(probe, r->t[i].host);
        }
    }
    if (rc == BATON_RC_OK) {
        rc = baton_icmp_probe_run(probe);
    }
    for (size_t j = 0; (rc == BATON_RC_OK) && (j < k); j++) {
        struct hping_target *t = &r->t[idx[j]];
        enum baton_icmp_state st = baton_icmp_probe_state(probe, j);

        t->sent++;
        t->replies += (st == BATON_ICMP_ALIVE) ? 1U : 0U;
        if (st == BATON_ICMP_UNRESOLVED) {
            t->verdict = BAD;
        }
        judge(c, t);
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot probe the ping targets: %s",
                         baton_rc_str(rc));
    }
    baton_icmp_probe_free(probe);
    free(idx);
    return rc;
}

static void
tally(const struct hping_run *r, size_t *bad, size_t *undecided)
{
    *bad = 0;
    *undecided = 0;
    for (size_t i = 0; i < r->n; i++) {
        *bad += (r->t[i].verdict == BAD) ? 1 : 0;
        *undecided += (r->t[i].verdict == UNDECIDED) ? 1 : 0;
    }
}

/* Rounds until every target is decided or the overall verdict is certain */
static int
probe_all(const struct hping_conf *c, struct hping_run *r, size_t *bad,
          baton_reason_t *why)
{
    size_t undecided = r->n;

    for (unsigned round = 0; round < c->count; round++) {
        unsigned long long start = baton_clock_now_ms();
        unsigned long long next = start + c->interval_ms;
        int rc = probe_round(c, r, why);

        if (rc != BATON_RC_OK) {
            return rc;
        }
        tally(r, bad, &undecided);
        if ((undecided == 0) || (*bad > c->maxfail)
            || (*bad + undecided <= c->maxfail)) {
            break;
        }
        if (baton_clock_now_ms() < next) {
            struct timespec ts = { 0, 0 };
            unsigned long long ms = next - baton_clock_now_ms();

            ts.tv_sec = (time_t) (ms / 1000);
            ts.tv_nsec = (long) (ms % 1000) * 1000000L;
            nanosleep(&ts, NULL);
        }
    }
    tally(r, bad, &undecided);
    /* Rounds ran out: an undecided target did not answer often enough */
    *bad += undecided;
    return BATON_RC_OK;
}

static int
hping_heuristic(baton_fence_t *f, const char *action, baton_reason_t *why)
{
    struct hping_conf c;
    struct hping_run r = { NULL, 0 };
    size_t bad = 0;
    int rc;

    if (strcmp(action, BATON_FENCE_ACTION_ON) == 0) {
        return BATON_RC_OK;
    }
    read_conf(f, &c);
    parse_targets(baton_fence_param(f, "ping_targets"), &r);
    rc = probe_all(&c, &r, &bad, why);
    for (size_t i = 0; i < r.n; i++) {
        baton_info("ping target %s answered %u of %u probes%s", r.t[i].host,
                   r.t[i].replies, r.t[i].sent,
                   (r.t[i].verdict == GOOD) ? "" : ": failed");
    }
    if ((rc == BATON_RC_OK) && (bad > c.maxfail)) {
        baton_reason_set(why, "%zu of %zu ping targets failed (ping_maxfail "
                         "%u): this node may be isolated, not fencing", bad,
                         r.n, c.maxfail);
        rc = BATON_RC_FAILED;
    }
    run_free(&r);
    return rc;
}

static int
hping_validate(baton_fence_t *f, baton_reason_t *why)
{
    struct hping_run r = { NULL, 0 };
    struct hping_conf c;
    size_t n;

    read_conf(f, &c);
    parse_targets(baton_s(baton_fence_param(f, "ping_targets"), ""), &r);
    n = r.n;
    run_free(&r);
    if (n == 0) {
        baton_reason_set(why, "ping_targets names no target");
        return BATON_RC_CONFIG;
    }
    if (c.good > c.count) {
        baton_reason_set(why, "ping_good_count (%u) is larger than "
                         "ping_count (%u)", c.good, c.count);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

const struct baton_fence_ops baton_fence_hping_ops = {
    .validate = hping_validate,
    .heuristic = hping_heuristic,
};
