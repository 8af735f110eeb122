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

/*! The action names (the choices of the action parameter) */
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

/*! The method names (the choices of the method parameter) */
#define BATON_FENCE_METHOD_ONOFF            "onoff"
#define BATON_FENCE_METHOD_CYCLE            "cycle"

/*! An action, as the action parameter is parsed */
enum baton_fence_act {
    BATON_FENCE_ACT_UNKNOWN = 0,   /*!< not parsed (the value is invalid) */
    BATON_FENCE_ACT_ON,
    BATON_FENCE_ACT_OFF,
    BATON_FENCE_ACT_REBOOT,
    BATON_FENCE_ACT_STATUS,
    BATON_FENCE_ACT_MONITOR,
    BATON_FENCE_ACT_LIST,
    BATON_FENCE_ACT_LIST_STATUS,
    BATON_FENCE_ACT_METADATA,
    BATON_FENCE_ACT_MANPAGE,
    BATON_FENCE_ACT_VALIDATE,
};

/*! How reboot is done, as the method parameter is parsed */
enum baton_fence_method {
    BATON_FENCE_REBOOT_ONOFF = 0,  /*!< off, verified, then on */
    BATON_FENCE_REBOOT_CYCLE,      /*!< one power-cycle command, verified */
};

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
/* The standard parameters, parsed once into the struct every agent's
 * configuration begins with. */

/*!
 * What the runtime reads of the standard fence-agents parameters. An
 * agent's configuration struct has it as its FIRST member, so that the
 * field offsets of the BATON_FENCE_P_* macros below (BATON_FIELD of this
 * struct) are valid for the agent's struct too:
 *
 * @code
 * struct my_conf {
 *     struct baton_fence_conf common;    // first: the macros fill it
 *     const char *ip;                    // the agent's own parameters
 * };
 * static const struct baton_param_def my_params[] = {
 *     { .name = "ip", .type = BATON_PARAM_STRING, .kind = BATON_KIND_TEXT,
 *       BATON_FIELD(struct my_conf, ip), ... },
 *     BATON_FENCE_P_LOGIN, BATON_FENCE_P_METHOD("onoff"),
 *     BATON_FENCE_COMMON_PARAMS("0", BATON_FENCE_SHELL_TIMEOUT_DESC, 0),
 * };
 * // .conf_size = sizeof(struct my_conf) in the agent's def
 * @endcode
 * Text fields borrow from the invocation's values (valid as long as it).
 */
struct baton_fence_conf {
    enum baton_fence_act action;
    const char *plug;
    const char *nodename;
    bool verbose;
    int verbose_level;
    const char *debug_file;
    bool quiet;
    bool version;
    bool help;
    unsigned delay_s;
    unsigned login_timeout_s;
    unsigned power_timeout_s;
    unsigned power_wait_s;
    unsigned shell_timeout_s;
    unsigned stonith_status_sleep_s;
    unsigned retry_on;
    /*! Between the fields of a list / list-status line */
    const char *plug_separator;
    const char *username;
    /*! The password given; after baton_fence_password(), the one used
     *  (password_script's output when that is set) */
    const char *password;
    const char *password_script;
    enum baton_fence_method method;
};

/*! The action names, in the order of enum baton_fence_act from ON */
extern const char *const baton_fence_action_choices[];
/*! Their enum values */
extern const int baton_fence_action_values[];
/*! "onoff" and "cycle" (the values of method) */
extern const char *const baton_fence_method_choices[];
/*! Their enum values */
extern const int baton_fence_method_values[];

/*! Where a standard parameter goes in an agent's struct */
#define BATON_FENCE_FIELD(member_) BATON_FIELD(struct baton_fence_conf, member_)

