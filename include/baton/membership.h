/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Cluster membership and quorum, read from corosync in-process (libquorum
 * for the members and the quorum, libcmap for their names and the local
 * node id, libcpg for that id only when cmap lacks it), instead of parsing
 * crm_node's output.
 */
#ifndef BATON_MEMBERSHIP_H
#define BATON_MEMBERSHIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*! Longest node name kept (corosync's own limit is 255) */
#define BATON_NODE_NAME_MAX 256

/*! One member of the current membership */
struct baton_member {
    uint32_t id;                      /*!< corosync node id */
    char name[BATON_NODE_NAME_MAX];   /*!< nodelist name (else ring0_addr);
                                           "" when corosync has none */
};

/*!
 * The membership as corosync saw it at one moment (opaque).
 *
 * @code
 * baton_membership_t *m = NULL;
 * int rc = baton_membership_get(2000, &m);
 *
 * if (rc == BATON_RC_OK && baton_membership_quorate(m)
 *     && baton_membership_has_name(m, "node2")) {
 *     ... node2 is a member of a quorate partition ...
 * }
 * baton_membership_free(m);
 * @endcode
 */
typedef struct baton_membership_s baton_membership_t;

/*!
 * \brief Convert a corosync cs_error_t into a libbaton return code.
 *
 * corosync's CS_OK is 1, not 0: every corosync result goes through this
 * once, where it is received.
 * \return BATON_RC_OK for CS_OK; ECONNREFUSED when corosync does not run
 *         (CS_ERR_LIBRARY); BATON_RC_TIMEOUT; EAGAIN (CS_ERR_TRY_AGAIN);
 *         ENOENT (CS_ERR_NOT_EXIST); EACCES (CS_ERR_ACCESS); ENOMEM;
 *         BATON_RC_PROTOCOL for any other code.
 */
int baton_rc_from_cs(int cs);

/*!
 * \brief Read the current membership, the quorum and the local node id.
 *
 * The member list comes from corosync's quorum service (the nodes of this
 * partition), names from the nodelist in cmap, the local node id from cmap
 * (runtime.votequorum.this_node_id, else the nodelist entry at
 * nodelist.local_node_pos, else cpg): two corosync connections, three
 * when cmap lacks the id. The wait for the quorum service's answer is
 * bounded by \p timeout_ms.
 * \param[out] out  The membership; caller frees with
 *                  baton_membership_free(). NULL on failure.
 * \return BATON_RC_OK; ECONNREFUSED when corosync does not run here;
 *         BATON_RC_TIMEOUT; another code from baton_rc_from_cs().
 */
int baton_membership_get(unsigned timeout_ms, baton_membership_t **out);

/*! \brief Free a membership; NULL is a no-op. */
void baton_membership_free(baton_membership_t *m);

/*! \brief Whether this partition has quorum. */
bool baton_membership_quorate(const baton_membership_t *m);

/*! \brief How many nodes are members. */
size_t baton_membership_n(const baton_membership_t *m);

/*! \brief The i-th member (borrowed), or NULL past the end. */
const struct baton_member *baton_membership_at(const baton_membership_t *m,
                                               size_t i);

/*! \brief This node's corosync id (0 when unknown). */
uint32_t baton_membership_local_id(const baton_membership_t *m);

/*! \brief This node's name in the nodelist (borrowed), or NULL. */
const char *baton_membership_local_name(const baton_membership_t *m);

/*! \brief Whether a node of that name is a member. */
bool baton_membership_has_name(const baton_membership_t *m, const char *name);

/*!
 * \brief A membership built from a list of names (all members, ids from 1,
 *        the first one local), for callers that were told the membership
 *        rather than asked corosync (tests, a cluster without corosync).
 * \param[in] names  Separated by spaces or commas.
 * \return Never NULL; caller frees with baton_membership_free().
 */
baton_membership_t *baton_membership_from_names(const char *names,
                                                bool quorate);

#endif /* BATON_MEMBERSHIP_H */
