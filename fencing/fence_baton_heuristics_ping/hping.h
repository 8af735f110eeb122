/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fence_baton_heuristics_ping: the table and the ping heuristic.
 */
#ifndef BATON_FENCE_HPING_H
#define BATON_FENCE_HPING_H

#include "baton/fence.h"

/*! The agent's table (hping_table.c) */
extern const struct baton_agent_def baton_fence_hping_agent;

/*! The heuristic operations (hping.c) */
extern const struct baton_fence_ops baton_fence_hping_ops;

#endif /* BATON_FENCE_HPING_H */
