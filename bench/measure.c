/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * measure: time commands by exec'ing them directly, many times, alternating
 * between them, and report per command the median wall time, the median
 * CPU time (user + system from wait4(), children included) and the peak
 * RSS. No shell sits between measure and the command. measure is the child
 * subreaper of what the commands leave running and reaps it when it ends.
 *
 *   measure [-n RUNS] [-w WARMUP] [-q] GROUP [GROUP...]
 *   GROUP:  -l LABEL [-e VAR=value]... [-s STATUS] [-r RESET] -- ARGV... \;
 *
 * -e  sets a variable of the command's environment (which starts empty);
 * -s  the exit status every run must have (default 0), else measure fails;
 * -r  a command line (split on spaces, no quoting) run untimed after each
 *     timed run, with the same environment, e.g. "agent stop" after a start;
 *     it must exit 0, else measure fails (the next run would time another
 *     path);
 * -q  also discard the commands' stdout and stderr (default: stdout only).
 * Output, one line per group, tab-separated:
 *   LABEL  median_wall_ms  median_cpu_ms  peak_rss_kib  runs  min_wall_ms
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#define MAX_GROUPS 16
#define MAX_ARGS 64
#define MAX_ENV 64

struct group {
    const char *label;
    char *argv[MAX_ARGS];
    char *env[MAX_ENV];
    char *reset[MAX_ARGS];
    int status;
    double *wall_ms;
    double *cpu_ms;
    long peak_rss_kib;
};

struct opts {
    int runs;
    int warmup;
    int quiet;
};

static void
usage(void)
{
    fprintf(stderr, "usage: measure [-n RUNS] [-w WARMUP] [-q] -l LABEL "
            "[-e VAR=value]... [-s STATUS] [-r RESET] -- ARGV... ';' ...\n");
    exit(2);
}

static void
split_words(char *line, char **out, size_t max)
{
    size_t n = 0;
    char *save = NULL;

    for (char *w = strtok_r(line, " ", &save); (w != NULL) && (n + 1 < max);
         w = strtok_r(NULL, " ", &save)) {
        out[n++] = w;
    }
    out[n] = NULL;
}

/* Parse one group starting at argv[*i]; returns 0 or -1 */
static int
parse_group(int argc, char **argv, int *i, struct group *g)
{
    size_t ne = 0;
    size_t na = 0;

    g->status = 0;
    for (; *i < argc && strcmp(argv[*i], "--") != 0; (*i)++) {
        if ((*i + 1 >= argc) || (argv[*i][0] != '-')) {
            return -1;
        }
        switch (argv[*i][1]) {
            case 'l': g->label = argv[++(*i)]; break;
            case 's': g->status = atoi(argv[++(*i)]); break;
            case 'r': split_words(argv[++(*i)], g->reset, MAX_ARGS); break;
            case 'e':
                if (ne + 1 >= MAX_ENV) {
                    return -1;
                }
                g->env[ne++] = argv[++(*i)];
                break;
            default: return -1;
        }
    }
    for ((*i)++; *i < argc && strcmp(argv[*i], ";") != 0; (*i)++) {
        if (na + 1 >= MAX_ARGS) {
            return -1;
        }
        g->argv[na++] = argv[*i];
    }
    (*i)++;
    return ((g->label == NULL) || (na == 0)) ? -1 : 0;
}

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

static double
tv_ms(struct timeval tv)
{
    return (double) tv.tv_sec * 1e3 + (double) tv.tv_usec / 1e3;
}

/* Run argv once; returns its wait status, fills wall, cpu and rss */
static int
run_once(char **argv, char **env, int quiet, double *wall, double *cpu,
         long *rss)
{
    struct rusage ru;
    int status = 0;
    double t0 = now_ms();
    pid_t pid = fork();

    if (pid < 0) {
        perror("fork");
        exit(1);
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);

        dup2(null, STDOUT_FILENO);
        if (quiet) {
            dup2(null, STDERR_FILENO);
        }
        execve(argv[0], argv, env);
        fprintf(stderr, "measure: cannot run %s: %s\n", argv[0],
                strerror(errno));
        _exit(127);
    }
    /* Any child may end first: orphans the commands left (measure is
     * their subreaper) are reaped here, as init would reap them */
    for (;;) {
        pid_t w = wait4(-1, &status, 0, &ru);

        if (w == pid) {
            break;
        }
        if ((w < 0) && (errno != EINTR)) {
            perror("wait4");
            exit(1);
        }
    }
    *wall = now_ms() - t0;
    *cpu = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
    *rss = ru.ru_maxrss;
    return status;
}

