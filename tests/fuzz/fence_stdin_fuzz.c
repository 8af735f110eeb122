/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: the key=value lines a fencer writes on a fence agent's
 * stdin (lib/fence/fence_opts.c baton_fence_read_stdin), read into the
 * real agents' tables and validated as fence_baton_ipmilan and
 * fence_baton_heuristics_ping validate them before acting.
 */
#include "baton/fence.h"
#include "hping.h"
#include "ipmilan.h"
#include "fuzz.h"

static void
read_as(const struct baton_agent_def *def, const struct baton_fence_ops *ops,
        const uint8_t *data, size_t size)
{
    const struct baton_fence_agent agent = { .def = def, .ops = ops };
    char prog[] = "fence_fuzz";
    char *argv[] = { prog, NULL };
    baton_reason_t why = BATON_REASON_INIT;
    baton_fence_t *f = NULL;
    /* fmemopen() reads from a copy, so the input stays const */
    char *copy = calloc(size + 1, 1);
    FILE *in = NULL;
    int rc;

    baton_assert_alloc(copy);
    memcpy(copy, data, size);
    if (size > 0) {     /* fmemopen() refuses an empty buffer */
        in = fmemopen(copy, size, "r");
        baton_assert_alloc(in);
    }
    rc = baton_fence_new(&agent, 1, argv, in, &f, &why);
    fuzz_check(rc == BATON_RC_OK);
    /* A configuration that parsed holds values in their ranges */
    if (baton_fence_validate(f, &why) == BATON_RC_OK) {
        fuzz_check(baton_fence_conf(f)->retry_on >= 1);
        fuzz_check(baton_fence_conf(f)->power_timeout_s <= 86400);
    }
    fuzz_check(baton_fence_action(f) != NULL);
    baton_fence_free(f);
    if (in != NULL) {
        fclose(in);
    }
    free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_as(&baton_fence_ipmilan_agent, &baton_fence_ipmilan_ops, data, size);
    read_as(&baton_fence_hping_agent, &baton_fence_hping_ops, data, size);
    return 0;
}
