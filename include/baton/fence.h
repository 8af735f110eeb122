/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The fence runtime every Baton fence agent shares: options from stdin
 * (as pacemaker-fenced sends them) or argv, the standard fence-agents
 * parameters, power sequencing with verification, and the program boundary
 * that turns a result into the exit code fence-agents and the fencer expect.
 */
#ifndef BATON_FENCE_H
#define BATON_FENCE_H

#include <stdbool.h>
#include <stdio.h>

#include "baton/params.h"
#include "baton/rc.h"
#include "baton/reason.h"

#define BATON_FENCE_ACTION_ON        "on"
#define BATON_FENCE_ACTION_OFF       "off"
#define BATON_FENCE_ACTION_REBOOT    "reboot"
#define BATON_FENCE_ACTION_STATUS    "status"
#define BATON_FENCE_ACTION_MONITOR   "monitor"
#define BATON_FENCE_ACTION_LIST      "list"
#define BATON_FENCE_ACTION_LIST_ST   "list-status"
#define BATON_FENCE_ACTION_METADATA  "metadata"
#define BATON_FENCE_ACTION_MANPAGE   "manpage"
#define BATON_FENCE_ACTION_VALIDATE  "validate-all"

/*! Names of the standard parameters the runtime reads */
#define BATON_FENCE_PARAM_ACTION               "action"
#define BATON_FENCE_PARAM_DEBUG_FILE           "debug_file"
#define BATON_FENCE_PARAM_DELAY                "delay"
#define BATON_FENCE_PARAM_HELP                 "help"
#define BATON_FENCE_PARAM_LOGIN_TIMEOUT        "login_timeout"
#define BATON_FENCE_PARAM_METHOD               "method"
#define BATON_FENCE_PARAM_PASSWORD             "password"
#define BATON_FENCE_PARAM_PASSWORD_SCRIPT      "password_script"
#define BATON_FENCE_PARAM_POWER_TIMEOUT        "power_timeout"
#define BATON_FENCE_PARAM_POWER_WAIT           "power_wait"
#define BATON_FENCE_PARAM_QUIET                "quiet"
#define BATON_FENCE_PARAM_RETRY_ON             "retry_on"
#define BATON_FENCE_PARAM_STONITH_STATUS_SLEEP "stonith_status_sleep"
#define BATON_FENCE_PARAM_VERBOSE              "verbose"
#define BATON_FENCE_PARAM_VERBOSE_LEVEL        "verbose_level"
#define BATON_FENCE_PARAM_VERSION              "version"
#define BATON_FENCE_METHOD_ONOFF            "onoff"
#define BATON_FENCE_METHOD_CYCLE            "cycle"

/*! fence-agents' exit codes (fencing.py EC_*); used only at the boundary */
enum baton_fence_exit {
    BATON_FENCE_EXIT_OK = 0,
    BATON_FENCE_EXIT_GENERIC = 1,
    BATON_FENCE_EXIT_BAD_ARGS = 2,     /*!< also "status: off" */
    BATON_FENCE_EXIT_LOGIN_DENIED = 3,
    BATON_FENCE_EXIT_CONN_LOST = 4,
    BATON_FENCE_EXIT_TIMED_OUT = 5,
    BATON_FENCE_EXIT_WAITING_ON = 6,
    BATON_FENCE_EXIT_WAITING_OFF = 7,
    BATON_FENCE_EXIT_STATUS_OFF = 2,
};

/*! A machine's power as its controller reports it */
enum baton_fence_power {
    BATON_FENCE_POWER_UNKNOWN = 0,
    BATON_FENCE_POWER_ON,
    BATON_FENCE_POWER_OFF,
};

/* ------------------------------------------------------------------ */
/* The standard parameters, declared once here and merged into every
 * agent's table by the macros below (fence-agents' names, aliases and
 * getopt letters). */

/*! "onoff" and "cycle" (the values of method) */
extern const char *const baton_fence_method_choices[];

