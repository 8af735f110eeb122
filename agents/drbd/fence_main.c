/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * baton-fence-peer / baton-unfence-peer program entry.
 */
#include <unistd.h>

#include "fence_peer.h"

int
main(int argc, char **argv)
{
    return fp_main(argc, argv, environ);
}
