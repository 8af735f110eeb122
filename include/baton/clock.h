/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one monotonic clock deadlines in Baton are measured against.
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

/*! \brief Microseconds on CLOCK_MONOTONIC (round-trip times). */
uint64_t baton_clock_now_us(void);

#endif /* BATON_CLOCK_H */
