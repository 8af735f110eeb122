/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Power sequencing: off then verify off, on then verify on (retry_on
 * times), reboot as off+on or as a verified cycle, with power_wait,
 * power_timeout and delay; status, monitor and list on top of the agent's
 * get/set operations.
 */
#include <stdio.h>
#include <string.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "fence_private.h"

/* First pause between two status checks; doubles up to stonith_status_sleep */
#define BATON_FENCE_FIRST_POLL_MS 20UL
/* The least time a status check gets while waiting for a change: the one
 * that starts when power_timeout runs out (or with power_timeout 0) can
 * still be answered, and the wait overruns power_timeout by no more */
#define BATON_FENCE_POLL_MIN_MS 250UL

static const char *
power_str(enum baton_fence_power p)
{
    switch (p) {
        case BATON_FENCE_POWER_ON:  return "ON";
        case BATON_FENCE_POWER_OFF: return "OFF";
        default:                    return "UNKNOWN";
    }
}

static unsigned long
min_ul(unsigned long a, unsigned long b)
{
    return (a < b) ? a : b;
}

/* The power, within budget_ms (0: the agent's own bound) */
static int
get_power(baton_fence_t *f, unsigned long budget_ms,
          enum baton_fence_power *p, baton_reason_t *why)
{
    *p = BATON_FENCE_POWER_UNKNOWN;
    return f->agent->ops->get_power(f->conn, budget_ms, p, why);
}

/* Poll the status until it is `want` or power_timeout passes; each check
 * is bounded by what remains of power_timeout, so a device that stops
 * answering cannot stretch the wait */
static int
wait_power(baton_fence_t *f, enum baton_fence_power want, baton_reason_t *why)
{
    const struct baton_fence_conf *c = f->conf;
    unsigned long timeout_ms = c->power_timeout_s * 1000UL;
    unsigned long max_pause = c->stonith_status_sleep_s * 1000UL;
    unsigned long long deadline = baton_clock_now_ms() + timeout_ms;
    unsigned long pause = BATON_FENCE_FIRST_POLL_MS;
    baton_reason_t last = BATON_REASON_INIT;

    for (;;) {
        enum baton_fence_power p = BATON_FENCE_POWER_UNKNOWN;
        unsigned long long now = baton_clock_now_ms();
        unsigned long left = (now < deadline) ? (unsigned long) (deadline - now)
                                              : 0;

        baton_reason_clear(&last);
        if (get_power(f, (left > BATON_FENCE_POLL_MIN_MS)
                         ? left : BATON_FENCE_POLL_MIN_MS, &p, &last)
            == BATON_RC_OK) {
            if (p == want) {
                return BATON_RC_OK;
            }
        } else {
            baton_debug("Status check failed while waiting: %s", last.text);
        }
        now = baton_clock_now_ms();
        if (now >= deadline) {
            break;
        }
        baton_sleep_ms(min_ul(pause, (unsigned long) (deadline - now)));
        pause = min_ul(pause * 2, (max_pause > 0) ? max_pause : pause);
    }
    baton_reason_set(why, "Power is not %s after %lu s (power_timeout)%s%s",
                     power_str(want), timeout_ms / 1000,
                     baton_reason_is_set(&last) ? ": " : "", last.text);
    return BATON_RC_TIMEOUT;
}

static int
switch_power(baton_fence_t *f, enum baton_fence_power want,
             baton_reason_t *why)
{
    int rc = f->agent->ops->set_power(f->conn, want, why);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    baton_sleep_ms(f->conf->power_wait_s * 1000UL);
    return wait_power(f, want, why);
}

/* off, verified; *was_off tells whether there was nothing to do */
static int
power_off(baton_fence_t *f, bool *was_off, baton_reason_t *why)
{
    enum baton_fence_power p = BATON_FENCE_POWER_UNKNOWN;
    int rc = get_power(f, 0, &p, why);

    *was_off = false;
    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (p == BATON_FENCE_POWER_OFF) {
        *was_off = true;
        return BATON_RC_OK;
    }
    return switch_power(f, BATON_FENCE_POWER_OFF, why);
}

