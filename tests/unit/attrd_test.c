/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of lib/cluster/attrd.c: the messages, attrd's reply to a query,
 * the IPC exchanges (one request, a session of several, a query) against a
 * small libqb server forked by the test, and the attrd_updater fallback.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <glob.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <qb/qbipcs.h>
#include <qb/qbloop.h>

#include "baton/attrd.h"
#include "baton/clock.h"
#include "baton/rc.h"
#include "attrd_private.h"

/* ---- the message --------------------------------------------------------- */

static void
xml_update_both_matches_attrd_updater(void **state)
{
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_UPDATE_BOTH, .name = "pingd", .value = "300",
        .dampen = "5s", .node = "node1",
    };
    char *xml = NULL;

    assert_int_equal(baton_attrd_xml(&req, "ping", &xml), BATON_RC_OK);
    assert_string_equal(xml, "<create_attrd_op t=\"attrd\" src=\"ping\" "
                        "attr_name=\"pingd\" task=\"update-both\" "
                        "attr_value=\"300\" attr_dampening=\"5s\" "
                        "attr_host=\"node1\" attr_is_remote=\"0\" "
                        "attr_is_private=\"0\"/>");
    free(xml);
}

static void
xml_update_has_no_dampening(void **state)
{
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_UPDATE, .name = "pingd", .value = "1",
        .dampen = "5s",
    };
    char *xml = NULL;

    assert_int_equal(baton_attrd_xml(&req, NULL, &xml), BATON_RC_OK);
    assert_non_null(strstr(xml, "task=\"update\" attr_value=\"1\""));
    assert_null(strstr(xml, "attr_dampening"));
    assert_null(strstr(xml, "attr_host"));
    free(xml);
}

static void
xml_delete_is_update_without_value(void **state)
{
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_DELETE, .name = "pingd", .value = "7",
        .dampen = "5s",
    };
    char *xml = NULL;

    assert_int_equal(baton_attrd_xml(&req, "x", &xml), BATON_RC_OK);
    assert_non_null(strstr(xml, "task=\"update\""));
    assert_null(strstr(xml, "attr_value"));
    assert_null(strstr(xml, "attr_dampening"));
    free(xml);
}

static void
xml_escapes_attribute_values(void **state)
{
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_UPDATE, .name = "a<b>&\"c'", .value = "x\ny",
    };
    char *xml = NULL;

    assert_int_equal(baton_attrd_xml(&req, "t", &xml), BATON_RC_OK);
    assert_non_null(strstr(xml, "attr_name=\"a&lt;b&gt;&amp;&quot;c&apos;\""));
    assert_non_null(strstr(xml, "attr_value=\"x&#10;y\""));
    free(xml);
}

static void
xml_refuses_control_characters_xml_cannot_carry(void **state)
{
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_UPDATE, .name = "n", .value = "a\x01b",
    };
    char *xml = NULL;

    (void) state;
    assert_int_equal(baton_attrd_xml(&req, "t", &xml), EINVAL);
    assert_null(xml);
    req.value = "tab\there";
    assert_int_equal(baton_attrd_xml(&req, "t", &xml), BATON_RC_OK);
    assert_non_null(strstr(xml, "attr_value=\"tab&#9;here\""));
    free(xml);
    req.node = "node\x1b";
    xml = NULL;
    assert_int_equal(baton_attrd_xml(&req, "t", &xml), EINVAL);
}

static void
xml_rejects_incomplete_requests(void **state)
{
    struct baton_attrd_req no_value = {
        .cmd = BATON_ATTRD_UPDATE, .name = "pingd",
    };
    struct baton_attrd_req no_delay = {
        .cmd = BATON_ATTRD_UPDATE_BOTH, .name = "pingd", .value = "1",
    };
    struct baton_attrd_req no_name = { .cmd = BATON_ATTRD_DELETE };
    char *xml = NULL;

    assert_int_equal(baton_attrd_xml(&no_value, "t", &xml), EINVAL);
    assert_int_equal(baton_attrd_xml(&no_delay, "t", &xml), EINVAL);
    assert_int_equal(baton_attrd_xml(&no_name, "t", &xml), EINVAL);
    assert_int_equal(baton_attrd_send(&no_name, NULL, NULL), EINVAL);
    assert_null(xml);
}

static void
xml_private_attribute_is_marked(void **state)
{
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_UPDATE, .name = "lsn", .value = "1#2",
        .is_private = true,
    };
    char *xml = NULL;

    assert_int_equal(baton_attrd_xml(&req, "t", &xml), BATON_RC_OK);
    assert_non_null(strstr(xml, "attr_is_private=\"1\""));
    free(xml);
}

