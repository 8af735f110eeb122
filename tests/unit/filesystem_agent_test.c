/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for ocf:baton:Filesystem's table and configuration: every
 * parameter parsed once into struct fs_conf, refusals with their reasons,
 * heartbeat's rules for fsck, clones and the status file's name.
 */
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/utsname.h>
#include <cmocka.h>

#include "baton/ocf.h"
#include "baton/rc.h"
#include "Filesystem.h"

/* The value set of the last parse: text fields borrow from it until the
 * next parse (or the group's teardown) frees it */
static baton_params_t *last_params;

/* Parse NAME, value pairs (NULL-terminated) into a conf */
static int
parse(struct fs_conf *conf, baton_reason_t *why, ...)
{
    va_list ap;
    const char *name = NULL;

    baton_params_free(last_params);
    last_params = baton_params_new(&baton_filesystem_agent);
    va_start(ap, why);
    while ((name = va_arg(ap, const char *)) != NULL) {
        assert_int_equal(baton_params_set(last_params, name,
                                          va_arg(ap, const char *)),
                         BATON_RC_OK);
    }
    va_end(ap);
    memset(conf, 0, sizeof(*conf));
    return baton_params_parse(last_params, conf, why);
}

static int
free_last_params(void **state)
{
    baton_params_free(last_params);
    last_params = NULL;
    return 0;
}

#define DEV FS_DEVICE, "/dev/sdb1"
#define DIR FS_DIRECTORY, "/srv/data"

static void
defaults_are_heartbeats(void **state)
{
    struct fs_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse(&c, &why, DEV, DIR, NULL), BATON_RC_OK);
    assert_int_equal(c.device.kind, BATON_BLOCKDEV_PATH);
    assert_string_equal(c.device.value, "/dev/sdb1");
    assert_string_equal(c.directory, "/srv/data");
    assert_null(c.fstype);
    assert_false(c.has_options);
    assert_string_equal(c.statusfile_prefix, ".Filesystem_status/");
    assert_int_equal(c.run_fsck, FS_FSCK_AUTO);
    assert_false(c.fast_stop);
    assert_false(c.force_clones);
    assert_int_equal(c.force_unmount, FS_UNMOUNT_TRUE);
    assert_int_equal(c.term_signals.n, 1);
    assert_int_equal(c.term_signals.sig[0], SIGTERM);
    assert_int_equal(c.kill_signals.n, 1);
    assert_int_equal(c.kill_signals.sig[0], SIGKILL);
    assert_int_equal(c.signal_delay_ms, 1000);
}

static void
device_and_directory_are_required(void **state)
{
    struct fs_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse(&c, &why, DIR, NULL), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Required parameter device is not set");
    baton_reason_clear(&why);
    assert_int_equal(parse(&c, &why, DEV, NULL), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Required parameter directory is not set");
}

static void
directory_is_normalised(void **state)
{
    struct fs_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse(&c, &why, DEV, FS_DIRECTORY, "//srv//data///",
                           NULL), BATON_RC_OK);
    assert_string_equal(c.directory, "/srv/data");
}

static void
directory_refusals_name_the_parameter(void **state)
{
    static const struct {
        const char *value;
        const char *reason;
    } bad[] = {
        { "/", "Parameter directory: / cannot be managed by a cluster "
               "resource" },
        { "///", "Parameter directory: / cannot be managed by a cluster "
                 "resource" },
        { "srv/data", "Parameter directory: 'srv/data' is not an absolute "
                      "path" },
        { "/srv/../etc", "Parameter directory: '/srv/../etc' has a '.' or "
                         "'..' component" },
        { "/srv/data ", "Parameter directory: '/srv/data ' has leading or "
                        "trailing whitespace" },
    };

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct fs_conf c;
        baton_reason_t why = BATON_REASON_INIT;

        assert_int_equal(parse(&c, &why, DEV, FS_DIRECTORY, bad[i].value,
                               NULL), BATON_RC_CONFIG);
        assert_string_equal(why.text, bad[i].reason);
    }
}

static void
device_takes_uuid_and_refuses_nfs(void **state)
{
    struct fs_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse(&c, &why, FS_DEVICE, "-U 1234-ab", DIR, NULL),
                     BATON_RC_OK);
    assert_int_equal(c.device.kind, BATON_BLOCKDEV_UUID);
    assert_string_equal(c.device.value, "1234-ab");
    assert_int_equal(parse(&c, &why, FS_DEVICE, "filer:/export", DIR, NULL),
                     BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter device: 'filer:/export' is "
                           "a network share"));
}

