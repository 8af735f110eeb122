/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fence_baton_ipmilan's table: fence_ipmilan's option names, plus the
 * standard fence parameters from the runtime, parsed once into struct
 * ipmilan_conf; the parsers of its own values and the rules that tie them
 * together.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <freeipmi/spec/ipmi-authentication-type-spec.h>
#include <freeipmi/spec/ipmi-privilege-level-spec.h>

#include "config.h"
#include "ipmilan.h"

#define IPMI_USER_MAX         16
#define IPMI_PASS15_MAX       16
#define IPMI_PASS20_MAX       20
#define IPMB_ADDR_MAX         0xff

#define C(member_) BATON_FIELD(struct ipmilan_conf, member_)

static const char *const privlvls[] = {
    "callback", "user", "operator", "administrator", NULL,
};
static const int privlvl_values[] = {
    IPMI_PRIVILEGE_LEVEL_CALLBACK, IPMI_PRIVILEGE_LEVEL_USER,
    IPMI_PRIVILEGE_LEVEL_OPERATOR, IPMI_PRIVILEGE_LEVEL_ADMIN,
};
static const char *const auths[] = { "md5", "md2", "password", "none", NULL };
static const int auth_values[] = {
    IPMI_AUTHENTICATION_TYPE_MD5, IPMI_AUTHENTICATION_TYPE_MD2,
    IPMI_AUTHENTICATION_TYPE_STRAIGHT_PASSWORD_KEY,
    IPMI_AUTHENTICATION_TYPE_NONE,
};

/* hexadecimal_kg: "0a1B..." (optionally 0x-prefixed) into key bytes */
static int
kg_param_parse(const char *value, void *field, baton_reason_t *why)
{
    struct ipmilan_kg *kg = field;
    const char *hex = value;
    size_t len = strlen(hex);

    if ((strncmp(hex, "0x", 2) == 0) || (strncmp(hex, "0X", 2) == 0)) {
        hex += 2;
        len -= 2;
    }
    if (((len % 2) != 0) || (len / 2 > IPMILAN_KG_MAX)) {
        goto err_not_kg;
    }
    for (size_t i = 0; i < len; i += 2) {
        unsigned int byte = 0;

        if (!isxdigit((unsigned char) hex[i])
            || !isxdigit((unsigned char) hex[i + 1])
            || (sscanf(hex + i, "%2x", &byte) != 1)) {
            goto err_not_kg;
        }
        kg->key[i / 2] = (unsigned char) byte;
    }
    kg->len = len / 2;
    return BATON_RC_OK;

err_not_kg:
    explicit_bzero(kg, sizeof(*kg));
    baton_reason_set(why, "not a key of up to %d bytes in hexadecimal",
                     IPMILAN_KG_MAX);
    return BATON_RC_CONFIG;
}

/* target: an IPMB slave address, decimal or 0x-hexadecimal (0x00-0xff) */
static int
ipmb_addr_param_parse(const char *value, void *field, baton_reason_t *why)
{
    char *end = NULL;
    unsigned long v = 0;

    errno = 0;
    if (isdigit((unsigned char) value[0])) {
        v = strtoul(value, &end, 0);
    }
    if ((end == NULL) || (end == value) || (*end != '\0') || (errno != 0)
        || (v > IPMB_ADDR_MAX)) {
        baton_reason_set(why, "'%s' is not an IPMB address (0x00-0xff)",
                         value);
        return BATON_RC_CONFIG;
    }
    *(uint8_t *) field = (uint8_t) v;
    return BATON_RC_OK;
}