static void
query_line_gives_the_value(void **state)
{
    char *v = NULL;

    assert_int_equal(baton_attrd_parse_query(
        "name=\"lsn-pg\" host=\"node1\" value=\"2#4711\"\n", "lsn-pg", &v),
        BATON_RC_OK);
    assert_string_equal(v, "2#4711");
    free(v);
    /* set elsewhere, not on this node */
    assert_int_equal(baton_attrd_parse_query(
        "name=\"lsn-pg\" host=\"node1\" value=\"\"", "lsn-pg", &v),
        BATON_RC_OK);
    assert_null(v);
}

static void
query_line_rejects_other_names_and_garbage(void **state)
{
    char *v = (char *) "x";

    assert_int_equal(baton_attrd_parse_query(
        "name=\"lsn-pgx\" host=\"n\" value=\"1\"", "lsn-pg", &v),
        BATON_RC_PROTOCOL);
    assert_null(v);
    assert_int_equal(baton_attrd_parse_query("", "lsn-pg", &v),
                     BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_query(
        "name=\"lsn-pg\" host=\"n\" value=\"1", "lsn-pg", &v),
        BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_query(
        "name=\"lsn-pg\" host=\"n\" value=\"1\" trailing", "lsn-pg", &v),
        BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_query(NULL, "lsn-pg", &v), EINVAL);
}

/* attrd_updater -Q --output-as=xml of Pacemaker 2.1.5 */
static const char xml_21[] =
    "<pacemaker-result api-version=\"2.25\" request=\"attrd_updater -Q "
    "--output-as=xml -n lsn-pg -N node1\">\n"
    "  <attribute name=\"lsn-pg\" value=\"2#4711\" host=\"node1\"/>\n"
    "  <status code=\"0\" message=\"OK\"/>\n"
    "</pacemaker-result>\n";
/* ... and of Pacemaker 3.0, with a value that needs escaping */
static const char xml_30[] =
    "<pacemaker-result api-version=\"2.38\" request=\"attrd_updater -Q "
    "--output-as=xml -n &lt;attribute name=lsn-pg\">\n"
    "  <attribute name=\"other\" value=\"x\" host=\"node1\"/>\n"
    "  <attribute name=\"lsn-pg\" value=\"a&quot;b&amp;c&#10;d\\e\" "
    "host=\"node1\"/>\n"
    "  <status code=\"0\" message=\"OK\"/>\n"
    "</pacemaker-result>\n";

static void
query_xml_reads_both_generations(void **state)
{
    char *v = NULL;

    assert_int_equal(baton_attrd_parse_query(xml_21, "lsn-pg", &v),
                     BATON_RC_OK);
    assert_string_equal(v, "2#4711");
    free(v);
    v = NULL;
    assert_int_equal(baton_attrd_parse_query(xml_30, "lsn-pg", &v),
                     BATON_RC_OK);
    assert_string_equal(v, "a\"b&c\nd\\e");
    free(v);
    v = NULL;
    /* set elsewhere, not on this node */
    assert_int_equal(baton_attrd_parse_query(
        "<pacemaker-result><attribute name=\"lsn-pg\" value=\"\" "
        "host=\"n\"/></pacemaker-result>", "lsn-pg", &v), BATON_RC_OK);
    assert_null(v);
}

static void
query_xml_rejects_other_names_and_garbage(void **state)
{
    char *v = (char *) "x";

    assert_int_equal(baton_attrd_parse_query(
        "<pacemaker-result><attribute name=\"lsn-pgx\" value=\"1\"/>"
        "</pacemaker-result>", "lsn-pg", &v), BATON_RC_PROTOCOL);
    assert_null(v);
    assert_int_equal(baton_attrd_parse_query(
        "<pacemaker-result><attribute name=\"lsn-pg\" value=\"&bogus;\"/>"
        "</pacemaker-result>", "lsn-pg", &v), BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_query(
        "<pacemaker-result><attribute name=\"lsn-pg\" value=\"1",
        "lsn-pg", &v), BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_query(
        "<pacemaker-result><status code=\"105\"/></pacemaker-result>",
        "lsn-pg", &v), BATON_RC_PROTOCOL);
}

/* ---- the query over the IPC ------------------------------------------------- */

