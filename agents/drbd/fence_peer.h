/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * baton-fence-peer / baton-unfence-peer: DRBD's fence-peer and
 * unfence-peer (8.4: after-resync-target) handler for Pacemaker, a
 * drop-in for drbd-utils' crm-fence-peer.9.sh / crm-unfence-peer.9.sh:
 * the same environment, options, constraint and exit codes, deciding from
 * corosync's membership and quorum in-process and editing the CIB through
 * libcib.
 */
#ifndef BATON_AGENT_DRBD_FENCE_PEER_H
#define BATON_AGENT_DRBD_FENCE_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "baton/membership.h"

#define FP_PROG_FENCE        "baton-fence-peer"
#define FP_PROG_UNFENCE      "baton-unfence-peer"
#define FP_ID_PREFIX         "drbd-fence-by-handler"
#define FP_UNAME_ATTR        "#uname"
#define FP_LOCK_DIR          "/var/lock/drbd"
#define FP_LOCK_NONE         "NONE"
#define FP_MAX_NODES         32
#define FP_ID_MAX            256

/*! The exit codes DRBD gives meaning to (fence-peer handler) */
enum fp_exit {
    FP_EXIT_OK = 0,                  /*!< unfence done */
    FP_EXIT_FAILED = 1,              /*!< "helper broken": nothing done */
    FP_EXIT_PEER_INCONSISTENT = 3,   /*!< peer already Inconsistent */
    FP_EXIT_PEER_OUTDATED = 4,       /*!< constraint placed, peer reachable */
    FP_EXIT_PEER_UNREACHABLE = 5,    /*!< peer unreachable, assumed dead */
    FP_EXIT_OUTDATE_MYSELF = 6,      /*!< the peer is Primary */
    FP_EXIT_PEER_FENCED = 7,         /*!< peer node-level fenced */
};

enum fp_action {
    FP_FENCE = 0,
    FP_UNFENCE,
};

/*! The options, as crm-fence-peer.9.sh takes them */
struct fp_opts {
    enum fp_action action;
    const char *resource;            /*!< -r; else $DRBD_RESOURCE */
    const char *master_id;           /*!< -i; else found in the CIB */
    const char *role;                /*!< -l; else by the CIB's schema */
    const char *fencing_attribute;   /*!< -a, "#uname" */
    const char *id_prefix;           /*!< -p, "drbd-fence-by-handler" */
    unsigned timeout_s;              /*!< -t, 90 */
    unsigned dc_timeout_s;           /*!< -d, 20 */
    unsigned net_hickup_s;           /*!< --net-hickup, 0 */
    unsigned flock_timeout_s;        /*!< 120 */
    const char *lock_dir;            /*!< /var/lock/drbd */
    const char *lock_file;           /*!< NULL: <lock_dir>/fence.<res> */
    const char *logfacility;         /*!< local5 */
    bool quiet;
    bool unfence_only_if_owner_match;
    bool flock_required;
    bool cts_mode;
    bool suicide_on_failure_if_primary;
    bool unreachable_peer_is_outdated; /*!< only from a terminal */
};

/*! One node of DRBD's view: its name and node id (8.4: its index) */
struct fp_node {
    int id;
    char name[BATON_NODE_NAME_MAX];
};

/*! What DRBD passes in the environment */
struct fp_env {
    const char *resource;            /*!< DRBD_RESOURCE */
    const char *peer;                /*!< DRBD_PEER (8.4) */
    const char *minors;              /*!< DRBD_MINOR (8.4), space separated */
    int my_node_id;                  /*!< DRBD_MY_NODE_ID, -1 when absent */
    bool have_mask;                  /*!< UP_TO_DATE_NODES given (9) */
    uint32_t up_to_date;             /*!< UP_TO_DATE_NODES */
    const char *node_names[FP_MAX_NODES]; /*!< DRBD_NODE_ID_<n> */
};

/*! The nodes to keep (up to date) and to exclude from promotion */
struct fp_lists {
    size_t n_include;
    struct fp_node include[FP_MAX_NODES];
    size_t n_exclude;
    struct fp_node exclude[FP_MAX_NODES];
};

/* ---- fence_peer.c: the handler ------------------------------------------- */

/*!
 * \brief The handler: fence-peer or unfence-peer by the program's name.
 * \return The process's exit code, as DRBD reads it (enum fp_exit).
 */
int fp_main(int argc, char **argv, char **envp);

/* ---- fence_opts.c: command line and environment ------------------------- */

/*!
 * \brief Parse the options as crm-fence-peer.9.sh does (--opt=value,
 *        --opt value, the short letters), after them the words of
 *        $OCF_RESKEY_unfence_extra_args. Unknown options are ignored with a
 *        warning on stderr.
 * \param[in]  prog   argv[0]: its basename selects fence or unfence.
 * \param[out] o      The options; strings borrow from argv or \p extra.
 * \param[in]  extra  A writable copy of the extra arguments (split in
 *                    place), or NULL.
 * \param[in]  tty    Whether stdin is a terminal (for
 *                    --unreachable-peer-is-outdated).
 * \return 0, or -1 when the program's name is neither handler.
 */
