/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one run directory where agents, running as root, keep pid files and
 * other state between actions, and the one check that it is safe to use.
 */
#ifndef BATON_RUNDIR_H
#define BATON_RUNDIR_H

#include <stdbool.h>

#include "baton/reason.h"

/*! Where agents keep pid files and state (a tmpfs: empty after a reboot) */
#define BATON_RUN_DIR "/run/baton"

/*! Mode of the run directory when Baton creates it */
#define BATON_RUN_DIR_MODE 0755

/*!
 * \brief Make sure the run directory exists and only root can change it.
 *
 * Creates \p dir with mode 0755 when it is missing (after a reboot), and
 * refuses, whoever created it: a symbolic link, something that is not a
 * directory, a directory owned by another user than root (or than the
 * caller, when not root), and one that group or others may write (group
 * write is allowed to group root). A file root writes in such a directory
 * could be replaced by a link to any file.
 *
 * @code
 * if (baton_rundir_holds(pidfile)) {
 *     rc = baton_rundir_ensure(BATON_RUN_DIR, why);
 * }
 * if (rc == BATON_RC_OK) {
 *     rc = baton_pidfile_write(pidfile, pid);
 * }
 * @endcode
 * \param[in]  dir  BATON_RUN_DIR (tests pass a directory of their own);
 *                  its parent must exist.
 * \param[out] why  Set on failure, naming the directory.
 * \return BATON_RC_OK; ELOOP (a symbolic link), ENOTDIR, EPERM (owner or
 *         mode), or the errno of mkdir(), open() or fstat().
 */
int baton_rundir_ensure(const char *dir, baton_reason_t *why);

/*!
 * \brief Whether \p path names a file directly in BATON_RUN_DIR (a default
 *        pid file, as opposed to one the administrator placed elsewhere).
 */
bool baton_rundir_holds(const char *path);

#endif /* BATON_RUNDIR_H */
