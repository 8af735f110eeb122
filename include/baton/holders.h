/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Which processes hold a mount busy (working directory, root, executable,
 * open files, mapped files), found through /proc without touching the
 * mounted filesystems themselves, so that a dead mount elsewhere never
 * blocks the search.
 */
#ifndef BATON_HOLDERS_H
#define BATON_HOLDERS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "baton/mountinfo.h"

/*! What a process holds on the mounts looked for (uint32_t flags) */
enum baton_hold_flags {
    BATON_HOLD_CWD  = (1 << 0),   /*!< working directory */
    BATON_HOLD_ROOT = (1 << 1),   /*!< root directory (chroot) */
    BATON_HOLD_EXE  = (1 << 2),   /*!< its executable */
    BATON_HOLD_FD   = (1 << 3),   /*!< an open file descriptor */
    BATON_HOLD_MAP  = (1 << 4),   /*!< a mapped file (library, mmap) */
};

/*! One process that holds one of the mounts */
struct baton_holder {
    pid_t pid;
    uint32_t holds;               /*!< enum baton_hold_flags */
    char comm[32];                /*!< /proc/<pid>/comm */
};

/*!
 * The mounts whose holders are wanted, in the caller's mount namespace.
 *
 * How a reference is matched to a mount, without stat() of any path (a
 * stat can hang on a dead network mount):
 *  - open files: the mnt_id line of /proc/<pid>/fdinfo/<fd>;
 *  - working directory, root, executable (readlink of /proc/<pid>/cwd,
 *    root, exe) and mapped files (/proc/<pid>/maps): the path is resolved
 *    to the mount it shows with the process's mount table
 *    (baton_mounts_resolve()), so a bind mount elsewhere of the same
 *    filesystem, or a bind mount of / whose paths merely look alike, is
 *    another mount and not a match.
 * A process in another mount namespace is matched against that
 * namespace's table (/proc/<pid>/mountinfo, read once per namespace): the
 * mounts there that are propagated copies of the ones looked for (same
 * device and root, in the same peer group or its slave) count, since a
 * busy copy makes unmounting the original fail too.
 *
 * @code
 * struct baton_holders_query q = {
 *     .proc_root = "/proc", .mounts = table, .ids = &top->id, .n_ids = 1,
 * };
 * struct baton_holder *h = NULL;
 * size_t n = 0;
 *
 * if (baton_holders_scan(&q, &h, &n) == BATON_RC_OK) {
 *     for (size_t i = 0; i < n; i++) {
 *         kill(h[i].pid, SIGTERM);
 *     }
 * }
 * free(h);
 * @endcode
 */
struct baton_holders_query {
    const char *proc_root;          /*!< "/proc", or a test's fake tree */
    const baton_mounts_t *mounts;   /*!< the caller's mount table */
    const unsigned *ids;            /*!< mount ids in \p mounts */
    size_t n_ids;
};

/*!
 * \brief Find every process (other than the caller) holding one of the
 *        mounts. Processes that exit during the scan are skipped.
 * \param[out] holders  Caller frees with free(); NULL when none.
 * \param[out] n        How many.
 * \return BATON_RC_OK, or an errno when \p proc_root cannot be read.
 */
int baton_holders_scan(const struct baton_holders_query *q,
                       struct baton_holder **holders, size_t *n);

/*!
 * \brief What a holder holds, as text ("cwd,fd").
 * \return \p buf.
 */
const char *baton_hold_str(uint32_t holds, char *buf, size_t size);

#endif /* BATON_HOLDERS_H */
