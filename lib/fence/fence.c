/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The fence invocation: where its options come from, their validation, the
 * password (given or fetched by password_script) and the agent's connection.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "baton/argv.h"
#include "baton/child.h"
#include "baton/log.h"
#include "fence_private.h"

int
baton_fence_new(const struct baton_fence_agent *agent, int argc,
                char **argv, FILE *in, baton_fence_t **f, baton_reason_t *why)
{
    baton_fence_t *fence = calloc(1, sizeof(*fence));
    int rc;

    baton_assert_alloc(fence);
    fence->agent = agent;
    fence->params = baton_params_new(agent->def);
    *f = fence;
    /* fence-agents reads stdin only when the command line is empty */
    if (argc > 1) {
        return baton_fence_parse_argv(fence->params, argc, argv, why);
    }
    if (in == NULL) {
        return BATON_RC_OK;
    }
    rc = baton_fence_read_stdin(fence->params, in);
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot read options from stdin: %s",
                         baton_rc_str(rc));
    }
    return rc;
}

void
baton_fence_free(baton_fence_t *f)
{
    if (f == NULL) {
        return;
    }
    baton_fence_disconnect(f);
    baton_params_free(f->params);
    free(f);
}

const char *
baton_fence_action(const baton_fence_t *f)
{
    return baton_s(baton_params_get(f->params, BATON_FENCE_PARAM_ACTION),
                   BATON_FENCE_ACTION_REBOOT);
}

baton_params_t *
baton_fence_params(const baton_fence_t *f)
{
    return f->params;
}

const char *
baton_fence_param(const baton_fence_t *f, const char *name)
{
    return baton_params_get(f->params, name);
}

unsigned long
baton_fence_param_ms(const baton_fence_t *f, const char *name)
{
    long long v = 0;

    if ((baton_params_get_int(f->params, name, &v) != BATON_RC_OK) || (v < 0)) {
        return 0;
    }
    return (unsigned long) v * 1000UL;
}

int
baton_fence_validate(baton_fence_t *f, baton_reason_t *why)
{
    int rc = baton_params_validate(f->params, why);

    if ((rc == BATON_RC_OK) && (f->agent->ops->validate != NULL)) {
        rc = f->agent->ops->validate(f, why);
    }
    return rc;
}

/* Grace between SIGTERM and SIGKILL once the script's deadline passed */
#define BATON_FENCE_SCRIPT_GRACE_MS 200U
#define BATON_FENCE_SCRIPT_CAPTURE  4096U

/* The first line of what the script printed becomes the password */
static void
keep_first_line(baton_fence_t *f, const char *out)
{
    char *line = strndup(out, strcspn(out, "\r\n"));

    baton_assert_alloc(line);
    baton_params_set(f->params, BATON_FENCE_PARAM_PASSWORD, line);
    explicit_bzero(line, strlen(line));
    free(line);
}

static int
run_password_script(baton_fence_t *f, const char *script, baton_reason_t *why)
{
    unsigned long tmo_ms =
        baton_fence_param_ms(f, BATON_FENCE_PARAM_LOGIN_TIMEOUT);
    baton_child_t *child = NULL;
    char **argv = NULL;
    int rc = baton_argv_split(script, &argv, NULL, why);

    if ((rc != BATON_RC_OK) || (argv == NULL) || (argv[0] == NULL)) {
        baton_reason_set(why, "password_script is not a valid command line");
        baton_argv_free(argv);
        return BATON_RC_CONFIG;
    }
    child = baton_child_new((const char *const *) argv);
    baton_child_set_timeout(child, (unsigned) tmo_ms);
    baton_child_set_grace(child, BATON_FENCE_SCRIPT_GRACE_MS);
    baton_child_set_capture(child, BATON_FENCE_SCRIPT_CAPTURE);
    baton_child_set_flags(child, BATON_CHILD_SECRET_OUTPUT);
    rc = baton_child_run(child);
    if (rc == BATON_RC_OK) {
        keep_first_line(f, baton_child_stdout(child, NULL));
    } else if (rc == BATON_RC_TIMEOUT) {
        baton_reason_set(why, "password_script %s did not finish within %lu s "
                         "(login_timeout)", argv[0], tmo_ms / 1000);
    } else {
        baton_reason_set(why, "password_script %s failed: %s", argv[0],
                         baton_rc_str(rc));
    }
    baton_child_free(child);
    baton_argv_free(argv);
    return rc;
}

int
baton_fence_password(baton_fence_t *f, const char **password,
                     baton_reason_t *why)
{
    const char *script = baton_params_get(f->params,
                                          BATON_FENCE_PARAM_PASSWORD_SCRIPT);
    int rc = BATON_RC_OK;

    *password = NULL;
    if (!baton_params_is_set(f->params, BATON_FENCE_PARAM_PASSWORD)
        && (script != NULL) && (*script != '\0')) {
        rc = run_password_script(f, script, why);
    }
    if (rc == BATON_RC_OK) {
        *password = baton_params_get(f->params, BATON_FENCE_PARAM_PASSWORD);
    }
    return rc;
}

int
baton_fence_connect(baton_fence_t *f, baton_reason_t *why)
{
    int rc;

    if (f->connected || (f->agent->ops->connect == NULL)) {
        return BATON_RC_OK;
    }
    rc = f->agent->ops->connect(f, &f->conn, why);
    f->connected = (rc == BATON_RC_OK);
    return rc;
}

void
baton_fence_disconnect(baton_fence_t *f)
{
    if (f->connected && (f->agent->ops->disconnect != NULL)) {
        f->agent->ops->disconnect(f->conn);
    }
    f->conn = NULL;
    f->connected = false;
}
