/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * pacemaker-attrd's IPC, the way pacemaker's own clients speak it: a libqb
 * connection to "attrd", then requests one at a time (Pacemaker's IPC
 * header, then the XML text with its NUL), each answered by an <ack> or,
 * for a query, by the reply's XML. One connection serves several requests:
 * setting it up (attrd maps shared memory for it) costs more than a request.
 * libqb's client calls are resolved when a connection is opened, so that
 * an agent that does not reach attrd does not load libqb.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/uio.h>
#include <qb/qbipcc.h>

#include "baton/clock.h"
#include "baton/dynlib.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "attrd_private.h"

#define ATTRD_CLUSTER_USER "hacluster"

_Static_assert(sizeof(struct attrd_ipc_header) == 40,
               "the IPC header must match pacemaker's layout");

static int
ms_left(uint64_t deadline)
{
    uint64_t now = baton_clock_now_ms();

    return (now >= deadline) ? 0 : (int) (deadline - now);
}

void
baton_attrd_frame(struct attrd_ipc_header *hdr, int32_t id, const char *xml)
{
    memset(hdr, 0, sizeof(*hdr));
    hdr->version = ATTRD_IPC_VERSION;
    hdr->flags = ATTRD_IPC_CLIENT_RESPONSE;
    hdr->size_uncompressed = (uint32_t) strlen(xml) + 1;
    hdr->qb.id = id;
    hdr->qb.size = (int32_t) (sizeof(*hdr) + hdr->size_uncompressed);
}

int
baton_attrd_reply_text(const void *buf, size_t len, int32_t id,
                       const char **text)
{
    const struct attrd_ipc_header *hdr = buf;
    const char *t = (const char *) buf + sizeof(*hdr);

    if ((len < sizeof(*hdr) + 5) || (hdr->version > ATTRD_IPC_VERSION)
        || ((hdr->flags & ATTRD_IPC_COMPRESSED) != 0)
        || (hdr->size_uncompressed == 0)
        || (hdr->size_uncompressed > len - sizeof(*hdr))
        || (t[hdr->size_uncompressed - 1] != '\0') || (hdr->qb.id != id)) {
        return BATON_RC_PROTOCOL;
    }
    *text = t;
    return BATON_RC_OK;
}

int
baton_attrd_check_reply(const void *buf, size_t len, int32_t id)
{
    const char *text = NULL;
    int rc = baton_attrd_reply_text(buf, len, id, &text);

    if ((rc == BATON_RC_OK) && (strncmp(text, "<ack", 4) != 0)) {
        rc = BATON_RC_PROTOCOL;
    }
    return rc;
}

/* The part of libqb's IPC client we use, resolved with dlsym() */
struct ipcc_api {
    qb_ipcc_connection_t *(*connect_async)(const char *name,
                                           size_t max_msg_size, int *fd);
    int32_t (*connect_continue)(qb_ipcc_connection_t *c);
    void (*disconnect)(qb_ipcc_connection_t *c);
    int32_t (*auth_get)(qb_ipcc_connection_t *c, pid_t *pid, uid_t *uid,
                        gid_t *gid);
    ssize_t (*sendv)(qb_ipcc_connection_t *c, const struct iovec *iov,
                     size_t iov_len);
    ssize_t (*recv)(qb_ipcc_connection_t *c, void *buf, size_t size,
                    int32_t ms_timeout);
};

static int
ipcc_resolve(struct ipcc_api *api)
{
    const struct baton_dynsym syms[] = {
        { "qb_ipcc_connect_async", (void **) &api->connect_async },
        { "qb_ipcc_connect_continue", (void **) &api->connect_continue },
        { "qb_ipcc_disconnect", (void **) &api->disconnect },
        { "qb_ipcc_auth_get", (void **) &api->auth_get },
        { "qb_ipcc_sendv", (void **) &api->sendv },
        { "qb_ipcc_recv", (void **) &api->recv },
    };

    return baton_dynlib_resolve(BATON_QB_SONAME, syms,
                                sizeof(syms) / sizeof(syms[0]));
}

/* Only root or the cluster user may serve attrd (pacemaker checks it too);
 * \p server_pid: the serving process */
