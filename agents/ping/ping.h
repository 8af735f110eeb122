/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:ping: the node's connectivity as a node attribute, a drop-in
 * for ocf:pacemaker:ping.
 */
#ifndef BATON_AGENT_PING_H
#define BATON_AGENT_PING_H

#include <stdbool.h>

#include "baton/attrd.h"
#include "baton/ocf.h"
#include "baton/params.h"

#define PING_HOST_LIST      "host_list"
#define PING_MULTIPLIER     "multiplier"
#define PING_DAMPEN         "dampen"
#define PING_NAME           "name"
#define PING_ATTEMPTS       "attempts"
#define PING_TIMEOUT        "timeout"
#define PING_FAILURE_SCORE  "failure_score"
#define PING_DEBUG          "debug"
#define PING_OPTIONS        "options"
#define PING_USE_FPING      "use_fping"
#define PING_PIDFILE        "pidfile"

/* Test and debugging hooks (environment, not parameters) */
#define PING_ENV_ATTRD_IPC  "BATON_ATTRD_IPC"
#define PING_ENV_ATTRD_TOOL "BATON_ATTRD_UPDATER"

/*! Pacemaker's ping turns a timeout below 1 s into 5 s, caps it at 300 s */
#define PING_TIMEOUT_ZERO_MS  5000UL
#define PING_TIMEOUT_MAX_MS   300000UL
#define PING_TIMEOUT_DFLT_MS  2000UL
/*! Time between two attempts to one host */
#define PING_SPACING_MS       100U

enum ping_debug {
    PING_DEBUG_OFF = 0,
    PING_DEBUG_ON = 1,
    PING_DEBUG_VERBOSE = 2,
};

/*! The configuration: the parameters parsed by the table, then what the
 *  invocation adds (ping_conf_parse) */
struct ping_conf {
    const char *pidfile;       /*!< as given, or NULL */
    unsigned long dampen_ms;
    const char *name;
    long long multiplier;
    const char *host_list;
    unsigned attempts;         /*!< at most BATON_ICMP_MAX_ATTEMPTS */
    unsigned long timeout_ms;  /*!< per attempt; bounded by ping_conf_parse */
    const char *options;       /*!< no effect, only warned about */
    bool has_failure_score;
    long long failure_score;
    enum ping_debug debug;

    /* From the invocation */
    char *state_file;          /*!< owned */
    const char *node;          /*!< attribute's node; NULL = local */
    char dampen[24];           /*!< dampen_ms as attrd reads it ("5s") */
};

extern const struct baton_agent_def baton_ping_agent;
extern const struct baton_ocf_op ping_ops[];

/*!
 * \brief Parse and check the parameters of an invocation, then add what
 *        comes from it: the state file, the attribute's node, the timeout
 *        bounded by the action's.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set.
 * \note Free with ping_conf_clear(), whatever the result.
 */
int ping_conf_parse(baton_ocf_t *ocf, struct ping_conf *conf,
                    baton_reason_t *why);

/*!
 * \brief As ping_conf_parse(), but for stop: a wrong value falls back to
 *        its default and the rest is still parsed, so that the state file
 *        and the attribute's name are known whatever else is wrong.
 * \return As ping_conf_parse(); \p conf is complete either way.
 */
int ping_conf_parse_lenient(baton_ocf_t *ocf, struct ping_conf *conf,
                            baton_reason_t *why);

/*! \brief Free what ping_conf_parse() allocated. */
void ping_conf_clear(struct ping_conf *conf);

/*!
 * \brief The per-attempt timeout: the parameter as pacemaker's ping reads
 *        it (below 1 s -> 5 s, above 300 s -> 300 s), then bounded so the
 *        whole probe ends within 90% of the action's timeout.
 * \param[in] given      timeout in ms as given, or -1 when not set.
 * \param[in] action_ms  OCF_RESKEY_CRM_meta_timeout.
 */
unsigned long ping_timeout_ms(long long given, unsigned attempts,
                              unsigned long action_ms);

/*! \brief The score: reachable hosts × multiplier, never wrapped. */
long long ping_score(size_t reachable, long long multiplier);

/*! \brief Whether a score fails the resource (below failure_score). */
bool ping_score_fails(const struct ping_conf *conf, long long score);

/*!
 * \brief Parameter hook for "debug" (field: enum ping_debug), as pacemaker
 *        reads it: true/1, verbose/2, false/0 in any case; anything else
 *        is "off" with a warning, never an error.
 */
int ping_debug_param_parse(const char *value, void *field,
                           baton_reason_t *why);

/*! \brief The default state file: HA_VARRUN/ping-<name or instance>. */
char *ping_state_file(const char *varrun, bool globally_unique,
                      const char *name, const char *instance);

#endif /* BATON_AGENT_PING_H */
