/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Split mount(8) option strings into mount(2) flags and filesystem data.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#include "baton/mountopt.h"
#include "baton/params.h"
#include "baton/rc.h"

/* One generic option: the flags it sets and those it clears */
struct mountopt_def {
    const char *name;
    unsigned long set;
    unsigned long clear;
};

/* Generic options, as util-linux's libmount maps them to mount(2) flags */
static const struct mountopt_def mountopt_flags[] = {
    { "ro", MS_RDONLY, 0 },
    { "rw", 0, MS_RDONLY },
    { "nosuid", MS_NOSUID, 0 },
    { "suid", 0, MS_NOSUID },
    { "nodev", MS_NODEV, 0 },
    { "dev", 0, MS_NODEV },
    { "noexec", MS_NOEXEC, 0 },
    { "exec", 0, MS_NOEXEC },
    { "sync", MS_SYNCHRONOUS, 0 },
    { "async", 0, MS_SYNCHRONOUS },
    { "dirsync", MS_DIRSYNC, 0 },
    { "mand", MS_MANDLOCK, 0 },
    { "nomand", 0, MS_MANDLOCK },
    { "noatime", MS_NOATIME, 0 },
    { "atime", 0, MS_NOATIME },
    { "nodiratime", MS_NODIRATIME, 0 },
    { "diratime", 0, MS_NODIRATIME },
    { "relatime", MS_RELATIME, 0 },
    { "norelatime", 0, MS_RELATIME },
    { "strictatime", MS_STRICTATIME, 0 },
    { "nostrictatime", 0, MS_STRICTATIME },
    { "lazytime", MS_LAZYTIME, 0 },
    { "nolazytime", 0, MS_LAZYTIME },
    { "iversion", MS_I_VERSION, 0 },
    { "noiversion", 0, MS_I_VERSION },
    { "silent", MS_SILENT, 0 },
    { "loud", 0, MS_SILENT },
    { "nosymfollow", MS_NOSYMFOLLOW, 0 },
    { "symfollow", 0, MS_NOSYMFOLLOW },
    { "defaults", 0, MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
                     | MS_SYNCHRONOUS },
};

static const struct mountopt_def mountopt_propagation[] = {
    { "shared", MS_SHARED, 0 },
    { "rshared", MS_SHARED | MS_REC, 0 },
    { "private", MS_PRIVATE, 0 },
    { "rprivate", MS_PRIVATE | MS_REC, 0 },
    { "slave", MS_SLAVE, 0 },
    { "rslave", MS_SLAVE | MS_REC, 0 },
    { "unbindable", MS_UNBINDABLE, 0 },
    { "runbindable", MS_UNBINDABLE | MS_REC, 0 },
};

/* Options only fstab and mount(8) read: never given to the kernel */
static const char *const mountopt_userspace[] = {
    "auto", "noauto", "user", "nouser", "users", "owner", "noowner",
    "group", "nogroup", "nofail", "_netdev", NULL,
};
static const char *const mountopt_userspace_prefix[] = {
    "comment=", "x-", "X-", "uhelper=", "helper=", NULL,
};

/* Options that ask mount(8) for something else than mounting a device */
static const char *const mountopt_refused[] = {
    "bind", "rbind", "move", "rmove", "remount", NULL,
};
static const char *const mountopt_loop[] = {
    "loop", "loop=", "offset=", "sizelimit=", "encryption=", NULL,
};

static bool
in_list(const char *opt, const char *const *list, bool prefix)
{
    for (size_t i = 0; list[i] != NULL; i++) {
        size_t n = strlen(list[i]);

        if ((strcmp(opt, list[i]) == 0)
            || ((prefix || (list[i][n - 1] == '='))
                && (strncmp(opt, list[i], n) == 0))) {
            return true;
        }
    }
    return false;
}

static const struct mountopt_def *
find_def(const char *opt, const struct mountopt_def *defs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(opt, defs[i].name) == 0) {
            return &defs[i];
        }
    }
    return NULL;
}