#define BATON_FENCE_P_ACTION                                               \
    { .name = "action", .type = BATON_PARAM_STRING, .dflt = "reboot",      \
      .aliases = "option", .short_opt = 'o', .arg_name = "[action]",       \
      .shortdesc = "Fencing action",                                       \
      .longdesc = "The action: on, off, reboot, status, monitor, list, "   \
                  "list-status, metadata, manpage or validate-all." }

#define BATON_FENCE_P_PLUG                                                 \
    { .name = "plug", .type = BATON_PARAM_STRING, .aliases = "port",       \
      .short_opt = 'n', .arg_name = "[id]",                                \
      .shortdesc = "Physical plug number on device, UUID or identification "\
                   "of machine",                                           \
      .longdesc = "The outlet or machine the device controls; the fencer " \
                  "sets it to the target node's name." }

#define BATON_FENCE_P_NODENAME                                             \
    { .name = "nodename", .type = BATON_PARAM_STRING,                      \
      .arg_name = "[nodename]", .shortdesc = "Name of the target node",    \
      .longdesc = "The node being fenced, as the fencer names it." }

#define BATON_FENCE_P_LOGIN                                                \
    { .name = "username", .type = BATON_PARAM_STRING, .aliases = "login",  \
      .short_opt = 'l', .arg_name = "[name]",                              \
      .shortdesc = "Login name", .longdesc = "The user to log in as." },   \
    { .name = "password", .type = BATON_PARAM_STRING,                      \
      .flags = BATON_PARAM_SECRET, .aliases = "passwd", .short_opt = 'p',  \
      .arg_name = "[password]", .shortdesc = "Login password or passphrase",\
      .longdesc = "The password; never logged and never put in any "       \
                  "command line." },                                       \
    { .name = "password_script", .type = BATON_PARAM_STRING,               \
      .aliases = "passwd_script", .short_opt = 'S', .arg_name = "[script]",\
      .shortdesc = "Script to run to retrieve password",                   \
      .longdesc = "A program whose first output line is the password. "    \
                  "Baton splits it into words (quotes and backslashes "    \
                  "group) and runs it without a shell, with a deadline of "\
                  "login_timeout; unquoted shell syntax (pipes, $VAR, "    \
                  "redirections) is refused." }

#define BATON_FENCE_P_METHOD(dflt_)                                        \
    { .name = "method", .type = BATON_PARAM_SELECT, .dflt = (dflt_),       \
      .choices = baton_fence_method_choices, .short_opt = 'm',             \
      .arg_name = "[method]", .shortdesc = "Method to fence",              \
      .longdesc = "onoff: power off, verify, power on, verify. cycle: one "\
                  "power-cycle command, then Baton verifies the machine "  \
                  "is on again." }

#define BATON_FENCE_P_SECONDS(name_, dflt_, desc_)                         \
    { .name = (name_), .type = BATON_PARAM_INTEGER,                        \
      .flags = BATON_PARAM_RANGE, .min = 0, .max = 86400, .dflt = (dflt_), \
      .arg_name = "[seconds]", .shortdesc = (desc_), .longdesc = (desc_) }

#define BATON_FENCE_P_FLAG(name_, letter_, desc_)                          \
    { .name = (name_), .type = BATON_PARAM_BOOLEAN, .short_opt = (letter_),\
      .shortdesc = (desc_), .longdesc = (desc_) }

/*!
 * The parameters every fence agent has. \p power_wait_ is the default of
 * power_wait as text ("0" when the agent verifies by polling anyway).
 */