static void
query_request_matches_pacemaker(void **state)
{
    char *xml = NULL;

    assert_int_equal(baton_attrd_query_xml("lsn-pg", "node1", "unit", &xml),
                     BATON_RC_OK);
    assert_string_equal(xml, "<create_attrd_op t=\"attrd\" src=\"unit\" "
                        "attr_name=\"lsn-pg\" task=\"query\" "
                        "attr_host=\"node1\"/>");
    free(xml);
    assert_int_equal(baton_attrd_query_xml("a\"b", "localhost", NULL, &xml),
                     BATON_RC_OK);
    assert_non_null(strstr(xml, "attr_name=\"a&quot;b\""));
    assert_non_null(strstr(xml, "attr_host=\"localhost\""));
    free(xml);
    assert_int_equal(baton_attrd_query_xml("", "n", NULL, &xml), EINVAL);
    assert_int_equal(baton_attrd_query_xml("x", "", NULL, &xml), EINVAL);
    /* every node: no attr_host */
    assert_int_equal(baton_attrd_query_xml("x", NULL, NULL, &xml),
                     BATON_RC_OK);
    assert_null(strstr(xml, "attr_host"));
    free(xml);
}

/* What pacemaker-attrd 2.1.5 and 3.0 answer (build_query_reply) */
static const char reply_set[] =
    "<build_query_reply t=\"attrd\" subt=\"query\" attr_protocol=\"5\" "
    "attr_name=\"lsn-pg\"><node attr_host=\"node1\" "
    "attr_value=\"2#4711\"/></build_query_reply>";

static void
query_reply_gives_the_node_value(void **state)
{
    char *v = NULL;

    assert_int_equal(baton_attrd_parse_reply(reply_set, "lsn-pg", "node1", &v),
                     BATON_RC_OK);
    assert_string_equal(v, "2#4711");
    free(v);
    v = NULL;
    /* "localhost": attrd answers with its own name */
    assert_int_equal(baton_attrd_parse_reply(reply_set, "lsn-pg", "localhost",
                                             &v), BATON_RC_OK);
    assert_string_equal(v, "2#4711");
    free(v);
    v = NULL;
    /* entities; attrd before 2.1.3 set no subtype; several nodes */
    assert_int_equal(baton_attrd_parse_reply(
        "<build_query_reply t=\"attrd\" attr_name=\"lsn-pg\">"
        "<node attr_host=\"node2\" attr_value=\"x\"/>"
        "<node attr_host=\"node1\" attr_value=\"a&quot;b&amp;c&#10;d\"/>"
        "</build_query_reply>", "lsn-pg", "node1", &v), BATON_RC_OK);
    assert_string_equal(v, "a\"b&c\nd");
    free(v);
}

static void
query_reply_reads_unset_as_no_value(void **state)
{
    char *v = (char *) "x";

    /* attrd knows no such attribute: no name in the reply */
    assert_int_equal(baton_attrd_parse_reply(
        "<build_query_reply t=\"attrd\" subt=\"query\" "
        "attr_protocol=\"5\"/>", "lsn-pg", "node1", &v), BATON_RC_OK);
    assert_null(v);
    /* known, no value on that node */
    v = (char *) "x";
    assert_int_equal(baton_attrd_parse_reply(
        "<build_query_reply t=\"attrd\" subt=\"query\" "
        "attr_name=\"lsn-pg\"><node attr_host=\"node1\"/>"
        "</build_query_reply>", "lsn-pg", "node1", &v), BATON_RC_OK);
    assert_null(v);
    v = (char *) "x";
    assert_int_equal(baton_attrd_parse_reply(
        "<build_query_reply t=\"attrd\" subt=\"query\" "
        "attr_name=\"lsn-pg\"><node attr_host=\"node1\" attr_value=\"\"/>"
        "</build_query_reply>", "lsn-pg", "node1", &v), BATON_RC_OK);
    assert_null(v);
}

static void
query_reply_lists_every_node(void **state)
{
    struct baton_attrd_value *v = NULL;
    size_t n = 9;
    bool found = false;

    assert_int_equal(baton_attrd_parse_reply_all(
        "<build_query_reply t=\"attrd\" subt=\"query\" attr_protocol=\"5\" "
        "attr_name=\"master-pg\"><node attr_host=\"node1\" "
        "attr_value=\"1001\"/><node attr_host=\"node2\"/>"
        "<node attr_host=\"node3\" attr_value=\"-1&amp;\"/>"
        "</build_query_reply>", "master-pg", &v, &n), BATON_RC_OK);
    assert_int_equal(n, 3);
    assert_string_equal(baton_attrd_values_get(v, n, "node1", &found), "1001");
    assert_true(found);
    assert_null(baton_attrd_values_get(v, n, "node2", &found));
    assert_true(found);
    assert_string_equal(baton_attrd_values_get(v, n, "node3", &found), "-1&");
    assert_null(baton_attrd_values_get(v, n, "node4", &found));
    assert_false(found);
    baton_attrd_values_free(v, n);
    /* unknown attribute: no node */
    assert_int_equal(baton_attrd_parse_reply_all(
        "<build_query_reply t=\"attrd\" subt=\"query\"/>", "master-pg", &v,
        &n), BATON_RC_OK);
    assert_int_equal(n, 0);
    assert_null(v);
    /* a node without a name, another attribute, garbage */
    assert_int_equal(baton_attrd_parse_reply_all(
        "<build_query_reply t=\"attrd\" attr_name=\"master-pg\"><node "
        "attr_value=\"1\"/></build_query_reply>", "master-pg", &v, &n),
        BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_reply_all(
        "<build_query_reply t=\"attrd\" attr_name=\"master-px\"/>",
        "master-pg", &v, &n), BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_reply_all("<ack/>", "master-pg", &v,
                                                 &n), BATON_RC_PROTOCOL);
    assert_int_equal(n, 0);
    assert_null(v);
}

