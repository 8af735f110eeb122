/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:Filesystem declared once: its parameters and actions.
 * Metadata, validation, the man page and the doc page derive from this
 * table.
 */
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "baton/rc.h"
#include "Filesystem.h"

/* Types that are no filesystem on a local block device, and why */
struct fs_refused {
    const char *type;
    const char *why;
};

static const struct fs_refused fs_refused_types[] = {
    { "nfs", "a network filesystem" },
    { "nfs4", "a network filesystem" },
    { "aznfs", "a network filesystem" },
    { "efs", "a network filesystem" },
    { "cifs", "a network filesystem" },
    { "smb3", "a network filesystem" },
    { "smbfs", "a network filesystem" },
    { "glusterfs", "a network filesystem" },
    { "ceph", "a network filesystem" },
    { "cephfs", "a network filesystem" },
    { "lustre", "a network filesystem" },
    { "rozofs", "a network filesystem" },
    { "cvfs", "a network filesystem" },
    { "9p", "a network filesystem" },
    { "gfs2", "a cluster filesystem" },
    { "ocfs2", "a cluster filesystem" },
    { "none", "a bind mount" },
    { "tmpfs", "a memory filesystem" },
    { "ramfs", "a memory filesystem" },
    { "overlay", "an overlay of directories" },
    { "overlayfs", "an overlay of directories" },
    { "zfs", "a ZFS dataset, not a block device" },
    { "fuse", "a FUSE filesystem" },
};

#define FS_SUPPORTED_TEXT "ocf:baton:Filesystem mounts filesystems on local " \
    "block devices (ext2/3/4, xfs, btrfs, vfat, ...); use " \
    "ocf:heartbeat:Filesystem for NFS, CIFS, cluster filesystems and bind " \
    "mounts"

static int
fstype_parse(const char *value, void *field, baton_reason_t *why)
{
    const char **fstype = field;

    for (const char *p = value; *p != '\0'; p++) {
        if (!isalnum((unsigned char) *p) && (strchr("._+-", *p) == NULL)) {
            baton_reason_set(why, "'%s' is not a filesystem type", value);
            return BATON_RC_CONFIG;
        }
    }
    for (size_t i = 0; i < BATON_N_ELEMENTS(fs_refused_types); i++) {
        if ((strcmp(value, fs_refused_types[i].type) == 0)
            || ((strncmp(value, "fuse.", 5) == 0)
                && (strcmp(fs_refused_types[i].type, "fuse") == 0))) {
            baton_reason_set(why, "'%s' is %s: " FS_SUPPORTED_TEXT, value,
                             fs_refused_types[i].why);
            return BATON_RC_CONFIG;
        }
    }
    if ((strcmp(value, "auto") == 0) && (fstype != NULL)) {
        *fstype = NULL;             /* as mount -t auto: read the device */
    }
    return BATON_RC_OK;
}

/* Absolute, no "." or "..", no doubled or trailing '/', not "/" */
static int
directory_parse(const char *value, void *field, baton_reason_t *why)
{
    char out[PATH_MAX];
    size_t n = 0;
    size_t len = strlen(value);

    if (isspace((unsigned char) value[0])
        || isspace((unsigned char) value[len - 1])) {
        baton_reason_set(why, "'%s' has leading or trailing whitespace",
                         value);
        return BATON_RC_CONFIG;
    }
    if ((value[0] != '/') || (len >= sizeof(out))) {
        baton_reason_set(why, "'%s' is not an absolute path", value);
        return BATON_RC_CONFIG;
    }
    for (const char *p = value; *p != '\0';) {
        size_t comp = 0;

        p += strspn(p, "/");
        comp = strcspn(p, "/");
        if (((comp == 1) && (p[0] == '.'))
            || ((comp == 2) && (p[0] == '.') && (p[1] == '.'))) {
            baton_reason_set(why, "'%s' has a '.' or '..' component",
                             value);
            return BATON_RC_CONFIG;
        }
        if (comp > 0) {
            out[n++] = '/';
            memcpy(out + n, p, comp);
            n += comp;
        }
        p += comp;
    }
    if (n == 0) {
        baton_reason_set(why, "/ cannot be managed by a cluster resource");
        return BATON_RC_CONFIG;
    }
    out[n] = '\0';
    if (field != NULL) {
        memcpy(field, out, n + 1);
    }
    return BATON_RC_OK;
}

