/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The fence-peer handler's input: its options as crm-fence-peer.9.sh
 * takes them (and $OCF_RESKEY_unfence_extra_args after them), DRBD's
 * environment, and the nodes to keep and to exclude that follow.
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "baton/ocf.h"
#include "fence_peer.h"

/* An option that takes a value */
struct opt_value {
    const char *name;        /* long, without "--" */
    char letter;             /* short, 0 for none */
    size_t offset;           /* of a const char * in struct fp_opts */
};

/* An option of seconds */
struct opt_secs {
    const char *name;
    const char *alias;
    char letter;
    size_t offset;           /* of an unsigned in struct fp_opts */
};

static const struct opt_value text_opts[] = {
    { "resource", 'r', offsetof(struct fp_opts, resource) },
    { "master-id", 'i', offsetof(struct fp_opts, master_id) },
    { "role", 'l', offsetof(struct fp_opts, role) },
    { "fencing-attribute", 'a', offsetof(struct fp_opts, fencing_attribute) },
    { "id-prefix", 'p', offsetof(struct fp_opts, id_prefix) },
    { "lock-dir", 0, offsetof(struct fp_opts, lock_dir) },
    { "lock-file", 0, offsetof(struct fp_opts, lock_file) },
    { "logfacility", 0, offsetof(struct fp_opts, logfacility) },
};

static const struct opt_secs secs_opts[] = {
    { "timeout", NULL, 't', offsetof(struct fp_opts, timeout_s) },
    { "dc-timeout", NULL, 'd', offsetof(struct fp_opts, dc_timeout_s) },
    { "flock-timeout", NULL, 0, offsetof(struct fp_opts, flock_timeout_s) },
    { "net-hickup", "network-hickup", 0,
      offsetof(struct fp_opts, net_hickup_s) },
};

/* "--name", "--name=value" or "-l": the value, or "" when it is the next
 * argument; NULL when \p arg is not this option */
static const char *
match(const char *arg, const char *name, const char *alias, char letter)
{
    const char *names[] = { name, alias };

    if ((letter != 0) && (arg[0] == '-') && (arg[1] == letter)
        && (arg[2] == '\0')) {
        return "";
    }
    for (size_t i = 0; i < 2; i++) {
        size_t len = (names[i] != NULL) ? strlen(names[i]) : 0;

        if ((len == 0) || (strncmp(arg, "--", 2) != 0)
            || (strncmp(arg + 2, names[i], len) != 0)) {
            continue;
        }
        if (arg[2 + len] == '\0') {
            return "";
        }
        if (arg[2 + len] == '=') {
            return arg + 3 + len;
        }
    }
    return NULL;
}

static bool
flag(const char *arg, const char *name, struct fp_opts *o)
{
    static const struct {
        const char *name;
        size_t offset;
    } flags[] = {
        { "quiet", offsetof(struct fp_opts, quiet) },
        { "unfence-only-if-owner-match",
          offsetof(struct fp_opts, unfence_only_if_owner_match) },
        { "flock-required", offsetof(struct fp_opts, flock_required) },
        { "CTS-mode", offsetof(struct fp_opts, cts_mode) },
        { "suicide-on-failure-if-primary",
          offsetof(struct fp_opts, suicide_on_failure_if_primary) },
    };

    (void) name;
    for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
        if ((strncmp(arg, "--", 2) == 0)
            && (strcmp(arg + 2, flags[i].name) == 0)) {
            *(bool *) ((char *) o + flags[i].offset) = true;
            return true;
        }
    }
    return false;
}

/* One argument (and maybe the next); \return how many were used */
static int
one(char **args, int i, int n, bool tty, struct fp_opts *o)
{
    const char *a = args[i];
    const char *v;

    if (flag(a, NULL, o)) {
        return 1;
    }
    if (strcmp(a, "--unreachable-peer-is-outdated") == 0) {
        /* an operator's decision at a terminal, never a configured one */
        o->unreachable_peer_is_outdated = tty;
        return 1;
    }
    for (size_t k = 0; k < sizeof(text_opts) / sizeof(text_opts[0]); k++) {
        v = match(a, text_opts[k].name, NULL, text_opts[k].letter);
        if (v == NULL) {
            continue;
        }
        if ((*v == '\0') && (i + 1 < n)) {
            v = args[i + 1];
            *(const char **) ((char *) o + text_opts[k].offset) = v;
            return 2;
        }
        *(const char **) ((char *) o + text_opts[k].offset) = v;
        return 1;
    }
    for (size_t k = 0; k < sizeof(secs_opts) / sizeof(secs_opts[0]); k++) {
        int used = 1;
        char *end = NULL;
        unsigned long s;

        v = match(a, secs_opts[k].name, secs_opts[k].alias,
                  secs_opts[k].letter);
        if (v == NULL) {
            continue;
        }
        if ((*v == '\0') && (i + 1 < n)) {
            v = args[i + 1];
            used = 2;
        }
        s = strtoul(v, &end, 10);
        if ((*v >= '0') && (*v <= '9') && (*end == '\0') && (s < 86400)) {
            *(unsigned *) ((char *) o + secs_opts[k].offset) = (unsigned) s;
        } else {
            fprintf(stderr, "ignoring bad value '%s' of %s\n", v, a);
        }
        return used;
    }
    fprintf(stderr, "ignoring unknown %s %s\n",
            (a[0] == '-') ? "option" : "argument", a);
    return 1;
}

int
fp_opts_parse(int argc, char **argv, char *extra, bool tty,
              struct fp_opts *o)
{
    char *args[256];
    int n = 0;
    char *copy = strdup((argv[0] != NULL) ? argv[0] : "");
    const char *prog = (copy != NULL) ? basename(copy) : "";

