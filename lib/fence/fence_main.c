/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The program boundary every fence agent shares: the one place where an rc
 * becomes a fence-agents exit code and the result line reaches stdout.
 */
#include <stdio.h>
#include <string.h>

#include "baton/fence.h"
#include "baton/log.h"
#include "fence_private.h"

#define BATON_FENCE_RESULT_MAX 512

static bool
changes_power(enum baton_fence_act action)
{
    return (action == BATON_FENCE_ACT_ON) || (action == BATON_FENCE_ACT_OFF)
           || (action == BATON_FENCE_ACT_REBOOT);
}

int
baton_fence_exit_code(enum baton_fence_act action, int rc,
                      enum baton_fence_power power)
{
    if (action == BATON_FENCE_ACT_STATUS) {
        /* 2 means "off" to the fencer: never use it for a failure */
        if (rc != BATON_RC_OK) {
            return BATON_FENCE_EXIT_GENERIC;
        }
        return (power == BATON_FENCE_POWER_ON) ? BATON_FENCE_EXIT_OK
               : (power == BATON_FENCE_POWER_OFF) ? BATON_FENCE_EXIT_STATUS_OFF
               : BATON_FENCE_EXIT_GENERIC;
    }
    switch (rc) {
        case BATON_RC_OK:      return BATON_FENCE_EXIT_OK;
        case BATON_RC_AUTH:    return BATON_FENCE_EXIT_LOGIN_DENIED;
        case BATON_RC_TIMEOUT: return BATON_FENCE_EXIT_TIMED_OUT;
        default:               return BATON_FENCE_EXIT_GENERIC;
    }
}

static void
print_help(const struct baton_agent_def *def, FILE *out)
{
    fprintf(out, "Usage:\n\t%s [options]\nOptions:\n", def->name);
    for (size_t i = 0; i < def->n_params; i++) {
        const struct baton_param_def *p = &def->params[i];
        char opt[96];
        char *c = NULL;

        if ((p->flags & BATON_PARAM_HIDDEN) != 0) {
            continue;
        }
        snprintf(opt, sizeof(opt), "%s", p->name);
        for (c = opt; *c != '\0'; c++) {
            *c = (*c == '_') ? '-' : *c;
        }
        fprintf(out, "   %c%c%s--%s%s%-*s %s\n",
                (p->short_opt != '\0') ? '-' : ' ',
                (p->short_opt != '\0') ? p->short_opt : ' ',
                (p->short_opt != '\0') ? ", " : "  ", opt,
                (p->arg_name != NULL) ? "=" : "",
                (int) (28 - strlen(opt)), baton_s(p->arg_name, ""),
                baton_s(p->shortdesc, ""));
    }
    fputs("\nWith no options, options are read from stdin as key=value "
          "lines.\n", out);
}

/* verbose, quiet and debug_file adjust what logging set up */
static void
apply_log_options(const struct baton_fence_conf *c)
{
    /* The result line on stdout is the record of a success (as with
     * fence-agents): stderr carries warnings and errors only, unless
     * verbose asks for everything. */
    qb_log_filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_CLEAR_ALL,
                      QB_LOG_FILTER_FILE, "*", LOG_TRACE);
    qb_log_filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE,
                      "*", (c->verbose || (c->verbose_level > 0))
                           ? LOG_DEBUG : LOG_WARNING);
    if (c->quiet) {
        qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_FALSE);
    }
    if ((c->debug_file != NULL) && (*c->debug_file != '\0')) {
        int32_t t = qb_log_file_open(c->debug_file);

        if (t >= 0) {
            qb_log_filter_ctl(t, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*",
                              LOG_DEBUG);
            qb_log_ctl(t, QB_LOG_CONF_ENABLED, QB_TRUE);
        }
    }
}

/* help, version, metadata, manpage: answered without any set-up */
static bool
answer_docs(const struct baton_fence_agent *agent,
            const struct baton_fence_conf *c)
{
    if (c->help) {
        print_help(agent->def, stdout);
        return true;
    }
    if (c->version) {
        printf("%s %s\n", agent->def->name, agent->def->version);
        return true;
    }
    if (c->action == BATON_FENCE_ACT_METADATA) {
        fputs(agent->metadata_xml, stdout);
        return true;
    }
    if (c->action == BATON_FENCE_ACT_MANPAGE) {
        fputs(agent->manpage, stdout);
        return true;
    }
    return false;
}

static int
run_checked(baton_fence_t *f, enum baton_fence_power *power, char *result,
            baton_reason_t *why)
{
    int rc = baton_fence_validate(f, why);

    if (rc == BATON_RC_OK) {
        rc = baton_fence_run(f, power, result, BATON_FENCE_RESULT_MAX, why);
    }
    return rc;
}

int
baton_fence_main(const struct baton_fence_agent *agent, int argc,
                 char **argv)
{
    baton_reason_t why = BATON_REASON_INIT;
    enum baton_fence_power power = BATON_FENCE_POWER_UNKNOWN;
    char result[BATON_FENCE_RESULT_MAX] = "";
    baton_fence_t *f = NULL;
    int rc = baton_fence_new(agent, argc, argv, stdin, &f, &why);
    const struct baton_fence_conf *c = baton_fence_conf(f);
    int code;

    if ((rc == BATON_RC_OK) && answer_docs(agent, c)) {
        baton_fence_free(f);
        return (fflush(stdout) == 0) ? BATON_FENCE_EXIT_OK
                                     : BATON_FENCE_EXIT_GENERIC;
    }
    baton_log_init(agent->def->name);
    apply_log_options(c);
    if (rc == BATON_RC_OK) {
        rc = run_checked(f, &power, result, &why);
    }
    code = baton_fence_exit_code(c->action, rc, power);
    if (rc != BATON_RC_OK) {
        if (!baton_reason_is_set(&why)) {
            baton_reason_set(&why, "%s failed: %s", baton_fence_action(f),
                             baton_rc_str(rc));
        }
        baton_err("%s", why.text);
        printf("Failed: %s\n", why.text);
    } else {
        if (changes_power(c->action)) {
            baton_notice("%s: %s", baton_fence_action(f), result);
        } else {
            baton_info("%s: %s", baton_fence_action(f), result);
        }
        printf("%s\n", result);
    }
    baton_fence_free(f);
    baton_log_fini();
    return (fflush(stdout) == 0) ? code : BATON_FENCE_EXIT_GENERIC;
}
