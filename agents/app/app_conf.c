/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:app: the rules over several parameters, what the invocation
 * and this node add to the parsed parameters, and the line drawn between
 * what is wrong everywhere (exit 6) and what only this node lacks (exit 5).
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton/argv.h"
#include "baton/cgroup.h"
#include "baton/params.h"
#include "baton/rundir.h"
#include "app.h"

#define APP_STOP_DFLT_MS  10000UL
#define APP_SEARCH_PATH   "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:" \
                          "/sbin:/bin"

int
app_conf_check(void *conf, baton_reason_t *why)
{
    struct app_conf *c = conf;

    (void) why;
    /* Standard error goes where standard output goes unless told */
    if (c->errlogfile == NULL) {
        c->errlogfile = c->logfile;
    }
    return BATON_RC_OK;
}

void
app_conf_free(void *conf)
{
    struct app_conf *c = conf;

    baton_argv_free(c->cmdline);
    c->cmdline = NULL;
    baton_argv_free(c->prog_argv);
    c->prog_argv = NULL;
}

/* The program's cgroup, <cgroup v2 root>/baton/<instance>, where that
 * hierarchy is mounted */
static void
derive_cgroup(struct app_conf *conf, baton_ocf_t *ocf)
{
    char root[PATH_MAX];

    if ((baton_cgroup_root(BATON_CGROUP_MOUNTINFO, root, sizeof(root))
         != BATON_RC_OK)
        || (baton_cgroup_path(root, baton_ocf_instance(ocf), conf->cgroup,
                              sizeof(conf->cgroup)) != BATON_RC_OK)) {
        conf->cgroup[0] = '\0';
    }
}

/* The pidfile (given, or named after the instance) and how long stop
 * waits: two thirds of the stop timeout, as heartbeat's anything */
static void
derive_stop(struct app_conf *conf, baton_ocf_t *ocf)
{
    if (conf->pidfile_given != NULL) {
        snprintf(conf->pidfile, sizeof(conf->pidfile), "%s",
                 conf->pidfile_given);
    } else {
        snprintf(conf->pidfile, sizeof(conf->pidfile), BATON_RUN_DIR
                 "/app-%s.pid", baton_ocf_instance(ocf));
    }
    snprintf(conf->idfile, sizeof(conf->idfile), "%s" APP_ID_SUFFIX,
             conf->pidfile);
    if (conf->has_stop_timeout) {
        conf->stop_timeout_ms = conf->stop_timeout_s * 1000UL;
    } else if (baton_ocf_meta(ocf, "timeout") != NULL) {
        conf->stop_timeout_ms = baton_ocf_timeout_ms(ocf) * 2 / 3;
    } else {
        conf->stop_timeout_ms = APP_STOP_DFLT_MS;
    }
}

/* PATH search for a bare name, as execvp would do it */
static void
resolve_binfile(struct app_conf *conf, const char *bin)
{
    char *path = NULL;
    char *save = NULL;

    snprintf(conf->binfile, sizeof(conf->binfile), "%s", bin);
    if ((bin[0] == '\0') || (strchr(bin, '/') != NULL)) {
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

/* What the invocation and this node add: binfile found in PATH, the
 * command line, the pidfile, the stop timeout and the cgroup */
static void
derive(struct app_conf *conf, baton_ocf_t *ocf)
{
    resolve_binfile(conf, baton_s(conf->binfile_given, ""));
    conf->argv = baton_argv_build(conf->binfile,
                                  (const char *const *) conf->cmdline);
    derive_stop(conf, ocf);
    derive_cgroup(conf, ocf);
}

int
app_conf_load(struct app_conf *conf, baton_ocf_t *ocf, bool node,
              baton_reason_t *why)
{
    int rc;

    memset(conf, 0, sizeof(*conf));
    rc = baton_params_parse(baton_ocf_params(ocf), conf, why);
    derive(conf, ocf);
    if ((rc == BATON_RC_OK) && node) {
        rc = node_checks(conf, why);
    }
    return rc;
}

int
app_conf_load_lenient(struct app_conf *conf, baton_ocf_t *ocf,
                      baton_reason_t *why)
{
    int rc;

    memset(conf, 0, sizeof(*conf));
    rc = baton_params_parse_lenient(baton_ocf_params(ocf), conf, why);
    derive(conf, ocf);
    return rc;
}

void
app_conf_clear(struct app_conf *conf)
{
    app_conf_free(conf);
    baton_argv_free(conf->argv);
    conf->argv = NULL;
}
