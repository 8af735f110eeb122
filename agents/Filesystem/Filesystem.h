/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:Filesystem: a filesystem on a local block device, mounted with
 * mount(2), a drop-in for ocf:heartbeat:Filesystem.
 */
#ifndef BATON_AGENT_FILESYSTEM_H
#define BATON_AGENT_FILESYSTEM_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "baton/blockdev.h"
#include "baton/holders.h"
#include "baton/mountinfo.h"
#include "baton/mountopt.h"
#include "baton/ocf.h"
#include "baton/params.h"

#define FS_DEVICE             "device"
#define FS_DIRECTORY          "directory"
#define FS_FSTYPE             "fstype"
#define FS_OPTIONS            "options"
#define FS_STATUSFILE_PREFIX  "statusfile_prefix"
#define FS_RUN_FSCK           "run_fsck"
#define FS_FAST_STOP          "fast_stop"
#define FS_FORCE_CLONES       "force_clones"
#define FS_FORCE_UNMOUNT      "force_unmount"
#define FS_TERM_SIGNALS       "term_signals"
#define FS_KILL_SIGNALS       "kill_signals"
#define FS_SIGNAL_DELAY       "signal_delay"

/*! Test hook (environment, not a parameter): the /proc to scan */
#define FS_ENV_PROC_ROOT      "BATON_FS_PROC_ROOT"

/*! heartbeat's fast_stop: each unmount gets at most this long */
#define FS_FAST_STOP_MS       6000UL
/*! Kept free at the end of an action's timeout to report */
#define FS_MARGIN_MS          500UL
/*! Most signals one parameter lists */
#define FS_SIGNALS_MAX        8

enum fs_fsck {
    FS_FSCK_AUTO = 0,
    FS_FSCK_FORCE,
    FS_FSCK_NO,
};

/*! force_unmount */
enum fs_unmount {
    FS_UNMOUNT_TRUE = 0,      /*!< kill the holders (found through /proc) */
    FS_UNMOUNT_SAFE,          /*!< the same: the scan never blocks */
    FS_UNMOUNT_MOVE,          /*!< move the mount out of sight first */
    FS_UNMOUNT_FALSE,         /*!< never signal anything */
};

/*! A list of signals, sent in order */
struct fs_signals {
    int sig[FS_SIGNALS_MAX];
    unsigned n;
};

/*! The parameters, parsed once by the table */
struct fs_conf {
    struct baton_blockdev_spec device;
    char directory[PATH_MAX];        /*!< absolute, no trailing '/' */
    const char *fstype;              /*!< NULL: read from the device */
    struct baton_mountopt options;
    bool has_options;
    const char *options_text;        /*!< as given, for messages */
    const char *statusfile_prefix;
    enum fs_fsck run_fsck;
    bool fast_stop;
    bool force_clones;
    enum fs_unmount force_unmount;
    struct fs_signals term_signals;
    struct fs_signals kill_signals;
    unsigned long signal_delay_ms;
};

/*! One invocation: the parameters and what is found out on the way */
struct fs_ctx {
    baton_ocf_t *ocf;
    struct fs_conf conf;
    uint64_t deadline_ms;            /*!< the action's end, less a margin */
    const char *proc_root;           /*!< "/proc" */
    char dev_path[PATH_MAX];         /*!< the device node, once resolved */
    dev_t dev;                       /*!< its st_rdev */
    int dev_rc;                      /*!< how resolving it went (-1: not yet) */
};

/*! What the mount table shows at the directory */
enum fs_where {
    FS_NOT_MOUNTED = 0,
    FS_MOUNTED,                      /*!< our device, at the directory */
    FS_MOUNTED_ASIDE,                /*!< our device, moved aside by a stop
                                      *   that did not finish */
    FS_MOUNTED_OTHER,                /*!< another device */
    FS_MOUNTED_UNKNOWN,              /*!< our device cannot be found here */
};

/*! The mount table and where our mount is in it */
struct fs_found {
    baton_mounts_t *table;           /*!< owned; free with fs_found_clear */
    const struct baton_mount *top;   /*!< the mount at the directory */
    enum fs_where where;
};

