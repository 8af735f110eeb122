/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:Filesystem checks: the deeper monitors (read the device, write
 * and read back a status file, both bypassing the cache) and fsck before
 * mounting.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton/child.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "Filesystem.h"

/* The status file is one block, as heartbeat's dd bs=4k conv=sync writes
 * it; O_DIRECT wants it aligned */
#define FS_STATUS_SIZE 4096
#define FS_STATUS_DIR_MODE 0755
#define FS_STATUS_MODE 0600
#define FS_FSCK_PATH "/sbin/fsck"
/* fsck(8): 4 and above mean errors left uncorrected, or worse */
#define FS_FSCK_UNCORRECTED 4

int
fs_check_read(struct fs_ctx *ctx, baton_reason_t *why)
{
    int rc = fs_device_resolve(ctx);

    if (rc == BATON_RC_OK) {
        rc = baton_blockdev_read_direct(ctx->dev_path);
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot read device %s: %s",
                         (ctx->dev_path[0] != '\0') ? ctx->dev_path
                         : ctx->conf.device.value, baton_rc_str(rc));
        return BATON_RC_FAILED;
    }
    return BATON_RC_OK;
}

/* Open the directory part of the status file below the mount point,
 * creating what is missing; a symbolic link on the way is refused */
static int
open_status_dir(const char *root, char *rel, int *dirfd)
{
    int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    char *comp = rel;
    char *slash = NULL;

    if (fd < 0) {
        return errno;
    }
    while ((slash = strchr(comp, '/')) != NULL) {
        int next = -1;

        *slash = '\0';
        if ((comp[0] != '\0') && (mkdirat(fd, comp, FS_STATUS_DIR_MODE) != 0)
            && (errno != EEXIST)) {
            int rc = errno;

            close(fd);
            return rc;
        }
        next = (comp[0] != '\0')
               ? openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW
                                  | O_CLOEXEC)
               : dup(fd);
        close(fd);
        if (next < 0) {
            return errno;
        }
        fd = next;
        comp = slash + 1;
    }
    memmove(rel, comp, strlen(comp) + 1);   /* rel is now the file name */
    *dirfd = fd;
    return BATON_RC_OK;
}

/* Open the file itself: never through a link, only our own plain file */
static int
open_status_file(int dirfd, const char *name, int *out)
{
    int flags = O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_SYNC;
    int fd = openat(dirfd, name, flags | O_DIRECT, FS_STATUS_MODE);
    struct stat st;

    if ((fd < 0) && (errno == EINVAL)) {
        fd = openat(dirfd, name, flags, FS_STATUS_MODE);  /* no O_DIRECT */
    }
    if (fd < 0) {
        return errno;
    }
    if ((fstat(fd, &st) != 0) || !S_ISREG(st.st_mode) || (st.st_uid != 0)
        || (st.st_nlink != 1)) {
        close(fd);
        return EPERM;
    }
    *out = fd;
    return BATON_RC_OK;
}

/* Write one block and read it back */
static int
write_and_read(int fd, const char *text)
{
    void *out = NULL;
    void *in = NULL;
    int rc = BATON_RC_OK;

    if ((posix_memalign(&out, FS_STATUS_SIZE, FS_STATUS_SIZE) != 0)
        || (posix_memalign(&in, FS_STATUS_SIZE, FS_STATUS_SIZE) != 0)) {
        free(out);
        return ENOMEM;
    }
    memset(out, 0, FS_STATUS_SIZE);
    memset(in, 0, FS_STATUS_SIZE);
    snprintf(out, FS_STATUS_SIZE, "%s\n", text);
    if (pwrite(fd, out, FS_STATUS_SIZE, 0) != FS_STATUS_SIZE) {
        rc = (errno != 0) ? errno : EIO;
    } else if (pread(fd, in, FS_STATUS_SIZE, 0) != FS_STATUS_SIZE) {
        rc = (errno != 0) ? errno : EIO;
    } else if (memcmp(in, out, FS_STATUS_SIZE) != 0) {
        rc = EIO;
    }
    free(in);
    free(out);
    return rc;
}

