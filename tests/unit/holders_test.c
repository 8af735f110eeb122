/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/storage/holders.c, on a fake /proc tree: which
 * processes hold a mount, by working directory, root, executable, open
 * files and mapped files, in this and other mount namespaces; what only
 * looks alike (a sibling, a bind of /, a bind of a directory of the same
 * filesystem) is left alone.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "baton/holders.h"
#include "baton/rc.h"

/* The caller's namespace: / (8:1), our filesystem at /srv/data (7:0,
 * shared:5) with a submount /srv/data/sub, a sibling /srv/data2, a bind of
 * / at /mnt/rootbind and a bind of /srv/data/dir at /mnt/databind */
static const char *const our_table =
    "20 1 8:1 / / rw shared:1 - ext4 /dev/sda1 rw\n"
    "30 20 7:0 / /srv/data rw shared:5 - ext4 /dev/loop0 rw\n"
    "31 30 7:1 / /srv/data/sub rw - xfs /dev/loop1 rw\n"
    "32 20 7:2 / /srv/data2 rw - ext4 /dev/loop2 rw\n"
    "33 20 8:1 / /mnt/rootbind rw - ext4 /dev/sda1 rw\n"
    "34 20 7:0 /dir /mnt/databind rw - ext4 /dev/loop0 rw\n";

/* Another namespace where /srv/data arrived by propagation at /data */
static const char *const slave_table =
    "40 40 8:1 / / rw - ext4 /dev/sda1 rw\n"
    "50 40 7:0 / /data rw master:5 - ext4 /dev/loop0 rw\n";

/* A namespace with its own, private mount of the same device */
static const char *const private_table =
    "60 60 8:1 / / rw - ext4 /dev/sda1 rw\n"
    "61 60 7:0 / /data rw - ext4 /dev/loop0 rw\n";

struct fake {
    char root[64];
    baton_mounts_t *mounts;
};

