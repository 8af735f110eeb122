/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * IPMI over LAN for fence_baton_ipmilan, in-process through FreeIPMI's
 * library: one session per invocation (IPMI 1.5 or 2.0/RMCP+ with a fixed
 * cipher suite, never probed), chassis status and chassis control.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <freeipmi/freeipmi.h>

#include "baton/log.h"
#include "ipmilan.h"

#define IPMI_DEFAULT_CIPHER   3
#define IPMI_DEFAULT_PORT     623
#define IPMI_KG_MAX           20
#define IPMI_USER_MAX         16
#define IPMI_PASS15_MAX       16
#define IPMI_PASS20_MAX       20
/* Resend a lost request after this long, within the session timeout */
#define IPMI_RETRANSMIT_MS    250U

struct ipmilan_conn {
    ipmi_ctx_t ctx;
    char host[300];                /* for messages */
    unsigned long tmo_ms;          /* session and per-request timeout */
};

static const char *
bmc_address(baton_fence_t *f)
{
    bool as_ip = false;

    baton_params_get_bool(baton_fence_params(f), "port_as_ip", &as_ip);
    if (as_ip) {
        return baton_fence_param(f, "plug");
    }
    return baton_fence_param(f, "ip");
}

static bool
lanplus(baton_fence_t *f)
{
    bool v = false;

    baton_params_get_bool(baton_fence_params(f), "lanplus", &v);
    return v;
}

/* "0a1B.." -> bytes; returns the length or -1 */
static int
parse_kg(const char *hex, unsigned char *kg)
{
    size_t len = strlen(hex);

    if ((strncmp(hex, "0x", 2) == 0) || (strncmp(hex, "0X", 2) == 0)) {
        hex += 2;
        len -= 2;
    }
    if (((len % 2) != 0) || (len / 2 > IPMI_KG_MAX)) {
        return -1;
    }
    for (size_t i = 0; i < len; i += 2) {
        unsigned int byte = 0;

        if (!isxdigit((unsigned char) hex[i])
            || !isxdigit((unsigned char) hex[i + 1])
            || (sscanf(hex + i, "%2x", &byte) != 1)) {
            return -1;
        }
        kg[i / 2] = (unsigned char) byte;
    }
    return (int) (len / 2);
}