    memset(o, 0, sizeof(*o));
    o->fencing_attribute = FP_UNAME_ATTR;
    o->id_prefix = FP_ID_PREFIX;
    o->timeout_s = 90;
    o->dc_timeout_s = 20;
    o->flock_timeout_s = 120;
    o->lock_dir = FP_LOCK_DIR;
    o->logfacility = "local5";
    /* crm-fence-peer.* fences, crm-unfence-peer.* unfences: the same here */
    if ((strncmp(prog, "baton-fence-peer", 16) == 0)
        || (strncmp(prog, "crm-fence-peer", 14) == 0)) {
        o->action = FP_FENCE;
    } else if ((strncmp(prog, "baton-unfence-peer", 18) == 0)
               || (strncmp(prog, "crm-unfence-peer", 16) == 0)) {
        o->action = FP_UNFENCE;
    } else {
        free(copy);
        return -1;
    }
    free(copy);
    for (int i = 1; (i < argc) && (n < 200); i++) {
        args[n++] = argv[i];
    }
    for (char *save = NULL, *w = (extra != NULL) ? strtok_r(extra, " \t\n",
                                                            &save) : NULL;
         (w != NULL) && (n < 255); w = strtok_r(NULL, " \t\n", &save)) {
        args[n++] = w;
    }
    for (int i = 0; i < n;) {
        i += one(args, i, n, tty, o);
    }
    if (o->lock_dir[0] != '/') {
        fprintf(stderr, "lock_dir must be an absolute path, not [%s]; "
                "using %s\n", o->lock_dir, FP_LOCK_DIR);
        o->lock_dir = FP_LOCK_DIR;
    }
    return 0;
}

void
fp_env_read(char *const *envp, struct fp_env *env)
{
    const char *v;
    char name[32];

    memset(env, 0, sizeof(*env));
    env->resource = baton_env_get(envp, "DRBD_RESOURCE");
    env->peer = baton_env_get(envp, "DRBD_PEER");
    env->minors = baton_env_get(envp, "DRBD_MINOR");
    env->my_node_id = -1;
    v = baton_env_get(envp, "DRBD_MY_NODE_ID");
    if ((v != NULL) && (v[0] >= '0') && (v[0] <= '9')
        && (v[strspn(v, "0123456789")] == '\0') && (strlen(v) <= 2)) {
        env->my_node_id = atoi(v);
    }
    v = baton_env_get(envp, "UP_TO_DATE_NODES");
    if ((v != NULL) && (v[0] != '\0')) {
        char *end = NULL;

        env->have_mask = true;
        if ((strncasecmp(v, "0x", 2) == 0) && (v[2] != '\0')) {
            env->up_to_date = (uint32_t) strtoul(v + 2, &end, 16);
        }
        if ((end == NULL) || (*end != '\0') || (strlen(v) > 10)) {
            env->have_mask = false;   /* fp_lists_setup() says why */
            env->up_to_date = UINT32_MAX;
        }
    }
    for (int i = 0; i < FP_MAX_NODES; i++) {
        snprintf(name, sizeof(name), "DRBD_NODE_ID_%d", i);
        v = baton_env_get(envp, name);
        env->node_names[i] = ((v != NULL) && (v[0] != '\0')) ? v : NULL;
    }
}

static void
add(struct fp_node *list, size_t *n, int id, const char *name)
{
    if (*n < FP_MAX_NODES) {
        list[*n].id = id;
        snprintf(list[*n].name, sizeof(list[*n].name), "%s", name);
        (*n)++;
    }
}

int
fp_lists_setup(const struct fp_env *env, const char *self,
               struct fp_lists *l, char *why, size_t why_size)
{
    memset(l, 0, sizeof(*l));
    if (!env->have_mask && (env->up_to_date == UINT32_MAX)) {
        snprintf(why, why_size, "Unexpected UP_TO_DATE_NODES: a 0x... hex "
                 "mask was expected");
        return -1;
    }
    if (!env->have_mask) {
        /* DRBD 8.4: this node and its one peer */
        add(l->include, &l->n_include, 0, self);
        if ((env->peer != NULL) && (env->peer[0] != '\0')) {
            add(l->exclude, &l->n_exclude, 1, env->peer);
        }
        return 0;
    }
    if (env->my_node_id < 0) {
        snprintf(why, why_size, "DRBD_MY_NODE_ID is not a decimal number");
        return -1;
    }
    if ((env->up_to_date & (1U << env->my_node_id)) == 0) {
        snprintf(why, why_size, "This node (%d) is not in UP_TO_DATE_NODES "
                 "(0x%x) itself", env->my_node_id, env->up_to_date);
        return -1;
    }
    for (int i = 0; i < FP_MAX_NODES; i++) {
        if (env->node_names[i] == NULL) {
            continue;
        }
        if (env->up_to_date & (1U << i)) {
            add(l->include, &l->n_include, i, env->node_names[i]);
        } else {
            add(l->exclude, &l->n_exclude, i, env->node_names[i]);
        }
    }
    return 0;
}

void
fp_id_prefix(const struct fp_opts *o, const char *resource, char *buf,
             size_t size)
{
    size_t plen = strlen(o->id_prefix);
    size_t rlen = strlen(resource);

    /* one constraint per DRBD resource, even for resources of one clone;
     * a prefix that already ends in -RESOURCE is kept as it is */
    if ((plen > rlen) && (o->id_prefix[plen - rlen - 1] == '-')
        && (strcmp(o->id_prefix + plen - rlen, resource) == 0)) {
        snprintf(buf, size, "%s", o->id_prefix);
    } else {
        snprintf(buf, size, "%s-%s", o->id_prefix, resource);
    }
}
