/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * IPMI over LAN for fence_baton_ipmilan, in-process through FreeIPMI's
 * library: one session per invocation (IPMI 1.5 or 2.0/RMCP+ with a fixed
 * cipher suite, never probed), chassis status and chassis control.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <freeipmi/freeipmi.h>

#include "baton/log.h"
#include "ipmilan.h"

#define IPMI_DEFAULT_CIPHER   3
#define IPMI_DEFAULT_PORT     623
/* Resend a lost request after this long, within the session timeout */
#define IPMI_RETRANSMIT_MS    250U

struct ipmilan_conn {
    ipmi_ctx_t ctx;
    char host[300];                /* for messages */
    unsigned long tmo_ms;          /* session and per-request timeout */
};

static const struct ipmilan_conf *
conf_of(baton_fence_t *f)
{
    return (const struct ipmilan_conf *) baton_fence_conf(f);
}

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

    if (c == NULL) {
        return;
    }
    if (c->ctx != NULL) {
        ipmi_ctx_close(c->ctx);
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

static int
ipmilan_get_power(void *conn, enum baton_fence_power *power,
                  baton_reason_t *why)
{
    struct ipmilan_conn *c = conn;
    fiid_obj_t rs = fiid_obj_create(tmpl_cmd_get_chassis_status_rs);
    uint64_t on = 0;
    int rc = BATON_RC_OK;

    baton_assert_alloc(rs);
    if (ipmi_cmd_get_chassis_status(c->ctx, rs) < 0) {
        rc = ipmi_failure(c, "Get Chassis Status", why);
    } else if (fiid_obj_get(rs, "current_power_state.power_is_on", &on) < 0) {
        baton_reason_set(why, "BMC %s: malformed chassis status", c->host);
        rc = BATON_RC_PROTOCOL;
    } else {
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