int
ipmilan_check_password(const struct ipmilan_conf *c, const char *pw,
                       baton_reason_t *why)
{
    size_t pw_max = c->lanplus ? IPMI_PASS20_MAX : IPMI_PASS15_MAX;

    if ((pw != NULL) && (strlen(pw) > pw_max)) {
        baton_reason_set(why, "password%s is longer than IPMI %s allows (%zu)",
                         (c->common.password_script != NULL)
                         ? " (from password_script)" : "",
                         c->lanplus ? "2.0" : "1.5", pw_max);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

/* The rules over several parameters: the address (ip, or plug with
 * port_as_ip), and lengths IPMI limits */
static int
ipmilan_conf_check(void *conf, baton_reason_t *why)
{
    struct ipmilan_conf *c = conf;
    const char *user = c->common.username;

    c->host = c->port_as_ip ? c->common.plug : c->ip;
    if ((c->host == NULL) || (*c->host == '\0')) {
        baton_reason_set(why, "Required parameter %s is not set",
                         c->port_as_ip ? "plug" : "ip");
        return BATON_RC_CONFIG;
    }
    if ((user != NULL) && (strlen(user) > IPMI_USER_MAX)) {
        baton_reason_set(why, "username is longer than IPMI allows (%d)",
                         IPMI_USER_MAX);
        return BATON_RC_CONFIG;
    }
    /* password_script replaces password: its output is checked when it
     * has run (ipmilan_connect) */
    if (c->common.password_script == NULL) {
        return ipmilan_check_password(c, c->common.password, why);
    }
    return BATON_RC_OK;
}

#define NO_EFFECT(name_, aliases_, arg_, desc_)                            \
    { .name = (name_), .type = BATON_PARAM_STRING, .aliases = (aliases_),  \
      .flags = BATON_PARAM_NO_EFFECT, .arg_name = (arg_),                  \
      .shortdesc = (desc_),                                                \
      .longdesc = "Accepted for compatibility with fence_ipmilan; Baton "  \
                  "speaks IPMI itself (FreeIPMI's library) and runs no "   \
                  "ipmitool, so this has no effect." }

/* shell_timeout: fence_ipmilan does not use it either */
#define SHELL_TIMEOUT_NO_EFFECT                                            \
    "Accepted for compatibility with fence_ipmilan, which does not use it "\
    "either: there is no command prompt to wait for. Each IPMI request is "\
    "bounded by login_timeout, the wait for a power change by "            \
    "power_timeout, so this has no effect."

static const struct baton_param_def ipmilan_params[] = {
    { .name = "ip", .type = BATON_PARAM_STRING, .aliases = "ipaddr",
      .short_opt = 'a', .arg_name = "[ip]", .kind = BATON_KIND_TEXT, C(ip),
      .shortdesc = "IP address or hostname of fencing device",
      .longdesc = "The BMC's address or name. Required unless port_as_ip "
                  "is set." },
    { .name = "ipport", .type = BATON_PARAM_INTEGER, .dflt = "623",
      .flags = BATON_PARAM_RANGE, .min = 1, .max = 65535, .short_opt = 'u',
      .kind = BATON_KIND_INT, C(ipport),
      .arg_name = "[port]", .shortdesc = "TCP/UDP port to use for connection "
      "with device", .longdesc = "The BMC's UDP port." },
    BATON_FENCE_P_LOGIN,
    { .name = "lanplus", .type = BATON_PARAM_BOOLEAN, .dflt = "0",
      .short_opt = 'P', .kind = BATON_KIND_BOOL, C(lanplus),
      .shortdesc = "Use Lanplus to improve security of "
      "connection", .longdesc = "Use IPMI 2.0 (RMCP+) instead of IPMI 1.5." },
    { .name = "cipher", .type = BATON_PARAM_INTEGER, .flags =
      BATON_PARAM_RANGE, .min = 0, .max = 17, .short_opt = 'C',
      .kind = BATON_KIND_INT, C(cipher),
      BATON_GIVEN(struct ipmilan_conf, has_cipher),
      .arg_name = "[cipher]", .shortdesc = "Ciphersuite to use (same as "
      "ipmitool -C parameter)", .longdesc = "The RMCP+ cipher suite; 3 when "
      "not set (no probing of suites, so no stall)." },
    { .name = "privlvl", .type = BATON_PARAM_SELECT, .dflt = "administrator",
      .choices = privlvls, .short_opt = 'L', .arg_name = "[level]",
      .kind = BATON_KIND_CHOICE, .choice_values = privlvl_values,
      C(privlvl), .shortdesc = "Privilege level on IPMI device",
      .longdesc = "The privilege level to open the session with." },
    { .name = "auth", .type = BATON_PARAM_SELECT, .choices = auths,
      .short_opt = 'A', .arg_name = "[auth]", .kind = BATON_KIND_CHOICE,
      .choice_values = auth_values, C(auth),
      BATON_GIVEN(struct ipmilan_conf, has_auth),
      .shortdesc = "IPMI Lan Auth type.",
      .longdesc = "IPMI 1.5 authentication: md5 (when not set), md2, "
                  "password or none." },
    { .name = "hexadecimal_kg", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_SECRET, .arg_name = "[key]",
      .kind = BATON_KIND_CUSTOM, .parse = kg_param_parse, C(kg),
      .shortdesc = "Hexadecimal-encoded Kg key for IPMIv2 authentication",
      .longdesc = "The BMC key K_g in hexadecimal (up to 20 bytes)." },
    { .name = "target", .type = BATON_PARAM_STRING,
      .arg_name = "[targetaddress]", .kind = BATON_KIND_CUSTOM,
      .parse = ipmb_addr_param_parse, C(target),
      BATON_GIVEN(struct ipmilan_conf, has_target),
      .shortdesc = "Bridge IPMI requests to "
      "the remote target address", .longdesc = "IPMB slave address the "
      "commands are bridged to (e.g. 0x72)." },
    { .name = "port_as_ip", .type = BATON_PARAM_BOOLEAN,
      .kind = BATON_KIND_BOOL, C(port_as_ip),
      .shortdesc = "Make \"port/plug\" to be an alias to IP address",
      .longdesc = "Use plug (the fencer's target node) as the BMC address." },
    BATON_FENCE_P_METHOD("onoff"),
    BATON_FENCE_COMMON_PARAMS("0", SHELL_TIMEOUT_NO_EFFECT,
                              BATON_PARAM_NO_EFFECT),
    NO_EFFECT("ipmitool_path", NULL, "[path]", "Path to ipmitool binary"),
    NO_EFFECT("ipmitool_timeout", NULL, "[timeout]", "Timeout (sec) for "
              "IPMI operation"),
    NO_EFFECT("use_sudo", "sudo", NULL, "Use sudo (without password) when "
              "calling 3rd party software"),
    NO_EFFECT("sudo_path", NULL, "[path]", "Path to sudo binary"),
};

static const struct baton_action_def ipmilan_actions[] = {
    { .name = "on", .automatic = false },
    { .name = "off" },
    { .name = "reboot" },
    { .name = "status" },
    { .name = "monitor" },
    { .name = "metadata" },
    { .name = "manpage" },
    { .name = "validate-all" },
};

const struct baton_agent_def baton_fence_ipmilan_agent = {
    .kind = BATON_AGENT_FENCE,
    .name = "fence_baton_ipmilan",
    .version = PACKAGE_VERSION,
    .shortdesc = "Fence agent for IPMI over LAN (Baton)",
    .longdesc = "fence_baton_ipmilan powers a machine off, on or through a "
                "reboot with its BMC's IPMI chassis control, over LAN (IPMI "
                "1.5, or 2.0/RMCP+ with lanplus). It speaks IPMI in-process "
                "through FreeIPMI's library: no ipmitool child, so the "
                "password never appears in a process list. Every power "
                "change is verified by polling the chassis status until "
                "power_timeout. It takes the same options as fence_ipmilan.",
    .replaces = "fence_ipmilan",
    .params = ipmilan_params,
    .n_params = BATON_N_ELEMENTS(ipmilan_params),
    .actions = ipmilan_actions,
    .n_actions = BATON_N_ELEMENTS(ipmilan_actions),
    .conf_size = sizeof(struct ipmilan_conf),
    .conf_check = ipmilan_conf_check,
};
