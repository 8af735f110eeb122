/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:app declared once: its parameters and actions. Metadata,
 * validation, the man page and the doc page all derive from this table.
 */
#include <signal.h>

#include "baton/argv.h"
#include "baton/check.h"
#include "baton/params.h"
#include "app.h"

/* check_program: split like cmdline_options, and a program is needed */
static int
parse_program(const char *value, void *field, baton_reason_t *why)
{
    char **words = NULL;
    int rc = baton_argv_param_parse(value, &words, why);

    if ((rc == BATON_RC_OK) && (words[0] == NULL)) {
        baton_reason_set(why, "no program given");
        rc = BATON_RC_CONFIG;
    }
    if ((rc == BATON_RC_OK) && (field != NULL)) {
        *(char ***) field = words;
        return BATON_RC_OK;
    }
    baton_argv_free(words);
    return rc;
}

static const char *const stop_signals[] = {
    "TERM", "INT", "QUIT", "HUP", "USR1", "USR2", "KILL", NULL,
};
static const int stop_signal_numbers[] = {
    SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGKILL,
};

#define LEVEL_PARAM(pname, member, what) \
    { .name = pname, .type = BATON_PARAM_INTEGER, \
      .flags = BATON_PARAM_RANGE, .dflt = "0", .min = 0, .max = 100, \
      .kind = BATON_KIND_INT, BATON_FIELD(struct app_conf, member), \
      .shortdesc = "OCF_CHECK_LEVEL of " what, \
      .longdesc = "The " what " runs in monitors whose OCF_CHECK_LEVEL " \
                  "is at least this value (0: every monitor, and start). " \
                  "Use it for checks too slow for every monitor: configure " \
                  "a second monitor operation with OCF_CHECK_LEVEL=10 and a " \
                  "longer interval." }

static const struct baton_param_def app_params[] = {
    { .name = APP_BINFILE, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_REQUIRED, .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct app_conf, binfile_given),
      .shortdesc = "The program to run",
      .longdesc = "Full path of the program. It must keep running with the "
                  "same process ID (it must not daemonise itself). A name "
                  "without '/' is searched in PATH. Missing or not "
                  "executable on a node: exit 5 (that node only)." },
    { .name = APP_CMDLINE, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct app_conf, cmdline),
      .parse = baton_argv_param_parse, .shortdesc = "Command line options",
      .longdesc = "Arguments for the program, split into words without any "
                  "shell: blanks separate words; '...' is literal; in "
                  "\"...\" only \\\" \\\\ \\$ and \\` are escapes; outside "
                  "quotes a backslash makes the next character literal. "
                  "Nothing is expanded. An unquoted $ ` ; & | < > ( or ) is "
                  "refused (exit 6), because a shell would have interpreted "
                  "it in ocf:heartbeat:anything: quote it to pass it "
                  "literally, and use logfile/errlogfile for redirections." },
    { .name = APP_WORKDIR, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct app_conf, workdir),
      .shortdesc = "Working directory",
      .longdesc = "The directory the program starts in. Missing on a node: "
                  "exit 5." },
    { .name = APP_PIDFILE, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct app_conf, pidfile_given),
      .shortdesc = "PID file",
      .longdesc = "Where the agent records the program's process ID "
                  "(default /run/baton/app-<resource>.pid). Beside it, "
                  "<pidfile>.id records the process's start time and "
                  "executable: a process with the recorded PID but another "
                  "start time is a recycled PID, and the program counts as "
                  "gone. A process that exec'd another executable keeps its "
                  "start time (a wrapper script ending in exec) and is "
                  "followed." },
    { .name = APP_LOGFILE, .type = BATON_PARAM_STRING, .dflt = "/dev/null",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct app_conf, logfile),
      .shortdesc = "File for standard output",
      .longdesc = "The program's standard output is appended to this file "
                  "(opened as the user), and its standard error too unless "
                  "errlogfile is set." },
    { .name = APP_ERRLOGFILE, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct app_conf, errlogfile),
      .shortdesc = "File for standard error",
      .longdesc = "The program's standard error is appended to this file." },
    { .name = APP_USER, .type = BATON_PARAM_STRING, .dflt = "root",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct app_conf, user),
      .shortdesc = "User to run the program as",
      .longdesc = "The program runs as this user, with the user's primary "
                  "and supplementary groups, and a login environment (HOME, "
                  "USER, LOGNAME, SHELL, PATH) as su - gives it. Unknown on "
                  "a node: exit 5." },
    { .name = APP_MONITOR_HOOK, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct app_conf, monitor_hook),
      .shortdesc = "Shell command run by monitor",
      .longdesc = "A shell command line, run by /bin/sh -c as root at each "
                  "monitor while the program runs; non-zero exit means "
                  "failure. This is the one parameter Baton hands to a "
                  "shell, because that is its meaning in "
                  "ocf:heartbeat:anything. Prefer check_program, which runs "
                  "an argv list as the user." },
    LEVEL_PARAM(APP_HOOK_LEVEL, hook_level, "monitor_hook"),
    { .name = APP_STOP_TIMEOUT, .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RANGE, .min = 0, .max = 86400,
      .kind = BATON_KIND_INT, BATON_FIELD(struct app_conf, stop_timeout_s),
      BATON_GIVEN(struct app_conf, has_stop_timeout),
      .shortdesc = "Seconds to wait after the stop signal",
      .longdesc = "How long stop waits for the program and everything it "
                  "forked to exit after stop_signal, before it sends SIGKILL "
                  "to the whole process group and session. Default: two "
                  "thirds of the stop operation's timeout, or 10." },
    { .name = APP_STOP_SIGNAL, .type = BATON_PARAM_SELECT,
      .choices = stop_signals, .dflt = "TERM", .kind = BATON_KIND_CHOICE,
      .choice_values = stop_signal_numbers,
      BATON_FIELD(struct app_conf, stop_signal),
      .shortdesc = "Graceful stop signal",
      .longdesc = "The signal stop sends first, to the program's whole "
                  "process group and session." },
    { .name = APP_TCP, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct app_conf, tcp),
      .parse = baton_hostports_param_parse,
      .shortdesc = "TCP check: host:port",
      .longdesc = "Space-separated host:port targets ([addr]:port for IPv6, "
                  "a bare port for 127.0.0.1). The check connects to each "
                  "and closes: it fails when a connection is refused or not "
                  "accepted within check_tcp_timeout. A hung program whose "
                  "listen queue is full fails it too; use check_http to "
                  "notice a program that accepts but never answers." },
    { .name = APP_TCP_TIMEOUT, .type = BATON_PARAM_STRING, .dflt = "2s",
      .kind = BATON_KIND_DURATION_MS,
      BATON_FIELD(struct app_conf, tcp_timeout_ms),
      .shortdesc = "TCP check timeout",
      .longdesc = "Time allowed for each TCP connection (5s, 500ms, 1min; "
                  "a bare number is seconds)." },
    LEVEL_PARAM(APP_TCP_LEVEL, tcp_level, "TCP check"),
    { .name = APP_HTTP, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct app_conf, http),
      BATON_GIVEN(struct app_conf, has_http),
      .parse = baton_http_url_param_parse, .shortdesc = "HTTP check: URL",
      .longdesc = "An http:// URL (no TLS) fetched with GET and HTTP/1.0. "
                  "It fails when the answer does not come within "
                  "check_http_timeout, its status does not match "
                  "check_http_status, or its body lacks check_http_body." },
    { .name = APP_HTTP_STATUS, .type = BATON_PARAM_STRING, .dflt = "200",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct app_conf, http_status),
      .parse = baton_http_status_param_parse,
      .shortdesc = "Expected HTTP status",
      .longdesc = "Comma-separated codes (200,204), ranges (200-399) or "
                  "classes (2xx)." },
    { .name = APP_HTTP_BODY, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct app_conf, http_body),
      .shortdesc = "Text the HTTP body must contain",
      .longdesc = "A plain substring (not a pattern) the body must contain." },
    { .name = APP_HTTP_TIMEOUT, .type = BATON_PARAM_STRING, .dflt = "5s",
      .kind = BATON_KIND_DURATION_MS,
      BATON_FIELD(struct app_conf, http_timeout_ms),
      .shortdesc = "HTTP check timeout",
      .longdesc = "Time allowed for the whole HTTP exchange." },
    LEVEL_PARAM(APP_HTTP_LEVEL, http_level, "HTTP check"),
    { .name = APP_PROG, .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct app_conf, prog_argv),
      .parse = parse_program, .shortdesc = "Check program",
      .longdesc = "A program and its arguments, split like cmdline_options "
                  "(no shell), run as the user with the agent's environment "
                  "plus BATON_APP_PID. Exit 0 means healthy; on failure the "
                  "first line of its output becomes part of the reason. It "
                  "is killed with its process group at "
                  "check_program_timeout." },
    { .name = APP_PROG_TIMEOUT, .type = BATON_PARAM_STRING, .dflt = "10s",
      .kind = BATON_KIND_DURATION_MS,
      BATON_FIELD(struct app_conf, prog_timeout_ms),
      .shortdesc = "Check program timeout",
      .longdesc = "Time allowed for check_program." },
    LEVEL_PARAM(APP_PROG_LEVEL, prog_level, "check program"),
};

