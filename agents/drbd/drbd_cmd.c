/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:drbd and the kernel: /proc/drbd read once per call, the one
 * `drbdsetup events2 --now` of DRBD 9, the resource's minors cached in the
 * run directory (so that an 8.4 monitor reads no configuration file), and
 * drbdadm / drbdsetup as argv children within the action's time.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton/child.h"
#include "baton/file.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "baton/rundir.h"
#include "drbd.h"

/*! /proc/drbd of 8.4 with many minors syncing stays far below this */
#define DRBD_PROC_MAX   (256 * 1024)
/*! A child never gets less than this, even at the end of the action */
#define DRBD_CHILD_MIN_MS 1000U

/* ---- children ------------------------------------------------------------ */

/* Run argv within the remaining time; stdout in *out when asked */
static int
run(struct drbd_ctx *ctx, const char *const *argv, int *exit_code,
    char **out)
{
    baton_child_t *c = baton_child_new(argv);
    unsigned left = drbd_ms_left(ctx);
    int rc;

    baton_assert_alloc(c);
    baton_child_set_timeout(c, (left < DRBD_CHILD_MIN_MS) ? DRBD_CHILD_MIN_MS
                                                          : left);
    rc = baton_child_run(c);
    if (exit_code != NULL) {
        *exit_code = baton_child_exit_code(c);
    }
    if (out != NULL) {
        *out = strdup(baton_child_stdout(c, NULL));
        baton_assert_alloc(*out);
    }
    if (rc == ENOENT) {
        baton_reason_set(ctx->why, "%s is not installed (drbd-utils)",
                         argv[0]);
        rc = BATON_RC_NOT_INSTALLED;
    } else if (rc == BATON_RC_TIMEOUT) {
        baton_reason_set(ctx->why, "%s %s did not finish in time", argv[0],
                         baton_s(argv[1], ""));
    } else if (rc != BATON_RC_OK) {
        const char *err = baton_child_stderr(c, NULL);

        baton_reason_set(ctx->why, "%s failed (exit %d): %.*s", argv[0],
                         baton_child_exit_code(c),
                         (int) strcspn(err + strspn(err, " \n"), "\n"),
                         err + strspn(err, " \n"));
        baton_debug("%s stderr: %s", argv[0], err);
    }
    baton_child_free(c);
    return rc;
}

