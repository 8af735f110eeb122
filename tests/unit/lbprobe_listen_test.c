/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for agents/lbprobe/lbprobe_serve.c: lbprobe_listen() returns
 * the project's rc, and a bind() or listen() failure is this node's
 * problem, never a configuration error (exit 6 would stop the resource on
 * every node). bind() is wrapped (-Wl,--wrap=bind) to fail on demand.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "baton/rc.h"
#include "lbprobe.h"

int __real_bind(int fd, const struct sockaddr *sa, socklen_t len);
int __wrap_bind(int fd, const struct sockaddr *sa, socklen_t len);

/* errno for the next bind() to fail with; 0: the real bind() */
static int bind_fails_with;

int
__wrap_bind(int fd, const struct sockaddr *sa, socklen_t len)
{
    if (bind_fails_with != 0) {
        errno = bind_fails_with;
        return -1;
    }
    return __real_bind(fd, sa, len);
}

static void
conf_on(struct lbprobe_conf *conf, const char *bind, unsigned port)
{
    memset(conf, 0, sizeof(*conf));
    conf->bind = bind;
    snprintf(conf->port, sizeof(conf->port), "%u", port);
}

static unsigned
port_of(int fd)
{
    struct sockaddr_in sin;
    socklen_t len = sizeof(sin);

    assert_int_equal(getsockname(fd, (struct sockaddr *) &sin, &len), 0);
    return ntohs(sin.sin_port);
}

static void
listen_gives_a_listening_socket(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    struct lbprobe_conf conf;
    int fd = -1;

    conf_on(&conf, "127.0.0.1", 0);
    assert_int_equal(lbprobe_listen(&conf, &fd, &why), BATON_RC_OK);
    assert_true(fd >= 0);
    assert_true(port_of(fd) > 0);
    assert_false(baton_reason_is_set(&why));
    close(fd);
}

static void
listen_on_a_busy_port_is_eaddrinuse(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    struct lbprobe_conf conf;
    int first = -1;
    int fd = 7;
    char want[64];

    conf_on(&conf, "127.0.0.1", 0);
    assert_int_equal(lbprobe_listen(&conf, &first, &why), BATON_RC_OK);
    conf_on(&conf, "127.0.0.1", port_of(first));
    assert_int_equal(lbprobe_listen(&conf, &fd, &why), EADDRINUSE);
    assert_int_equal(fd, -1);
    snprintf(want, sizeof(want), "Cannot listen on 127.0.0.1 port %u: ",
             port_of(first));
    assert_non_null(strstr(why.text, want));
    assert_int_equal(baton_rc2ocf(EADDRINUSE, BATON_RES_UNKNOWN),
                     BATON_OCF_ERR_GENERIC);
    close(first);
}

static void
listen_on_an_address_not_here_is_this_nodes_configuration(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    struct lbprobe_conf conf;
    int fd = 7;
    int rc;

    conf_on(&conf, "192.0.2.1", 0);     /* TEST-NET-1: on no node */
    rc = lbprobe_listen(&conf, &fd, &why);
    assert_int_equal(rc, BATON_RC_NODE_CONFIG);
    assert_int_equal(fd, -1);
    assert_non_null(strstr(why.text, "Cannot listen on 192.0.2.1 port 0"));
    assert_int_equal(baton_rc2ocf(rc, BATON_RES_UNKNOWN),
                     BATON_OCF_ERR_INSTALLED);
}

static void
bind_einval_is_not_a_configuration_error(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    struct lbprobe_conf conf;
    int fd = 7;
    int rc;

    conf_on(&conf, "127.0.0.1", 0);
    bind_fails_with = EINVAL;
    rc = lbprobe_listen(&conf, &fd, &why);
    bind_fails_with = 0;
    assert_int_equal(rc, EINVAL);
    assert_int_equal(fd, -1);
    assert_non_null(strstr(why.text, "Cannot listen on 127.0.0.1 port 0: "));
    assert_int_not_equal(baton_rc2ocf(rc, BATON_RES_UNKNOWN),
                         BATON_OCF_ERR_CONFIGURED);
    assert_int_equal(baton_rc2ocf(rc, BATON_RES_UNKNOWN),
                     BATON_OCF_ERR_GENERIC);
}

static void
bind_eacces_is_insufficient_privileges(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    struct lbprobe_conf conf;
    int fd = 7;
    int rc;

    conf_on(&conf, NULL, 0);
    bind_fails_with = EACCES;
    rc = lbprobe_listen(&conf, &fd, &why);
    bind_fails_with = 0;
    assert_int_equal(rc, EACCES);
    assert_int_equal(fd, -1);
    assert_non_null(strstr(why.text, "Cannot listen on :: port 0: "));
    assert_int_equal(baton_rc2ocf(rc, BATON_RES_UNKNOWN),
                     BATON_OCF_ERR_PERM);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(listen_gives_a_listening_socket),
        cmocka_unit_test(listen_on_a_busy_port_is_eaddrinuse),
        cmocka_unit_test(
            listen_on_an_address_not_here_is_this_nodes_configuration),
        cmocka_unit_test(bind_einval_is_not_a_configuration_error),
        cmocka_unit_test(bind_eacces_is_insufficient_privileges),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
