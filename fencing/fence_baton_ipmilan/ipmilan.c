/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * IPMI over LAN for fence_baton_ipmilan, in-process through FreeIPMI's
 * library: one session per invocation (IPMI 1.5 or 2.0/RMCP+ with a fixed
 * cipher suite, never probed), chassis status and chassis control.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <freeipmi/freeipmi.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "ipmilan.h"

#define IPMI_DEFAULT_CIPHER   3
#define IPMI_DEFAULT_PORT     623
/* Resend a lost request after this long, within the session timeout */
#define IPMI_RETRANSMIT_MS    250U
/* After a request was cut short, how long Close Session may take */
#define IPMI_CLOSE_AFTER_CUT_MS IPMI_RETRANSMIT_MS
/* A cut-short request is interrupted again this often until it returns */
#define IPMI_CUT_REPEAT_MS    20U

struct ipmilan_conn {
    ipmi_ctx_t ctx;
    char host[300];                /* for messages */
    unsigned long tmo_ms;          /* session and per-request timeout */
    bool cut;                      /* a request was cut short */
};

static const struct ipmilan_conf *
conf_of(baton_fence_t *f)
{
    return (const struct ipmilan_conf *) baton_fence_conf(f);
}

/* ------------------------------------------------------------------ */
/* A bound on one request, shorter than the session timeout.
 *
 * FreeIPMI waits for an answer up to the session timeout given when the
 * session was opened (login_timeout) and cannot shorten it for a single
 * request. A status check near the end of power_timeout must not outlive
 * it, so an interval timer interrupts FreeIPMI's select() (SIGALRM with a
 * handler installed without SA_RESTART): the request then fails at once.
 * The timer repeats, in case a signal lands outside select(). */

struct request_bound {
    struct sigaction old_action;
    bool armed;
};

static void
on_request_alarm(int sig)
{
    (void) sig;     /* the interruption is the whole point */
}

static void
request_bound_begin(struct request_bound *b, unsigned long ms)
{
    struct sigaction sa;
    struct itimerval t = {
        .it_value = { .tv_sec = (time_t) (ms / 1000),
                      .tv_usec = (suseconds_t) ((ms % 1000) * 1000) },
        .it_interval = { .tv_sec = 0,
                         .tv_usec = IPMI_CUT_REPEAT_MS * 1000 },
    };

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_request_alarm;
    sigemptyset(&sa.sa_mask);
    if (ms == 0) {
        t.it_value.tv_usec = 1000;     /* 0 would disarm the timer */
    }
    b->armed = (sigaction(SIGALRM, &sa, &b->old_action) == 0);
    if (b->armed && (setitimer(ITIMER_REAL, &t, NULL) != 0)) {
        sigaction(SIGALRM, &b->old_action, NULL);
        b->armed = false;
    }
}

static void
request_bound_end(struct request_bound *b)
{
    const struct itimerval off = { { 0, 0 }, { 0, 0 } };

    if (!b->armed) {
        return;
    }
    /* A signal still pending is delivered when setitimer returns, to the
     * harmless handler, before the old action is back */
    setitimer(ITIMER_REAL, &off, NULL);
    sigaction(SIGALRM, &b->old_action, NULL);
    b->armed = false;
}

/* ------------------------------------------------------------------ */

/* FreeIPMI's error for the context -> rc and one reason line */
static int
ipmi_failure(struct ipmilan_conn *c, const char *what, baton_reason_t *why)
{
    int e = ipmi_ctx_errnum(c->ctx);
    const char *msg = ipmi_ctx_errormsg(c->ctx);

    switch (e) {
        case IPMI_ERR_USERNAME_INVALID:
        case IPMI_ERR_PASSWORD_INVALID:
        case IPMI_ERR_K_G_INVALID:
        case IPMI_ERR_PASSWORD_VERIFICATION_TIMEOUT:
        case IPMI_ERR_PRIVILEGE_LEVEL_INSUFFICIENT:
        case IPMI_ERR_PRIVILEGE_LEVEL_CANNOT_BE_OBTAINED:
            baton_reason_set(why, "BMC %s refused the login: %s", c->host,
                             msg);
            return BATON_RC_AUTH;
        case IPMI_ERR_CONNECTION_TIMEOUT:
        case IPMI_ERR_SESSION_TIMEOUT:
        case IPMI_ERR_MESSAGE_TIMEOUT:
            baton_reason_set(why, "BMC %s did not answer %s within %lu s "
                             "(login_timeout)", c->host, what,
                             c->tmo_ms / 1000);
            return BATON_RC_TIMEOUT;
        case IPMI_ERR_HOSTNAME_INVALID:
            baton_reason_set(why, "Cannot resolve BMC address %s", c->host);
            return BATON_RC_RESOLVE;
        default:
            baton_reason_set(why, "BMC %s: %s failed: %s", c->host, what, msg);
            return BATON_RC_PROTOCOL;
    }
}

