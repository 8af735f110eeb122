/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fence_baton_heuristics_ping's table: fence_heuristics_ping's options plus
 * the standard fence parameters from the runtime.
 */
#include "config.h"
#include "hping.h"

#define COUNT(name_, dflt_, min_, arg_, short_, long_)                     \
    { .name = (name_), .type = BATON_PARAM_INTEGER, .dflt = (dflt_),       \
      .flags = BATON_PARAM_RANGE, .min = (min_), .max = 3600,              \
      .arg_name = (arg_), .shortdesc = (short_), .longdesc = (long_) }

static const struct baton_param_def hping_params[] = {
    { .name = "ping_targets", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_REQUIRED, .arg_name = "tgt1,[inet6:]tgt2",
      .shortdesc = "A comma separated list of ping-targets (optionally "
      "prepended by 'inet:' or 'inet6:') to be probed",
      .longdesc = "The hosts to probe, separated by commas: names, IPv4 or "
      "IPv6 addresses. An inet: or inet6: prefix is accepted and "
      "dropped (the address itself decides the family)." },
    COUNT("ping_count", "10", 1, "[number]", "The number of ping-probes "
          "that is being sent per target", "Probes sent to each target, at "
          "most: probing stops as soon as the outcome is certain."),
    COUNT("ping_good_count", "8", 1, "[number]", "The number of positive "
          "ping-probes required to account a target as available",
          "Answers a target must give to count as reachable."),
    COUNT("ping_interval", "1", 0, "[seconds]", "The interval in seconds "
          "between ping-probes", "Seconds between two probes of a target."),
    COUNT("ping_timeout", "2", 1, "[seconds]", "The timeout in seconds "
          "till an individual ping-probe is accounted as lost",
          "Seconds to wait for the answer to one probe."),
    COUNT("ping_maxfail", "0", 0, "[number]", "The number of failed "
          "ping-targets to still account as overall success",
          "How many targets may fail while off/reboot still succeed."),
    BATON_FENCE_P_METHOD("cycle"),
    BATON_FENCE_COMMON_PARAMS("0"),
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
};
