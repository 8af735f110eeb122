/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:app program entry: the OCF boundary does the rest.
 */
#include <unistd.h>

#include "baton/ocf.h"
#include "app.h"

extern const char app_metadata_xml[];

int
main(int argc, char **argv)
{
    return baton_ocf_main(&baton_app_agent, app_ops, app_metadata_xml, argc,
                          argv, environ);
}