static const struct baton_action_def app_actions[] = {
    { .name = "start", .timeout_s = 20 },
    { .name = "stop", .timeout_s = 20 },
    { .name = "monitor", .timeout_s = 20, .interval_s = 10, .depth = 0 },
    { .name = "monitor", .timeout_s = 30, .interval_s = 60, .depth = 10 },
    { .name = "validate-all", .timeout_s = 5 },
    { .name = "meta-data", .timeout_s = 5 },
};

const struct baton_agent_def baton_app_agent = {
    .kind = BATON_AGENT_OCF, .name = "app", .version = "1.0",
    .replaces = "ocf:heartbeat:anything",
    .shortdesc = "Runs an application and checks that it really serves",
    .longdesc = "Starts a program as a given user in its own session, with "
                "output to log files, and watches it: the recorded process "
                "must still be the same program (executable and start time), "
                "and optional health checks - TCP connect, HTTP GET, a check "
                "program, heartbeat's monitor_hook - must pass, each within "
                "its own timeout. Start succeeds only when the program runs "
                "and its level-0 checks pass, and fails with a reason before "
                "the start timeout otherwise. Stop sends stop_signal to the "
                "program's whole process group and session, waits "
                "stop_timeout, then kills what is left. Where the cgroup v2 "
                "hierarchy is mounted, the program runs in a cgroup of its "
                "own (baton/<resource> under its root), and stop also ends "
                "every process in it, even one that started a session of "
                "its own. Accepts the "
                "parameters of ocf:heartbeat:anything with the same "
                "meanings; cmdline_options is split without a shell.",
    .params = app_params, .n_params = BATON_N_ELEMENTS(app_params),
    .actions = app_actions, .n_actions = BATON_N_ELEMENTS(app_actions),
    .conf_size = sizeof(struct app_conf), .conf_check = app_conf_check,
    .conf_free = app_conf_free,
};
