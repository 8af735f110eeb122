/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of lib/cluster/attr_record.c: when an attribute this node
 * wrote is sent again, and what the record keeps. attrd_updater is a
 * script that logs each call and fails when told to (the IPC name is one
 * nobody serves).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "baton/attr_record.h"
#include "baton/rc.h"

static char dir[] = "/tmp/baton-attr-record-test.XXXXXX";
static char tool[160];
static char calls[160];
static char fail[160];
static char rec[160];

static int
setup(void **state)
{
    FILE *f = NULL;

    assert_non_null(mkdtemp(dir));
    snprintf(tool, sizeof(tool), "%s/attrd_updater", dir);
    snprintf(calls, sizeof(calls), "%s/calls", dir);
    snprintf(fail, sizeof(fail), "%s/fail", dir);
    snprintf(rec, sizeof(rec), "%s/drbd-r0-node1.score", dir);
    f = fopen(tool, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\necho \"$*\" >> %s\n[ -e %s ] && exit 1\nexit 0\n",
            calls, fail);
    fclose(f);
    chmod(tool, 0755);
    return 0;
}

/* After each test: no call logged, no record */
static int
clean(void **state)
{
    unlink(calls);
    unlink(fail);
    unlink(rec);
    return 0;
}

static int
teardown(void **state)
{
    clean(state);
    unlink(tool);
    rmdir(dir);
    return 0;
}

/* Lines logged by the fake attrd_updater since the last call */
static int
sent(void)
{
    FILE *f = fopen(calls, "r");
    int n = 0;
    int c;

    if (f == NULL) {
        return 0;
    }
    while ((c = fgetc(f)) != EOF) {
        n += (c == '\n');
    }
    fclose(f);
    unlink(calls);
    return n;
}

static int
send_value(const char *value, bool *written)
{
    struct baton_attrd_opts o = {
        .ipc_name = "baton-attr-record-nobody-serves", .tool = tool,
        .origin = "unit", .timeout_ms = 5000,
    };
    struct baton_attrd_req req = {
        .cmd = (value != NULL) ? BATON_ATTRD_UPDATE : BATON_ATTRD_DELETE,
        .name = "master-r0", .value = value,
    };
    baton_attrd_session_t *s = baton_attrd_open(&o);
    int rc = baton_attr_record_send(s, rec, &req, written);

    baton_attrd_close(s);
    return rc;
}

static void
same_value_within_period_is_skipped(void **state)
{
    bool written = false;

    assert_int_equal(send_value("10000", &written), BATON_RC_OK);
    assert_true(written);
    assert_int_equal(sent(), 1);
    assert_int_equal(send_value("10000", &written), BATON_RC_OK);
    assert_false(written);
    assert_int_equal(sent(), 0);
    assert_true(baton_attr_record_holds(rec, "10000", 300));
}

static void
different_value_is_written(void **state)
{
    bool written = false;

    assert_int_equal(send_value("10000", &written), BATON_RC_OK);
    assert_int_equal(send_value("1000", &written), BATON_RC_OK);
    assert_true(written);
    assert_int_equal(sent(), 2);
    assert_true(baton_attr_record_holds(rec, "1000", 300));
    assert_false(baton_attr_record_holds(rec, "10000", 300));
    /* a prefix of the recorded value is another value */
    assert_false(baton_attr_record_holds(rec, "100", 300));
}

static void
record_older_than_refresh_is_written(void **state)
{
    struct utimbuf old = { .actime = time(NULL) - 301,
                           .modtime = time(NULL) - 301 };
    bool written = false;

    assert_int_equal(send_value("10000", &written), BATON_RC_OK);
    assert_int_equal(utime(rec, &old), 0);
    assert_int_equal(send_value("10000", &written), BATON_RC_OK);
    assert_true(written);
    assert_int_equal(sent(), 2);
    /* and the new record holds again */
    assert_true(baton_attr_record_holds(rec, "10000", 300));
}

static void
record_from_the_future_is_written(void **state)
{
    /* the clock was set back: the record's age is unknown */
    struct utimbuf later = { .actime = time(NULL) + 3600,
                             .modtime = time(NULL) + 3600 };

    assert_int_equal(baton_attr_record_set(rec, "10000", 0), BATON_RC_OK);
    assert_int_equal(utime(rec, &later), 0);
    assert_false(baton_attr_record_holds(rec, "10000", 300));
}

/* The kernel may stamp a file with the precise time (multigrain
 * timestamps, Linux 6.13 and later), which just after a second begins is
 * a second ahead of the coarse clock. Such a record is written now, not
 * in the future: it holds. Checked at the start of two seconds. */