extern const struct baton_agent_def baton_filesystem_agent;
extern const struct baton_ocf_op fs_ops[];

/* Filesystem_table.c */

/*!
 * \brief Parameter hook for term_signals / kill_signals (struct
 *        fs_signals): names (TERM, SIGTERM) or numbers, blank-separated.
 */
int fs_signals_param_parse(const char *value, void *field,
                           baton_reason_t *why);

/* Filesystem_conf.c */

/*!
 * \brief Start an invocation: parse the parameters (a stop parses what it
 *        can: \p lenient) and set the deadline.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set.
 */
int fs_ctx_init(struct fs_ctx *ctx, baton_ocf_t *ocf, bool lenient,
                baton_reason_t *why);

/*!
 * \brief Refuse a clone of a filesystem that is not cluster-aware, as
 *        heartbeat's agent does (force_clones, or ro for types that do
 *        not replay a journal, allow it with a warning).
 * \return BATON_RC_OK or BATON_RC_CONFIG.
 */
int fs_clone_check(const struct fs_ctx *ctx, baton_reason_t *why);

/*!
 * \brief Whether the kernel lists \p fstype as needing no device
 *        (/proc/filesystems "nodev"): such a type is refused.
 */
bool fs_type_is_nodev(const char *fstype);

/*! \brief Whether fsck runs before mounting (run_fsck and the type). */
bool fs_fsck_needed(enum fs_fsck mode, const char *fstype);

/*!
 * \brief The status file of the level-20 monitor: directory/prefix plus
 *        the instance, the clone number and the node name, as heartbeat's
 *        agent names it.
 */
void fs_statusfile(const struct fs_ctx *ctx, char *path, size_t size);

/*! \brief Where force_unmount=move puts the mount during a stop. */
void fs_aside_dir(const struct fs_ctx *ctx, char *path, size_t size);

/*! \brief Milliseconds left before the action's deadline (0 when past). */
unsigned long fs_ms_left(const struct fs_ctx *ctx);

/* Filesystem.c */

/*!
 * \brief Find the device (once per invocation) into ctx->dev_path and
 *        ctx->dev.
 * \return BATON_RC_OK, ENOENT, ENOTBLK or another errno.
 */
int fs_device_resolve(struct fs_ctx *ctx);

/*!
 * \brief Read the mount table and find what is mounted at the directory
 *        (or moved aside) and whether it is our device.
 * \return BATON_RC_OK, or an errno when the table cannot be read.
 */
int fs_find(struct fs_ctx *ctx, struct fs_found *found, baton_reason_t *why);

/*! \brief Free what fs_find() read. */
void fs_found_clear(struct fs_found *found);

/* Filesystem_stop.c */

/*!
 * \brief Unmount the mount at the directory (and everything mounted below
 *        it), signalling the processes that hold it, within the stop's
 *        time.
 * \return BATON_RC_OK, or BATON_RC_FAILED with \p why naming what holds it.
 */
int fs_unmount(struct fs_ctx *ctx, const struct fs_found *found,
               baton_reason_t *why);

/* Filesystem_check.c */

/*! \brief Level 10: read the device's first block with O_DIRECT. */
int fs_check_read(struct fs_ctx *ctx, baton_reason_t *why);

/*! \brief Level 20: write the status file with O_DIRECT and read it back. */
int fs_check_write(struct fs_ctx *ctx, baton_reason_t *why);

/*! \brief Remove the status file (stop); a failure is only a warning. */
void fs_statusfile_remove(const struct fs_ctx *ctx);

/*!
 * \brief Run fsck -p on the device when run_fsck asks for it, within the
 *        time left.
 * \return BATON_RC_OK, BATON_RC_NOT_INSTALLED, or BATON_RC_FAILED.
 */
int fs_fsck(struct fs_ctx *ctx, const char *fstype, baton_reason_t *why);

#endif /* BATON_AGENT_FILESYSTEM_H */