#define BATON_FENCE_COMMON_PARAMS(power_wait_)                             \
    BATON_FENCE_P_ACTION, BATON_FENCE_P_PLUG, BATON_FENCE_P_NODENAME,      \
    BATON_FENCE_P_FLAG("verbose", 'v', "Verbose mode: debug messages to "  \
                       "stderr"),                                          \
    { .name = "verbose_level", .type = BATON_PARAM_INTEGER,                \
      .arg_name = "[level]", .shortdesc = "Level of debugging detail",     \
      .longdesc = "Any value above 0 turns debug messages on." },          \
    { .name = "debug_file", .type = BATON_PARAM_STRING, .aliases = "debug",\
      .short_opt = 'D', .arg_name = "[debugfile]",                         \
      .shortdesc = "Write debug information to given file",                \
      .longdesc = "Debug messages also go to this file." },                \
    BATON_FENCE_P_FLAG("quiet", 'q', "Disable logging to stderr; the "     \
                       "result line still goes to stdout"),                \
    BATON_FENCE_P_FLAG("version", 'V', "Display version information and "  \
                       "exit"),                                            \
    BATON_FENCE_P_FLAG("help", 'h', "Display help and exit"),              \
    BATON_FENCE_P_SECONDS("delay", "0", "Wait X seconds before an off or " \
                          "reboot"),                                       \
    BATON_FENCE_P_SECONDS("login_timeout", "5", "Wait X seconds for the "  \
                          "login (session set-up, password script)"),      \
    BATON_FENCE_P_SECONDS("power_timeout", "20", "Test X seconds for "     \
                          "status change after ON/OFF (honoured under "    \
                          "pacemaker-fenced too)"),                        \
    BATON_FENCE_P_SECONDS("power_wait", power_wait_, "Wait X seconds "     \
                          "after issuing ON/OFF before verifying"),        \
    BATON_FENCE_P_SECONDS("shell_timeout", "3", "Wait X seconds for a "    \
                          "command's answer"),                             \
    BATON_FENCE_P_SECONDS("stonith_status_sleep", "1", "Longest pause "    \
                          "between two status checks while waiting"),      \
    { .name = "retry_on", .type = BATON_PARAM_INTEGER,                     \
      .flags = BATON_PARAM_RANGE, .min = 1, .max = 100, .dflt = "1",       \
      .arg_name = "[attempts]", .shortdesc = "Count of attempts to retry " \
      "power on", .longdesc = "How many times to try to power on." },      \
    { .name = "plug_separator", .type = BATON_PARAM_STRING, .dflt = ",",   \
      .arg_name = "[char]", .shortdesc = "Separator for plug parameter "   \
      "when specifying more than 1 plug", .longdesc = "Separator of list " \
      "output fields." },                                                  \
    { .name = "disable_timeout", .type = BATON_PARAM_STRING,               \
      .flags = BATON_PARAM_NO_EFFECT, .arg_name = "[true/false]",          \
      .shortdesc = "Accepted for compatibility; Baton always honours its " \
      "timeouts", .longdesc = "fence-agents ignores its timeouts under "   \
      "pacemaker-fenced; Baton never does, so this has no effect." }

/* ------------------------------------------------------------------ */

/*! A fence invocation (opaque): parameters, action and timing */
typedef struct baton_fence_s baton_fence_t;

/*!
 * What an agent implements. Every callback returns an rc and records a
 * reason on failure. Agents that control power set get_power/set_power
 * (and cycle when the device has a cycle command); a heuristic agent (a
 * witness) sets heuristic instead and decides on/off/reboot itself.
 */
struct baton_fence_ops {
    /*! Open a connection or session; NULL when none is needed */
    int (*connect)(baton_fence_t *f, void **conn, baton_reason_t *why);
    /*! Close what connect opened; called with NULL never */
    void (*disconnect)(void *conn);
    int (*get_power)(void *conn, enum baton_fence_power *power,
                     baton_reason_t *why);
    int (*set_power)(void *conn, enum baton_fence_power power,
                     baton_reason_t *why);
    /*! One power-cycle command; NULL = method cycle unsupported */
    int (*cycle)(void *conn, baton_reason_t *why);
    /*! Agent-specific validation after the table's; may be NULL */
    int (*validate)(baton_fence_t *f, baton_reason_t *why);
    /*! For heuristic agents: the verdict for on/off/reboot */
    int (*heuristic)(baton_fence_t *f, const char *action,
                     baton_reason_t *why);
    /*! The name list prints for this device (e.g. the BMC address) */
    const char *(*identity)(baton_fence_t *f);
};

/*! A fence agent: its table, its embedded docs and its operations */
struct baton_fence_agent {
    const struct baton_agent_def *def;
    const char *metadata_xml;      /*!< generated at build time */
    const char *manpage;           /*!< troff, generated at build time */
    const struct baton_fence_ops *ops;
};

