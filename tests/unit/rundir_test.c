/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/core/rundir.c: the run directory is created 0755, and
 * a link, a file, a foreign owner or a writable mode is refused.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "baton/rc.h"
#include "baton/rundir.h"

/* An unprivileged uid and gid, for the ownership cases (as root) */
#define OTHER_ID 65534

struct paths {
    char base[64];
    char dir[96];
};

static int
setup(void **state)
{
    struct paths *p = calloc(1, sizeof(*p));

    snprintf(p->base, sizeof(p->base), "/tmp/rundir_test.XXXXXX");
    if (mkdtemp(p->base) == NULL) {
        free(p);
        return -1;
    }
    snprintf(p->dir, sizeof(p->dir), "%s/run", p->base);
    *state = p;
    return 0;
}

static int
teardown(void **state)
{
    struct paths *p = *state;
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", p->base);
    (void) system(cmd);
    free(p);
    return 0;
}

static void
ensure_creates_a_missing_dir_0755(void **state)
{
    struct paths *p = *state;
    baton_reason_t why = BATON_REASON_INIT;
    mode_t old = umask(077);
    struct stat st;

    assert_int_equal(baton_rundir_ensure(p->dir, &why), BATON_RC_OK);
    umask(old);
    assert_int_equal(lstat(p->dir, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(st.st_mode & 07777, 0755);
    assert_int_equal(st.st_uid, geteuid());
    assert_false(baton_reason_is_set(&why));
}

static void
ensure_accepts_an_existing_safe_dir(void **state)
{
    struct paths *p = *state;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(mkdir(p->dir, 0700), 0);
    assert_int_equal(baton_rundir_ensure(p->dir, &why), BATON_RC_OK);
    assert_int_equal(baton_rundir_ensure(p->dir, &why), BATON_RC_OK);
}

static void
ensure_refuses_a_symlink(void **state)
{
    struct paths *p = *state;
    baton_reason_t why = BATON_REASON_INIT;
    char real[128];

    snprintf(real, sizeof(real), "%s/elsewhere", p->base);
    assert_int_equal(mkdir(real, 0755), 0);
    assert_int_equal(symlink(real, p->dir), 0);
    assert_int_equal(baton_rundir_ensure(p->dir, &why), ELOOP);
    assert_non_null(strstr(why.text, "symbolic link"));
    assert_non_null(strstr(why.text, p->dir));
}

static void
ensure_refuses_a_file(void **state)
{
    struct paths *p = *state;
    baton_reason_t why = BATON_REASON_INIT;
    FILE *f = fopen(p->dir, "w");

    assert_non_null(f);
    fclose(f);
    assert_int_equal(baton_rundir_ensure(p->dir, &why), ENOTDIR);
    assert_true(baton_reason_is_set(&why));
}

static void
ensure_refuses_a_dir_others_may_write(void **state)
{
    struct paths *p = *state;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(mkdir(p->dir, 0755), 0);
    assert_int_equal(chmod(p->dir, 0777), 0);
    assert_int_equal(baton_rundir_ensure(p->dir, &why), EPERM);
    assert_non_null(strstr(why.text, "writable by others"));
    assert_int_equal(chmod(p->dir, 01777), 0);   /* sticky is no excuse */
    assert_int_equal(baton_rundir_ensure(p->dir, NULL), EPERM);
}

static void
ensure_refuses_group_write_unless_group_root(void **state)
{
    struct paths *p = *state;
    struct stat st;

    assert_int_equal(mkdir(p->dir, 0755), 0);
    assert_int_equal(chmod(p->dir, 0775), 0);
    assert_int_equal(stat(p->dir, &st), 0);
    if ((st.st_gid == 0) && (geteuid() == 0)) {
        assert_int_equal(baton_rundir_ensure(p->dir, NULL), BATON_RC_OK);
        assert_int_equal(chown(p->dir, 0, OTHER_ID), 0);
        assert_int_equal(chmod(p->dir, 0775), 0);
    }
    if ((geteuid() == 0) || (st.st_gid != 0)) {
        assert_int_equal(baton_rundir_ensure(p->dir, NULL), EPERM);
    }
}

static void
ensure_refuses_a_dir_of_another_user(void **state)
{
    struct paths *p = *state;
    baton_reason_t why = BATON_REASON_INIT;

    if (geteuid() != 0) {
        return;     /* only root can give a directory away */
    }
    assert_int_equal(mkdir(p->dir, 0755), 0);
    assert_int_equal(chown(p->dir, OTHER_ID, 0), 0);
    assert_int_equal(baton_rundir_ensure(p->dir, &why), EPERM);
    assert_non_null(strstr(why.text, "not root"));
}

static void
ensure_reports_a_missing_parent(void **state)
{
    struct paths *p = *state;
    baton_reason_t why = BATON_REASON_INIT;
    char deep[160];

    snprintf(deep, sizeof(deep), "%s/no/such", p->base);
    assert_int_equal(baton_rundir_ensure(deep, &why), ENOENT);
    assert_non_null(strstr(why.text, "Cannot create"));
}

static void
holds_only_files_directly_in_the_run_dir(void **state)
{
    assert_true(baton_rundir_holds(BATON_RUN_DIR "/app-web.pid"));
    assert_false(baton_rundir_holds(BATON_RUN_DIR "/sub/app-web.pid"));
    assert_false(baton_rundir_holds(BATON_RUN_DIR "/"));
    assert_false(baton_rundir_holds(BATON_RUN_DIR));
    assert_false(baton_rundir_holds(BATON_RUN_DIR "x/app.pid"));
    assert_false(baton_rundir_holds("/var/run/app.pid"));
    assert_false(baton_rundir_holds(NULL));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(ensure_creates_a_missing_dir_0755,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(ensure_accepts_an_existing_safe_dir,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(ensure_refuses_a_symlink,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(ensure_refuses_a_file,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(ensure_refuses_a_dir_others_may_write,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            ensure_refuses_group_write_unless_group_root, setup, teardown),
        cmocka_unit_test_setup_teardown(ensure_refuses_a_dir_of_another_user,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(ensure_reports_a_missing_parent,
                                        setup, teardown),
        cmocka_unit_test(holds_only_files_directly_in_the_run_dir),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
