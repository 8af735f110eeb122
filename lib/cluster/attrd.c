/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Node attribute requests: the messages pacemaker-attrd expects and the
 * replies it gives, and the choice between its IPC and the attrd_updater
 * program, for one request or a session of several.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/attrd.h"
#include "baton/child.h"
#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "attrd_private.h"

/* Names from pacemaker 2.1's attrd protocol (the wire format) */
#define ATTRD_XE_OP          "create_attrd_op"
#define ATTRD_XA_TYPE        "t"
#define ATTRD_XA_ORIGIN      "src"
#define ATTRD_XA_TASK        "task"
#define ATTRD_XA_NAME        "attr_name"
#define ATTRD_XA_VALUE       "attr_value"
#define ATTRD_XA_DAMPENING   "attr_dampening"
#define ATTRD_XA_HOST        "attr_host"
#define ATTRD_XA_IS_REMOTE   "attr_is_remote"
#define ATTRD_XA_IS_PRIVATE  "attr_is_private"
#define ATTRD_TYPE           "attrd"
#define ATTRD_TASK_UPDATE    "update"
#define ATTRD_TASK_BOTH      "update-both"
#define ATTRD_TASK_DELAY     "update-delay"
#define ATTRD_TASK_QUERY     "query"
#define ATTRD_XA_SUBTYPE     "subt"
#define ATTRD_XE_NODE        "node"
/*! The node name attrd reads as its own */
#define ATTRD_LOCALHOST      "localhost"
/*! What Pacemaker passes an agent about its node (attrd_updater reads the
 *  same to choose the node of a request without -N) */
#define ATTRD_ENV_ON_NODE        "OCF_RESKEY_CRM_meta_on_node"
#define ATTRD_ENV_TARGET         "OCF_RESKEY_CRM_meta_container_attribute_target"
#define ATTRD_ENV_PHYSICAL_HOST  "OCF_RESKEY_CRM_meta_physical_host"

struct baton_attrd_session_s {
    struct baton_attrd_opts o;
    struct attrd_ipc *ipc;    /*!< NULL until the first request */
    int ipc_rc;               /*!< why the IPC is not usable; OK if it is */
};

/* Append text to a growing buffer, escaped for an XML attribute value */
static void
put_escaped(FILE *out, const char *s)
{
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char) *s;

        switch (c) {
            case '&':  fputs("&amp;", out); break;
            case '<':  fputs("&lt;", out); break;
            case '>':  fputs("&gt;", out); break;
            case '"':  fputs("&quot;", out); break;
            case '\'': fputs("&apos;", out); break;
            default:
                if (c < 0x20) {
                    fprintf(out, "&#%u;", (unsigned) c);
                } else {
                    fputc(c, out);
                }
                break;
        }
    }
}

static void
put_attr(FILE *out, const char *name, const char *value)
{
    if (value == NULL) {
        return;
    }
    fprintf(out, " %s=\"", name);
    put_escaped(out, value);
    fputc('"', out);
}

static const char *
task_of(enum baton_attrd_cmd cmd)
{
    switch (cmd) {
        case BATON_ATTRD_UPDATE_BOTH:  return ATTRD_TASK_BOTH;
        case BATON_ATTRD_UPDATE_DELAY: return ATTRD_TASK_DELAY;
        default:                       return ATTRD_TASK_UPDATE;
    }
}

/* Whether XML 1.0 can carry the text: no control character but tab,
 * newline and carriage return, not even as a character reference
 * (pacemaker-attrd's parser would refuse the whole request) */
static bool
xml_text_ok(const char *s)
{
    for (; (s != NULL) && (*s != '\0'); s++) {
        unsigned char c = (unsigned char) *s;

        if ((c < 0x20) && (c != '\t') && (c != '\n') && (c != '\r')) {
            return false;
        }
    }
    return true;
}

static bool
req_valid(const struct baton_attrd_req *req)
{
    if ((req == NULL) || (req->name == NULL) || (req->name[0] == '\0')
        || !xml_text_ok(req->name) || !xml_text_ok(req->value)
        || !xml_text_ok(req->node) || !xml_text_ok(req->dampen)) {
        return false;
    }
    switch (req->cmd) {
        case BATON_ATTRD_UPDATE:
            return req->value != NULL;
        case BATON_ATTRD_UPDATE_BOTH:
            return (req->value != NULL) && (req->dampen != NULL);
        case BATON_ATTRD_UPDATE_DELAY:
            return req->dampen != NULL;
        case BATON_ATTRD_DELETE:
            return true;
    }
    return false;
}

