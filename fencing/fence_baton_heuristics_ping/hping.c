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

#include "baton/clock.h"
#include "baton/icmp.h"
#include "baton/log.h"
#include "hping.h"

enum verdict { UNDECIDED = 0, GOOD, BAD };

struct hping_target {
    const char *host;              /* borrowed from the configuration */
    unsigned sent;
    unsigned replies;
    enum verdict verdict;
};

struct hping_run {
    struct hping_target *t;
    size_t n;
};

static void
run_new(const struct hping_conf *c, struct hping_run *r)
{
    r->t = calloc(c->n_targets, sizeof(*r->t));
    baton_assert_alloc(r->t);
    r->n = c->n_targets;
    for (size_t i = 0; i < r->n; i++) {
        r->t[i].host = c->targets[i];
    }
}

static void
judge(const struct hping_conf *c, struct hping_target *t)
{
    if (t->verdict != UNDECIDED) {
        return;
    }
    if (t->replies >= c->good_count) {
        t->verdict = GOOD;
    } else if (t->replies + (c->count - t->sent) < c->good_count) {
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
    opts.timeout_ms = c->timeout_s * 1000U;
    opts.resolve_timeout_ms = c->timeout_s * 1000U;
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
    unsigned long long now = 0;

    for (unsigned round = 0; round < c->count; round++) {
        unsigned long long next = baton_clock_now_ms()
                                  + c->interval_s * 1000ULL;
        int rc = probe_round(c, r, why);

        if (rc != BATON_RC_OK) {
            return rc;
        }
        tally(r, bad, &undecided);
        if ((undecided == 0) || (*bad > c->maxfail)
            || (*bad + undecided <= c->maxfail)) {
            break;
        }
        now = baton_clock_now_ms();
        if (now < next) {
            baton_sleep_ms((unsigned long) (next - now));
        }
    }
    tally(r, bad, &undecided);
    /* Rounds ran out: an undecided target did not answer often enough */
    *bad += undecided;
    return BATON_RC_OK;
}

static int
hping_heuristic(baton_fence_t *f, enum baton_fence_act action,
                baton_reason_t *why)
{
    const struct hping_conf *c =
        (const struct hping_conf *) baton_fence_conf(f);
    struct hping_run r = { NULL, 0 };
    size_t bad = 0;
    int rc;

    if (action == BATON_FENCE_ACT_ON) {
        return BATON_RC_OK;
    }
    run_new(c, &r);
    rc = probe_all(c, &r, &bad, why);
    for (size_t i = 0; i < r.n; i++) {
        baton_info("ping target %s answered %u of %u probes%s", r.t[i].host,
                   r.t[i].replies, r.t[i].sent,
                   (r.t[i].verdict == GOOD) ? "" : ": failed");
    }
    if ((rc == BATON_RC_OK) && (bad > c->maxfail)) {
        baton_reason_set(why, "%zu of %zu ping targets failed (ping_maxfail "
                         "%u): this node may be isolated, not fencing", bad,
                         r.n, c->maxfail);
        rc = BATON_RC_FAILED;
    }
    free(r.t);
    return rc;
}

const struct baton_fence_ops baton_fence_hping_ops = {
    .heuristic = hping_heuristic,
};
