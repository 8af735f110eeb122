/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Word splitting with shell-like quoting and no shell (see argv.h).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "baton/argv.h"
#include "baton/rc.h"

#define SHELL_SPECIAL "$`;&|<>()"

struct splitter {
    const char *p;
    char **words;
    size_t n;
    char *cur;        /* word being built, NULL between words */
    size_t cur_len;
    baton_reason_t *why;
};

static void
cur_add(struct splitter *s, char c)
{
    if (s->cur == NULL) {
        /* A word is never longer than the whole text */
        s->cur = calloc(strlen(s->p) + 2, 1);
        baton_assert_alloc(s->cur);
        s->cur_len = 0;
    }
    if (c != '\0') {
        s->cur[s->cur_len++] = c;
    }
}

static void
word_end(struct splitter *s)
{
    char **grown = NULL;

    if (s->cur == NULL) {
        return;
    }
    grown = realloc(s->words, (s->n + 2) * sizeof(char *));
    baton_assert_alloc(grown);
    s->words = grown;
    s->words[s->n++] = s->cur;
    s->words[s->n] = NULL;
    s->cur = NULL;
}

/* s->p points after the opening quote; leaves it after the closing one */
static int
quoted(struct splitter *s, char q)
{
    cur_add(s, '\0');   /* '' is an (empty) word */
    while (*s->p != q) {
        if (*s->p == '\0') {
            baton_reason_set(s->why, "Unclosed %c quote", q);
            return BATON_RC_CONFIG;
        }
        if ((q == '"') && (*s->p == '\\') && (s->p[1] != '\0')
            && (strchr("\"\\$`", s->p[1]) != NULL)) {
            s->p++;
        }
        cur_add(s, *s->p++);
    }
    s->p++;
    return BATON_RC_OK;
}

static int
split_one(struct splitter *s)
{
    char c = *s->p;

    if ((c == ' ') || (c == '\t') || (c == '\n')) {
        word_end(s);
        s->p++;
    } else if ((c == '\'') || (c == '"')) {
        s->p++;
        return quoted(s, c);
    } else if (c == '\\') {
        if (s->p[1] == '\0') {
            baton_reason_set(s->why, "Trailing backslash");
            return BATON_RC_CONFIG;
        }
        cur_add(s, s->p[1]);
        s->p += 2;
    } else if (strchr(SHELL_SPECIAL, c) != NULL) {
        baton_reason_set(s->why, "Unquoted '%c' (no shell interprets it: "
                         "quote it to pass it literally)", c);
        return BATON_RC_CONFIG;
    } else {
        cur_add(s, c);
        s->p++;
    }
    return BATON_RC_OK;
}

int
baton_argv_split(const char *text, char ***words, size_t *n,
                 baton_reason_t *why)
{
    struct splitter s = { .p = (text != NULL) ? text : "", .why = why };
    int rc = BATON_RC_OK;

    *words = NULL;
    while ((rc == BATON_RC_OK) && (*s.p != '\0')) {
        rc = split_one(&s);
    }
    word_end(&s);
    if (rc != BATON_RC_OK) {
        baton_argv_free(s.words);
        return rc;
    }
    if (s.words == NULL) {
        s.words = calloc(1, sizeof(char *));
        baton_assert_alloc(s.words);
    }
    *words = s.words;
    if (n != NULL) {
        *n = s.n;
    }
    return BATON_RC_OK;
}

char **
baton_argv_build(const char *program, const char *const *words)
{
    size_t n = 0;
    char **all = NULL;

    while ((words != NULL) && (words[n] != NULL)) {
        n++;
    }
    all = calloc(n + 2, sizeof(char *));
    baton_assert_alloc(all);
    all[0] = strdup(program);
    baton_assert_alloc(all[0]);
    for (size_t i = 0; i < n; i++) {
        all[i + 1] = strdup(words[i]);
        baton_assert_alloc(all[i + 1]);
    }
    return all;
}

void
baton_argv_free(char **words)
{
    if (words == NULL) {
        return;
    }
    for (size_t i = 0; words[i] != NULL; i++) {
        free(words[i]);
    }
    free(words);
}

int
baton_argv_param_parse(const char *value, void *field, baton_reason_t *why)
{
    char **words = NULL;
    int rc = baton_argv_split(value, &words, NULL, why);

    if ((rc == BATON_RC_OK) && (field != NULL)) {
        *(char ***) field = words;
        return BATON_RC_OK;
    }
    baton_argv_free(words);
    return rc;
}
