/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fence_baton_ipmilan: the table and the IPMI-over-LAN operations.
 */
#ifndef BATON_FENCE_IPMILAN_H
#define BATON_FENCE_IPMILAN_H

#include "baton/fence.h"

/*! The agent's table (fencing/fence_baton_ipmilan/ipmilan_table.c) */
extern const struct baton_agent_def baton_fence_ipmilan_agent;

/*! IPMI operations over FreeIPMI (fencing/fence_baton_ipmilan/ipmilan.c) */
extern const struct baton_fence_ops baton_fence_ipmilan_ops;

#endif /* BATON_FENCE_IPMILAN_H */
