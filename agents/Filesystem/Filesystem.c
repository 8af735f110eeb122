/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:Filesystem actions: start (fsck, mount(2)), monitor (the mount
 * table, then the device or a status file), validate-all; stop is in
 * Filesystem_stop.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "baton/log.h"
#include "baton/rc.h"
#include "Filesystem.h"

#define FS_MOUNTINFO "self/mountinfo"
#define FS_DIR_MODE  0755

int
fs_device_resolve(struct fs_ctx *ctx)
{
    if (ctx->dev_rc < 0) {
        ctx->dev_rc = baton_blockdev_resolve(&ctx->conf.device,
                                             ctx->dev_path,
                                             sizeof(ctx->dev_path),
                                             &ctx->dev);
    }
    return ctx->dev_rc;
}

/* A device whose node is gone still shows its old path in the table */
static bool
same_device(struct fs_ctx *ctx, const struct baton_mount *m)
{
    if (fs_device_resolve(ctx) == BATON_RC_OK) {
        return m->dev == ctx->dev;
    }
    return (ctx->conf.device.kind == BATON_BLOCKDEV_PATH)
           && (strcmp(m->source, ctx->conf.device.value) == 0);
}

/* The mount at the directory; through realpath() when the directory's
 * path holds a symbolic link (the table has the resolved path) */
static const struct baton_mount *
mount_at_directory(const struct fs_ctx *ctx, const baton_mounts_t *table)
{
    const struct baton_mount *top = baton_mounts_at_point(
        table, ctx->conf.directory);
    char real[PATH_MAX];

    if ((top == NULL) && (realpath(ctx->conf.directory, real) != NULL)
        && (strcmp(real, ctx->conf.directory) != 0)) {
        top = baton_mounts_at_point(table, real);
    }
    return top;
}

int
fs_find(struct fs_ctx *ctx, struct fs_found *found, baton_reason_t *why)
{
    char path[PATH_MAX];
    int rc = BATON_RC_OK;

    memset(found, 0, sizeof(*found));
    snprintf(path, sizeof(path), "%s/" FS_MOUNTINFO, ctx->proc_root);
    rc = baton_mounts_read(path, &found->table);
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot read the mount table %s: %s", path,
                         baton_rc_str(rc));
        return rc;
    }
    found->top = mount_at_directory(ctx, found->table);
    if (found->top == NULL) {
        fs_aside_dir(ctx, path, sizeof(path));
        found->top = baton_mounts_at_point(found->table, path);
        if ((found->top != NULL) && same_device(ctx, found->top)) {
            found->where = FS_MOUNTED_ASIDE;
        } else {
            found->top = NULL;
        }
        return BATON_RC_OK;
    }
    if (same_device(ctx, found->top)) {
        found->where = FS_MOUNTED;
    } else if ((fs_device_resolve(ctx) == BATON_RC_OK)
               || (ctx->conf.device.kind == BATON_BLOCKDEV_PATH)) {
        found->where = FS_MOUNTED_OTHER;
    } else {
        found->where = FS_MOUNTED_UNKNOWN;
    }
    return BATON_RC_OK;
}

void
fs_found_clear(struct fs_found *found)
{
    baton_mounts_free(found->table);
    found->table = NULL;
    found->top = NULL;
}

/* Why what is mounted at the directory is not ours */
static void
explain_other(struct fs_ctx *ctx, const struct fs_found *found,
              baton_reason_t *why)
{
    char spec[PATH_MAX + 16];
    const struct baton_mount *m = found->top;

    baton_blockdev_spec_str(&ctx->conf.device, spec, sizeof(spec));
    if (found->where == FS_MOUNTED_UNKNOWN) {
        baton_reason_set(why, "%s is mounted on %s, and %s cannot be found "
                         "on this node to tell whether it is the same "
                         "device", m->source, ctx->conf.directory, spec);
    } else {
        baton_reason_set(why, "%s holds another filesystem: %s (%u:%u), "
                         "not %s", ctx->conf.directory, m->source,
                         major(m->dev), minor(m->dev), spec);
    }
}

