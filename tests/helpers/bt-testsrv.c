/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * bt-testsrv: the small service the app/lbprobe tests manage. It answers
 * every connection with a fixed HTTP response, and can be told to
 * misbehave: hang (SIGUSR1: stop accepting and answering), turn unhealthy
 * (SIGUSR2: answer 503), ignore SIGTERM, fork children, start slowly, or
 * exit soon after starting.
 *
 *   bt-testsrv [-a ADDR] -p PORT [-T] [-f N [-g] -c FILE] [-d MS] [-x MS]
 *     -T       ignore SIGTERM (also in the children)
 *     -f N     fork N children that just wait; their PIDs go to -c FILE
 *     -g       the first child moves to a process group of its own
 *     -d MS    wait MS before listening (a slow start)
 *     -x MS    exit with status 3 MS after starting (a crash; 0: before
 *              listening)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hang;
static volatile sig_atomic_t unhealthy;

static void on_usr1(int sig) { (void) sig; hang = 1; }
static void on_usr2(int sig) { (void) sig; unhealthy = !unhealthy; }

struct opts {
    const char *addr;
    const char *port;
    int ignore_term;
    int children;
    int own_group;
    const char *children_file;
    int delay_ms;
    int exit_ms;
};

static int
parse(int argc, char **argv, struct opts *o)
{
    int c;

    *o = (struct opts) { .addr = "127.0.0.1", .exit_ms = -1 };
    while ((c = getopt(argc, argv, "a:p:Tf:gc:d:x:")) != -1) {
        switch (c) {
            case 'a': o->addr = optarg; break;
            case 'p': o->port = optarg; break;
            case 'T': o->ignore_term = 1; break;
            case 'f': o->children = atoi(optarg); break;
            case 'g': o->own_group = 1; break;
            case 'c': o->children_file = optarg; break;
            case 'd': o->delay_ms = atoi(optarg); break;
            case 'x': o->exit_ms = atoi(optarg); break;
            default: return -1;
        }
    }
    return (o->port == NULL) ? -1 : 0;
}

static long long
mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long) (ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static void
fork_children(const struct opts *o)
{
    FILE *f = (o->children_file != NULL) ? fopen(o->children_file, "w")
              : NULL;

    for (int i = 0; i < o->children; i++) {
        pid_t pid;

        if (f != NULL) {
            fflush(f);   /* or each child writes the buffer again */
        }
        pid = fork();

        if (pid == 0) {
            if (f != NULL) {
                fclose(f);
            }
            if (o->own_group && (i == 0)) {
                setpgid(0, 0);
            }
            for (;;) {
                pause();
            }
        }
        if ((f != NULL) && (pid > 0)) {
            fprintf(f, "%d\n", (int) pid);
        }
    }
    if (f != NULL) {
        fclose(f);
    }
}

static int
listen_on(const struct opts *o)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_NUMERICHOST | AI_PASSIVE };
    struct addrinfo *res = NULL;
    int one = 1;
    int fd;

    if (getaddrinfo(o->addr, o->port, &hints, &res) != 0) {
        return -1;
    }
    fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    /* A short queue: once hung, new connections soon go unanswered */
    if ((fd < 0) || (bind(fd, res->ai_addr, res->ai_addrlen) != 0)
        || (listen(fd, 1) != 0)) {
        perror("bt-testsrv: listen");
        freeaddrinfo(res);
        return -1;
    }
    freeaddrinfo(res);
    return fd;
}

static void
answer(int c)
{
    const char *ok = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n"
                     "bt-testsrv ok\n";
    const char *bad = "HTTP/1.0 503 Service Unavailable\r\n\r\nbusy\n";
    const char *msg = unhealthy ? bad : ok;
    struct pollfd p = { .fd = c, .events = POLLIN };
    char buf[2048];

    /* Read the request if one comes soon; a TCP check sends nothing */
    if (poll(&p, 1, 200) == 1) {
        ssize_t n = read(c, buf, sizeof(buf));

        (void) n;
    }
    if (send(c, msg, strlen(msg), MSG_NOSIGNAL) < 0) {
        /* the client left */
    }
    close(c);
}

int
main(int argc, char **argv)
{
    struct opts o;
    long long started = mono_ms();
    int fd;

    if (parse(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: bt-testsrv [-a ADDR] -p PORT [-T] [-f N [-g] "
                "-c FILE] [-d MS] [-x MS]\n");
        return 2;
    }
    signal(SIGUSR1, on_usr1);
    signal(SIGUSR2, on_usr2);
    signal(SIGPIPE, SIG_IGN);
    if (o.ignore_term) {
        signal(SIGTERM, SIG_IGN);
    }
    fork_children(&o);
    if (o.delay_ms > 0) {
        sleep_ms(o.delay_ms);
    }
    if (o.exit_ms == 0) {
        /* a crash at once: never listening, so no check can pass before
         * the exit (a listener for a moment raced app's start check) */
        fprintf(stderr, "bt-testsrv: exiting as asked (-x)\n");
        return 3;
    }
    fd = listen_on(&o);
    if (fd < 0) {
        return 1;
    }
    printf("bt-testsrv pid %d listening on %s port %s\n", (int) getpid(),
           o.addr, o.port);
    fflush(stdout);
    for (;;) {
        struct pollfd p = { .fd = fd, .events = POLLIN };

        if ((o.exit_ms >= 0)
            && (mono_ms() - started >= o.exit_ms)) {
            fprintf(stderr, "bt-testsrv: exiting as asked (-x)\n");
            return 3;
        }
        if (hang) {
            pause();   /* hung: the socket stays open, nobody answers */
            continue;
        }
        if (poll(&p, 1, 100) == 1) {
            int c = accept(fd, NULL, NULL);

            if (c >= 0) {
                answer(c);
            }
        }
    }
}