/* on, verified, up to retry_on attempts */
static int
power_on(baton_fence_t *f, baton_reason_t *why)
{
    unsigned tries = (f->conf->retry_on > 0) ? f->conf->retry_on : 1;
    int rc = BATON_RC_FAILED;

    for (unsigned i = 1; i <= tries; i++) {
        baton_reason_t attempt = BATON_REASON_INIT;

        rc = switch_power(f, BATON_FENCE_POWER_ON, &attempt);
        if (rc == BATON_RC_OK) {
            return rc;
        }
        baton_warn("Power on attempt %u of %u failed: %s", i, tries,
                   attempt.text);
        if (i == tries) {
            baton_reason_set(why, "%s", attempt.text);
        }
    }
    return rc;
}

static int
do_off(baton_fence_t *f, char *result, size_t len, baton_reason_t *why)
{
    bool was_off = false;
    int rc = power_off(f, &was_off, why);

    if (rc == BATON_RC_OK) {
        snprintf(result, len, "Success: %s",
                 was_off ? "Already OFF" : "Powered OFF");
    }
    return rc;
}

static int
do_on(baton_fence_t *f, char *result, size_t len, baton_reason_t *why)
{
    enum baton_fence_power p = BATON_FENCE_POWER_UNKNOWN;
    int rc = get_power(f, 0, &p, why);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (p == BATON_FENCE_POWER_ON) {
        snprintf(result, len, "Success: Already ON");
        return BATON_RC_OK;
    }
    rc = power_on(f, why);
    if (rc == BATON_RC_OK) {
        snprintf(result, len, "Success: Powered ON");
    }
    return rc;
}

/* method=cycle: one cycle command, then the machine must report on */
static int
do_cycle(baton_fence_t *f, char *result, size_t len, baton_reason_t *why)
{
    enum baton_fence_power p = BATON_FENCE_POWER_UNKNOWN;
    int rc = get_power(f, 0, &p, why);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (p == BATON_FENCE_POWER_OFF) {
        /* A cycle does nothing to a machine that is off: it is fenced */
        rc = power_on(f, why);
    } else {
        rc = f->agent->ops->cycle(f->conn, why);
        if (rc == BATON_RC_OK) {
            baton_sleep_ms(f->conf->power_wait_s * 1000UL);
            rc = wait_power(f, BATON_FENCE_POWER_ON, why);
        }
    }
    if (rc == BATON_RC_OK) {
        snprintf(result, len, "Success: Rebooted (power cycle verified ON)");
    }
    return rc;
}

static int
do_reboot(baton_fence_t *f, char *result, size_t len, baton_reason_t *why)
{
    baton_reason_t on_why = BATON_REASON_INIT;
    bool was_off = false;
    int rc;

    if (f->conf->method == BATON_FENCE_REBOOT_CYCLE) {
        if (f->agent->ops->cycle == NULL) {
            baton_reason_set(why, "method=cycle is not supported by %s",
                             f->agent->def->name);
            return BATON_RC_CONFIG;
        }
        return do_cycle(f, result, len, why);
    }
    rc = power_off(f, &was_off, why);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    /* Off is verified: the node is fenced, whatever power on does next */
    if (power_on(f, &on_why) != BATON_RC_OK) {
        baton_warn("Node is fenced (off) but did not power on again: %s",
                   on_why.text);
        snprintf(result, len, "Success: Rebooted (OFF verified; power ON "
                 "not confirmed)");
        return BATON_RC_OK;
    }
    snprintf(result, len, "Success: Rebooted");
    return BATON_RC_OK;
}

static int
do_status(baton_fence_t *f, enum baton_fence_power *power, char *result,
          size_t len, baton_reason_t *why)
{
    int rc = get_power(f, 0, power, why);

    if ((rc == BATON_RC_OK) && (*power == BATON_FENCE_POWER_UNKNOWN)) {
        baton_reason_set(why, "The device reports an unknown power state");
        rc = BATON_RC_FAILED;
    }
    snprintf(result, len, "Status: %s",
             (rc == BATON_RC_OK) ? power_str(*power) : "UNKNOWN");
    return rc;
}

/* One line "id<sep>alias" (list) or "id<sep>alias<sep>status"; the alias
 * is empty, as in fence_ipmilan; the separator is plug_separator */