static void
query_reply_rejects_other_answers(void **state)
{
    char *v = NULL;

    /* another attribute, another node, another type, an ack, garbage */
    assert_int_equal(baton_attrd_parse_reply(reply_set, "lsn-pgx", "node1",
                                             &v), BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_reply(reply_set, "lsn-pg", "node2",
                                             &v), BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_reply(
        "<build_query_reply t=\"crmd\" attr_name=\"lsn-pg\"/>", "lsn-pg",
        "node1", &v), BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_reply(
        "<build_query_reply t=\"attrd\" subt=\"update\"/>", "lsn-pg",
        "node1", &v), BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_reply(
        "<ack function=\"f\" line=\"1\" status=\"0\"/>", "lsn-pg", "node1",
        &v), BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_reply(
        "<build_query_reply t=\"attrd\" attr_name=\"lsn-pg\"><node "
        "attr_host=\"node1\" attr_value=\"&bogus;\"/></build_query_reply>",
        "lsn-pg", "node1", &v), BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_reply("<build_query_reply t=\"attrd",
                                             "lsn-pg", "node1", &v),
                     BATON_RC_PROTOCOL);
    assert_int_equal(baton_attrd_parse_reply("", "lsn-pg", "node1", &v),
                     BATON_RC_PROTOCOL);
    /* "localhost" answered for every node: which is ours is unknown */
    assert_int_equal(baton_attrd_parse_reply(
        "<build_query_reply t=\"attrd\" attr_name=\"lsn-pg\">"
        "<node attr_host=\"node2\" attr_value=\"x\"/>"
        "<node attr_host=\"node1\" attr_value=\"y\"/>"
        "</build_query_reply>", "lsn-pg", "localhost", &v),
        BATON_RC_PROTOCOL);
    assert_null(v);
}

static void
target_node_prefers_physical_host_for_bundles(void **state)
{
    assert_string_equal(baton_attrd_target_node("n1", "host", "phys"), "phys");
    assert_string_equal(baton_attrd_target_node("n1", "Host", "phys"), "phys");
    assert_string_equal(baton_attrd_target_node("n1", NULL, "phys"), "n1");
    assert_string_equal(baton_attrd_target_node("n1", "host", NULL), "n1");
    assert_null(baton_attrd_target_node(NULL, NULL, NULL));
}

static void
frame_and_reply_check(void **state)
{
    struct {
        struct attrd_ipc_header h;
        char text[64];
    } msg;
    const char *ack = "<ack function=\"f\" line=\"1\" status=\"0\"/>";

    baton_attrd_frame(&msg.h, 7, "<x/>");
    assert_int_equal(msg.h.size_uncompressed, 5);
    assert_int_equal(msg.h.qb.size, 45);
    assert_int_equal(msg.h.flags, ATTRD_IPC_CLIENT_RESPONSE);
    strcpy(msg.text, ack);
    msg.h.size_uncompressed = (uint32_t) strlen(ack) + 1;
    assert_int_equal(baton_attrd_check_reply(&msg, sizeof(msg.h)
                                             + strlen(ack) + 1, 7),
                     BATON_RC_OK);
    assert_int_equal(baton_attrd_check_reply(&msg, sizeof(msg.h)
                                             + strlen(ack) + 1, 8),
                     BATON_RC_PROTOCOL);
    msg.h.flags |= ATTRD_IPC_COMPRESSED;
    assert_int_equal(baton_attrd_check_reply(&msg, sizeof(msg), 7),
                     BATON_RC_PROTOCOL);
}

/* ---- a tiny attrd: a libqb server in a child process --------------------- */

static int srv_out = -1;    /* where the server writes what it received */

static int32_t
srv_accept(qb_ipcs_connection_t *c, uid_t uid, gid_t gid)
{
    (void) write(srv_out, "[connect]", 9);
    return 0;
}