#define BATON_FENCE_P_ACTION                                               \
    { .name = "action", .type = BATON_PARAM_STRING, .dflt = "reboot",      \
      .aliases = "option", .short_opt = 'o', .arg_name = "[action]",       \
      .kind = BATON_KIND_CHOICE, .choices = baton_fence_action_choices,    \
      .choice_values = baton_fence_action_values,                          \
      BATON_FENCE_FIELD(action), .shortdesc = "Fencing action",            \
      .longdesc = "The action: on, off, reboot, status, monitor, list, "   \
                  "list-status, metadata, manpage or validate-all." }

#define BATON_FENCE_P_PLUG                                                 \
    { .name = "plug", .type = BATON_PARAM_STRING, .aliases = "port",       \
      .short_opt = 'n', .arg_name = "[id]", .kind = BATON_KIND_TEXT,       \
      BATON_FENCE_FIELD(plug),                                             \
      .shortdesc = "Physical plug number on device, UUID or identification "\
                   "of machine",                                           \
      .longdesc = "The outlet or machine the device controls; the fencer " \
                  "sets it to the target node's name." }

#define BATON_FENCE_P_NODENAME                                             \
    { .name = "nodename", .type = BATON_PARAM_STRING,                      \
      .arg_name = "[nodename]", .kind = BATON_KIND_TEXT,                   \
      BATON_FENCE_FIELD(nodename), .shortdesc = "Name of the target node", \
      .longdesc = "The node being fenced, as the fencer names it." }

#define BATON_FENCE_P_LOGIN                                                \
    { .name = "username", .type = BATON_PARAM_STRING, .aliases = "login",  \
      .short_opt = 'l', .arg_name = "[name]", .kind = BATON_KIND_TEXT,     \
      BATON_FENCE_FIELD(username),                                         \
      .shortdesc = "Login name", .longdesc = "The user to log in as." },   \
    { .name = "password", .type = BATON_PARAM_STRING,                      \
      .flags = BATON_PARAM_SECRET, .aliases = "passwd", .short_opt = 'p',  \
      .arg_name = "[password]", .kind = BATON_KIND_TEXT,                   \
      BATON_FENCE_FIELD(password),                                         \
      .shortdesc = "Login password or passphrase",                         \
      .longdesc = "The password; never logged and never put in any "       \
                  "command line. password_script, when set, replaces it "  \
                  "(as in fence-agents)." },                               \
    { .name = "password_script", .type = BATON_PARAM_STRING,               \
      .aliases = "passwd_script", .short_opt = 'S', .arg_name = "[script]",\
      .kind = BATON_KIND_TEXT, BATON_FENCE_FIELD(password_script),         \
      .shortdesc = "Script to run to retrieve password",                   \
      .longdesc = "A program whose first output line is the password; "    \
                  "it replaces password when both are set. Baton splits "  \
                  "it into words (quotes and backslashes group) and runs " \
                  "it without a shell, with a deadline of login_timeout; " \
                  "unquoted shell syntax (pipes, $VAR, redirections) is "  \
                  "refused." }

/*! What method does, for an agent that controls power */
#define BATON_FENCE_METHOD_DESC                                            \
    "onoff: power off, verify, power on, verify. cycle: one power-cycle "  \
    "command, then Baton verifies the machine is on again."

/*! method, with the agent's own long description and flags */
#define BATON_FENCE_P_METHOD_AS(dflt_, flags_, long_)                      \
    { .name = "method", .type = BATON_PARAM_SELECT, .dflt = (dflt_),       \
      .flags = (flags_), .choices = baton_fence_method_choices,            \
      .short_opt = 'm', .arg_name = "[method]", .kind = BATON_KIND_CHOICE, \
      .choice_values = baton_fence_method_values,                          \
      BATON_FENCE_FIELD(method), .shortdesc = "Method to fence",           \
      .longdesc = (long_) }

#define BATON_FENCE_P_METHOD(dflt_)                                        \
    BATON_FENCE_P_METHOD_AS(dflt_, 0, BATON_FENCE_METHOD_DESC)

