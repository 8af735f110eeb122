/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A unified diff of the CIB before and after, for --dry-run. Both texts
 * come from the same serialiser and the migration only changes attribute
 * values, so lines correspond one to one; should the counts differ, one
 * hunk covers everything between the common head and tail.
 */
#include <stdlib.h>
#include <string.h>

#include "baton/rc.h"
#include "migrate.h"

#define CONTEXT 3

struct lines {
    const char **start;
    size_t *len;
    size_t n;
};

static void
split(const char *text, struct lines *l)
{
    size_t cap = 1;

    for (const char *p = text; *p != '\0'; p++) {
        cap += (*p == '\n');
    }
    l->start = calloc(cap + 1, sizeof(*l->start));
    l->len = calloc(cap + 1, sizeof(*l->len));
    baton_assert_alloc(l->start);
    baton_assert_alloc(l->len);
    l->n = 0;
    while (*text != '\0') {
        const char *nl = strchr(text, '\n');
        size_t len = (nl != NULL) ? (size_t) (nl - text) : strlen(text);

        l->start[l->n] = text;
        l->len[l->n++] = len;
        text += len + ((nl != NULL) ? 1 : 0);
    }
}

static bool
same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
    return (a->len[i] == b->len[j])
           && (memcmp(a->start[i], b->start[j], a->len[i]) == 0);
}

static void
put(FILE *out, char mark, const struct lines *l, size_t i)
{
    fprintf(out, "%c%.*s\n", mark, (int) l->len[i], l->start[i]);
}

/* One hunk: old lines [a0, a1), new lines [b0, b1) */
static void
hunk(FILE *out, const struct lines *a, size_t a0, size_t a1,
     const struct lines *b, size_t b0, size_t b1, bool paired)
{
    fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", a0 + 1, a1 - a0, b0 + 1,
            b1 - b0);
    if (!paired) {
        for (size_t i = a0; i < a1; i++) {
            put(out, '-', a, i);
        }
        for (size_t j = b0; j < b1; j++) {
            put(out, '+', b, j);
        }
        return;
    }
    for (size_t i = a0; i < a1; i++) {
        if (same(a, i, b, i)) {
            put(out, ' ', a, i);
        } else {
            put(out, '-', a, i);
            put(out, '+', b, i);
        }
    }
}

/* Equal line counts: hunks around each run of changed lines */
static size_t
paired_diff(FILE *out, const struct lines *a, const struct lines *b)
{
    size_t changed = 0;
    size_t i = 0;

    while (i < a->n) {
        size_t start, end, last;

        if (same(a, i, b, i)) {
            i++;
            continue;
        }
        start = (i > CONTEXT) ? i - CONTEXT : 0;
        last = i;
        /* Extend while the next change is within two contexts */
        for (size_t k = i; k < a->n && k <= last + 2 * CONTEXT; k++) {
            if (!same(a, k, b, k)) {
                last = k;
                changed++;
            }
        }
        end = (last + CONTEXT + 1 < a->n) ? last + CONTEXT + 1 : a->n;
        hunk(out, a, start, end, b, start, end, true);
        i = end;
    }
    return changed;
}

size_t
migrate_diff_print(const char *old_text, const char *new_text,
                   const char *old_name, const char *new_name, FILE *out)
{
    struct lines a, b;
    size_t changed = 0;

    split(old_text, &a);
    split(new_text, &b);
    fprintf(out, "--- %s\n+++ %s\n", old_name, new_name);
    if (a.n == b.n) {
        changed = paired_diff(out, &a, &b);
    } else {
        size_t head = 0, tail = 0;

        while (head < a.n && head < b.n && same(&a, head, &b, head)) {
            head++;
        }
        while (tail < a.n - head && tail < b.n - head
               && same(&a, a.n - 1 - tail, &b, b.n - 1 - tail)) {
            tail++;
        }
        hunk(out, &a, head, a.n - tail, &b, head, b.n - tail, false);
        changed = (a.n - tail - head) + (b.n - tail - head);
    }
    free(a.start);
    free(a.len);
    free(b.start);
    free(b.len);
    return changed;
}
