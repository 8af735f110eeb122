/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:Filesystem program entry: the OCF boundary does the rest.
 */
#include <unistd.h>

#include "baton/ocf.h"
#include "Filesystem.h"

extern const char Filesystem_metadata_xml[];

int
main(int argc, char **argv)
{
    return baton_ocf_main(&baton_filesystem_agent, fs_ops,
                          Filesystem_metadata_xml, argc, argv, environ);
}
