/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Parameter values and their validation against an agent's table.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "baton/log.h"
#include "baton/params.h"
#include "baton/rc.h"

#define BATON_OCF_RESKEY_PREFIX "OCF_RESKEY_"

struct baton_params_s {
    const struct baton_agent_def *def;
    char **values;                  /* parallel to def->params; owned */
    bool quiet_obsolete;            /* no warning for a harmless obsolete */
};

/* Drop the value of parameter i; a secret is wiped first (a value given
 * twice leaves no copy of the first behind) */
static void
drop_value(baton_params_t *params, size_t i)
{
    if ((params->values[i] != NULL)
        && ((params->def->params[i].flags & BATON_PARAM_SECRET) != 0)) {
        explicit_bzero(params->values[i], strlen(params->values[i]));
    }
    free(params->values[i]);
    params->values[i] = NULL;
}

baton_params_t *
baton_params_new(const struct baton_agent_def *def)
{
    baton_params_t *params = calloc(1, sizeof(*params));

    baton_assert_alloc(params);
    params->def = def;
    params->values = calloc(def->n_params + 1, sizeof(char *));
    baton_assert_alloc(params->values);
    return params;
}

void
baton_params_free(baton_params_t *params)
{
    if (params == NULL) {
        return;
    }
    for (size_t i = 0; i < params->def->n_params; i++) {
        drop_value(params, i);
    }
    free(params->values);
    free(params);
}

void
baton_params_set_quiet_obsolete(baton_params_t *params, bool quiet)
{
    params->quiet_obsolete = quiet;
}

bool
baton_params_quiet_obsolete(const baton_params_t *params)
{
    return params->quiet_obsolete;
}

const struct baton_agent_def *
baton_params_def(const baton_params_t *params)
{
    return params->def;
}

/* Compare names; for fence agents '-' and '_' are the same character. */
static bool
name_eq(const char *a, size_t a_len, const char *b, bool fold_dash)
{
    size_t i = 0;

    for (; i < a_len && b[i] != '\0'; i++) {
        char ca = a[i];
        char cb = b[i];

        if (fold_dash) {
            ca = (ca == '-') ? '_' : ca;
            cb = (cb == '-') ? '_' : cb;
        }
        if (ca != cb) {
            return false;
        }
    }
    return (i == a_len) && (b[i] == '\0');
}

static bool
aliases_match(const char *aliases, const char *name, bool fold_dash)
{
    const char *p = aliases;

    while ((p != NULL) && (*p != '\0')) {
        size_t len = strcspn(p, " ");

        if ((len > 0) && name_eq(p, len, name, fold_dash)) {
            return true;
        }
        p += len;
        p += strspn(p, " ");
    }
    return false;
}

static ssize_t
param_index(const struct baton_agent_def *def, const char *name)
{
    bool fold = (def->kind == BATON_AGENT_FENCE);

    if (name == NULL) {
        return -1;
    }
    for (size_t i = 0; i < def->n_params; i++) {
        const struct baton_param_def *p = &def->params[i];

        if (name_eq(p->name, strlen(p->name), name, fold)
            || aliases_match(p->aliases, name, fold)) {
            return (ssize_t) i;
        }
    }
    return -1;
}

const struct baton_param_def *
baton_params_find(const struct baton_agent_def *def, const char *name)
{
    ssize_t i = param_index(def, name);

    return (i < 0) ? NULL : &def->params[i];
}

int
baton_params_set(baton_params_t *params, const char *name, const char *value)
{
    ssize_t i = param_index(params->def, name);

    if (i < 0) {
        return ENOENT;
    }
    drop_value(params, (size_t) i);
    params->values[i] = strdup((value != NULL) ? value : "");
    baton_assert_alloc(params->values[i]);
    return BATON_RC_OK;
}

void
baton_params_load_env(baton_params_t *params, char *const *envp)
{
    const size_t plen = strlen(BATON_OCF_RESKEY_PREFIX);

    for (char *const *e = envp; (e != NULL) && (*e != NULL); e++) {
        const char *eq = strchr(*e, '=');
        const char *name = *e + plen;

        if ((eq == NULL) || (strncmp(*e, BATON_OCF_RESKEY_PREFIX, plen) != 0)) {
            continue;
        }
        for (size_t i = 0; i < params->def->n_params; i++) {
            const char *pname = params->def->params[i].name;

            if (name_eq(name, (size_t) (eq - name), pname, false)) {
                drop_value(params, i);
                params->values[i] = strdup(eq + 1);
                baton_assert_alloc(params->values[i]);
                break;
            }
        }
    }
}

