/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * rtnetlink transport: open, send a request, read acks and dumps, and the
 * link/address/route operations built on it (no fork of ip(8)).
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "baton/clock.h"
#include "baton/netlink.h"
#include "baton/rc.h"

/* Big enough for a dump batch of the kernel (it uses up to 32 KiB) */
#define NL_RECV_SIZE 32768

/* The typed requests put the family header where NLMSG_DATA() finds it */
_Static_assert(offsetof(struct baton_nl_addr_msg, ifa) == NLMSG_LENGTH(0),
               "ifaddrmsg right after the netlink header");
_Static_assert(offsetof(struct baton_nl_link_msg, ifi) == NLMSG_LENGTH(0),
               "ifinfomsg right after the netlink header");
_Static_assert(offsetof(struct baton_nl_route_msg, rtm) == NLMSG_LENGTH(0),
               "rtmsg right after the netlink header");

struct baton_nl_s {
    int fd;
    uint32_t seq;
};

int
baton_nl_open(uint32_t groups, baton_nl_t **out)
{
    struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = groups };
    baton_nl_t *nl = NULL;
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    int one = 1;

    if (fd < 0) {
        return errno;
    }
    if (bind(fd, (struct sockaddr *) &sa, sizeof(sa)) < 0) {
        int rc = errno;

        close(fd);
        return rc;
    }
    /* Ask for extended acks: the kernel's reason text, and a capped ack */
    (void) setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
    nl = calloc(1, sizeof(*nl));
    baton_assert_alloc(nl);
    nl->fd = fd;
    nl->seq = (uint32_t) time(NULL);
    *out = nl;
    return BATON_RC_OK;
}

void
baton_nl_free(baton_nl_t *nl)
{
    if (nl == NULL) {
        return;
    }
    close(nl->fd);
    free(nl);
}

int
baton_nl_fd(const baton_nl_t *nl)
{
    return nl->fd;
}

static int
nl_send(baton_nl_t *nl, struct nlmsghdr *req)
{
    struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
    ssize_t n;

    req->nlmsg_seq = ++nl->seq;
    do {
        n = sendto(nl->fd, req, req->nlmsg_len, 0,
                   (struct sockaddr *) &kernel, sizeof(kernel));
    } while ((n < 0) && (errno == EINTR));
    if (n < 0) {
        return errno;
    }
    return (n == (ssize_t) req->nlmsg_len) ? BATON_RC_OK : EIO;
}

static ssize_t
nl_recv(int fd, void *buf, size_t len)
{
    ssize_t n;

    do {
        n = recv(fd, buf, len, 0);
    } while ((n < 0) && (errno == EINTR));
    return n;
}

/*
 * NLMSG_NEXT for a size_t length. When the last message's length is not a
 * multiple of 4, its alignment padding lies past the bytes received:
 * NLMSG_NEXT would wrap the length around and walk on into what an earlier
 * datagram left in the buffer, and past its end. End the walk instead.
 */
static struct nlmsghdr *
nl_next(struct nlmsghdr *h, size_t *left)
{
    size_t step = NLMSG_ALIGN(h->nlmsg_len);

    if (step >= *left) {
        *left = 0;
        return h;
    }
    *left -= step;
    return (struct nlmsghdr *) ((char *) h + step);
}

/* Handle one message of our answer. Returns 1 while more should follow. */
static int
handle_msg(const struct nlmsghdr *h, uint32_t seq, baton_nl_msg_fn fn,
           void *arg, int *rc)
{
    if (h->nlmsg_seq != seq) {
        return 1;                   /* a stale answer or a notification */
    }
    if (h->nlmsg_type == NLMSG_DONE) {
        return 0;
    }
    if (h->nlmsg_type == NLMSG_ERROR) {
        int err = baton_nl_error_parse(h);

        if (*rc == BATON_RC_OK) {
            *rc = err;
        }
        return 0;
    }
    if ((fn != NULL) && (*rc == BATON_RC_OK)) {
        *rc = fn(h, arg);
    }
    return ((h->nlmsg_flags & NLM_F_MULTI) != 0) ? 1 : 0;
}

/* Read answers to request number seq until its end (ack, error or done) */
static int
nl_read_answer(baton_nl_t *nl, uint32_t seq, baton_nl_msg_fn fn, void *arg)
{
    /* From the heap, so aligned for the struct nlmsghdr read from it */
    char *buf = calloc(1, NL_RECV_SIZE);
    int rc = BATON_RC_OK;
    int more = 1;

    baton_assert_alloc(buf);
    while (more) {
        ssize_t n = nl_recv(nl->fd, buf, NL_RECV_SIZE);
        size_t left = (n > 0) ? (size_t) n : 0;

        if (n < 0) {
            rc = errno;
            break;
        }
        for (struct nlmsghdr *h = (struct nlmsghdr *) buf;
             more && NLMSG_OK(h, left); h = nl_next(h, &left)) {
            more = handle_msg(h, seq, fn, arg, &rc);
        }
        if (n == 0) {
            rc = (rc == BATON_RC_OK) ? BATON_RC_PROTOCOL : rc;
            break;
        }
    }
    free(buf);
    return rc;
}

