/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Fence options: key=value lines on stdin and getopt_long options on argv,
 * both resolved through the agent's table (names, aliases, '-' or '_').
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baton/fence.h"
#include "baton/log.h"

/* Long options get val = BATON_OPT_BASE + index into the param table */
#define BATON_OPT_BASE 0x1000
#define BATON_OPT_NAME_MAX 64
/* stdin is read in chunks into one buffer of ours, up to a bound */
#define BATON_FENCE_STDIN_CHUNK 4096U
#define BATON_FENCE_STDIN_MAX (1024U * 1024U)

const char *const baton_fence_action_choices[] = {
    BATON_FENCE_ACTION_ON, BATON_FENCE_ACTION_OFF, BATON_FENCE_ACTION_REBOOT,
    BATON_FENCE_ACTION_STATUS, BATON_FENCE_ACTION_MONITOR,
    BATON_FENCE_ACTION_LIST, BATON_FENCE_ACTION_LIST_ST,
    BATON_FENCE_ACTION_METADATA, BATON_FENCE_ACTION_MANPAGE,
    BATON_FENCE_ACTION_VALIDATE, NULL,
};
const int baton_fence_action_values[] = {
    BATON_FENCE_ACT_ON, BATON_FENCE_ACT_OFF, BATON_FENCE_ACT_REBOOT,
    BATON_FENCE_ACT_STATUS, BATON_FENCE_ACT_MONITOR, BATON_FENCE_ACT_LIST,
    BATON_FENCE_ACT_LIST_STATUS, BATON_FENCE_ACT_METADATA,
    BATON_FENCE_ACT_MANPAGE, BATON_FENCE_ACT_VALIDATE,
};

const char *const baton_fence_method_choices[] = {
    BATON_FENCE_METHOD_ONOFF, BATON_FENCE_METHOD_CYCLE, NULL,
};
const int baton_fence_method_values[] = {
    BATON_FENCE_REBOOT_ONOFF, BATON_FENCE_REBOOT_CYCLE,
};

static char *
trim(char *s)
{
    char *end = NULL;

    s += strspn(s, " \t\r\n");
    end = s + strlen(s);
    while ((end > s) && (strchr(" \t\r\n", end[-1]) != NULL)) {
        *--end = '\0';
    }
    return s;
}

/* The value of a flag read from stdin, as fence-agents reads it */
static const char *
flag_value(const char *value)
{
    bool b = false;

    if (baton_parse_bool(value, &b) != BATON_RC_OK) {
        return NULL;
    }
    return b ? "1" : "0";
}

/* fence-agents (fencing.py, _parse_input_stdin) drops one pair of double
 * quotes around a value: re.sub('^"(.*)"$', '\\1', value) */
static char *
unquote(char *value)
{
    size_t len = strlen(value);

    if ((len >= 2) && (value[0] == '"') && (value[len - 1] == '"')) {
        value[len - 1] = '\0';
        return value + 1;
    }
    return value;
}

static void
stdin_option(baton_params_t *params, char *line)
{
    char *eq = strchr(line, '=');
    const char *value = "";
    const struct baton_param_def *p = NULL;

    if (eq != NULL) {
        *eq = '\0';
        value = unquote(eq + 1);
    }
    line = trim(line);
    p = baton_params_find(baton_params_def(params), line);
    if (p == NULL) {
        baton_debug("Ignoring unknown option '%s'", line);
        return;
    }
    if ((p->type == BATON_PARAM_BOOLEAN) && (p->arg_name == NULL)) {
        value = flag_value(value);
        if (value == NULL) {
            baton_warn("Ignoring option %s: its value is not a boolean",
                       p->name);
            return;
        }
    }
    baton_params_set(params, p->name, value);
}

/* A buffer that may hold a password: it grows without leaving a copy */
struct secret_buf {
    char *data;
    size_t len;
    size_t cap;
};

static void
secret_buf_grow(struct secret_buf *b, size_t want)
{
    size_t cap = (b->cap == 0) ? BATON_FENCE_STDIN_CHUNK : b->cap;
    char *grown = NULL;

    while (cap < want + 1) {
        cap *= 2;
    }
    if (cap == b->cap) {
        return;
    }
    grown = calloc(cap, 1);
    baton_assert_alloc(grown);
    if (b->data != NULL) {
        memcpy(grown, b->data, b->len);
        explicit_bzero(b->data, b->cap);
        free(b->data);
    }
    b->data = grown;
    b->cap = cap;
}

static void
secret_buf_free(struct secret_buf *b)
{
    if (b->data != NULL) {
        explicit_bzero(b->data, b->cap);
    }
    free(b->data);
    *b = (struct secret_buf) { NULL, 0, 0 };
}

/* All of in, with read(2) when it has a descriptor: stdio would keep a
 * copy of the password in a buffer of its own that nobody wipes */
static int
read_all(FILE *in, struct secret_buf *b)
{
    int fd = fileno(in);

    for (;;) {
        ssize_t n = 0;

        if (b->len >= BATON_FENCE_STDIN_MAX) {
            return EFBIG;
        }
        secret_buf_grow(b, b->len + BATON_FENCE_STDIN_CHUNK);
        if (fd >= 0) {
            n = read(fd, b->data + b->len, BATON_FENCE_STDIN_CHUNK);
            if ((n < 0) && (errno == EINTR)) {
                continue;
            }
            if (n < 0) {
                return errno;
            }
        } else {
            n = (ssize_t) fread(b->data + b->len, 1, BATON_FENCE_STDIN_CHUNK,
                                in);
            if ((n == 0) && ferror(in)) {
                return EIO;
            }
        }
        if (n == 0) {
            return BATON_RC_OK;
        }
        b->len += (size_t) n;
    }
}

