/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The monotonic clock, read in the units deadlines use.
 */
#include <time.h>

#include "baton/clock.h"

uint64_t
baton_clock_now_us(void)
{
    struct timespec ts = { 0, 0 };

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ((uint64_t) ts.tv_sec * 1000000ULL) + ((uint64_t) ts.tv_nsec / 1000U);
}

uint64_t
baton_clock_now_ms(void)
{
    return baton_clock_now_us() / 1000U;
}