/* The device as this node has it: 5 when it is missing here */
static int
need_device(struct fs_ctx *ctx, baton_reason_t *why)
{
    char spec[PATH_MAX + 16];
    int rc = fs_device_resolve(ctx);

    if (rc == BATON_RC_OK) {
        return BATON_RC_OK;
    }
    baton_blockdev_spec_str(&ctx->conf.device, spec, sizeof(spec));
    if ((rc == ENOENT) || (rc == ENOTDIR)) {
        baton_reason_set(why, "Device %s does not exist on this node", spec);
        return BATON_RC_NODE_CONFIG;
    }
    if (rc == ENOTBLK) {
        baton_reason_set(why, "%s is not a block device", spec);
        return BATON_RC_NODE_CONFIG;
    }
    baton_reason_set(why, "Cannot find device %s: %s", spec,
                     baton_rc_str(rc));
    return BATON_RC_FAILED;
}

/* Mounts already below the directory would be hidden by ours */
static int
no_mounts_below(const struct fs_ctx *ctx, const struct fs_found *found,
                baton_reason_t *why)
{
    size_t len = strlen(ctx->conf.directory);

    for (size_t i = 0; i < baton_mounts_count(found->table); i++) {
        const struct baton_mount *m = baton_mounts_get(found->table, i);

        if ((strncmp(m->point, ctx->conf.directory, len) == 0)
            && (m->point[len] == '/')) {
            baton_reason_set(why, "%s is mounted below %s: mounting on %s "
                             "would hide it", m->point, ctx->conf.directory,
                             ctx->conf.directory);
            return BATON_RC_NODE_CONFIG;
        }
    }
    return BATON_RC_OK;
}

/* A second mount of the device elsewhere is allowed, but worth a word */
static void
warn_mounted_elsewhere(const struct fs_ctx *ctx, const struct fs_found *found)
{
    for (size_t i = 0; i < baton_mounts_count(found->table); i++) {
        const struct baton_mount *m = baton_mounts_get(found->table, i);

        if (m->dev == ctx->dev) {
            baton_warn("%s is also mounted at %s", ctx->dev_path, m->point);
        }
    }
}

/* The type given, or what libblkid reads on the device */
static int
filesystem_type(struct fs_ctx *ctx, char *type, size_t size,
                baton_reason_t *why)
{
    int rc = BATON_RC_OK;

    if (ctx->conf.fstype != NULL) {
        snprintf(type, size, "%s", ctx->conf.fstype);
        return BATON_RC_OK;
    }
    rc = baton_blockdev_probe_type(ctx->dev_path, type, size);
    if (rc == ENOENT) {
        baton_reason_set(why, "No filesystem found on %s (set fstype)",
                         ctx->dev_path);
        return BATON_RC_NODE_CONFIG;
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot tell the filesystem type of %s: %s "
                         "(set fstype)", ctx->dev_path,
                         (rc == EIO) ? "several signatures found"
                                     : baton_rc_str(rc));
        return BATON_RC_NODE_CONFIG;
    }
    baton_debug("%s holds %s", ctx->dev_path, type);
    return BATON_RC_OK;
}

/* mkdir -p, each missing component with mode 0755. \p created: the first
 * directory made ("" when none), for undo_directory() */
static int
make_directory(const char *dir, char *created, size_t size,
               baton_reason_t *why)
{
    char path[PATH_MAX];
    struct stat st;

    created[0] = '\0';
    snprintf(path, sizeof(path), "%s", dir);
    for (char *p = path + 1; ; p++) {
        if ((*p == '/') || (*p == '\0')) {
            char saved = *p;

            *p = '\0';
            if (mkdir(path, FS_DIR_MODE) == 0) {
                if (created[0] == '\0') {
                    snprintf(created, size, "%s", path);
                }
            } else if (errno != EEXIST) {
                baton_reason_set(why, "Cannot create mount point %s: %s",
                                 path, strerror(errno));
                return BATON_RC_NODE_CONFIG;
            }
            *p = saved;
            if (saved == '\0') {
                break;
            }
        }
    }
    if ((stat(dir, &st) != 0) || !S_ISDIR(st.st_mode)) {
        baton_reason_set(why, "Mount point %s is not a directory", dir);
        return BATON_RC_NODE_CONFIG;
    }
    return BATON_RC_OK;
}