static void
put_file(const struct fake *f, const char *rel, const char *text)
{
    char path[256];
    FILE *fp = NULL;

    snprintf(path, sizeof(path), "%s/%s", f->root, rel);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void
put_dir(const struct fake *f, const char *rel)
{
    char path[256];

    snprintf(path, sizeof(path), "%s/%s", f->root, rel);
    assert_int_equal(mkdir(path, 0755), 0);
}

static void
put_link(const struct fake *f, const char *rel, const char *target)
{
    char path[256];

    snprintf(path, sizeof(path), "%s/%s", f->root, rel);
    assert_int_equal(symlink(target, path), 0);
}

/* A process directory: its namespace, comm, cwd, no open file, no map */
static void
put_proc(const struct fake *f, const char *pid, const char *ns,
         const char *cwd)
{
    char rel[128];

    put_dir(f, pid);
    snprintf(rel, sizeof(rel), "%s/ns", pid);
    put_dir(f, rel);
    snprintf(rel, sizeof(rel), "%s/ns/mnt", pid);
    put_link(f, rel, ns);
    snprintf(rel, sizeof(rel), "%s/comm", pid);
    put_file(f, rel, "prog\n");
    snprintf(rel, sizeof(rel), "%s/cwd", pid);
    put_link(f, rel, cwd);
    snprintf(rel, sizeof(rel), "%s/fd", pid);
    put_dir(f, rel);
    snprintf(rel, sizeof(rel), "%s/fdinfo", pid);
    put_dir(f, rel);
    snprintf(rel, sizeof(rel), "%s/maps", pid);
    put_file(f, rel, "");
}

/* An open file: the path fd/N shows and the mount fdinfo/N names */
static void
put_fd(const struct fake *f, const char *pid, const char *fd,
       const char *path, unsigned mnt)
{
    char rel[128];
    char text[128];

    snprintf(rel, sizeof(rel), "%s/fd/%s", pid, fd);
    put_link(f, rel, path);
    snprintf(rel, sizeof(rel), "%s/fdinfo/%s", pid, fd);
    snprintf(text, sizeof(text), "pos:\t0\nflags:\t0100002\nmnt_id:\t%u\n"
             "ino:\t12\n", mnt);
    put_file(f, rel, text);
}

static int
setup(void **state)
{
    struct fake *f = calloc(1, sizeof(*f));

    snprintf(f->root, sizeof(f->root), "/tmp/baton-holders.XXXXXX");
    assert_non_null(mkdtemp(f->root));
    assert_int_equal(baton_mounts_parse(our_table, &f->mounts), BATON_RC_OK);
    /* The caller: "self" names it, and it holds the mount itself */
    put_proc(f, "1000", "mnt:[1]", "/srv/data");
    put_link(f, "self", "1000");
    put_proc(f, "100", "mnt:[1]", "/srv/data/work");            /* cwd */
    put_proc(f, "101", "mnt:[1]", "/");                          /* fd */
    put_fd(f, "101", "0", "/dev/null", 20);
    put_fd(f, "101", "1", "socket:[4242]", 9);
    put_fd(f, "101", "3", "/srv/data/db.log", 30);
    put_proc(f, "102", "mnt:[1]", "/tmp");                       /* map */
    put_file(f, "102/maps",
             "55d0-55d1 r-xp 00000000 08:01 77 /usr/bin/prog\n"
             "7f00-7f01 r-xp 00000000 07:00 12 /srv/data/lib/libx.so\n"
             "7ffd-7ffe rw-p 00000000 00:00 0 [stack]\n");
    put_proc(f, "103", "mnt:[1]", "/srv/data2/x");               /* sibling */
    put_proc(f, "104", "mnt:[1]", "/mnt/rootbind/srv/data");     /* bind / */
    put_proc(f, "105", "mnt:[1]", "/mnt/databind");              /* bind dir */
    put_fd(f, "105", "4", "/mnt/databind/f", 34);
    /* a path that looks inside, on another mount: mnt_id decides */
    put_fd(f, "105", "5", "/srv/data/x", 34);
    put_proc(f, "106", "mnt:[1]", "/");                   /* exe and root */
    put_link(f, "106/exe", "/srv/data/sub/bin/tool (deleted)");
    put_link(f, "106/root", "/srv/data");
    put_proc(f, "200", "mnt:[2]", "/data/x");       /* a propagated copy */
    put_file(f, "200/mountinfo", slave_table);
    put_proc(f, "201", "mnt:[3]", "/data");         /* a private mount */
    put_file(f, "201/mountinfo", private_table);
    put_fd(f, "201", "5", "/data/y", 61);
    put_dir(f, "notapid");
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fake *f = *state;
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->root);
    assert_int_equal(system(cmd), 0);
    baton_mounts_free(f->mounts);
    free(f);
    return 0;
}

static uint32_t
holds_of(const struct baton_holder *h, size_t n, pid_t pid)
{
    for (size_t i = 0; i < n; i++) {
        if (h[i].pid == pid) {
            return h[i].holds;
        }
    }
    return 0;
}

static void
scan_finds_each_kind_of_hold(void **state)
{
    struct fake *f = *state;
    const unsigned ids[] = { 30, 31 };
    struct baton_holders_query q = {
        .proc_root = f->root, .mounts = f->mounts, .ids = ids, .n_ids = 2,
    };
    struct baton_holder *h = NULL;
    size_t n = 0;

    assert_int_equal(baton_holders_scan(&q, &h, &n), BATON_RC_OK);
    assert_int_equal(holds_of(h, n, 100), BATON_HOLD_CWD);
    assert_int_equal(holds_of(h, n, 101), BATON_HOLD_FD);
    assert_int_equal(holds_of(h, n, 102), BATON_HOLD_MAP);
    assert_int_equal(holds_of(h, n, 106), BATON_HOLD_EXE | BATON_HOLD_ROOT);
    for (size_t i = 0; i < n; i++) {
        if (h[i].pid == 100) {
            assert_string_equal(h[i].comm, "prog");
        }
    }
    free(h);
}

static void
scan_leaves_look_alikes_alone(void **state)
{
    struct fake *f = *state;
    const unsigned ids[] = { 30, 31 };
    struct baton_holders_query q = {
        .proc_root = f->root, .mounts = f->mounts, .ids = ids, .n_ids = 2,
    };
    struct baton_holder *h = NULL;
    size_t n = 0;

    assert_int_equal(baton_holders_scan(&q, &h, &n), BATON_RC_OK);
    assert_int_equal(holds_of(h, n, 103), 0);     /* /srv/data2 */
    assert_int_equal(holds_of(h, n, 104), 0);     /* bind of / */
    assert_int_equal(holds_of(h, n, 105), 0);     /* bind, same device */
    assert_int_equal(holds_of(h, n, 1000), 0);    /* the caller */
    free(h);
}