static int32_t
srv_dispatch(qb_ipcs_connection_t *c, void *data, size_t size)
{
    /* copied out: a request inside libqb's ring buffer may start at any
     * 4-byte boundary, and the header needs 8 */
    struct attrd_ipc_header h;
    const char *text = (const char *) data + sizeof(h);
    const char *ack = "<ack function=\"t\" line=\"1\" status=\"0\"/>";
    struct attrd_ipc_header rh;
    struct iovec iov[2];

    if (size < sizeof(h)) {
        return 0;
    }
    memcpy(&h, data, sizeof(h));
    if (size > sizeof(h)) {
        (void) write(srv_out, text, strnlen(text, size - sizeof(h)));
    }
    /* a query: the value of lsn-pg on node1, master-pg on two nodes,
     * nothing else known */
    if ((strstr(text, "task=\"query\"") != NULL)
        && (strstr(text, "attr_name=\"master-pg\"") != NULL)) {
        ack = "<build_query_reply t=\"attrd\" subt=\"query\" "
              "attr_protocol=\"5\" attr_name=\"master-pg\"><node "
              "attr_host=\"node1\" attr_value=\"1001\"/><node "
              "attr_host=\"node2\" attr_value=\"1000\"/>"
              "</build_query_reply>";
    } else if (strstr(text, "task=\"query\"") != NULL) {
        ack = (strstr(text, "attr_name=\"lsn-pg\"") != NULL)
              ? "<build_query_reply t=\"attrd\" subt=\"query\" "
                "attr_protocol=\"5\" attr_name=\"lsn-pg\"><node "
                "attr_host=\"node1\" attr_value=\"2#4711\"/>"
                "</build_query_reply>"
              : "<build_query_reply t=\"attrd\" subt=\"query\" "
                "attr_protocol=\"5\"/>";
    }
    memset(&rh, 0, sizeof(rh));
    rh.version = 1;
    rh.size_uncompressed = (uint32_t) strlen(ack) + 1;
    rh.qb.id = h.qb.id;
    rh.qb.size = (int32_t) (sizeof(rh) + rh.size_uncompressed);
    iov[0].iov_base = &rh;
    iov[0].iov_len = sizeof(rh);
    iov[1].iov_base = (void *) ack;
    iov[1].iov_len = rh.size_uncompressed;
    qb_ipcs_response_sendv(c, iov, 2);
    return 0;
}

static qb_loop_t *srv_loop = NULL;

static int32_t
srv_poll_add(enum qb_loop_priority p, int32_t fd, int32_t ev, void *data,
             qb_ipcs_dispatch_fn_t fn)
{
    return qb_loop_poll_add(srv_loop, p, fd, ev, data, fn);
}

static int32_t
srv_poll_mod(enum qb_loop_priority p, int32_t fd, int32_t ev, void *data,
             qb_ipcs_dispatch_fn_t fn)
{
    return qb_loop_poll_mod(srv_loop, p, fd, ev, data, fn);
}

static int32_t
srv_poll_del(int32_t fd)
{
    return qb_loop_poll_del(srv_loop, fd);
}

/* SIGTERM ends the server's loop; serve() then destroys the service */
static int32_t
srv_term(int32_t sig, void *data)
{
    qb_loop_stop(srv_loop);
    return 0;
}

static pid_t
serve(const char *name, int out_fd)
{
    struct qb_ipcs_service_handlers h = {
        .connection_accept = srv_accept, .msg_process = srv_dispatch,
    };
    struct qb_ipcs_poll_handlers ph = {
        .dispatch_add = srv_poll_add, .dispatch_mod = srv_poll_mod,
        .dispatch_del = srv_poll_del,
    };
    qb_ipcs_service_t *s = NULL;
    int ready[2];
    char c = 0;
    pid_t pid;

    assert_int_equal(pipe(ready), 0);
    pid = fork();
    if (pid == 0) {
        srv_out = out_fd;
        srv_loop = qb_loop_create();
        s = qb_ipcs_create(name, 0, QB_IPC_NATIVE, &h);
        qb_ipcs_poll_handlers_set(s, &ph);
        if (qb_ipcs_run(s) != 0) {
            _exit(1);
        }
        qb_loop_signal_add(srv_loop, QB_LOOP_HIGH, SIGTERM, NULL, srv_term,
                           NULL);
        (void) write(ready[1], "r", 1);
        qb_loop_run(srv_loop);
        /* closes every connection, which removes its ring buffers */
        qb_ipcs_destroy(s);
        _exit(0);
    }
    close(ready[1]);
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    return pid;
}

/* A service name no other run uses: a PID namespace (a package build's
 * chroot) gives the same pids again, and /dev/shm may be the host's */
