/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:pgsqlms: libpq in-process. Connections and queries are polled
 * to the action's deadline; the connection is made with system_user as the
 * effective user, so that the server's peer authentication on the local
 * socket sees system_user, as it would see psql run by that user.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libpq-fe.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "pgsqlms.h"

#define PG_DBNAME  "postgres"
#define PG_APPNAME "baton-pgsqlms"
/*! How long a connection to another node may take */
#define PG_PEER_CONNECT_MS 5000U

struct pg_conn_s {
    PGconn *conn;
};

/* libpq prints notices to stderr, the agent's exit-reason channel */
static void
quiet_notice(void *arg, const char *message)
{
    (void) arg;
    baton_debug("server notice: %s", message);
}

static int
wait_socket(PGconn *conn, bool for_read, uint64_t deadline)
{
    struct pollfd pfd = {
        .fd = PQsocket(conn), .events = for_read ? POLLIN : POLLOUT,
    };

    for (;;) {
        uint64_t now = baton_clock_now_ms();
        int n;

        if (now >= deadline) {
            return BATON_RC_TIMEOUT;
        }
        n = poll(&pfd, 1, (int) (deadline - now));
        if (n > 0) {
            return BATON_RC_OK;
        }
        if ((n < 0) && (errno != EINTR)) {
            return errno;
        }
    }
}

/* What a failed connection means for the monitor */
static int
classify(const char *msg)
{
    static const char *const refused[] = {
        "No such file or directory", "Connection refused",
    };
    static const char *const not_now[] = {
        "starting up", "shutting down", "not yet accepting",
        "in recovery mode", "not accepting connections",
    };

    for (size_t i = 0; i < BATON_N_ELEMENTS(refused); i++) {
        if (strstr(msg, refused[i]) != NULL) {
            return ECONNREFUSED;
        }
    }
    for (size_t i = 0; i < BATON_N_ELEMENTS(not_now); i++) {
        if (strstr(msg, not_now[i]) != NULL) {
            return EAGAIN;
        }
    }
    if (strstr(msg, "authentication") != NULL
        || strstr(msg, "password") != NULL) {
        return BATON_RC_AUTH;
    }
    return BATON_RC_FAILED;
}

static int
poll_connect(PGconn *conn, uint64_t deadline)
{
    PostgresPollingStatusType st = PGRES_POLLING_WRITING;

    if (PQstatus(conn) == CONNECTION_BAD) {
        return classify(PQerrorMessage(conn));
    }
    while ((st != PGRES_POLLING_OK) && (st != PGRES_POLLING_FAILED)) {
        int rc = wait_socket(conn, st == PGRES_POLLING_READING, deadline);

        if (rc != BATON_RC_OK) {
            return rc;
        }
        st = PQconnectPoll(conn);
    }
    return (st == PGRES_POLLING_OK) ? BATON_RC_OK
                                    : classify(PQerrorMessage(conn));
}

/* Connect with the keywords given, as system_user, within \p limit_ms
 * and the action's remaining time */
static int
connect_as(struct pg_ctx *ctx, const char *const *keys,
           const char *const *values, unsigned limit_ms, pg_conn_t **out)
{
    const struct passwd *pw = getpwnam(ctx->conf.system_user);
    unsigned left = pg_ms_left(ctx);
    uint64_t deadline = baton_clock_now_ms()
                        + ((left < limit_ms) ? left : limit_ms);
    uid_t euid = geteuid();
    pg_conn_t *c = NULL;
    int rc;

    *out = NULL;
    if (pw == NULL) {
        return ENOENT;
    }
    c = calloc(1, sizeof(*c));
    baton_assert_alloc(c);
    /* the peer credentials are taken at connect(): run it as the user */
    if ((euid == 0) && (seteuid(pw->pw_uid) != 0)) {
        free(c);
        return errno;
    }
    c->conn = PQconnectStartParams(keys, values, 1);
    baton_assert_alloc(c->conn);
    rc = poll_connect(c->conn, deadline);
    if ((euid == 0) && (seteuid(0) != 0)) {
        baton_crit("Cannot return to root: %s", strerror(errno));
        abort();
    }
    PQsetNoticeProcessor(c->conn, quiet_notice, NULL);
    if (rc != BATON_RC_OK) {
        baton_debug("Connection failed: %s", PQerrorMessage(c->conn));
    }
    *out = c;
    return rc;
}

