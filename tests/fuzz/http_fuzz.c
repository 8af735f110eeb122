/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: the answer of a checked HTTP service, as
 * baton_http_probe() (lib/process/netcheck.c) reads and judges it (status
 * line, status list, body match). The socket is real, but linked with
 * -Wl,--wrap=connect,send,recv,poll: connecting and sending succeed at
 * once and each recv() hands out the next chunk of the input.
 *
 * Input: one flags byte (1: a body to look for, 2: the service stops
 * answering instead of closing, so the probe times out on what it has),
 * then chunks, each a 16-bit little-endian length and its bytes.
 */
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>

#include "baton/netcheck.h"
#include "fuzz.h"

int __wrap_connect(int fd, const struct sockaddr *sa, socklen_t len);
ssize_t __wrap_send(int fd, const void *buf, size_t len, int flags);
ssize_t __wrap_recv(int fd, void *buf, size_t len, int flags);
int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout);

#define FUZZ_HTTP_BODY    1
#define FUZZ_HTTP_STALLS  2

static struct {
    const uint8_t *p;
    size_t left;
    bool stalls;
} feed;

int
__wrap_connect(int fd, const struct sockaddr *sa, socklen_t len)
{
    return 0;
}

ssize_t
__wrap_send(int fd, const void *buf, size_t len, int flags)
{
    return (ssize_t) len;
}

ssize_t
__wrap_recv(int fd, void *buf, size_t len, int flags)
{
    size_t n = 0;

    if (feed.left < 2) {
        if (feed.stalls) {
            errno = EAGAIN;
            return -1;
        }
        return 0;                        /* the service closed */
    }
    n = (size_t) feed.p[0] | ((size_t) feed.p[1] << 8);
    feed.p += 2;
    feed.left -= 2;
    n = (n > feed.left) ? feed.left : n;
    n = (n > len) ? len : n;
    memcpy(buf, feed.p, n);
    feed.p += n;
    feed.left -= n;
    if (n == 0) {                        /* an empty chunk: would block */
        errno = EAGAIN;
        return -1;
    }
    return (ssize_t) n;
}

int
__wrap_poll(struct pollfd *fds, nfds_t n, int timeout)
{
    if ((feed.left < 2) && feed.stalls) {
        return 0;                        /* the deadline passes */
    }
    for (nfds_t i = 0; i < n; i++) {
        fds[i].revents = fds[i].events;
    }
    return (int) n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct baton_http_url u;
    baton_reason_t why = BATON_REASON_INIT;
    int status = -1;
    int rc;

    if (size < 1) {
        return 0;
    }
    feed.p = data + 1;
    feed.left = size - 1;
    feed.stalls = (data[0] & FUZZ_HTTP_STALLS) != 0;
    fuzz_check(baton_http_url_parse("http://127.0.0.1:8080/health", &u,
                                    NULL) == BATON_RC_OK);
    rc = baton_http_probe(&u, "200-299,301",
                          ((data[0] & FUZZ_HTTP_BODY) != 0) ? "ok" : NULL,
                          1000, &status, &why);
    if (rc == BATON_RC_OK) {
        fuzz_check(((status >= 200) && (status <= 299)) || (status == 301));
    } else {
        fuzz_check(baton_reason_is_set(&why));
        fuzz_check((rc == BATON_RC_FAILED) || (rc == BATON_RC_PROTOCOL)
                   || (rc == BATON_RC_TIMEOUT));
    }
    return 0;
}
