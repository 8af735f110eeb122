/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Running network health checks within a deadline: TCP connect and a
 * plain HTTP/1.0 GET, with non-blocking sockets and poll().
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "baton/netcheck.h"
#include "baton/clock.h"
#include "baton/rc.h"

#define HTTP_RESPONSE_MAX (64 * 1024)

static int
remaining_ms(long long deadline)
{
    long long left = deadline - ((long long) baton_clock_now_ms());

    return (left > 0) ? (int) left : 0;
}

/* Wait for events on fd until the deadline; 0, BATON_RC_TIMEOUT or errno */
static int
wait_fd(int fd, short events, long long deadline)
{
    struct pollfd pfd = { .fd = fd, .events = events };
    int n = 0;

    do {
        n = poll(&pfd, 1, remaining_ms(deadline));
    } while ((n < 0) && (errno == EINTR));
    if (n < 0) {
        return errno;
    }
    return (n == 0) ? BATON_RC_TIMEOUT : BATON_RC_OK;
}

static int
connect_one(const struct addrinfo *ai, long long deadline, int *fd_out)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK
                    | SOCK_CLOEXEC, ai->ai_protocol);
    int err = 0;
    socklen_t len = sizeof(err);
    int rc = BATON_RC_OK;

    if (fd < 0) {
        return errno;
    }
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        if (errno != EINPROGRESS) {
            rc = errno;
            goto err_close_fd;
        }
        rc = wait_fd(fd, POLLOUT, deadline);
        if (rc != BATON_RC_OK) {
            goto err_close_fd;
        }
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
            err = errno;
        }
        if (err != 0) {
            rc = err;
            goto err_close_fd;
        }
    }
    *fd_out = fd;
    return BATON_RC_OK;

err_close_fd:
    close(fd);
    return rc;
}

/* Connect to the first address that answers; \p fd_out is non-blocking */
static int
connect_deadline(const struct baton_hostport *hp, long long deadline,
                 int *fd_out)
{
    struct addrinfo hints = {
        .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV,
    };
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(hp->host, hp->port, &hints, &res);
    int rc = BATON_RC_RESOLVE;

    if (gai != 0) {
        return baton_rc_from_gai(gai, errno);
    }
    for (const struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
        rc = connect_one(ai, deadline, fd_out);
        if ((rc == BATON_RC_OK) || (rc == BATON_RC_TIMEOUT)) {
            break;
        }
    }
    freeaddrinfo(res);
    return rc;
}

static const char *
probe_err_str(int rc)
{
    return (rc == BATON_RC_TIMEOUT) ? "no answer (timeout)"
           : (rc > 0) ? strerror(rc) : baton_rc_str(rc);
}

int
baton_tcp_probe(const struct baton_hostport *hp, unsigned timeout_ms,
                baton_reason_t *why)
{
    int fd = -1;
    int rc = connect_deadline(hp, ((long long) baton_clock_now_ms()) + timeout_ms, &fd);

    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "TCP check %s:%s failed: %s", hp->host,
                         hp->port, probe_err_str(rc));
        return rc;
    }
    close(fd);
    return BATON_RC_OK;
}

static int
send_all(int fd, const char *buf, size_t len, long long deadline)
{
    while (len > 0) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

        if (n > 0) {
            buf += n;
            len -= (size_t) n;
        } else if ((n < 0) && ((errno == EAGAIN) || (errno == EINTR))) {
            int rc = wait_fd(fd, POLLOUT, deadline);

            if (rc != BATON_RC_OK) {
                return rc;
            }
        } else {
            return errno;
        }
    }
    return BATON_RC_OK;
}

/* Read until EOF, the bound or the deadline; buf gets NUL-terminated */
static int
recv_all(int fd, char *buf, size_t size, size_t *len, long long deadline)
{
    *len = 0;
    while (*len < size - 1) {
        ssize_t n = recv(fd, buf + *len, size - 1 - *len, 0);

        if (n > 0) {
            *len += (size_t) n;
        } else if (n == 0) {
            break;
        } else if ((errno == EAGAIN) || (errno == EINTR)) {
            int rc = wait_fd(fd, POLLIN, deadline);

            if (rc != BATON_RC_OK) {
                buf[*len] = '\0';
                return rc;
            }
        } else {
            return errno;
        }
    }
    buf[*len] = '\0';
    return BATON_RC_OK;
}

static int
http_exchange(const struct baton_http_url *u, unsigned timeout_ms,
              char *resp, size_t size)
{
    long long deadline = ((long long) baton_clock_now_ms()) + timeout_ms;
    char req[BATON_URL_PATH_MAX + BATON_HOST_MAX + 128];
    size_t len = 0;
    int fd = -1;
    int rc = connect_deadline(&u->hp, deadline, &fd);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    snprintf(req, sizeof(req), "GET %s HTTP/1.0\r\nHost: %s\r\n"
             "User-Agent: baton-check\r\nConnection: close\r\n\r\n",
             u->path, u->hp.host);
    rc = send_all(fd, req, strlen(req), deadline);
    if (rc == BATON_RC_OK) {
        rc = recv_all(fd, resp, size, &len, deadline);
    }
    close(fd);
    return rc;
}

static int
http_judge(const char *resp, const char *target, const char *status_spec,
           const char *body_match, int *status, baton_reason_t *why)
{
    int code = 0;
    const char *body = strstr(resp, "\r\n\r\n");
    bool match = false;

    if ((sscanf(resp, "HTTP/%*d.%*d %d", &code) != 1) || (code < 100)) {
        baton_reason_set(why, "HTTP check %s: the answer is not HTTP",
                         target);
        return BATON_RC_PROTOCOL;
    }
    *status = code;
    if ((baton_http_status_match(status_spec, code, &match) != BATON_RC_OK)
        || !match) {
        baton_reason_set(why, "HTTP check %s: status %d, expected %s",
                         target, code, baton_s(status_spec, "?"));
        return BATON_RC_FAILED;
    }
    if ((body_match != NULL) && (body_match[0] != '\0')
        && ((body == NULL) || (strstr(body + 4, body_match) == NULL))) {
        baton_reason_set(why, "HTTP check %s: status %d but the body lacks "
                         "'%s'", target, code, body_match);
        return BATON_RC_FAILED;
    }
    return BATON_RC_OK;
}

int
baton_http_probe(const struct baton_http_url *u, const char *status_spec,
                 const char *body_match, unsigned timeout_ms, int *status,
                 baton_reason_t *why)
{
    char target[BATON_HOST_MAX + BATON_PORT_MAX + BATON_URL_PATH_MAX + 16];
    char *resp = calloc(HTTP_RESPONSE_MAX, 1);
    int code = 0;
    int rc = BATON_RC_OK;

    baton_assert_alloc(resp);
    snprintf(target, sizeof(target), "http://%s:%s%s", u->hp.host,
             u->hp.port, u->path);
    rc = http_exchange(u, timeout_ms, resp, HTTP_RESPONSE_MAX);
    if ((rc != BATON_RC_OK) && !((rc == BATON_RC_TIMEOUT) && resp[0])) {
        baton_reason_set(why, "HTTP check %s failed: %s", target,
                         probe_err_str(rc));
    } else {
        rc = http_judge(resp, target, status_spec, body_match, &code, why);
    }
    if (status != NULL) {
        *status = code;
    }
    free(resp);
    return rc;
}
