/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:ping: the parameters as pacemaker's ping reads them, and the
 * score.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "baton/check.h"
#include "baton/icmp.h"
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

enum ping_debug
ping_debug_parse(const char *text, bool *valid)
{
    static const char *const on[] = { "true", "1", NULL };
    static const char *const off[] = { "false", "0", NULL };
    static const char *const verbose[] = { "verbose", "2", NULL };

    *valid = true;
    for (size_t i = 0; (text != NULL) && (on[i] != NULL); i++) {
        if (strcasecmp(text, on[i]) == 0) {
            return PING_DEBUG_ON;
        }
        if (strcasecmp(text, verbose[i]) == 0) {
            return PING_DEBUG_VERBOSE;
        }
        if (strcasecmp(text, off[i]) == 0) {
            return PING_DEBUG_OFF;
        }
    }
    *valid = (text == NULL);
    return PING_DEBUG_OFF;
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

static int
parse_numbers(baton_ocf_t *ocf, struct ping_conf *conf, baton_reason_t *why)
{
    const baton_params_t *p = baton_ocf_params(ocf);
    long long attempts = 0;
    unsigned long timeout = 0;
    long long given = -1;

    if ((baton_params_get_int(p, PING_MULTIPLIER, &conf->multiplier) != 0)
        || (baton_params_get_int(p, PING_ATTEMPTS, &attempts) != 0)) {
        baton_reason_set(why, "Parameters " PING_MULTIPLIER " and "
                         PING_ATTEMPTS " must be integers");
        return BATON_RC_CONFIG;
    }
    conf->attempts = (attempts > BATON_ICMP_MAX_ATTEMPTS)
                     ? BATON_ICMP_MAX_ATTEMPTS : (unsigned) attempts;
    if (baton_params_is_set(p, PING_TIMEOUT)
        && (baton_params_get(p, PING_TIMEOUT)[0] != '\0')) {
        if (baton_duration_parse_ms(baton_params_get(p, PING_TIMEOUT),
                                    &timeout) != BATON_RC_OK) {
            return BATON_RC_CONFIG;    /* validation said why */
        }
        given = (long long) timeout;
    }
    conf->timeout_ms = ping_timeout_ms(given, conf->attempts,
                                       baton_ocf_timeout_ms(ocf));
    conf->has_failure_score = baton_params_is_set(p, PING_FAILURE_SCORE)
                              && (baton_params_get(p, PING_FAILURE_SCORE)[0]
                                  != '\0');
    if (conf->has_failure_score
        && (baton_params_get_int(p, PING_FAILURE_SCORE,
                                 &conf->failure_score) != BATON_RC_OK)) {
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

static void
parse_state_file(baton_ocf_t *ocf, struct ping_conf *conf)
{
    const char *given = baton_ocf_param(ocf, PING_PIDFILE);
    const char *unique = baton_ocf_meta(ocf, "globally_unique");
    bool is_unique = false;

    if ((given != NULL) && (given[0] != '\0')) {
        conf->state_file = strdup(given);
        baton_assert_alloc(conf->state_file);
        return;
    }
    if ((unique != NULL) && (baton_parse_bool(unique, &is_unique) != 0)) {
        is_unique = false;
    }
    conf->state_file = ping_state_file(getenv("HA_VARRUN"), is_unique,
                                       conf->name, baton_ocf_instance(ocf));
}

int
ping_conf_parse(baton_ocf_t *ocf, struct ping_conf *conf, baton_reason_t *why)
{
    bool valid = true;
    int rc;

    memset(conf, 0, sizeof(*conf));
    /* What stop needs comes first: it must work even when the rest of
     * the configuration is wrong */
    conf->host_list = baton_ocf_param(ocf, PING_HOST_LIST);
    conf->dampen = baton_ocf_param(ocf, PING_DAMPEN);
    conf->name = baton_ocf_param(ocf, PING_NAME);
    conf->node = baton_attrd_target_node(
        baton_ocf_meta(ocf, "on_node"),
        baton_ocf_meta(ocf, "container_attribute_target"),
        baton_ocf_meta(ocf, "physical_host"));
    parse_state_file(ocf, conf);
    rc = baton_params_validate(baton_ocf_params(ocf), why);
    if (rc == BATON_RC_OK) {
        rc = parse_numbers(ocf, conf, why);
    }
    if (rc != BATON_RC_OK) {
        return rc;
    }
    conf->debug = ping_debug_parse(baton_ocf_param(ocf, PING_DEBUG), &valid);
    if (!valid) {
        baton_warn("Value for " PING_DEBUG " is incorrect: use true, false "
                   "or verbose, not '%s'",
                   baton_s(baton_ocf_param(ocf, PING_DEBUG), ""));
    }
    return BATON_RC_OK;
}

void
ping_conf_clear(struct ping_conf *conf)
{
    baton_free(conf->state_file);
}
