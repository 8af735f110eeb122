/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/process/check.c and lib/process/netcheck.c: health-check specs and
 * TCP / HTTP probes against a listener on the loopback.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "baton/check.h"
#include "baton/netcheck.h"
#include "baton/params.h"
#include "baton/rc.h"

static void
hostport_parses_forms(void **state)
{
    struct baton_hostport hp;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_hostport_parse("10.0.0.1:8080", &hp, &why), 0);
    assert_string_equal(hp.host, "10.0.0.1");
    assert_string_equal(hp.port, "8080");
    assert_int_equal(baton_hostport_parse("[2001:db8::1]:443", &hp, &why), 0);
    assert_string_equal(hp.host, "2001:db8::1");
    assert_string_equal(hp.port, "443");
    assert_int_equal(baton_hostport_parse("db.example:5432", &hp, &why), 0);
    assert_string_equal(hp.host, "db.example");
    assert_int_equal(baton_hostport_parse(":22", &hp, &why), 0);
    assert_string_equal(hp.host, "127.0.0.1");
    assert_string_equal(hp.port, "22");
    assert_int_equal(baton_hostport_parse("8080", &hp, &why), 0);
    assert_string_equal(hp.host, "127.0.0.1");
    assert_string_equal(hp.port, "8080");
}

static void
hostport_refuses_malformed(void **state)
{
    const char *bad[] = { "", "host", "host:", "host:0", "host:65536",
                          "host:80x", "2001:db8::1:80", "[2001:db8::1",
                          "a b:80", "99999", NULL };
    struct baton_hostport hp;

    for (int i = 0; bad[i] != NULL; i++) {
        baton_reason_t why = BATON_REASON_INIT;

        assert_int_equal(baton_hostport_parse(bad[i], &hp, &why),
                         BATON_RC_CONFIG);
        assert_non_null(strstr(why.text, "host:port"));
    }
}

static void
url_parses_host_port_and_path(void **state)
{
    struct baton_http_url u;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_http_url_parse("http://10.0.0.1:8080/health?x=1",
                                          &u, &why), BATON_RC_OK);
    assert_string_equal(u.hp.host, "10.0.0.1");
    assert_string_equal(u.hp.port, "8080");
    assert_string_equal(u.path, "/health?x=1");
    assert_int_equal(baton_http_url_parse("http://example", &u, &why), 0);
    assert_string_equal(u.hp.port, "80");
    assert_string_equal(u.path, "/");
    assert_int_equal(baton_http_url_parse("HTTP://[2001:db8::5]/", &u, &why),
                     0);
    assert_string_equal(u.hp.host, "2001:db8::5");
}

static void
url_refuses_https_and_garbage(void **state)
{
    const char *bad[] = { "https://a/", "ftp://a/", "http://", "http:///x",
                          "http://a:99999/", "http://u@a/", "10.0.0.1:80",
                          "http://a b/", NULL };
    struct baton_http_url u;

    for (int i = 0; bad[i] != NULL; i++) {
        baton_reason_t why = BATON_REASON_INIT;

        assert_int_equal(baton_http_url_parse(bad[i], &u, &why),
                         BATON_RC_CONFIG);
        assert_true(baton_reason_is_set(&why));
    }
}

static void
status_spec_matches_codes_ranges_and_classes(void **state)
{
    bool m = false;

    assert_int_equal(baton_http_status_match("200", 200, &m), 0);
    assert_true(m);
    assert_int_equal(baton_http_status_match("200", 204, &m), 0);
    assert_false(m);
    assert_int_equal(baton_http_status_match("200, 204", 204, &m), 0);
    assert_true(m);
    assert_int_equal(baton_http_status_match("2xx", 299, &m), 0);
    assert_true(m);
    assert_int_equal(baton_http_status_match("200-399", 302, &m), 0);
    assert_true(m);
    assert_int_equal(baton_http_status_match("200-399", 404, &m), 0);
    assert_false(m);
}

static void
status_spec_refuses_malformed(void **state)
{
    const char *bad[] = { "", "abc", "20", "700", "300-200", "2x", "200,",
                          "200 204", NULL };
    bool m = true;
    baton_reason_t why = BATON_REASON_INIT;

    for (int i = 0; bad[i] != NULL; i++) {
        assert_int_equal(baton_http_status_match(bad[i], 200, &m),
                         BATON_RC_CONFIG);
        assert_false(m);
    }
    assert_int_equal(baton_http_status_param_parse("2xx", NULL, &why),
                     BATON_RC_OK);
    assert_int_equal(baton_http_status_param_parse("x", NULL, &why),
                     BATON_RC_CONFIG);
    assert_string_equal(why.text, "'x' is not a status list (e.g. 200 or "
                        "200,204 or 2xx or 200-399)");
}