static void
unique_name(char *name, size_t size, const char *what)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(name, size, "baton-%s-%d-%ld%09ld", what, (int) getpid(),
             (long) ts.tv_sec, ts.tv_nsec);
}

/* Stop the server and check it left nothing in /dev/shm: libqb keeps each
 * connection's ring buffers there, in files named after the service */
static void
stop_server(pid_t pid, const char *name)
{
    char pattern[160];
    glob_t g;
    int status = 0;

    assert_int_equal(kill(pid, SIGTERM), 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && (WEXITSTATUS(status) == 0));
    snprintf(pattern, sizeof(pattern), "/dev/shm/qb-*/qb-*-%s-*", name);
    assert_int_equal(glob(pattern, 0, NULL, &g), GLOB_NOMATCH);
    globfree(&g);
}

/* Read what the server logged until \p want is in it (5 s at most) */
static void
read_until(int fd, char *got, size_t size, const char *want)
{
    size_t used = strlen(got);

    while (strstr(got, want) == NULL) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        ssize_t n;

        assert_int_equal(poll(&pfd, 1, 5000), 1);
        n = read(fd, got + used, size - 1 - used);
        assert_true(n > 0);
        used += (size_t) n;
        got[used] = '\0';
    }
}

static int
count_of(const char *s, const char *what)
{
    int n = 0;

    for (const char *p = strstr(s, what); p != NULL; p = strstr(p + 1, what)) {
        n++;
    }
    return n;
}

static void
send_over_ipc_reaches_server(void **state)
{
    char name[64];
    char got[512] = "";
    int out[2];
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_UPDATE_BOTH, .name = "pingd", .value = "2",
        .dampen = "1s",
    };
    struct baton_attrd_opts o = {
        .ipc_name = name, .origin = "unit", .timeout_ms = 3000,
        .no_fallback = true,
    };
    enum baton_attrd_path path = BATON_ATTRD_PATH_NONE;
    pid_t pid;
    ssize_t n;

    unique_name(name, sizeof(name), "png-attrd");
    assert_int_equal(pipe(out), 0);
    pid = serve(name, out[1]);
    close(out[1]);
    assert_int_equal(baton_attrd_send(&req, &o, &path), BATON_RC_OK);
    assert_int_equal(path, BATON_ATTRD_PATH_IPC);
    read_until(out[0], got, sizeof(got), "/>");
    assert_non_null(strstr(got, "task=\"update-both\" attr_value=\"2\" "
                                "attr_dampening=\"1s\""));
    (void) n;
    stop_server(pid, name);
    close(out[0]);
}

static void
session_sends_all_over_one_connection(void **state)
{
    char name[64];
    char got[2048] = "";
    int out[2];
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_UPDATE, .name = "master-pg", .value = "1000",
        .node = "node2",
    };
    struct baton_attrd_opts o = {
        .ipc_name = name, .origin = "unit", .timeout_ms = 3000,
        .no_fallback = true,
    };
    baton_attrd_session_t *s = NULL;
    enum baton_attrd_path path = BATON_ATTRD_PATH_NONE;
    struct baton_attrd_value *all = NULL;
    size_t n = 0;
    char *v = NULL;
    pid_t pid;

    unique_name(name, sizeof(name), "attrd-session");
    assert_int_equal(pipe(out), 0);
    pid = serve(name, out[1]);
    close(out[1]);
    s = baton_attrd_open(&o);
    /* no connection yet: no server known */
    assert_int_equal(baton_attrd_session_server(s), 0);
    assert_int_equal(baton_attrd_session_send(s, &req, &path), BATON_RC_OK);
    assert_int_equal(path, BATON_ATTRD_PATH_IPC);
    /* the process that accepted the connection (what a record keeps) */
    assert_int_equal(baton_attrd_session_server(s), pid);
    req.node = "node3";
    req.value = "990";
    assert_int_equal(baton_attrd_session_send(s, &req, &path), BATON_RC_OK);
    req.node = NULL;
    req.value = "1001";
    assert_int_equal(baton_attrd_session_send(s, &req, &path), BATON_RC_OK);
    assert_int_equal(baton_attrd_session_query(s, "lsn-pg", "node1", &v),
                     BATON_RC_OK);
    assert_string_equal(v, "2#4711");
    free(v);
    v = (char *) "x";
    assert_int_equal(baton_attrd_session_query(s, "unknown", NULL, &v),
                     BATON_RC_OK);
    assert_null(v);
    setenv("OCF_RESKEY_CRM_meta_on_node", "node9", 1);
    assert_int_equal(baton_attrd_session_query(s, "unknown2", NULL, &v),
                     BATON_RC_OK);
    unsetenv("OCF_RESKEY_CRM_meta_on_node");
    assert_null(v);
    /* every node at once: no attr_host in the request */
    assert_int_equal(baton_attrd_session_query_all(s, "master-pg", &all, &n),
                     BATON_RC_OK);
    assert_int_equal(n, 2);
    assert_string_equal(all[1].node, "node2");
    assert_string_equal(all[1].value, "1000");
    baton_attrd_values_free(all, n);
    baton_attrd_close(s);
    read_until(out[0], got, sizeof(got), "attr_name=\"master-pg\"");
    assert_int_equal(count_of(got, "[connect]"), 1);
    assert_non_null(strstr(got, "attr_name=\"master-pg\" task=\"query\"/>"));
    assert_int_equal(count_of(got, "task=\"update\""), 3);
    assert_non_null(strstr(got, "attr_value=\"990\" attr_host=\"node3\""));
    /* the local node: what Pacemaker passed, else as attrd names itself */
    assert_non_null(strstr(got, "attr_name=\"unknown\" task=\"query\" "
                                "attr_host=\"localhost\""));
    assert_non_null(strstr(got, "attr_name=\"unknown2\" task=\"query\" "
                                "attr_host=\"node9\""));
    /* a query alone over the IPC, no tool run */
    o.tool = "/nonexistent/attrd_updater";
    v = NULL;
    assert_int_equal(baton_attrd_query("lsn-pg", "node1", &o, &v), BATON_RC_OK);
    assert_string_equal(v, "2#4711");
    free(v);
    stop_server(pid, name);
    close(out[0]);
}

