/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The OCF runtime: which action was asked for, the parameters, the
 * OCF_RESKEY_CRM_meta_* values and OCF_CHECK_LEVEL, and action dispatch.
 */
#ifndef BATON_OCF_H
#define BATON_OCF_H

#include <stdbool.h>

#include "baton/params.h"
#include "baton/rc.h"
#include "baton/reason.h"

#define BATON_OCF_ACTION_START        "start"
#define BATON_OCF_ACTION_STOP         "stop"
#define BATON_OCF_ACTION_MONITOR      "monitor"
#define BATON_OCF_ACTION_STATUS       "status"
#define BATON_OCF_ACTION_PROMOTE      "promote"
#define BATON_OCF_ACTION_DEMOTE       "demote"
#define BATON_OCF_ACTION_NOTIFY       "notify"
#define BATON_OCF_ACTION_RELOAD       "reload"
#define BATON_OCF_ACTION_RELOAD_AGENT "reload-agent"
#define BATON_OCF_ACTION_VALIDATE     "validate-all"
#define BATON_OCF_ACTION_METADATA     "meta-data"
#define BATON_OCF_ACTION_USAGE        "usage"

/*! An agent invocation (opaque) */
typedef struct baton_ocf_s baton_ocf_t;

/*!
 * An action's implementation. Returns an rc; a monitor-like action reports
 * the resource's state through \p state; a failure records a reason.
 */
typedef int (*baton_ocf_action_fn)(baton_ocf_t *ocf,
                                   enum baton_res_state *state,
                                   baton_reason_t *why);

/*! One entry of an agent's dispatch table */
struct baton_ocf_op {
    const char *action;
    baton_ocf_action_fn fn;
};

/*!
 * \brief Build an invocation from argv and an environment.
 *
 * argv[1] is the action. Parameters come from OCF_RESKEY_<name>.
 * \param[in] def   The agent's table; borrowed.
 * \param[in] envp  The environment (borrowed; e.g. environ).
 * \return The invocation; caller frees with baton_ocf_free(). Never NULL.
 */
baton_ocf_t *baton_ocf_new(const struct baton_agent_def *def, int argc,
                           char *const *argv, char *const *envp);

/*!
 * \brief The value of \p name in an environment ("NAME=value" strings).
 *
 * For what Pacemaker or DRBD pass besides the parameters (notification
 * lists, a handler's DRBD_* variables), read from the \p envp given to the
 * program rather than from the process's own environment.
 * \return Borrowed from \p envp; NULL when absent (or \p envp is NULL).
 */
const char *baton_env_get(char *const *envp, const char *name);

/*! \brief Free an invocation; NULL is a no-op. */
void baton_ocf_free(baton_ocf_t *ocf);

/*! \brief The action asked for ("" when none); "status" reads "monitor". */
const char *baton_ocf_action(const baton_ocf_t *ocf);

/*! \brief The parameter values (borrowed). */
const baton_params_t *baton_ocf_params(const baton_ocf_t *ocf);

/*!
 * \brief An OCF_RESKEY_CRM_meta_<name> value (borrowed), or NULL.
 *
 * Ask with Pacemaker 3.0's names: promoted_max, promoted_node_max,
 * notify_promoted_uname, notify_unpromoted_uname (and _resource) also
 * find the master/slave spellings older releases pass.
 * \param[in] name  Without the prefix: "interval", "clone", "notify_type".
 */
const char *baton_ocf_meta(const baton_ocf_t *ocf, const char *name);

/*!
 * \brief Whether the meta attribute \p name (as baton_ocf_meta() finds
 *        it) is a true boolean ("true", "yes", "1", ...); false when
 *        absent or not a boolean.
 */
bool baton_ocf_meta_true(const baton_ocf_t *ocf, const char *name);

/*! \brief OCF_RESKEY_CRM_meta_interval in ms (0 when absent). */
unsigned long baton_ocf_interval_ms(const baton_ocf_t *ocf);

/*! Timeout of an action the agent's table does not list (ms) */
#define BATON_OCF_TIMEOUT_FALLBACK_MS 20000UL

/*!
 * \brief OCF_RESKEY_CRM_meta_timeout in ms; when absent, the timeout the
 *        agent's action table gives this action (what its metadata tells
 *        Pacemaker), else BATON_OCF_TIMEOUT_FALLBACK_MS.
 */
unsigned long baton_ocf_timeout_ms(const baton_ocf_t *ocf);

/*! \brief OCF_CHECK_LEVEL (0 when absent or not a number). */
int baton_ocf_check_level(const baton_ocf_t *ocf);

/*! \brief Whether this is a probe: a monitor with interval 0. */
bool baton_ocf_is_probe(const baton_ocf_t *ocf);

/*! \brief OCF_RESOURCE_INSTANCE, or the agent name. */
const char *baton_ocf_instance(const baton_ocf_t *ocf);

/*!
 * \brief Run the action through the agent's dispatch table.
 *
 * "status" runs the monitor entry. An action missing from the table is
 * BATON_RC_UNIMPLEMENTED. validate-all without its own entry parses the
 * parameters against the table (baton_params_check_all()).
 * \param[in] ops    Table terminated by an entry whose action is NULL.
 * \param[out] state The state the action reported.
 */
int baton_ocf_dispatch(baton_ocf_t *ocf, const struct baton_ocf_op *ops,
                       enum baton_res_state *state, baton_reason_t *why);

/*!
 * \brief The whole life of an OCF agent process, for main().
 *
 * Answers meta-data (and usage) from \p metadata_xml without initialising
 * logging, otherwise sets up logging, builds the invocation, dispatches,
 * writes "ocf-exit-reason:" on failure and maps the result with
 * baton_rc2ocf().
 * \return The process exit code.
 */
int baton_ocf_main(const struct baton_agent_def *def,
                   const struct baton_ocf_op *ops, const char *metadata_xml,
                   int argc, char **argv, char **envp);

#endif /* BATON_OCF_H */