int fp_opts_parse(int argc, char **argv, char *extra, bool tty,
                  struct fp_opts *o);

/*! \brief Read DRBD's variables from an environment (NAME=value list). */
void fp_env_read(char *const *envp, struct fp_env *env);

/*!
 * \brief The nodes to keep and to exclude: by UP_TO_DATE_NODES and the
 *        DRBD_NODE_ID_n names (9), or this node and DRBD_PEER (8.4).
 * \param[in] self  This node's name (uname -n).
 * \param[out] why  A message when the input is unusable.
 * \return 0, or -1 with \p why set.
 */
int fp_lists_setup(const struct fp_env *env, const char *self,
                   struct fp_lists *l, char *why, size_t why_size);

/*! \brief "drbd-fence-by-handler-RES": the prefix with the resource. */
void fp_id_prefix(const struct fp_opts *o, const char *resource, char *buf,
                  size_t size);

/* ---- fence_constraint.c: the CIB as XML (libxml2 only) -------------------- */

/*! \brief The id of the clone (or master) of the primitive whose
 *         drbd_resource is \p resource (borrowed from \p cib), or NULL. */
const char *fp_master_id(xmlNode *cib, const char *resource);

/*! \brief The element of id \p id under configuration/constraints, or
 *         NULL. */
xmlNode *fp_constraint_find(xmlNode *cib, const char *id);

/*! \brief "Promoted" when the CIB's schema (validate-with) knows it
 *         (pacemaker-3.7 and later), else "Master". */
const char *fp_role_default(xmlNode *cib);

/*!
 * \brief A node's value of an attribute for a constraint expression:
 *        its name for #uname, else from the nodes section (NULL when it
 *        has none; the caller falls back to #uname, as drbd-utils).
 */
const char *fp_node_attr(xmlNode *cib, const char *node, const char *attr);

/*!
 * \brief Build the constraint: rsc_location <prefix>-<master> of the
 *        clone, one rule for \p role with score -INFINITY, and one
 *        "<attr> ne <value>" expression per node of \p l's include list.
 * \param[in] prefix  From fp_id_prefix().
 * \return A new element; caller frees with xmlFreeNode().
 */
xmlNode *fp_constraint_new(xmlNode *cib, const char *prefix,
                           const char *master, const char *role,
                           const char *attr, const struct fp_lists *l);

/*!
 * \brief Whether two constraints say the same: resource, role (Master and
 *        Promoted alike), score and the set of expressions, whatever the
 *        ids and the order.
 */
bool fp_constraint_same(xmlNode *a, xmlNode *b);

/*!
 * \brief Whether the constraint bans \p node from the promoted role: every
 *        expression of its rule holds for the node (evaluated with the
 *        node's attributes in \p cib).
 */
bool fp_constraint_rejects(xmlNode *c, xmlNode *cib, const char *node);

/*!
 * \brief The expressions of \p c that keep an excluded node of \p l
 *        promotable (the ones fencing removes to narrow it).
 * \param[out] out  Up to \p max elements, borrowed from \p c.
 * \return How many.
 */
size_t fp_constraint_narrowing(xmlNode *c, xmlNode *cib, const char *attr,
                               const struct fp_lists *l, xmlNode **out,
                               size_t max);

/*! What Pacemaker's status section says of a node */
struct fp_node_state {
    bool found;
    bool in_ccm;             /*!< in the membership ("true" or a time) */
    bool in_ccm_known;       /*!< the attribute was there */
    bool crmd_online;        /*!< "online" or a time (2.1.7) */
    bool crmd_banned;
    bool expected_down;      /*!< expected="down" */
    bool ha_dead;            /*!< ha="dead" (old Pacemaker) */
};

/*! \brief Read a node's node_state (by uname) from the status section. */
void fp_node_state_read(xmlNode *cib, const char *node,
                        struct fp_node_state *ns);

/*! The peer as the handler sees it */
enum fp_peer {
    FP_PEER_REACHABLE = 0,   /*!< a corosync member */
    FP_PEER_FENCED,          /*!< down, and Pacemaker expects it down */
    FP_PEER_UNREACHABLE,     /*!< offline, not (yet) expected down */
    FP_PEER_PENDING,         /*!< Pacemaker will fence it: wait */
};

/*!
 * \brief Pacemaker's view of a peer that is not a corosync member, by
 *        drbd-utils' rules (pacemaker's determine_online_status_fencing):
 *        fenced (clean down), unreachable, or fencing still to come.
 */
enum fp_peer fp_peer_from_state(const struct fp_node_state *ns,
                                bool stonith_enabled, bool startup_fencing);

/*! \brief stonith-enabled and startup-fencing of crm_config (both true
 *         unless set to a false value). */
void fp_cluster_props(xmlNode *cib, bool *stonith_enabled,
                      bool *startup_fencing);

/*! \brief Serialize an element for the log (caller frees). */
char *fp_xml_str(xmlNode *n);

#endif /* BATON_AGENT_DRBD_FENCE_PEER_H */
