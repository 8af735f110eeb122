/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What this node last wrote to pacemaker-attrd, kept in a small file so
 * that a recurring action writes an attribute only when its value
 * changed, the record is older than a refresh period, or the
 * pacemaker-attrd process that took it is gone.
 */
#ifndef BATON_ATTR_RECORD_H
#define BATON_ATTR_RECORD_H

#include <stdbool.h>
#include <sys/types.h>

#include "baton/attrd.h"

/*! A recorded value is written again after this long anyway: the bound on
 *  how long a value attrd lost without a restart (a hand-made removal)
 *  stays missing */
#define BATON_ATTR_RECORD_REFRESH_S 300

/*!
 * \brief Whether \p path records \p value as written less than
 *        \p refresh_s seconds ago (by the file's modification time; a
 *        time in the future counts as old) and, when the record names the
 *        pacemaker-attrd process that took it, whether that process (pid
 *        and start time) still runs.
 *
 * @code
 * baton_attrd_session_t *s = baton_attrd_open(&opts);
 * struct baton_attrd_req req = { .name = "master-r0", .value = "10000" };
 * bool written = false;
 *
 * rc = baton_attr_record_send(s, "/run/baton/drbd-r0-node1.score", &req,
 *                             &written);      (no request when recorded)
 * baton_attrd_close(s);
 * @endcode
 */
bool baton_attr_record_holds(const char *path, const char *value,
                             unsigned refresh_s);

/*!
 * \brief Record \p value, atomically (a new file renamed over \p path);
 *        creates BATON_RUN_DIR when \p path is in it.
 * \param[in] value      NULL removes the record.
 * \param[in] attrd_pid  The pacemaker-attrd that took the value
 *                       (baton_attrd_session_server()), recorded with its
 *                       start time; 0: not known (attrd_updater wrote it,
 *                       or the file records a fact of the agent's own),
 *                       and the file holds \p value alone.
 * \return BATON_RC_OK or an errno.
 */
int baton_attr_record_set(const char *path, const char *value,
                          pid_t attrd_pid);

/*!
 * \brief Send \p req, an update or removal of one of this node's
 *        attributes, unless \p path records its value
 *        (baton_attr_record_holds(), BATON_ATTR_RECORD_REFRESH_S); then
 *        record what was written, with the attrd process that took it.
 *        A removal is always sent, its record removed first; a failed
 *        update leaves no record, so the next call sends it again.
 * \param[in]  s        The session to send through (opened by the caller).
 * \param[out] written  Whether a request was sent (may be NULL).
 * \return As baton_attrd_session_send(); BATON_RC_OK when skipped.
 */
int baton_attr_record_send(baton_attrd_session_t *s, const char *path,
                           const struct baton_attrd_req *req, bool *written);

#endif /* BATON_ATTR_RECORD_H */