/* Relative to the mount point, and staying inside it */
static int
prefix_parse(const char *value, void *field, baton_reason_t *why)
{
    const char **prefix = field;
    const char *p = value + strspn(value, "/");

    for (const char *c = p; *c != '\0';) {
        size_t comp = strcspn(c, "/");

        if ((comp == 2) && (c[0] == '.') && (c[1] == '.')) {
            baton_reason_set(why, "'%s' leaves the mounted filesystem "
                             "('..')", value);
            return BATON_RC_CONFIG;
        }
        c += comp;
        c += strspn(c, "/");
    }
    if (*p == '\0') {
        baton_reason_set(why, "'%s' names no file", value);
        return BATON_RC_CONFIG;
    }
    if (prefix != NULL) {
        *prefix = p;                /* heartbeat writes directory/prefix */
    }
    return BATON_RC_OK;
}

static int
run_fsck_parse(const char *value, void *field, baton_reason_t *why)
{
    static const char *const names[] = { "auto", "force", "no" };
    static const enum fs_fsck modes[] = {
        FS_FSCK_AUTO, FS_FSCK_FORCE, FS_FSCK_NO,
    };

    for (size_t i = 0; i < BATON_N_ELEMENTS(names); i++) {
        if (strcmp(value, names[i]) == 0) {
            if (field != NULL) {
                *(enum fs_fsck *) field = modes[i];
            }
            return BATON_RC_OK;
        }
    }
    baton_reason_set(why, "'%s' is not one of auto, force, no", value);
    return BATON_RC_CONFIG;
}

static int
force_unmount_parse(const char *value, void *field, baton_reason_t *why)
{
    enum fs_unmount mode = FS_UNMOUNT_TRUE;
    bool b = false;

    if (strcasecmp(value, "safe") == 0) {
        mode = FS_UNMOUNT_SAFE;
    } else if (strcasecmp(value, "move") == 0) {
        mode = FS_UNMOUNT_MOVE;
    } else if (baton_parse_bool(value, &b) == BATON_RC_OK) {
        mode = b ? FS_UNMOUNT_TRUE : FS_UNMOUNT_FALSE;
    } else {
        baton_reason_set(why, "'%s' is not one of true, safe, move, false",
                         value);
        return BATON_RC_CONFIG;
    }
    if (field != NULL) {
        *(enum fs_unmount *) field = mode;
    }
    return BATON_RC_OK;
}

/* Seconds as heartbeat's sleep takes them (1, 0.5), or a duration (500ms) */
static int
signal_delay_parse(const char *value, void *field, baton_reason_t *why)
{
    unsigned long ms = 0;
    const char *dot = strchr(value, '.');

    if (dot != NULL) {
        char *end = NULL;
        double s = strtod(value, &end);

        if ((end == value) || (*end != '\0') || !(s >= 0) || (s > 3600)) {
            baton_reason_set(why, "'%s' is not a number of seconds", value);
            return BATON_RC_CONFIG;
        }
        ms = (unsigned long) (s * 1000 + 0.5);
    } else if (baton_duration_parse_ms(value, &ms) != BATON_RC_OK) {
        baton_reason_set(why, "'%s' is not a number of seconds (1, 0.5) or "
                         "a duration (500ms)", value);
        return BATON_RC_CONFIG;
    }
    if (field != NULL) {
        *(unsigned long *) field = ms;
    }
    return BATON_RC_OK;
}

