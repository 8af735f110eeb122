/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:ping declared once: its parameters and actions. Metadata,
 * validation, the man page and the doc page all derive from this table.
 */
#include <string.h>
#include <strings.h>

#include "baton/icmp.h"
#include "baton/log.h"
#include "baton/params.h"
#include "ping.h"

static int
check_host_list(const char *value, void *field, baton_reason_t *why)
{
    (void) field;
    if (strspn(value, " \t\r\n,") == strlen(value)) {
        baton_reason_set(why, "no host given (name at least one host to "
                         "ping)");
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

/* The engine sends at most BATON_ICMP_MAX_ATTEMPTS: more count as that */
static int
clamp_attempts(const char *value, void *field, baton_reason_t *why)
{
    unsigned *attempts = field;

    (void) value;
    (void) why;
    if (*attempts > BATON_ICMP_MAX_ATTEMPTS) {
        *attempts = BATON_ICMP_MAX_ATTEMPTS;
    }
    return BATON_RC_OK;
}

int
ping_debug_param_parse(const char *value, void *field, baton_reason_t *why)
{
    static const char *const on[] = { "true", "1", NULL };
    static const char *const off[] = { "false", "0", NULL };
    static const char *const verbose[] = { "verbose", "2", NULL };
    enum ping_debug *debug = field;

    (void) why;
    for (size_t i = 0; on[i] != NULL; i++) {
        if (strcasecmp(value, on[i]) == 0) {
            *debug = PING_DEBUG_ON;
            return BATON_RC_OK;
        }
        if (strcasecmp(value, verbose[i]) == 0) {
            *debug = PING_DEBUG_VERBOSE;
            return BATON_RC_OK;
        }
        if (strcasecmp(value, off[i]) == 0) {
            *debug = PING_DEBUG_OFF;
            return BATON_RC_OK;
        }
    }
    /* As pacemaker's ping: a warning, not an error */
    baton_warn("Value for " PING_DEBUG " is incorrect: use true, false or "
               "verbose, not '%s'", value);
    *debug = PING_DEBUG_OFF;
    return BATON_RC_OK;
}

static const struct baton_param_def ping_params[] = {
    { .name = PING_PIDFILE, .type = BATON_PARAM_STRING,
      .unique_group = "pidfile", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct ping_conf, pidfile), .shortdesc = "State file",
      .longdesc = "The file whose presence means the resource is started. "
                  "By default it is ping-<name> in the run-time directory "
                  "(HA_VARRUN, /var/run), or ping-<resource instance> for "
                  "a globally unique clone, as for ocf:pacemaker:ping." },
    { .name = PING_DAMPEN, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_RELOADABLE, .dflt = "5s",
      .kind = BATON_KIND_DURATION_MS,
      BATON_FIELD(struct ping_conf, dampen_ms),
      .shortdesc = "Dampening delay",
      .longdesc = "How long pacemaker-attrd waits for further changes "
                  "before it writes a new value of the attribute to the "
                  "CIB, so that a brief loss does not move resources. A "
                  "duration: 5s, 500ms, 1min; a bare number is seconds." },
    { .name = PING_NAME, .type = BATON_PARAM_STRING, .unique_group = "name",
      .dflt = "pingd", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct ping_conf, name), .shortdesc = "Attribute name",
      .longdesc = "The node attribute that receives the score; location "
                  "rules refer to it (e.g. 'pingd lt 1 or not_defined "
                  "pingd')." },
    { .name = PING_MULTIPLIER, .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RELOADABLE, .dflt = "1", .kind = BATON_KIND_INT,
      BATON_FIELD(struct ping_conf, multiplier),
      .shortdesc = "Score per reachable host",
      .longdesc = "The attribute is the number of reachable hosts times "
                  "this value." },
    { .name = PING_HOST_LIST, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_REQUIRED | BATON_PARAM_RELOADABLE,
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct ping_conf, host_list),
      .parse = check_host_list, .shortdesc = "Hosts to ping",
      .longdesc = "The hosts whose reachability is counted, separated by "
                  "spaces: host names, IPv4 and IPv6 addresses, in any "
                  "mix. All are probed at the same time. There is no limit "
                  "of 255 hosts. A name that does not resolve counts as "
                  "unreachable." },
    { .name = PING_ATTEMPTS, .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RELOADABLE | BATON_PARAM_RANGE, .dflt = "3",
      .min = 1, .max = 100, .kind = BATON_KIND_INT,
      BATON_FIELD(struct ping_conf, attempts), .parse = clamp_attempts,
      .shortdesc = "Echo requests per host",
      .longdesc = "How many echo requests a host gets before it counts as "
                  "unreachable. They are sent 100 ms apart, each waiting "
                  "the full timeout, and the first reply counts the host "
                  "as reachable (values above 32 are treated as 32)." },
    { .name = PING_TIMEOUT, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_RELOADABLE, .dflt = "2",
      .kind = BATON_KIND_DURATION_MS,
      BATON_FIELD(struct ping_conf, timeout_ms),
      .shortdesc = "Wait for each reply",
      .longdesc = "How long each echo request waits for its reply, in "
                  "seconds or as a duration (2s, 500ms). 0 means 5 s and "
                  "values above 300 s mean 300 s, as for "
                  "ocf:pacemaker:ping; unlike it, sub-second values are "
                  "honoured. The whole check takes about this long plus "
                  "100 ms per extra attempt, however many hosts there are, "
                  "and is shortened if it would not fit into 90% of the "
                  "action's timeout." },
    { .name = PING_OPTIONS, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_NO_EFFECT, .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct ping_conf, options),
      .shortdesc = "Extra ping options",
      .longdesc = "Accepted for compatibility with ocf:pacemaker:ping and "
                  "ignored: Baton sends the echo requests itself and runs "
                  "no ping program to pass options to. A warning is logged "
                  "when it is set." },
    { .name = PING_FAILURE_SCORE, .type = BATON_PARAM_INTEGER,
      .kind = BATON_KIND_INT, BATON_FIELD(struct ping_conf, failure_score),
      BATON_GIVEN(struct ping_conf, has_failure_score),
      .shortdesc = "Failure score",
      .longdesc = "When set, start and monitor fail whenever the score is "
                  "lower than this value. Unset, the resource never fails "
                  "because of the score." },
    { .name = PING_USE_FPING, .type = BATON_PARAM_BOOLEAN,
      .flags = BATON_PARAM_NO_EFFECT, .dflt = "1", .kind = BATON_KIND_BOOL,
      .shortdesc = "Use fping (no effect)",
      .longdesc = "Accepted for compatibility with ocf:pacemaker:ping and "
                  "ignored: Baton never runs fping or ping. Its own engine "
                  "probes all hosts concurrently, IPv4 and IPv6 mixed." },
    { .name = PING_DEBUG, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_RELOADABLE, .dflt = "false",
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct ping_conf, debug),
      .parse = ping_debug_param_parse, .shortdesc = "Verbose logging",
      .longdesc = "true: log every unreachable host at warning level on "
                  "each check; verbose: also log each reachable host and "
                  "its round-trip time. Other values count as false, with "
                  "a warning." },
};

