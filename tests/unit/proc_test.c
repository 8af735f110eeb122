/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/process/proc.c: process identity, pidfiles, group signals.
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
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "baton/proc.h"
#include "baton/rc.h"

static void
stat_parse_handles_spaces_and_parens_in_comm(void **state)
{
    struct baton_proc_stat st;
    const char *line = "4242 (my (odd) prog) S 1 4242 4242 0 -1 4194560 "
                       "100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 200 "
                       "18446744073709551615";

    assert_int_equal(baton_proc_stat_parse(line, &st), BATON_RC_OK);
    assert_int_equal(st.state, 'S');
    assert_int_equal(st.ppid, 1);
    assert_int_equal(st.pgrp, 4242);
    assert_int_equal(st.session, 4242);
    assert_int_equal(st.start_ticks, 987654ULL);
}

static void
stat_parse_refuses_garbage(void **state)
{
    struct baton_proc_stat st;

    assert_int_equal(baton_proc_stat_parse("garbage", &st),
                     BATON_RC_PROTOCOL);
    assert_int_equal(baton_proc_stat_parse("1 (x) S 1 2", &st),
                     BATON_RC_PROTOCOL);
}

static void
id_read_of_self_knows_exe_and_start(void **state)
{
    struct baton_proc_id a, b;

    assert_int_equal(baton_proc_id_read(getpid(), &a), BATON_RC_OK);
    assert_int_equal(a.pid, getpid());
    assert_true(a.start_ticks > 0);
    assert_non_null(strstr(a.exe, "proc_test"));
    assert_int_equal(baton_proc_id_read(getpid(), &b), BATON_RC_OK);
    assert_true(baton_proc_id_same(&a, &b));
}

static void
id_read_of_missing_or_zombie_is_esrch(void **state)
{
    struct baton_proc_id id;
    pid_t pid = fork();

    if (pid == 0) {
        _exit(0);
    }
    /* Wait for the exit but leave the child unreaped: a zombie now */
    assert_int_equal(waitid(P_PID, (id_t) pid, &(siginfo_t) { 0 },
                            WEXITED | WNOWAIT), 0);
    assert_int_equal(baton_proc_id_read(pid, &id), ESRCH);
    waitpid(pid, NULL, 0);
    assert_int_equal(baton_proc_id_read(pid, &id), ESRCH);
    assert_int_equal(baton_proc_id_read(0, &id), ESRCH);
}

static void
id_same_rejects_other_start_time_or_exe(void **state)
{
    struct baton_proc_id a = { .pid = 10, .start_ticks = 5, .exe = "/a" };
    struct baton_proc_id b = a;

    b.start_ticks = 6;
    assert_false(baton_proc_id_same(&a, &b));   /* recycled PID */
    b = a;
    snprintf(b.exe, sizeof(b.exe), "/b");
    assert_false(baton_proc_id_same(&a, &b));   /* another program */
    b = a;
    b.pid = 11;
    assert_false(baton_proc_id_same(&a, &b));
}

static void
id_same_ignores_deleted_suffix_and_unknown_exe(void **state)
{
    struct baton_proc_id a = { .pid = 10, .start_ticks = 5, .exe = "/a" };
    struct baton_proc_id b = a;

    snprintf(b.exe, sizeof(b.exe), "/a (deleted)");
    assert_true(baton_proc_id_same(&a, &b));
    b.exe[0] = '\0';
    assert_true(baton_proc_id_same(&a, &b));
}

static void
id_file_round_trips(void **state)
{
    char path[] = "/tmp/baton-proc-XXXXXX";
    struct baton_proc_id a = { .pid = 1234, .start_ticks = 99,
                               .exe = "/usr/bin/my prog" };
    struct baton_proc_id b;
    int fd = mkstemp(path);

    close(fd);
    assert_int_equal(baton_proc_id_write_file(path, &a), BATON_RC_OK);
    assert_int_equal(baton_proc_id_read_file(path, &b), BATON_RC_OK);
    assert_int_equal(b.pid, 1234);
    assert_int_equal(b.start_ticks, 99ULL);
    assert_string_equal(b.exe, "/usr/bin/my prog");
    unlink(path);
    assert_int_equal(baton_proc_id_read_file(path, &b), ENOENT);
}