static void
record_stamped_as_a_second_begins_holds(void **state)
{
    struct timespec was;
    struct timespec now;
    struct timespec times[2];

    assert_int_equal(baton_attr_record_set(rec, "10000", 0), BATON_RC_OK);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(clock_gettime(CLOCK_REALTIME, &was), 0);
        do {
            assert_int_equal(clock_gettime(CLOCK_REALTIME, &now), 0);
        } while (now.tv_sec == was.tv_sec);
        times[0] = now;
        times[1] = now;
        assert_int_equal(utimensat(AT_FDCWD, rec, times, 0), 0);
        assert_true(baton_attr_record_holds(rec, "10000", 300));
    }
}

static void
failed_write_leaves_no_record(void **state)
{
    bool written = false;
    FILE *f = NULL;

    assert_int_equal(send_value("10000", &written), BATON_RC_OK);
    f = fopen(fail, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_not_equal(send_value("1000", &written), BATON_RC_OK);
    assert_true(written);
    assert_int_equal(access(rec, F_OK), -1);
    /* the old value was not kept either: attrd's value is unknown */
    assert_false(baton_attr_record_holds(rec, "10000", 300));
    unlink(fail);
    assert_int_equal(send_value("10000", &written), BATON_RC_OK);
    assert_true(written);
    assert_int_equal(sent(), 3);
}

static void
removal_clears_the_record(void **state)
{
    bool written = false;

    assert_int_equal(send_value("10000", &written), BATON_RC_OK);
    assert_int_equal(send_value(NULL, &written), BATON_RC_OK);
    assert_true(written);
    assert_int_equal(access(rec, F_OK), -1);
    assert_int_equal(send_value("10000", &written), BATON_RC_OK);
    assert_true(written);
    assert_int_equal(sent(), 3);
}

static void
removal_is_sent_even_without_record(void **state)
{
    bool written = false;

    assert_int_equal(send_value(NULL, &written), BATON_RC_OK);
    assert_int_equal(send_value(NULL, &written), BATON_RC_OK);
    assert_true(written);
    assert_int_equal(sent(), 2);
}

static void
attrd_that_took_it_still_running_holds(void **state)
{
    char text[128] = "";
    FILE *f = NULL;

    /* this process stands for attrd */
    assert_int_equal(baton_attr_record_set(rec, "10000", getpid()),
                     BATON_RC_OK);
    assert_true(baton_attr_record_holds(rec, "10000", 300));
    f = fopen(rec, "r");
    assert_non_null(f);
    assert_non_null(fgets(text, sizeof(text), f));
    fclose(f);
    assert_string_equal(text, "10000\n");
}

static void
attrd_restarted_is_written_again(void **state)
{
    pid_t pid = fork();
    int status = 0;

    assert_true(pid >= 0);
    if (pid == 0) {
        pause();
        _exit(0);
    }
    /* the record names a live "attrd" that then goes away */
    assert_int_equal(baton_attr_record_set(rec, "10000", pid), BATON_RC_OK);
    assert_true(baton_attr_record_holds(rec, "10000", 300));
    kill(pid, SIGKILL);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_false(baton_attr_record_holds(rec, "10000", 300));
}

static void
fact_without_attrd_is_the_value_alone(void **state)
{
    char text[64] = "";
    FILE *f = NULL;
    size_t n;

    assert_int_equal(baton_attr_record_set(rec, "primary", 0), BATON_RC_OK);
    f = fopen(rec, "r");
    assert_non_null(f);
    n = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[n] = '\0';
    assert_string_equal(text, "primary");
    assert_true(baton_attr_record_holds(rec, "primary", 300));
    assert_int_equal(baton_attr_record_set(rec, NULL, 0), BATON_RC_OK);
    assert_int_equal(baton_attr_record_set(rec, NULL, 0), BATON_RC_OK);
    assert_false(baton_attr_record_holds(rec, "primary", 300));
}

int
main(void)
{
#define T(f) cmocka_unit_test_teardown(f, clean)
    const struct CMUnitTest tests[] = {
        T(same_value_within_period_is_skipped),
        T(different_value_is_written),
        T(record_older_than_refresh_is_written),
        T(record_from_the_future_is_written),
        T(record_stamped_as_a_second_begins_holds),
        T(failed_write_leaves_no_record),
        T(removal_clears_the_record),
        T(removal_is_sent_even_without_record),
        T(attrd_that_took_it_still_running_holds),
        T(attrd_restarted_is_written_again),
        T(fact_without_attrd_is_the_value_alone),
    };
#undef T

    return cmocka_run_group_tests(tests, setup, teardown);
}
