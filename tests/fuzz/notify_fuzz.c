/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: a clone's notification as Pacemaker puts it in the
 * environment (lib/cluster/notify.c baton_notify_parse).
 *
 * Input: lines name=value; each becomes OCF_RESKEY_CRM_meta_name=value
 * (notify_type=pre, notify_operation=promote, notify_promote_uname=a b).
 */
#include "baton/notify.h"
#include "fuzz.h"

#define FUZZ_META "OCF_RESKEY_CRM_meta_"

/* "name=value" lines -> a NULL-terminated "OCF_RESKEY_CRM_meta_..." array */
static char **
meta_env(const uint8_t *data, size_t size)
{
    char **envp = calloc(size + 2, sizeof(char *));
    size_t n = 0;
    size_t start = 0;

    baton_assert_alloc(envp);
    for (size_t i = 0; i <= size; i++) {
        if ((i < size) && (data[i] != '\n')) {
            continue;
        }
        envp[n] = calloc(strlen(FUZZ_META) + (i - start) + 1, 1);
        baton_assert_alloc(envp[n]);
        memcpy(envp[n], FUZZ_META, strlen(FUZZ_META));
        memcpy(envp[n] + strlen(FUZZ_META), data + start, i - start);
        n++;
        start = i + 1;
    }
    return envp;
}

static void
check_list(const struct baton_notify *n, enum baton_notify_list l)
{
    fuzz_check(n->n[l] <= BATON_NOTIFY_MAX_NODES);
    for (size_t i = 0; i < n->n[l]; i++) {
        const char *node = n->nodes[l][i];

        fuzz_check(memchr(node, '\0', BATON_NODE_NAME_MAX) != NULL);
        fuzz_check((node[0] != '\0') && (strpbrk(node, " \t\n") == NULL));
        fuzz_check(baton_notify_has(n, l, node));
    }
    fuzz_check((n->n[l] == 0) == (baton_notify_first(n, l) == NULL));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char **envp = meta_env(data, size);
    struct baton_notify *n = calloc(1, sizeof(*n));
    int rc;

    baton_assert_alloc(n);
    rc = baton_notify_parse(envp, n);
    fuzz_check((rc == BATON_RC_OK) || (rc == BATON_RC_USAGE));
    if (rc == BATON_RC_OK) {
        fuzz_check(memchr(n->op, '\0', sizeof(n->op)) != NULL);
    }
    for (int l = 0; l < BATON_NOTIFY_N_LISTS; l++) {
        check_list(n, (enum baton_notify_list) l);
    }
    fuzz_check(!baton_notify_has(n, BATON_NOTIFY_ACTIVE, NULL));
    free(n);
    for (size_t i = 0; envp[i] != NULL; i++) {
        free(envp[i]);
    }
    free(envp);
    return 0;
}