static void
record_writes_identity_then_pidfile(void **state)
{
    char idpath[] = "/tmp/baton-id-XXXXXX";
    char pidpath[] = "/tmp/baton-pid-XXXXXX";
    struct baton_proc_id self;
    struct baton_proc_id got;
    pid_t pid = 0;

    close(mkstemp(idpath));
    close(mkstemp(pidpath));
    assert_int_equal(baton_proc_id_read(getpid(), &self), BATON_RC_OK);
    assert_int_equal(baton_proc_record(idpath, pidpath, getpid()),
                     BATON_RC_OK);
    assert_int_equal(baton_proc_id_read_file(idpath, &got), BATON_RC_OK);
    assert_true(baton_proc_id_same(&self, &got));
    assert_int_equal(baton_pidfile_read(pidpath, &pid), BATON_RC_OK);
    assert_int_equal(pid, getpid());
    unlink(idpath);
    unlink(pidpath);
}

static void
record_reports_an_unwritable_identity_file(void **state)
{
    char pidpath[] = "/tmp/baton-pid-XXXXXX";
    pid_t pid = 0;

    close(mkstemp(pidpath));
    assert_int_equal(baton_pidfile_write(pidpath, 42), BATON_RC_OK);
    assert_int_equal(baton_proc_record("/nonexistent-dir/id", pidpath,
                                       getpid()), ENOENT);
    /* the pidfile is written only after the identity */
    assert_int_equal(baton_pidfile_read(pidpath, &pid), BATON_RC_OK);
    assert_int_equal(pid, 42);
    unlink(pidpath);
}

/* A pidfile outside the run directory: its directory is the
 * administrator's, never created; the reason names the pidfile */
static void
record_started_names_the_pidfile_and_leaves_other_directories(void **state)
{
    char dir[] = "/tmp/baton-started-XXXXXX";
    char missing[80];
    char pidpath[96];
    char idpath[100];
    baton_reason_t why = BATON_REASON_INIT;
    struct stat st;
    pid_t pid = 0;

    assert_non_null(mkdtemp(dir));
    snprintf(missing, sizeof(missing), "%s/missing", dir);
    snprintf(pidpath, sizeof(pidpath), "%s/app.pid", missing);
    snprintf(idpath, sizeof(idpath), "%s.id", pidpath);
    assert_int_equal(baton_proc_record_started(idpath, pidpath, getpid(),
                                               &why), ENOENT);
    assert_non_null(strstr(why.text, "Cannot write pidfile "));
    assert_non_null(strstr(why.text, pidpath));
    assert_int_equal(stat(missing, &st), -1);

    snprintf(pidpath, sizeof(pidpath), "%s/app.pid", dir);
    snprintf(idpath, sizeof(idpath), "%s.id", pidpath);
    baton_reason_clear(&why);
    assert_int_equal(baton_proc_record_started(idpath, pidpath, getpid(),
                                               &why), BATON_RC_OK);
    assert_false(baton_reason_is_set(&why));
    assert_int_equal(baton_pidfile_read(pidpath, &pid), BATON_RC_OK);
    assert_int_equal(pid, getpid());
    unlink(idpath);
    unlink(pidpath);
    rmdir(dir);
}

static void
pidfile_reads_first_number(void **state)
{
    char path[] = "/tmp/baton-pid-XXXXXX";
    int fd = mkstemp(path);
    pid_t pid = 0;

    assert_int_equal(write(fd, " pid: 321\n", 10), 10);
    close(fd);
    assert_int_equal(baton_pidfile_read(path, &pid), BATON_RC_OK);
    assert_int_equal(pid, 321);
    assert_int_equal(baton_pidfile_write(path, 77), BATON_RC_OK);
    assert_int_equal(baton_pidfile_read(path, &pid), BATON_RC_OK);
    assert_int_equal(pid, 77);
    assert_int_equal(baton_pidfile_write(path, 0), BATON_RC_OK);
    assert_int_equal(baton_pidfile_read(path, &pid), BATON_RC_PROTOCOL);
    unlink(path);
    assert_int_equal(baton_pidfile_read(path, &pid), ENOENT);
}

