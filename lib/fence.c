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
#include <time.h>

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
    return baton_s(baton_params_get(f->params, "action"),
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

static int
run_password_script(baton_fence_t *f, const char *script, baton_reason_t *why)
{
    char **argv = NULL;
    char *line = NULL;
    int rc = baton_fence_split_argv(script, &argv);

    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "password_script is not a valid command line");
        return rc;
    }
    rc = baton_fence_run_first_line(argv, baton_fence_param_ms(f,
                                    "login_timeout"), &line, why);
    if (rc == BATON_RC_OK) {
        baton_params_set(f->params, "password", line);
        explicit_bzero(line, strlen(line));
    }
    free(line);
    baton_fence_argv_free(argv);
    return rc;
}

int
baton_fence_password(baton_fence_t *f, const char **password,
                     baton_reason_t *why)
{
    const char *script = baton_params_get(f->params, "password_script");
    int rc = BATON_RC_OK;

    *password = NULL;
    if (!baton_params_is_set(f->params, "password") && (script != NULL)
        && (*script != '\0')) {
        rc = run_password_script(f, script, why);
    }
    if (rc == BATON_RC_OK) {
        *password = baton_params_get(f->params, "password");
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

void
baton_fence_sleep_ms(unsigned long ms)
{
    struct timespec ts = {
        .tv_sec = (time_t) (ms / 1000),
        .tv_nsec = (long) (ms % 1000) * 1000000L,
    };

    while ((nanosleep(&ts, &ts) != 0) && (errno == EINTR)) {
        continue;
    }
}
