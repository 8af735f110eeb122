/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A mount(8) option string ("noatime,data=ordered") split the way mount(8)
 * splits it: the generic options into mount(2) flags, the filesystem's own
 * options into the data string, the fstab-only ones dropped.
 */
#ifndef BATON_MOUNTOPT_H
#define BATON_MOUNTOPT_H

#include <stdbool.h>

#include "baton/reason.h"

/*! mount(2) takes at most a page of filesystem options */
#define BATON_MOUNTOPT_DATA_MAX 4096

/*!
 * Options ready for mount(2).
 *
 * @code
 * struct baton_mountopt o;
 *
 * if (baton_mountopt_parse("ro,noatime,errors=remount-ro", &o, why)
 *     == BATON_RC_OK
 *     && mount(dev, dir, "ext4", o.flags, o.data) == 0
 *     && o.propagation != 0) {
 *     mount(NULL, dir, NULL, o.propagation, NULL);
 * }
 * @endcode
 */
struct baton_mountopt {
    unsigned long flags;        /*!< MS_RDONLY, MS_NOATIME, ... */
    /*! MS_SHARED / MS_PRIVATE / MS_SLAVE / MS_UNBINDABLE (with MS_REC for
     *  the r* forms), applied by a second mount(2) call; 0 when none */
    unsigned long propagation;
    /*! The filesystem's own options, comma-separated, in the order given
     *  (quotes kept, as the kernel parses them); "" when none */
    char data[BATON_MOUNTOPT_DATA_MAX];
};

/*!
 * \brief Split a mount option string.
 *
 * Generic options set or clear flags, the last one given wins (ro / rw,
 * noatime / atime, ...); "defaults" clears ro, nosuid, nodev, noexec and
 * sync. fstab-only options (auto, noauto, user, users, owner, group,
 * nofail, _netdev, comment=..., x-...) are dropped, as mount(8) drops them
 * before calling the kernel. Everything else goes to \p out->data. A value
 * in double quotes may hold commas (context="a,b").
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set (without the
 *         parameter's name) for: bind, rbind, move, remount and the loop
 *         options (this is not a way to bind or set up loop devices),
 *         whitespace, an unclosed quote, data longer than a page.
 */
int baton_mountopt_parse(const char *text, struct baton_mountopt *out,
                         baton_reason_t *why);

/*!
 * \brief Parameter hook (struct baton_mountopt field): baton_mountopt_parse.
 */
int baton_mountopt_param_parse(const char *value, void *field,
                               baton_reason_t *why);

/*!
 * \brief Whether a comma-separated option list as mountinfo shows it
 *        ("rw,relatime") holds \p opt as a whole word.
 */
bool baton_mountopt_has(const char *list, const char *opt);

#endif /* BATON_MOUNTOPT_H */
