/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one monotonic clock deadlines in Baton are measured against, and the
 * one way to wait on it.
 */
#ifndef BATON_CLOCK_H
#define BATON_CLOCK_H

#include <stdint.h>

/*!
 * \brief Milliseconds on CLOCK_MONOTONIC: for deadlines and durations,
 *        never for wall-clock time.
 *
 * @code
 * uint64_t deadline_ms = baton_clock_now_ms() + timeout_ms;
 * while (baton_clock_now_ms() < deadline_ms) { ... }
 * @endcode
 */
uint64_t baton_clock_now_ms(void);

/*!
 * \brief What is left before \p deadline_ms (baton_clock_now_ms() time)
 *        once \p margin_ms is kept back, in ms; 0 when nothing is.
 *
 * An action keeps a margin to report before Pacemaker's own timeout.
 */
unsigned baton_clock_left_ms(uint64_t deadline_ms, unsigned margin_ms);

/*! \brief Microseconds on CLOCK_MONOTONIC (round-trip times). */
uint64_t baton_clock_now_us(void);

/*!
 * \brief Sleep \p ms milliseconds on CLOCK_MONOTONIC.
 *
 * A signal handler that interrupts the sleep (EINTR) does not shorten it:
 * the sleep runs to an absolute deadline computed once, so repeated
 * interruptions neither cut it short nor stretch it.
 *
 * @code
 * while (!done() && (baton_clock_now_ms() < deadline_ms)) {
 *     baton_sleep_ms(50);
 * }
 * @endcode
 * \param[in] ms  How long; 0 returns at once.
 */
void baton_sleep_ms(unsigned long ms);

#endif /* BATON_CLOCK_H */
