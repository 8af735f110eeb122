/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Helpers shared by the storage modules only (lib/storage/).
 */
#ifndef BATON_STORAGE_PRIVATE_H
#define BATON_STORAGE_PRIVATE_H

#include <stddef.h>

/*!
 * \brief Read a whole file (a /proc file reports size 0: read to the end),
 *        relative to \p dirfd (AT_FDCWD for a plain path). A link is not
 *        followed and a FIFO does not block.
 * \param[out] text  NUL-terminated; caller frees with free().
 * \param[out] len   Its length, or NULL.
 * \return BATON_RC_OK or an errno.
 */
int baton_storage_read_all(int dirfd, const char *path, char **text,
                           size_t *len);

#endif /* BATON_STORAGE_PRIVATE_H */