int
fs_check_write(struct fs_ctx *ctx, baton_reason_t *why)
{
    char path[PATH_MAX];
    char rel[PATH_MAX];
    int dirfd = -1;
    int fd = -1;
    int rc = BATON_RC_OK;

    fs_statusfile(ctx, path, sizeof(path));
    snprintf(rel, sizeof(rel), "%s", path + strlen(ctx->conf.directory) + 1);
    errno = 0;
    rc = open_status_dir(ctx->conf.directory, rel, &dirfd);
    if (rc == BATON_RC_OK) {
        rc = open_status_file(dirfd, rel, &fd);
        close(dirfd);
    }
    if (rc == EPERM) {
        baton_reason_set(why, "Status file %s is not a regular file owned "
                         "by root with one link: not writing to it", path);
        return BATON_RC_FAILED;
    }
    if (rc == BATON_RC_OK) {
        rc = write_and_read(fd, baton_ocf_instance(ctx->ocf));
        close(fd);
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot write and read back the status file "
                         "%s: %s", path, baton_rc_str(rc));
        return BATON_RC_FAILED;
    }
    return BATON_RC_OK;
}

void
fs_statusfile_remove(const struct fs_ctx *ctx)
{
    char path[PATH_MAX];

    if (ctx->conf.statusfile_prefix == NULL) {
        return;
    }
    fs_statusfile(ctx, path, sizeof(path));
    if ((unlink(path) != 0) && (errno != ENOENT) && (errno != EROFS)
        && (errno != ENOTDIR)) {
        baton_warn("Cannot remove status file %s: %s", path,
                   strerror(errno));
    }
}

/* fsck's complaint, one line */
static void
fsck_said(const baton_child_t *c, char *buf, size_t size)
{
    const char *err = baton_child_stderr(c, NULL);
    const char *out = baton_child_stdout(c, NULL);
    const char *text = (err[0] != '\0') ? err : out;

    snprintf(buf, size, "%.*s", (int) strcspn(text, "\n"), text);
}

int
fs_fsck(struct fs_ctx *ctx, const char *fstype, baton_reason_t *why)
{
    const char *argv[] = {
        (access(FS_FSCK_PATH, X_OK) == 0) ? FS_FSCK_PATH : "fsck",
        "-t", fstype, "-p", ctx->dev_path, NULL,
    };
    baton_child_t *c = NULL;
    unsigned long left = fs_ms_left(ctx);
    char said[160];
    int rc = BATON_RC_OK;

    if (!fs_fsck_needed(ctx->conf.run_fsck, fstype)) {
        return BATON_RC_OK;
    }
    baton_info("Checking %s (%s) with fsck", ctx->dev_path, fstype);
    c = baton_child_new(argv);
    baton_child_set_timeout(c, (unsigned) ((left > 1) ? left : 1));
    rc = baton_child_run(c);
    fsck_said(c, said, sizeof(said));
    if (rc == BATON_RC_TIMEOUT) {
        baton_reason_set(why, "fsck of %s did not finish within the start "
                         "timeout (%lu ms left)", ctx->dev_path, left);
        rc = BATON_RC_FAILED;
    } else if ((rc == BATON_RC_CHILD_FAILED)
               && (baton_child_exit_code(c) >= 0)
               && (baton_child_exit_code(c) < FS_FSCK_UNCORRECTED)) {
        baton_info("fsck corrected %s (exit %d)", ctx->dev_path,
                   baton_child_exit_code(c));
        rc = BATON_RC_OK;
    } else if (rc == BATON_RC_CHILD_FAILED) {
        baton_reason_set(why, "fsck left errors on %s (exit %d): %s",
                         ctx->dev_path, baton_child_exit_code(c), said);
        rc = BATON_RC_FAILED;
    } else if ((rc == ENOENT) || (rc == EACCES)) {
        baton_reason_set(why, "Cannot run fsck: %s", baton_rc_str(rc));
        rc = BATON_RC_NOT_INSTALLED;
    } else if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot run fsck on %s: %s", ctx->dev_path,
                         baton_rc_str(rc));
        rc = BATON_RC_FAILED;
    }
    baton_child_free(c);
    return rc;
}