static int
do_list(baton_fence_t *f, bool with_status, enum baton_fence_power *power,
        char *result, size_t len, baton_reason_t *why)
{
    const char *id = (f->agent->ops->identity != NULL)
                     ? f->agent->ops->identity(f) : f->agent->def->name;
    const char *sep = baton_s(f->conf->plug_separator, ",");
    int rc = BATON_RC_OK;

    if (with_status) {
        rc = get_power(f, 0, power, why);
    }
    if (rc == BATON_RC_OK) {
        snprintf(result, len, "%s%s%s%s", baton_s(id, ""), sep,
                 with_status ? sep : "", with_status ? power_str(*power) : "");
    }
    return rc;
}

static int
do_monitor(baton_fence_t *f, enum baton_fence_power *power, char *result,
           size_t len, baton_reason_t *why)
{
    int rc = get_power(f, 0, power, why);

    if (rc == BATON_RC_OK) {
        snprintf(result, len, "Success: Device answers (power %s)",
                 power_str(*power));
    }
    return rc;
}

/* Actions of an agent that controls power, once connected */
static int
run_power_action(baton_fence_t *f, enum baton_fence_power *power,
                 char *result, size_t len, baton_reason_t *why)
{
    switch (f->conf->action) {
        case BATON_FENCE_ACT_OFF:
            return do_off(f, result, len, why);
        case BATON_FENCE_ACT_ON:
            return do_on(f, result, len, why);
        case BATON_FENCE_ACT_REBOOT:
            return do_reboot(f, result, len, why);
        case BATON_FENCE_ACT_STATUS:
            return do_status(f, power, result, len, why);
        case BATON_FENCE_ACT_LIST_STATUS:
            return do_list(f, true, power, result, len, why);
        case BATON_FENCE_ACT_MONITOR:
            return do_monitor(f, power, result, len, why);
        default:
            baton_reason_set(why, "Action %s is not supported by %s",
                             baton_fence_action(f), f->agent->def->name);
            return BATON_RC_UNIMPLEMENTED;
    }
}

static bool
is_fencing(enum baton_fence_act action)
{
    return (action == BATON_FENCE_ACT_OFF)
           || (action == BATON_FENCE_ACT_REBOOT);
}

static int
run_heuristic(baton_fence_t *f, char *result, size_t len,
              baton_reason_t *why)
{
    enum baton_fence_act action = f->conf->action;
    int rc;

    if (action == BATON_FENCE_ACT_MONITOR) {
        snprintf(result, len, "Success: Parameters are valid");
        return BATON_RC_OK;
    }
    if (!is_fencing(action) && (action != BATON_FENCE_ACT_ON)) {
        baton_reason_set(why, "Action %s is not supported by %s",
                         baton_fence_action(f), f->agent->def->name);
        return BATON_RC_UNIMPLEMENTED;
    }
    rc = f->agent->ops->heuristic(f, action, why);
    if (rc == BATON_RC_OK) {
        snprintf(result, len, "Success: %s allowed by the heuristic",
                 baton_fence_action(f));
    }
    return rc;
}

int
baton_fence_run(baton_fence_t *f, enum baton_fence_power *power,
                char *result, size_t result_len, baton_reason_t *why)
{
    int rc = BATON_RC_OK;

    *power = BATON_FENCE_POWER_UNKNOWN;
    result[0] = '\0';
    if (!f->validated) {
        rc = baton_fence_validate(f, why);
        if (rc != BATON_RC_OK) {
            return rc;
        }
    }
    if (f->conf->action == BATON_FENCE_ACT_VALIDATE) {
        snprintf(result, result_len, "Success: Parameters are valid");
        return BATON_RC_OK;
    }
    if (is_fencing(f->conf->action)) {
        baton_sleep_ms(f->conf->delay_s * 1000UL);
    }
    if (f->agent->ops->heuristic != NULL) {
        return run_heuristic(f, result, result_len, why);
    }
    if (f->conf->action == BATON_FENCE_ACT_LIST) {
        return do_list(f, false, power, result, result_len, why);
    }
    rc = baton_fence_connect(f, why);
    if (rc == BATON_RC_OK) {
        rc = run_power_action(f, power, result, result_len, why);
    }
    baton_fence_disconnect(f);
    return rc;
}
