/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:Filesystem: what an invocation adds to the parsed parameters
 * (deadline, status file, clone rules), and the rules heartbeat's agent
 * applies per filesystem type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/utsname.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "baton/rundir.h"
#include "Filesystem.h"

#define FS_PROC_ROOT "/proc"
#define FS_PROC_FILESYSTEMS "/proc/filesystems"

/* Types that replay their journal on mount, even read-only: never cloned
 * without force_clones. heartbeat's agent lists the same ones. */
static const char *const fs_journaled[] = {
    "ext3", "ext4", "ext4dev", "reiserfs", "reiser4", "xfs", "jfs", NULL,
};

/* Types whose own mount recovers them: auto runs no fsck (heartbeat's
 * list, less the network and cluster types this agent refuses) */
static const char *const fs_no_fsck[] = {
    "ext3", "ext4", "ext4dev", "reiserfs", "reiser4", "nss", "xfs", "jfs",
    "vfat", "fat", NULL,
};

static bool
listed(const char *const *list, const char *word)
{
    for (size_t i = 0; (word != NULL) && (list[i] != NULL); i++) {
        if (strcmp(list[i], word) == 0) {
            return true;
        }
    }
    return false;
}

int
fs_ctx_init(struct fs_ctx *ctx, baton_ocf_t *ocf, bool lenient,
            baton_reason_t *why)
{
    const char *proc = getenv(FS_ENV_PROC_ROOT);
    unsigned long timeout_ms = baton_ocf_timeout_ms(ocf);
    const baton_params_t *params = baton_ocf_params(ocf);

    memset(ctx, 0, sizeof(*ctx));
    ctx->ocf = ocf;
    ctx->dev_rc = -1;
    ctx->proc_root = ((proc != NULL) && (proc[0] != '\0')) ? proc
                     : FS_PROC_ROOT;
    ctx->deadline_ms = baton_clock_now_ms()
                       + ((timeout_ms > 2 * FS_MARGIN_MS)
                          ? timeout_ms - FS_MARGIN_MS : timeout_ms / 2);
    return lenient ? baton_params_parse_lenient(params, &ctx->conf, why)
                   : baton_params_parse(params, &ctx->conf, why);
}

unsigned long
fs_ms_left(const struct fs_ctx *ctx)
{
    uint64_t now = baton_clock_now_ms();

    return (now < ctx->deadline_ms) ? (unsigned long) (ctx->deadline_ms - now)
                                    : 0;
}

/* ocf_is_clone: clone-max given and above 0 */
static bool
is_clone(const struct fs_ctx *ctx)
{
    const char *max = baton_ocf_meta(ctx->ocf, "clone_max");
    long long n = 0;

    return (max != NULL) && (baton_parse_int(max, &n) == BATON_RC_OK)
           && (n > 0);
}

int
fs_clone_check(const struct fs_ctx *ctx, baton_reason_t *why)
{
    const struct fs_conf *c = &ctx->conf;
    const char *type = baton_s(c->fstype, "(detected)");
    bool ro = (c->options.flags & MS_RDONLY) != 0;

    if (!is_clone(ctx)) {
        return BATON_RC_OK;
    }
    if (c->force_clones) {
        baton_warn("%s on %s is not cluster-aware: running as a clone "
                   "because force_clones is set", type, c->device.value);
        return BATON_RC_OK;
    }
    if (ro && (c->fstype != NULL) && !listed(fs_journaled, c->fstype)) {
        baton_warn("%s on %s is not cluster-aware: running as a clone "
                   "because it is mounted read-only", type, c->device.value);
        return BATON_RC_OK;
    }
    baton_reason_set(why, "%s on %s is not cluster-aware: refusing to run "
                     "it as a clone, which would corrupt it (set "
                     "force_clones=true if each node mounts a device of "
                     "its own)", type, c->device.value);
    return BATON_RC_CONFIG;
}

bool
fs_type_is_nodev(const char *fstype)
{
    FILE *fp = fopen(FS_PROC_FILESYSTEMS, "re");
    char line[128];
    bool nodev = false;

    if ((fp == NULL) || (fstype == NULL)) {
        if (fp != NULL) {
            fclose(fp);
        }
        return false;
    }
    while (fgets(line, sizeof(line), fp) != NULL) {
        char flag[32] = "";
        char name[64] = "";

        if ((sscanf(line, "%31s %63s", flag, name) == 2)
            && (strcmp(flag, "nodev") == 0) && (strcmp(name, fstype) == 0)) {
            nodev = true;
            break;
        }
    }
    fclose(fp);
    return nodev;
}

bool
fs_fsck_needed(enum fs_fsck mode, const char *fstype)
{
    switch (mode) {
        case FS_FSCK_FORCE:
            return true;
        case FS_FSCK_NO:
            return false;
        case FS_FSCK_AUTO:
        default:
            return !listed(fs_no_fsck, fstype);
    }
}

void
fs_statusfile(const struct fs_ctx *ctx, char *path, size_t size)
{
    const char *clone = baton_ocf_meta(ctx->ocf, "clone");
    struct utsname u;

    if (uname(&u) != 0) {
        snprintf(u.nodename, sizeof(u.nodename), "%s", "localhost");
    }
    snprintf(path, size, "%s/%s%s%s%s_%s", ctx->conf.directory,
             ctx->conf.statusfile_prefix, baton_ocf_instance(ctx->ocf),
             (clone != NULL) ? "_" : "", baton_s(clone, ""), u.nodename);
}

void
fs_aside_dir(const struct fs_ctx *ctx, char *path, size_t size)
{
    snprintf(path, size, "%s/Filesystem-%s", BATON_RUN_DIR,
             baton_ocf_instance(ctx->ocf));
}
