/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/core/clock.c: the monotonic clock deadlines use.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <time.h>
#include <cmocka.h>

#include "baton/clock.h"

static void
now_never_goes_back(void **state)
{
    uint64_t prev = baton_clock_now_us();

    for (int i = 0; i < 1000; i++) {
        uint64_t now = baton_clock_now_us();

        assert_true(now >= prev);
        prev = now;
    }
}

static void
ms_and_us_read_the_same_clock(void **state)
{
    uint64_t us = baton_clock_now_us();
    uint64_t ms = baton_clock_now_ms();

    assert_true(ms >= us / 1000);
    assert_true(ms - (us / 1000) < 1000);   /* same clock, same second */
}

static void
a_sleep_advances_the_clock_by_at_least_its_length(void **state)
{
    struct timespec nap = { .tv_sec = 0, .tv_nsec = 20 * 1000 * 1000 };
    uint64_t before = baton_clock_now_ms();

    nanosleep(&nap, NULL);
    assert_true(baton_clock_now_ms() - before >= 20);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(now_never_goes_back),
        cmocka_unit_test(ms_and_us_read_the_same_clock),
        cmocka_unit_test(a_sleep_advances_the_clock_by_at_least_its_length),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
