/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Logging through libqb: syslog when HA_LOGFACILITY asks for it, stderr in
 * the "LEVEL: text" form pacemaker-execd records, debug with HA_debug.
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

/*! \brief Flush and close every log target. */
void baton_log_fini(void);

/*!
 * \brief Map a syslog facility name ("daemon", "local0", ...) to its value.
 * \return The facility, or -1 when the name is unknown or "none".
 */
int baton_log_facility_from_name(const char *name);

#define baton_crit(fmt, ...)   qb_log(LOG_CRIT, fmt, ##__VA_ARGS__)
#define baton_err(fmt, ...)    qb_log(LOG_ERR, fmt, ##__VA_ARGS__)
#define baton_warn(fmt, ...)   qb_log(LOG_WARNING, fmt, ##__VA_ARGS__)
#define baton_notice(fmt, ...) qb_log(LOG_NOTICE, fmt, ##__VA_ARGS__)
#define baton_info(fmt, ...)   qb_log(LOG_INFO, fmt, ##__VA_ARGS__)
#define baton_debug(fmt, ...)  qb_log(LOG_DEBUG, fmt, ##__VA_ARGS__)
#define baton_trace(fmt, ...)  qb_log(LOG_TRACE, fmt, ##__VA_ARGS__)

#endif /* BATON_LOG_H */