static void
run_group(struct group *g, const struct opts *o, int slot)
{
    double wall = 0;
    double cpu = 0;
    long rss = 0;
    int st = run_once(g->argv, g->env, o->quiet, &wall, &cpu, &rss);

    if (!WIFEXITED(st) || (WEXITSTATUS(st) != g->status)) {
        fprintf(stderr, "measure: %s: exit status %d, expected %d\n",
                g->label, WIFEXITED(st) ? WEXITSTATUS(st) : -1, g->status);
        exit(1);
    }
    if (slot >= 0) {
        g->wall_ms[slot] = wall;
        g->cpu_ms[slot] = cpu;
        g->peak_rss_kib = (rss > g->peak_rss_kib) ? rss : g->peak_rss_kib;
    }
    if (g->reset[0] == NULL) {
        return;
    }
    /* A reset that failed leaves the next timed run measuring another
     * path (a start that finds the resource already running), so it is
     * as fatal as a timed run with the wrong status */
    st = run_once(g->reset, g->env, 1, &wall, &cpu, &rss);
    if (!WIFEXITED(st) || (WEXITSTATUS(st) != 0)) {
        fprintf(stderr, "measure: %s: reset \"%s\" exit status %d, "
                "expected 0\n", g->label, g->reset[0],
                WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        exit(1);
    }
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a;
    double y = *(const double *) b;

    return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
    qsort(v, (size_t) n, sizeof(*v), cmp_double);
    return ((n % 2) != 0) ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int
parse_opts(int argc, char **argv, struct opts *o)
{
    int i = 1;

    for (; i + 1 < argc; i++) {
        if (strcmp(argv[i], "-n") == 0) {
            o->runs = atoi(argv[++i]);
        } else if (strcmp(argv[i], "-w") == 0) {
            o->warmup = atoi(argv[++i]);
        } else if (strcmp(argv[i], "-q") == 0) {
            o->quiet = 1;
        } else {
            break;
        }
    }
    return i;
}

int
main(int argc, char **argv)
{
    static struct group groups[MAX_GROUPS];
    struct opts o = { .runs = 60, .warmup = 3, .quiet = 0 };
    int ng = 0;
    int i = parse_opts(argc, argv, &o);

    /* Daemons the commands start and later kill (an agent's responder, a
     * background announcer) are reparented to measure, which reaps them at
     * once. Without this they go to PID 1, and a PID 1 that is slow to reap
     * (a container's) leaves zombies that an agent polling kill -0 takes
     * for a process still running. */
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
        perror("prctl(PR_SET_CHILD_SUBREAPER)");
        return 1;
    }

    while ((i < argc) && (ng < MAX_GROUPS)) {
        if (parse_group(argc, argv, &i, &groups[ng]) != 0) {
            usage();
        }
        groups[ng].wall_ms = calloc((size_t) o.runs, sizeof(double));
        groups[ng].cpu_ms = calloc((size_t) o.runs, sizeof(double));
        ng++;
    }
    if ((ng == 0) || (o.runs < 1)) {
        usage();
    }
    /* Alternate, rotating which command goes first in each round */
    for (int r = -o.warmup; r < o.runs; r++) {
        for (int k = 0; k < ng; k++) {
            int g = (k + ((r < 0) ? 0 : r)) % ng;

            run_group(&groups[g], &o, (r < 0) ? -1 : r);
        }
    }
    for (int g = 0; g < ng; g++) {
        double mw = median(groups[g].wall_ms, o.runs);

        printf("%s\t%.3f\t%.3f\t%ld\t%d\t%.3f\n", groups[g].label, mw,
               median(groups[g].cpu_ms, o.runs), groups[g].peak_rss_kib,
               o.runs, groups[g].wall_ms[0]);
        free(groups[g].wall_ms);
        free(groups[g].cpu_ms);
    }
    return 0;
}
