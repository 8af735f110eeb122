/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:lbprobe program entry: the OCF boundary does the rest.
 */
#include <unistd.h>

#include "baton/ocf.h"
#include "lbprobe.h"

extern const char lbprobe_metadata_xml[];

int
main(int argc, char **argv)
{
    return baton_ocf_main(&baton_lbprobe_agent, lbprobe_ops,
                          lbprobe_metadata_xml, argc, argv, environ);
}
