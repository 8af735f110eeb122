/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The fence invocation: where its options come from, their parsing into
 * the agent's configuration, the password (given or fetched by
 * password_script) and the agent's connection.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "baton/argv.h"
#include "baton/child.h"
#include "baton/log.h"
#include "fence_private.h"

/* What baton_fence_new() needs before validation: whether to answer from
 * embedded text (help, version, metadata, manpage) and how to log, even
 * when another value is wrong. A value that fails here is reported by
 * baton_fence_validate(). */
static void
parse_early(baton_fence_t *f)
{
    baton_reason_t ignored = BATON_REASON_INIT;

    (void) baton_params_parse_lenient(f->params, f->conf, &ignored);
}

static int
read_input(baton_fence_t *f, int argc, char **argv, FILE *in,
           baton_reason_t *why)
{
    int rc;

    /* fence-agents reads stdin only when the command line is empty */
    if (argc > 1) {
        return baton_fence_parse_argv(f->params, argc, argv, why);
    }
    if (in == NULL) {
        return BATON_RC_OK;
    }
    rc = baton_fence_read_stdin(f->params, in);
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot read options from stdin: %s",
                         baton_rc_str(rc));
    }
    return rc;
}

int
baton_fence_new(const struct baton_fence_agent *agent, int argc,
                char **argv, FILE *in, baton_fence_t **f, baton_reason_t *why)
{
    baton_fence_t *fence = calloc(1, sizeof(*fence));
    int rc;

    baton_assert_alloc(fence);
    fence->agent = agent;
    fence->params = baton_params_new(agent->def);
    fence->conf_size = agent->def->conf_size;
    if (fence->conf_size < sizeof(struct baton_fence_conf)) {
        fence->conf_size = sizeof(struct baton_fence_conf);
    }
    fence->conf = calloc(1, fence->conf_size);
    baton_assert_alloc(fence->conf);
    *f = fence;
    rc = read_input(fence, argc, argv, in, why);
    parse_early(fence);
    return rc;
}

static void
free_script_password(baton_fence_t *f)
{
    if (f->script_password != NULL) {
        explicit_bzero(f->script_password, strlen(f->script_password));
        free(f->script_password);
        f->script_password = NULL;
    }
}

void
baton_fence_free(baton_fence_t *f)
{
    if (f == NULL) {
        return;
    }
    baton_fence_disconnect(f);
    baton_params_conf_release(f->params, f->conf);
    /* The struct may hold secrets parsed from text (a key's bytes) */
    explicit_bzero(f->conf, f->conf_size);
    free(f->conf);
    free_script_password(f);
    baton_params_free(f->params);
    free(f);
}

const char *
baton_fence_act_str(enum baton_fence_act action)
{
    for (size_t i = 0; baton_fence_action_choices[i] != NULL; i++) {
        if (baton_fence_action_values[i] == (int) action) {
            return baton_fence_action_choices[i];
        }
    }
    return "unknown";
}

const char *
baton_fence_action(const baton_fence_t *f)
{
    return baton_fence_act_str(f->conf->action);
}

baton_params_t *
baton_fence_params(const baton_fence_t *f)
{
    return f->params;
}

struct baton_fence_conf *
baton_fence_conf(const baton_fence_t *f)
{
    return f->conf;
}

int
baton_fence_validate(baton_fence_t *f, baton_reason_t *why)
{
    int rc;

    /* Parsing again starts from what a first parse left: release what its
     * conf_check allocated */
    baton_params_conf_release(f->params, f->conf);
    rc = baton_params_parse(f->params, f->conf, why);
    f->validated = (rc == BATON_RC_OK);
    return rc;
}

/* Grace between SIGTERM and SIGKILL once the script's deadline passed */
#define BATON_FENCE_SCRIPT_GRACE_MS 200U
#define BATON_FENCE_SCRIPT_CAPTURE  4096U

static int
run_password_script(baton_fence_t *f, const char *script, baton_reason_t *why)
{
    unsigned long tmo_ms = f->conf->login_timeout_s * 1000UL;
    baton_child_t *child = NULL;
    const char *out = NULL;
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
    /* The output is the password: lib/child wipes its buffers */
    baton_child_set_flags(child, BATON_CHILD_SECRET_OUTPUT);
    rc = baton_child_run(child);
    if (rc == BATON_RC_OK) {
        /* The first line of what the script printed is the password */
        out = baton_child_stdout(child, NULL);
        f->script_password = strndup(out, strcspn(out, "\r\n"));
        baton_assert_alloc(f->script_password);
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
    struct baton_fence_conf *c = f->conf;
    int rc = BATON_RC_OK;

    *password = NULL;
    if (!f->validated) {
        rc = baton_fence_validate(f, why);
    }
    /* As in fence-agents, password_script replaces a given password */
    if ((rc == BATON_RC_OK) && (c->password_script != NULL)) {
        if (f->script_password == NULL) {
            rc = run_password_script(f, c->password_script, why);
        }
        if (rc == BATON_RC_OK) {
            c->password = f->script_password;
        }
    }
    if (rc == BATON_RC_OK) {
        *password = c->password;
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