static void
scan_follows_propagated_copies_into_other_namespaces(void **state)
{
    struct fake *f = *state;
    const unsigned ids[] = { 30, 31 };
    struct baton_holders_query q = {
        .proc_root = f->root, .mounts = f->mounts, .ids = ids, .n_ids = 2,
    };
    struct baton_holder *h = NULL;
    size_t n = 0;

    assert_int_equal(baton_holders_scan(&q, &h, &n), BATON_RC_OK);
    assert_int_equal(holds_of(h, n, 200), BATON_HOLD_CWD);
    /* A private mount of the same device in another namespace does not
     * keep ours busy */
    assert_int_equal(holds_of(h, n, 201), 0);
    assert_int_equal(n, 5);
    free(h);
}

static void
scan_of_the_submount_only(void **state)
{
    struct fake *f = *state;
    const unsigned ids[] = { 31 };
    struct baton_holders_query q = {
        .proc_root = f->root, .mounts = f->mounts, .ids = ids, .n_ids = 1,
    };
    struct baton_holder *h = NULL;
    size_t n = 0;

    assert_int_equal(baton_holders_scan(&q, &h, &n), BATON_RC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].pid, 106);
    assert_int_equal(h[0].holds, BATON_HOLD_EXE);
    free(h);
}

static void
scan_of_a_missing_proc_root_fails(void **state)
{
    struct baton_holders_query q = {
        .proc_root = "/nonexistent/proc", .ids = NULL, .n_ids = 0,
    };
    struct baton_holder *h = NULL;
    size_t n = 7;

    assert_int_equal(baton_holders_scan(&q, &h, &n), ENOENT);
    assert_null(h);
    assert_int_equal(n, 0);
}

static void
scan_of_the_real_proc_never_reports_the_caller(void **state)
{
    char dir[] = "/tmp/baton-holders-real.XXXXXX";
    baton_mounts_t *m = NULL;
    const struct baton_mount *root = NULL;
    struct baton_holders_query q = { .proc_root = "/proc" };
    struct baton_holder *h = NULL;
    size_t n = 0;

    /* The mount holding a fresh directory: the scan of the real /proc
     * runs to its end, and the caller is never among the holders */
    assert_non_null(mkdtemp(dir));
    assert_int_equal(baton_mounts_read("/proc/self/mountinfo", &m),
                     BATON_RC_OK);
    root = baton_mounts_resolve(m, dir);
    assert_non_null(root);
    q.mounts = m;
    q.ids = &root->id;
    q.n_ids = 1;
    assert_int_equal(baton_holders_scan(&q, &h, &n), BATON_RC_OK);
    for (size_t i = 0; i < n; i++) {
        assert_int_not_equal(h[i].pid, getpid());
    }
    free(h);
    baton_mounts_free(m);
    rmdir(dir);
}

static void
hold_str_names_each_flag(void **state)
{
    char buf[64];

    assert_string_equal(baton_hold_str(BATON_HOLD_CWD | BATON_HOLD_FD, buf,
                                       sizeof(buf)), "cwd,fd");
    assert_string_equal(baton_hold_str(BATON_HOLD_ROOT | BATON_HOLD_EXE
                                       | BATON_HOLD_MAP, buf, sizeof(buf)),
                        "root,exe,map");
    assert_string_equal(baton_hold_str(0, buf, sizeof(buf)), "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(scan_finds_each_kind_of_hold,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(scan_leaves_look_alikes_alone,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            scan_follows_propagated_copies_into_other_namespaces,
            setup, teardown),
        cmocka_unit_test_setup_teardown(scan_of_the_submount_only,
                                        setup, teardown),
        cmocka_unit_test(scan_of_a_missing_proc_root_fails),
        cmocka_unit_test(scan_of_the_real_proc_never_reports_the_caller),
        cmocka_unit_test(hold_str_names_each_flag),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