int
baton_attrd_xml(const struct baton_attrd_req *req, const char *origin,
                char **xml)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = NULL;
    bool with_value = (req != NULL) && ((req->cmd == BATON_ATTRD_UPDATE)
                                        || (req->cmd == BATON_ATTRD_UPDATE_BOTH));
    bool with_delay = (req != NULL) && ((req->cmd == BATON_ATTRD_UPDATE_BOTH)
                                        || (req->cmd == BATON_ATTRD_UPDATE_DELAY));

    if (!req_valid(req) || (xml == NULL)) {
        return EINVAL;
    }
    out = open_memstream(&buf, &len);
    baton_assert_alloc(out);
    /* Attribute order as pacemaker 2.1's attrd_updater writes them; a
     * delete is an update without a value */
    fputs("<" ATTRD_XE_OP, out);
    put_attr(out, ATTRD_XA_TYPE, ATTRD_TYPE);
    put_attr(out, ATTRD_XA_ORIGIN, baton_s(origin, "baton"));
    put_attr(out, ATTRD_XA_NAME, req->name);
    put_attr(out, ATTRD_XA_TASK, task_of(req->cmd));
    put_attr(out, ATTRD_XA_VALUE, with_value ? req->value : NULL);
    put_attr(out, ATTRD_XA_DAMPENING, with_delay ? req->dampen : NULL);
    put_attr(out, ATTRD_XA_HOST, req->node);
    put_attr(out, ATTRD_XA_IS_REMOTE, "0");
    put_attr(out, ATTRD_XA_IS_PRIVATE, req->is_private ? "1" : "0");
    fputs("/>", out);
    if (fclose(out) != 0) {
        free(buf);
        return ENOMEM;
    }
    *xml = buf;
    return BATON_RC_OK;
}

int
baton_attrd_query_xml(const char *name, const char *node, const char *origin,
                      char **xml)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = NULL;

    if ((name == NULL) || (name[0] == '\0')
        || ((node != NULL) && (node[0] == '\0')) || (xml == NULL)) {
        return EINVAL;
    }
    out = open_memstream(&buf, &len);
    baton_assert_alloc(out);
    fputs("<" ATTRD_XE_OP, out);
    put_attr(out, ATTRD_XA_TYPE, ATTRD_TYPE);
    put_attr(out, ATTRD_XA_ORIGIN, baton_s(origin, "baton"));
    put_attr(out, ATTRD_XA_NAME, name);
    put_attr(out, ATTRD_XA_TASK, ATTRD_TASK_QUERY);
    put_attr(out, ATTRD_XA_HOST, node);
    fputs("/>", out);
    if (fclose(out) != 0) {
        free(buf);
        return ENOMEM;
    }
    *xml = buf;
    return BATON_RC_OK;
}

const char *
baton_attrd_target_node(const char *on_node, const char *target,
                        const char *physical_host)
{
    if ((physical_host != NULL) && (target != NULL)
        && (strcasecmp(target, "host") == 0)) {
        return physical_host;
    }
    return on_node;
}

const char *
baton_attrd_path_str(enum baton_attrd_path path)
{
    switch (path) {
        case BATON_ATTRD_PATH_IPC:  return "ipc";
        case BATON_ATTRD_PATH_TOOL: return "attrd_updater";
        default:                    return "none";
    }
}

/* attrd_updater's argv for a request, as pacemaker's agents call it */
static size_t
tool_argv(const struct baton_attrd_req *req, const char *tool,
          const char *argv[14])
{
    size_t n = 0;

    argv[n++] = tool;
    switch (req->cmd) {
        case BATON_ATTRD_UPDATE:       argv[n++] = "-U"; break;
        case BATON_ATTRD_UPDATE_BOTH:  argv[n++] = "-B"; break;
        case BATON_ATTRD_UPDATE_DELAY: argv[n++] = "-Y"; break;
        case BATON_ATTRD_DELETE:       argv[n++] = "-D"; break;
    }
    if ((req->cmd == BATON_ATTRD_UPDATE)
        || (req->cmd == BATON_ATTRD_UPDATE_BOTH)) {
        argv[n++] = req->value;
    }
    argv[n++] = "-n";
    argv[n++] = req->name;
    if (req->dampen != NULL) {
        argv[n++] = "-d";
        argv[n++] = req->dampen;
    }
    if (req->node != NULL) {
        argv[n++] = "-N";
        argv[n++] = req->node;
    }
    if (req->is_private) {
        argv[n++] = "-p";
    }
    argv[n] = NULL;
    return n;
}

