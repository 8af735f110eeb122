/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fence_baton_ipmilan's table: fence_ipmilan's option names, plus the
 * standard fence parameters from the runtime.
 */
#include "config.h"
#include "ipmilan.h"

static const char *const privlvls[] = {
    "callback", "user", "operator", "administrator", NULL,
};
static const char *const auths[] = { "md5", "md2", "password", "none", NULL };

#define NO_EFFECT(name_, aliases_, arg_, desc_)                            \
    { .name = (name_), .type = BATON_PARAM_STRING, .aliases = (aliases_),  \
      .flags = BATON_PARAM_NO_EFFECT, .arg_name = (arg_),                  \
      .shortdesc = (desc_),                                                \
      .longdesc = "Accepted for compatibility with fence_ipmilan; Baton "  \
                  "speaks IPMI itself (FreeIPMI's library) and runs no "   \
                  "ipmitool, so this has no effect." }

static const struct baton_param_def ipmilan_params[] = {
    { .name = "ip", .type = BATON_PARAM_STRING, .aliases = "ipaddr",
      .short_opt = 'a', .arg_name = "[ip]",
      .shortdesc = "IP address or hostname of fencing device",
      .longdesc = "The BMC's address or name. Required unless port_as_ip "
                  "is set." },
    { .name = "ipport", .type = BATON_PARAM_INTEGER, .dflt = "623",
      .flags = BATON_PARAM_RANGE, .min = 1, .max = 65535, .short_opt = 'u',
      .arg_name = "[port]", .shortdesc = "TCP/UDP port to use for connection "
      "with device", .longdesc = "The BMC's UDP port." },
    BATON_FENCE_P_LOGIN,
    { .name = "lanplus", .type = BATON_PARAM_BOOLEAN, .dflt = "0",
      .short_opt = 'P', .shortdesc = "Use Lanplus to improve security of "
      "connection", .longdesc = "Use IPMI 2.0 (RMCP+) instead of IPMI 1.5." },
    { .name = "cipher", .type = BATON_PARAM_INTEGER, .flags =
      BATON_PARAM_RANGE, .min = 0, .max = 17, .short_opt = 'C',
      .arg_name = "[cipher]", .shortdesc = "Ciphersuite to use (same as "
      "ipmitool -C parameter)", .longdesc = "The RMCP+ cipher suite; 3 when "
      "not set (no probing of suites, so no stall)." },
    { .name = "privlvl", .type = BATON_PARAM_SELECT, .dflt = "administrator",
      .choices = privlvls, .short_opt = 'L', .arg_name = "[level]",
      .shortdesc = "Privilege level on IPMI device",
      .longdesc = "The privilege level to open the session with." },
    { .name = "auth", .type = BATON_PARAM_SELECT, .choices = auths,
      .short_opt = 'A', .arg_name = "[auth]",
      .shortdesc = "IPMI Lan Auth type.",
      .longdesc = "IPMI 1.5 authentication: md5 (when not set), md2, "
                  "password or none." },
    { .name = "hexadecimal_kg", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_SECRET, .arg_name = "[key]",
      .shortdesc = "Hexadecimal-encoded Kg key for IPMIv2 authentication",
      .longdesc = "The BMC key K_g in hexadecimal (up to 20 bytes)." },
    { .name = "target", .type = BATON_PARAM_STRING,
      .arg_name = "[targetaddress]", .shortdesc = "Bridge IPMI requests to "
      "the remote target address", .longdesc = "IPMB slave address the "
      "commands are bridged to (e.g. 0x72)." },
    { .name = "port_as_ip", .type = BATON_PARAM_BOOLEAN,
      .shortdesc = "Make \"port/plug\" to be an alias to IP address",
      .longdesc = "Use plug (the fencer's target node) as the BMC address." },
    BATON_FENCE_P_METHOD("onoff"),
    BATON_FENCE_COMMON_PARAMS("0"),
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
};
