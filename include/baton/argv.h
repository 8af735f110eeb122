/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Splitting a configured command line (cmdline_options, check_program)
 * into an argv list by documented quoting rules, without any shell.
 */
#ifndef BATON_ARGV_H
#define BATON_ARGV_H

#include <stddef.h>

#include "baton/reason.h"

/*!
 * \brief Split text into words, the way a POSIX shell splits a simple
 *        command, minus everything that would make it a shell.
 *
 * Rules:
 *  - Words are separated by spaces, tabs and newlines.
 *  - '...' keeps everything inside literally.
 *  - "..." keeps everything inside literally except \" \\ \$ and \`,
 *    which stand for the second character.
 *  - Outside quotes, a backslash makes the next character literal.
 *  - Quotes join: a'b c'd is one word "ab cd"; '' is an empty word.
 *  - No expansion of any kind: an unquoted $ ` ; & | < > ( ) is refused
 *    (BATON_RC_CONFIG) rather than silently passed as text, because in
 *    ocf:heartbeat:anything a shell would have interpreted it. Quote it
 *    to pass it literally. Unquoted ~ * ? [ are ordinary characters.
 *
 * @code
 * char **words = NULL;
 * size_t n = 0;
 * rc = baton_argv_split("--name 'my app' -v", &words, &n, why);
 * // words = { "--name", "my app", "-v", NULL }, n = 3
 * baton_argv_free(words);
 * @endcode
 *
 * \param[in]  text   The text; NULL or blank gives zero words.
 * \param[out] words  NULL-terminated array; caller frees with
 *                    baton_argv_free().
 * \param[out] n      Number of words (may be NULL).
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set (unclosed
 *         quote, trailing backslash, shell syntax).
 */
int baton_argv_split(const char *text, char ***words, size_t *n,
                     baton_reason_t *why);

/*!
 * \brief Build argv = { program, words of text..., NULL }.
 * \return As baton_argv_split(); caller frees with baton_argv_free().
 */
int baton_argv_build(const char *program, const char *text, char ***argv,
                     baton_reason_t *why);

/*! \brief Free a word array; NULL is a no-op. */
void baton_argv_free(char **words);

/*!
 * \brief Parameter check (baton_param_check_fn) that \p value splits.
 */
int baton_argv_check(const char *value, baton_reason_t *why);

#endif /* BATON_ARGV_H */