static int
send_tool(const struct baton_attrd_req *req, const char *tool,
          unsigned timeout_ms)
{
    const char *argv[14];
    baton_child_t *child = NULL;
    int rc;

    tool_argv(req, tool, argv);
    child = baton_child_new(argv);
    baton_child_set_timeout(child, timeout_ms);
    baton_child_set_grace(child, 500);
    rc = baton_child_run(child);
    if (rc == BATON_RC_CHILD_FAILED) {
        baton_warn("%s failed for %s: exit %d: %s", tool, req->name,
                   baton_child_exit_code(child),
                   baton_child_stderr(child, NULL));
    } else if (rc != BATON_RC_OK) {
        baton_warn("Cannot run %s for %s: %s", tool, req->name,
                   baton_rc_str(rc));
    }
    baton_child_free(child);
    return rc;
}

/* An XML attribute value, its entities decoded (libxml2 writes &quot;
 * &amp; &lt; &gt; &apos; and &#N; for control characters); NULL when an
 * entity is unknown */
static char *
xml_unescape(const char *v, size_t len)
{
    static const struct { const char *ent; char c; } ents[] = {
        { "&quot;", '"' }, { "&amp;", '&' }, { "&lt;", '<' },
        { "&gt;", '>' }, { "&apos;", '\'' },
    };
    char *out = calloc(1, len + 1);
    size_t o = 0;

    baton_assert_alloc(out);
    for (size_t i = 0; i < len; i++) {
        size_t e = 0;
        unsigned long code = 0;
        char *stop = NULL;

        if (v[i] != '&') {
            out[o++] = v[i];
            continue;
        }
        for (e = 0; e < (sizeof(ents) / sizeof(ents[0])); e++) {
            size_t n = strlen(ents[e].ent);

            if ((i + n <= len) && (strncmp(v + i, ents[e].ent, n) == 0)) {
                out[o++] = ents[e].c;
                i += n - 1;
                break;
            }
        }
        if (e < (sizeof(ents) / sizeof(ents[0]))) {
            continue;
        }
        if ((i + 3 < len) && (v[i + 1] == '#')) {
            bool hex = (v[i + 2] == 'x');

            code = strtoul(v + i + (hex ? 3 : 2), &stop, hex ? 16 : 10);
            if ((stop != NULL) && (stop < v + len) && (*stop == ';')
                && (code > 0) && (code < 0x80)) {
                out[o++] = (char) code;
                i = (size_t) (stop - v);
                continue;
            }
        }
        free(out);
        return NULL;
    }
    return out;
}

/* The value of attribute KEY in the start tag [tag, end): true when found
 * (*out NULL when it could not be decoded) */
static bool
xml_tag_attr(const char *tag, const char *end, const char *key, char **out)
{
    size_t klen = strlen(key);

    for (const char *p = tag; p + klen + 3 <= end; p++) {
        const char *q = NULL;

        if (((p[0] != ' ') && (p[0] != '\t') && (p[0] != '\n'))
            || (strncmp(p + 1, key, klen) != 0) || (p[1 + klen] != '=')
            || (p[2 + klen] != '"')) {
            continue;
        }
        q = memchr(p + 3 + klen, '"', (size_t) (end - (p + 3 + klen)));
        if (q == NULL) {
            return false;
        }
        *out = xml_unescape(p + 3 + klen, (size_t) (q - (p + 3 + klen)));
        return true;
    }
    return false;
}

/* The value of attribute \p key of one element: NULL when absent or
 * empty */
static int
tag_value(const char *tag, const char *tend, const char *key,
          char **value)
{
    char *v = NULL;

    *value = NULL;
    if (!xml_tag_attr(tag, tend, key, &v)) {
        return BATON_RC_OK;    /* no value on that node */
    }
    if (v == NULL) {
        return BATON_RC_PROTOCOL;
    }
    if (v[0] == '\0') {
        free(v);
        v = NULL;
    }
    *value = v;
    return BATON_RC_OK;
}

