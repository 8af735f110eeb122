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
 * \brief Build argv = { program, words..., NULL }.
 * \param[in] words  NULL-terminated words (from baton_argv_split()), or
 *                   NULL for none; copied.
 * \return The array; caller frees with baton_argv_free(). Never NULL.
 */
char **baton_argv_build(const char *program, const char *const *words);

/*! \brief Free a word array; NULL is a no-op. */
void baton_argv_free(char **words);

/*!
 * \brief Parameter parser (baton_param_parse_fn, for BATON_KIND_CUSTOM):
 *        split \p value by the rules of baton_argv_split().
 * \param[out] field  A char ** that receives the NULL-terminated words
 *                    (caller frees with baton_argv_free()); NULL to only
 *                    check. Untouched on failure.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set (without the
 *         parameter's name).
 */
int baton_argv_param_parse(const char *value, void *field,
                           baton_reason_t *why);

#endif /* BATON_ARGV_H */