static void
session_deadline_bounds_every_request(void **state)
{
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_UPDATE, .name = "pingd", .value = "1",
    };
    /* a tool that would outlive the deadline: killed when it passes */
    const char *tool = "/tmp/baton-attrd-sleeper.sh";
    struct baton_attrd_opts o = {
        .ipc_name = "baton-attrd-nobody-serves", .tool = tool,
        .timeout_ms = 5000,
    };
    baton_attrd_session_t *s = NULL;
    uint64_t t0;
    FILE *f = fopen(tool, "w");

    assert_non_null(f);
    fprintf(f, "#!/bin/sh\nexec sleep 10\n");
    fclose(f);
    chmod(tool, 0755);
    t0 = baton_clock_now_ms();
    o.deadline_ms = t0 + 300;
    s = baton_attrd_open(&o);
    assert_int_equal(baton_attrd_session_send(s, &req, NULL), BATON_RC_TIMEOUT);
    /* past the deadline: the next request fails at once */
    assert_int_equal(baton_attrd_session_send(s, &req, NULL), BATON_RC_TIMEOUT);
    baton_attrd_close(s);
    assert_true(baton_clock_now_ms() - t0 < 2500);
    unlink(tool);
}

/* ---- the attrd_updater fallback ------------------------------------------ */

static void
no_server_falls_back_to_the_tool(void **state)
{
    char dir[] = "/tmp/baton-attrd-test.XXXXXX";
    char tool[128];
    char log[128];
    char got[256] = "";
    FILE *f = NULL;
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_DELETE, .name = "pingd", .dampen = "5s",
        .node = "n 1",
    };
    struct baton_attrd_opts o = {
        .ipc_name = "baton-png-nobody-serves", .tool = tool,
        .timeout_ms = 3000,
    };
    enum baton_attrd_path path = BATON_ATTRD_PATH_NONE;

    assert_non_null(mkdtemp(dir));
    snprintf(tool, sizeof(tool), "%s/attrd_updater", dir);
    snprintf(log, sizeof(log), "%s/argv", dir);
    f = fopen(tool, "w");
    fprintf(f, "#!/bin/sh\nfor a in \"$@\"; do printf '[%%s]' \"$a\"; done"
               " > %s\n", log);
    fclose(f);
    chmod(tool, 0755);

    assert_int_equal(baton_attrd_send(&req, &o, &path), BATON_RC_OK);
    assert_int_equal(path, BATON_ATTRD_PATH_TOOL);
    f = fopen(log, "r");
    assert_non_null(f);
    assert_non_null(fgets(got, sizeof(got), f));
    fclose(f);
    assert_string_equal(got, "[-D][-n][pingd][-d][5s][-N][n 1]");

    /* without fallback, the IPC error is the answer */
    o.no_fallback = true;
    assert_int_not_equal(baton_attrd_send(&req, &o, &path), BATON_RC_OK);
    assert_int_equal(path, BATON_ATTRD_PATH_NONE);

    /* a failing tool is a child failure */
    f = fopen(tool, "w");
    fprintf(f, "#!/bin/sh\nexit 3\n");
    fclose(f);
    o.no_fallback = false;
    o.tool_only = true;
    assert_int_equal(baton_attrd_send(&req, &o, &path), BATON_RC_CHILD_FAILED);
    unlink(tool);
    unlink(log);
    rmdir(dir);
}