static void
duration_parses_units(void **state)
{
    unsigned long ms = 0;

    assert_int_equal(baton_duration_parse_ms("5", &ms), 0);
    assert_int_equal(ms, 5000);
    assert_int_equal(baton_duration_parse_ms("5s", &ms), 0);
    assert_int_equal(ms, 5000);
    assert_int_equal(baton_duration_parse_ms("250ms", &ms), 0);
    assert_int_equal(ms, 250);
    assert_int_equal(baton_duration_parse_ms("2min", &ms), 0);
    assert_int_equal(ms, 120000);
    assert_int_equal(baton_duration_parse_ms("-1", &ms), BATON_RC_CONFIG);
    assert_int_equal(baton_duration_parse_ms("5h", &ms), BATON_RC_CONFIG);
    assert_int_equal(baton_duration_parse_ms("", &ms), BATON_RC_CONFIG);
    assert_int_equal(baton_duration_parse_ms("99999999", &ms),
                     BATON_RC_CONFIG);
}

static void
tcp_list_check_validates_each_entry(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    struct baton_hostports list;

    assert_int_equal(baton_hostports_param_parse("10.0.0.1:80 [::1]:22",
                                                 &list, &why), 0);
    assert_int_equal(list.n, 2);
    assert_string_equal(list.hp[0].host, "10.0.0.1");
    assert_string_equal(list.hp[0].port, "80");
    assert_string_equal(list.hp[1].host, "::1");
    assert_string_equal(list.hp[1].port, "22");
    assert_int_equal(baton_hostports_param_parse("10.0.0.1:80 nope", NULL,
                                                 &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "'nope'"));
}

static void
tcp_list_holds_at_most_sixteen_targets(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    struct baton_hostports list;
    char text[256] = "";

    for (int i = 0; i < BATON_HOSTPORTS_MAX; i++) {
        snprintf(text + strlen(text), sizeof(text) - strlen(text), "%d,",
                 8000 + i);
    }
    assert_int_equal(baton_hostports_param_parse(text, &list, &why),
                     BATON_RC_OK);
    assert_int_equal(list.n, BATON_HOSTPORTS_MAX);
    strcat(text, "9000");
    assert_int_equal(baton_hostports_param_parse(text, &list, &why),
                     BATON_RC_CONFIG);
    assert_string_equal(why.text, "more than 16 targets");
}

static void
http_url_param_parse_fills_the_url(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    struct baton_http_url u;

    assert_int_equal(baton_http_url_param_parse("http://h:81/x?y", &u, &why),
                     BATON_RC_OK);
    assert_string_equal(u.hp.host, "h");
    assert_string_equal(u.hp.port, "81");
    assert_string_equal(u.path, "/x?y");
    assert_int_equal(baton_http_url_param_parse("https://h/", NULL, &why),
                     BATON_RC_CONFIG);
    assert_string_equal(why.text, "'https://h/': https is not supported "
                        "(plain HTTP only)");
}

/* A loopback listener on an ephemeral port */
static int
listener(struct baton_hostport *hp)
{
    struct sockaddr_in sin = { .sin_family = AF_INET };
    socklen_t len = sizeof(sin);
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *) &sin, sizeof(sin)), 0);
    assert_int_equal(listen(fd, 8), 0);
    getsockname(fd, (struct sockaddr *) &sin, &len);
    snprintf(hp->host, sizeof(hp->host), "127.0.0.1");
    snprintf(hp->port, sizeof(hp->port), "%u", ntohs(sin.sin_port));
    return fd;
}

/* Fork a server answering one request with \p answer (NULL: never) */
static pid_t
serve_once(int fd, const char *answer)
{
    pid_t pid = fork();

    if (pid == 0) {
        char buf[1024];
        int c = accept(fd, NULL, NULL);

        if (answer == NULL) {
            pause();
        }
        if (read(c, buf, sizeof(buf)) > 0) {
            ssize_t n = write(c, answer, strlen(answer));

            (void) n;
        }
        close(c);
        _exit(0);
    }
    return pid;
}

static void
finish_server(pid_t pid, int fd)
{
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    close(fd);
}

