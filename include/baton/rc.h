/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One return-code convention for all of libbaton, and the single table that
 * turns it into an OCF exit code at the program boundary.
 */
#ifndef BATON_RC_H
#define BATON_RC_H

#include <stdbool.h>

/*!
 * Every libbaton function that can fail returns an int:
 *  - BATON_RC_OK (0) on success,
 *  - a positive errno, passed through unchanged,
 *  - or one of the negative codes below.
 *
 * @code
 * int rc = baton_ip_addr_add(nl, &addr, BATON_ADDR_NODAD);
 * if (rc != BATON_RC_OK) {
 *     baton_err("Cannot add address: %s", baton_rc_str(rc));
 * }
 * @endcode
 */
enum baton_rc {
    BATON_RC_OK = 0,
    /*! The configuration is wrong everywhere (bad value, missing parameter) */
    BATON_RC_CONFIG = -1001,
    /*! The configuration cannot work on this node only (no such interface) */
    BATON_RC_NODE_CONFIG = -1002,
    /*! A program or facility the agent needs is missing on this node */
    BATON_RC_NOT_INSTALLED = -1003,
    /*! The action is not implemented by this agent */
    BATON_RC_UNIMPLEMENTED = -1004,
    /*! The action or its arguments make no sense (bad invocation) */
    BATON_RC_USAGE = -1005,
    /*! A deadline passed before the work was done */
    BATON_RC_TIMEOUT = -1006,
    /*! A peer answered with something we cannot parse */
    BATON_RC_PROTOCOL = -1007,
    /*! Name resolution failed */
    BATON_RC_RESOLVE = -1008,
    /*! A child program exited non-zero or was killed */
    BATON_RC_CHILD_FAILED = -1009,
    /*! Generic failure with the reason already recorded */
    BATON_RC_FAILED = -1010,
    /*! Authentication with a peer (BMC, database) failed */
    BATON_RC_AUTH = -1011,
    /*! Lowest value, for range checks */
    BATON_RC_MIN = -1011,
};

/*! The state a monitor-like action reports besides its rc */
enum baton_res_state {
    BATON_RES_UNKNOWN = 0,
    BATON_RES_RUNNING,
    BATON_RES_STOPPED,
    BATON_RES_FAILED,
    BATON_RES_PROMOTED,
    BATON_RES_FAILED_PROMOTED,
    BATON_RES_DEGRADED,
    BATON_RES_DEGRADED_PROMOTED,
};

/*! How an OCF agent tells Pacemaker why it failed: a line on stderr
 *  starting with this (Pacemaker keeps the last one) */
#define BATON_OCF_EXIT_REASON "ocf-exit-reason:"

/*! OCF 1.1 exit codes. Used only at the program boundary (main.c). */
enum baton_ocf_exit {
    BATON_OCF_SUCCESS = 0,
    BATON_OCF_ERR_GENERIC = 1,
    BATON_OCF_ERR_ARGS = 2,
    BATON_OCF_ERR_UNIMPLEMENTED = 3,
    BATON_OCF_ERR_PERM = 4,
    BATON_OCF_ERR_INSTALLED = 5,
    BATON_OCF_ERR_CONFIGURED = 6,
    BATON_OCF_NOT_RUNNING = 7,
    BATON_OCF_RUNNING_PROMOTED = 8,
    BATON_OCF_FAILED_PROMOTED = 9,
    BATON_OCF_DEGRADED = 190,
    BATON_OCF_DEGRADED_PROMOTED = 191,
};

/*!
 * \brief Describe a return code.
 * \param[in] rc  A libbaton return code.
 * \return A static string; never NULL.
 */
const char *baton_rc_str(int rc);

/*!
 * \brief Map a return code and a resource state to an OCF 1.1 exit code.
 * \param[in] rc     The action's return code.
 * \param[in] state  The state the action reported (used when rc is OK).
 * \return An enum baton_ocf_exit value.
 */
int baton_rc2ocf(int rc, enum baton_res_state state);

/*!
 * \brief Convert a getaddrinfo() error into a libbaton return code.
 * \param[in] gai  The value getaddrinfo() returned.
 * \param[in] err  errno as it was right after the call (for EAI_SYSTEM).
 */
int baton_rc_from_gai(int gai, int err);

/*!
 * \brief Abort the process when an allocation returned NULL.
 *
 * Writes "out of memory at FILE:LINE" to stderr first: as an OCF exit
 * reason in OCF agents (see baton_rc_fatal_ocf()), as a plain line in any
 * other program (fence agents report failures through their own channel).
 */
void baton_assert_alloc_as(const void *p, const char *file, int line);
#define baton_assert_alloc(p) baton_assert_alloc_as((p), __FILE__, __LINE__)

/*!
 * \brief Write the text of a fatal error (out of memory) as a
 *        BATON_OCF_EXIT_REASON line. For the OCF boundary,
 *        baton_ocf_main(), only.
 */
void baton_rc_fatal_ocf(bool ocf);

/*! \brief free() and NULL a pointer (keepalived's FREE). */
#define baton_free(p) do { free(p); (p) = NULL; } while (0)

/*! \brief A printable string for a possibly-NULL pointer. */
static inline const char *
baton_s(const char *s, const char *dflt)
{
    return (s != NULL) ? s : dflt;
}

#endif /* BATON_RC_H */
