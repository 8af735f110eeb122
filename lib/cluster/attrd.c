/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Node attribute requests: the message pacemaker-attrd expects, and the
 * choice between its IPC and the attrd_updater program.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/attrd.h"
#include "baton/child.h"
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

static bool
req_valid(const struct baton_attrd_req *req)
{
    if ((req == NULL) || (req->name == NULL) || (req->name[0] == '\0')) {
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

int
baton_attrd_send(const struct baton_attrd_req *req,
                 const struct baton_attrd_opts *opts,
                 enum baton_attrd_path *path)
{
    struct baton_attrd_opts o = { 0 };
    char *xml = NULL;
    int rc;

    if (path != NULL) {
        *path = BATON_ATTRD_PATH_NONE;
    }
    if (!req_valid(req)) {
        return EINVAL;
    }
    if (opts != NULL) {
        o = *opts;
    }
    o.timeout_ms = (o.timeout_ms == 0) ? BATON_ATTRD_TIMEOUT_MS : o.timeout_ms;
    if (!o.tool_only) {
        rc = baton_attrd_xml(req, o.origin, &xml);
        if (rc == BATON_RC_OK) {
            rc = baton_attrd_ipc_send(baton_s(o.ipc_name, BATON_ATTRD_IPC_NAME),
                                      xml, o.timeout_ms);
        }
        free(xml);
        if (rc == BATON_RC_OK) {
            if (path != NULL) {
                *path = BATON_ATTRD_PATH_IPC;
            }
            return rc;
        }
        if (o.no_fallback) {
            return rc;
        }
        baton_warn("pacemaker-attrd IPC not usable (%s), running %s instead",
                   baton_rc_str(rc), baton_s(o.tool, BATON_ATTRD_TOOL));
    }
    rc = send_tool(req, baton_s(o.tool, BATON_ATTRD_TOOL), o.timeout_ms);
    if ((rc == BATON_RC_OK) && (path != NULL)) {
        *path = BATON_ATTRD_PATH_TOOL;
    }
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
        char *v = NULL;
        bool same = false;

        if ((end == NULL) || !xml_tag_attr(tag, end, "name", &n)) {
            return BATON_RC_PROTOCOL;
        }
        same = (n != NULL) && (strcmp(n, name) == 0);
        free(n);
        if (!same) {
            continue;
        }
        if (!xml_tag_attr(tag, end, "value", &v)) {
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

int
baton_attrd_query(const char *name, const char *node,
                  const struct baton_attrd_opts *opts, char **value)
{
    /* XML: the one answer form Pacemaker 2.1 and 3.0 write alike */
    const char *argv[] = { NULL, "-Q", "--output-as=xml", "-n", name, NULL,
                           NULL, NULL };
    struct baton_attrd_opts o = { 0 };
    baton_child_t *child = NULL;
    int rc;

    if ((name == NULL) || (name[0] == '\0') || (value == NULL)) {
        return EINVAL;
    }
    *value = NULL;
    if (opts != NULL) {
        o = *opts;
    }
    argv[0] = baton_s(o.tool, BATON_ATTRD_TOOL);
    if (node != NULL) {
        argv[5] = "-N";
        argv[6] = node;
    }
    child = baton_child_new(argv);
    baton_child_set_timeout(child, (o.timeout_ms == 0)
                                   ? BATON_ATTRD_TIMEOUT_MS : o.timeout_ms);
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