/* One signal: a number, or a name with or without SIG (TERM, SIGTERM) */
static int
signal_number(const char *word, int *sig)
{
    const char *name = (strncasecmp(word, "SIG", 3) == 0) ? word + 3 : word;
    char *end = NULL;
    long n = strtol(word, &end, 10);

    if ((end != word) && (*end == '\0')) {
        if ((n < 1) || (n > SIGRTMAX)) {
            return BATON_RC_CONFIG;
        }
        *sig = (int) n;
        return BATON_RC_OK;
    }
    for (int i = 1; i < SIGRTMIN; i++) {
        const char *abbrev = sigabbrev_np(i);

        if ((abbrev != NULL) && (strcasecmp(name, abbrev) == 0)) {
            *sig = i;
            return BATON_RC_OK;
        }
    }
    return BATON_RC_CONFIG;
}

int
fs_signals_param_parse(const char *value, void *field, baton_reason_t *why)
{
    struct fs_signals parsed = { .n = 0 };
    char word[32];

    for (const char *p = value + strspn(value, " \t"); *p != '\0';
         p += strspn(p, " \t")) {
        size_t len = strcspn(p, " \t");

        if (len >= sizeof(word)) {
            len = sizeof(word) - 1;
        }
        memcpy(word, p, len);
        word[len] = '\0';
        p += strcspn(p, " \t");
        if (parsed.n == FS_SIGNALS_MAX) {
            baton_reason_set(why, "more than %d signals", FS_SIGNALS_MAX);
            return BATON_RC_CONFIG;
        }
        if (signal_number(word, &parsed.sig[parsed.n]) != BATON_RC_OK) {
            baton_reason_set(why, "'%s' is not a signal (a name such as "
                             "TERM, or a number)", word);
            return BATON_RC_CONFIG;
        }
        parsed.n++;
    }
    if (parsed.n == 0) {
        baton_reason_set(why, "no signal given");
        return BATON_RC_CONFIG;
    }
    if (field != NULL) {
        *(struct fs_signals *) field = parsed;
    }
    return BATON_RC_OK;
}

