/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: GTID lists (agents/mariadb/mariadb_gtid.c) as a server or
 * a peer's published attribute gives them. The input is two lists split
 * at the first '|': each is parsed, formatted and parsed again, and the
 * two are compared, merged and checked for errant transactions.
 */
#include "fuzz.h"
#include "mariadb.h"

static enum maria_gtid_order
reverse(enum maria_gtid_order o)
{
    switch (o) {
        case MARIA_GTID_AHEAD:  return MARIA_GTID_BEHIND;
        case MARIA_GTID_BEHIND: return MARIA_GTID_AHEAD;
        default:                return o;
    }
}

/* Parse, then format and parse again: the same list */
static bool
round_trip(const char *text, struct maria_gtid_list *l)
{
    static char buf[MARIA_GTID_MAX * 48];
    struct maria_gtid_list again;

    if (maria_gtid_parse(text, l) != BATON_RC_OK) {
        fuzz_check(l->n == 0);
        return false;
    }
    fuzz_check(l->n <= MARIA_GTID_MAX);
    maria_gtid_format(l, buf, sizeof(buf));
    fuzz_check(maria_gtid_parse(buf, &again) == BATON_RC_OK);
    fuzz_check(again.n == l->n);
    fuzz_check(memcmp(again.g, l->g, l->n * sizeof(l->g[0])) == 0);
    return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_strndup(data, size);
    char *bar = strchr(text, '|');
    struct maria_gtid_list a;
    struct maria_gtid_list b;
    struct maria_gtid_list m;
    struct maria_gtid bad;

    if (bar != NULL) {
        *bar = '\0';
    }
    if (round_trip(text, &a) && (bar != NULL) && round_trip(bar + 1, &b)) {
        enum maria_gtid_order o = maria_gtid_cmp(&a, &b);

        fuzz_check(maria_gtid_cmp(&b, &a) == reverse(o));
        fuzz_check(maria_gtid_cmp(&a, &a) == MARIA_GTID_EQUAL);
        m = a;
        maria_gtid_merge(&m, &b);
        fuzz_check(m.n <= MARIA_GTID_MAX);
        /* a list covers itself; nothing is errant against itself */
        fuzz_check(!maria_gtid_errant(&a, &a, &bad));
        if (maria_gtid_covers(&a, &b) && maria_gtid_covers(&b, &a)) {
            fuzz_check(o == MARIA_GTID_EQUAL);
        }
    }
    free(text);
    return 0;
}
