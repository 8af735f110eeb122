/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:drbd program entry: the OCF boundary does the rest.
 */
#include <unistd.h>

#include "baton/ocf.h"
#include "drbd.h"

extern const char drbd_metadata_xml[];

int
main(int argc, char **argv)
{
    return baton_ocf_main(&baton_drbd_agent, drbd_ops, drbd_metadata_xml,
                          argc, argv, environ);
}
