/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/core/file.c: a file is replaced whole with its mode,
 * a link planted at its name is replaced, not followed, and a failure
 * leaves the old file and no temporary one.
 */
#include <dirent.h>
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

#include "baton/file.h"
#include "baton/rc.h"

struct paths {
    char dir[64];
    char file[96];
};

static int
setup(void **state)
{
    struct paths *p = calloc(1, sizeof(*p));

    snprintf(p->dir, sizeof(p->dir), "/tmp/file_test.XXXXXX");
    if (mkdtemp(p->dir) == NULL) {
        free(p);
        return -1;
    }
    snprintf(p->file, sizeof(p->file), "%s/record", p->dir);
    *state = p;
    return 0;
}

static int
teardown(void **state)
{
    struct paths *p = *state;
    DIR *d = opendir(p->dir);
    struct dirent *e = NULL;
    char path[384];

    while ((d != NULL) && ((e = readdir(d)) != NULL)) {
        if (e->d_name[0] != '.') {
            snprintf(path, sizeof(path), "%s/%s", p->dir, e->d_name);
            unlink(path);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    rmdir(p->dir);
    free(p);
    return 0;
}

static void
read_text(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    size_t n;

    assert_non_null(f);
    n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Entries of the directory, . and .. excepted */
static int
entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e = NULL;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        n += (e->d_name[0] != '.');
    }
    closedir(d);
    return n;
}

static void
replace_writes_the_text_with_the_mode(void **state)
{
    struct paths *p = *state;
    char buf[64];
    struct stat st;

    assert_int_equal(baton_file_replace(p->file, "one\n", 0644), BATON_RC_OK);
    assert_int_equal(baton_file_replace(p->file, "two\n", 0600), BATON_RC_OK);
    read_text(p->file, buf, sizeof(buf));
    assert_string_equal(buf, "two\n");
    assert_int_equal(stat(p->file, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    /* no temporary file stays behind */
    assert_int_equal(entries(p->dir), 1);
}

static void
replace_does_not_follow_a_planted_link(void **state)
{
    struct paths *p = *state;
    char target[128];
    char buf[64];
    struct stat st;

    snprintf(target, sizeof(target), "%s/victim", p->dir);
    assert_int_equal(baton_file_replace(target, "keep\n", 0644),
                     BATON_RC_OK);
    assert_int_equal(symlink(target, p->file), 0);
    assert_int_equal(baton_file_replace(p->file, "new\n", 0644),
                     BATON_RC_OK);
    read_text(target, buf, sizeof(buf));
    assert_string_equal(buf, "keep\n");
    assert_int_equal(lstat(p->file, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    read_text(p->file, buf, sizeof(buf));
    assert_string_equal(buf, "new\n");
}

static void
failed_replace_keeps_the_old_file(void **state)
{
    struct paths *p = *state;
    char sub[128];
    char buf[64];

    assert_int_equal(baton_file_replace(p->file, "old\n", 0644),
                     BATON_RC_OK);
    /* a directory in the way of the rename: EISDIR, nothing changed */
    snprintf(sub, sizeof(sub), "%s/dir", p->dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    assert_int_not_equal(baton_file_replace(sub, "x\n", 0644), BATON_RC_OK);
    assert_int_equal(entries(p->dir), 2);
    assert_int_equal(rmdir(sub), 0);
    /* a directory that does not exist: the temporary file cannot be made */
    snprintf(sub, sizeof(sub), "%s/none/record", p->dir);
    assert_int_equal(baton_file_replace(sub, "x\n", 0644), ENOENT);
    read_text(p->file, buf, sizeof(buf));
    assert_string_equal(buf, "old\n");
    assert_int_equal(entries(p->dir), 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(replace_writes_the_text_with_the_mode,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            replace_does_not_follow_a_planted_link, setup, teardown),
        cmocka_unit_test_setup_teardown(failed_replace_keeps_the_old_file,
                                        setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
