/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Logging set-up over libqb for short-lived agent processes.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baton/log.h"

#define BATON_ENV_LOGFACILITY "HA_LOGFACILITY"
#define BATON_ENV_DEBUG       "HA_debug"
#define BATON_ENV_INSTANCE    "OCF_RESOURCE_INSTANCE"

static const struct {
    const char *name;
    int value;
} facilities[] = {
    { "daemon", LOG_DAEMON }, { "user", LOG_USER }, { "auth", LOG_AUTH },
    { "authpriv", LOG_AUTHPRIV }, { "syslog", LOG_SYSLOG },
    { "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
    { "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
    { "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
    { "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

int
baton_log_facility_from_name(const char *name)
{
    if ((name == NULL) || (name[0] == '\0')) {
        return -1;
    }
    for (size_t i = 0; i < sizeof(facilities) / sizeof(facilities[0]); i++) {
        if (strcasecmp(name, facilities[i].name) == 0) {
            return facilities[i].value;
        }
    }
    return -1;
}

static bool
env_true(const char *name)
{
    const char *v = getenv(name);

    return (v != NULL) && ((strcmp(v, "1") == 0) || (strcasecmp(v, "yes") == 0)
                           || (strcasecmp(v, "true") == 0));
}

void
baton_log_init(const char *agent)
{
    static char tag[128];
    const char *instance = getenv(BATON_ENV_INSTANCE);
    int facility = baton_log_facility_from_name(getenv(BATON_ENV_LOGFACILITY));
    bool debug = env_true(BATON_ENV_DEBUG);
    int stderr_prio = debug ? LOG_DEBUG : LOG_WARNING;

    if (instance != NULL) {
        snprintf(tag, sizeof(tag), "%s(%s)", agent, instance);
    } else {
        snprintf(tag, sizeof(tag), "%s", agent);
    }
    qb_log_init(tag, (facility >= 0) ? facility : LOG_DAEMON, LOG_INFO);
    qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED,
               (facility >= 0) ? QB_TRUE : QB_FALSE);
    if (facility >= 0) {
        qb_log_filter_ctl(QB_LOG_SYSLOG, QB_LOG_FILTER_CLEAR_ALL,
                          QB_LOG_FILTER_FILE, "*", LOG_TRACE);
        qb_log_filter_ctl(QB_LOG_SYSLOG, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE,
                          "*", debug ? LOG_DEBUG : LOG_INFO);
    } else if (!debug) {
        /* Without syslog, stderr is the only record execd keeps. */
        stderr_prio = LOG_INFO;
    }
    qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_TRUE);
    qb_log_filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE,
                      "*", stderr_prio);
    /* The form ocf-shellfuncs uses, which execd logs line by line. */
    qb_log_format_set(QB_LOG_STDERR, "%N[%P]: %p: %b");
}

void
baton_log_fini(void)
{
    qb_log_fini();
}