int
baton_nl_talk(baton_nl_t *nl, struct nlmsghdr *req)
{
    int rc;

    req->nlmsg_flags |= NLM_F_ACK;
    rc = nl_send(nl, req);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    return nl_read_answer(nl, req->nlmsg_seq, NULL, NULL);
}

int
baton_nl_dump(baton_nl_t *nl, struct nlmsghdr *req, baton_nl_msg_fn fn,
              void *arg)
{
    int rc = nl_send(nl, req);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    return nl_read_answer(nl, req->nlmsg_seq, fn, arg);
}

/* ---- links ---- */

static int
link_cb(const struct nlmsghdr *n, void *arg)
{
    if (n->nlmsg_type != RTM_NEWLINK) {
        return BATON_RC_OK;
    }
    return baton_nl_link_parse(n, arg);
}

int
baton_link_get(baton_nl_t *nl, const char *name, uint32_t ifindex,
               struct baton_link *out)
{
    struct baton_nl_link_msg msg;
    struct nlmsghdr *req = &msg.n;
    int rc = baton_nl_getlink_req(req, sizeof(msg), name, ifindex);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    memset(out, 0, sizeof(*out));
    rc = baton_nl_dump(nl, req, link_cb, out);
    if ((rc == BATON_RC_OK) && (out->ifindex == 0)) {
        rc = ENODEV;
    }
    return rc;
}

int
baton_link_set_up(baton_nl_t *nl, uint32_t ifindex)
{
    struct baton_nl_link_msg msg;
    struct nlmsghdr *req = &msg.n;
    int rc = baton_nl_linkup_req(req, sizeof(msg), ifindex);

    return (rc == BATON_RC_OK) ? baton_nl_talk(nl, req) : rc;
}

bool
baton_link_is_up(const struct baton_link *link)
{
    if ((link->flags & IFF_UP) == 0) {
        return false;
    }
    /* Dummy and loopback links report "unknown" yet carry traffic */
    return (link->operstate == BATON_OPER_UP)
           || ((link->operstate == BATON_OPER_UNKNOWN)
               && ((link->flags & IFF_RUNNING) != 0));
}

/* ---- addresses ---- */

struct addr_find {
    const struct baton_inaddr *want;
    uint32_t ifindex;
    struct baton_nl_addr *found;
    bool hit;
};

static int
addr_find_cb(const struct nlmsghdr *n, void *arg)
{
    struct addr_find *f = arg;
    struct baton_nl_addr a;

    if ((n->nlmsg_type != RTM_NEWADDR) || f->hit
        || (baton_nl_addr_parse(n, &a) != BATON_RC_OK)) {
        return BATON_RC_OK;
    }
    if (baton_inaddr_same(&a.addr, f->want)
        && ((f->ifindex == 0) || (a.ifindex == f->ifindex))) {
        f->hit = true;
        if (f->found != NULL) {
            *f->found = a;
        }
    }
    return BATON_RC_OK;
}

int
baton_ip_addr_find(baton_nl_t *nl, const struct baton_inaddr *addr,
                   uint32_t ifindex, struct baton_nl_addr *found)
{
    struct baton_nl_addr_msg msg;
    struct nlmsghdr *req = &msg.n;
    struct addr_find f = { .want = addr, .ifindex = ifindex, .found = found };
    int rc = baton_nl_dump_req(req, sizeof(msg), RTM_GETADDR, addr->family);

    if (rc == BATON_RC_OK) {
        rc = baton_nl_dump(nl, req, addr_find_cb, &f);
    }
    if ((rc == BATON_RC_OK) && !f.hit) {
        rc = ENOENT;
    }
    return rc;
}

static int
addr_change(baton_nl_t *nl, uint16_t type, const struct baton_nl_addr *a,
            uint32_t opts)
{
    struct baton_nl_addr_msg msg;
    struct nlmsghdr *req = &msg.n;
    int rc = baton_nl_addr_req(req, sizeof(msg), type, a, opts);

    return (rc == BATON_RC_OK) ? baton_nl_talk(nl, req) : rc;
}

int
baton_ip_addr_add(baton_nl_t *nl, const struct baton_nl_addr *a,
                  uint32_t opts)
{
    return addr_change(nl, RTM_NEWADDR, a, opts);
}