static const struct baton_action_def ping_actions[] = {
    { .name = "start", .timeout_s = 60 },
    { .name = "stop", .timeout_s = 20 },
    { .name = "monitor", .timeout_s = 60, .interval_s = 10, .depth = 0 },
    { .name = "reload-agent", .timeout_s = 20 },
    { .name = "meta-data", .timeout_s = 5 },
    { .name = "validate-all", .timeout_s = 30 },
};

const struct baton_agent_def baton_ping_agent = {
    .kind = BATON_AGENT_OCF,
    .name = "ping",
    .version = "1.0",
    .replaces = "ocf:pacemaker:ping",
    .shortdesc = "Node connectivity as a node attribute",
    .longdesc = "Probes a list of hosts with ICMP echo requests, all at "
                "once, and sets a node attribute (pingd by default) to the "
                "number of hosts that answered times the multiplier, with "
                "dampening, so that location rules can keep resources away "
                "from nodes that lost their network. A drop-in for "
                "ocf:pacemaker:ping: the same parameters, the same "
                "attribute values, and stop removes the attribute the same "
                "way. The attribute reaches pacemaker-attrd over its IPC "
                "without running a program; attrd_updater is used only "
                "when that IPC is not available.",
    .params = ping_params,
    .n_params = BATON_N_ELEMENTS(ping_params),
    .actions = ping_actions,
    .n_actions = BATON_N_ELEMENTS(ping_actions),
    .conf_size = sizeof(struct ping_conf),
};
