/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The monotonic clock, read in the units deadlines use, and sleeping on it.
 */
#include <errno.h>
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

unsigned
baton_clock_left_ms(uint64_t deadline_ms, unsigned margin_ms)
{
    uint64_t now = baton_clock_now_ms();

    if (now + margin_ms >= deadline_ms) {
        return 0;
    }
    return (unsigned) (deadline_ms - now - margin_ms);
}

void
baton_sleep_ms(unsigned long ms)
{
    struct timespec until = { 0, 0 };

    if (ms == 0) {
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += (time_t) (ms / 1000);
    until.tv_nsec += (long) (ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    /* An absolute deadline: a relative remainder would drift a little on
     * every interruption */
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL)
           == EINTR) {
        continue;
    }
}
