/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A promotable agent's node attributes: its promotion score
 * ("master-RSC"), its private attributes ("NAME-RSC", kept by
 * pacemaker-attrd only), and the membership it ranks nodes in, every wait
 * bounded by the action's deadline; several updates can share one
 * connection to pacemaker-attrd.
 */
#ifndef BATON_RSC_ATTRS_H
#define BATON_RSC_ATTRS_H

#include <stdint.h>

#include "baton/attrd.h"
#include "baton/membership.h"

/*! The agent tests' stand-ins: an IPC name nobody serves, and a fake
 *  attrd_updater (read by baton_rsc_attrd_opts()) */
#define BATON_ENV_ATTRD_IPC   "BATON_ATTRD_IPC"
#define BATON_ENV_ATTRD_TOOL  "BATON_ATTRD_UPDATER"
/*! One request to pacemaker-attrd waits at most this long */
#define BATON_RSC_ATTRD_MS    5000U
/*! The wait for corosync's membership */
#define BATON_RSC_MEMBERSHIP_MS 2000U
/*! Prefix of the promotion score's name */
#define BATON_RSC_SCORE_PREFIX "master-"

/*!
 * One resource's attributes within one action.
 *
 * @code
 * struct baton_rsc_attrs ra = {
 *     .rsc = "pgsqld", .origin = "baton-pgsqlms",
 *     .deadline_ms = end - margin, .members_env = "BATON_PGSQLMS_MEMBERS",
 * };
 *
 * baton_rsc_attrs_begin(&ra);           (one connection from here...)
 * baton_rsc_score_set(&ra, "node2", "1000");
 * baton_rsc_score_set(&ra, NULL, "1001");
 * baton_rsc_attrs_end(&ra);             (... to here)
 * @endcode
 */
struct baton_rsc_attrs {
    const char *rsc;          /*!< the resource's name (no clone instance) */
    const char *origin;       /*!< who sends, e.g. "baton-pgsqlms" */
    uint64_t deadline_ms;     /*!< monotonic: no wait goes past it (the
                                   action's end less the agent's margin);
                                   0 = no deadline */
    const char *members_env;  /*!< environment variable that names the
                                   members instead of corosync (tests); NULL
                                   = none */
    baton_attrd_session_t *session; /*!< set by baton_rsc_attrs_begin() */
};

/*!
 * \brief The options of one request to pacemaker-attrd: the deadline, the
 *        per-request bound, the origin and the tests' stand-ins
 *        (BATON_ENV_ATTRD_IPC, BATON_ENV_ATTRD_TOOL).
 */
struct baton_attrd_opts baton_rsc_attrd_opts(const struct baton_rsc_attrs *ra);

/*! \brief Send the following requests over one connection, until _end. */
void baton_rsc_attrs_begin(struct baton_rsc_attrs *ra);

/*! \brief Close the connection opened by _begin; a no-op without one. */
void baton_rsc_attrs_end(struct baton_rsc_attrs *ra);

/*!
 * \brief Send one request (over the open session, if any).
 */
int baton_rsc_attrd_send(struct baton_rsc_attrs *ra,
                         const struct baton_attrd_req *req);

/*!
 * \brief Set a node's promotion score ("master-RSC"), or remove it.
 * \param[in] node   NULL: this node.
 * \param[in] value  The score as text; NULL removes it.
 * \return As baton_attrd_send().
 */
int baton_rsc_score_set(struct baton_rsc_attrs *ra, const char *node,
                        const char *value);

/*!
 * \brief Set this node's promotion score unless \p record holds it, or
 *        remove it, through baton_attr_record_send() (over the open
 *        session, else one of its own): a score this node wrote to the
 *        same pacemaker-attrd less than BATON_ATTR_RECORD_REFRESH_S ago is
 *        not sent again.
 * \param[in] record  The record's file (see baton/attr_record.h).
 * \param[in] value   The score as text; NULL removes it and the record.
 * \return As baton_attrd_send(); BATON_RC_OK when skipped.
 */
int baton_rsc_score_update(struct baton_rsc_attrs *ra, const char *record,
                           const char *value);

/*!
 * \brief Every node's promotion score as pacemaker-attrd holds it, in one
 *        request within a session (baton_rsc_attrs_begin()): to write
 *        only what changed. No fallback (see
 *        baton_attrd_session_query_all()).
 * \return BATON_RC_OK; EINVAL outside a session; ENOTSUP or an IPC error
 *         when it cannot tell.
 */
int baton_rsc_scores_get(struct baton_rsc_attrs *ra,
                         struct baton_attrd_value **values, size_t *n);

/*! \brief Read a node's promotion score (NULL node: this node). */
int baton_rsc_score_get(struct baton_rsc_attrs *ra, const char *node,
                        char **value);

/*! \brief Set this node's private attribute "NAME-RSC". */
int baton_rsc_attr_set(struct baton_rsc_attrs *ra, const char *name,
                       const char *value);

/*! \brief Remove this node's private attribute "NAME-RSC". */
int baton_rsc_attr_del(struct baton_rsc_attrs *ra, const char *name);

/*!
 * \brief Read a node's private attribute "NAME-RSC".
 * \param[in]  node   NULL: this node.
 * \param[out] value  As baton_attrd_query().
 */
int baton_rsc_attr_get(struct baton_rsc_attrs *ra, const char *name,
                       const char *node, char **value);

/*!
 * \brief The membership: the names in the environment variable
 *        ra->members_env when it is set (all members, quorate), else
 *        corosync's (baton_membership_get(), bounded by the deadline).
 * \return The membership (caller frees with baton_membership_free()), or
 *         NULL when corosync cannot tell (logged).
 */
baton_membership_t *baton_rsc_members(const struct baton_rsc_attrs *ra);

#endif /* BATON_RSC_ATTRS_H */
