/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:mariadb: the client library (libmariadb) in-process. Every
 * connection gets connect, read and write timeouts from the action's
 * remaining time, so that a server that hangs cannot hold the agent past
 * its deadline; no client program runs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "baton/log.h"
#include "baton/rc.h"
#include "mariadb.h"

struct maria_conn_s {
    MYSQL *mysql;
};

struct maria_rows_s {
    size_t nrows;
    size_t ncols;
    char **names;                 /* ncols */
    char **values;                /* nrows * ncols, NULL for SQL NULL */
};

/* What a failed connection means for the caller */
static int
classify(unsigned err)
{
    switch (err) {
        case CR_CONNECTION_ERROR:   /* no socket: nothing listens */
        case CR_CONN_HOST_ERROR:
            return ECONNREFUSED;
        case ER_SERVER_SHUTDOWN:
        case ER_NORMAL_SHUTDOWN:
        case ER_SHUTDOWN_COMPLETE:
        case ER_CON_COUNT_ERROR:
            return EAGAIN;
        case ER_ACCESS_DENIED_ERROR:
        case ER_ACCESS_DENIED_NO_PASSWORD_ERROR:
        case ER_DBACCESS_DENIED_ERROR:
            return BATON_RC_AUTH;
        case CR_SERVER_LOST:
        case CR_SERVER_GONE_ERROR:
            return BATON_RC_TIMEOUT;
        default:
            return BATON_RC_FAILED;
    }
}

/*! Another node's server: a dead node does not answer at all, so its
 *  share of the action's time is bounded (connect, then each read) */
#define MARIA_REMOTE_CONNECT_S  5U
#define MARIA_REMOTE_READ_S     10U

/* Whole seconds left, at least one, at most \p max (0: no bound):
 * libmariadb's timeouts are seconds */
static unsigned
secs_left(const struct maria_ctx *ctx, unsigned max)
{
    unsigned s = (maria_ms_left(ctx) + 999) / 1000;

    if ((max > 0) && (s > max)) {
        s = max;
    }
    return (s == 0) ? 1 : s;
}

static int
connect_with(struct maria_ctx *ctx, const char *host, unsigned port,
             const char *socket, const char *user, const char *passwd,
             maria_conn_t **out)
{
    bool remote = (socket == NULL);
    unsigned t = secs_left(ctx, remote ? MARIA_REMOTE_CONNECT_S : 0);
    unsigned rt = secs_left(ctx, remote ? MARIA_REMOTE_READ_S : 0);
    my_bool enforce = ctx->conf.require_ssl;
    maria_conn_t *c = calloc(1, sizeof(*c));
    int rc = BATON_RC_OK;

    baton_assert_alloc(c);
    c->mysql = mysql_init(NULL);
    baton_assert_alloc(c->mysql);
    mysql_options(c->mysql, MYSQL_OPT_CONNECT_TIMEOUT, &t);
    mysql_options(c->mysql, MYSQL_OPT_READ_TIMEOUT, &rt);
    mysql_options(c->mysql, MYSQL_OPT_WRITE_TIMEOUT, &rt);
    if (enforce && (user == ctx->conf.repl_user)) {
        mysql_options(c->mysql, MYSQL_OPT_SSL_ENFORCE, &enforce);
    }
    if (mysql_real_connect(c->mysql, host, user, passwd, NULL, port, socket,
                           0) == NULL) {
        rc = classify(mysql_errno(c->mysql));
        baton_debug("Connection to %s failed: %s", baton_s(socket, host),
                    mysql_error(c->mysql));
    }
    *out = c;
    return rc;
}

int
maria_connect(struct maria_ctx *ctx, enum maria_login login,
              maria_conn_t **out)
{
    bool test = (login == MARIA_LOGIN_TEST);

    return connect_with(ctx, "localhost", 0, ctx->conf.socket,
                        test ? ctx->conf.test_user : ctx->conf.repl_user,
                        test ? ctx->conf.test_passwd : ctx->conf.repl_passwd,
                        out);
}

int
maria_connect_host(struct maria_ctx *ctx, const char *host,
                   maria_conn_t **out)
{
    return connect_with(ctx, host, ctx->conf.repl_port, NULL,
                        ctx->conf.repl_user, ctx->conf.repl_passwd, out);
}

void
maria_disconnect(maria_conn_t *c)
{
    if (c != NULL) {
        mysql_close(c->mysql);
        free(c);
    }
}

const char *
maria_conn_error(const maria_conn_t *c)
{
    return (c == NULL) ? "" : mysql_error(c->mysql);
}