/* A start that failed leaves no directory it made behind */
static void
undo_directory(const char *dir, const char *created)
{
    char path[PATH_MAX];
    size_t stop = strlen(created);

    if (stop == 0) {
        return;
    }
    snprintf(path, sizeof(path), "%s", dir);
    while (strlen(path) >= stop) {
        char *slash = strrchr(path, '/');

        if ((rmdir(path) != 0) || (slash == NULL) || (slash == path)) {
            break;
        }
        *slash = '\0';
    }
}

/* mount(2)'s errno, as an rc with its reason */
static int
mount_failed(const struct fs_ctx *ctx, const char *type, int err,
             baton_reason_t *why)
{
    const char *dir = ctx->conf.directory;
    const char *dev = ctx->dev_path;

    switch (err) {
        case ENODEV:
            baton_reason_set(why, "Filesystem type %s is not supported by "
                             "this node's kernel", type);
            return BATON_RC_NOT_INSTALLED;
        case EACCES:
        case EROFS:
            baton_reason_set(why, "Cannot mount %s on %s: the device is "
                             "read-only (mount it with ro, or is it a DRBD "
                             "secondary?)", dev, dir);
            return BATON_RC_FAILED;
        case EMEDIUMTYPE:
            baton_reason_set(why, "Cannot mount %s on %s: %s (a DRBD "
                             "secondary?)", dev, dir, strerror(err));
            return BATON_RC_FAILED;
        case EINVAL:
            baton_reason_set(why, "Cannot mount %s on %s as %s: wrong "
                             "filesystem type, bad option or bad superblock "
                             "(the kernel log says which)", dev, dir, type);
            return BATON_RC_FAILED;
        case EPERM:
            baton_reason_set(why, "Cannot mount %s on %s: %s", dev, dir,
                             strerror(err));
            return err;
        default:
            baton_reason_set(why, "Cannot mount %s on %s as %s: %s", dev,
                             dir, type, strerror(err));
            return BATON_RC_FAILED;
    }
}

static int
do_mount(struct fs_ctx *ctx, const char *type, baton_reason_t *why)
{
    const struct baton_mountopt *o = &ctx->conf.options;
    int rc = baton_blockdev_flush(ctx->dev_path);

    /* Blocks another node wrote on shared storage must be read anew */
    if (rc != BATON_RC_OK) {
        baton_debug("Cannot flush %s: %s", ctx->dev_path, baton_rc_str(rc));
    }
    if (mount(ctx->dev_path, ctx->conf.directory, type, o->flags,
              (o->data[0] != '\0') ? o->data : NULL) != 0) {
        return mount_failed(ctx, type, errno, why);
    }
    if ((o->propagation != 0)
        && (mount(NULL, ctx->conf.directory, NULL, o->propagation, NULL)
            != 0)) {
        baton_warn("Mounted %s on %s, but cannot set its propagation: %s",
                   ctx->dev_path, ctx->conf.directory, strerror(errno));
    }
    baton_notice("Mounted %s on %s (%s)", ctx->dev_path, ctx->conf.directory,
                 type);
    return BATON_RC_OK;
}

static int
mount_fresh(struct fs_ctx *ctx, const struct fs_found *found,
            baton_reason_t *why)
{
    char type[64];
    char created[PATH_MAX];
    int rc = need_device(ctx, why);

    if (rc == BATON_RC_OK) {
        rc = no_mounts_below(ctx, found, why);
    }
    if (rc == BATON_RC_OK) {
        warn_mounted_elsewhere(ctx, found);
        rc = filesystem_type(ctx, type, sizeof(type), why);
    }
    if (rc == BATON_RC_OK) {
        rc = fs_fsck(ctx, type, why);
    }
    if (rc == BATON_RC_OK) {
        rc = make_directory(ctx->conf.directory, created, sizeof(created),
                            why);
    }
    if (rc == BATON_RC_OK) {
        rc = do_mount(ctx, type, why);
        if (rc != BATON_RC_OK) {
            undo_directory(ctx->conf.directory, created);
        }
    }
    return rc;
}

