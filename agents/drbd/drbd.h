/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:drbd: a DRBD resource as a promotable clone, a drop-in for
 * drbd-utils' ocf:linbit:drbd (DRBD 8.4 and 9).
 */
#ifndef BATON_AGENT_DRBD_H
#define BATON_AGENT_DRBD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "baton/membership.h"
#include "baton/ocf.h"
#include "baton/params.h"
#include "drbd_status.h"

#define DRBD_P_RESOURCE           "drbd_resource"
#define DRBD_P_DRBDCONF           "drbdconf"
#define DRBD_P_ADJUST_SCORE       "adjust_master_score"
#define DRBD_P_STOP_OUTDATES      "stop_outdates_secondary"
#define DRBD_P_IGNORE_NOTIFY      "ignore_missing_notifications"
#define DRBD_P_WFC_TIMEOUT        "wfc_timeout"
#define DRBD_P_REMOVE_IF_PEER     "remove_master_score_if_peer_primary"
#define DRBD_P_FAIL_EARLY         "fail_promote_early_if_peer_primary"
#define DRBD_P_UNFENCE_UPTODATE   "unfence_if_all_uptodate"
#define DRBD_P_UNFENCE_ARGS       "unfence_extra_args"
#define DRBD_P_VERSION_GE         "require_drbd_module_version_ge"
#define DRBD_P_VERSION_LT         "require_drbd_module_version_lt"
#define DRBD_P_CONNECT_AFTER      "connect_only_after_promote"

#define DRBD_ACTION_RELOAD        "reload"

/*! Where the kernel reports DRBD 8.4's state (and any version's number) */
#define DRBD_PROC                 "/proc/drbd"
/*! The programs of drbd-utils, found in PATH */
#define DRBD_DRBDADM              "drbdadm"
#define DRBD_DRBDSETUP            "drbdsetup"
/*! drbdadm's exit code when the kernel refuses Primary without access to
 *  UpToDate data (SS_NO_UP_TO_DATE_DISK), also after a failed fence-peer */
#define DRBD_EXIT_NO_UP_TO_DATE   17

/*! Test hooks (environment, not parameters) */
#define DRBD_ENV_PROC             "BATON_DRBD_PROC"
#define DRBD_ENV_RUN_DIR          "BATON_DRBD_RUN_DIR"
#define DRBD_ENV_ATTRD_IPC        "BATON_ATTRD_IPC"
#define DRBD_ENV_ATTRD_TOOL       "BATON_ATTRD_UPDATER"

/*! The four promotion scores of adjust_master_score */
enum drbd_score_level {
    DRBD_SCORE_ONLY_CONSISTENT = 0, /*!< only Consistent data */
    DRBD_SCORE_ONLY_REMOTE,         /*!< UpToDate only at a peer */
    DRBD_SCORE_LOCAL_OK,            /*!< UpToDate, peer unknown */
    DRBD_SCORE_AS_GOOD_AS_IT_GETS,  /*!< UpToDate, Primary or peer known */
    DRBD_SCORE_N_LEVELS,
};

/*! remove_master_score_if_peer_primary */
enum drbd_peer_primary_policy {
    DRBD_PEER_PRIMARY_IGNORE = 0,   /*!< false (anything not true) */
    DRBD_PEER_PRIMARY_REMOVE,       /*!< true */
    DRBD_PEER_PRIMARY_UNEXPECTED,   /*!< "unexpected" */
};

/*! wfc_timeout: whether start waits for the connection, and how long */
struct drbd_wfc {
    bool wait;
    unsigned timeout_s;
};

/*! The parameters, parsed once by the table */
struct drbd_conf {
    const char *resource;
    const char *drbdconf;
    unsigned adjust[DRBD_SCORE_N_LEVELS];
    bool stop_outdates_secondary;
    bool ignore_missing_notifications;
    struct drbd_wfc wfc;
    int remove_if_peer_primary;     /*!< enum drbd_peer_primary_policy */
    bool fail_promote_early;
    bool unfence_if_all_uptodate;
    const char *unfence_extra_args;
    uint32_t version_ge;            /*!< DRBD_VERSION_CODE(), 0: no check */
    uint32_t version_lt;            /*!< DRBD_VERSION_CODE(), 0: no check */
    bool connect_only_after_promote;
};