int
pg_connect(struct pg_ctx *ctx, pg_conn_t **out)
{
    char port[8];
    const char *keys[] = {
        "host", "port", "dbname", "user", "application_name",
        "connect_timeout", NULL,
    };
    const char *values[] = {
        ctx->conf.pghost, port, PG_DBNAME, ctx->conf.system_user,
        PG_APPNAME, "0", NULL,
    };

    snprintf(port, sizeof(port), "%u", ctx->conf.pgport);
    return connect_as(ctx, keys, values, UINT_MAX, out);
}

int
pg_connect_replication(struct pg_ctx *ctx, const char *conninfo,
                       pg_conn_t **out)
{
    const char *keys[] = { "dbname", "replication", "application_name",
                           NULL };
    const char *values[] = { conninfo, "true", PG_APPNAME, NULL };

    /* the primary is another node, maybe gone (an address nobody answers
     * would hold the start to its timeout) */
    return connect_as(ctx, keys, values, PG_PEER_CONNECT_MS, out);
}

int
pg_connect_peer(struct pg_ctx *ctx, const char *conninfo, unsigned limit_ms,
                pg_conn_t **out)
{
    const char *keys[] = { "dbname", "application_name", NULL };
    const char *values[] = { NULL, PG_APPNAME, NULL };
    char *full = NULL;
    int rc;

    /* the last dbname of a connection string wins */
    if (asprintf(&full, "%s dbname=%s", conninfo, PG_DBNAME) < 0) {
        full = NULL;
    }
    baton_assert_alloc(full);
    values[0] = full;
    rc = connect_as(ctx, keys, values,
                    (limit_ms > 0) ? limit_ms : PG_PEER_CONNECT_MS, out);
    free(full);
    return rc;
}

void
pg_disconnect(pg_conn_t *c)
{
    if (c != NULL) {
        PQfinish(c->conn);
        free(c);
    }
}

const char *
pg_conn_error(const pg_conn_t *c)
{
    return (c == NULL) ? "" : PQerrorMessage(c->conn);
}

void
pg_rows_free(char **rows, size_t n)
{
    for (size_t i = 0; (rows != NULL) && (i < n); i++) {
        free(rows[i]);
    }
    free(rows);
}

static void
copy_rows(PGresult *res, char ***rows, size_t *nrows, size_t *ncols)
{
    size_t nr = (size_t) PQntuples(res);
    size_t nc = (size_t) PQnfields(res);

    *nrows = nr;
    *ncols = nc;
    *rows = NULL;
    if (nr * nc == 0) {
        return;
    }
    *rows = calloc(nr * nc, sizeof(char *));
    baton_assert_alloc(*rows);
    for (size_t r = 0; r < nr; r++) {
        for (size_t f = 0; f < nc; f++) {
            (*rows)[r * nc + f] = strdup(PQgetvalue(res, (int) r, (int) f));
            baton_assert_alloc((*rows)[r * nc + f]);
        }
    }
}

/* Read the results of a sent query to the deadline; keep the first */
static int
read_results(pg_conn_t *c, uint64_t deadline, PGresult **first)
{
    PGresult *res = NULL;

    for (;;) {
        while (PQisBusy(c->conn)) {
            int rc = wait_socket(c->conn, true, deadline);

            if (rc != BATON_RC_OK) {
                return rc;
            }
            if (PQconsumeInput(c->conn) == 0) {
                return BATON_RC_FAILED;
            }
        }
        res = PQgetResult(c->conn);
        if (res == NULL) {
            return BATON_RC_OK;
        }
        if (*first == NULL) {
            *first = res;
        } else {
            PQclear(res);
        }
    }
}

int
pg_query(struct pg_ctx *ctx, pg_conn_t *c, const char *sql, char ***rows,
         size_t *nrows, size_t *ncols)
{
    uint64_t deadline = baton_clock_now_ms() + pg_ms_left(ctx);
    PGresult *res = NULL;
    int rc;

    *rows = NULL;
    *nrows = 0;
    *ncols = 0;
    if (PQsendQuery(c->conn, sql) == 0) {
        return BATON_RC_FAILED;
    }
    rc = read_results(c, deadline, &res);
    if ((rc == BATON_RC_OK) && (res != NULL)
        && (PQresultStatus(res) == PGRES_TUPLES_OK)) {
        copy_rows(res, rows, nrows, ncols);
    } else if ((rc == BATON_RC_OK) && ((res == NULL)
               || (PQresultStatus(res) != PGRES_COMMAND_OK))) {
        baton_debug("Query failed: %s: %s", sql, PQerrorMessage(c->conn));
        rc = BATON_RC_FAILED;
    }
    PQclear(res);
    return rc;
}