static void
tcp_probe_succeeds_on_listener_and_fails_when_closed(void **state)
{
    struct baton_hostport hp;
    baton_reason_t why = BATON_REASON_INIT;
    int fd = listener(&hp);

    assert_int_equal(baton_tcp_probe(&hp, 1000, &why), BATON_RC_OK);
    close(fd);
    assert_int_equal(baton_tcp_probe(&hp, 1000, &why), ECONNREFUSED);
    assert_non_null(strstr(why.text, "TCP check 127.0.0.1:"));
    assert_non_null(strstr(why.text, "refused"));
}

static void
http_probe_accepts_expected_status_and_body(void **state)
{
    struct baton_http_url u = { .path = "/health" };
    baton_reason_t why = BATON_REASON_INIT;
    int fd = listener(&u.hp);
    pid_t pid = serve_once(fd, "HTTP/1.0 200 OK\r\nX: y\r\n\r\nall good\n");
    int status = 0;

    assert_int_equal(baton_http_probe(&u, "200", "good", 2000, &status,
                                      &why), BATON_RC_OK);
    assert_int_equal(status, 200);
    finish_server(pid, fd);
}

static void
http_probe_fails_on_wrong_status_naming_it(void **state)
{
    struct baton_http_url u = { .path = "/" };
    baton_reason_t why = BATON_REASON_INIT;
    int fd = listener(&u.hp);
    pid_t pid = serve_once(fd, "HTTP/1.1 503 Busy\r\n\r\n");
    int status = 0;

    assert_int_equal(baton_http_probe(&u, "2xx", NULL, 2000, &status, &why),
                     BATON_RC_FAILED);
    assert_int_equal(status, 503);
    assert_non_null(strstr(why.text, "status 503, expected 2xx"));
    finish_server(pid, fd);
}

static void
http_probe_fails_when_body_lacks_text(void **state)
{
    struct baton_http_url u = { .path = "/" };
    baton_reason_t why = BATON_REASON_INIT;
    int fd = listener(&u.hp);
    pid_t pid = serve_once(fd, "HTTP/1.0 200 OK\r\n\r\ndegraded\n");

    assert_int_equal(baton_http_probe(&u, "200", "ok", 2000, NULL, &why),
                     BATON_RC_FAILED);
    assert_non_null(strstr(why.text, "body lacks 'ok'"));
    finish_server(pid, fd);
}

static void
http_probe_times_out_on_a_hung_server(void **state)
{
    struct baton_http_url u = { .path = "/" };
    baton_reason_t why = BATON_REASON_INIT;
    int fd = listener(&u.hp);
    pid_t pid = serve_once(fd, NULL);

    assert_int_equal(baton_http_probe(&u, "200", NULL, 300, NULL, &why),
                     BATON_RC_TIMEOUT);
    assert_non_null(strstr(why.text, "timeout"));
    finish_server(pid, fd);
}

static void
http_probe_refuses_non_http_answer(void **state)
{
    struct baton_http_url u = { .path = "/" };
    baton_reason_t why = BATON_REASON_INIT;
    int fd = listener(&u.hp);
    pid_t pid = serve_once(fd, "SSH-2.0-OpenSSH\r\n");

    assert_int_equal(baton_http_probe(&u, "200", NULL, 2000, NULL, &why),
                     BATON_RC_PROTOCOL);
    assert_non_null(strstr(why.text, "not HTTP"));
    finish_server(pid, fd);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hostport_parses_forms),
        cmocka_unit_test(hostport_refuses_malformed),
        cmocka_unit_test(url_parses_host_port_and_path),
        cmocka_unit_test(url_refuses_https_and_garbage),
        cmocka_unit_test(status_spec_matches_codes_ranges_and_classes),
        cmocka_unit_test(status_spec_refuses_malformed),
        cmocka_unit_test(duration_parses_units),
        cmocka_unit_test(tcp_list_check_validates_each_entry),
        cmocka_unit_test(tcp_list_holds_at_most_sixteen_targets),
        cmocka_unit_test(http_url_param_parse_fills_the_url),
        cmocka_unit_test(tcp_probe_succeeds_on_listener_and_fails_when_closed),
        cmocka_unit_test(http_probe_accepts_expected_status_and_body),
        cmocka_unit_test(http_probe_fails_on_wrong_status_naming_it),
        cmocka_unit_test(http_probe_fails_when_body_lacks_text),
        cmocka_unit_test(http_probe_times_out_on_a_hung_server),
        cmocka_unit_test(http_probe_refuses_non_http_answer),
    };

    signal(SIGPIPE, SIG_IGN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
