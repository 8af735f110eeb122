/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fence_baton_heuristics_ping: its configuration, the table and the ping
 * heuristic.
 */
#ifndef BATON_FENCE_HPING_H
#define BATON_FENCE_HPING_H

#include <stddef.h>

#include "baton/fence.h"

/*! fence_baton_heuristics_ping's configuration, parsed once */
struct hping_conf {
    struct baton_fence_conf common;    /*!< first: the standard options */
    const char *ping_targets;
    unsigned count;
    unsigned good_count;
    unsigned interval_s;
    unsigned timeout_s;
    unsigned maxfail;
    /*! ping_targets split (conf_check; freed by conf_free), without
     *  their inet:/inet6: prefixes */
    char **targets;
    size_t n_targets;
};

/*! The agent's table (hping_table.c) */
extern const struct baton_agent_def baton_fence_hping_agent;

/*! The heuristic operations (hping.c) */
extern const struct baton_fence_ops baton_fence_hping_ops;

#endif /* BATON_FENCE_HPING_H */
