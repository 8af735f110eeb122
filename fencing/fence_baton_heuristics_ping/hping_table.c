/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fence_baton_heuristics_ping's table: fence_heuristics_ping's options plus
 * the standard fence parameters from the runtime, parsed once into struct
 * hping_conf; the target list and the rules that tie the counts together.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "baton/log.h"
#include "hping.h"

#define COUNT(name_, member_, dflt_, min_, arg_, short_, long_)            \
    { .name = (name_), .type = BATON_PARAM_INTEGER, .dflt = (dflt_),       \
      .flags = BATON_PARAM_RANGE, .min = (min_), .max = 3600,              \
      .kind = BATON_KIND_INT, BATON_FIELD(struct hping_conf, member_),     \
      .arg_name = (arg_), .shortdesc = (short_), .longdesc = (long_) }

/* Why the options about power, login and listing do nothing here */
#define HPING_NO_EFFECT                                                    \
    "Accepted for compatibility with fence_heuristics_ping; the "          \
    "heuristic controls no power, logs in nowhere and lists nothing, so "  \
    "this has no effect."

static void
add_target(struct hping_conf *c, const char *word, size_t len)
{
    char **tmp = NULL;

    /* fence-agents' family prefixes: the address decides the family here */
    if ((len > 6) && (strncmp(word, "inet6:", 6) == 0)) {
        word += 6;
        len -= 6;
    } else if ((len > 5) && (strncmp(word, "inet:", 5) == 0)) {
        word += 5;
        len -= 5;
    }
    tmp = realloc(c->targets, (c->n_targets + 1) * sizeof(*tmp));
    baton_assert_alloc(tmp);
    c->targets = tmp;
    c->targets[c->n_targets] = strndup(word, len);
    baton_assert_alloc(c->targets[c->n_targets]);
    c->n_targets++;
}

static void
hping_conf_free(void *conf)
{
    struct hping_conf *c = conf;

    for (size_t i = 0; i < c->n_targets; i++) {
        free(c->targets[i]);
    }
    free(c->targets);
    c->targets = NULL;
    c->n_targets = 0;
}

/* The target list, and a good count the probes can reach */
static int
hping_conf_check(void *conf, baton_reason_t *why)
{
    struct hping_conf *c = conf;
    const char *p = c->ping_targets;

    while ((p != NULL) && (*p != '\0')) {
        size_t len;

        p += strspn(p, ", \t");
        len = strcspn(p, ", \t");
        if (len > 0) {
            add_target(c, p, len);
        }
        p += len;
    }
    if (c->n_targets == 0) {
        baton_reason_set(why, "ping_targets names no target");
        return BATON_RC_CONFIG;
    }
    if (c->good_count > c->count) {
        baton_reason_set(why, "ping_good_count (%u) is larger than "
                         "ping_count (%u)", c->good_count, c->count);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

static const struct baton_param_def hping_params[] = {
    { .name = "ping_targets", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_REQUIRED, .arg_name = "tgt1,[inet6:]tgt2",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct hping_conf, ping_targets),
      .shortdesc = "A comma separated list of ping-targets (optionally "
      "prepended by 'inet:' or 'inet6:') to be probed",
      .longdesc = "The hosts to probe, separated by commas: names, IPv4 or "
      "IPv6 addresses. An inet: or inet6: prefix is accepted and "
      "dropped (the address itself decides the family)." },
    COUNT("ping_count", count, "10", 1, "[number]", "The number of "
          "ping-probes that is being sent per target", "Probes sent to "
          "each target, at most: probing stops as soon as the outcome is "
          "certain."),
    COUNT("ping_good_count", good_count, "8", 1, "[number]", "The number "
          "of positive ping-probes required to account a target as "
          "available", "Answers a target must give to count as reachable."),
    COUNT("ping_interval", interval_s, "1", 0, "[seconds]", "The interval "
          "in seconds between ping-probes", "Seconds between two probes of "
          "a target."),
    COUNT("ping_timeout", timeout_s, "2", 1, "[seconds]", "The timeout in "
          "seconds till an individual ping-probe is accounted as lost",
          "Seconds to wait for the answer to one probe."),
    COUNT("ping_maxfail", maxfail, "0", 0, "[number]", "The number of "
          "failed ping-targets to still account as overall success",
          "How many targets may fail while off/reboot still succeed."),
    BATON_FENCE_P_METHOD_AS("cycle", BATON_PARAM_NO_EFFECT, HPING_NO_EFFECT),
    BATON_FENCE_HEURISTIC_PARAMS(HPING_NO_EFFECT),
};

static const struct baton_action_def hping_actions[] = {
    { .name = "on", .automatic = false },
    { .name = "off" },
    { .name = "reboot" },
    { .name = "monitor" },
    { .name = "metadata" },
    { .name = "manpage" },
    { .name = "validate-all" },
};

const struct baton_agent_def baton_fence_hping_agent = {
    .kind = BATON_AGENT_FENCE,
    .name = "fence_baton_heuristics_ping",
    .version = PACKAGE_VERSION,
    .shortdesc = "Fence agent for ping-heuristic based fencing (Baton)",
    .longdesc = "fence_baton_heuristics_ping is not a fence agent by "
                "itself: put it first in a fencing level, before the agent "
                "that powers the node off. off and reboot succeed only if "
                "enough ping targets answer, so a node that lost its "
                "network fails the level and never shoots the healthy "
                "peer; on always succeeds. Targets are probed concurrently "
                "in-process (no ping children), and probing stops as soon "
                "as the outcome is certain.",
    .replaces = "fence_heuristics_ping",
    .params = hping_params,
    .n_params = BATON_N_ELEMENTS(hping_params),
    .actions = hping_actions,
    .n_actions = BATON_N_ELEMENTS(hping_actions),
    .conf_size = sizeof(struct hping_conf),
    .conf_check = hping_conf_check,
    .conf_free = hping_conf_free,
};