/* What start and validate-all check before touching anything */
static int
check_before(struct fs_ctx *ctx, baton_reason_t *why)
{
    int rc = fs_clone_check(ctx, why);

    if ((rc == BATON_RC_OK) && fs_type_is_nodev(ctx->conf.fstype)) {
        baton_reason_set(why, "Parameter " FS_FSTYPE ": '%s' needs no "
                         "device: only filesystems on block devices are "
                         "supported", ctx->conf.fstype);
        rc = BATON_RC_CONFIG;
    }
    return rc;
}

static int
fs_start(baton_ocf_t *ocf, enum baton_res_state *state, baton_reason_t *why)
{
    struct fs_ctx ctx;
    struct fs_found found = { .table = NULL };
    int rc = fs_ctx_init(&ctx, ocf, false, why);

    if (rc == BATON_RC_OK) {
        rc = check_before(&ctx, why);
    }
    if (rc == BATON_RC_OK) {
        rc = fs_find(&ctx, &found, why);
    }
    if (rc == BATON_RC_OK) {
        switch (found.where) {
            case FS_MOUNTED:
                baton_info("%s is already mounted on %s", ctx.dev_path,
                           ctx.conf.directory);
                break;
            case FS_MOUNTED_OTHER:
            case FS_MOUNTED_UNKNOWN:
                explain_other(&ctx, &found, why);
                rc = BATON_RC_NODE_CONFIG;
                break;
            case FS_MOUNTED_ASIDE:
            case FS_NOT_MOUNTED:
            default:
                rc = mount_fresh(&ctx, &found, why);
                break;
        }
    }
    fs_found_clear(&found);
    *state = (rc == BATON_RC_OK) ? BATON_RES_RUNNING : BATON_RES_FAILED;
    return rc;
}

/* Configured read-write, but the kernel made it read-only (errors=
 * remount-ro after an I/O error) */
static bool
turned_read_only(const struct fs_ctx *ctx, const struct baton_mount *m)
{
    return ((ctx->conf.options.flags & MS_RDONLY) == 0)
           && (baton_mountopt_has(m->opts, "ro")
               || baton_mountopt_has(m->super_opts, "ro"));
}

/* Our filesystem is mounted: is it healthy at this depth? */
static enum baton_res_state
monitor_mounted(struct fs_ctx *ctx, const struct fs_found *found, int level,
                baton_reason_t *why)
{
    if (turned_read_only(ctx, found->top)) {
        baton_reason_set(why, "%s is mounted read-only on %s but configured "
                         "read-write (remounted read-only after an error?)",
                         found->top->source, ctx->conf.directory);
        return BATON_RES_FAILED;
    }
    if ((level >= 10) && (fs_check_read(ctx, why) != BATON_RC_OK)) {
        return BATON_RES_FAILED;
    }
    if ((level >= 20) && (fs_check_write(ctx, why) != BATON_RC_OK)) {
        return BATON_RES_FAILED;
    }
    return BATON_RES_RUNNING;
}

static enum baton_res_state
monitor_state(struct fs_ctx *ctx, const struct fs_found *found, int level,
              baton_reason_t *why)
{
    char aside[PATH_MAX];

    switch (found->where) {
        case FS_MOUNTED:
            return monitor_mounted(ctx, found, level, why);
        case FS_MOUNTED_ASIDE:
            fs_aside_dir(ctx, aside, sizeof(aside));
            baton_reason_set(why, "%s is still mounted at %s, where a stop "
                             "that did not finish moved it",
                             found->top->source, aside);
            return BATON_RES_FAILED;
        case FS_MOUNTED_OTHER:
            if (baton_ocf_is_probe(ctx->ocf)) {
                baton_debug("Another device (%s) is mounted on %s",
                            found->top->source, ctx->conf.directory);
                return BATON_RES_STOPPED;
            }
            explain_other(ctx, found, why);
            return BATON_RES_FAILED;
        case FS_MOUNTED_UNKNOWN:
            explain_other(ctx, found, why);
            return BATON_RES_FAILED;
        case FS_NOT_MOUNTED:
        default:
            return BATON_RES_STOPPED;
    }
}