/*! Most minors (volumes) one resource may have in the cache */
#define DRBD_MAX_MINORS DRBD_MAX_VOLUMES

/*! What one invocation adds to the parameters */
struct drbd_ctx {
    baton_ocf_t *ocf;
    struct drbd_conf conf;
    const char *instance;           /*!< OCF_RESOURCE_INSTANCE */
    char rsc[128];                  /*!< the instance without ":N" */
    char node[BATON_NODE_NAME_MAX]; /*!< uname -n, as drbd-utils uses */
    uint64_t start_ms;
    uint64_t deadline_ms;           /*!< the action's end, monotonic */
    baton_reason_t *why;
    /* the kernel, read once by drbd_read() */
    bool module_loaded;
    uint32_t version;               /*!< DRBD_VERSION_CODE(), 0 unknown */
    bool stacked;                   /*!< drbdadm -S */
    int minors[DRBD_MAX_MINORS];    /*!< 8.4: the resource's minors */
    size_t n_minors;
    struct drbd_state state;
    struct drbd_summary sum;
};

extern const struct baton_agent_def baton_drbd_agent;
extern const struct baton_ocf_op drbd_ops[];

/*! \brief Where the agent keeps its files: BATON_DRBD_RUN_DIR (tests)
 *         or BATON_RUN_DIR. */
const char *drbd_run_dir(void);

/* ---- drbd_conf.c ------------------------------------------------------- */

/*! \brief Hook of adjust_master_score: four non-decreasing numbers, else
 *         drbd-utils' default with a warning (as drbd-utils falls back). */
int drbd_adjust_param_parse(const char *value, void *field,
                            baton_reason_t *why);

/*! \brief Hook of wfc_timeout: seconds; non-digits mean no wait. */
int drbd_wfc_param_parse(const char *value, void *field,
                         baton_reason_t *why);

/*! \brief Hook of remove_master_score_if_peer_primary. */
int drbd_peer_primary_param_parse(const char *value, void *field,
                                  baton_reason_t *why);

/*! \brief Hook of the module version parameters: x.y.z. */
int drbd_version_param_parse(const char *value, void *field,
                             baton_reason_t *why);

/*! \brief Hook of drbd_resource and drbdconf: drbd-utils' characters. */
int drbd_name_param_parse(const char *value, void *field,
                          baton_reason_t *why);

/*!
 * \brief Parse the parameters and read the invocation.
 * \param[in] lenient  For stop: parse what parses, keep going.
 */
int drbd_ctx_init(struct drbd_ctx *ctx, baton_ocf_t *ocf,
                  baton_reason_t *why, bool lenient);

/*! \brief Release what drbd_ctx_init() holds. */
void drbd_ctx_clear(struct drbd_ctx *ctx);

/*! \brief Milliseconds left before the action's deadline, less a margin
 *         (0 when none). */
unsigned drbd_ms_left(const struct drbd_ctx *ctx);

/*! \brief promoted-max (or master-max); 1 when not given. */
long drbd_promoted_max(const struct drbd_ctx *ctx);

/*!
 * \brief The clone's meta attributes as drbd-utils requires them:
 *        clone-node-max 1, promoted-node-max 1, promoted-max at most 2
 *        (and clone-max at most 2 on 8.4 or with two promoted), notify
 *        for the actions that need it unless ignore_missing_notifications.
 * \return BATON_RC_OK or BATON_RC_CONFIG with the reason.
 */
int drbd_check_meta(const struct drbd_ctx *ctx);

/*!
 * \brief The kernel module's version against require_drbd_module_version_*.
 * \return BATON_RC_OK or BATON_RC_NOT_INSTALLED with the reason.
 */
int drbd_check_version(const struct drbd_ctx *ctx);

/* ---- drbd_cmd.c: the kernel and drbd-utils ------------------------------ */