bool
baton_params_is_set(const baton_params_t *params, const char *name)
{
    ssize_t i = param_index(params->def, name);

    return (i >= 0) && (params->values[i] != NULL);
}

const char *
baton_params_get(const baton_params_t *params, const char *name)
{
    ssize_t i = param_index(params->def, name);

    if (i < 0) {
        return NULL;
    }
    if (params->values[i] != NULL) {
        return params->values[i];
    }
    return params->def->params[i].dflt;
}

int
baton_parse_int(const char *text, long long *out)
{
    char *end = NULL;
    long long v;

    if ((text == NULL) || (*text == '\0') || isspace((unsigned char) *text)) {
        return BATON_RC_CONFIG;
    }
    errno = 0;
    v = strtoll(text, &end, 10);
    if ((errno != 0) || (end == text) || (*end != '\0')) {
        return BATON_RC_CONFIG;
    }
    *out = v;
    return BATON_RC_OK;
}

int
baton_parse_bool(const char *text, bool *out)
{
    static const char *const yes[] = { "1", "yes", "y", "true", "on", NULL };
    static const char *const no[] = { "0", "no", "n", "false", "off", NULL };

    if (text == NULL) {
        return BATON_RC_CONFIG;
    }
    for (size_t i = 0; yes[i] != NULL; i++) {
        if (strcasecmp(text, yes[i]) == 0) {
            *out = true;
            return BATON_RC_OK;
        }
        if (strcasecmp(text, no[i]) == 0) {
            *out = false;
            return BATON_RC_OK;
        }
    }
    return BATON_RC_CONFIG;
}

int
baton_duration_parse_ms(const char *text, unsigned long *ms)
{
    char *end = NULL;
    unsigned long long v = 0;
    unsigned long mult = 1000;

    if ((text == NULL) || !isdigit((unsigned char) text[0])) {
        return BATON_RC_CONFIG;
    }
    v = strtoull(text, &end, 10);
    while (*end == ' ') {
        end++;
    }
    if (strcmp(end, "ms") == 0 || strcmp(end, "msec") == 0) {
        mult = 1;
    } else if ((*end == '\0') || (strcmp(end, "s") == 0)
               || (strcmp(end, "sec") == 0)) {
        mult = 1000;
    } else if ((strcmp(end, "min") == 0) || (strcmp(end, "m") == 0)) {
        mult = 60000;
    } else {
        return BATON_RC_CONFIG;
    }
    if (v > (unsigned long long) (86400000ULL / mult)) {
        return BATON_RC_CONFIG;   /* more than a day is a mistake */
    }
    *ms = (unsigned long) (v * mult);
    return BATON_RC_OK;
}

const char *
baton_param_type_str(enum baton_param_type type)
{
    switch (type) {
        case BATON_PARAM_INTEGER: return "integer";
        case BATON_PARAM_BOOLEAN: return "boolean";
        case BATON_PARAM_SELECT:  return "select";
        case BATON_PARAM_STRING:
        default:
            return "string";
    }
}

/* An obsolete parameter with a value: harmless when it asks for nothing */
static int
obsolete_check(const struct baton_param_def *p, const char *given,
               bool warn, baton_reason_t *why)
{
    bool b = true;

    if (((p->compat_value != NULL) && (strcmp(given, p->compat_value) == 0))
        || ((p->type == BATON_PARAM_BOOLEAN)
            && (baton_parse_bool(given, &b) == BATON_RC_OK) && !b)) {
        if (!warn) {
            return BATON_RC_OK;
        }
        baton_warn("Ignoring parameter %s=%s: %s", p->name, given,
                   baton_s(p->note, "the feature no longer exists"));
        return BATON_RC_OK;
    }
    baton_reason_set(why, "Parameter %s is not supported: %s", p->name,
                     baton_s(p->note, "the feature no longer exists"));
    return BATON_RC_CONFIG;
}

/* ------------------------------------------------------------------ */
/* Typed parsing: each value parsed once, into the agent's struct */