static const struct baton_param_def fs_params[] = {
    { .name = FS_DEVICE, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_REQUIRED, .kind = BATON_KIND_CUSTOM,
      BATON_FIELD(struct fs_conf, device),
      .parse = baton_blockdev_param_parse, .shortdesc = "block device",
      .longdesc = "The block device holding the filesystem: a path "
                  "(/dev/drbd0, /dev/mapper/vg-lv, a /dev/disk/by-* link), "
                  "-U UUID or -L LABEL as for mount (also --uuid=, "
                  "--label=, UUID=, LABEL=, PARTUUID=, PARTLABEL=). A UUID "
                  "or label is found through udev's /dev/disk/by-* links, "
                  "or by libblkid reading the devices where udev runs "
                  "none. NFS exports and CIFS shares are refused (exit 6): "
                  "this agent mounts local block devices only." },
    { .name = FS_DIRECTORY, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_REQUIRED, .kind = BATON_KIND_CUSTOM,
      BATON_FIELD(struct fs_conf, directory), .parse = directory_parse,
      .shortdesc = "mount point",
      .longdesc = "The mount point, an absolute path; created (with its "
                  "parents, mode 0755) at start when missing. / is "
                  "refused." },
    { .name = FS_FSTYPE, .type = BATON_PARAM_STRING, .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct fs_conf, fstype), .parse = fstype_parse,
      .shortdesc = "filesystem type",
      .longdesc = "The type of the filesystem: ext4, xfs, ext3, btrfs, "
                  "vfat... Empty or auto: read from the device by libblkid, "
                  "as mount does (heartbeat's metadata marks it required; "
                  "its agent detects it the same way when it is empty). "
                  "Network and cluster filesystems (nfs, "
                  "nfs4, cifs, glusterfs, ceph, gfs2, ocfs2), bind mounts "
                  "(none), tmpfs, overlay and FUSE types are refused (exit "
                  "6): use ocf:heartbeat:Filesystem for those." },
    { .name = FS_OPTIONS, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct fs_conf, options),
      BATON_GIVEN(struct fs_conf, has_options),
      .parse = baton_mountopt_param_parse, .shortdesc = "options",
      .longdesc = "Mount options, comma-separated, as for mount -o. The "
                  "generic ones (ro, rw, nosuid, nodev, noexec, sync, "
                  "dirsync, noatime, relatime, strictatime, lazytime, "
                  "nodiratime, iversion, nosymfollow and their opposites, "
                  "defaults) become mount(2) flags, shared/private/slave/"
                  "unbindable (and r*) the mount's propagation, and the "
                  "rest (data=ordered, errors=remount-ro, discard, uid=...) "
                  "goes to the filesystem, as mount does it. fstab-only "
                  "options (noauto, nofail, _netdev, x-*, comment=) are "
                  "ignored. bind, move, remount and loop are refused (exit "
                  "6)." },
    { .name = FS_STATUSFILE_PREFIX, .type = BATON_PARAM_STRING,
      .dflt = ".Filesystem_status/", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct fs_conf, statusfile_prefix), .parse = prefix_parse,
      .shortdesc = "status file prefix",
      .longdesc = "Where the monitor with OCF_CHECK_LEVEL=20 writes its "
                  "status file, relative to the mount point: the file is "
                  "<directory>/<prefix><resource>[_<clone>]_<node>, as for "
                  "ocf:heartbeat:Filesystem; a directory part is created. "
                  "The file is written and read back with O_DIRECT, and "
                  "only if it is a regular file owned by root with one "
                  "link." },
    { .name = FS_RUN_FSCK, .type = BATON_PARAM_STRING, .dflt = "auto",
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct fs_conf, run_fsck),
      .parse = run_fsck_parse, .shortdesc = "run_fsck",
      .longdesc = "Whether start runs fsck -p on the device before mounting "
                  "(as an argument list, never through a shell, killed at "
                  "the start's deadline): auto runs it for the types that "
                  "do not replay a journal themselves (ext2, btrfs, minix, "
                  "...: not ext3, ext4, xfs, jfs, reiserfs, vfat), force "
                  "always, no never. fsck exit codes 4 and above fail the "
                  "start. Other values are refused (heartbeat warns and "
                  "uses auto)." },
    { .name = FS_FAST_STOP, .type = BATON_PARAM_BOOLEAN, .dflt = "no",
      .kind = BATON_KIND_BOOL, BATON_FIELD(struct fs_conf, fast_stop),
      .shortdesc = "fast stop",
      .longdesc = "yes: stop spends at most 6 s on unmounting (half of it "
                  "sending term_signals to the processes that hold the "
                  "filesystem, half kill_signals), as heartbeat's agent "
                  "does. no: it uses the stop operation's whole timeout, "
                  "half and half the same way." },
    { .name = FS_FORCE_CLONES, .type = BATON_PARAM_BOOLEAN, .dflt = "false",
      .kind = BATON_KIND_BOOL, BATON_FIELD(struct fs_conf, force_clones),
      .shortdesc = "allow running as a clone, regardless of filesystem type",
      .longdesc = "A clone of a filesystem that is not cluster-aware "
                  "corrupts it when two nodes mount it read-write, so "
                  "start and validate-all refuse one (exit 6), unless this "
                  "is true (each node mounts its own local device, as "
                  "glusterfs bricks), or the mount is read-only (ro) and "
                  "the type does not replay a journal even then (not "
                  "ext3, ext4, xfs, jfs, reiserfs)." },
    { .name = FS_FORCE_UNMOUNT, .type = BATON_PARAM_STRING, .dflt = "true",
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct fs_conf, force_unmount),
      .parse = force_unmount_parse,
      .shortdesc = "Kill processes before unmount",
      .longdesc = "How stop treats the processes that keep the filesystem "
                  "busy. true and safe (the same here): when the unmount "
                  "fails, find them through /proc - working directory, "
                  "root, executable, open files (by their mount id in "
                  "fdinfo), mapped files - in this mount and every mount "
                  "below it, never in another mount of the same device or "
                  "a bind mount elsewhere, and without any call that could "
                  "block on a dead mount; signal them with term_signals, "
                  "then kill_signals, retrying the unmount as soon as they "
                  "exit. move: first move the mount out of sight (to "
                  "/run/baton/Filesystem-<resource>) so that no new "
                  "process finds it by its path, then as safe; where the "
                  "kernel refuses the move (a mount under a shared mount), "
                  "as safe. false: signal nothing, retry the unmount until "
                  "the timeout." },
    { .name = FS_TERM_SIGNALS, .type = BATON_PARAM_STRING, .dflt = "TERM",
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct fs_conf, term_signals),
      .parse = fs_signals_param_parse,
      .shortdesc = "Signals (names or numbers, whitespace separated) to "
                   "send processes during graceful termination phase in "
                   "stop-action",
      .longdesc = "The signals the first half of the stop sends, in this "
                  "order, to each process holding the filesystem: names "
                  "(TERM, SIGHUP) or numbers, separated by blanks." },
    { .name = FS_KILL_SIGNALS, .type = BATON_PARAM_STRING, .dflt = "KILL",
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct fs_conf, kill_signals),
      .parse = fs_signals_param_parse,
      .shortdesc = "Signals (names or numbers, whitespace separated) to "
                   "send processes during forceful killing phase in "
                   "stop-action",
      .longdesc = "The signals the second half of the stop sends to the "
                  "processes still holding the filesystem." },
    { .name = FS_SIGNAL_DELAY, .type = BATON_PARAM_STRING, .dflt = "1",
      .kind = BATON_KIND_CUSTOM,
      BATON_FIELD(struct fs_conf, signal_delay_ms),
      .parse = signal_delay_parse,
      .shortdesc = "How many seconds to wait after sending term/kill "
                   "signals to processes in stop-action",
      .longdesc = "The longest stop waits after signalling before it looks "
                  "for holders again and signals them again: seconds (1, "
                  "0.5) or a duration (500ms). Stop retries the unmount "
                  "every few milliseconds meanwhile, so processes that "
                  "exit at once do not cost the whole delay." },
};