static void
signal_group_reaches_members_that_left_the_group(void **state)
{
    int ready[2];
    pid_t leader;
    unsigned count = 0;
    char c = 0;

    assert_int_equal(pipe(ready), 0);
    leader = fork();
    if (leader == 0) {
        setsid();
        if (fork() == 0) {
            setpgid(0, 0);   /* own group, same session */
            /* both in place: tell the test */
            (void) write(ready[1], "x", 1);
            pause();
            _exit(0);
        }
        pause();
        _exit(0);
    }
    close(ready[1]);
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    assert_true(baton_proc_group_alive(leader));
    assert_int_equal(baton_proc_signal_group(leader, SIGKILL, &count),
                     BATON_RC_OK);
    assert_int_equal(count, 2);
    waitpid(leader, NULL, 0);
    for (int i = 0; (i < 100) && baton_proc_group_alive(leader); i++) {
        usleep(20000);
    }
    assert_false(baton_proc_group_alive(leader));
    assert_int_equal(baton_proc_signal_group(1, SIGKILL, NULL), EINVAL);
}

static void
signal_group_leaves_a_process_outside_the_group_alone(void **state)
{
    pid_t pid = fork();
    unsigned count = 0;

    if (pid == 0) {
        pause();      /* stays in the test's process group */
        _exit(0);
    }
    usleep(100000);
    assert_false(baton_proc_group_alive(pid));
    assert_int_equal(baton_proc_signal_group(pid, SIGKILL, &count),
                     BATON_RC_OK);
    assert_int_equal(count, 0);
    assert_int_equal(kill(pid, 0), 0);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

/* A directory the application's user could own, with a file root must not
 * touch and the pidfile root writes */
struct plant {
    char dir[32];
    char victim[64];
    char pidfile[64];
};

static void
plant_init(struct plant *p)
{
    FILE *f = NULL;

    snprintf(p->dir, sizeof(p->dir), "/tmp/baton-plant-XXXXXX");
    assert_non_null(mkdtemp(p->dir));
    snprintf(p->victim, sizeof(p->victim), "%s/victim", p->dir);
    snprintf(p->pidfile, sizeof(p->pidfile), "%s/app.pid", p->dir);
    f = fopen(p->victim, "w");
    assert_non_null(f);
    fputs("precious\n", f);
    fclose(f);
}

static void
assert_victim_intact(const struct plant *p)
{
    char buf[32] = "";
    FILE *f = fopen(p->victim, "r");

    assert_non_null(f);
    assert_non_null(fgets(buf, sizeof(buf), f));
    fclose(f);
    assert_string_equal(buf, "precious\n");
}

/* Entries in the directory besides "." and ".." */
static int
entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de = NULL;
    int n = 0;

    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        n += (strcmp(de->d_name, ".") != 0) && (strcmp(de->d_name, "..") != 0);
    }
    closedir(d);
    return n;
}

static void
plant_free(struct plant *p)
{
    char cmd[64];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", p->dir);
    (void) system(cmd);
}

