/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:pgsqlms program entry: the OCF boundary does the rest.
 */
#include <unistd.h>

#include "baton/ocf.h"
#include "pgsqlms.h"

extern const char pgsqlms_metadata_xml[];

int
main(int argc, char **argv)
{
    return baton_ocf_main(&baton_pgsqlms_agent, pgsqlms_ops,
                          pgsqlms_metadata_xml, argc, argv, environ);
}