/* Store v in an integer field of 1, 2, 4 or 8 bytes; false if it does not fit */
static bool
store_int(void *field, size_t size, long long v, bool is_signed)
{
    switch (size) {
        case sizeof(int8_t):
            if (is_signed ? (v < INT8_MIN || v > INT8_MAX)
                          : (v < 0 || v > UINT8_MAX)) {
                return false;
            }
            *(int8_t *) field = (int8_t) v;
            return true;
        case sizeof(int16_t):
            if (is_signed ? (v < INT16_MIN || v > INT16_MAX)
                          : (v < 0 || v > UINT16_MAX)) {
                return false;
            }
            *(int16_t *) field = (int16_t) v;
            return true;
        case sizeof(int32_t):
            if (is_signed ? (v < INT32_MIN || v > INT32_MAX)
                          : (v < 0 || v > (long long) UINT32_MAX)) {
                return false;
            }
            *(int32_t *) field = (int32_t) v;
            return true;
        case sizeof(int64_t):
            if (!is_signed && (v < 0)) {
                return false;
            }
            *(int64_t *) field = (int64_t) v;
            return true;
        default:
            return false;
    }
}

/* What the reason quotes: never a secret */
static const char *
shown(const struct baton_param_def *p, const char *v)
{
    return ((p->flags & BATON_PARAM_SECRET) != 0) ? "(secret)" : v;
}