static void
pidfile_write_does_not_follow_a_link_at_the_temporary_name(void **state)
{
    struct plant p;
    char tmp[96];
    struct stat st;
    pid_t pid = 0;

    plant_init(&p);
    /* The name an older Baton wrote through: pidfile.tmp<our pid> */
    snprintf(tmp, sizeof(tmp), "%s.tmp%d", p.pidfile, (int) getpid());
    assert_int_equal(symlink(p.victim, tmp), 0);
    assert_int_equal(baton_pidfile_write(p.pidfile, 4242), BATON_RC_OK);
    assert_victim_intact(&p);
    assert_int_equal(lstat(p.pidfile, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_int_equal(baton_pidfile_read(p.pidfile, &pid), BATON_RC_OK);
    assert_int_equal(pid, 4242);
    plant_free(&p);
}

static void
pidfile_write_replaces_a_link_planted_as_the_pidfile(void **state)
{
    struct plant p;
    struct stat st;
    pid_t pid = 0;

    plant_init(&p);
    assert_int_equal(symlink(p.victim, p.pidfile), 0);
    assert_int_equal(baton_pidfile_write(p.pidfile, 4243), BATON_RC_OK);
    assert_victim_intact(&p);
    assert_int_equal(lstat(p.pidfile, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(baton_pidfile_read(p.pidfile, &pid), BATON_RC_OK);
    assert_int_equal(pid, 4243);
    /* no temporary file left behind: victim and pidfile only */
    assert_int_equal(entries(p.dir), 2);
    plant_free(&p);
}

static void
id_write_does_not_follow_a_link_at_the_temporary_name(void **state)
{
    struct baton_proc_id id = { .pid = 4244, .start_ticks = 99 };
    struct baton_proc_id back;
    struct plant p;
    char tmp[96];

    plant_init(&p);
    snprintf(tmp, sizeof(tmp), "%s.tmp%d", p.pidfile, (int) getpid());
    assert_int_equal(symlink(p.victim, tmp), 0);
    assert_int_equal(baton_proc_id_write_file(p.pidfile, &id), BATON_RC_OK);
    assert_victim_intact(&p);
    assert_int_equal(baton_proc_id_read_file(p.pidfile, &back), BATON_RC_OK);
    assert_int_equal(back.pid, 4244);
    plant_free(&p);
}

static void
pidfile_read_does_not_follow_a_link(void **state)
{
    struct baton_proc_id id;
    struct plant p;
    pid_t pid = 0;
    FILE *f = NULL;

    plant_init(&p);
    f = fopen(p.victim, "w");
    assert_non_null(f);
    fputs("4245 1 /bin/true\n", f);
    fclose(f);
    assert_int_equal(symlink(p.victim, p.pidfile), 0);
    assert_int_equal(baton_pidfile_read(p.pidfile, &pid), ELOOP);
    assert_int_equal(baton_proc_id_read_file(p.pidfile, &id), ELOOP);
    plant_free(&p);
}

static void
recorded_is_ours_while_the_recorded_process_runs(void **state)
{
    enum baton_proc_record_state st = BATON_PROC_GONE;
    struct plant p;
    char idfile[80];
    pid_t pid = 0;

    plant_init(&p);
    snprintf(idfile, sizeof(idfile), "%s.id", p.pidfile);
    assert_int_equal(baton_proc_recorded(idfile, p.pidfile, &pid, &st),
                     BATON_RC_OK);
    assert_int_equal(st, BATON_PROC_NONE);
    assert_int_equal(pid, 0);
    assert_int_equal(baton_proc_record(idfile, p.pidfile, getpid()),
                     BATON_RC_OK);
    assert_int_equal(baton_proc_recorded(idfile, p.pidfile, &pid, &st),
                     BATON_RC_OK);
    assert_int_equal(st, BATON_PROC_OURS);
    assert_int_equal(pid, getpid());
    plant_free(&p);
}

static void
recorded_is_gone_when_the_pid_runs_another_process(void **state)
{
    enum baton_proc_record_state st = BATON_PROC_OURS;
    struct baton_proc_id id;
    struct plant p;
    char idfile[80];
    pid_t pid = 0;

    plant_init(&p);
    snprintf(idfile, sizeof(idfile), "%s.id", p.pidfile);
    /* A live process with the recorded name and PID, but another start
     * time: the PID was recycled */
    assert_int_equal(baton_proc_id_read(getpid(), &id), BATON_RC_OK);
    id.start_ticks--;
    assert_int_equal(baton_proc_id_write_file(idfile, &id), BATON_RC_OK);
    assert_int_equal(baton_pidfile_write(p.pidfile, getpid()), BATON_RC_OK);
    assert_int_equal(baton_proc_recorded(idfile, p.pidfile, &pid, &st),
                     BATON_RC_OK);
    assert_int_equal(st, BATON_PROC_GONE);
    assert_int_equal(pid, getpid());

    /* A pidfile naming a live process, with no identity beside it */
    unlink(idfile);
    assert_int_equal(baton_proc_recorded(idfile, p.pidfile, &pid, &st),
                     BATON_RC_OK);
    assert_int_equal(st, BATON_PROC_GONE);

    /* The identity of another PID than the pidfile's */
    assert_int_equal(baton_proc_record(idfile, p.pidfile, getppid()),
                     BATON_RC_OK);
    assert_int_equal(baton_pidfile_write(p.pidfile, getpid()), BATON_RC_OK);
    assert_int_equal(baton_proc_recorded(idfile, p.pidfile, &pid, &st),
                     BATON_RC_OK);
    assert_int_equal(st, BATON_PROC_GONE);
    plant_free(&p);
}

static void
recorded_is_gone_after_the_process_exited(void **state)
{
    enum baton_proc_record_state st = BATON_PROC_OURS;
    struct plant p;
    char idfile[80];
    pid_t child = 0;
    pid_t pid = 0;
    int ws = 0;

    plant_init(&p);
    snprintf(idfile, sizeof(idfile), "%s.id", p.pidfile);
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        pause();
        _exit(0);
    }
    assert_int_equal(baton_proc_record(idfile, p.pidfile, child),
                     BATON_RC_OK);
    assert_int_equal(baton_proc_recorded(idfile, p.pidfile, &pid, &st),
                     BATON_RC_OK);
    assert_int_equal(st, BATON_PROC_OURS);
    kill(child, SIGKILL);
    assert_int_equal(waitpid(child, &ws, 0), child);
    assert_int_equal(baton_proc_recorded(idfile, p.pidfile, &pid, &st),
                     BATON_RC_OK);
    assert_int_equal(st, BATON_PROC_GONE);
    assert_int_equal(pid, child);

    /* A damaged pidfile names nothing we could signal */
    assert_int_equal(baton_pidfile_write(p.pidfile, 0), BATON_RC_OK);
    assert_int_equal(baton_proc_recorded(idfile, p.pidfile, &pid, &st),
                     BATON_RC_OK);
    assert_int_equal(st, BATON_PROC_GONE);
    assert_int_equal(pid, 0);
    plant_free(&p);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stat_parse_handles_spaces_and_parens_in_comm),
        cmocka_unit_test(stat_parse_refuses_garbage),
        cmocka_unit_test(id_read_of_self_knows_exe_and_start),
        cmocka_unit_test(id_read_of_missing_or_zombie_is_esrch),
        cmocka_unit_test(id_same_rejects_other_start_time_or_exe),
        cmocka_unit_test(id_same_ignores_deleted_suffix_and_unknown_exe),
        cmocka_unit_test(id_file_round_trips),
        cmocka_unit_test(pidfile_reads_first_number),
        cmocka_unit_test(
            pidfile_write_does_not_follow_a_link_at_the_temporary_name),
        cmocka_unit_test(pidfile_write_replaces_a_link_planted_as_the_pidfile),
        cmocka_unit_test(id_write_does_not_follow_a_link_at_the_temporary_name),
        cmocka_unit_test(pidfile_read_does_not_follow_a_link),
        cmocka_unit_test(recorded_is_ours_while_the_recorded_process_runs),
        cmocka_unit_test(recorded_is_gone_when_the_pid_runs_another_process),
        cmocka_unit_test(recorded_is_gone_after_the_process_exited),
        cmocka_unit_test(record_writes_identity_then_pidfile),
        cmocka_unit_test(record_reports_an_unwritable_identity_file),
        cmocka_unit_test(record_started_names_the_pidfile_and_leaves_other_directories),
        cmocka_unit_test(signal_group_reaches_members_that_left_the_group),
        cmocka_unit_test(signal_group_leaves_a_process_outside_the_group_alone),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
