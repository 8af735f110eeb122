/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * pg-ask: the least a PostgreSQL monitor can do, for bench/pgsqlms.bench:
 * connect to the local server over its socket with libpq, ask whether it
 * is in recovery, disconnect. Its time is the server's own share of any
 * monitor (a backend is forked and authenticates the connection), a floor
 * next to the empty program's.
 *
 *   pg-ask SOCKET_DIR PORT USER     exit 0 on an answer, else 1
 *
 * Compiled by pgsqlms.bench itself (cc -O2 ... -lpq), like ipmi-ping.
 */
#include <stdio.h>
#include <string.h>
#include <libpq-fe.h>

int
main(int argc, char **argv)
{
    const char *keys[] = { "host", "port", "user", "dbname", NULL };
    const char *values[] = { NULL, NULL, NULL, "postgres", NULL };
    PGconn *conn = NULL;
    PGresult *res = NULL;
    int ok;

    if (argc != 4) {
        fprintf(stderr, "usage: pg-ask SOCKET_DIR PORT USER\n");
        return 2;
    }
    values[0] = argv[1];
    values[1] = argv[2];
    values[2] = argv[3];
    conn = PQconnectdbParams(keys, values, 0);
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "%s", PQerrorMessage(conn));
        PQfinish(conn);
        return 1;
    }
    res = PQexec(conn, "SELECT pg_is_in_recovery()");
    ok = (PQresultStatus(res) == PGRES_TUPLES_OK) && (PQntuples(res) == 1);
    PQclear(res);
    PQfinish(conn);
    return ok ? 0 : 1;
}