static void
format_host(const struct ipmilan_conf *cf, char *buf, size_t len)
{
    if (cf->ipport == IPMI_DEFAULT_PORT) {
        snprintf(buf, len, "%s", cf->host);
    } else if (strchr(cf->host, ':') != NULL) {
        snprintf(buf, len, "[%s]:%u", cf->host, cf->ipport); /* IPv6 */
    } else {
        snprintf(buf, len, "%s:%u", cf->host, cf->ipport);
    }
}

static int
open_session(const struct ipmilan_conf *cf, struct ipmilan_conn *c,
             const char *pw, unsigned int tmo_ms)
{
    const char *user = cf->common.username;

    if (!cf->lanplus) {
        return ipmi_ctx_open_outofband(c->ctx, c->host, user, pw,
                                       (uint8_t) (cf->has_auth
                                           ? cf->auth
                                           : IPMI_AUTHENTICATION_TYPE_MD5),
                                       (uint8_t) cf->privlvl, tmo_ms,
                                       IPMI_RETRANSMIT_MS, 0, 0);
    }
    /* Send the requested privilege in Open Session as ipmitool does; BMCs
     * such as OpenIPMI's answer a "highest available" request with 0. */
    return ipmi_ctx_open_outofband_2_0(c->ctx, c->host, user, pw,
                                       (cf->kg.len > 0) ? cf->kg.key : NULL,
                                       (unsigned int) cf->kg.len,
                                       (uint8_t) cf->privlvl,
                                       cf->has_cipher ? cf->cipher
                                                      : IPMI_DEFAULT_CIPHER,
                                       tmo_ms, IPMI_RETRANSMIT_MS,
                                       IPMI_WORKAROUND_FLAGS_OUTOFBAND_2_0_OPEN_SESSION_PRIVILEGE,
                                       0);
}

static int
set_target(const struct ipmilan_conf *cf, struct ipmilan_conn *c,
           baton_reason_t *why)
{
    uint8_t addr = cf->target;

    if (!cf->has_target) {
        return BATON_RC_OK;
    }
    if (ipmi_ctx_set_target(c->ctx, NULL, &addr) < 0) {
        return ipmi_failure(c, "setting the bridge target", why);
    }
    return BATON_RC_OK;
}

static void
ipmilan_disconnect(void *conn)
{
    struct ipmilan_conn *c = conn;
    struct request_bound b = { .armed = false };

    if (c == NULL) {
        return;
    }
    if (c->ctx != NULL) {
        /* Close Session waits for its answer up to the session timeout;
         * a BMC that let a request go unanswered gets a short one (it
         * ends the session itself when it times out) */
        if (c->cut) {
            request_bound_begin(&b, IPMI_CLOSE_AFTER_CUT_MS);
        }
        ipmi_ctx_close(c->ctx);
        request_bound_end(&b);
        ipmi_ctx_destroy(c->ctx);
    }
    free(c);
}

static int
ipmilan_connect(baton_fence_t *f, void **conn, baton_reason_t *why)
{
    const struct ipmilan_conf *cf = conf_of(f);
    unsigned long tmo_ms = cf->common.login_timeout_s * 1000UL;
    struct ipmilan_conn *c = calloc(1, sizeof(*c));
    const char *pw = NULL;
    int rc;

    baton_assert_alloc(c);
    format_host(cf, c->host, sizeof(c->host));
    rc = baton_fence_password(f, &pw, why);
    if (rc == BATON_RC_OK) {
        /* password_script's output is known only now */
        rc = ipmilan_check_password(cf, pw, why);
    }
    if (rc != BATON_RC_OK) {
        goto err_free_conn;
    }
    c->ctx = ipmi_ctx_create();
    baton_assert_alloc(c->ctx);
    tmo_ms = (tmo_ms < 1000) ? 1000 : tmo_ms;
    c->tmo_ms = tmo_ms;
    baton_debug("Opening IPMI %s session with %s", cf->lanplus ? "2.0" : "1.5",
                c->host);
    if (open_session(cf, c, pw, (unsigned int) tmo_ms) < 0) {
        rc = ipmi_failure(c, "the session set-up", why);
        goto err_free_conn;
    }
    rc = set_target(cf, c, why);
    if (rc != BATON_RC_OK) {
        goto err_free_conn;
    }
    *conn = c;
    return BATON_RC_OK;

err_free_conn:
    ipmilan_disconnect(c);
    return rc;
}