/* attrd_updater -Q --output-as=xml: the value of the <attribute> element
 * named NAME. The XML form reads the same from Pacemaker 2.1 and 3.0,
 * whose text forms differ (3.0 writes " \n \r \t in values as \" \n \r
 * \t, leaving a backslash as it is, so its text form is ambiguous). */
static int
parse_query_xml(const char *out, const char *name, char **value)
{
    for (const char *tag = strstr(out, "<attribute "); tag != NULL;
         tag = strstr(tag + 1, "<attribute ")) {
        const char *end = strchr(tag, '>');
        char *n = NULL;
        bool same = false;

        if ((end == NULL) || !xml_tag_attr(tag, end, "name", &n)) {
            return BATON_RC_PROTOCOL;
        }
        same = (n != NULL) && (strcmp(n, name) == 0);
        free(n);
        if (!same) {
            continue;
        }
        return tag_value(tag, end, "value", value);
    }
    return BATON_RC_PROTOCOL;
}

int
baton_attrd_parse_query(const char *line, const char *name, char **value)
{
    static const char value_key[] = "\" value=\"";
    size_t nlen = (name != NULL) ? strlen(name) : 0;
    const char *v = NULL;
    const char *end = NULL;

    if ((line == NULL) || (name == NULL) || (value == NULL)) {
        return EINVAL;
    }
    *value = NULL;
    if (strstr(line, "<pacemaker-result") != NULL) {
        return parse_query_xml(line, name, value);
    }
    if ((strncmp(line, "name=\"", 6) != 0)
        || (strncmp(line + 6, name, nlen) != 0) || (line[6 + nlen] != '"')) {
        return BATON_RC_PROTOCOL;
    }
    v = strstr(line + 6 + nlen, value_key);
    end = (v != NULL) ? strrchr(v + sizeof(value_key) - 1, '"') : NULL;
    if ((end == NULL) || (strspn(end + 1, " \r\n") != strlen(end + 1))) {
        return BATON_RC_PROTOCOL;
    }
    v += sizeof(value_key) - 1;
    if (end > v) {
        *value = strndup(v, (size_t) (end - v));
        baton_assert_alloc(*value);
    }
    return BATON_RC_OK;
}

/* attrd_updater's "no such attribute" exit code (CRM_EX_NOSUCH) */
#define ATTRD_TOOL_EXIT_NOSUCH 105
/* What attrd_updater -Q of Pacemaker 2.1 and 3.0 exits with, and says,
 * when attrd knows no value of the attribute on that node: CRM_EX_CONFIG
 * (pcmk_rc_schema_validation) with this message */
#define ATTRD_TOOL_EXIT_CONFIG 78
#define ATTRD_TOOL_UNSET_TEXT  "attribute does not exist"

/* The tool said the attribute has no value there: not an error */
static bool
query_found_nothing(const baton_child_t *child)
{
    const char *out = baton_child_stdout(child, NULL);
    const char *err = baton_child_stderr(child, NULL);

    switch (baton_child_exit_code(child)) {
        case ATTRD_TOOL_EXIT_NOSUCH:
            return true;
        case ATTRD_TOOL_EXIT_CONFIG:
            return ((out != NULL) && (strstr(out, ATTRD_TOOL_UNSET_TEXT) != NULL))
                   || ((err != NULL)
                       && (strstr(err, ATTRD_TOOL_UNSET_TEXT) != NULL));
        default:
            return false;
    }
}

/* attrd_updater -Q, for when the IPC cannot answer */
static int
tool_query(const char *name, const char *node, const char *tool,
           unsigned timeout_ms, char **value)
{
    /* XML: the one answer form Pacemaker 2.1 and 3.0 write alike */
    const char *argv[] = { tool, "-Q", "--output-as=xml", "-n", name, NULL,
                           NULL, NULL };
    baton_child_t *child = NULL;
    int rc;

    if (node != NULL) {
        argv[5] = "-N";
        argv[6] = node;
    }
    child = baton_child_new(argv);
    baton_child_set_timeout(child, timeout_ms);
    baton_child_set_grace(child, 500);
    rc = baton_child_run(child);
    if (rc == BATON_RC_OK) {
        rc = baton_attrd_parse_query(baton_child_stdout(child, NULL), name,
                                     value);
    } else if ((rc == BATON_RC_CHILD_FAILED) && query_found_nothing(child)) {
        rc = BATON_RC_OK;    /* no value on that node */
    }
    baton_child_free(child);
    return rc;
}