static int
check_server(const struct ipcc_api *api, qb_ipcc_connection_t *c,
             pid_t *server_pid)
{
    pid_t pid = 0;
    uid_t uid = 0;
    gid_t gid = 0;
    struct passwd *pw = NULL;

    if (api->auth_get(c, &pid, &uid, &gid) != 0) {
        return EACCES;
    }
    *server_pid = pid;
    if (uid == 0) {
        return BATON_RC_OK;
    }
    pw = getpwnam(ATTRD_CLUSTER_USER);
    if ((pw != NULL) && (pw->pw_uid == uid)) {
        return BATON_RC_OK;
    }
    baton_warn("IPC server (pid %d) runs as uid %u, not root or "
               ATTRD_CLUSTER_USER, (int) pid, (unsigned) uid);
    return EACCES;
}

struct attrd_ipc {
    struct ipcc_api api;
    qb_ipcc_connection_t *qb;
    int32_t last_id;          /*!< of the last request sent */
    pid_t server_pid;         /*!< the attrd that accepted the connection */
};

/* Connect without blocking past the deadline (the handshake is polled) */
static int
connect_by(const struct ipcc_api *api, const char *name, uint64_t deadline,
           qb_ipcc_connection_t **out)
{
    int fd = -1;
    struct pollfd pfd;
    qb_ipcc_connection_t *c = api->connect_async(name, ATTRD_IPC_BUFFER, &fd);

    if (c == NULL) {
        return (errno != 0) ? errno : ECONNREFUSED;
    }
    pfd.fd = fd;
    pfd.events = POLLIN;
    if (poll(&pfd, 1, ms_left(deadline)) <= 0) {
        api->disconnect(c);
        return BATON_RC_TIMEOUT;
    }
    if (api->connect_continue(c) != 0) {
        return (errno != 0) ? errno : ECONNREFUSED;
    }
    *out = c;
    return BATON_RC_OK;
}

int
baton_attrd_ipc_open(const char *name, uint64_t deadline,
                     struct attrd_ipc **out)
{
    struct ipcc_api api;
    qb_ipcc_connection_t *qb = NULL;
    pid_t server_pid = 0;
    int rc = ipcc_resolve(&api);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    rc = connect_by(&api, name, deadline, &qb);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    rc = check_server(&api, qb, &server_pid);
    if (rc != BATON_RC_OK) {
        api.disconnect(qb);
        return rc;
    }
    *out = calloc(1, sizeof(**out));
    baton_assert_alloc(*out);
    (*out)->api = api;
    (*out)->qb = qb;
    (*out)->server_pid = server_pid;
    return BATON_RC_OK;
}

pid_t
baton_attrd_ipc_server(const struct attrd_ipc *c)
{
    return (c != NULL) ? c->server_pid : 0;
}

int
baton_attrd_ipc_call(struct attrd_ipc *c, const char *xml, uint64_t deadline,
                     char **reply)
{
    static char buf[ATTRD_IPC_BUFFER];
    struct attrd_ipc_header hdr;
    struct iovec iov[2];
    const char *text = NULL;
    int32_t id = ++c->last_id;
    ssize_t n;
    int rc;

    baton_attrd_frame(&hdr, id, xml);
    iov[0].iov_base = &hdr;
    iov[0].iov_len = sizeof(hdr);
    iov[1].iov_base = (void *) xml;
    iov[1].iov_len = hdr.size_uncompressed;
    do {
        n = c->api.sendv(c->qb, iov, 2);
    } while ((n == -EAGAIN) && (ms_left(deadline) > 0));
    if (n < 0) {
        return (n == -EAGAIN) ? BATON_RC_TIMEOUT : (int) -n;
    }
    do {
        n = c->api.recv(c->qb, buf, sizeof(buf), ms_left(deadline));
    } while ((n == -EAGAIN) && (ms_left(deadline) > 0));
    if ((n == -ETIMEDOUT) || (n == -EAGAIN)) {
        return BATON_RC_TIMEOUT;
    }
    if (n < 0) {
        return (int) -n;
    }
    if (reply == NULL) {
        return baton_attrd_check_reply(buf, (size_t) n, id);
    }
    rc = baton_attrd_reply_text(buf, (size_t) n, id, &text);
    if (rc == BATON_RC_OK) {
        *reply = strdup(text);
        baton_assert_alloc(*reply);
    }
    return rc;
}

void
baton_attrd_ipc_close(struct attrd_ipc *c)
{
    if (c != NULL) {
        c->api.disconnect(c->qb);
        free(c);
    }
}
