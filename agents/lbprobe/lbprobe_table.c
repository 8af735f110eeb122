/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:lbprobe declared once: its parameters and actions.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include "baton/params.h"
#include "baton/rc.h"
#include "lbprobe.h"

/* The address stays text (getaddrinfo takes it); only check it is one */
static int
check_bind(const char *value, void *field, baton_reason_t *why)
{
    struct in6_addr a6;

    (void) field;
    if ((inet_pton(AF_INET, value, &a6) == 1)
        || (inet_pton(AF_INET6, value, &a6) == 1)) {
        return BATON_RC_OK;
    }
    baton_reason_set(why, "'%s' is not a literal IPv4 or IPv6 address",
                     value);
    return BATON_RC_CONFIG;
}

static const char *const listen_choices[] = {
    "default", "ipv4only", "ipv6enable", NULL,
};

/* listen=ipv4only without bind_address: every IPv4 address only; with an
 * IPv6 bind_address it contradicts itself */
static int
lbprobe_conf_check(void *conf, baton_reason_t *why)
{
    struct lbprobe_conf *c = conf;
    struct in6_addr a6;

    if (c->listen != LBPROBE_LISTEN_IPV4ONLY) {
        return BATON_RC_OK;
    }
    if (c->bind == NULL) {
        c->bind = "0.0.0.0";
        return BATON_RC_OK;
    }
    if (inet_pton(AF_INET6, c->bind, &a6) == 1) {
        baton_reason_set(why, "listen=ipv4only, but bind_address %s is an "
                         "IPv6 address", c->bind);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

static const struct baton_param_def lbprobe_params[] = {
    { .name = LBPROBE_PORT, .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RANGE, .dflt = "61000", .min = 1, .max = 65535,
      .kind = BATON_KIND_INT, BATON_FIELD(struct lbprobe_conf, port_num),
      .shortdesc = "Port to answer",
      .longdesc = "The TCP port the load balancer's health probe connects "
                  "to. While the resource runs on a node, the port accepts "
                  "connections there; stopped, it is closed." },
    { .name = LBPROBE_BIND, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct lbprobe_conf, bind),
      .parse = check_bind, .shortdesc = "Address to listen on",
      .longdesc = "A literal IPv4 or IPv6 address to listen on. Empty: every "
                  "address (IPv6 and IPv4)." },
    { .name = LBPROBE_HTTP, .type = BATON_PARAM_BOOLEAN, .dflt = "false",
      .kind = BATON_KIND_BOOL, BATON_FIELD(struct lbprobe_conf, http),
      .shortdesc = "Answer HTTP",
      .longdesc = "Answer each connection with a fixed 'HTTP/1.0 200 OK' "
                  "response, for load balancers whose probe is HTTP. "
                  "Otherwise the connection is accepted and closed, which a "
                  "TCP probe counts as healthy." },
    { .name = LBPROBE_PIDFILE, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct lbprobe_conf, pidfile_given),
      .shortdesc = "PID file of the responder",
      .longdesc = "Default /run/baton/lbprobe-<resource>.pid." },
    { .name = LBPROBE_LISTEN, .type = BATON_PARAM_SELECT, .dflt = "default",
      .choices = listen_choices, .kind = BATON_KIND_CHOICE,
      BATON_FIELD(struct lbprobe_conf, listen),
      .shortdesc = "IPv4 and IPv6 addresses",
      .longdesc = "As ocf:heartbeat:azure-lb's listen, when bind_address "
                  "is empty: default and ipv6enable answer on every IPv6 "
                  "and IPv4 address (one dual-stack socket; IPv4 only where "
                  "IPv6 is disabled), ipv4only on every IPv4 address only. "
                  "With bind_address set, only that address answers, and "
                  "ipv4only refuses an IPv6 one." },
    { .name = LBPROBE_NC, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_NO_EFFECT,
      .shortdesc = "Accepted for ocf:heartbeat:azure-lb compatibility",
      .longdesc = "ocf:heartbeat:azure-lb ran nc or socat from this path. "
                  "The responder is built in, so the value has no effect." },
};

static const struct baton_action_def lbprobe_actions[] = {
    { .name = "start", .timeout_s = 20 },
    { .name = "stop", .timeout_s = 20 },
    { .name = "monitor", .timeout_s = 20, .interval_s = 10 },
    { .name = "validate-all", .timeout_s = 5 },
    { .name = "meta-data", .timeout_s = 5 },
};

const struct baton_agent_def baton_lbprobe_agent = {
    .kind = BATON_AGENT_OCF, .name = "lbprobe", .version = "1.0",
    .replaces = "ocf:heartbeat:azure-lb",
    .shortdesc = "Answers a load balancer's health probe on the active node",
    .longdesc = "For clusters behind a cloud load balancer instead of a "
                "floating IP: while this resource runs on a node, a small "
                "built-in responder (no nc or socat) accepts TCP "
                "connections on the port, optionally answering HTTP 200, so "
                "the load balancer's probe sends traffic to that node. "
                "Stopped, the port is closed. Put it in the group of the "
                "service it announces. Monitor checks that the recorded "
                "responder process is still the one started (start time and "
                "executable) and that the port really answers.",
    .params = lbprobe_params, .n_params = BATON_N_ELEMENTS(lbprobe_params),
    .actions = lbprobe_actions, .n_actions = BATON_N_ELEMENTS(lbprobe_actions),
    .conf_size = sizeof(struct lbprobe_conf),
    .conf_check = lbprobe_conf_check,
};
