/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The floor of every benchmark: a dynamically linked C program that does
 * nothing, exec'd the same way as the agents.
 */
int
main(void)
{
    return 0;
}
