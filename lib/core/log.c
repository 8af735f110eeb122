/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Logging set-up over libqb for short-lived agent processes. libqb is
 * loaded with dlopen() when logging starts, so that an agent action that
 * logs nothing does not pay for loading it (and what it pulls in).
 */
#include "config.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baton/dynlib.h"
#include "baton/log.h"
#include "baton/rc.h"

#define BATON_ENV_LOGFACILITY "HA_LOGFACILITY"
#define BATON_ENV_DEBUG       "HA_debug"
#define BATON_ENV_INSTANCE    "OCF_RESOURCE_INSTANCE"
/* BATON_QB_SONAME, the libqb this was built against, comes from configure */

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

/* The part of libqb's logging API we use, resolved with dlsym() */
struct qb_api {
    void (*init)(const char *name, int32_t facility, uint8_t priority);
    int32_t (*ctl)(int32_t target, enum qb_log_conf conf_type, int32_t arg);
    int32_t (*filter_ctl)(int32_t value, enum qb_log_filter_conf c,
                          enum qb_log_filter_type type, const char *text,
                          uint8_t low_priority);
    void (*format_set)(int32_t t, const char *format);
    void (*external)(const char *function, const char *filename,
                     const char *format, uint8_t priority, uint32_t lineno,
                     uint32_t tags, ...);
    void (*fini)(void);
};

/* Only main() sets this up, once per process */
static struct {
    char tag[128];
    int facility;
    bool debug;
    bool configured;                /* init or init_lazy was called */
    bool tried;                     /* loading was attempted */
    bool ready;                     /* libqb initialised */
    struct qb_api qb;
} logger;

static bool
load_qb(struct qb_api *qb)
{
    const struct baton_dynsym syms[] = {
        { "qb_log_init", (void **) &qb->init },
        { "qb_log_ctl", (void **) &qb->ctl },
        { "qb_log_filter_ctl", (void **) &qb->filter_ctl },
        { "qb_log_format_set", (void **) &qb->format_set },
        { "qb_log_from_external_source", (void **) &qb->external },
        { "qb_log_fini", (void **) &qb->fini },
    };

    return baton_dynlib_resolve(BATON_QB_SONAME, syms,
                                sizeof(syms) / sizeof(syms[0]))
           == BATON_RC_OK;
}

/* Load and set up libqb as baton_log_init() documents */
static bool
logger_start(void)
{
    struct qb_api *qb = &logger.qb;
    int stderr_prio = logger.debug ? LOG_DEBUG : LOG_WARNING;
    bool syslog_on = (logger.facility >= 0);

    if (logger.tried) {
        return logger.ready;
    }
    logger.tried = true;
    if (!load_qb(qb)) {
        return false;
    }
    qb->init(logger.tag, syslog_on ? logger.facility : LOG_DAEMON, LOG_INFO);
    qb->ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, syslog_on ? QB_TRUE : QB_FALSE);
    if (syslog_on) {
        qb->filter_ctl(QB_LOG_SYSLOG, QB_LOG_FILTER_CLEAR_ALL,
                       QB_LOG_FILTER_FILE, "*", LOG_TRACE);
        qb->filter_ctl(QB_LOG_SYSLOG, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE,
                       "*", logger.debug ? LOG_DEBUG : LOG_INFO);
    } else if (!logger.debug) {
        /* Without syslog, stderr is the only record execd keeps. */
        stderr_prio = LOG_INFO;
    }
    qb->ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_TRUE);
    qb->filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*",
                   stderr_prio);
    /* The form ocf-shellfuncs uses, which execd logs line by line. */
    qb->format_set(QB_LOG_STDERR, "%N[%P]: %p: %b");
    logger.ready = true;
    return true;
}

static void
logger_configure(const char *agent)
{
    const char *instance = getenv(BATON_ENV_INSTANCE);

    if (instance != NULL) {
        snprintf(logger.tag, sizeof(logger.tag), "%s(%s)", agent, instance);
    } else {
        snprintf(logger.tag, sizeof(logger.tag), "%s", agent);
    }
    logger.facility = baton_log_facility_from_name(getenv(BATON_ENV_LOGFACILITY));
    logger.debug = env_true(BATON_ENV_DEBUG);
    logger.configured = true;
}

void
baton_log_init(const char *agent)
{
    logger_configure(agent);
    (void) logger_start();
}

void
baton_log_init_lazy(const char *agent)
{
    logger_configure(agent);
}

static const char *
prio_name(int prio)
{
    static const char *const names[] = {
        "emerg", "alert", "crit", "error", "warning", "notice", "info",
        "debug",
    };

    return ((prio >= 0) && (prio <= LOG_DEBUG)) ? names[prio] : "trace";
}

void
baton_log_as(int prio, const char *function, const char *file, int line,
             const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    /* Anything below info needs HA_debug; decide before loading libqb */
    if (!logger.configured || ((prio > LOG_INFO) && !logger.debug)) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (logger_start()) {
        logger.qb.external(function, file, "%s", (uint8_t) prio,
                           (uint32_t) line, 0, msg);
    } else if ((prio <= LOG_WARNING) || (logger.facility < 0)) {
        fprintf(stderr, "%s[%ld]: %s: %s\n", logger.tag, (long) getpid(),
                prio_name(prio), msg);
    }
}

void
baton_log_fini(void)
{
    if (logger.ready) {
        logger.qb.fini();
        logger.ready = false;
    }
}