static const struct baton_action_def fs_actions[] = {
    { .name = "start", .timeout_s = 60 },
    { .name = "stop", .timeout_s = 60 },
    { .name = "monitor", .timeout_s = 40, .interval_s = 20, .depth = 0 },
    { .name = "validate-all", .timeout_s = 5 },
    { .name = "meta-data", .timeout_s = 5 },
};

const struct baton_agent_def baton_filesystem_agent = {
    .kind = BATON_AGENT_OCF,
    .name = "Filesystem",
    .version = "1.0",
    .replaces = "ocf:heartbeat:Filesystem",
    .shortdesc = "Manages filesystem mounts",
    .longdesc = "Mounts a filesystem from a local block device (a DRBD "
                "device, a SAN LUN, an LVM volume) with mount(2) and "
                "unmounts it with umount2(2), without running mount, "
                "umount or fuser. monitor reads the mount table: 0 when "
                "the device is mounted at the directory, 7 when nothing "
                "is, 1 with a reason otherwise (another device there, the "
                "filesystem remounted read-only after an error). "
                "OCF_CHECK_LEVEL=10 also reads the device's first block "
                "with O_DIRECT; 20 writes a status file and reads it "
                "back. Stop unmounts at once when nothing holds the "
                "filesystem; otherwise it finds the holding processes "
                "through /proc by mount id, never following into other "
                "mounts and never blocking on a dead one, signals them and "
                "unmounts as soon as they are gone. A drop-in for "
                "ocf:heartbeat:Filesystem on local block devices: the "
                "same parameters, defaults and meanings; NFS, CIFS, "
                "cluster filesystems and bind mounts are refused with a "
                "reason.",
    .params = fs_params,
    .n_params = BATON_N_ELEMENTS(fs_params),
    .actions = fs_actions,
    .n_actions = BATON_N_ELEMENTS(fs_actions),
    .conf_size = sizeof(struct fs_conf),
};
