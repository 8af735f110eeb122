/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Block devices as mount(8) names them (a path, -U uuid, -L label,
 * UUID=..., LABEL=...): finding the device node, the filesystem on it
 * (libblkid), and reading or flushing it directly.
 */
#ifndef BATON_BLOCKDEV_H
#define BATON_BLOCKDEV_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

#include "baton/reason.h"

/*! How a device is named */
enum baton_blockdev_kind {
    BATON_BLOCKDEV_PATH = 0,     /*!< /dev/sdb1, /dev/drbd0, a link to one */
    BATON_BLOCKDEV_UUID,         /*!< -U, --uuid, UUID= */
    BATON_BLOCKDEV_LABEL,        /*!< -L, --label, LABEL= */
    BATON_BLOCKDEV_PARTUUID,     /*!< PARTUUID= */
    BATON_BLOCKDEV_PARTLABEL,    /*!< PARTLABEL= */
};

/*!
 * A device name as given.
 *
 * @code
 * struct baton_blockdev_spec spec;
 * char path[PATH_MAX];
 * dev_t rdev;
 *
 * if ((baton_blockdev_spec_parse("-U 3e6be9de-8139-11d1-9106-a43f08d823a6",
 *                                &spec, why) == BATON_RC_OK)
 *     && (baton_blockdev_resolve(&spec, path, sizeof(path), &rdev)
 *         == BATON_RC_OK)) {
 *     // path is "/dev/sdb1", rdev its device number
 * }
 * @endcode
 */
struct baton_blockdev_spec {
    enum baton_blockdev_kind kind;
    char value[PATH_MAX];        /*!< the path, UUID or label */
};

/*!
 * \brief Parse a device name: an absolute path, "-U uuid", "-Uuuid",
 *        "--uuid=uuid", "--uuid uuid", "UUID=uuid" (quotes allowed), the
 *        same for labels (-L, --label, LABEL=), PARTUUID= and PARTLABEL=.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set (without a
 *         parameter's name): empty, surrounding whitespace, a relative
 *         path, and network shares (host:/export, //server/share), which
 *         are not block devices.
 */
int baton_blockdev_spec_parse(const char *text,
                              struct baton_blockdev_spec *spec,
                              baton_reason_t *why);

/*! \brief Parameter hook (struct baton_blockdev_spec field). */
int baton_blockdev_param_parse(const char *value, void *field,
                               baton_reason_t *why);

/*! \brief The spec as mount(8) would take it ("-U x", "/dev/sdb1"). */
const char *baton_blockdev_spec_str(const struct baton_blockdev_spec *spec,
                                    char *buf, size_t size);

/*!
 * \brief Find the device node: a path is followed to the block device it
 *        names; a UUID or label through udev's /dev/disk/by-* links when
 *        they exist, else through libblkid, which reads the devices'
 *        superblocks (as mount -U does without udev).
 * \param[out] path  The device node found, without links (realpath(),
 *                   as mount(8) canonicalises it).
 * \param[out] rdev  Its device number (st_rdev).
 * \return BATON_RC_OK; ENOENT when nothing has that name here; ENOTBLK
 *         when the path is not a block device; another errno.
 */
int baton_blockdev_resolve(const struct baton_blockdev_spec *spec,
                           char *path, size_t size, dev_t *rdev);

/*!
 * \brief The filesystem type libblkid finds on a device ("ext4", "xfs").
 * \return BATON_RC_OK; ENOENT when no filesystem is recognised; EIO when
 *         the device holds several signatures (ambivalent); an errno.
 */
int baton_blockdev_probe_type(const char *path, char *type, size_t size);

/*!
 * \brief Drop the device's cached blocks (BLKFLSBUF), so that what another
 *        node wrote on shared storage is read from the device.
 * \return BATON_RC_OK or an errno.
 */
int baton_blockdev_flush(const char *path);

/*!
 * \brief Read the device's first block with O_DIRECT, bypassing the
 *        cache: does the device still answer?
 * \return BATON_RC_OK or the errno of open() or read() (EIO).
 */
int baton_blockdev_read_direct(const char *path);

#endif /* BATON_BLOCKDEV_H */
