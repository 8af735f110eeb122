/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Block devices by name, UUID or label; their filesystem type (libblkid);
 * direct reads and cache flushes.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <blkid.h>

#include "baton/blockdev.h"
#include "baton/rc.h"

/* O_DIRECT wants the buffer, offset and length aligned to the device's
 * logical block size: 4096 suits both 512 and 4096 byte sectors */
#define BLOCKDEV_DIRECT_SIZE 4096

/* How mount(8) spells the tags; blkid's token for each */
struct tag_form {
    const char *prefix;
    enum baton_blockdev_kind kind;
};

static const struct tag_form tag_forms[] = {
    { "--uuid=", BATON_BLOCKDEV_UUID },
    { "--uuid ", BATON_BLOCKDEV_UUID },
    { "--label=", BATON_BLOCKDEV_LABEL },
    { "--label ", BATON_BLOCKDEV_LABEL },
    { "-U", BATON_BLOCKDEV_UUID },
    { "-L", BATON_BLOCKDEV_LABEL },
    { "UUID=", BATON_BLOCKDEV_UUID },
    { "LABEL=", BATON_BLOCKDEV_LABEL },
    { "PARTUUID=", BATON_BLOCKDEV_PARTUUID },
    { "PARTLABEL=", BATON_BLOCKDEV_PARTLABEL },
};

static const char *
tag_token(enum baton_blockdev_kind kind)
{
    switch (kind) {
        case BATON_BLOCKDEV_UUID:      return "UUID";
        case BATON_BLOCKDEV_LABEL:     return "LABEL";
        case BATON_BLOCKDEV_PARTUUID:  return "PARTUUID";
        case BATON_BLOCKDEV_PARTLABEL: return "PARTLABEL";
        case BATON_BLOCKDEV_PATH:
        default:
            return NULL;
    }
}

/* The value after a tag prefix: blanks skipped, one pair of quotes taken
 * off */
static int
set_tag_value(const char *text, const char *rest,
              struct baton_blockdev_spec *spec, baton_reason_t *why)
{
    size_t len = 0;

    rest += strspn(rest, " \t");
    len = strlen(rest);
    if ((len >= 2) && (((rest[0] == '"') && (rest[len - 1] == '"'))
                       || ((rest[0] == '\'') && (rest[len - 1] == '\'')))) {
        rest++;
        len -= 2;
    }
    if (len == 0) {
        baton_reason_set(why, "'%s' names no %s", text,
                         tag_token(spec->kind));
        return BATON_RC_CONFIG;
    }
    if (len >= sizeof(spec->value)) {
        baton_reason_set(why, "the %s is too long", tag_token(spec->kind));
        return BATON_RC_CONFIG;
    }
    memcpy(spec->value, rest, len);
    spec->value[len] = '\0';
    return BATON_RC_OK;
}

/* host:/export or [v6]:/export (NFS), //server/share (CIFS) */
static bool
is_network_share(const char *text)
{
    const char *colon = strchr(text, ':');

    return (strncmp(text, "//", 2) == 0)
           || ((text[0] != '/') && (colon != NULL)
               && (strchr(colon, '/') != NULL));
}

int
baton_blockdev_spec_parse(const char *text, struct baton_blockdev_spec *spec,
                          baton_reason_t *why)
{
    size_t len = (text != NULL) ? strlen(text) : 0;

    memset(spec, 0, sizeof(*spec));
    if (len == 0) {
        baton_reason_set(why, "no device given");
        return BATON_RC_CONFIG;
    }
    if ((strchr(" \t\r\n", text[0]) != NULL)
        || (strchr(" \t\r\n", text[len - 1]) != NULL)) {
        baton_reason_set(why, "'%s' has leading or trailing whitespace",
                         text);
        return BATON_RC_CONFIG;
    }
    for (size_t i = 0; i < sizeof(tag_forms) / sizeof(tag_forms[0]); i++) {
        const char *p = tag_forms[i].prefix;

        if (strncmp(text, p, strlen(p)) == 0) {
            spec->kind = tag_forms[i].kind;
            return set_tag_value(text, text + strlen(p), spec, why);
        }
    }
    if (is_network_share(text)) {
        baton_reason_set(why, "'%s' is a network share (NFS or CIFS), not a "
                         "block device: only filesystems on local block "
                         "devices are supported", text);
        return BATON_RC_CONFIG;
    }
    if (text[0] != '/') {
        baton_reason_set(why, "'%s' is neither an absolute device path nor "
                         "-U UUID / -L LABEL", text);
        return BATON_RC_CONFIG;
    }
    if (len >= sizeof(spec->value)) {
        baton_reason_set(why, "the device path is too long");
        return BATON_RC_CONFIG;
    }
    spec->kind = BATON_BLOCKDEV_PATH;
    memcpy(spec->value, text, len + 1);
    return BATON_RC_OK;
}

