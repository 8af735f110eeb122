/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/core/clock.c: the monotonic clock deadlines use, and
 * sleeping on it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>
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

static void
sleep_ms_lasts_its_length(void **state)
{
    uint64_t before = baton_clock_now_ms();

    baton_sleep_ms(30);
    assert_true(baton_clock_now_ms() - before >= 30);
}

static void
sleep_ms_of_zero_returns_at_once(void **state)
{
    uint64_t before = baton_clock_now_ms();

    baton_sleep_ms(0);
    assert_true(baton_clock_now_ms() - before < 10);
}

static volatile sig_atomic_t alarms;

static void
on_alarm(int sig)
{
    alarms++;
}

static void
sleep_ms_is_not_cut_short_by_signals(void **state)
{
    struct sigaction sa;
    struct itimerval every_5ms = {
        .it_interval = { .tv_sec = 0, .tv_usec = 5000 },
        .it_value = { .tv_sec = 0, .tv_usec = 5000 },
    };
    struct itimerval off;
    uint64_t before = 0;
    uint64_t slept = 0;

    memset(&sa, 0, sizeof(sa));
    memset(&off, 0, sizeof(off));
    sa.sa_handler = on_alarm;      /* no SA_RESTART: sleeps see EINTR */
    sigaction(SIGALRM, &sa, NULL);
    alarms = 0;
    setitimer(ITIMER_REAL, &every_5ms, NULL);
    before = baton_clock_now_ms();
    baton_sleep_ms(60);
    slept = baton_clock_now_ms() - before;
    setitimer(ITIMER_REAL, &off, NULL);
    signal(SIGALRM, SIG_DFL);
    assert_true(alarms > 1);       /* it really was interrupted */
    assert_true(slept >= 60);
}

static void
left_ms_keeps_the_margin_and_never_goes_below_zero(void **state)
{
    uint64_t now = baton_clock_now_ms();
    unsigned left = baton_clock_left_ms(now + 10000, 500);

    (void) state;
    assert_true((left <= 9500) && (left >= 9000));
    assert_int_equal(baton_clock_left_ms(now + 400, 500), 0);
    assert_int_equal(baton_clock_left_ms(0, 0), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(now_never_goes_back),
        cmocka_unit_test(left_ms_keeps_the_margin_and_never_goes_below_zero),
        cmocka_unit_test(ms_and_us_read_the_same_clock),
        cmocka_unit_test(a_sleep_advances_the_clock_by_at_least_its_length),
        cmocka_unit_test(sleep_ms_lasts_its_length),
        cmocka_unit_test(sleep_ms_of_zero_returns_at_once),
        cmocka_unit_test(sleep_ms_is_not_cut_short_by_signals),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
