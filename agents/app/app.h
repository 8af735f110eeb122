/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:app internals: parameter names, the parsed configuration and
 * the actions main.c dispatches to.
 */
#ifndef BATON_APP_H
#define BATON_APP_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "baton/check.h"
#include "baton/ocf.h"
#include "baton/proc.h"

#define APP_BINFILE         "binfile"
#define APP_CMDLINE         "cmdline_options"
#define APP_WORKDIR         "workdir"
#define APP_PIDFILE         "pidfile"
#define APP_LOGFILE         "logfile"
#define APP_ERRLOGFILE      "errlogfile"
#define APP_USER            "user"
#define APP_MONITOR_HOOK    "monitor_hook"
#define APP_STOP_TIMEOUT    "stop_timeout"
#define APP_STOP_SIGNAL     "stop_signal"
#define APP_TCP             "check_tcp"
#define APP_TCP_TIMEOUT     "check_tcp_timeout"
#define APP_TCP_LEVEL       "check_tcp_level"
#define APP_HTTP            "check_http"
#define APP_HTTP_STATUS     "check_http_status"
#define APP_HTTP_BODY       "check_http_body"
#define APP_HTTP_TIMEOUT    "check_http_timeout"
#define APP_HTTP_LEVEL      "check_http_level"
#define APP_PROG            "check_program"
#define APP_PROG_TIMEOUT    "check_program_timeout"
#define APP_PROG_LEVEL      "check_program_level"
#define APP_HOOK_LEVEL      "monitor_hook_level"

/*! Suffix of the file beside the pidfile that holds the process identity */
#define APP_ID_SUFFIX       ".id"

/*! The configuration: the parameters parsed by the table, then what the
 *  invocation and this node add (app_conf_load) */
struct app_conf {
    const char *binfile_given;    /*!< borrowed, as given */
    char **cmdline;               /*!< words of cmdline_options; owned */
    const char *workdir;          /*!< borrowed, or NULL */
    const char *pidfile_given;    /*!< borrowed, or NULL */
    const char *logfile;          /*!< borrowed; "/dev/null" by default */
    const char *errlogfile;       /*!< borrowed; = logfile when not given */
    const char *user;             /*!< borrowed; "root" by default */
    const char *monitor_hook;     /*!< borrowed, or NULL */
    int hook_level;
    bool has_stop_timeout;
    unsigned stop_timeout_s;
    int stop_signal;              /*!< the signal's number */

    struct baton_hostports tcp;
    unsigned long tcp_timeout_ms;
    int tcp_level;

    bool has_http;
    struct baton_http_url http;
    const char *http_status;      /*!< borrowed */
    const char *http_body;        /*!< borrowed, or NULL */
    unsigned long http_timeout_ms;
    int http_level;

    char **prog_argv;             /*!< owned; NULL when no check_program */
    unsigned long prog_timeout_ms;
    int prog_level;

    /* From the invocation and this node */
    char binfile[PATH_MAX];       /*!< resolved (PATH searched) */
    char **argv;                  /*!< binfile + cmdline; owned */
    char pidfile[PATH_MAX];
    char idfile[PATH_MAX + 8];
    unsigned long stop_timeout_ms;
    char cgroup[PATH_MAX];        /*!< the program's; "" without cgroup v2 */
};

/*! One action's working state */
struct app_ctx {
    struct app_conf conf;
    baton_ocf_t *ocf;
    unsigned long long deadline_ms;  /*!< monotonic ms the action must end */
};

extern const struct baton_agent_def baton_app_agent;
extern const struct baton_ocf_op app_ops[];

/* app_conf.c */
/*!
 * \brief Parse and check the parameters, then add what the invocation
 *        gives (pidfile, stop timeout) and resolve binfile. Config errors
 *        valid everywhere are BATON_RC_CONFIG; what only this node lacks
 *        (binfile, user, workdir) is BATON_RC_NOT_INSTALLED /
 *        BATON_RC_NODE_CONFIG.
 * \param[in] node_checks  Also check what only this node can tell.
 * \note Free with app_conf_clear(), whatever the result.
 */
int app_conf_load(struct app_conf *conf, baton_ocf_t *ocf, bool node_checks,
                  baton_reason_t *why);

/*!
 * \brief For stop: as app_conf_load() without node checks, but a wrong
 *        value falls back to its default and the rest is still parsed, so
 *        that the pidfile and the stop settings are known whatever else is
 *        wrong.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set; \p conf is
 *         usable either way.
 */
int app_conf_load_lenient(struct app_conf *conf, baton_ocf_t *ocf,
                          baton_reason_t *why);

/*! \brief Free what app_conf_load() allocated. */
void app_conf_clear(struct app_conf *conf);

/*! \brief The rules over several parameters (the table's conf_check). */
int app_conf_check(void *conf, baton_reason_t *why);

/*! \brief Free what parsing put in a struct app_conf (conf_free). */
void app_conf_free(void *conf);

/* app_checks.c */
/*!
 * \brief Run every health check whose level is at most \p level, each
 *        within its own timeout and the action's deadline.
 * \return BATON_RC_OK, or the first failure with \p why naming the check.
 */
int app_checks_run(const struct app_ctx *ctx, int level, pid_t pid,
                   baton_reason_t *why);
/*! \brief Whether any check runs at \p level. */
bool app_checks_any(const struct app_conf *conf, int level);

/* app.c */
/*!
 * \brief Find our process: pidfile + identity.
 * \return BATON_RC_OK with \p state RUNNING (and \p id), STOPPED (no
 *         pidfile) or FAILED (recorded process gone or replaced).
 */
int app_process_state(const struct app_conf *conf, struct baton_proc_id *id,
                      enum baton_res_state *state, baton_reason_t *why);

#endif /* BATON_APP_H */