int
baton_blockdev_param_parse(const char *value, void *field,
                           baton_reason_t *why)
{
    struct baton_blockdev_spec scratch;

    return baton_blockdev_spec_parse(value, (field != NULL) ? field
                                     : &scratch, why);
}

const char *
baton_blockdev_spec_str(const struct baton_blockdev_spec *spec, char *buf,
                        size_t size)
{
    const char *token = tag_token(spec->kind);

    if (token == NULL) {
        snprintf(buf, size, "%s", spec->value);
    } else {
        snprintf(buf, size, "%s=%s", token, spec->value);
    }
    return buf;
}

static int
stat_block(const char *path, dev_t *rdev)
{
    struct stat st;

    if (stat(path, &st) != 0) {
        return errno;
    }
    if (!S_ISBLK(st.st_mode)) {
        return ENOTBLK;
    }
    *rdev = st.st_rdev;
    return BATON_RC_OK;
}

int
baton_blockdev_resolve(const struct baton_blockdev_spec *spec, char *path,
                       size_t size, dev_t *rdev)
{
    const char *token = tag_token(spec->kind);
    char *found = NULL;
    int rc = BATON_RC_OK;

    if (token == NULL) {
        /* The node itself, as mount(8) canonicalises it: the mount table
         * then names /dev/dm-0 or /dev/drbd0, not the link given */
        char real[PATH_MAX];

        if (realpath(spec->value, real) == NULL) {
            return errno;
        }
        snprintf(path, size, "%s", real);
        return stat_block(real, rdev);
    }
    /* udev's /dev/disk/by-* links first, then libblkid's probe of every
     * device (/etc/blkid.conf EVALUATE, default "udev,scan") */
    found = blkid_evaluate_tag(token, spec->value, NULL);
    if (found == NULL) {
        return ENOENT;
    }
    snprintf(path, size, "%s", found);
    rc = stat_block(found, rdev);
    free(found);
    return rc;
}

int
baton_blockdev_probe_type(const char *path, char *type, size_t size)
{
    blkid_probe pr = blkid_new_probe_from_filename(path);
    const char *value = NULL;
    int rc = BATON_RC_OK;

    if (pr == NULL) {
        return (errno != 0) ? errno : EIO;
    }
    blkid_probe_enable_superblocks(pr, 1);
    blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE);
    switch (blkid_do_safeprobe(pr)) {
        case 0:
            if ((blkid_probe_lookup_value(pr, "TYPE", &value, NULL) == 0)
                && (value != NULL)) {
                snprintf(type, size, "%s", value);
            } else {
                rc = ENOENT;
            }
            break;
        case 1:
            rc = ENOENT;
            break;
        case -2:
            rc = EIO;
            break;
        default:
            rc = (errno != 0) ? errno : EIO;
            break;
    }
    blkid_free_probe(pr);
    return rc;
}

int
baton_blockdev_flush(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    int rc = BATON_RC_OK;

    if (fd < 0) {
        return errno;
    }
    if (ioctl(fd, BLKFLSBUF, 0) != 0) {
        rc = errno;
    }
    close(fd);
    return rc;
}

int
baton_blockdev_read_direct(const char *path)
{
    void *buf = NULL;
    int fd = -1;
    ssize_t n = 0;
    int rc = BATON_RC_OK;

    rc = posix_memalign(&buf, BLOCKDEV_DIRECT_SIZE, BLOCKDEV_DIRECT_SIZE);
    if (rc != 0) {
        return rc;
    }
    fd = open(path, O_RDONLY | O_DIRECT | O_CLOEXEC);
    if (fd < 0) {
        rc = errno;
        goto err_free_buf;
    }
    do {
        n = pread(fd, buf, BLOCKDEV_DIRECT_SIZE, 0);
    } while ((n < 0) && (errno == EINTR));
    if (n < 0) {
        rc = errno;
    } else if (n == 0) {
        rc = EIO;                   /* an empty device answers nothing */
    }
    close(fd);
err_free_buf:
    free(buf);
    return rc;
}
