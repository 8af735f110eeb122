/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one-line reason an action failed, carried up to main() and written
 * there as "ocf-exit-reason:<text>".
 */
#ifndef BATON_REASON_H
#define BATON_REASON_H

#include <stddef.h>

#define BATON_REASON_MAX 480

/*! The reason for a failure; the first (innermost) reason set wins. */
typedef struct baton_reason_s {
    char text[BATON_REASON_MAX];
} baton_reason_t;

#define BATON_REASON_INIT { .text = "" }

/*!
 * \brief Record why an action fails, unless a reason is already recorded.
 *
 * The innermost decision knows the most, so the first reason set is kept.
 * Newlines are replaced by spaces: the reason is one line.
 *
 * \param[in,out] why  Where to record; NULL is allowed and ignored.
 * \param[in]     fmt  printf format.
 */
void baton_reason_set(baton_reason_t *why, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*! \brief Whether a reason has been recorded. */
static inline int
baton_reason_is_set(const baton_reason_t *why)
{
    return (why != NULL) && (why->text[0] != '\0');
}

/*! \brief Forget a recorded reason. */
static inline void
baton_reason_clear(baton_reason_t *why)
{
    if (why != NULL) {
        why->text[0] = '\0';
    }
}

#endif /* BATON_REASON_H */