static void
fstype_refuses_network_cluster_and_bind(void **state)
{
    static const char *const refused[] = {
        "nfs", "nfs4", "cifs", "glusterfs", "gfs2", "ocfs2", "none", "tmpfs",
        "fuse.sshfs", "ext4;rm", NULL,
    };
    struct fs_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    for (size_t i = 0; refused[i] != NULL; i++) {
        baton_reason_clear(&why);
        assert_int_equal(parse(&c, &why, DEV, DIR, FS_FSTYPE, refused[i],
                               NULL), BATON_RC_CONFIG);
        assert_non_null(strstr(why.text, "Parameter fstype: "));
    }
    assert_non_null(strstr(why.text, "is not a filesystem type"));
    baton_reason_clear(&why);
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_FSTYPE, "gfs2", NULL),
                     BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "'gfs2' is a cluster filesystem: "
                           "ocf:baton:Filesystem mounts filesystems on "
                           "local block devices"));
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_FSTYPE, "xfs", NULL),
                     BATON_RC_OK);
    assert_string_equal(c.fstype, "xfs");
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_FSTYPE, "auto", NULL),
                     BATON_RC_OK);
    assert_null(c.fstype);
}

static void
options_are_split_once(void **state)
{
    struct fs_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse(&c, &why, DEV, DIR, FS_OPTIONS,
                           "ro,noatime,data=ordered", NULL), BATON_RC_OK);
    assert_true(c.has_options);
    assert_int_equal(c.options.flags, MS_RDONLY | MS_NOATIME);
    assert_string_equal(c.options.data, "data=ordered");
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_OPTIONS, "bind,ro", NULL),
                     BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter options: 'bind' is not "
                           "supported"));
}

static void
signals_take_names_and_numbers_in_order(void **state)
{
    struct fs_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse(&c, &why, DEV, DIR, FS_TERM_SIGNALS,
                           " TERM  SIGHUP 9\tusr1 ", NULL), BATON_RC_OK);
    assert_int_equal(c.term_signals.n, 4);
    assert_int_equal(c.term_signals.sig[0], SIGTERM);
    assert_int_equal(c.term_signals.sig[1], SIGHUP);
    assert_int_equal(c.term_signals.sig[2], SIGKILL);
    assert_int_equal(c.term_signals.sig[3], SIGUSR1);
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_KILL_SIGNALS, "KILL BOOM",
                           NULL), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter kill_signals: 'BOOM' is not a "
                        "signal (a name such as TERM, or a number)");
    baton_reason_clear(&why);
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_KILL_SIGNALS, "0", NULL),
                     BATON_RC_CONFIG);
}

static void
signal_delay_takes_fractions_and_durations(void **state)
{
    struct fs_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse(&c, &why, DEV, DIR, FS_SIGNAL_DELAY, "0.5", NULL),
                     BATON_RC_OK);
    assert_int_equal(c.signal_delay_ms, 500);
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_SIGNAL_DELAY, "2", NULL),
                     BATON_RC_OK);
    assert_int_equal(c.signal_delay_ms, 2000);
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_SIGNAL_DELAY, "250ms",
                           NULL), BATON_RC_OK);
    assert_int_equal(c.signal_delay_ms, 250);
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_SIGNAL_DELAY, "soon",
                           NULL), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter signal_delay: 'soon'"));
}

static void
force_unmount_knows_true_safe_move_false(void **state)
{
    static const struct {
        const char *value;
        enum fs_unmount mode;
    } ok[] = {
        { "true", FS_UNMOUNT_TRUE }, { "yes", FS_UNMOUNT_TRUE },
        { "safe", FS_UNMOUNT_SAFE }, { "move", FS_UNMOUNT_MOVE },
        { "false", FS_UNMOUNT_FALSE }, { "0", FS_UNMOUNT_FALSE },
    };
    struct fs_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        assert_int_equal(parse(&c, &why, DEV, DIR, FS_FORCE_UNMOUNT,
                               ok[i].value, NULL), BATON_RC_OK);
        assert_int_equal(c.force_unmount, ok[i].mode);
    }
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_FORCE_UNMOUNT, "maybe",
                           NULL), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter force_unmount: 'maybe' is not "
                        "one of true, safe, move, false");
}

static void
run_fsck_and_prefix_are_checked(void **state)
{
    struct fs_conf c;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse(&c, &why, DEV, DIR, FS_RUN_FSCK, "force",
                           FS_STATUSFILE_PREFIX, "/status/", NULL),
                     BATON_RC_OK);
    assert_int_equal(c.run_fsck, FS_FSCK_FORCE);
    assert_string_equal(c.statusfile_prefix, "status/");
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_RUN_FSCK, "yes", NULL),
                     BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter run_fsck: 'yes' is not one of "
                        "auto, force, no");
    baton_reason_clear(&why);
    assert_int_equal(parse(&c, &why, DEV, DIR, FS_STATUSFILE_PREFIX,
                           "../elsewhere/", NULL), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "leaves the mounted filesystem"));
}

static void
fsck_runs_where_heartbeat_runs_it(void **state)
{
    assert_true(fs_fsck_needed(FS_FSCK_AUTO, "ext2"));
    assert_true(fs_fsck_needed(FS_FSCK_AUTO, "btrfs"));
    assert_false(fs_fsck_needed(FS_FSCK_AUTO, "ext4"));
    assert_false(fs_fsck_needed(FS_FSCK_AUTO, "xfs"));
    assert_true(fs_fsck_needed(FS_FSCK_FORCE, "xfs"));
    assert_false(fs_fsck_needed(FS_FSCK_NO, "ext2"));
}

