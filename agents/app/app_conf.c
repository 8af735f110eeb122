/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:app: parameters to configuration, with the line drawn between
 * what is wrong everywhere (exit 6) and what only this node lacks (exit 5).
 */
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton/argv.h"
#include "baton/params.h"
#include "baton/rundir.h"
#include "app.h"

#define APP_STOP_DFLT_MS  10000UL
#define APP_SEARCH_PATH   "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:" \
                          "/sbin:/bin"

static const char *
param(const baton_ocf_t *ocf, const char *name)
{
    const char *v = baton_ocf_param(ocf, name);

    return ((v != NULL) && (v[0] != '\0')) ? v : NULL;
}

static void
load_stop(struct app_conf *conf, baton_ocf_t *ocf)
{
    const baton_params_t *params = baton_ocf_params(ocf);
    const char *sig = baton_s(param(ocf, APP_STOP_SIGNAL), "TERM");
    const char *names[] = { "TERM", "INT", "QUIT", "HUP", "USR1", "USR2",
                            "KILL" };
    const int sigs[] = { SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2,
                         SIGKILL };
    long long s = 0;

    conf->stop_signal = SIGTERM;
    for (size_t i = 0; i < BATON_N_ELEMENTS(names); i++) {
        if (strcmp(sig, names[i]) == 0) {
            conf->stop_signal = sigs[i];
        }
    }
    if ((param(ocf, APP_STOP_TIMEOUT) != NULL)
        && (baton_params_get_int(params, APP_STOP_TIMEOUT, &s) == 0)
        && (s >= 0)) {
        conf->stop_timeout_ms = (unsigned long) s * 1000UL;
    } else if (baton_ocf_meta(ocf, "timeout") != NULL) {
        /* Two thirds of the stop timeout, as heartbeat's anything */
        conf->stop_timeout_ms = baton_ocf_timeout_ms(ocf) * 2 / 3;
    } else {
        conf->stop_timeout_ms = APP_STOP_DFLT_MS;
    }
}

/* The pidfile and stop settings: needed by stop even when the rest of the
 * configuration is broken */
static void
load_pidfile(struct app_conf *conf, baton_ocf_t *ocf)
{
    const char *pf = param(ocf, APP_PIDFILE);

    if (pf != NULL) {
        snprintf(conf->pidfile, sizeof(conf->pidfile), "%s", pf);
    } else {
        snprintf(conf->pidfile, sizeof(conf->pidfile), BATON_RUN_DIR
                 "/app-%s.pid", baton_ocf_instance(ocf));
    }
    snprintf(conf->idfile, sizeof(conf->idfile), "%s" APP_ID_SUFFIX,
             conf->pidfile);
    load_stop(conf, ocf);
}

static int
duration(const baton_ocf_t *ocf, const char *name, unsigned long *ms)
{
    return baton_duration_parse_ms(baton_ocf_param(ocf, name), ms);
}

static int
level(const baton_ocf_t *ocf, const char *name, int *out)
{
    long long v = 0;
    int rc = baton_params_get_int(baton_ocf_params(ocf), name, &v);

    *out = (int) v;
    return rc;
}

static int
load_tcp(struct app_conf *conf, const char *list, baton_reason_t *why)
{
    char *copy = strdup(list);
    char *save = NULL;
    int rc = BATON_RC_OK;

    baton_assert_alloc(copy);
    for (char *tok = strtok_r(copy, " \t,", &save);
         (tok != NULL) && (rc == BATON_RC_OK);
         tok = strtok_r(NULL, " \t,", &save)) {
        if (conf->n_tcp == APP_MAX_TCP) {
            baton_reason_set(why, APP_TCP " has more than %d targets",
                             APP_MAX_TCP);
            rc = BATON_RC_CONFIG;
        } else {
            rc = baton_hostport_parse(tok, &conf->tcp[conf->n_tcp++], why);
        }
    }
    free(copy);
    return rc;
}

