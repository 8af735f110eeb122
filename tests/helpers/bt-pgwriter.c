/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * bt-pgwriter: the client of the PostgreSQL cluster scenarios. It inserts
 * numbered rows, one transaction each, without pause, and records for each
 * number whether the server acknowledged the commit. A number is never
 * reused: a row whose commit was sent but not acknowledged (the connection
 * broke, the answer did not come in time) is "unknown" and the next row
 * gets the next number, so the log tells exactly which rows a correct
 * cluster must still have (every "ack") and which it may have.
 *
 *   bt-pgwriter -c CONNINFO -o LOG [-s FIRST] [-t STATEMENT_MS]
 *               [-C CONNECT_MS]
 *
 * A connection attempt gives up after CONNECT_MS (1000) and the next one
 * starts at once with a new socket: one SYN sent to a dead node's MAC
 * would otherwise back off (1, 2, 4 s...) past the moment the address
 * moved, and the client's delay, not the cluster's, would be measured.
 *
 * LOG lines, written and flushed as they happen (epoch milliseconds):
 *   N ack MS        the commit of row N was acknowledged at MS
 *   N unknown MS    the insert of row N was sent, no answer (see the error)
 *   N fail MS       the server refused row N (e.g. a read-only standby)
 *   - connect MS    a new connection; "- down MS ERROR" when it failed
 * The table is "CREATE TABLE IF NOT EXISTS bt_rows (i bigint PRIMARY KEY,
 * at timestamptz DEFAULT now())"; SIGTERM or SIGINT ends the writer.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libpq-fe.h>

#define RETRY_MS 100

static volatile sig_atomic_t stop;

static void on_term(int sig) { (void) sig; stop = 1; }

static long long
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long
mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One line of the error message, for the log */
static const char *
first_line(PGconn *conn, char *buf, size_t size)
{
    const char *msg = (conn != NULL) ? PQerrorMessage(conn) : "no memory";

    snprintf(buf, size, "%.*s", (int) strcspn(msg, "\n"), msg);
    return buf;
}

/* Wait for the socket until deadline (monotonic ms): 0 ready, -1 not */
static int
wait_sock(PGconn *conn, int events, long long deadline)
{
    struct pollfd pfd = { .fd = PQsocket(conn), .events = (short) events };

    while (!stop) {
        long long left = deadline - mono_ms();
        int n;

        if (left <= 0) {
            return -1;
        }
        n = poll(&pfd, 1, (int) ((left > 200) ? 200 : left));
        if (n > 0) {
            return 0;
        }
        if ((n < 0) && (errno != EINTR)) {
            return -1;
        }
    }
    return -1;
}

/* Connect within timeout_ms; *out is the connection (bad on failure,
 * NULL when out of memory) */
static int
connect_to(const char *conninfo, int timeout_ms, PGconn **out)
{
    long long deadline = mono_ms() + timeout_ms;
    PGconn *conn = PQconnectStart(conninfo);
    PostgresPollingStatusType st = PGRES_POLLING_WRITING;

    *out = conn;
    if ((conn == NULL) || (PQstatus(conn) == CONNECTION_BAD)) {
        return -1;
    }
    while ((st != PGRES_POLLING_OK) && (st != PGRES_POLLING_FAILED)) {
        if (wait_sock(conn, (st == PGRES_POLLING_READING) ? POLLIN : POLLOUT,
                      deadline) != 0) {
            return -1;
        }
        st = PQconnectPoll(conn);
    }
    return (st == PGRES_POLLING_OK) ? 0 : -1;
}

/* Run one statement with a deadline: 1 done, 0 failed (answer), -1 no
 * answer in time or connection lost */
static int
run(PGconn *conn, const char *sql, int timeout_ms)
{
    long long deadline = mono_ms() + timeout_ms;
    PGresult *res = NULL;
    int done = 1;

    if (PQsendQuery(conn, sql) == 0) {
        return -1;
    }
    for (;;) {
        while (PQisBusy(conn)) {
            if ((wait_sock(conn, POLLIN, deadline) != 0)
                || (PQconsumeInput(conn) == 0)) {
                return -1;
            }
        }
        res = PQgetResult(conn);
        if (res == NULL) {
            break;
        }
        if (PQresultStatus(res) != PGRES_COMMAND_OK) {
            done = 0;
        }
        PQclear(res);
    }
    return (PQstatus(conn) == CONNECTION_OK) ? done : -1;
}

int
main(int argc, char **argv)
{
    const char *conninfo = NULL;
    const char *log_path = NULL;
    long long n = 1;
    int timeout_ms = 5000;
    int connect_ms = 1000;
    PGconn *conn = NULL;
    FILE *log = NULL;
    char sql[128];
    char err[256];
    int opt;

    while ((opt = getopt(argc, argv, "c:o:s:t:C:")) != -1) {
        switch (opt) {
            case 'c': conninfo = optarg; break;
            case 'o': log_path = optarg; break;
            case 's': n = atoll(optarg); break;
            case 't': timeout_ms = atoi(optarg); break;
            case 'C': connect_ms = atoi(optarg); break;
            default: conninfo = NULL; optind = argc; break;
        }
    }
    if ((conninfo == NULL) || (log_path == NULL) || (timeout_ms <= 0)
        || (connect_ms <= 0)) {
        fprintf(stderr, "usage: bt-pgwriter -c CONNINFO -o LOG [-s FIRST] "
                "[-t STATEMENT_MS] [-C CONNECT_MS]\n");
        return 2;
    }
    log = fopen(log_path, "a");
    if (log == NULL) {
        perror(log_path);
        return 1;
    }
    setvbuf(log, NULL, _IOLBF, 0);
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);
    signal(SIGPIPE, SIG_IGN);
    while (!stop) {
        int r;

        if ((conn == NULL) || (PQstatus(conn) != CONNECTION_OK)) {
            PQfinish(conn);
            if (connect_to(conninfo, connect_ms, &conn) != 0) {
                fprintf(log, "- down %lld %s\n", now_ms(),
                        (PQstatus(conn) == CONNECTION_BAD)
                        ? first_line(conn, err, sizeof(err))
                        : "connection timed out");
                PQfinish(conn);
                conn = NULL;
                usleep(RETRY_MS * 1000);
                continue;
            }
            fprintf(log, "- connect %lld\n", now_ms());
            r = run(conn, "CREATE TABLE IF NOT EXISTS bt_rows (i bigint "
                    "PRIMARY KEY, at timestamptz DEFAULT now())", timeout_ms);
            if (r != 1) {
                fprintf(log, "- down %lld %s\n", now_ms(),
                        first_line(conn, err, sizeof(err)));
                PQfinish(conn);
                conn = NULL;
                usleep(RETRY_MS * 1000);
                continue;
            }
        }
        snprintf(sql, sizeof(sql), "INSERT INTO bt_rows (i) VALUES (%lld)",
                 n);
        r = run(conn, sql, timeout_ms);
        if (r == 1) {
            fprintf(log, "%lld ack %lld\n", n, now_ms());
        } else if (r == 0) {
            /* refused (a read-only standby answered): not committed */
            fprintf(log, "%lld fail %lld %s\n", n, now_ms(),
                    first_line(conn, err, sizeof(err)));
            usleep(RETRY_MS * 1000);
        } else {
            /* sent: it may or may not have been committed */
            fprintf(log, "%lld unknown %lld %s\n", n, now_ms(),
                    first_line(conn, err, sizeof(err)));
            PQfinish(conn);
            conn = NULL;
        }
        n++;
    }
    PQfinish(conn);
    fclose(log);
    return 0;
}
