/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:mariadb program entry: the OCF boundary does the rest.
 */
#include <unistd.h>

#include "baton/ocf.h"
#include "mariadb.h"

extern const char mariadb_metadata_xml[];

int
main(int argc, char **argv)
{
    return baton_ocf_main(&baton_mariadb_agent, mariadb_ops,
                          mariadb_metadata_xml, argc, argv, environ);
}