static int
load_checks(struct app_conf *conf, baton_ocf_t *ocf, baton_reason_t *why)
{
    const char *v = NULL;
    int rc = BATON_RC_OK;

    if ((duration(ocf, APP_TCP_TIMEOUT, &conf->tcp_timeout_ms) != 0)
        || (duration(ocf, APP_HTTP_TIMEOUT, &conf->http_timeout_ms) != 0)
        || (duration(ocf, APP_PROG_TIMEOUT, &conf->prog_timeout_ms) != 0)
        || (level(ocf, APP_TCP_LEVEL, &conf->tcp_level) != 0)
        || (level(ocf, APP_HTTP_LEVEL, &conf->http_level) != 0)
        || (level(ocf, APP_PROG_LEVEL, &conf->prog_level) != 0)
        || (level(ocf, APP_HOOK_LEVEL, &conf->hook_level) != 0)) {
        baton_reason_set(why, "A check timeout or level is malformed");
        return BATON_RC_CONFIG;
    }
    v = param(ocf, APP_TCP);
    if (v != NULL) {
        rc = load_tcp(conf, v, why);
    }
    v = param(ocf, APP_HTTP);
    if ((rc == BATON_RC_OK) && (v != NULL)) {
        conf->has_http = true;
        rc = baton_http_url_parse(v, &conf->http, why);
    }
    conf->http_status = baton_s(param(ocf, APP_HTTP_STATUS), "200");
    conf->http_body = param(ocf, APP_HTTP_BODY);
    v = param(ocf, APP_PROG);
    if ((rc == BATON_RC_OK) && (v != NULL)) {
        rc = baton_argv_split(v, &conf->prog_argv, NULL, why);
    }
    conf->monitor_hook = param(ocf, APP_MONITOR_HOOK);
    return rc;
}

/* PATH search for a bare name, as execvp would do it */
static void
resolve_binfile(struct app_conf *conf, const char *bin)
{
    char *path = NULL;
    char *save = NULL;

    snprintf(conf->binfile, sizeof(conf->binfile), "%s", bin);
    if (strchr(bin, '/') != NULL) {
        return;
    }
    path = strdup(APP_SEARCH_PATH);
    baton_assert_alloc(path);
    for (char *dir = strtok_r(path, ":", &save); dir != NULL;
         dir = strtok_r(NULL, ":", &save)) {
        char cand[PATH_MAX];

        snprintf(cand, sizeof(cand), "%s/%s", dir, bin);
        if (access(cand, X_OK) == 0) {
            snprintf(conf->binfile, sizeof(conf->binfile), "%s", cand);
            break;
        }
    }
    free(path);
}

static int
check_executable(const char *what, const char *file, baton_reason_t *why)
{
    struct stat st;

    if (stat(file, &st) != 0) {
        baton_reason_set(why, "%s %s does not exist on this node", what,
                         file);
        return BATON_RC_NOT_INSTALLED;
    }
    if (!S_ISREG(st.st_mode) || ((st.st_mode & 0111) == 0)) {
        baton_reason_set(why, "%s %s is not an executable file", what, file);
        return BATON_RC_NOT_INSTALLED;
    }
    return BATON_RC_OK;
}

/* What only this node can tell: the program, the user, the directory */
static int
node_checks(const struct app_conf *conf, baton_reason_t *why)
{
    struct stat st;
    int rc = check_executable(APP_BINFILE, conf->binfile, why);

    if ((rc == BATON_RC_OK) && (conf->prog_argv != NULL)
        && (strchr(conf->prog_argv[0], '/') != NULL)) {
        rc = check_executable(APP_PROG, conf->prog_argv[0], why);
    }
    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (getpwnam(conf->user) == NULL) {
        baton_reason_set(why, "user %s does not exist on this node",
                         conf->user);
        return BATON_RC_NODE_CONFIG;
    }
    if ((conf->workdir != NULL)
        && ((stat(conf->workdir, &st) != 0) || !S_ISDIR(st.st_mode))) {
        baton_reason_set(why, "workdir %s is not a directory on this node",
                         conf->workdir);
        return BATON_RC_NODE_CONFIG;
    }
    return BATON_RC_OK;
}

int
app_conf_load(struct app_conf *conf, baton_ocf_t *ocf, bool node,
              baton_reason_t *why)
{
    int rc = BATON_RC_OK;

    memset(conf, 0, sizeof(*conf));
    load_pidfile(conf, ocf);
    rc = baton_params_validate(baton_ocf_params(ocf), why);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    resolve_binfile(conf, baton_ocf_param(ocf, APP_BINFILE));
    rc = baton_argv_build(conf->binfile, param(ocf, APP_CMDLINE),
                          &conf->argv, why);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    conf->workdir = param(ocf, APP_WORKDIR);
    conf->logfile = baton_s(param(ocf, APP_LOGFILE), "/dev/null");
    conf->errlogfile = baton_s(param(ocf, APP_ERRLOGFILE), conf->logfile);
    conf->user = baton_s(param(ocf, APP_USER), "root");
    rc = load_checks(conf, ocf, why);
    if ((rc == BATON_RC_OK) && node) {
        rc = node_checks(conf, why);
    }
    return rc;
}

void
app_conf_clear(struct app_conf *conf)
{
    baton_argv_free(conf->argv);
    conf->argv = NULL;
    baton_argv_free(conf->prog_argv);
    conf->prog_argv = NULL;
}
