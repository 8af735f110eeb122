/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Logging through libqb: syslog when HA_LOGFACILITY asks for it, stderr in
 * the "LEVEL: text" form pacemaker-execd records, debug with HA_debug.
 * libqb is loaded with dlopen(), so a program that only logs through these
 * functions does not link it (see baton_log_init_lazy()).
 */
#ifndef BATON_LOG_H
#define BATON_LOG_H

#include <syslog.h>
#include <qb/qblog.h>

/*!
 * \brief Start logging for an agent process. Call once, from main().
 *
 * Reads HA_LOGFACILITY (syslog facility name, "none" or empty = no syslog),
 * HA_debug (1 = debug level everywhere) and OCF_RESOURCE_INSTANCE (tag).
 * Warnings and errors always go to stderr, where pacemaker-execd records
 * them; info goes to syslog, and to stderr only when no syslog is set up.
 * libqb is loaded (dlopen) and initialised here, so a caller may use the
 * qb_log_* API directly afterwards.
 *
 * @code
 * baton_log_init("IPaddr2");
 * baton_notice("Added %s to %s", ip, dev);
 * baton_log_fini();
 * @endcode
 *
 * \param[in] agent  The agent's name, e.g. "IPaddr2".
 */
void baton_log_init(const char *agent);

/*!
 * \brief Like baton_log_init(), but load and initialise libqb only when
 *        the first message that passes the level filter is logged.
 *
 * Loading libqb (and libsystemd, libgcrypt... behind it) costs more than
 * a whole monitor action; an action that logs nothing never pays it.
 * Debug messages without HA_debug are dropped without loading anything.
 */
void baton_log_init_lazy(const char *agent);

/*! \brief Flush and close every log target. */
void baton_log_fini(void);

/*!
 * \brief Map a syslog facility name ("daemon", "local0", ...) to its value.
 * \return The facility, or -1 when the name is unknown or "none".
 */
int baton_log_facility_from_name(const char *name);

/*!
 * \brief Log one message (use the baton_err()... macros).
 *
 * Before baton_log_init() or baton_log_init_lazy() messages are dropped.
 * If libqb cannot be loaded, the message goes to stderr in the same form.
 */
void baton_log_as(int prio, const char *function, const char *file,
                  int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#define baton_log_(prio, fmt, ...) \
    baton_log_as((prio), __func__, __FILE__, __LINE__, fmt, ##__VA_ARGS__)
#define baton_crit(fmt, ...)   baton_log_(LOG_CRIT, fmt, ##__VA_ARGS__)
#define baton_err(fmt, ...)    baton_log_(LOG_ERR, fmt, ##__VA_ARGS__)
#define baton_warn(fmt, ...)   baton_log_(LOG_WARNING, fmt, ##__VA_ARGS__)
#define baton_notice(fmt, ...) baton_log_(LOG_NOTICE, fmt, ##__VA_ARGS__)
#define baton_info(fmt, ...)   baton_log_(LOG_INFO, fmt, ##__VA_ARGS__)
#define baton_debug(fmt, ...)  baton_log_(LOG_DEBUG, fmt, ##__VA_ARGS__)
#define baton_trace(fmt, ...)  baton_log_(LOG_TRACE, fmt, ##__VA_ARGS__)

#endif /* BATON_LOG_H */
