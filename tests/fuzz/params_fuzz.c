/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: OCF_RESKEY_* values (lib/core/params.c) read from an
 * environment into the real agents' tables, validated and parsed into
 * each agent's configuration struct (baton_params_parse(), then the
 * agent's conf_check), as every action does before it acts.
 *
 * Input: one character choosing the agent ('0' IPaddr2, '1' ping, '2' app,
 * '3' lbprobe), then name=value lines; each becomes OCF_RESKEY_name=value.
 */
#include "baton/params.h"
#include "fuzz.h"

/* The tables of agents/<name>/<name>_table.c */
extern const struct baton_agent_def baton_ipaddr2_agent;
extern const struct baton_agent_def baton_ping_agent;
extern const struct baton_agent_def baton_app_agent;
extern const struct baton_agent_def baton_lbprobe_agent;

#define FUZZ_RESKEY "OCF_RESKEY_"

/* "name=value" lines -> a NULL-terminated "OCF_RESKEY_name=value" array */
static char **
reskey_env(const uint8_t *data, size_t size)
{
    char **envp = calloc(size + 2, sizeof(char *));
    size_t n = 0;
    size_t start = 0;

    baton_assert_alloc(envp);
    for (size_t i = 0; i <= size; i++) {
        if ((i < size) && (data[i] != '\n')) {
            continue;
        }
        envp[n] = calloc(strlen(FUZZ_RESKEY) + (i - start) + 1, 1);
        baton_assert_alloc(envp[n]);
        memcpy(envp[n], FUZZ_RESKEY, strlen(FUZZ_RESKEY));
        /* a NUL inside the line ends the entry, as it would in environ */
        memcpy(envp[n] + strlen(FUZZ_RESKEY), data + start, i - start);
        n++;
        start = i + 1;
    }
    return envp;
}

static void
env_free(char **envp)
{
    for (size_t i = 0; envp[i] != NULL; i++) {
        free(envp[i]);
    }
    free(envp);
}

static void
parse_as(const struct baton_agent_def *def, char **envp)
{
    baton_params_t *params = baton_params_new(def);
    baton_reason_t why = BATON_REASON_INIT;
    void *conf = NULL;
    int rc;

    baton_params_load_env(params, envp);
    rc = baton_params_check_all(params, &why);
    fuzz_check((rc == BATON_RC_OK) || baton_reason_is_set(&why));
    if (def->conf_size > 0) {
        conf = calloc(1, def->conf_size);
        baton_assert_alloc(conf);
        baton_reason_clear(&why);
        rc = baton_params_parse(params, conf, &why);
        fuzz_check((rc == BATON_RC_OK) || (rc == BATON_RC_CONFIG));
        fuzz_check((rc == BATON_RC_OK) || baton_reason_is_set(&why));
        baton_params_conf_release(params, conf);
        /* stop's lenient parse of the same values */
        memset(conf, 0, def->conf_size);
        baton_reason_clear(&why);
        rc = baton_params_parse_lenient(params, conf, &why);
        fuzz_check((rc == BATON_RC_OK) || baton_reason_is_set(&why));
        baton_params_conf_release(params, conf);
        free(conf);
    }
    baton_params_free(params);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct baton_agent_def *const agents[] = {
        &baton_ipaddr2_agent, &baton_ping_agent, &baton_app_agent,
        &baton_lbprobe_agent,
    };
    char **envp = NULL;

    if (size < 1) {
        return 0;
    }
    envp = reskey_env(data + 1, size - 1);
    parse_as(agents[data[0] % BATON_N_ELEMENTS(agents)], envp);
    env_free(envp);
    return 0;
}