/*! A number of seconds (0 to a day) into the unsigned \p member_ */
#define BATON_FENCE_P_SECONDS(name_, member_, dflt_, short_, long_, flags_)\
    { .name = (name_), .type = BATON_PARAM_INTEGER,                        \
      .flags = BATON_PARAM_RANGE | (flags_), .min = 0, .max = 86400,       \
      .dflt = (dflt_), .kind = BATON_KIND_INT, BATON_FENCE_FIELD(member_), \
      .arg_name = "[seconds]", .shortdesc = (short_), .longdesc = (long_) }

#define BATON_FENCE_P_FLAG(name_, member_, letter_, desc_)                 \
    { .name = (name_), .type = BATON_PARAM_BOOLEAN, .short_opt = (letter_),\
      .kind = BATON_KIND_BOOL, BATON_FENCE_FIELD(member_),                 \
      .shortdesc = (desc_), .longdesc = (desc_) }

/* The short descriptions of the timing parameters (fence-agents' words) */
#define BATON_FENCE_LOGIN_TIMEOUT_DESC                                     \
    "Wait X seconds for the login (session set-up, password script)"
#define BATON_FENCE_POWER_TIMEOUT_DESC                                     \
    "Test X seconds for status change after ON/OFF (honoured under "       \
    "pacemaker-fenced too)"
#define BATON_FENCE_POWER_WAIT_DESC                                        \
    "Wait X seconds after issuing ON/OFF before verifying"
#define BATON_FENCE_SHELL_TIMEOUT_DESC "Wait X seconds for a command's answer"
#define BATON_FENCE_STATUS_SLEEP_DESC                                      \
    "Longest pause between two status checks while waiting"
#define BATON_FENCE_RETRY_ON_DESC "How many times to try to power on."
#define BATON_FENCE_PLUG_SEPARATOR_DESC                                    \
    "Separator of list output fields."

/* The parameters every fence agent has, before and after the timing ones */
#define BATON_FENCE_P_HEAD_                                                \
    BATON_FENCE_P_ACTION, BATON_FENCE_P_PLUG, BATON_FENCE_P_NODENAME,      \
    BATON_FENCE_P_FLAG("verbose", verbose, 'v', "Verbose mode: debug "     \
                       "messages to stderr"),                              \
    { .name = "verbose_level", .type = BATON_PARAM_INTEGER,                \
      .arg_name = "[level]", .kind = BATON_KIND_INT,                       \
      BATON_FENCE_FIELD(verbose_level),                                    \
      .shortdesc = "Level of debugging detail",                            \
      .longdesc = "Any value above 0 turns debug messages on." },          \
    { .name = "debug_file", .type = BATON_PARAM_STRING, .aliases = "debug",\
      .short_opt = 'D', .arg_name = "[debugfile]", .kind = BATON_KIND_TEXT,\
      BATON_FENCE_FIELD(debug_file),                                       \
      .shortdesc = "Write debug information to given file",                \
      .longdesc = "Debug messages also go to this file." },                \
    BATON_FENCE_P_FLAG("quiet", quiet, 'q', "Disable logging to stderr; "  \
                       "the result line still goes to stdout"),            \
    BATON_FENCE_P_FLAG("version", version, 'V', "Display version "         \
                       "information and exit"),                            \
    BATON_FENCE_P_FLAG("help", help, 'h', "Display help and exit"),        \
    BATON_FENCE_P_SECONDS("delay", delay_s, "0", "Wait X seconds before "  \
                          "an off or reboot", "Wait X seconds before an "  \
                          "off or reboot", 0)

#define BATON_FENCE_P_RETRY_ON_(long_, flags_)                             \
    { .name = "retry_on", .type = BATON_PARAM_INTEGER,                     \
      .flags = BATON_PARAM_RANGE | (flags_), .min = 1, .max = 100,         \
      .dflt = "1", .kind = BATON_KIND_INT, BATON_FENCE_FIELD(retry_on),    \
      .arg_name = "[attempts]", .shortdesc = "Count of attempts to retry " \
      "power on", .longdesc = (long_) }