static int
parse_int_kind(const struct baton_param_def *p, const char *v, void *field,
               baton_reason_t *why)
{
    long long n = 0;
    /* A range that starts at 0 or above is stored unsigned: a field of
     * uint32_t can then take values up to UINT32_MAX */
    bool is_signed = ((p->flags & BATON_PARAM_RANGE) == 0) || (p->min < 0);

    if (baton_parse_int(v, &n) != BATON_RC_OK) {
        baton_reason_set(why, "'%s' is not an integer", shown(p, v));
        return BATON_RC_CONFIG;
    }
    if (((p->flags & BATON_PARAM_RANGE) != 0)
        && ((n < p->min) || (n > p->max))) {
        baton_reason_set(why, "%lld is not between %lld and %lld", n,
                         p->min, p->max);
        return BATON_RC_CONFIG;
    }
    if ((field != NULL) && !store_int(field, p->size, n, is_signed)) {
        baton_reason_set(why, "%lld is out of range", n);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

static int
parse_choice_kind(const struct baton_param_def *p, const char *v,
                  void *field, baton_reason_t *why)
{
    for (size_t i = 0; (p->choices != NULL) && (p->choices[i] != NULL); i++) {
        if (strcmp(v, p->choices[i]) == 0) {
            if (field != NULL) {
                *(int *) field = (p->choice_values != NULL)
                                 ? p->choice_values[i] : (int) i;
            }
            return BATON_RC_OK;
        }
    }
    baton_reason_set(why, "'%s' is not one of the accepted values",
                     shown(p, v));
    return BATON_RC_CONFIG;
}

/* The kind's own parse; the reason it writes has no parameter name */
static int
parse_kind(const struct baton_param_def *p, const char *v, void *field,
           baton_reason_t *why)
{
    bool b = false;
    unsigned long ms = 0;

    switch (p->kind) {
        case BATON_KIND_TEXT:
            if (field != NULL) {
                *(const char **) field = v;
            }
            return BATON_RC_OK;
        case BATON_KIND_INT:
            return parse_int_kind(p, v, field, why);
        case BATON_KIND_BOOL:
            if (baton_parse_bool(v, &b) != BATON_RC_OK) {
                baton_reason_set(why, "'%s' is not a boolean (true/false)",
                                 shown(p, v));
                return BATON_RC_CONFIG;
            }
            if (field != NULL) {
                *(bool *) field = b;
            }
            return BATON_RC_OK;
        case BATON_KIND_DURATION_MS:
            if (baton_duration_parse_ms(v, &ms) != BATON_RC_OK) {
                baton_reason_set(why, "'%s' is not a duration (e.g. 2, 2s, "
                                 "500ms, 1min)", shown(p, v));
                return BATON_RC_CONFIG;
            }
            if (field != NULL) {
                *(unsigned long *) field = ms;
            }
            return BATON_RC_OK;
        case BATON_KIND_CHOICE:
            return parse_choice_kind(p, v, field, why);
        case BATON_KIND_CUSTOM:
        default:
            return BATON_RC_OK;
    }
}

/* One parameter: required, obsolete, kind, own hook; reason named */
static int
parse_one(const baton_params_t *params, const struct baton_param_def *p,
          const char *given, void *conf, baton_reason_t *why)
{
    const char *v = ((given != NULL) && (*given != '\0')) ? given : p->dflt;
    void *field = (p->size != 0) ? (char *) conf + p->offset : NULL;
    baton_reason_t inner = BATON_REASON_INIT;
    int rc;

    if (((p->flags & BATON_PARAM_OBSOLETE) != 0) && (given != NULL)
        && (*given != '\0')) {
        return obsolete_check(p, given, !params->quiet_obsolete, why);
    }
    if ((v == NULL) || (*v == '\0')) {
        if ((p->flags & BATON_PARAM_REQUIRED) != 0) {
            baton_reason_set(why, "Required parameter %s is not set", p->name);
            return BATON_RC_CONFIG;
        }
        return BATON_RC_OK;
    }
    rc = parse_kind(p, v, field, &inner);
    if ((rc == BATON_RC_OK) && (p->parse != NULL)) {
        rc = p->parse(v, field, &inner);
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Parameter %s: %s", p->name,
                         baton_reason_is_set(&inner)
                         ? inner.text : "invalid value");
        return BATON_RC_CONFIG;
    }
    if (p->given_offset != 0) {
        *(bool *) ((char *) conf + p->given_offset - 1) = true;
    }
    return BATON_RC_OK;
}

int
baton_params_parse(const baton_params_t *params, void *conf,
                   baton_reason_t *why)
{
    const struct baton_agent_def *def = params->def;

    for (size_t i = 0; i < def->n_params; i++) {
        int rc = parse_one(params, &def->params[i], params->values[i], conf,
                           why);

        if (rc != BATON_RC_OK) {
            return rc;
        }
    }
    return (def->conf_check != NULL) ? def->conf_check(conf, why)
                                     : BATON_RC_OK;
}

/* parse_one(), but a failure leaves the field as it was: a kind may have
 * stored the text before the parameter's hook refused it */
static int
parse_one_or_keep(const baton_params_t *params,
                  const struct baton_param_def *p, const char *given,
                  void *conf, baton_reason_t *why)
{
    void *field = (p->size != 0) ? (char *) conf + p->offset : NULL;
    void *saved = NULL;
    int rc;

    if (field != NULL) {
        saved = calloc(1, p->size);
        baton_assert_alloc(saved);
        memcpy(saved, field, p->size);
    }
    rc = parse_one(params, p, given, conf, why);
    if ((rc != BATON_RC_OK) && (field != NULL)) {
        memcpy(field, saved, p->size);
    }
    free(saved);
    return rc;
}

int
baton_params_parse_lenient(const baton_params_t *params, void *conf,
                           baton_reason_t *why)
{
    const struct baton_agent_def *def = params->def;
    int first = BATON_RC_OK;

    for (size_t i = 0; i < def->n_params; i++) {
        const struct baton_param_def *p = &def->params[i];
        baton_reason_t ignored = BATON_REASON_INIT;

        if (parse_one_or_keep(params, p, params->values[i], conf, why)
            == BATON_RC_OK) {
            continue;
        }
        first = BATON_RC_CONFIG;    /* why keeps the first reason */
        if (p->dflt != NULL) {
            (void) parse_one_or_keep(params, p, NULL, conf, &ignored);
        }
    }
    if (first != BATON_RC_OK) {
        return first;
    }
    return (def->conf_check != NULL) ? def->conf_check(conf, why)
                                     : BATON_RC_OK;
}

void
baton_params_conf_release(const baton_params_t *params, void *conf)
{
    if ((conf != NULL) && (params->def->conf_free != NULL)) {
        params->def->conf_free(conf);
    }
}

int
baton_params_check_all(const baton_params_t *params, baton_reason_t *why)
{
    void *conf = NULL;
    int rc;

    /* an agent without fields still gets its values checked */
    conf = calloc(1, (params->def->conf_size > 0) ? params->def->conf_size
                                                   : 1);
    baton_assert_alloc(conf);
    rc = baton_params_parse(params, conf, why);
    baton_params_conf_release(params, conf);
    free(conf);
    return rc;
}
