/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:app health checks: TCP, HTTP, the check program and
 * heartbeat's monitor_hook, each within its own timeout and the action's
 * deadline. A failure's reason names the check.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "baton/child.h"
#include "baton/clock.h"
#include "baton/log.h"
#include "baton/netcheck.h"
#include "app.h"

/* Leave this much of the action's time for reporting */
#define APP_MARGIN_MS 500ULL

/* A check's own timeout, cut to what the action has left (at least 1) */
static unsigned
budget(const struct app_ctx *ctx, unsigned long own_ms)
{
    unsigned long long now = baton_clock_now_ms();
    unsigned long long left = 1;

    if (ctx->deadline_ms > now + APP_MARGIN_MS) {
        left = ctx->deadline_ms - now - APP_MARGIN_MS;
    }
    return (unsigned) ((own_ms < left) ? own_ms : left);
}

bool
app_checks_any(const struct app_conf *conf, int level)
{
    return ((conf->tcp.n > 0) && (conf->tcp_level <= level))
           || (conf->has_http && (conf->http_level <= level))
           || ((conf->prog_argv != NULL) && (conf->prog_level <= level))
           || ((conf->monitor_hook != NULL) && (conf->hook_level <= level));
}

static int
run_tcp(const struct app_ctx *ctx, baton_reason_t *why)
{
    const struct app_conf *conf = &ctx->conf;
    baton_reason_t inner = BATON_REASON_INIT;

    for (unsigned i = 0; i < conf->tcp.n; i++) {
        int rc = baton_tcp_probe(&conf->tcp.hp[i],
                                 budget(ctx, conf->tcp_timeout_ms), &inner);

        if (rc != BATON_RC_OK) {
            baton_reason_set(why, APP_TCP ": %s", inner.text);
            return rc;
        }
    }
    return BATON_RC_OK;
}

static int
run_http(const struct app_ctx *ctx, baton_reason_t *why)
{
    const struct app_conf *conf = &ctx->conf;
    baton_reason_t inner = BATON_REASON_INIT;
    int rc = baton_http_probe(&conf->http, conf->http_status,
                              conf->http_body,
                              budget(ctx, conf->http_timeout_ms), NULL,
                              &inner);

    if (rc != BATON_RC_OK) {
        baton_reason_set(why, APP_HTTP ": %s", inner.text);
    }
    return rc;
}

/* The first non-empty line of the program's output, for the reason */
static void
first_line(const baton_child_t *c, char *out, size_t size)
{
    const char *text = baton_child_stdout(c, NULL);

    if (text[strspn(text, " \t\r\n")] == '\0') {
        text = baton_child_stderr(c, NULL);
    }
    text += strspn(text, " \t\r\n");
    snprintf(out, size, "%.*s", (int) strcspn(text, "\r\n"), text);
}

/* How a check child ended, as a reason */
static int
child_verdict(baton_child_t *c, int rc, const char *what, unsigned tmo,
              baton_reason_t *why)
{
    char line[160];

    if (rc == BATON_RC_OK) {
        return BATON_RC_OK;
    }
    first_line(c, line, sizeof(line));
    if (rc == BATON_RC_TIMEOUT) {
        baton_reason_set(why, "%s did not finish within %u ms", what, tmo);
    } else if (baton_child_end(c) == BATON_CHILD_EXITED) {
        baton_reason_set(why, "%s exited %d%s%s", what,
                         baton_child_exit_code(c), line[0] ? ": " : "", line);
    } else if (baton_child_end(c) == BATON_CHILD_SIGNALED) {
        baton_reason_set(why, "%s was killed by signal %d", what,
                         baton_child_signal(c));
    } else {
        baton_reason_set(why, "%s could not run (%s): %s", what,
                         baton_s(baton_child_failed_step(c), "?"),
                         baton_rc_str(rc));
    }
    return rc;
}

static int
run_program(const struct app_ctx *ctx, pid_t pid, baton_reason_t *why)
{
    const struct app_conf *conf = &ctx->conf;
    baton_child_t *c = baton_child_new((const char *const *) conf->prog_argv);
    unsigned tmo = budget(ctx, conf->prog_timeout_ms);
    char pidtext[16];
    int rc = BATON_RC_OK;

    snprintf(pidtext, sizeof(pidtext), "%d", (int) pid);
    baton_child_setenv(c, "BATON_APP_PID", pidtext);
    baton_child_set_timeout(c, tmo);
    baton_child_set_grace(c, 200);
    baton_child_set_capture(c, 4096);
    baton_child_set_flags(c, BATON_CHILD_KILL_GROUP_ON_EXIT);
    rc = baton_child_set_user(c, conf->user);
    if (rc == BATON_RC_OK) {
        rc = baton_child_run(c);
        rc = child_verdict(c, rc, APP_PROG " " "check", tmo, why);
    } else {
        baton_reason_set(why, APP_PROG ": user %s does not exist",
                         conf->user);
    }
    baton_child_free(c);
    return rc;
}

static int
run_hook(const struct app_ctx *ctx, baton_reason_t *why)
{
    baton_child_t *c = baton_child_new_shell(ctx->conf.monitor_hook);
    unsigned tmo = budget(ctx, 3600UL * 1000UL);
    int rc = BATON_RC_OK;

    baton_child_set_timeout(c, tmo);
    baton_child_set_grace(c, 200);
    baton_child_set_capture(c, 4096);
    rc = child_verdict(c, baton_child_run(c), APP_MONITOR_HOOK, tmo, why);
    baton_child_free(c);
    return rc;
}

int
app_checks_run(const struct app_ctx *ctx, int lvl, pid_t pid,
               baton_reason_t *why)
{
    const struct app_conf *conf = &ctx->conf;
    int rc = BATON_RC_OK;

    if ((conf->tcp.n > 0) && (conf->tcp_level <= lvl)) {
        rc = run_tcp(ctx, why);
    }
    if ((rc == BATON_RC_OK) && conf->has_http && (conf->http_level <= lvl)) {
        rc = run_http(ctx, why);
    }
    if ((rc == BATON_RC_OK) && (conf->prog_argv != NULL)
        && (conf->prog_level <= lvl)) {
        rc = run_program(ctx, pid, why);
    }
    if ((rc == BATON_RC_OK) && (conf->monitor_hook != NULL)
        && (conf->hook_level <= lvl)) {
        rc = run_hook(ctx, why);
    }
    if (rc != BATON_RC_OK) {
        baton_debug("Health check failed " QB_XS " rc=%d", rc);
    }
    return rc;
}