/* Get Chassis Status, cut short after bound_ms when that is shorter than
 * the session's own timeout */
static int
chassis_status(struct ipmilan_conn *c, fiid_obj_t rs, unsigned long bound_ms,
               baton_reason_t *why)
{
    bool bounded = (bound_ms > 0) && (bound_ms < c->tmo_ms);
    unsigned long long start = baton_clock_now_ms();
    struct request_bound b = { .armed = false };
    int ret;

    if (bounded) {
        request_bound_begin(&b, bound_ms);
    }
    ret = ipmi_cmd_get_chassis_status(c->ctx, rs);
    request_bound_end(&b);
    if (ret >= 0) {
        return BATON_RC_OK;
    }
    if (bounded && (baton_clock_now_ms() - start >= bound_ms)) {
        c->cut = true;
        baton_reason_set(why, "BMC %s did not answer Get Chassis Status "
                         "within %lu ms (the rest of power_timeout)",
                         c->host, bound_ms);
        return BATON_RC_TIMEOUT;
    }
    return ipmi_failure(c, "Get Chassis Status", why);
}

static int
ipmilan_get_power(void *conn, unsigned long budget_ms,
                  enum baton_fence_power *power, baton_reason_t *why)
{
    struct ipmilan_conn *c = conn;
    fiid_obj_t rs = fiid_obj_create(tmpl_cmd_get_chassis_status_rs);
    uint64_t on = 0;
    int rc;

    baton_assert_alloc(rs);
    rc = chassis_status(c, rs, budget_ms, why);
    if ((rc == BATON_RC_OK)
        && (fiid_obj_get(rs, "current_power_state.power_is_on", &on) < 0)) {
        baton_reason_set(why, "BMC %s: malformed chassis status", c->host);
        rc = BATON_RC_PROTOCOL;
    }
    if (rc == BATON_RC_OK) {
        *power = (on != 0) ? BATON_FENCE_POWER_ON : BATON_FENCE_POWER_OFF;
    }
    fiid_obj_destroy(rs);
    return rc;
}

static int
chassis_control(struct ipmilan_conn *c, uint8_t what, const char *name,
                baton_reason_t *why)
{
    fiid_obj_t rs = fiid_obj_create(tmpl_cmd_chassis_control_rs);
    int rc = BATON_RC_OK;

    baton_assert_alloc(rs);
    baton_info("Chassis control %s to %s", name, c->host);
    if (ipmi_cmd_chassis_control(c->ctx, what, rs) < 0) {
        rc = ipmi_failure(c, name, why);
    }
    fiid_obj_destroy(rs);
    return rc;
}

static int
ipmilan_set_power(void *conn, enum baton_fence_power power,
                  baton_reason_t *why)
{
    if (power == BATON_FENCE_POWER_ON) {
        return chassis_control(conn, IPMI_CHASSIS_CONTROL_POWER_UP,
                               "power up", why);
    }
    return chassis_control(conn, IPMI_CHASSIS_CONTROL_POWER_DOWN,
                           "power down", why);
}

static int
ipmilan_cycle(void *conn, baton_reason_t *why)
{
    return chassis_control(conn, IPMI_CHASSIS_CONTROL_POWER_CYCLE,
                           "power cycle", why);
}

static const char *
ipmilan_identity(baton_fence_t *f)
{
    return conf_of(f)->host;
}

const struct baton_fence_ops baton_fence_ipmilan_ops = {
    .connect = ipmilan_connect,
    .disconnect = ipmilan_disconnect,
    .get_power = ipmilan_get_power,
    .set_power = ipmilan_set_power,
    .cycle = ipmilan_cycle,
    .identity = ipmilan_identity,
};