/* An invocation with these environment strings */
static int
ctx_with(struct fs_ctx *ctx, baton_ocf_t **ocf, char **env)
{
    char *argv[] = { "Filesystem", "start", NULL };
    baton_reason_t why = BATON_REASON_INIT;

    *ocf = baton_ocf_new(&baton_filesystem_agent, 2, argv, env);
    return fs_ctx_init(ctx, *ocf, false, &why);
}

static void
statusfile_is_named_as_heartbeat_names_it(void **state)
{
    char *env[] = { "OCF_RESKEY_device=/dev/sdb1",
                    "OCF_RESKEY_directory=/srv/data",
                    "OCF_RESOURCE_INSTANCE=fs:1",
                    "OCF_RESKEY_CRM_meta_clone=1", NULL };
    struct fs_ctx ctx;
    baton_ocf_t *ocf = NULL;
    struct utsname u;
    char path[PATH_MAX];
    char want[PATH_MAX];

    assert_int_equal(ctx_with(&ctx, &ocf, env), BATON_RC_OK);
    assert_int_equal(uname(&u), 0);
    fs_statusfile(&ctx, path, sizeof(path));
    snprintf(want, sizeof(want), "/srv/data/.Filesystem_status/fs:1_1_%s",
             u.nodename);
    assert_string_equal(path, want);
    fs_aside_dir(&ctx, path, sizeof(path));
    assert_string_equal(path, "/run/baton/Filesystem-fs:1");
    baton_ocf_free(ocf);
}

static void
clones_of_local_filesystems_are_refused(void **state)
{
    char *xfs[] = { "OCF_RESKEY_device=/dev/sdb1",
                    "OCF_RESKEY_directory=/srv/data",
                    "OCF_RESKEY_fstype=xfs",
                    "OCF_RESKEY_CRM_meta_clone_max=2", NULL };
    char *xfs_ro[] = { "OCF_RESKEY_device=/dev/sdb1",
                       "OCF_RESKEY_directory=/srv/data",
                       "OCF_RESKEY_fstype=xfs", "OCF_RESKEY_options=ro",
                       "OCF_RESKEY_CRM_meta_clone_max=2", NULL };
    char *vfat_ro[] = { "OCF_RESKEY_device=/dev/sdb1",
                        "OCF_RESKEY_directory=/srv/data",
                        "OCF_RESKEY_fstype=vfat", "OCF_RESKEY_options=ro",
                        "OCF_RESKEY_CRM_meta_clone_max=2", NULL };
    char *forced[] = { "OCF_RESKEY_device=/dev/sdb1",
                       "OCF_RESKEY_directory=/srv/data",
                       "OCF_RESKEY_fstype=xfs",
                       "OCF_RESKEY_force_clones=true",
                       "OCF_RESKEY_CRM_meta_clone_max=2", NULL };
    char *primitive[] = { "OCF_RESKEY_device=/dev/sdb1",
                          "OCF_RESKEY_directory=/srv/data",
                          "OCF_RESKEY_fstype=xfs", NULL };
    char **cases[] = { xfs, xfs_ro, vfat_ro, forced, primitive };
    const int want[] = { BATON_RC_CONFIG, BATON_RC_CONFIG, BATON_RC_OK,
                         BATON_RC_OK, BATON_RC_OK };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct fs_ctx ctx;
        baton_ocf_t *ocf = NULL;
        baton_reason_t why = BATON_REASON_INIT;

        assert_int_equal(ctx_with(&ctx, &ocf, cases[i]), BATON_RC_OK);
        assert_int_equal(fs_clone_check(&ctx, &why), want[i]);
        if (want[i] != BATON_RC_OK) {
            assert_non_null(strstr(why.text, "not cluster-aware"));
        }
        baton_ocf_free(ocf);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_are_heartbeats),
        cmocka_unit_test(device_and_directory_are_required),
        cmocka_unit_test(directory_is_normalised),
        cmocka_unit_test(directory_refusals_name_the_parameter),
        cmocka_unit_test(device_takes_uuid_and_refuses_nfs),
        cmocka_unit_test(fstype_refuses_network_cluster_and_bind),
        cmocka_unit_test(options_are_split_once),
        cmocka_unit_test(signals_take_names_and_numbers_in_order),
        cmocka_unit_test(signal_delay_takes_fractions_and_durations),
        cmocka_unit_test(force_unmount_knows_true_safe_move_false),
        cmocka_unit_test(run_fsck_and_prefix_are_checked),
        cmocka_unit_test(fsck_runs_where_heartbeat_runs_it),
        cmocka_unit_test(statusfile_is_named_as_heartbeat_names_it),
        cmocka_unit_test(clones_of_local_filesystems_are_refused),
    };

    return cmocka_run_group_tests(tests, NULL, free_last_params);
}
