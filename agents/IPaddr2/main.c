/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:IPaddr2 program entry: the OCF boundary does the rest.
 */
#include <unistd.h>

#include "baton/ocf.h"
#include "IPaddr2.h"

extern const char IPaddr2_metadata_xml[];

int
main(int argc, char **argv)
{
    return baton_ocf_main(&baton_ipaddr2_agent, ipaddr2_ops,
                          IPaddr2_metadata_xml, argc, argv, environ);
}