int
baton_fence_read_stdin(baton_params_t *params, FILE *in)
{
    struct secret_buf b = { NULL, 0, 0 };
    int rc = read_all(in, &b);
    char *line = b.data;

    while ((rc == BATON_RC_OK) && (line < b.data + b.len)) {
        char *end = memchr(line, '\n', (size_t) (b.data + b.len - line));
        char *next = (end != NULL) ? end + 1 : b.data + b.len;
        char *s = line;

        if (end == NULL) {
            end = b.data + b.len;
        }
        /* A value keeps inner and trailing blanks except the line end */
        *end = '\0';
        while ((end > line) && (end[-1] == '\r')) {
            *--end = '\0';
        }
        s += strspn(s, " \t");
        if ((*s != '\0') && (*s != '#')) {
            stdin_option(params, s);
        }
        line = next;
    }
    secret_buf_free(&b);
    return rc;
}

static void
dashed(char *dst, size_t len, const char *name, size_t name_len)
{
    size_t i = 0;

    for (; (i < name_len) && (i + 1 < len); i++) {
        dst[i] = (name[i] == '_') ? '-' : name[i];
    }
    dst[i] = '\0';
}

static size_t
count_names(const struct baton_agent_def *def)
{
    size_t n = 0;

    for (size_t i = 0; i < def->n_params; i++) {
        const char *a = def->params[i].aliases;

        n++;
        while ((a != NULL) && (*a != '\0')) {
            size_t len = strcspn(a, " ");

            n += (len > 0) ? 1 : 0;
            a += len;
            a += strspn(a, " ");
        }
    }
    return n;
}

static void
add_long(struct option *opts, char (*names)[BATON_OPT_NAME_MAX], size_t *n,
         const struct baton_param_def *p, size_t idx, const char *name,
         size_t len)
{
    dashed(names[*n], BATON_OPT_NAME_MAX, name, len);
    opts[*n] = (struct option) {
        .name = names[*n],
        .has_arg = (p->arg_name != NULL) ? required_argument : no_argument,
        .flag = NULL,
        .val = (int) (BATON_OPT_BASE + idx),
    };
    (*n)++;
}

/* One long option per name and alias, plus the short option string */
static void
build_options(const struct baton_agent_def *def, struct option *opts,
              char (*names)[BATON_OPT_NAME_MAX], char *shorts)
{
    size_t n = 0;
    size_t s = 0;

    for (size_t i = 0; i < def->n_params; i++) {
        const struct baton_param_def *p = &def->params[i];
        const char *a = p->aliases;

        add_long(opts, names, &n, p, i, p->name, strlen(p->name));
        while ((a != NULL) && (*a != '\0')) {
            size_t len = strcspn(a, " ");

            if (len > 0) {
                add_long(opts, names, &n, p, i, a, len);
            }
            a += len;
            a += strspn(a, " ");
        }
        if (p->short_opt != '\0') {
            shorts[s++] = p->short_opt;
            if (p->arg_name != NULL) {
                shorts[s++] = ':';
            }
        }
    }
    opts[n] = (struct option) { NULL, 0, NULL, 0 };
    shorts[s] = '\0';
}

static ssize_t
short_index(const struct baton_agent_def *def, int c)
{
    for (size_t i = 0; i < def->n_params; i++) {
        if (def->params[i].short_opt == c) {
            return (ssize_t) i;
        }
    }
    return -1;
}

/* Store one option; a secret is wiped from argv once copied */
static int
store_option(baton_params_t *params, ssize_t idx, baton_reason_t *why)
{
    const struct baton_param_def *p = &baton_params_def(params)->params[idx];

    if (p->arg_name == NULL) {
        return baton_params_set(params, p->name, "1");
    }
    baton_params_set(params, p->name, optarg);
    if ((p->flags & BATON_PARAM_SECRET) != 0) {
        explicit_bzero(optarg, strlen(optarg));
    }
    return BATON_RC_OK;
}

static int
getopt_loop(baton_params_t *params, int argc, char **argv,
            const struct option *opts, const char *shorts, baton_reason_t *why)
{
    const struct baton_agent_def *def = baton_params_def(params);
    int c;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
        ssize_t idx = (c >= BATON_OPT_BASE) ? (c - BATON_OPT_BASE)
                                            : short_index(def, c);

        if ((c == '?') || (c == ':') || (idx < 0)) {
            baton_reason_set(why, "Invalid option %s (see --help)",
                             argv[(optind > 1) ? optind - 1 : 1]);
            return BATON_RC_USAGE;
        }
        store_option(params, idx, why);
    }
    if (optind < argc) {
        baton_reason_set(why, "Unexpected argument '%s'", argv[optind]);
        return BATON_RC_USAGE;
    }
    return BATON_RC_OK;
}

int
baton_fence_parse_argv(baton_params_t *params, int argc, char **argv,
                       baton_reason_t *why)
{
    const struct baton_agent_def *def = baton_params_def(params);
    size_t n = count_names(def);
    struct option *opts = calloc(n + 1, sizeof(*opts));
    char (*names)[BATON_OPT_NAME_MAX] = calloc(n + 1, BATON_OPT_NAME_MAX);
    char *shorts = calloc(2 * def->n_params + 2, 1);
    int rc;

    baton_assert_alloc(opts);
    baton_assert_alloc(names);
    baton_assert_alloc(shorts);
    /* '+': stop at the first non-option, as fence-agents' getopt does */
    shorts[0] = '+';
    build_options(def, opts, names, shorts + 1);
    rc = getopt_loop(params, argc, argv, opts, shorts, why);
    free(shorts);
    free(names);
    free(opts);
    return rc;
}
