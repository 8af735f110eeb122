/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The fence invocation's layout, shared by lib/fence*.c only.
 */
#ifndef BATON_FENCE_PRIVATE_H
#define BATON_FENCE_PRIVATE_H

#include "baton/fence.h"

struct baton_fence_s {
    const struct baton_fence_agent *agent;
    baton_params_t *params;
    /* The agent's configuration struct (conf_size bytes, at least a
     * struct baton_fence_conf), wiped before it is freed */
    struct baton_fence_conf *conf;
    size_t conf_size;
    bool validated;                /* conf complete, conf_check passed */
    char *script_password;         /* password_script's output, or NULL */
    void *conn;                    /* what ops->connect opened, or NULL */
    bool connected;
};

/* Open the agent's connection once (no-op when already open) */
int baton_fence_connect(baton_fence_t *f, baton_reason_t *why);

/* Close it (no-op when not open) */
void baton_fence_disconnect(baton_fence_t *f);

#endif /* BATON_FENCE_PRIVATE_H */
