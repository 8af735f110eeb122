/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The program boundary every OCF agent shares: the one place where an rc
 * becomes an OCF exit code and the reason reaches stderr.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "baton/log.h"
#include "baton/ocf.h"

static void
print_usage(const struct baton_agent_def *def, const struct baton_ocf_op *ops,
            FILE *out)
{
    bool own_validate = false;

    fprintf(out, "usage: %s {", def->name);
    for (const struct baton_ocf_op *op = ops; op->action != NULL; op++) {
        fprintf(out, "%s|", op->action);
        own_validate |= (strcmp(op->action, BATON_OCF_ACTION_VALIDATE) == 0);
    }
    /* validate-all is always there: the agent's own or the table's */
    fprintf(out, "%smeta-data|usage}\n",
            own_validate ? "" : BATON_OCF_ACTION_VALIDATE "|");
}

int
baton_ocf_main(const struct baton_agent_def *def,
               const struct baton_ocf_op *ops, const char *metadata_xml,
               int argc, char **argv, char **envp)
{
    baton_reason_t why = BATON_REASON_INIT;
    enum baton_res_state state = BATON_RES_UNKNOWN;
    baton_ocf_t *ocf = NULL;
    int rc;
    int code;

    baton_rc_fatal_ocf(true);
    /* meta-data is asked often and needs nothing: answer before any set-up */
    if ((argc == 2) && (strcmp(argv[1], BATON_OCF_ACTION_METADATA) == 0)) {
        fputs(metadata_xml, stdout);
        return BATON_OCF_SUCCESS;
    }
    if ((argc == 2) && (strcmp(argv[1], BATON_OCF_ACTION_USAGE) == 0)) {
        print_usage(def, ops, stdout);
        return BATON_OCF_SUCCESS;
    }
    baton_log_init_lazy(def->name);
    ocf = baton_ocf_new(def, argc, argv, envp);
    if (argc != 2) {
        print_usage(def, ops, stderr);
        baton_reason_set(&why, "Expected exactly one action argument");
        rc = BATON_RC_USAGE;
    } else {
        rc = baton_ocf_dispatch(ocf, ops, &state, &why);
    }
    code = baton_rc2ocf(rc, state);
    if ((code != BATON_OCF_SUCCESS) && (code != BATON_OCF_NOT_RUNNING)
        && (code != BATON_OCF_RUNNING_PROMOTED)) {
        if (!baton_reason_is_set(&why)) {
            baton_reason_set(&why, "%s failed: %s", baton_ocf_action(ocf),
                             baton_rc_str(rc));
        }
        baton_err("%s", why.text);
        fprintf(stderr, BATON_OCF_EXIT_REASON "%s\n", why.text);
    } else if (baton_reason_is_set(&why)) {
        /* A not-running or degraded state may carry an explanation too */
        baton_info("%s", why.text);
    }
    baton_ocf_free(ocf);
    baton_log_fini();
    return code;
}