/* argv: PROGRAM [drbdadm options] ARGS... NULL */
static int
run_tool(struct drbd_ctx *ctx, bool adm, const char *const *args,
         int *exit_code, char **out)
{
    const char *argv[32];
    size_t n = 0;

    argv[n++] = adm ? DRBD_DRBDADM : DRBD_DRBDSETUP;
    if (adm && (ctx->conf.drbdconf != NULL)) {
        argv[n++] = "-c";
        argv[n++] = ctx->conf.drbdconf;
    }
    if (adm && ctx->stacked) {
        argv[n++] = "-S";
    }
    for (size_t i = 0; (args[i] != NULL) && (n < 31); i++) {
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    baton_debug("Running %s %s %s", argv[0], baton_s(argv[1], ""),
                baton_s(argv[2], ""));
    return run(ctx, argv, exit_code, out);
}

int
drbd_adm(struct drbd_ctx *ctx, const char *const *args, int *exit_code)
{
    return run_tool(ctx, true, args, exit_code, NULL);
}

int
drbd_setup(struct drbd_ctx *ctx, const char *const *args, int *exit_code)
{
    return run_tool(ctx, false, args, exit_code, NULL);
}

int
drbd_modprobe(struct drbd_ctx *ctx)
{
    const char *adm[] = { "sh-mod-parms", NULL };
    const char *argv[16] = { "modprobe", "-s", "drbd", NULL };
    char *parms = NULL;
    size_t n = 3;
    int rc;

    /* module parameters from the configuration (minor_count, usermode
     * helper), as drbd-utils loads it; none when drbdadm cannot say */
    if (run_tool(ctx, true, adm, NULL, &parms) != BATON_RC_OK) {
        baton_reason_clear(ctx->why);
    }
    for (char *save = NULL, *t = strtok_r(parms, " \t\n", &save);
         (t != NULL) && (n < 15); t = strtok_r(NULL, " \t\n", &save)) {
        argv[n++] = t;
    }
    argv[n] = NULL;
    rc = run(ctx, argv, NULL, NULL);
    free(parms);
    if (rc != BATON_RC_OK) {
        baton_reason_clear(ctx->why);
        baton_reason_set(ctx->why, "Cannot load the drbd kernel module "
                         "(modprobe drbd failed)");
        rc = BATON_RC_NOT_INSTALLED;
    }
    return rc;
}

bool
drbd_allows_two_primaries(struct drbd_ctx *ctx)
{
    const char *args[] = { "-d", "-v", "dump", ctx->conf.resource, NULL };
    char *out = NULL;
    bool yes = false;

    if (run_tool(ctx, true, args, NULL, &out) == BATON_RC_OK) {
        for (char *save = NULL, *l = strtok_r(out, "\n", &save);
             (l != NULL) && !yes; l = strtok_r(NULL, "\n", &save)) {
            l += strspn(l, " \t");
            yes = (strcmp(l, "allow-two-primaries;") == 0)
                  || (strcmp(l, "allow-two-primaries yes;") == 0);
        }
    }
    free(out);
    baton_reason_clear(ctx->why);
    return yes;
}

/* ---- the kernel ----------------------------------------------------------- */

/* The whole of a small file (a /proc one has no size); NULL when missing */
static char *
read_small(const char *path, int *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    char *buf = NULL;
    size_t used = 0;
    size_t size = 4096;

    *err = 0;
    if (fd < 0) {
        *err = errno;
        return NULL;
    }
    buf = calloc(1, size + 1);
    baton_assert_alloc(buf);
    for (;;) {
        ssize_t n = read(fd, buf + used, size - used);

        if ((n < 0) && (errno == EINTR)) {
            continue;
        }
        if (n <= 0) {
            *err = (n < 0) ? errno : 0;
            break;
        }
        used += (size_t) n;
        if ((used == size) && (size < DRBD_PROC_MAX)) {
            char *bigger = calloc(1, (2 * size) + 1);

            baton_assert_alloc(bigger);
            memcpy(bigger, buf, used);
            free(buf);
            buf = bigger;
            size *= 2;
        } else if (used == size) {
            break;
        }
    }
    close(fd);
    buf[used] = '\0';
    return buf;
}

const char *
drbd_run_dir(void)
{
    const char *d = getenv(DRBD_ENV_RUN_DIR);

    return (d != NULL) ? d : BATON_RUN_DIR;
}

static void
cache_path(const struct drbd_ctx *ctx, char *buf, size_t size)
{
    snprintf(buf, size, "%s/drbd-%s.minors", drbd_run_dir(), ctx->conf.resource);
}

/* "DRBDCONF\tSTACKED\tMINOR MINOR...": the cache of this resource when it
 * was made with the same configuration file */
static bool
cache_load(struct drbd_ctx *ctx)
{
    char path[512];
    int err = 0;
    char *text = NULL;
    char *p;
    size_t clen = strlen(baton_s(ctx->conf.drbdconf, ""));

    cache_path(ctx, path, sizeof(path));
    text = read_small(path, &err);
    if ((text == NULL) || (strncmp(text, baton_s(ctx->conf.drbdconf, ""),
                                   clen) != 0)
        || (text[clen] != '\t') || (strchr("01", text[clen + 1]) == NULL)
        || (text[clen + 1] == '\0') || (text[clen + 2] != '\t')) {
        free(text);
        return false;
    }
    ctx->stacked = (text[clen + 1] == '1');
    ctx->n_minors = 0;
    p = text + clen + 3;
    while ((*p >= '0') && (*p <= '9') && (ctx->n_minors < DRBD_MAX_MINORS)) {
        ctx->minors[ctx->n_minors++] = (int) strtol(p, &p, 10);
        p += strspn(p, " ");
    }
    free(text);
    return ctx->n_minors > 0;
}

static void
cache_store(const struct drbd_ctx *ctx)
{
    char path[512];
    char text[1024];
    size_t n;
    int rc;

    if ((strcmp(drbd_run_dir(), BATON_RUN_DIR) == 0)
        && (baton_rundir_ensure(BATON_RUN_DIR, NULL) != BATON_RC_OK)) {
        return;
    }
    cache_path(ctx, path, sizeof(path));
    n = (size_t) snprintf(text, sizeof(text), "%s\t%d\t",
                          baton_s(ctx->conf.drbdconf, ""), ctx->stacked);
    for (size_t i = 0; (i < ctx->n_minors) && (n < sizeof(text)); i++) {
        n += (size_t) snprintf(text + n, sizeof(text) - n, "%s%d",
                               (i > 0) ? " " : "", ctx->minors[i]);
    }
    if (n + 1 >= sizeof(text)) {
        baton_debug("Not caching the minors of %s: too many",
                    ctx->conf.resource);
        return;
    }
    text[n] = '\n';
    text[n + 1] = '\0';
    rc = baton_file_replace(path, text, 0644);
    if (rc != BATON_RC_OK) {
        baton_debug("Cannot cache the minors of %s: %s", ctx->conf.resource,
                    baton_rc_str(rc));
    }
}

/* drbdadm sh-minor, of a plain resource or else of a stacked one */
static int
minors_from_conf(struct drbd_ctx *ctx)
{
    const char *args[] = { "sh-minor", ctx->conf.resource, NULL };
    char *out = NULL;
    int rc;

    ctx->stacked = false;
    rc = run_tool(ctx, true, args, NULL, &out);
    if (rc == BATON_RC_CHILD_FAILED) {
        free(out);
        out = NULL;
        ctx->stacked = true;
        rc = run_tool(ctx, true, args, NULL, &out);
    }
    if (rc == BATON_RC_OK) {
        char *p = out;

        ctx->n_minors = 0;
        while (ctx->n_minors < DRBD_MAX_MINORS) {
            p += strspn(p, " \t\n");
            if ((*p < '0') || (*p > '9')) {
                break;
            }
            ctx->minors[ctx->n_minors++] = (int) strtol(p, &p, 10);
        }
        rc = (ctx->n_minors > 0) ? BATON_RC_OK : BATON_RC_CHILD_FAILED;
    }
    free(out);
    if (rc == BATON_RC_CHILD_FAILED) {
        ctx->stacked = false;
        baton_reason_clear(ctx->why);
        baton_reason_set(ctx->why, "DRBD resource %s is not in the "
                         "configuration %s", ctx->conf.resource,
                         baton_s(ctx->conf.drbdconf, "(drbdadm's default)"));
        rc = BATON_RC_NODE_CONFIG;
    }
    return rc;
}

int
drbd_minors_refresh(struct drbd_ctx *ctx)
{
    int rc;

    if ((ctx->conf.drbdconf != NULL) && (access(ctx->conf.drbdconf, R_OK)
                                         != 0)) {
        baton_reason_set(ctx->why, "DRBD configuration %s cannot be read "
                         "on this node", ctx->conf.drbdconf);
        return BATON_RC_NOT_INSTALLED;
    }
    rc = minors_from_conf(ctx);
    if (rc == BATON_RC_OK) {
        cache_store(ctx);
    }
    return rc;
}

/* DRBD 9: one events2 --now for the resource */
static int
read_events2(struct drbd_ctx *ctx)
{
    const char *args[] = { "events2", "--now", ctx->conf.resource, NULL };
    char *out = NULL;
    int code = -1;
    int rc = run_tool(ctx, false, args, &code, &out);

    if (((rc == BATON_RC_OK) || (rc == BATON_RC_CHILD_FAILED))
        && drbd_events2_parse(out, ctx->conf.resource, &ctx->state)) {
        /* a resource the kernel does not have: "exists -" alone */
        baton_reason_clear(ctx->why);
        rc = BATON_RC_OK;
    } else if (rc == BATON_RC_CHILD_FAILED) {
        /* drbdsetup refuses a resource that does not exist */
        baton_debug("drbdsetup events2 of %s exited %d: not configured",
                    ctx->conf.resource, code);
        baton_reason_clear(ctx->why);
        memset(&ctx->state, 0, sizeof(ctx->state));
        ctx->state.events2 = true;
        rc = BATON_RC_OK;
    }
    free(out);
    return rc;
}

int
drbd_read(struct drbd_ctx *ctx)
{
    const char *path = getenv(DRBD_ENV_PROC);
    int err = 0;
    char *proc = read_small((path != NULL) ? path : DRBD_PROC, &err);
    int rc = BATON_RC_OK;

    memset(&ctx->state, 0, sizeof(ctx->state));
    ctx->module_loaded = (proc != NULL);
    if ((proc != NULL) && !drbd_proc_version(proc, &ctx->version)) {
        baton_reason_set(ctx->why, "%s does not start with a DRBD version",
                         DRBD_PROC);
        rc = BATON_RC_PROTOCOL;
    } else if ((proc != NULL) && (ctx->version >= DRBD_VERSION_9)) {
        rc = read_events2(ctx);
    } else if (proc != NULL) {
        if (!cache_load(ctx)) {
            rc = drbd_minors_refresh(ctx);
        }
        if (rc == BATON_RC_OK) {
            drbd_proc_parse(proc, ctx->minors, ctx->n_minors, &ctx->state);
        }
    }
    free(proc);
    drbd_summarize(&ctx->state, -1, &ctx->sum);
    return rc;
}