/*!
 * \brief Read the resource's state once: /proc/drbd (module and version;
 *        on 8.4 the state of the cached minors), or on DRBD 9 one
 *        `drbdsetup events2 --now`. Fills ctx->state and ctx->sum.
 * \return BATON_RC_OK (a resource the kernel does not have reads as
 *         unconfigured); BATON_RC_NODE_CONFIG when the resource is not in
 *         the configuration (8.4, no cache); another rc on failure.
 */
int drbd_read(struct drbd_ctx *ctx);

/*!
 * \brief Forget the cached minors and read them from the configuration
 *        again (start, stop, reload, validate-all).
 */
int drbd_minors_refresh(struct drbd_ctx *ctx);

/*!
 * \brief Run drbdadm with the configuration file and \p args, within the
 *        action's remaining time.
 * \param[out] exit_code  Its exit code (-1 when it did not exit); may be
 *                        NULL.
 * \return BATON_RC_OK; BATON_RC_CHILD_FAILED with the reason (its stderr);
 *         BATON_RC_TIMEOUT; BATON_RC_NOT_INSTALLED.
 */
int drbd_adm(struct drbd_ctx *ctx, const char *const *args, int *exit_code);

/*! \brief As drbd_adm() for drbdsetup (no configuration file). */
int drbd_setup(struct drbd_ctx *ctx, const char *const *args,
               int *exit_code);

/*! \brief Load the drbd module (modprobe -s drbd `drbdadm sh-mod-parms`). */
int drbd_modprobe(struct drbd_ctx *ctx);

/*!
 * \brief Whether `drbdadm dump` of the resource says allow-two-primaries.
 */
bool drbd_allows_two_primaries(struct drbd_ctx *ctx);

/* ---- drbd_score.c: promotion scores ------------------------------------- */

/*! What to do with this node's promotion score */
enum drbd_score_op {
    DRBD_SCORE_KEEP = 0,            /*!< transitional: leave it */
    DRBD_SCORE_SET,
    DRBD_SCORE_REMOVE,              /*!< no score (never a negative one) */
};

/*!
 * \brief drbd-utils' promotion score for a state
 *        (drbd_update_master_score), from adjust_master_score's levels.
 * \param[in]  pcmk_primary_elsewhere  Pacemaker runs the promoted
 *             instance on another node: 1 yes, 0 no, -1 not asked (only
 *             remove_master_score_if_peer_primary=unexpected asks).
 * \param[out] score    The score for DRBD_SCORE_SET (> 0).
 * \param[out] unfence  Primary with every disk UpToDate (for
 *                      unfence_if_all_uptodate).
 */
enum drbd_score_op drbd_score_decide(const struct drbd_summary *sum,
                                     const struct drbd_conf *conf,
                                     int pcmk_primary_elsewhere,
                                     int *score, bool *unfence);

/*! \brief Whether the peer-primary rule needs Pacemaker's view. */
bool drbd_score_needs_pcmk(const struct drbd_summary *sum,
                           const struct drbd_conf *conf);

/*!
 * \brief Compute and write this node's promotion score through attrd
 *        (master-<resource>, lifetime reboot), or remove it; call the
 *        unfence hook when asked to. The score is sent whatever this
 *        node last wrote, and recorded (drbd_score_monitor()).
 */
int drbd_score_update(struct drbd_ctx *ctx);

/*!
 * \brief drbd_score_update() for the recurring monitor: a score this
 *        node wrote to the same pacemaker-attrd process less than
 *        BATON_ATTR_RECORD_REFRESH_S ago is not sent again (no IPC, no
 *        libqb loaded); a removal always is.
 */
int drbd_score_monitor(struct drbd_ctx *ctx);

/*! \brief Remove this node's promotion score, and its record. */
int drbd_score_remove(struct drbd_ctx *ctx);

/*!
 * \brief Pacemaker's promoted instance is on another node than this one:
 *        crm_resource --locate --output-as=xml (XML, not text), within the
 *        remaining time. \return 1, 0, or -1 when it cannot tell.
 */
int drbd_pcmk_primary_elsewhere(struct drbd_ctx *ctx);

/*!
 * \brief Read crm_resource --locate --output-as=xml: whether a node other
 *        than \p self holds the promoted instance. \return 1 or 0.
 */
int drbd_locate_parse(const char *xml, const char *self);

#endif /* BATON_AGENT_DRBD_H */