#define BATON_FENCE_P_TAIL_(sep_long_, sep_flags_)                         \
    { .name = "plug_separator", .type = BATON_PARAM_STRING, .dflt = ",",   \
      .flags = (sep_flags_), .arg_name = "[char]",                         \
      .kind = BATON_KIND_TEXT, BATON_FENCE_FIELD(plug_separator),          \
      .shortdesc = "Separator for plug parameter when specifying more "    \
      "than 1 plug", .longdesc = (sep_long_) },                            \
    { .name = "disable_timeout", .type = BATON_PARAM_STRING,               \
      .flags = BATON_PARAM_NO_EFFECT, .arg_name = "[true/false]",          \
      .shortdesc = "Accepted for compatibility; Baton always honours its " \
      "timeouts", .longdesc = "fence-agents ignores its timeouts under "   \
      "pacemaker-fenced; Baton never does, so this has no effect." }

/*!
 * The standard parameters of an agent that controls power.
 * \p power_wait_ is the default of power_wait as text ("0" when the agent
 * verifies by polling anyway); \p shell_long_ and \p shell_flags_ the long
 * description and flags of shell_timeout (an agent that has no command
 * prompt to wait for documents it as accepted with no effect, with
 * BATON_PARAM_NO_EFFECT).
 */
#define BATON_FENCE_COMMON_PARAMS(power_wait_, shell_long_, shell_flags_)  \
    BATON_FENCE_P_HEAD_,                                                   \
    BATON_FENCE_P_SECONDS("login_timeout", login_timeout_s, "5",           \
                          BATON_FENCE_LOGIN_TIMEOUT_DESC,                  \
                          BATON_FENCE_LOGIN_TIMEOUT_DESC, 0),              \
    BATON_FENCE_P_SECONDS("power_timeout", power_timeout_s, "20",          \
                          BATON_FENCE_POWER_TIMEOUT_DESC,                  \
                          BATON_FENCE_POWER_TIMEOUT_DESC, 0),              \
    BATON_FENCE_P_SECONDS("power_wait", power_wait_s, power_wait_,         \
                          BATON_FENCE_POWER_WAIT_DESC,                     \
                          BATON_FENCE_POWER_WAIT_DESC, 0),                 \
    BATON_FENCE_P_SECONDS("shell_timeout", shell_timeout_s, "3",           \
                          BATON_FENCE_SHELL_TIMEOUT_DESC, shell_long_,     \
                          shell_flags_),                                   \
    BATON_FENCE_P_SECONDS("stonith_status_sleep", stonith_status_sleep_s,  \
                          "1", BATON_FENCE_STATUS_SLEEP_DESC,              \
                          BATON_FENCE_STATUS_SLEEP_DESC, 0),               \
    BATON_FENCE_P_RETRY_ON_(BATON_FENCE_RETRY_ON_DESC, 0),                 \
    BATON_FENCE_P_TAIL_(BATON_FENCE_PLUG_SEPARATOR_DESC, 0)

/*!
 * The standard parameters of a heuristic agent (a witness that controls
 * no power): the same names, defaults and getopt letters, the ones about
 * power, login and listing documented with \p no_effect_ (why they have
 * no effect) and flagged BATON_PARAM_NO_EFFECT.
 */