/* ---- attrd's reply to a query --------------------------------------------- */

/* The start tag at \p p named \p tag: its end ('>'), or NULL */
static const char *
tag_at(const char *p, const char *tag)
{
    size_t len = strlen(tag);

    if ((p[0] != '<') || (strncmp(p + 1, tag, len) != 0)
        || (strchr(" \t\n/>", p[1 + len]) == NULL)) {
        return NULL;
    }
    return strchr(p, '>');
}

/* Whether attribute KEY of the start tag [tag, end) is VALUE (or absent,
 * when that is allowed) */
static bool
tag_attr_is(const char *tag, const char *end, const char *key,
            const char *value, bool absent_ok)
{
    char *v = NULL;
    bool same = false;

    if (!xml_tag_attr(tag, end, key, &v)) {
        return absent_ok;
    }
    same = (v != NULL) && (strcmp(v, value) == 0);
    free(v);
    return same;
}

/* The root element of a query's reply: *end set past its start tag;
 * BATON_RC_OK with *known false when attrd knows no such attribute */
static int
reply_root(const char *xml, const char *name, const char **end, bool *known)
{
    const char *root = xml + strspn(xml, " \t\r\n");
    char *n = NULL;

    *known = false;
    if ((root[0] != '<') || (root[1] == '?') || (root[1] == '/')
        || (strncmp(root, "<ack", 4) == 0)
        || ((*end = strchr(root, '>')) == NULL)
        || !tag_attr_is(root, *end, ATTRD_XA_TYPE, ATTRD_TYPE, false)
        /* attrd before 2.1.3 set no subtype */
        || !tag_attr_is(root, *end, ATTRD_XA_SUBTYPE, ATTRD_TASK_QUERY, true)) {
        return BATON_RC_PROTOCOL;
    }
    if (tag_attr_is(root, *end, ATTRD_XA_NAME, name, false)) {
        *known = true;
        return BATON_RC_OK;
    }
    if (!xml_tag_attr(root, *end, ATTRD_XA_NAME, &n)) {
        return BATON_RC_OK;    /* attrd knows no such attribute */
    }
    free(n);
    return BATON_RC_PROTOCOL;    /* the reply to another question */
}

/* The next <node> element from p: its start (NULL at the end), *tend its
 * start tag's end */
static const char *
next_node(const char *p, const char **tend)
{
    for (p = strchr(p, '<'); p != NULL; p = strchr(p + 1, '<')) {
        if ((*tend = tag_at(p, ATTRD_XE_NODE)) != NULL) {
            return p;
        }
    }
    return NULL;
}

/* The attr_value of a <node> element: BATON_RC_OK with NULL when absent
 * or empty */
static int
node_value(const char *tag, const char *tend, char **value)
{
    return tag_value(tag, tend, ATTRD_XA_VALUE, value);
}

int
baton_attrd_parse_reply(const char *xml, const char *name, const char *node,
                        char **value)
{
    const char *end = NULL;
    const char *tend = NULL;
    bool known = false;
    bool any_node = false;
    int rc;

    if ((xml == NULL) || (name == NULL) || (node == NULL) || (value == NULL)) {
        return EINVAL;
    }
    *value = NULL;
    rc = reply_root(xml, name, &end, &known);
    if ((rc != BATON_RC_OK) || !known) {
        return rc;
    }
    any_node = (strcasecmp(node, ATTRD_LOCALHOST) == 0);
    for (const char *p = next_node(end, &tend); p != NULL;
         p = next_node(tend, &tend)) {
        const char *next_end = NULL;

        if (any_node && (next_node(tend, &next_end) != NULL)) {
            /* attrd that did not know its own name yet answers for every
             * node: which one is this node cannot be told */
            return BATON_RC_PROTOCOL;
        }
        if (any_node || tag_attr_is(p, tend, ATTRD_XA_HOST, node, false)) {
            return node_value(p, tend, value);
        }
    }
    return BATON_RC_PROTOCOL;
}