int
baton_ip_addr_del(baton_nl_t *nl, const struct baton_nl_addr *a)
{
    return addr_change(nl, RTM_DELADDR, a, 0);
}

/* The DAD state of an address: OK when usable, EAGAIN while tentative */
static int
dad_state(const struct baton_nl_addr *a)
{
    if ((a->flags & IFA_F_DADFAILED) != 0) {
        return EADDRINUSE;
    }
    return ((a->flags & IFA_F_TENTATIVE) != 0) ? EAGAIN : BATON_RC_OK;
}

struct dad_watch {
    const struct baton_inaddr *want;
    uint32_t ifindex;
    int state;                      /* EAGAIN until decided */
};

static int
dad_event(const struct nlmsghdr *n, struct dad_watch *w)
{
    struct baton_nl_addr a;

    if (((n->nlmsg_type != RTM_NEWADDR) && (n->nlmsg_type != RTM_DELADDR))
        || (baton_nl_addr_parse(n, &a) != BATON_RC_OK)
        || !baton_inaddr_same(&a.addr, w->want)
        || ((w->ifindex != 0) && (a.ifindex != w->ifindex))) {
        return EAGAIN;
    }
    return (n->nlmsg_type == RTM_DELADDR) ? ENOENT : dad_state(&a);
}

/* Read what the subscription has queued; decide when our address shows */
static int
dad_drain(baton_nl_t *mon, struct dad_watch *w, char *buf)
{
    ssize_t n = recv(mon->fd, buf, NL_RECV_SIZE, MSG_DONTWAIT);
    size_t left = (n > 0) ? (size_t) n : 0;

    if (n < 0) {
        /* ENOBUFS: events were lost; the caller re-reads the state */
        return ((errno == EAGAIN) || (errno == EINTR)) ? EAGAIN : errno;
    }
    for (struct nlmsghdr *h = (struct nlmsghdr *) buf; NLMSG_OK(h, left);
         h = nl_next(h, &left)) {
        int st = dad_event(h, w);

        if (st != EAGAIN) {
            w->state = st;
        }
    }
    return BATON_RC_OK;
}

static int
dad_current(baton_nl_t *nl, struct dad_watch *w)
{
    struct baton_nl_addr a;
    int rc = baton_ip_addr_find(nl, w->want, w->ifindex, &a);

    return (rc == BATON_RC_OK) ? dad_state(&a) : rc;
}

int
baton_ip_addr_wait_dad(baton_nl_t *nl, baton_nl_t *mon,
                       const struct baton_inaddr *addr, uint32_t ifindex,
                       uint64_t deadline_ms)
{
    struct dad_watch w = { .want = addr, .ifindex = ifindex };
    char *buf = NULL;
    int rc;

    w.state = dad_current(nl, &w);
    if (w.state != EAGAIN) {
        return w.state;
    }
    buf = calloc(1, NL_RECV_SIZE);
    baton_assert_alloc(buf);
    while (w.state == EAGAIN) {
        struct pollfd pfd = { .fd = mon->fd, .events = POLLIN };
        uint64_t now = baton_clock_now_ms();

        if (now >= deadline_ms) {
            w.state = BATON_RC_TIMEOUT;
            break;
        }
        rc = poll(&pfd, 1, (int) (deadline_ms - now));
        if ((rc < 0) && (errno != EINTR)) {
            w.state = errno;
        } else if (rc > 0) {
            rc = dad_drain(mon, &w, buf);
            if (rc == ENOBUFS) {
                w.state = dad_current(nl, &w);
            } else if ((rc != BATON_RC_OK) && (rc != EAGAIN)) {
                w.state = rc;
            }
        }
    }
    free(buf);
    return w.state;
}

/* ---- routes ---- */

struct route_walk {
    int (*fn)(const struct baton_route *r, void *arg);
    void *arg;
};

static int
route_cb(const struct nlmsghdr *n, void *arg)
{
    struct route_walk *w = arg;
    struct baton_route r;

    if ((n->nlmsg_type != RTM_NEWROUTE)
        || (baton_nl_route_parse(n, &r) != BATON_RC_OK)) {
        return BATON_RC_OK;
    }
    return w->fn(&r, w->arg);
}

int
baton_route_walk(baton_nl_t *nl, int family,
                 int (*fn)(const struct baton_route *r, void *arg), void *arg)
{
    struct baton_nl_route_msg msg;
    struct nlmsghdr *req = &msg.n;
    struct route_walk w = { .fn = fn, .arg = arg };
    int rc = baton_nl_dump_req(req, sizeof(msg), RTM_GETROUTE, family);

    return (rc == BATON_RC_OK) ? baton_nl_dump(nl, req, route_cb, &w) : rc;
}
