/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:ping: what an invocation adds to the parsed parameters (state
 * file, attribute's node, the timeout bounded by the action's), and the
 * score.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/log.h"
#include "baton/rc.h"
#include "ping.h"

#define PING_VARRUN_DFLT "/var/run"

long long
ping_score(size_t reachable, long long multiplier)
{
    return (long long) reachable * multiplier;
}

bool
ping_score_fails(const struct ping_conf *conf, long long score)
{
    return conf->has_failure_score && (score < conf->failure_score);
}

unsigned long
ping_timeout_ms(long long given, unsigned attempts, unsigned long action_ms)
{
    unsigned long t = (given < 0) ? PING_TIMEOUT_DFLT_MS
                                  : (unsigned long) given;
    unsigned long spread = (unsigned long) ((attempts > 0) ? attempts - 1 : 0)
                           * PING_SPACING_MS;
    unsigned long budget = (action_ms / 10) * 9;

    if (t == 0) {
        t = PING_TIMEOUT_ZERO_MS;
    } else if (t > PING_TIMEOUT_MAX_MS) {
        t = PING_TIMEOUT_MAX_MS;
    }
    /* The probe must end before pacemaker kills the action */
    if ((action_ms > 0) && (t + spread > budget)) {
        t = (budget > spread + 100) ? budget - spread : 100;
    }
    return t;
}

char *
ping_state_file(const char *varrun, bool globally_unique, const char *name,
                const char *instance)
{
    char *path = NULL;
    size_t len;
    const char *dir = ((varrun != NULL) && (varrun[0] != '\0'))
                      ? varrun : PING_VARRUN_DFLT;

    len = strlen(dir);
    while ((len > 1) && (dir[len - 1] == '/')) {
        len--;
    }
    if (asprintf(&path, "%.*s/ping-%s", (int) len, dir,
                 globally_unique ? instance : name) < 0) {
        path = NULL;
    }
    baton_assert_alloc(path);
    return path;
}

/* The state file: the pidfile given, else from the name or instance */
static void
derive_state_file(baton_ocf_t *ocf, struct ping_conf *conf)
{
    const char *unique = baton_ocf_meta(ocf, "globally_unique");
    bool is_unique = false;

    if (conf->pidfile != NULL) {
        conf->state_file = strdup(conf->pidfile);
        baton_assert_alloc(conf->state_file);
        return;
    }
    if ((unique != NULL) && (baton_parse_bool(unique, &is_unique) != 0)) {
        is_unique = false;
    }
    conf->state_file = ping_state_file(getenv("HA_VARRUN"), is_unique,
                                       conf->name, baton_ocf_instance(ocf));
}

/* What the invocation adds to the parameters */
static void
derive(baton_ocf_t *ocf, struct ping_conf *conf)
{
    unsigned long ms = conf->dampen_ms;

    derive_state_file(ocf, conf);
    conf->node = baton_attrd_target_node(
        baton_ocf_meta(ocf, "on_node"),
        baton_ocf_meta(ocf, "container_attribute_target"),
        baton_ocf_meta(ocf, "physical_host"));
    conf->timeout_ms = ping_timeout_ms((long long) conf->timeout_ms,
                                       conf->attempts,
                                       baton_ocf_timeout_ms(ocf));
    /* attrd reads either unit; whole seconds read as they were given */
    snprintf(conf->dampen, sizeof(conf->dampen),
             ((ms % 1000) == 0) ? "%lus" : "%lums",
             ((ms % 1000) == 0) ? ms / 1000 : ms);
}

int
ping_conf_parse(baton_ocf_t *ocf, struct ping_conf *conf, baton_reason_t *why)
{
    int rc;

    memset(conf, 0, sizeof(*conf));
    rc = baton_params_parse(baton_ocf_params(ocf), conf, why);
    if (rc == BATON_RC_OK) {
        derive(ocf, conf);
    }
    return rc;
}

int
ping_conf_parse_lenient(baton_ocf_t *ocf, struct ping_conf *conf,
                        baton_reason_t *why)
{
    int rc;

    memset(conf, 0, sizeof(*conf));
    rc = baton_params_parse_lenient(baton_ocf_params(ocf), conf, why);
    derive(ocf, conf);
    return rc;
}

void
ping_conf_clear(struct ping_conf *conf)
{
    baton_free(conf->state_file);
}
