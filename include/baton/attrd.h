/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Node attributes: update, delete or read a transient node attribute through
 * pacemaker-attrd's IPC (libqb), with attrd_updater as the fallback; one
 * request at a time, or several over one connection (a session).
 */
#ifndef BATON_ATTRD_H
#define BATON_ATTRD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

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
    unsigned timeout_ms;      /*!< for each request, default 5000 */
    uint64_t deadline_ms;     /*!< monotonic (baton_clock_now_ms()): no
                                   request waits past it; 0 = none */
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
 * argv list (never a shell), with a deadline of timeout_ms of its own;
 * no wait goes past opts->deadline_ms.
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
 * \return BATON_RC_OK; EINVAL for an incomplete request, or text with a
 *         control character XML 1.0 cannot carry (any but tab, newline
 *         and carriage return).
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
 * Asks over the IPC (a "query" request; its reply names the node and the
 * value), falling back like baton_attrd_send() to attrd_updater -Q
 * --output-as=xml (argv list, bounded) whose answer
 * baton_attrd_parse_query() reads.
 * \param[in]  node   Node name, NULL = the local node: as attrd_updater
 *                    chooses it (baton_attrd_target_node() of the
 *                    OCF_RESKEY_CRM_meta_ variables), else "localhost",
 *                    attrd's own name.
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
 * Several requests to pacemaker-attrd over one IPC connection (opaque).
 *
 * Connecting costs attrd more than a request (it maps shared memory for
 * each client): an action that writes several attributes opens one
 * session. The connection is made at the first request; when it cannot
 * be made, or breaks, the session's later requests go to the fallback
 * (attrd_updater) at once, or fail when no_fallback is set.
 *
 * @code
 * struct baton_attrd_opts o = { .origin = "me", .deadline_ms = end };
 * baton_attrd_session_t *s = baton_attrd_open(&o);
 *
 * for (size_t i = 0; i < n; i++) {
 *     rc = baton_attrd_session_send(s, &reqs[i], NULL);
 * }
 * baton_attrd_close(s);
 * @endcode
 */
typedef struct baton_attrd_session_s baton_attrd_session_t;

/*!
 * \brief Start a session (no connection yet).
 * \param[in] opts  Copied; its strings are borrowed and must outlive the
 *                  session. NULL means all defaults.
 * \return Never NULL; close with baton_attrd_close().
 */
baton_attrd_session_t *baton_attrd_open(const struct baton_attrd_opts *opts);

/*! \brief baton_attrd_send() within a session. */
int baton_attrd_session_send(baton_attrd_session_t *s,
                             const struct baton_attrd_req *req,
                             enum baton_attrd_path *path);

/*!
 * \brief The pid of the pacemaker-attrd process the session's IPC
 *        connection reached (checked as root or hacluster when
 *        connecting): with its start time, who holds what was written.
 * \return The pid; 0 when the session has no IPC connection (none made
 *         yet, or it failed and attrd_updater was used).
 */
pid_t baton_attrd_session_server(const baton_attrd_session_t *s);

/*! \brief baton_attrd_query() within a session. */
int baton_attrd_session_query(baton_attrd_session_t *s, const char *name,
                              const char *node, char **value);

/*! \brief Disconnect and free; NULL is a no-op. */
void baton_attrd_close(baton_attrd_session_t *s);

/*! One node's value of an attribute */
struct baton_attrd_value {
    char *node;
    char *value;              /*!< NULL when unset there */
};

/*!
 * \brief Every node's value of an attribute, in one request over the
 *        session's IPC connection (attrd answers from its own copy, no
 *        message to its peers). There is no fallback: callers use it to
 *        skip work, and treat an error as "not known".
 * \param[out] values  Caller frees with baton_attrd_values_free(); an
 *                     attribute attrd does not know gives none.
 * \return BATON_RC_OK; ENOTSUP when the session cannot use the IPC;
 *         another error of the IPC.
 */
int baton_attrd_session_query_all(baton_attrd_session_t *s, const char *name,
                                  struct baton_attrd_value **values,
                                  size_t *n);

/*! \brief Free what baton_attrd_session_query_all() returned. */
void baton_attrd_values_free(struct baton_attrd_value *values, size_t n);

/*! \brief The value of \p node in \p values (borrowed): NULL when unset;
 *         \p *found false when the node is not in the list. */
const char *baton_attrd_values_get(const struct baton_attrd_value *values,
                                   size_t n, const char *node, bool *found);

/*!
 * \brief The XML query request pacemaker-attrd 2.1 and 3.0 answer.
 * \param[in]  node    The node, "localhost" (attrd's own name), or NULL
 *                     (every node).
 * \param[out] xml     NUL-terminated; caller frees with free().
 * \return BATON_RC_OK or EINVAL.
 */
int baton_attrd_query_xml(const char *name, const char *node,
                          const char *origin, char **xml);

/*!
 * \brief Read pacemaker-attrd's reply to a query: a root element with
 *        t="attrd" (subt="query" from 2.1.3 on), attr_name="NAME" when
 *        attrd knows the attribute, and one <node attr_host="NODE"
 *        attr_value="VALUE"/> per node (no attr_value when unset there).
 * \param[in]  node    What was asked; "localhost" accepts attrd's name
 *                     (one <node> only: attrd answers for every node
 *                     while it does not know its own name).
 * \param[out] value   The value (caller frees); NULL when unset or empty.
 * \return BATON_RC_OK, or BATON_RC_PROTOCOL.
 */
int baton_attrd_parse_reply(const char *xml, const char *name,
                            const char *node, char **value);

/*!
 * \brief Read pacemaker-attrd's reply to a query of every node (see
 *        baton_attrd_parse_reply()): one entry per <node> element.
 * \return BATON_RC_OK (none when attrd does not know the attribute), or
 *         BATON_RC_PROTOCOL.
 */
int baton_attrd_parse_reply_all(const char *xml, const char *name,
                                struct baton_attrd_value **values, size_t *n);

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
