/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A mount namespace's mount table, as the kernel lists it in
 * /proc/<pid>/mountinfo: which mounts exist, what each is stacked on, and
 * which mount a path resolves to.
 */
#ifndef BATON_MOUNTINFO_H
#define BATON_MOUNTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*!
 * One line of mountinfo. Strings are unescaped (\040 is a space) and
 * borrowed from the table.
 */
struct baton_mount {
    unsigned id;             /*!< unique mount id (fdinfo's mnt_id) */
    unsigned parent_id;      /*!< the mount it is attached to */
    dev_t dev;               /*!< st_dev of files in it */
    const char *root;        /*!< the directory of the filesystem mounted */
    const char *point;       /*!< mount point, relative to the reader's root */
    const char *opts;        /*!< per-mount options (rw, nosuid, ...) */
    const char *fstype;
    const char *source;      /*!< e.g. /dev/sdb1 */
    const char *super_opts;  /*!< the superblock's options */
    unsigned shared_group;   /*!< peer group (shared:N), 0 when not shared */
    unsigned master_group;   /*!< master's peer group (master:N), or 0 */
};

/*!
 * A mount table (opaque).
 *
 * @code
 * baton_mounts_t *m = NULL;
 * const struct baton_mount *top = NULL;
 *
 * if (baton_mounts_read("/proc/self/mountinfo", &m) == BATON_RC_OK) {
 *     top = baton_mounts_at_point(m, "/srv/data");
 *     if ((top != NULL) && (top->dev == wanted_rdev)) {
 *         // our device is what /srv/data shows
 *     }
 * }
 * baton_mounts_free(m);
 * @endcode
 */
typedef struct baton_mounts_s baton_mounts_t;

/*!
 * \brief Parse the text of a mountinfo file.
 * \param[out] out  The table; caller frees with baton_mounts_free().
 * \return BATON_RC_OK, or BATON_RC_PROTOCOL when a line is malformed.
 */
int baton_mounts_parse(const char *text, baton_mounts_t **out);

/*!
 * \brief Read and parse a mountinfo file ("/proc/self/mountinfo",
 *        "/proc/<pid>/mountinfo").
 * \return BATON_RC_OK, an errno from reading, or BATON_RC_PROTOCOL.
 */
int baton_mounts_read(const char *path, baton_mounts_t **out);

/*! \brief Free a table; NULL is a no-op. */
void baton_mounts_free(baton_mounts_t *m);

/*! \brief How many mounts the table holds. */
size_t baton_mounts_count(const baton_mounts_t *m);

/*! \brief The i-th mount, in the kernel's order (borrowed). */
const struct baton_mount *baton_mounts_get(const baton_mounts_t *m,
                                           size_t i);

/*! \brief The mount with this id (borrowed), or NULL. */
const struct baton_mount *baton_mounts_by_id(const baton_mounts_t *m,
                                             unsigned id);

/*!
 * \brief The mount a path shows at exactly this mount point: when several
 *        are stacked there, the top one (the one nothing else at that
 *        point is attached to).
 * \param[in] point  Canonical absolute path: no trailing '/', no '//'.
 * \return Borrowed, or NULL when nothing is mounted there.
 */
const struct baton_mount *baton_mounts_at_point(const baton_mounts_t *m,
                                                const char *point);

/*!
 * \brief The mount a canonical absolute path resolves to, walking down
 *        from the root mount component by component as the kernel does:
 *        a mount hidden under another one is never the answer, and a
 *        bind mount of a directory counts as its own mount, not as the
 *        mount its directory came from. No file is looked at.
 * \param[in] path  As the kernel writes paths (d_path): absolute, no '.'
 *                  or '..'; a " (deleted)" suffix is ignored.
 * \return Borrowed, or NULL when the table has no root mount.
 */
const struct baton_mount *baton_mounts_resolve(const baton_mounts_t *m,
                                               const char *path);

/*!
 * \brief Whether mount \p id is \p top or attached somewhere below it
 *        (a submount, or a mount stacked on it).
 */
bool baton_mounts_below(const baton_mounts_t *m, unsigned id, unsigned top);

/*!
 * \brief How many mounts lie between \p id and the root of the table (the
 *        root mount is 0): unmount deeper ones first.
 */
unsigned baton_mounts_depth(const baton_mounts_t *m, unsigned id);

/*!
 * \brief Undo mountinfo's octal escapes (\040 space, \011 tab, \012
 *        newline, \134 backslash) in place.
 */
void baton_mounts_unescape(char *s);

#endif /* BATON_MOUNTINFO_H */
