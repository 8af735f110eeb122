/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:ping program entry: the OCF boundary does the rest.
 */
#include <unistd.h>

#include "baton/ocf.h"
#include "ping.h"

extern const char ping_metadata_xml[];

int
main(int argc, char **argv)
{
    return baton_ocf_main(&baton_ping_agent, ping_ops, ping_metadata_xml,
                          argc, argv, environ);
}