#define BATON_FENCE_HEURISTIC_PARAMS(no_effect_)                           \
    BATON_FENCE_P_HEAD_,                                                   \
    BATON_FENCE_P_SECONDS("login_timeout", login_timeout_s, "5",           \
                          BATON_FENCE_LOGIN_TIMEOUT_DESC, no_effect_,      \
                          BATON_PARAM_NO_EFFECT),                          \
    BATON_FENCE_P_SECONDS("power_timeout", power_timeout_s, "20",          \
                          BATON_FENCE_POWER_TIMEOUT_DESC, no_effect_,      \
                          BATON_PARAM_NO_EFFECT),                          \
    BATON_FENCE_P_SECONDS("power_wait", power_wait_s, "0",                 \
                          BATON_FENCE_POWER_WAIT_DESC, no_effect_,         \
                          BATON_PARAM_NO_EFFECT),                          \
    BATON_FENCE_P_SECONDS("shell_timeout", shell_timeout_s, "3",           \
                          BATON_FENCE_SHELL_TIMEOUT_DESC, no_effect_,      \
                          BATON_PARAM_NO_EFFECT),                          \
    BATON_FENCE_P_SECONDS("stonith_status_sleep", stonith_status_sleep_s,  \
                          "1", BATON_FENCE_STATUS_SLEEP_DESC, no_effect_,  \
                          BATON_PARAM_NO_EFFECT),                          \
    BATON_FENCE_P_RETRY_ON_(no_effect_, BATON_PARAM_NO_EFFECT),            \
    BATON_FENCE_P_TAIL_(no_effect_, BATON_PARAM_NO_EFFECT)

/* ------------------------------------------------------------------ */

/*! A fence invocation (opaque): parameters, action and timing */
typedef struct baton_fence_s baton_fence_t;

/*!
 * What an agent implements. Every callback returns an rc and records a
 * reason on failure. Agents that control power set get_power/set_power
 * (and cycle when the device has a cycle command); a heuristic agent (a
 * witness) sets heuristic instead and decides on/off/reboot itself. The
 * agent reads its configuration with baton_fence_conf(); the rules tying
 * several of its parameters together are its def's conf_check.
 */
struct baton_fence_ops {
    /*! Open a connection or session; NULL when none is needed */
    int (*connect)(baton_fence_t *f, void **conn, baton_reason_t *why);
    /*! Close what connect opened; called with NULL never */
    void (*disconnect)(void *conn);
    /*! Read the power. \p budget_ms: answer within this long or fail
     *  with BATON_RC_TIMEOUT (what remains of power_timeout while
     *  waiting for a change); 0 for no bound but the agent's own */
    int (*get_power)(void *conn, unsigned long budget_ms,
                     enum baton_fence_power *power, baton_reason_t *why);
    int (*set_power)(void *conn, enum baton_fence_power power,
                     baton_reason_t *why);
    /*! One power-cycle command; NULL = method cycle unsupported */
    int (*cycle)(void *conn, baton_reason_t *why);
    /*! For heuristic agents: the verdict for on/off/reboot */
    int (*heuristic)(baton_fence_t *f, enum baton_fence_act action,
                     baton_reason_t *why);
    /*! The name list prints for this device (e.g. the BMC address) */
    const char *(*identity)(baton_fence_t *f);
};

/*! A fence agent: its table, its embedded docs and its operations */
struct baton_fence_agent {
    /*! Its table; conf_size is the size of its configuration struct
     *  (whose first member is struct baton_fence_conf) */
    const struct baton_agent_def *def;
    const char *metadata_xml;      /*!< generated at build time */
    const char *manpage;           /*!< troff, generated at build time */
    const struct baton_fence_ops *ops;
};

/*!
 * \brief Build an invocation from argv (getopt_long built from the table)
 *        or, when argv holds no option, from key=value lines on \p in.
 *
 * Only what is needed before validation is parsed here: action, help,
 * version and the logging options (verbose, verbose_level, quiet,
 * debug_file), so that help, version, metadata and manpage work whatever
 * else is wrong. An argv value of a secret parameter is wiped from argv
 * after it is read, so it does not stay visible in /proc/PID/cmdline.
 * \param[out] f  The invocation; caller frees with baton_fence_free().
 * \return BATON_RC_OK, or BATON_RC_USAGE with \p why set (unknown argv
 *         option, missing argument), or an errno from reading \p in.
 *         Unknown stdin keys are ignored.
 */
int baton_fence_new(const struct baton_fence_agent *agent, int argc,
                    char **argv, FILE *in, baton_fence_t **f,
                    baton_reason_t *why);

/*! \brief Free an invocation, wiping secrets; NULL is a no-op. */
void baton_fence_free(baton_fence_t *f);

