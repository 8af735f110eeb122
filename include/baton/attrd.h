/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Node attributes: update, delete or read a transient node attribute through
 * pacemaker-attrd's IPC (libqb), with attrd_updater as the fallback.
 */
#ifndef BATON_ATTRD_H
#define BATON_ATTRD_H

#include <stdbool.h>

/*! What to change; the same commands as attrd_updater's options */
enum baton_attrd_cmd {
    BATON_ATTRD_UPDATE = 0,   /*!< the value only (attrd_updater -U/-v) */
    BATON_ATTRD_UPDATE_BOTH,  /*!< value and dampening (-B ... -d) */
    BATON_ATTRD_UPDATE_DELAY, /*!< dampening only (-Y -d) */
    BATON_ATTRD_DELETE,       /*!< remove the value (-D) */
};

/*! Which path delivered a request */
enum baton_attrd_path {
    BATON_ATTRD_PATH_NONE = 0,
    BATON_ATTRD_PATH_IPC,     /*!< pacemaker-attrd's IPC, no fork */
    BATON_ATTRD_PATH_TOOL,    /*!< the attrd_updater program */
};

/*! One request to pacemaker-attrd */
struct baton_attrd_req {
    enum baton_attrd_cmd cmd;
    const char *name;         /*!< attribute name (required) */
    const char *value;        /*!< for UPDATE and UPDATE_BOTH */
    const char *dampen;       /*!< "5s", for UPDATE_BOTH, UPDATE_DELAY and
                                   (passed like pacemaker's agents) DELETE */
    const char *node;         /*!< node name, NULL = the local node */
    bool is_private;          /*!< kept by attrd only, never in the CIB
                                   (attrd_updater -p) */
};

/*! How to reach pacemaker-attrd; NULL fields mean the defaults */
struct baton_attrd_opts {
    const char *ipc_name;     /*!< IPC server name, default "attrd" */
    const char *tool;         /*!< fallback program, default "attrd_updater" */
    const char *origin;       /*!< who sends ("src" of the message) */
    unsigned timeout_ms;      /*!< for the whole request, default 5000 */
    bool no_fallback;         /*!< fail rather than run the tool */
    bool tool_only;           /*!< skip the IPC (tests, debugging) */
};

#define BATON_ATTRD_IPC_NAME    "attrd"
#define BATON_ATTRD_TOOL        "attrd_updater"
#define BATON_ATTRD_TIMEOUT_MS  5000

/*!
 * \brief Send one request to pacemaker-attrd and wait for its acknowledgement.
 *
 * Tries the IPC first (connect to "attrd", one message, one ack; no child
 * process). When that is not possible (attrd not running, not authentic,
 * protocol error), logs why at warning level and runs attrd_updater with an
 * argv list (never a shell), with a deadline of timeout_ms of its own.
 *
 * @code
 * struct baton_attrd_req req = {
 *     .cmd = BATON_ATTRD_UPDATE_BOTH, .name = "pingd", .value = "100",
 *     .dampen = "5s",
 * };
 * enum baton_attrd_path path;
 * int rc = baton_attrd_send(&req, NULL, &path);
 * @endcode
 *
 * \param[in]  opts  NULL means all defaults.
 * \param[out] path  Which path delivered it (may be NULL).
 * \return BATON_RC_OK; EINVAL for a bad request; BATON_RC_TIMEOUT;
 *         BATON_RC_CHILD_FAILED when attrd_updater failed; ENOENT when it
 *         is not installed.
 */
int baton_attrd_send(const struct baton_attrd_req *req,
                     const struct baton_attrd_opts *opts,
                     enum baton_attrd_path *path);

/*!
 * \brief The XML message pacemaker 2.1's attrd_updater sends for a request.
 * \param[in]  origin  The "src" attribute (program name).
 * \param[out] xml     NUL-terminated; caller frees with free().
 * \return BATON_RC_OK or EINVAL.
 */
int baton_attrd_xml(const struct baton_attrd_req *req, const char *origin,
                    char **xml);

/*!
 * \brief The node a resource agent's attribute belongs to, as Pacemaker's
 *        attrd_updater chooses it: the physical host of a bundle when
 *        container-attribute-target=host, else OCF_RESKEY_CRM_meta_on_node.
 * \param[in] on_node, target, physical_host  The CRM_meta_ values (or NULL).
 * \return One of the arguments (borrowed), or NULL for the local node.
 */
const char *baton_attrd_target_node(const char *on_node, const char *target,
                                    const char *physical_host);

/*!
 * \brief Read an attribute's value on one node from pacemaker-attrd.
 *
 * Runs attrd_updater -Q --output-as=xml (argv list, its own deadline of
 * timeout_ms) and reads its answer (baton_attrd_parse_query()).
 * \param[in]  node   Node name, NULL = the local node.
 * \param[in]  opts   NULL means all defaults (tool, timeout).
 * \param[out] value  The value (caller frees with free()); NULL when the
 *                    attribute has no value on that node.
 * \return BATON_RC_OK (with *value NULL when unset); BATON_RC_TIMEOUT;
 *         ENOENT when attrd_updater is not installed; BATON_RC_PROTOCOL
 *         for an answer that cannot be read.
 */
int baton_attrd_query(const char *name, const char *node,
                      const struct baton_attrd_opts *opts, char **value);

/*!
 * \brief Parse the answer of attrd_updater -Q: its XML form (the
 *        <attribute name="NAME" value="VALUE" host="NODE"/> element of a
 *        <pacemaker-result>, entities decoded), which Pacemaker 2.1 and 3.0
 *        write alike, or its text line name="NAME" host="NODE"
 *        value="VALUE" (what a tool that does not know --output-as prints).
 * \param[out] value  The value, unquoted (caller frees); NULL when empty.
 * \return BATON_RC_OK, or BATON_RC_PROTOCOL.
 */
int baton_attrd_parse_query(const char *line, const char *name,
                            char **value);

/*! \brief A static name for a path ("ipc", "attrd_updater", "none"). */
const char *baton_attrd_path_str(enum baton_attrd_path path);

#endif /* BATON_ATTRD_H */
