/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/process/cgroup.c that need no root and no cgroup file
 * system: mountinfo parsing, cgroup paths, and the file protocol against a
 * plain directory standing in for a cgroup.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "baton/cgroup.h"
#include "baton/clock.h"
#include "baton/rc.h"

/* A scratch directory per test */
static int
setup(void **state)
{
    char *dir = strdup("/tmp/cgroup_test.XXXXXX");

    assert_non_null(mkdtemp(dir));
    *state = dir;
    return 0;
}

static int
teardown(void **state)
{
    char cmd[256];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", (char *) *state);
    assert_int_equal(system(cmd), 0);
    free(*state);
    return 0;
}

static void
put(const char *dir, const char *file, const char *text)
{
    char path[512];
    FILE *f = NULL;

    snprintf(path, sizeof(path), "%s/%s", dir, file);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *
get(const char *dir, const char *file)
{
    static char text[256];
    char path[512];
    FILE *f = NULL;
    size_t n = 0;

    snprintf(path, sizeof(path), "%s/%s", dir, file);
    f = fopen(path, "r");
    assert_non_null(f);
    n = fread(text, 1, sizeof(text) - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* Parse a mountinfo text written to the scratch directory */
static int
root_of(const char *dir, const char *mountinfo, char *root, size_t size)
{
    char path[512];

    put(dir, "mountinfo", mountinfo);
    snprintf(path, sizeof(path), "%s/mountinfo", dir);
    return baton_cgroup_root(path, root, size);
}

#define MI_SYSFS "22 1 0:21 / /sys rw,nosuid shared:7 - sysfs sysfs rw\n"
#define MI_V1 "30 25 0:26 / /sys/fs/cgroup/cpu rw shared:10 - cgroup " \
              "cgroup rw,cpu\n"

static void
root_found_in_systemd_hybrid_layout(void **state)
{
    char root[256];

    assert_int_equal(root_of(*state, MI_SYSFS
                             "25 22 0:22 / /sys/fs/cgroup rw shared:8 - tmpfs "
                             "tmpfs rw,mode=755\n" MI_V1
                             "26 25 0:23 / /sys/fs/cgroup/unified rw,nosuid "
                             "shared:9 - cgroup2 cgroup2 rw\n",
                             root, sizeof(root)), BATON_RC_OK);
    assert_string_equal(root, "/sys/fs/cgroup/unified");
}

static void
root_found_when_sys_fs_cgroup_is_cgroup2(void **state)
{
    char root[256];

    assert_int_equal(root_of(*state, MI_SYSFS
                             "25 22 0:22 / /sys/fs/cgroup rw,nosuid shared:8 "
                             "- cgroup2 cgroup2 rw,nsdelegate\n",
                             root, sizeof(root)), BATON_RC_OK);
    assert_string_equal(root, "/sys/fs/cgroup");
}

static void
root_prefers_the_whole_hierarchy_and_unescapes(void **state)
{
    char root[256];

    assert_int_equal(root_of(*state, MI_SYSFS
                             "40 22 0:23 /system.slice /mnt/part rw - cgroup2 "
                             "cgroup2 rw\n"
                             "41 22 0:23 / /mnt/my\\040cgroups rw - cgroup2 "
                             "cgroup2 rw\n", root, sizeof(root)),
                     BATON_RC_OK);
    assert_string_equal(root, "/mnt/my cgroups");
    /* A bind mount of a part is used only when there is nothing else */
    assert_int_equal(root_of(*state, "40 22 0:23 /system.slice /mnt/part rw "
                             "- cgroup2 cgroup2 rw\n", root, sizeof(root)),
                     BATON_RC_OK);
    assert_string_equal(root, "/mnt/part");
}

static void
root_absent_without_cgroup2(void **state)
{
    char root[256] = "";

    assert_int_equal(root_of(*state, MI_SYSFS MI_V1, root, sizeof(root)),
                     ENOENT);
    assert_int_equal(root_of(*state, "", root, sizeof(root)), ENOENT);
    assert_int_equal(baton_cgroup_root("/nonexistent/mountinfo", root,
                                       sizeof(root)), ENOENT);
    assert_int_equal(root_of(*state, "26 25 0:23 / /sys/fs/cgroup/unified rw "
                             "- cgroup2 cgroup2 rw\n", root, 8),
                     ENAMETOOLONG);
}

static void
path_is_root_baton_name(void **state)
{
    char path[64];

    assert_int_equal(baton_cgroup_path("/sys/fs/cgroup", "web:0", path,
                                       sizeof(path)), BATON_RC_OK);
    assert_string_equal(path, "/sys/fs/cgroup/baton/web:0");
}

static void
path_refuses_names_that_are_not_one_component(void **state)
{
    const char *bad[] = { "", ".", "..", "a/b", "../x", "a\nb" };
    char path[64];

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(baton_cgroup_path("/cg", bad[i], path,
                                           sizeof(path)), EINVAL);
    }
    assert_int_equal(baton_cgroup_path("/cg", NULL, path, sizeof(path)),
                     EINVAL);
    assert_int_equal(baton_cgroup_path("/cg", "long-enough", path, 12),
                     ENAMETOOLONG);
}

static void
create_makes_base_and_cgroup_and_accepts_existing(void **state)
{
    char path[512];
    struct stat st;

    umask(022);
    assert_int_equal(baton_cgroup_path(*state, "app1", path, sizeof(path)),
                     BATON_RC_OK);
    assert_int_equal(baton_cgroup_create(path), BATON_RC_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(st.st_mode & 07777, 0755);
    assert_int_equal(baton_cgroup_create(path), BATON_RC_OK);
    assert_int_equal(baton_cgroup_remove(path), BATON_RC_OK);
    assert_int_equal(stat(path, &st), -1);
    assert_int_equal(baton_cgroup_remove(path), BATON_RC_OK);   /* gone */
}

static void
enter_writes_the_pid_to_cgroup_procs(void **state)
{
    int fd = -1;

    put(*state, "cgroup.procs", "");
    assert_int_equal(baton_cgroup_enter(*state, 1234), BATON_RC_OK);
    assert_string_equal(get(*state, "cgroup.procs"), "1234\n");
    assert_int_equal(baton_cgroup_open_procs(*state, &fd), BATON_RC_OK);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(baton_cgroup_enter("/nonexistent/cg", 0), ENOENT);
}

static void
populated_reads_cgroup_events(void **state)
{
    put(*state, "cgroup.events", "populated 1\nfrozen 0\n");
    assert_true(baton_cgroup_populated(*state));
    put(*state, "cgroup.events", "populated 0\nfrozen 0\n");
    assert_false(baton_cgroup_populated(*state));
    put(*state, "cgroup.events", "frozen 0\npopulated 1\n");
    assert_true(baton_cgroup_populated(*state));
    assert_false(baton_cgroup_populated("/nonexistent/cg"));
}

/* A child that waits to be killed */
static pid_t
sleeper(void)
{
    pid_t pid = fork();

    assert_true(pid >= 0);
    if (pid == 0) {
        for (;;) {
            pause();
        }
    }
    return pid;
}

static void
signal_reaches_each_listed_process_and_counts(void **state)
{
    pid_t a = sleeper();
    pid_t b = sleeper();
    char list[64];
    unsigned n = 0;
    int ws = 0;

    snprintf(list, sizeof(list), "%d\n%d\n", (int) a, (int) b);
    put(*state, "cgroup.procs", list);
    assert_int_equal(baton_cgroup_signal(*state, 0, &n), BATON_RC_OK);
    assert_int_equal(n, 2);
    assert_int_equal(baton_cgroup_signal(*state, SIGTERM, &n), BATON_RC_OK);
    assert_int_equal(n, 2);
    assert_int_equal(waitpid(a, &ws, 0), a);
    assert_true(WIFSIGNALED(ws) && (WTERMSIG(ws) == SIGTERM));
    assert_int_equal(waitpid(b, &ws, 0), b);
    assert_int_equal(baton_cgroup_signal("/nonexistent/cg", 0, &n), ENOENT);
    assert_int_equal(n, 0);
}

static void
kill_uses_cgroup_kill_where_the_kernel_has_it(void **state)
{
    put(*state, "cgroup.kill", "");
    put(*state, "cgroup.procs", "");
    put(*state, "cgroup.events", "populated 0\n");
    assert_int_equal(baton_cgroup_kill(*state, baton_clock_now_ms() + 1000),
                     BATON_RC_OK);
    assert_string_equal(get(*state, "cgroup.kill"), "1");
}

static void
kill_without_cgroup_kill_sends_sigkill_until_deadline(void **state)
{
    pid_t a = sleeper();
    char list[32];
    int ws = 0;

    /* A stand-in cgroup never empties itself: the kill times out, but the
     * listed process got SIGKILL */
    snprintf(list, sizeof(list), "%d\n", (int) a);
    put(*state, "cgroup.procs", list);
    put(*state, "cgroup.events", "populated 1\n");
    assert_int_equal(baton_cgroup_kill(*state, baton_clock_now_ms() + 50),
                     BATON_RC_TIMEOUT);
    assert_int_equal(waitpid(a, &ws, 0), a);
    assert_true(WIFSIGNALED(ws) && (WTERMSIG(ws) == SIGKILL));
    assert_int_equal(baton_cgroup_kill("/nonexistent/cg", 0), BATON_RC_OK);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(root_found_in_systemd_hybrid_layout,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            root_found_when_sys_fs_cgroup_is_cgroup2, setup, teardown),
        cmocka_unit_test_setup_teardown(
            root_prefers_the_whole_hierarchy_and_unescapes, setup, teardown),
        cmocka_unit_test_setup_teardown(root_absent_without_cgroup2, setup,
                                        teardown),
        cmocka_unit_test(path_is_root_baton_name),
        cmocka_unit_test(path_refuses_names_that_are_not_one_component),
        cmocka_unit_test_setup_teardown(
            create_makes_base_and_cgroup_and_accepts_existing, setup,
            teardown),
        cmocka_unit_test_setup_teardown(enter_writes_the_pid_to_cgroup_procs,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(populated_reads_cgroup_events, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            signal_reaches_each_listed_process_and_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(
            kill_uses_cgroup_kill_where_the_kernel_has_it, setup, teardown),
        cmocka_unit_test_setup_teardown(
            kill_without_cgroup_kill_sends_sigkill_until_deadline, setup,
            teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