/* A fake attrd_updater: logs its argv, prints BODY, exits CODE */
static void
fake_query_tool(const char *tool, const char *log, const char *body, int code)
{
    FILE *f = fopen(tool, "w");

    assert_non_null(f);
    fprintf(f, "#!/bin/sh\nfor a in \"$@\"; do printf '[%%s]' \"$a\"; done"
               " > %s\ncat <<'EOF'\n%s\nEOF\nexit %d\n", log, body, code);
    fclose(f);
    chmod(tool, 0755);
}

static void
query_asks_for_xml_and_reads_unset_as_no_value(void **state)
{
    char dir[] = "/tmp/baton-attrd-test.XXXXXX";
    char tool[128];
    char log[128];
    char got[256] = "";
    char *v = NULL;
    FILE *f = NULL;
    struct baton_attrd_opts o = {
        .ipc_name = "baton-attrd-nobody-serves", .tool = tool,
        .timeout_ms = 3000,
    };

    assert_non_null(mkdtemp(dir));
    snprintf(tool, sizeof(tool), "%s/attrd_updater", dir);
    snprintf(log, sizeof(log), "%s/argv", dir);

    fake_query_tool(tool, log, xml_21, 0);
    assert_int_equal(baton_attrd_query("lsn-pg", "node1", &o, &v), BATON_RC_OK);
    assert_string_equal(v, "2#4711");
    free(v);
    v = NULL;
    f = fopen(log, "r");
    assert_non_null(f);
    assert_non_null(fgets(got, sizeof(got), f));
    fclose(f);
    assert_string_equal(got, "[-Q][--output-as=xml][-n][lsn-pg][-N][node1]");

    /* Pacemaker 2.1 and 3.0: no value on that node is CRM_EX_CONFIG with
     * this message, in the XML on stdout */
    fake_query_tool(tool, log, "<pacemaker-result><status code=\"78\">"
                    "<errors><error>attrd_updater: Could not query value of "
                    "lsn-pg: attribute does not exist</error></errors></status>"
                    "</pacemaker-result>", 78);
    v = (char *) "x";
    assert_int_equal(baton_attrd_query("lsn-pg", "node1", &o, &v), BATON_RC_OK);
    assert_null(v);
    /* older tools: CRM_EX_NOSUCH */
    fake_query_tool(tool, log, "", 105);
    assert_int_equal(baton_attrd_query("lsn-pg", NULL, &o, &v), BATON_RC_OK);
    assert_null(v);
    /* any other failure stays one */
    fake_query_tool(tool, log, "<pacemaker-result><status code=\"78\">"
                    "<errors><error>something else</error></errors></status>"
                    "</pacemaker-result>", 78);
    assert_int_equal(baton_attrd_query("lsn-pg", NULL, &o, &v),
                     BATON_RC_CHILD_FAILED);
    unlink(tool);
    unlink(log);
    rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(xml_update_both_matches_attrd_updater),
        cmocka_unit_test(xml_update_has_no_dampening),
        cmocka_unit_test(xml_delete_is_update_without_value),
        cmocka_unit_test(xml_escapes_attribute_values),
        cmocka_unit_test(xml_refuses_control_characters_xml_cannot_carry),
        cmocka_unit_test(xml_rejects_incomplete_requests),
        cmocka_unit_test(xml_private_attribute_is_marked),
        cmocka_unit_test(query_line_gives_the_value),
        cmocka_unit_test(query_line_rejects_other_names_and_garbage),
        cmocka_unit_test(query_xml_reads_both_generations),
        cmocka_unit_test(query_xml_rejects_other_names_and_garbage),
        cmocka_unit_test(query_request_matches_pacemaker),
        cmocka_unit_test(query_reply_gives_the_node_value),
        cmocka_unit_test(query_reply_reads_unset_as_no_value),
        cmocka_unit_test(query_reply_lists_every_node),
        cmocka_unit_test(query_reply_rejects_other_answers),
        cmocka_unit_test(target_node_prefers_physical_host_for_bundles),
        cmocka_unit_test(frame_and_reply_check),
        cmocka_unit_test(send_over_ipc_reaches_server),
        cmocka_unit_test(session_sends_all_over_one_connection),
        cmocka_unit_test(session_deadline_bounds_every_request),
        cmocka_unit_test(no_server_falls_back_to_the_tool),
        cmocka_unit_test(query_asks_for_xml_and_reads_unset_as_no_value),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