void
baton_attrd_values_free(struct baton_attrd_value *values, size_t n)
{
    for (size_t i = 0; (values != NULL) && (i < n); i++) {
        free(values[i].node);
        free(values[i].value);
    }
    free(values);
}

const char *
baton_attrd_values_get(const struct baton_attrd_value *values, size_t n,
                       const char *node, bool *found)
{
    *found = false;
    for (size_t i = 0; (node != NULL) && (i < n); i++) {
        if (strcmp(values[i].node, node) == 0) {
            *found = true;
            return values[i].value;
        }
    }
    return NULL;
}

int
baton_attrd_parse_reply_all(const char *xml, const char *name,
                            struct baton_attrd_value **values, size_t *n)
{
    const char *end = NULL;
    const char *tend = NULL;
    struct baton_attrd_value *v = NULL;
    size_t count = 0;
    bool known = false;
    int rc;

    if ((xml == NULL) || (name == NULL) || (values == NULL) || (n == NULL)) {
        return EINVAL;
    }
    *values = NULL;
    *n = 0;
    rc = reply_root(xml, name, &end, &known);
    for (const char *p = known ? next_node(end, &tend) : NULL;
         (rc == BATON_RC_OK) && (p != NULL); p = next_node(tend, &tend)) {
        struct baton_attrd_value *grown = realloc(v, (count + 1) * sizeof(*v));
        char *host = NULL;

        baton_assert_alloc(grown);
        v = grown;
        if (!xml_tag_attr(p, tend, ATTRD_XA_HOST, &host) || (host == NULL)) {
            rc = BATON_RC_PROTOCOL;
            break;
        }
        v[count].node = host;
        rc = node_value(p, tend, &v[count].value);
        count++;
    }
    if (rc != BATON_RC_OK) {
        baton_attrd_values_free(v, count);
        return rc;
    }
    *values = v;
    *n = count;
    return BATON_RC_OK;
}

/* ---- sessions --------------------------------------------------------------- */

/* What one request may wait: its timeout, within the deadline (at least
 * 1 ms, so that a request past the deadline fails rather than blocks) */
static unsigned
budget(const struct baton_attrd_opts *o)
{
    uint64_t now = baton_clock_now_ms();
    uint64_t left = 0;

    if (o->deadline_ms == 0) {
        return o->timeout_ms;
    }
    left = (o->deadline_ms > now) ? (o->deadline_ms - now) : 1;
    return (left < o->timeout_ms) ? (unsigned) left : o->timeout_ms;
}

baton_attrd_session_t *
baton_attrd_open(const struct baton_attrd_opts *opts)
{
    baton_attrd_session_t *s = calloc(1, sizeof(*s));

    baton_assert_alloc(s);
    if (opts != NULL) {
        s->o = *opts;
    }
    if (s->o.timeout_ms == 0) {
        s->o.timeout_ms = BATON_ATTRD_TIMEOUT_MS;
    }
    return s;
}

void
baton_attrd_close(baton_attrd_session_t *s)
{
    if (s != NULL) {
        baton_attrd_ipc_close(s->ipc);
        free(s);
    }
}

/* One exchange over the session's connection, made at the first request;
 * once it failed, the IPC stays out of this session */
static int
session_call(baton_attrd_session_t *s, const char *xml, char **reply)
{
    uint64_t deadline = baton_clock_now_ms() + budget(&s->o);
    int rc = s->ipc_rc;

    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (s->ipc == NULL) {
        rc = baton_attrd_ipc_open(baton_s(s->o.ipc_name, BATON_ATTRD_IPC_NAME),
                                  deadline, &s->ipc);
    }
    if (rc == BATON_RC_OK) {
        rc = baton_attrd_ipc_call(s->ipc, xml, deadline, reply);
    }
    if (rc != BATON_RC_OK) {
        /* a late reply would be read as the next request's */
        baton_attrd_ipc_close(s->ipc);
        s->ipc = NULL;
        s->ipc_rc = rc;
        baton_warn("pacemaker-attrd IPC not usable (%s)%s%s%s",
                   baton_rc_str(rc), s->o.no_fallback ? "" : ", running ",
                   s->o.no_fallback ? "" : baton_s(s->o.tool, BATON_ATTRD_TOOL),
                   s->o.no_fallback ? "" : " instead");
    }
    return rc;
}