static int
ipmilan_validate(baton_fence_t *f, baton_reason_t *why)
{
    const char *host = bmc_address(f);
    const char *user = baton_fence_param(f, "username");
    const char *pw = baton_fence_param(f, "password");
    const char *kg = baton_fence_param(f, "hexadecimal_kg");
    const char *target = baton_fence_param(f, "target");
    size_t pw_max = lanplus(f) ? IPMI_PASS20_MAX : IPMI_PASS15_MAX;
    unsigned char buf[IPMI_KG_MAX];

    if ((host == NULL) || (*host == '\0')) {
        baton_reason_set(why, "Required parameter ip is not set");
        return BATON_RC_CONFIG;
    }
    if ((user != NULL) && (strlen(user) > IPMI_USER_MAX)) {
        baton_reason_set(why, "username is longer than IPMI allows (%d)",
                         IPMI_USER_MAX);
        return BATON_RC_CONFIG;
    }
    if ((pw != NULL) && (strlen(pw) > pw_max)) {
        baton_reason_set(why, "password is longer than IPMI %s allows (%zu)",
                         lanplus(f) ? "2.0" : "1.5", pw_max);
        return BATON_RC_CONFIG;
    }
    if ((kg != NULL) && (*kg != '\0') && (parse_kg(kg, buf) < 0)) {
        baton_reason_set(why, "hexadecimal_kg must be up to %d bytes in "
                         "hexadecimal", IPMI_KG_MAX);
        return BATON_RC_CONFIG;
    }
    if ((target != NULL) && (*target != '\0')
        && (strtoul(target, NULL, 0) > 0xff)) {
        baton_reason_set(why, "target must be an IPMB address (0x00-0xff)");
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
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

static uint8_t
privilege(baton_fence_t *f)
{
    const char *p = baton_s(baton_fence_param(f, "privlvl"), "administrator");

    if (strcmp(p, "callback") == 0) {
        return IPMI_PRIVILEGE_LEVEL_CALLBACK;
    }
    if (strcmp(p, "user") == 0) {
        return IPMI_PRIVILEGE_LEVEL_USER;
    }
    if (strcmp(p, "operator") == 0) {
        return IPMI_PRIVILEGE_LEVEL_OPERATOR;
    }
    return IPMI_PRIVILEGE_LEVEL_ADMIN;
}

static uint8_t
auth_type(baton_fence_t *f)
{
    const char *a = baton_s(baton_fence_param(f, "auth"), "md5");

    if (strcmp(a, "none") == 0) {
        return IPMI_AUTHENTICATION_TYPE_NONE;
    }
    if (strcmp(a, "password") == 0) {
        return IPMI_AUTHENTICATION_TYPE_STRAIGHT_PASSWORD_KEY;
    }
    if (strcmp(a, "md2") == 0) {
        return IPMI_AUTHENTICATION_TYPE_MD2;
    }
    return IPMI_AUTHENTICATION_TYPE_MD5;
}

static void
format_host(baton_fence_t *f, char *buf, size_t len)
{
    const char *host = bmc_address(f);
    long long port = IPMI_DEFAULT_PORT;

    baton_params_get_int(baton_fence_params(f), "ipport", &port);
    if (port == IPMI_DEFAULT_PORT) {
        snprintf(buf, len, "%s", host);
    } else if (strchr(host, ':') != NULL) {
        snprintf(buf, len, "[%s]:%lld", host, port);    /* IPv6 literal */
    } else {
        snprintf(buf, len, "%s:%lld", host, port);
    }
}

static int
open_session(baton_fence_t *f, struct ipmilan_conn *c, const char *pw,
             unsigned int tmo_ms)
{
    const char *user = baton_fence_param(f, "username");
    const char *kg_hex = baton_fence_param(f, "hexadecimal_kg");
    unsigned char kg[IPMI_KG_MAX];
    long long cipher = IPMI_DEFAULT_CIPHER;
    int kg_len = 0;
    int rc;

    if (!lanplus(f)) {
        return ipmi_ctx_open_outofband(c->ctx, c->host, user, pw, auth_type(f),
                                       privilege(f), tmo_ms,
                                       IPMI_RETRANSMIT_MS, 0, 0);
    }
    if ((kg_hex != NULL) && (*kg_hex != '\0')) {
        kg_len = parse_kg(kg_hex, kg);
    }
    baton_params_get_int(baton_fence_params(f), "cipher", &cipher);
    /* Send the requested privilege in Open Session as ipmitool does; BMCs
     * such as OpenIPMI's answer a "highest available" request with 0. */
    rc = ipmi_ctx_open_outofband_2_0(c->ctx, c->host, user, pw,
                                     (kg_len > 0) ? kg : NULL,
                                     (unsigned int) ((kg_len > 0) ? kg_len : 0),
                                     privilege(f), (uint8_t) cipher, tmo_ms,
                                     IPMI_RETRANSMIT_MS,
                                     IPMI_WORKAROUND_FLAGS_OUTOFBAND_2_0_OPEN_SESSION_PRIVILEGE,
                                     0);
    explicit_bzero(kg, sizeof(kg));
    return rc;
}

static int
set_target(baton_fence_t *f, struct ipmilan_conn *c, baton_reason_t *why)
{
    const char *target = baton_fence_param(f, "target");
    uint8_t addr;

    if ((target == NULL) || (*target == '\0')) {
        return BATON_RC_OK;
    }
    addr = (uint8_t) strtoul(target, NULL, 0);
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
    unsigned long tmo_ms = baton_fence_param_ms(f, "login_timeout");
    struct ipmilan_conn *c = calloc(1, sizeof(*c));
    const char *pw = NULL;
    int rc;

    baton_assert_alloc(c);
    format_host(f, c->host, sizeof(c->host));
    rc = baton_fence_password(f, &pw, why);
    if (rc != BATON_RC_OK) {
        goto err_free_conn;
    }
    c->ctx = ipmi_ctx_create();
    baton_assert_alloc(c->ctx);
    tmo_ms = (tmo_ms < 1000) ? 1000 : tmo_ms;
    c->tmo_ms = tmo_ms;
    baton_debug("Opening IPMI %s session with %s", lanplus(f) ? "2.0" : "1.5",
                c->host);
    if (open_session(f, c, pw, (unsigned int) tmo_ms) < 0) {
        rc = ipmi_failure(c, "the session set-up", why);
        goto err_free_conn;
    }
    rc = set_target(f, c, why);
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
    return bmc_address(f);
}

const struct baton_fence_ops baton_fence_ipmilan_ops = {
    .connect = ipmilan_connect,
    .disconnect = ipmilan_disconnect,
    .get_power = ipmilan_get_power,
    .set_power = ipmilan_set_power,
    .cycle = ipmilan_cycle,
    .validate = ipmilan_validate,
    .identity = ipmilan_identity,
};
