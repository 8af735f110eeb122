/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What every fuzz target shares: the libFuzzer entry point, turning the
 * input into a string, and a check that fails the run (doc/fuzzing.md).
 */
#ifndef BATON_FUZZ_H
#define BATON_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/rc.h"

/*!
 * \brief libFuzzer's entry point: run one input through a parser.
 * \return 0 (libFuzzer reserves other values).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*!
 * \brief The input as a C string: up to the first NUL, or all of it.
 * \return A copy; caller frees with free().
 */
static inline char *
fuzz_strndup(const uint8_t *data, size_t size)
{
    char *s = strndup((const char *) data, size);

    baton_assert_alloc(s);
    return s;
}

/*! A property every parse must keep; a broken one is a crash (abort) */
#define fuzz_check(cond)                                                  \
    do {                                                                  \
        if (!(cond)) {                                                    \
            fprintf(stderr, "%s:%d: property broken: %s\n", __FILE__,     \
                    __LINE__, #cond);                                     \
            abort();                                                      \
        }                                                                 \
    } while (0)

#endif /* BATON_FUZZ_H */