pid_t
baton_attrd_session_server(const baton_attrd_session_t *s)
{
    return (s != NULL) ? baton_attrd_ipc_server(s->ipc) : 0;
}

int
baton_attrd_session_send(baton_attrd_session_t *s,
                         const struct baton_attrd_req *req,
                         enum baton_attrd_path *path)
{
    char *xml = NULL;
    int rc;

    if (path != NULL) {
        *path = BATON_ATTRD_PATH_NONE;
    }
    if ((s == NULL) || !req_valid(req)) {
        return EINVAL;
    }
    if (!s->o.tool_only) {
        rc = baton_attrd_xml(req, s->o.origin, &xml);
        if (rc == BATON_RC_OK) {
            rc = session_call(s, xml, NULL);
        }
        free(xml);
        if ((rc == BATON_RC_OK) || s->o.no_fallback) {
            if ((rc == BATON_RC_OK) && (path != NULL)) {
                *path = BATON_ATTRD_PATH_IPC;
            }
            return rc;
        }
    }
    rc = send_tool(req, baton_s(s->o.tool, BATON_ATTRD_TOOL), budget(&s->o));
    if ((rc == BATON_RC_OK) && (path != NULL)) {
        *path = BATON_ATTRD_PATH_TOOL;
    }
    return rc;
}

int
baton_attrd_session_query(baton_attrd_session_t *s, const char *name,
                          const char *node, char **value)
{
    /* the local node: as attrd_updater names it, from what Pacemaker
     * passes the agent, else attrd's own name */
    const char *asked = baton_s(node, baton_s(baton_attrd_target_node(
        getenv(ATTRD_ENV_ON_NODE), getenv(ATTRD_ENV_TARGET),
        getenv(ATTRD_ENV_PHYSICAL_HOST)), ATTRD_LOCALHOST));
    char *xml = NULL;
    char *reply = NULL;
    int rc;

    if ((s == NULL) || (name == NULL) || (name[0] == '\0') || (value == NULL)) {
        return EINVAL;
    }
    *value = NULL;
    if (!s->o.tool_only) {
        rc = baton_attrd_query_xml(name, asked, s->o.origin, &xml);
        if (rc == BATON_RC_OK) {
            rc = session_call(s, xml, &reply);
        }
        if (rc == BATON_RC_OK) {
            rc = baton_attrd_parse_reply(reply, name, asked, value);
            if (rc != BATON_RC_OK) {
                baton_warn("Cannot read pacemaker-attrd's answer for %s: %s",
                           name, reply);
            }
        }
        free(xml);
        free(reply);
        if ((rc == BATON_RC_OK) || s->o.no_fallback) {
            return rc;
        }
    }
    return tool_query(name, node, baton_s(s->o.tool, BATON_ATTRD_TOOL),
                      budget(&s->o), value);
}

int
baton_attrd_session_query_all(baton_attrd_session_t *s, const char *name,
                              struct baton_attrd_value **values, size_t *n)
{
    char *xml = NULL;
    char *reply = NULL;
    int rc;

    if ((s == NULL) || (name == NULL) || (name[0] == '\0') || (values == NULL)
        || (n == NULL)) {
        return EINVAL;
    }
    *values = NULL;
    *n = 0;
    if (s->o.tool_only) {
        return ENOTSUP;
    }
    rc = baton_attrd_query_xml(name, NULL, s->o.origin, &xml);
    if (rc == BATON_RC_OK) {
        rc = session_call(s, xml, &reply);
    }
    if (rc == BATON_RC_OK) {
        rc = baton_attrd_parse_reply_all(reply, name, values, n);
    }
    free(xml);
    free(reply);
    return rc;
}

int
baton_attrd_send(const struct baton_attrd_req *req,
                 const struct baton_attrd_opts *opts,
                 enum baton_attrd_path *path)
{
    baton_attrd_session_t *s = baton_attrd_open(opts);
    int rc = baton_attrd_session_send(s, req, path);

    baton_attrd_close(s);
    return rc;
}

int
baton_attrd_query(const char *name, const char *node,
                  const struct baton_attrd_opts *opts, char **value)
{
    baton_attrd_session_t *s = baton_attrd_open(opts);
    int rc = baton_attrd_session_query(s, name, node, value);

    baton_attrd_close(s);
    return rc;
}