unsigned
maria_conn_errno(const maria_conn_t *c)
{
    return (c == NULL) ? 0 : mysql_errno(c->mysql);
}

int
maria_exec(maria_conn_t *c, const char *sql)
{
    MYSQL_RES *res = NULL;

    if (mysql_query(c->mysql, sql) != 0) {
        baton_debug("Statement failed: %s", mysql_error(c->mysql));
        return classify(mysql_errno(c->mysql));
    }
    res = mysql_store_result(c->mysql);
    mysql_free_result(res);
    return BATON_RC_OK;
}

static void
copy_rows(MYSQL_RES *res, maria_rows_t *rows)
{
    MYSQL_FIELD *fields = mysql_fetch_fields(res);
    MYSQL_ROW row;

    rows->ncols = mysql_num_fields(res);
    rows->nrows = (size_t) mysql_num_rows(res);
    rows->names = calloc(rows->ncols + 1, sizeof(char *));
    rows->values = calloc(rows->nrows * rows->ncols + 1, sizeof(char *));
    baton_assert_alloc(rows->names);
    baton_assert_alloc(rows->values);
    for (size_t f = 0; f < rows->ncols; f++) {
        rows->names[f] = strdup(fields[f].name);
        baton_assert_alloc(rows->names[f]);
    }
    for (size_t r = 0; (row = mysql_fetch_row(res)) != NULL; r++) {
        for (size_t f = 0; (r < rows->nrows) && (f < rows->ncols); f++) {
            if (row[f] != NULL) {
                rows->values[r * rows->ncols + f] = strdup(row[f]);
                baton_assert_alloc(rows->values[r * rows->ncols + f]);
            }
        }
    }
}

int
maria_query(maria_conn_t *c, const char *sql, maria_rows_t **out)
{
    MYSQL_RES *res = NULL;
    maria_rows_t *rows = NULL;

    *out = NULL;
    if (mysql_query(c->mysql, sql) != 0) {
        baton_debug("Query failed: %s", mysql_error(c->mysql));
        return classify(mysql_errno(c->mysql));
    }
    res = mysql_store_result(c->mysql);
    if (res == NULL) {
        return (mysql_errno(c->mysql) != 0) ? classify(mysql_errno(c->mysql))
                                             : BATON_RC_PROTOCOL;
    }
    rows = calloc(1, sizeof(*rows));
    baton_assert_alloc(rows);
    copy_rows(res, rows);
    mysql_free_result(res);
    *out = rows;
    return BATON_RC_OK;
}

size_t
maria_rows_n(const maria_rows_t *rows)
{
    return (rows == NULL) ? 0 : rows->nrows;
}

const char *
maria_rows_at(const maria_rows_t *rows, size_t row, size_t col)
{
    if ((rows == NULL) || (row >= rows->nrows) || (col >= rows->ncols)) {
        return NULL;
    }
    return rows->values[row * rows->ncols + col];
}

const char *
maria_rows_get(const maria_rows_t *rows, size_t row, const char *column)
{
    for (size_t f = 0; (rows != NULL) && (f < rows->ncols); f++) {
        if (strcasecmp(rows->names[f], column) == 0) {
            return maria_rows_at(rows, row, f);
        }
    }
    return NULL;
}

void
maria_rows_free(maria_rows_t *rows)
{
    if (rows == NULL) {
        return;
    }
    for (size_t f = 0; f < rows->ncols; f++) {
        free(rows->names[f]);
    }
    for (size_t i = 0; i < rows->nrows * rows->ncols; i++) {
        free(rows->values[i]);
    }
    free(rows->names);
    free(rows->values);
    free(rows);
}

int
maria_query_value(maria_conn_t *c, const char *sql, char *buf, size_t size)
{
    maria_rows_t *rows = NULL;
    int rc = maria_query(c, sql, &rows);

    if ((rc == BATON_RC_OK) && (maria_rows_n(rows) < 1)) {
        rc = BATON_RC_PROTOCOL;
    }
    if (rc == BATON_RC_OK) {
        snprintf(buf, size, "%s", baton_s(maria_rows_at(rows, 0, 0), ""));
    }
    maria_rows_free(rows);
    return rc;
}

int
maria_quote(maria_conn_t *c, const char *text, char *buf, size_t size)
{
    size_t len = strlen(text);

    if (size < 2 * len + 3) {
        return ENAMETOOLONG;
    }
    buf[0] = '\'';
    len = mysql_real_escape_string(c->mysql, buf + 1, text, len);
    buf[len + 1] = '\'';
    buf[len + 2] = '\0';
    return BATON_RC_OK;
}