/*!
 * \brief Build an invocation from argv (getopt_long built from the table)
 *        or, when argv holds no option, from key=value lines on \p in.
 *
 * An argv value of a secret parameter is wiped from argv after it is read,
 * so it does not stay visible in /proc/PID/cmdline.
 * \param[out] f  The invocation; caller frees with baton_fence_free().
 * \return BATON_RC_OK, or BATON_RC_USAGE with \p why set (unknown argv
 *         option, missing argument). Unknown stdin keys are ignored.
 */
int baton_fence_new(const struct baton_fence_agent *agent, int argc,
                    char **argv, FILE *in, baton_fence_t **f,
                    baton_reason_t *why);

/*! \brief Free an invocation (wiping secrets); NULL is a no-op. */
void baton_fence_free(baton_fence_t *f);

/*!
 * \brief Read key=value lines into a value set: one option per line,
 *        unquoted, any order; blank lines and '#' comments are skipped;
 *        unknown keys are logged at debug level and ignored.
 * \return BATON_RC_OK, or errno from reading.
 */
int baton_fence_read_stdin(baton_params_t *params, FILE *in);

/*!
 * \brief Parse argv with getopt_long built from the table (long names with
 *        '-', aliases, short letters). A flag option sets its value "1".
 * \return BATON_RC_OK, or BATON_RC_USAGE with \p why set.
 */
int baton_fence_parse_argv(baton_params_t *params, int argc, char **argv,
                           baton_reason_t *why);

/*! \brief The action asked for (the action parameter or its default). */
const char *baton_fence_action(const baton_fence_t *f);

/*! \brief The parameter values (borrowed). */
baton_params_t *baton_fence_params(const baton_fence_t *f);

/*! \brief A parameter's value or default (borrowed), or NULL. */
const char *baton_fence_param(const baton_fence_t *f, const char *name);

/*! \brief An integer parameter in milliseconds (seconds × 1000). */
unsigned long baton_fence_param_ms(const baton_fence_t *f, const char *name);

/*!
 * \brief Validate the values against the table, then the agent's check.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set.
 */
int baton_fence_validate(baton_fence_t *f, baton_reason_t *why);

/*!
 * \brief Get the password: the password parameter, else the first line
 *        printed by password_script, split into words by
 *        baton_argv_split() (no shell; shell syntax is refused) and run by
 *        lib/child within login_timeout. The result is stored back as the
 *        password.
 * \param[out] password  Borrowed from the invocation; NULL when neither
 *                       is set.
 * \return BATON_RC_OK; BATON_RC_TIMEOUT; BATON_RC_CHILD_FAILED; errno.
 */
int baton_fence_password(baton_fence_t *f, const char **password,
                         baton_reason_t *why);

/*!
 * \brief Run one action through the agent's operations: the power
 *        sequence with verification, status, monitor, list, validate-all.
 *
 * The outcome for the result line is written to \p result (e.g.
 * "Success: Powered OFF", "Status: ON").
 * \param[out] power  For status / list-status: the power found.
 * \return BATON_RC_OK or the failure's rc, with \p why set.
 */
int baton_fence_run(baton_fence_t *f, enum baton_fence_power *power,
                    char *result, size_t result_len, baton_reason_t *why);

/*!
 * \brief Map an action's rc (and, for status, the power) to the exit code
 *        fence-agents and the fencer expect: status 0 on, 2 off, 1 unknown
 *        or failure; otherwise 0 success, 2 bad arguments, 3 login denied,
 *        5 timed out, 1 other failures.
 */
int baton_fence_exit_code(const char *action, int rc,
                          enum baton_fence_power power);

/*!
 * \brief The whole life of a fence agent process, for main().
 *
 * metadata and manpage are answered from embedded text without any
 * set-up; otherwise logging starts, the invocation is built from argv or
 * stdin, validated and run. One result line goes to stdout; detail goes to
 * syslog/stderr.
 * \return The process exit code.
 */
int baton_fence_main(const struct baton_fence_agent *agent, int argc,
                     char **argv);


#endif /* BATON_FENCE_H */
