/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef BATON_FILE_H
#define BATON_FILE_H

/**
 * \file
 * \brief A small file the agents keep, replaced whole
 *
 * Pid files, the run directory's records and caches: a reader sees the old
 * content or the new one, never a half-written file, and the writer (root)
 * never follows a link someone planted.
 */

#include <sys/types.h>

/*!
 * \brief Replace \p path with a file holding \p text, with mode \p mode
 *
 * Written to a temporary file of a random name next to \p path, created
 * with O_EXCL (mkostemp(), which never follows a link), then renamed over
 * \p path: rename() replaces the name itself, never what a link planted
 * at \p path points to. On failure the temporary file is removed and
 * \p path is left as it was.
 *
 * \return BATON_RC_OK or an errno.
 */
int baton_file_replace(const char *path, const char *text, mode_t mode);

#endif