static int
fs_monitor(baton_ocf_t *ocf, enum baton_res_state *state,
           baton_reason_t *why)
{
    struct fs_ctx ctx;
    struct fs_found found = { .table = NULL };
    int level = baton_ocf_check_level(ocf);
    int rc = fs_ctx_init(&ctx, ocf, false, why);

    if ((rc == BATON_RC_OK) && (level != 0) && (level != 10)
        && (level != 20)) {
        baton_reason_set(why, "Unsupported monitor depth OCF_CHECK_LEVEL=%d "
                         "(0, 10 or 20)", level);
        rc = BATON_RC_CONFIG;
    }
    if (rc == BATON_RC_OK) {
        rc = fs_find(&ctx, &found, why);
    }
    if (rc == BATON_RC_OK) {
        *state = monitor_state(&ctx, &found, level, why);
    }
    fs_found_clear(&found);
    return rc;
}

static int
fs_validate(baton_ocf_t *ocf, enum baton_res_state *state,
            baton_reason_t *why)
{
    struct fs_ctx ctx;
    int rc = fs_ctx_init(&ctx, ocf, false, why);

    if (rc == BATON_RC_OK) {
        rc = check_before(&ctx, why);
    }
    /* A UUID or label may be readable on the active node only (a DRBD
     * secondary refuses to be read): only a path is looked for here */
    if ((rc == BATON_RC_OK)
        && (ctx.conf.device.kind == BATON_BLOCKDEV_PATH)) {
        rc = need_device(&ctx, why);
    }
    return rc;
}

static int
fs_stop(baton_ocf_t *ocf, enum baton_res_state *state, baton_reason_t *why)
{
    struct fs_ctx ctx;
    struct fs_found found = { .table = NULL };
    baton_reason_t conf_why = BATON_REASON_INIT;
    int rc = BATON_RC_OK;

    /* A failed stop gets the node fenced: stop works from what parses */
    if (fs_ctx_init(&ctx, ocf, true, &conf_why) != BATON_RC_OK) {
        baton_warn("Stopping despite a configuration problem: %s",
                   conf_why.text);
    }
    if (ctx.conf.directory[0] == '\0') {
        baton_warn("No usable directory: nothing to unmount");
        return BATON_RC_OK;
    }
    rc = fs_find(&ctx, &found, why);
    if (rc == BATON_RC_OK) {
        switch (found.where) {
            case FS_MOUNTED:
            case FS_MOUNTED_ASIDE:
                fs_statusfile_remove(&ctx);
                rc = fs_unmount(&ctx, &found, why);
                break;
            case FS_MOUNTED_OTHER:
            case FS_MOUNTED_UNKNOWN:
                baton_warn("Leaving %s mounted on %s: it is not %s",
                           found.top->source, ctx.conf.directory,
                           ctx.conf.device.value);
                break;
            case FS_NOT_MOUNTED:
            default:
                baton_debug("%s is not mounted", ctx.conf.directory);
                break;
        }
    }
    fs_found_clear(&found);
    *state = BATON_RES_UNKNOWN;
    return rc;
}

const struct baton_ocf_op fs_ops[] = {
    { BATON_OCF_ACTION_START, fs_start },
    { BATON_OCF_ACTION_STOP, fs_stop },
    { BATON_OCF_ACTION_MONITOR, fs_monitor },
    { BATON_OCF_ACTION_VALIDATE, fs_validate },
    { NULL, NULL },
};