/*!
 * \brief Read key=value lines into a value set: one option per line, any
 *        order; blank lines and '#' comments are skipped; a value that
 *        begins and ends with '"' loses that one pair of quotes (as
 *        fence-agents reads stdin); unknown keys are logged at debug level
 *        and ignored. A flag's value is read as a boolean ("use_sudo=0" is
 *        false); a flag whose value is not a boolean is ignored.
 *
 * When \p in has a file descriptor it is read with read(2), bypassing
 * stdio, so that no stdio buffer keeps a copy of a password: nothing may
 * have been read from \p in through stdio before. Every buffer that held
 * the input is wiped before it is freed.
 * \return BATON_RC_OK, EFBIG beyond 1 MiB, or errno from reading.
 */
int baton_fence_read_stdin(baton_params_t *params, FILE *in);

/*!
 * \brief Parse argv with getopt_long built from the table (long names with
 *        '-', aliases, short letters). A flag option sets its value "1".
 * \return BATON_RC_OK, or BATON_RC_USAGE with \p why set.
 */
int baton_fence_parse_argv(baton_params_t *params, int argc, char **argv,
                           baton_reason_t *why);

/*!
 * \brief The action asked for, as text for messages ("reboot" by
 *        default; "unknown" when the action parameter is invalid).
 */
const char *baton_fence_action(const baton_fence_t *f);

/*! \brief The text of an action ("unknown" for BATON_FENCE_ACT_UNKNOWN). */
const char *baton_fence_act_str(enum baton_fence_act action);

/*! \brief The parameter values (borrowed). */
baton_params_t *baton_fence_params(const baton_fence_t *f);

/*!
 * \brief The configuration: the agent's struct (conf_size bytes), whose
 *        first member this is. Complete once baton_fence_validate()
 *        succeeded; before that only the fields baton_fence_new() parses
 *        are set. Borrowed, valid as long as \p f.
 *
 * @code
 * const struct my_conf *c = (const struct my_conf *) baton_fence_conf(f);
 * @endcode
 */
struct baton_fence_conf *baton_fence_conf(const baton_fence_t *f);

/*!
 * \brief Parse every value into the configuration, once, and run the
 *        agent's conf_check (the rules that tie parameters together).
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set.
 */
int baton_fence_validate(baton_fence_t *f, baton_reason_t *why);

/*!
 * \brief Get the password: the first line printed by password_script when
 *        that is set (it replaces a given password, as in fence-agents),
 *        else the password parameter. The script is split into words by
 *        baton_argv_split() (no shell; shell syntax is refused) and run by
 *        lib/child within login_timeout; it runs once per invocation.
 *        Afterwards the configuration's password is the one returned.
 * \param[out] password  Borrowed from the invocation (wiped when it is
 *                       freed); NULL when neither is set.
 * \return BATON_RC_OK; BATON_RC_CONFIG; BATON_RC_TIMEOUT;
 *         BATON_RC_CHILD_FAILED; errno.
 */
int baton_fence_password(baton_fence_t *f, const char **password,
                         baton_reason_t *why);

/*!
 * \brief Run one action through the agent's operations: the power
 *        sequence with verification, status, monitor, list, validate-all.
 *        The configuration must be validated (baton_fence_validate()).
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
 *        or failure; otherwise 0 success, 3 login denied, 5 timed out, 1
 *        other failures (bad arguments included, as fence-agents'
 *        fail_usage).
 */
int baton_fence_exit_code(enum baton_fence_act action, int rc,
                          enum baton_fence_power power);

/*!
 * \brief The whole life of a fence agent process, for main().
 *
 * help, version, metadata and manpage are answered without any further
 * set-up; otherwise logging starts, the invocation is built from argv or
 * stdin, validated and run. One result line goes to stdout; detail goes to
 * syslog/stderr.
 * \return The process exit code.
 */
int baton_fence_main(const struct baton_fence_agent *agent, int argc,
                     char **argv);


#endif /* BATON_FENCE_H */