static int
append_data(struct baton_mountopt *out, const char *opt, baton_reason_t *why)
{
    size_t used = strlen(out->data);
    size_t need = strlen(opt) + ((used > 0) ? 1 : 0);

    if (used + need >= sizeof(out->data)) {
        baton_reason_set(why, "the filesystem options are longer than "
                         "mount(2) takes (%d bytes)",
                         BATON_MOUNTOPT_DATA_MAX - 1);
        return BATON_RC_CONFIG;
    }
    if (used > 0) {
        out->data[used++] = ',';
    }
    memcpy(out->data + used, opt, strlen(opt) + 1);
    return BATON_RC_OK;
}

/* One option of the list */
static int
apply_one(struct baton_mountopt *out, const char *opt, baton_reason_t *why)
{
    const struct mountopt_def *d = NULL;

    if (in_list(opt, mountopt_refused, false)) {
        baton_reason_set(why, "'%s' is not supported: this agent mounts a "
                         "filesystem from a block device, not bind or move "
                         "mounts", opt);
        return BATON_RC_CONFIG;
    }
    if (in_list(opt, mountopt_loop, false)) {
        baton_reason_set(why, "'%s' is not supported: set up the loop "
                         "device (losetup) and name it as device", opt);
        return BATON_RC_CONFIG;
    }
    d = find_def(opt, mountopt_flags, BATON_N_ELEMENTS(mountopt_flags));
    if (d != NULL) {
        out->flags = (out->flags & ~d->clear) | d->set;
        return BATON_RC_OK;
    }
    d = find_def(opt, mountopt_propagation,
                 BATON_N_ELEMENTS(mountopt_propagation));
    if (d != NULL) {
        out->propagation = d->set;
        return BATON_RC_OK;
    }
    if (in_list(opt, mountopt_userspace, false)
        || in_list(opt, mountopt_userspace_prefix, true)) {
        return BATON_RC_OK;
    }
    return append_data(out, opt, why);
}

/* Length of the next option: up to a comma outside double quotes */
static int
option_len(const char *s, size_t *len, baton_reason_t *why)
{
    bool quoted = false;
    size_t i = 0;

    for (i = 0; (s[i] != '\0') && (quoted || (s[i] != ',')); i++) {
        if (s[i] == '"') {
            quoted = !quoted;
        } else if (isspace((unsigned char) s[i])) {
            baton_reason_set(why, "whitespace in '%s' (separate options "
                             "with commas only)", s);
            return BATON_RC_CONFIG;
        }
    }
    if (quoted) {
        baton_reason_set(why, "unclosed '\"' in '%s'", s);
        return BATON_RC_CONFIG;
    }
    *len = i;
    return BATON_RC_OK;
}

int
baton_mountopt_parse(const char *text, struct baton_mountopt *out,
                     baton_reason_t *why)
{
    char opt[BATON_MOUNTOPT_DATA_MAX];

    memset(out, 0, sizeof(*out));
    if (text == NULL) {
        return BATON_RC_OK;
    }
    while (*text != '\0') {
        size_t len = 0;
        int rc = option_len(text, &len, why);

        if (rc != BATON_RC_OK) {
            return rc;
        }
        if (len >= sizeof(opt)) {
            baton_reason_set(why, "an option is longer than mount(2) takes "
                             "(%d bytes)", BATON_MOUNTOPT_DATA_MAX - 1);
            return BATON_RC_CONFIG;
        }
        memcpy(opt, text, len);
        opt[len] = '\0';
        if (len > 0) {
            rc = apply_one(out, opt, why);
            if (rc != BATON_RC_OK) {
                return rc;
            }
        }
        text += len + ((text[len] == ',') ? 1 : 0);
    }
    return BATON_RC_OK;
}

int
baton_mountopt_param_parse(const char *value, void *field,
                           baton_reason_t *why)
{
    struct baton_mountopt scratch;

    return baton_mountopt_parse(value, (field != NULL) ? field : &scratch,
                                why);
}

bool
baton_mountopt_has(const char *list, const char *opt)
{
    size_t n = strlen(opt);

    for (const char *p = list; (p != NULL) && (*p != '\0');) {
        const char *comma = strchr(p, ',');
        size_t len = (comma != NULL) ? (size_t) (comma - p) : strlen(p);

        if ((len == n) && (strncmp(p, opt, n) == 0)) {
            return true;
        }
        p = (comma != NULL) ? comma + 1 : NULL;
    }
    return false;
}
