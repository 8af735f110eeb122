/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fence_baton_heuristics_ping: a drop-in for fence_heuristics_ping.
 */
#include "hping.h"

/* Generated at build time from the table */
extern const char fence_baton_heuristics_ping_metadata_xml[];
extern const char fence_baton_heuristics_ping_manpage[];

int
main(int argc, char **argv)
{
    const struct baton_fence_agent agent = {
        .def = &baton_fence_hping_agent,
        .metadata_xml = fence_baton_heuristics_ping_metadata_xml,
        .manpage = fence_baton_heuristics_ping_manpage,
        .ops = &baton_fence_hping_ops,
    };

    return baton_fence_main(&agent, argc, argv);
}
