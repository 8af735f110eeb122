/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Recording the reason an action failed.
 */
#include <stdarg.h>
#include <stdio.h>

#include "baton/reason.h"

void
baton_reason_set(baton_reason_t *why, const char *fmt, ...)
{
    va_list ap;

    if ((why == NULL) || (why->text[0] != '\0')) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(why->text, sizeof(why->text), fmt, ap);
    va_end(ap);
    for (char *c = why->text; *c != '\0'; c++) {
        if ((*c == '\n') || (*c == '\r')) {
            *c = ' ';
        }
    }
}
