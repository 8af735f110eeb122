/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for the fence runtime (lib/fence*.c): option input, aliases,
 * typed parsing, secrets, password_script, exit codes and power sequencing
 * against a fake device. free() is wrapped (-Wl,--wrap=free) to see what
 * the runtime leaves in the memory it frees.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <unistd.h>
#include <cmocka.h>

#include "baton/clock.h"
#include "baton/fence.h"

/* ------------------------------------------------------------------ */
/* What free() sees: a watched block (was it wiped?) and, while a secret
 * is being looked for, whether any freed block still holds it */

void __real_free(void *p);
void __wrap_free(void *p);

static struct {
    const void *ptr;               /* block to watch */
    size_t len;                    /* bytes that must be zero */
    bool freed;
    bool wiped;
    const char *secret;            /* text no freed block may hold */
    const char *prefix;            /* ... nor begin with (reads less) */
    bool secret_seen;
} freed;

static bool
all_zero(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] != 0) {
            return false;
        }
    }
    return true;
}

void
__wrap_free(void *p)
{
    if ((p != NULL) && (p == freed.ptr)) {
        freed.freed = true;
        freed.wiped = all_zero(p, freed.len);
    }
    if ((p != NULL) && (freed.secret != NULL)
        && (memmem(p, malloc_usable_size(p), freed.secret,
                   strlen(freed.secret)) != NULL)) {
        freed.secret_seen = true;
    }
    if ((p != NULL) && (freed.prefix != NULL)
        && (malloc_usable_size(p) >= strlen(freed.prefix))
        && (memcmp(p, freed.prefix, strlen(freed.prefix)) == 0)) {
        freed.secret_seen = true;
    }
    __real_free(p);
}

static void
watch_free(const void *ptr, size_t len)
{
    memset(&freed, 0, sizeof(freed));
    freed.ptr = ptr;
    freed.len = len;
}

/* ------------------------------------------------------------------ */
/* A fake power device */

static struct fake_dev {
    enum baton_fence_power power;
    bool ignore_off;
    bool ignore_on;
    bool cycle_leaves_off;
    /* once it was told off, each status answer takes this long */
    unsigned long slow_after_off_ms;
    bool told_off;
    int set_on_calls;
    int set_off_calls;
    int cycle_calls;
    unsigned long budgets[128];    /* of each status check */
    size_t n_checks;
} dev;

static int
fake_connect(baton_fence_t *f, void **conn, baton_reason_t *why)
{
    *conn = &dev;
    return BATON_RC_OK;
}

static int
fake_get(void *conn, unsigned long budget_ms, enum baton_fence_power *p,
         baton_reason_t *why)
{
    struct fake_dev *d = conn;

    if (d->n_checks < BATON_N_ELEMENTS(d->budgets)) {
        d->budgets[d->n_checks++] = budget_ms;
    }
    if (d->told_off && (d->slow_after_off_ms > 0)) {
        bool late = (budget_ms > 0) && (budget_ms < d->slow_after_off_ms);

        baton_sleep_ms(late ? budget_ms : d->slow_after_off_ms);
        if (late) {
            baton_reason_set(why, "no answer within %lu ms", budget_ms);
            return BATON_RC_TIMEOUT;
        }
    }
    *p = d->power;
    return BATON_RC_OK;
}

static int
fake_set(void *conn, enum baton_fence_power p, baton_reason_t *why)
{
    struct fake_dev *d = conn;

    if (p == BATON_FENCE_POWER_ON) {
        d->set_on_calls++;
        d->power = d->ignore_on ? d->power : p;
    } else {
        d->set_off_calls++;
        d->told_off = true;
        d->power = d->ignore_off ? d->power : p;
    }
    return BATON_RC_OK;
}

static int
fake_cycle(void *conn, baton_reason_t *why)
{
    struct fake_dev *d = conn;

    d->cycle_calls++;
    d->power = d->cycle_leaves_off ? BATON_FENCE_POWER_OFF
                                   : BATON_FENCE_POWER_ON;
    return BATON_RC_OK;
}

static const struct baton_fence_ops fake_ops = {
    .connect = fake_connect, .get_power = fake_get, .set_power = fake_set,
    .cycle = fake_cycle,
};

/* The fake agent's configuration: the standard options first */
struct fake_conf {
    struct baton_fence_conf common;
    const char *ip;
    bool use_sudo;
};

static const struct baton_param_def fake_params[] = {
    { .name = "ip", .type = BATON_PARAM_STRING, .aliases = "ipaddr",
      .short_opt = 'a', .arg_name = "[ip]", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct fake_conf, ip), .shortdesc = "IP",
      .longdesc = "IP." },
    { .name = "use_sudo", .type = BATON_PARAM_BOOLEAN, .aliases = "sudo",
      .kind = BATON_KIND_BOOL, BATON_FIELD(struct fake_conf, use_sudo),
      .shortdesc = "sudo", .longdesc = "sudo." },
    BATON_FENCE_P_LOGIN,
    BATON_FENCE_P_METHOD("onoff"),
    BATON_FENCE_COMMON_PARAMS("0", BATON_FENCE_SHELL_TIMEOUT_DESC, 0),
};

static const struct baton_action_def fake_actions[] = {
    { .name = "on" }, { .name = "off" }, { .name = "reboot" },
    { .name = "status" }, { .name = "metadata" },
};

static const struct baton_agent_def fake_def = {
    .kind = BATON_AGENT_FENCE, .name = "fence_fake", .version = "1",
    .shortdesc = "Fake", .longdesc = "Fake.",
    .params = fake_params, .n_params = BATON_N_ELEMENTS(fake_params),
    .actions = fake_actions, .n_actions = BATON_N_ELEMENTS(fake_actions),
    .conf_size = sizeof(struct fake_conf),
};

static const struct baton_fence_agent fake_agent = {
    .def = &fake_def, .metadata_xml = "<x/>", .manpage = ".TH x",
    .ops = &fake_ops,
};

/* An invocation from key=value lines, as the fencer writes them */
static baton_fence_t *
from_stdin(const char *text)
{
    FILE *in = fmemopen((void *) text, strlen(text), "r");
    char *argv[] = { "fence_fake", NULL };
    baton_fence_t *f = NULL;

    assert_non_null(in);
    assert_int_equal(baton_fence_new(&fake_agent, 1, argv, in, &f, NULL),
                     BATON_RC_OK);
    fclose(in);
    return f;
}

/* The same through a pipe, read with read(2) as the fencer's pipe is */
static baton_fence_t *
from_pipe(const char *text)
{
    char *argv[] = { "fence_fake", NULL };
    baton_fence_t *f = NULL;
    int fds[2] = { -1, -1 };
    FILE *in = NULL;

    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], text, strlen(text)),
                     (ssize_t) strlen(text));
    close(fds[1]);
    in = fdopen(fds[0], "r");
    assert_non_null(in);
    assert_int_equal(baton_fence_new(&fake_agent, 1, argv, in, &f, NULL),
                     BATON_RC_OK);
    fclose(in);
    return f;
}

/* from_stdin(), validated: the configuration is complete */
static const struct fake_conf *
valid_conf(baton_fence_t *f)
{
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_fence_validate(f, &why), BATON_RC_OK);
    return (const struct fake_conf *) baton_fence_conf(f);
}

static void
fake_reset(enum baton_fence_power p)
{
    memset(&dev, 0, sizeof(dev));
    dev.power = p;
}

/* ------------------------------------------------------------------ */
/* Input */

static void
stdin_reads_aliases_in_any_order_skipping_comments(void **state)
{
    baton_fence_t *f = from_stdin("# comment\n\nport=node1\nipaddr=10.0.0.1\n"
                                  "login=admin\npasswd=se cret\noption=off\n"
                                  "power-timeout=7\nunknown_key=1\n");
    const struct fake_conf *c = valid_conf(f);

    assert_string_equal(c->common.plug, "node1");
    assert_string_equal(c->ip, "10.0.0.1");
    assert_string_equal(c->common.username, "admin");
    assert_string_equal(c->common.password, "se cret");
    assert_int_equal(c->common.action, BATON_FENCE_ACT_OFF);
    assert_string_equal(baton_fence_action(f), "off");
    assert_int_equal(c->common.power_timeout_s, 7);
    assert_false(c->use_sudo);
    baton_fence_free(f);
}

static void
stdin_flag_value_is_read_not_only_presence(void **state)
{
    baton_fence_t *f = from_stdin("use_sudo=0\n");

    assert_false(valid_conf(f)->use_sudo);
    baton_fence_free(f);
    f = from_stdin("sudo=yes\n");
    assert_true(valid_conf(f)->use_sudo);
    baton_fence_free(f);
    /* not a boolean: ignored (with a warning), as fence-agents does */
    f = from_stdin("use_sudo=maybe\n");
    assert_false(baton_params_is_set(baton_fence_params(f), "use_sudo"));
    assert_false(valid_conf(f)->use_sudo);
    baton_fence_free(f);
}

static void
stdin_value_loses_one_pair_of_double_quotes(void **state)
{
    baton_fence_t *f = from_stdin("username=\"admin\"\n"
                                  "password=\"\"two pairs\"\"\n"
                                  "ip=\"10.0.0.1\n"
                                  "nodename='n1'\n"
                                  "plug=\"\n"
                                  "use_sudo=\"1\"\n"
                                  "power_timeout=\"9\"\n");
    const struct fake_conf *c = valid_conf(f);

    assert_string_equal(c->common.username, "admin");
    assert_string_equal(c->common.password, "\"two pairs\"");
    assert_string_equal(c->ip, "\"10.0.0.1");      /* no closing quote */
    assert_string_equal(c->common.nodename, "'n1'");   /* only '"' */
    assert_string_equal(c->common.plug, "\"");     /* one quote alone */
    assert_true(c->use_sudo);
    assert_int_equal(c->common.power_timeout_s, 9);
    baton_fence_free(f);
}

static void
stdin_action_defaults_to_reboot(void **state)
{
    baton_fence_t *f = from_stdin("ip=10.0.0.1\n");

    assert_int_equal(valid_conf(f)->common.action, BATON_FENCE_ACT_REBOOT);
    assert_string_equal(baton_fence_action(f), "reboot");
    baton_fence_free(f);
}

static void
argv_reads_short_long_and_alias_options(void **state)
{
    char pw[] = "hunter2";
    char *argv[] = { "fence_fake", "-a", "10.0.0.2", "--username=u", "-p", pw,
                     "--use-sudo", "-o", "status", "--power-timeout", "9",
                     "--ipaddr=10.0.0.3", NULL };
    baton_fence_t *f = NULL;
    const struct fake_conf *c = NULL;

    assert_int_equal(baton_fence_new(&fake_agent, 12, argv, NULL, &f, NULL),
                     BATON_RC_OK);
    c = valid_conf(f);
    assert_string_equal(c->ip, "10.0.0.3");
    assert_string_equal(c->common.username, "u");
    assert_string_equal(c->common.password, "hunter2");
    assert_int_equal(c->common.action, BATON_FENCE_ACT_STATUS);
    assert_int_equal(c->common.power_timeout_s, 9);
    /* a flag on argv is true by its presence */
    assert_true(c->use_sudo);
    /* the secret no longer shows in argv (/proc/PID/cmdline) */
    assert_int_equal(pw[0], '\0');
    baton_fence_free(f);
}

static void
argv_rejects_unknown_option(void **state)
{
    char *argv[] = { "fence_fake", "--no-such-thing", NULL };
    baton_reason_t why = BATON_REASON_INIT;
    baton_fence_t *f = NULL;

    assert_int_equal(baton_fence_new(&fake_agent, 2, argv, NULL, &f, &why),
                     BATON_RC_USAGE);
    assert_non_null(strstr(why.text, "--no-such-thing"));
    baton_fence_free(f);
}

/* ------------------------------------------------------------------ */
/* Typed parsing */

static void
numbers_that_are_not_numbers_are_rejected(void **state)
{
    static const struct {
        const char *line;
        const char *reason;
    } bad[] = {
        { "power_timeout=abc\n", "Parameter power_timeout: 'abc' is not an "
                                 "integer" },
        { "delay=-1\n", "Parameter delay: -1 is not between 0 and 86400" },
        { "retry_on=0\n", "Parameter retry_on: 0 is not between 1 and 100" },
        { "login_timeout=5s\n", "Parameter login_timeout: '5s' is not an "
                                "integer" },
        { "verbose_level=x\n", "Parameter verbose_level: 'x' is not an "
                               "integer" },
    };

    for (size_t i = 0; i < BATON_N_ELEMENTS(bad); i++) {
        baton_fence_t *f = from_stdin(bad[i].line);
        baton_reason_t why = BATON_REASON_INIT;

        assert_int_equal(baton_fence_validate(f, &why), BATON_RC_CONFIG);
        assert_string_equal(why.text, bad[i].reason);
        baton_fence_free(f);
    }
}

static void
unknown_action_is_rejected_by_validation(void **state)
{
    baton_fence_t *f = from_stdin("action=explode\n");
    baton_reason_t why = BATON_REASON_INIT;

    /* before validation it reads as the default: never as metadata */
    assert_int_equal(baton_fence_conf(f)->action, BATON_FENCE_ACT_REBOOT);
    assert_int_equal(baton_fence_validate(f, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter action: 'explode' is not one "
                        "of the accepted values");
    baton_fence_free(f);
}

static void
validation_rejects_bad_method(void **state)
{
    baton_fence_t *f = from_stdin("method=bounce\n");
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_fence_validate(f, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter method: 'bounce' is not one of "
                        "the accepted values");
    baton_fence_free(f);
}

static void
docs_options_are_read_before_validation(void **state)
{
    baton_fence_t *f = from_stdin("action=metadata\npower_timeout=x\n"
                                  "quiet=1\nverbose_level=2\n");
    const struct baton_fence_conf *c = baton_fence_conf(f);

    /* what main() needs to answer metadata and to set up logging */
    assert_int_equal(c->action, BATON_FENCE_ACT_METADATA);
    assert_true(c->quiet);
    assert_int_equal(c->verbose_level, 2);
    assert_int_equal(baton_fence_validate(f, NULL), BATON_RC_CONFIG);
    baton_fence_free(f);
    f = from_stdin("help=1\nretry_on=0\n");
    assert_true(baton_fence_conf(f)->help);
    baton_fence_free(f);
}

/* ------------------------------------------------------------------ */
/* Secrets and password_script */

static void
password_given_twice_leaves_no_copy_of_the_first(void **state)
{
    baton_fence_t *f = from_stdin("password=first-secret\n");
    baton_params_t *params = baton_fence_params(f);
    const char *first = baton_params_get(params, "password");

    watch_free(first, strlen("first-secret"));
    assert_int_equal(baton_params_set(params, "passwd", "second"),
                     BATON_RC_OK);
    assert_true(freed.freed);
    assert_true(freed.wiped);
    watch_free(NULL, 0);
    baton_fence_free(f);
}

static void
reading_stdin_leaves_no_copy_of_the_password(void **state)
{
    /* Long enough for the read buffer to grow: the copy it grows from is
     * freed too */
    static char text[12000];
    baton_fence_t *f = NULL;
    size_t n = 0;

    n += (size_t) snprintf(text + n, sizeof(text) - n,
                           "password=Tr0ub4dor-first\n#");
    memset(text + n, 'x', 6000);
    n += 6000;
    n += (size_t) snprintf(text + n, sizeof(text) - n,
                           "\npassword=Tr0ub4dor-second\n#");
    memset(text + n, 'y', 3000);
    n += 3000;
    snprintf(text + n, sizeof(text) - n, "\naction=status\n");
    watch_free(NULL, 0);
    freed.secret = "Tr0ub4dor";
    f = from_pipe(text);
    assert_string_equal(valid_conf(f)->common.password, "Tr0ub4dor-second");
    baton_fence_free(f);
    assert_false(freed.secret_seen);
    freed.secret = NULL;
}

static void
password_script_supplies_the_password(void **state)
{
    baton_fence_t *f = from_stdin("password_script=/bin/echo 'from script'\n");
    const char *pw = NULL;

    assert_int_equal(baton_fence_password(f, &pw, NULL), BATON_RC_OK);
    assert_string_equal(pw, "from script");
    assert_string_equal(baton_fence_conf(f)->password, "from script");
    /* the runtime's copy is wiped when the invocation is freed */
    watch_free(pw, strlen(pw));
    baton_fence_free(f);
    assert_true(freed.freed);
    assert_true(freed.wiped);
    watch_free(NULL, 0);
}

static void
password_script_output_leaves_no_copy(void **state)
{
    /* printed in two halves: the command line does not hold it */
    baton_fence_t *f = from_stdin("password_script=/usr/bin/printf "
                                  "'%s%s\\n' Pl4ce -b0-script\n");
    const char *pw = NULL;

    watch_free(NULL, 0);
    /* lib/child's capture buffers and the runtime's copy start with it */
    freed.prefix = "Pl4ce-b0";
    assert_int_equal(baton_fence_password(f, &pw, NULL), BATON_RC_OK);
    assert_string_equal(pw, "Pl4ce-b0-script");
    baton_fence_free(f);
    assert_false(freed.secret_seen);
    freed.prefix = NULL;
}

static void
password_script_replaces_a_given_password(void **state)
{
    baton_fence_t *f = from_stdin("password=direct\n"
                                  "password_script=/bin/echo other\n");
    const char *pw = NULL;

    assert_int_equal(baton_fence_password(f, &pw, NULL), BATON_RC_OK);
    assert_string_equal(pw, "other");
    /* run once per invocation, kept across a second validation */
    assert_int_equal(baton_fence_validate(f, NULL), BATON_RC_OK);
    assert_int_equal(baton_fence_password(f, &pw, NULL), BATON_RC_OK);
    assert_string_equal(pw, "other");
    baton_fence_free(f);
}

static void
password_script_with_shell_syntax_is_refused(void **state)
{
    baton_fence_t *f = from_stdin("password_script=/bin/cat /etc/x | tr a b\n");
    baton_reason_t why = BATON_REASON_INIT;
    const char *pw = NULL;

    assert_int_equal(baton_fence_password(f, &pw, &why), BATON_RC_CONFIG);
    assert_null(pw);
    assert_true(baton_reason_is_set(&why));
    baton_fence_free(f);
}

static void
slow_password_script_is_killed_at_login_timeout(void **state)
{
    baton_fence_t *f = from_stdin("password_script=/bin/sleep 10\n"
                                  "login_timeout=1\n");
    baton_reason_t why = BATON_REASON_INIT;
    unsigned long long t0 = baton_clock_now_ms();
    const char *pw = NULL;

    assert_int_equal(baton_fence_password(f, &pw, &why), BATON_RC_TIMEOUT);
    assert_true(baton_clock_now_ms() - t0 < 2500);
    assert_string_equal(why.text, "password_script /bin/sleep did not finish "
                        "within 1 s (login_timeout)");
    baton_fence_free(f);
}

/* ------------------------------------------------------------------ */
/* Exit codes and sequencing */

static void
exit_codes_follow_fence_agents(void **state)
{
    assert_int_equal(baton_fence_exit_code(BATON_FENCE_ACT_STATUS,
                                           BATON_RC_OK,
                                           BATON_FENCE_POWER_ON), 0);
    assert_int_equal(baton_fence_exit_code(BATON_FENCE_ACT_STATUS,
                                           BATON_RC_OK,
                                           BATON_FENCE_POWER_OFF), 2);
    assert_int_equal(baton_fence_exit_code(BATON_FENCE_ACT_STATUS,
                                           BATON_RC_TIMEOUT,
                                           BATON_FENCE_POWER_UNKNOWN), 1);
    assert_int_equal(baton_fence_exit_code(BATON_FENCE_ACT_STATUS,
                                           BATON_RC_CONFIG,
                                           BATON_FENCE_POWER_UNKNOWN), 1);
    assert_int_equal(baton_fence_exit_code(BATON_FENCE_ACT_OFF, BATON_RC_OK,
                                           BATON_FENCE_POWER_UNKNOWN), 0);
    assert_int_equal(baton_fence_exit_code(BATON_FENCE_ACT_OFF,
                                           BATON_RC_TIMEOUT,
                                           BATON_FENCE_POWER_UNKNOWN), 5);
    assert_int_equal(baton_fence_exit_code(BATON_FENCE_ACT_ON, BATON_RC_AUTH,
                                           BATON_FENCE_POWER_UNKNOWN), 3);
    assert_int_equal(baton_fence_exit_code(BATON_FENCE_ACT_REBOOT,
                                           BATON_RC_USAGE,
                                           BATON_FENCE_POWER_UNKNOWN), 1);
    assert_int_equal(baton_fence_exit_code(BATON_FENCE_ACT_UNKNOWN,
                                           BATON_RC_CONFIG,
                                           BATON_FENCE_POWER_UNKNOWN), 1);
}

static int
run(baton_fence_t *f, char *result, baton_reason_t *why)
{
    enum baton_fence_power p = BATON_FENCE_POWER_UNKNOWN;

    return baton_fence_run(f, &p, result, 256, why);
}

static void
off_is_issued_then_verified(void **state)
{
    baton_fence_t *f = from_stdin("action=off\n");
    char result[256];

    fake_reset(BATON_FENCE_POWER_ON);
    assert_int_equal(run(f, result, NULL), BATON_RC_OK);
    assert_string_equal(result, "Success: Powered OFF");
    assert_int_equal(dev.power, BATON_FENCE_POWER_OFF);
    assert_int_equal(dev.set_off_calls, 1);
    /* again: already off, nothing is sent */
    assert_int_equal(run(f, result, NULL), BATON_RC_OK);
    assert_string_equal(result, "Success: Already OFF");
    assert_int_equal(dev.set_off_calls, 1);
    baton_fence_free(f);
}

static void
device_ignoring_off_fails_after_power_timeout(void **state)
{
    baton_fence_t *f = from_stdin("action=off\npower_timeout=1\n");
    baton_reason_t why = BATON_REASON_INIT;
    unsigned long long t0 = baton_clock_now_ms();
    char result[256];

    fake_reset(BATON_FENCE_POWER_ON);
    dev.ignore_off = true;
    assert_int_equal(run(f, result, &why), BATON_RC_TIMEOUT);
    assert_true(baton_clock_now_ms() - t0 >= 1000);
    assert_true(baton_clock_now_ms() - t0 < 2500);
    assert_string_equal(why.text, "Power is not OFF after 1 s (power_timeout)");
    baton_fence_free(f);
}

static void
status_checks_get_what_remains_of_power_timeout(void **state)
{
    baton_fence_t *f = from_stdin("action=off\npower_timeout=1\n");
    char result[256];

    fake_reset(BATON_FENCE_POWER_ON);
    dev.ignore_off = true;
    assert_int_equal(run(f, result, NULL), BATON_RC_TIMEOUT);
    /* the check before the command: the agent's own bound */
    assert_true(dev.n_checks >= 3);
    assert_int_equal(dev.budgets[0], 0);
    /* then what remains, shrinking, never under the last-check minimum */
    assert_in_range(dev.budgets[1], 900, 1000);
    for (size_t i = 2; i < dev.n_checks; i++) {
        assert_true(dev.budgets[i] <= dev.budgets[i - 1]);
        assert_true(dev.budgets[i] >= 250);
    }
    /* the last check started when power_timeout ran out */
    assert_int_equal(dev.budgets[dev.n_checks - 1], 250);
    baton_fence_free(f);
}

static void
unanswered_status_cannot_stretch_power_timeout(void **state)
{
    baton_fence_t *f = from_stdin("action=off\npower_timeout=1\n");
    baton_reason_t why = BATON_REASON_INIT;
    unsigned long long t0 = baton_clock_now_ms();
    char result[256];

    fake_reset(BATON_FENCE_POWER_ON);
    dev.ignore_off = true;
    dev.slow_after_off_ms = 3000;
    assert_int_equal(run(f, result, &why), BATON_RC_TIMEOUT);
    assert_true(baton_clock_now_ms() - t0 >= 1000);
    assert_true(baton_clock_now_ms() - t0 < 1800);
    assert_string_equal(why.text, "Power is not OFF after 1 s "
                        "(power_timeout): no answer within 1000 ms");
    baton_fence_free(f);
}

static void
reboot_is_off_verified_then_on_verified(void **state)
{
    baton_fence_t *f = from_stdin("action=reboot\n");
    char result[256];

    fake_reset(BATON_FENCE_POWER_ON);
    assert_int_equal(run(f, result, NULL), BATON_RC_OK);
    assert_string_equal(result, "Success: Rebooted");
    assert_int_equal(dev.set_off_calls, 1);
    assert_int_equal(dev.set_on_calls, 1);
    assert_int_equal(dev.power, BATON_FENCE_POWER_ON);
    baton_fence_free(f);
}

static void
reboot_succeeds_once_off_even_if_on_fails_retrying_on(void **state)
{
    baton_fence_t *f = from_stdin("action=reboot\nretry_on=2\n"
                                  "power_timeout=0\n");
    char result[256];

    fake_reset(BATON_FENCE_POWER_ON);
    dev.ignore_on = true;
    assert_int_equal(run(f, result, NULL), BATON_RC_OK);
    assert_non_null(strstr(result, "not confirmed"));
    assert_int_equal(dev.set_on_calls, 2);
    baton_fence_free(f);
}

static void
on_retries_then_fails(void **state)
{
    baton_fence_t *f = from_stdin("action=on\nretry_on=3\npower_timeout=0\n");
    baton_reason_t why = BATON_REASON_INIT;
    char result[256];

    fake_reset(BATON_FENCE_POWER_OFF);
    dev.ignore_on = true;
    assert_int_equal(run(f, result, &why), BATON_RC_TIMEOUT);
    assert_int_equal(dev.set_on_calls, 3);
    assert_non_null(strstr(why.text, "Power is not ON"));
    baton_fence_free(f);
}

static void
cycle_is_verified_afterwards(void **state)
{
    baton_fence_t *f = from_stdin("action=reboot\nmethod=cycle\n"
                                  "power_timeout=1\n");
    baton_reason_t why = BATON_REASON_INIT;
    char result[256];

    fake_reset(BATON_FENCE_POWER_ON);
    assert_int_equal(run(f, result, NULL), BATON_RC_OK);
    assert_int_equal(dev.cycle_calls, 1);
    assert_non_null(strstr(result, "verified"));
    fake_reset(BATON_FENCE_POWER_ON);
    dev.cycle_leaves_off = true;
    assert_int_equal(run(f, result, &why), BATON_RC_TIMEOUT);
    baton_fence_free(f);
}

static void
delay_applies_to_off_not_to_status(void **state)
{
    baton_fence_t *f = from_stdin("action=off\ndelay=1\n");
    unsigned long long t0 = baton_clock_now_ms();
    char result[256];

    fake_reset(BATON_FENCE_POWER_ON);
    assert_int_equal(run(f, result, NULL), BATON_RC_OK);
    assert_true(baton_clock_now_ms() - t0 >= 1000);
    baton_fence_free(f);
    f = from_stdin("action=status\ndelay=1\n");
    t0 = baton_clock_now_ms();
    assert_int_equal(run(f, result, NULL), BATON_RC_OK);
    assert_string_equal(result, "Status: OFF");
    assert_true(baton_clock_now_ms() - t0 < 500);
    baton_fence_free(f);
}

static void
list_fields_are_separated_by_plug_separator(void **state)
{
    baton_fence_t *f = from_stdin("action=list\n");
    enum baton_fence_power p = BATON_FENCE_POWER_UNKNOWN;
    char result[256];

    fake_reset(BATON_FENCE_POWER_ON);
    assert_int_equal(run(f, result, NULL), BATON_RC_OK);
    assert_string_equal(result, "fence_fake,");
    baton_fence_free(f);
    f = from_stdin("action=list\nplug_separator=;\n");
    assert_int_equal(run(f, result, NULL), BATON_RC_OK);
    assert_string_equal(result, "fence_fake;");
    baton_fence_free(f);
    f = from_stdin("action=list-status\nplug-separator=:\n");
    assert_int_equal(baton_fence_run(f, &p, result, sizeof(result), NULL),
                     BATON_RC_OK);
    assert_string_equal(result, "fence_fake::ON");
    assert_int_equal(p, BATON_FENCE_POWER_ON);
    baton_fence_free(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stdin_reads_aliases_in_any_order_skipping_comments),
        cmocka_unit_test(stdin_flag_value_is_read_not_only_presence),
        cmocka_unit_test(stdin_value_loses_one_pair_of_double_quotes),
        cmocka_unit_test(stdin_action_defaults_to_reboot),
        cmocka_unit_test(argv_reads_short_long_and_alias_options),
        cmocka_unit_test(argv_rejects_unknown_option),
        cmocka_unit_test(numbers_that_are_not_numbers_are_rejected),
        cmocka_unit_test(unknown_action_is_rejected_by_validation),
        cmocka_unit_test(validation_rejects_bad_method),
        cmocka_unit_test(docs_options_are_read_before_validation),
        cmocka_unit_test(password_given_twice_leaves_no_copy_of_the_first),
        cmocka_unit_test(reading_stdin_leaves_no_copy_of_the_password),
        cmocka_unit_test(password_script_supplies_the_password),
        cmocka_unit_test(password_script_output_leaves_no_copy),
        cmocka_unit_test(password_script_replaces_a_given_password),
        cmocka_unit_test(password_script_with_shell_syntax_is_refused),
        cmocka_unit_test(slow_password_script_is_killed_at_login_timeout),
        cmocka_unit_test(exit_codes_follow_fence_agents),
        cmocka_unit_test(off_is_issued_then_verified),
        cmocka_unit_test(device_ignoring_off_fails_after_power_timeout),
        cmocka_unit_test(status_checks_get_what_remains_of_power_timeout),
        cmocka_unit_test(unanswered_status_cannot_stretch_power_timeout),
        cmocka_unit_test(reboot_is_off_verified_then_on_verified),
        cmocka_unit_test(reboot_succeeds_once_off_even_if_on_fails_retrying_on),
        cmocka_unit_test(on_retries_then_fails),
        cmocka_unit_test(cycle_is_verified_afterwards),
        cmocka_unit_test(delay_applies_to_off_not_to_status),
        cmocka_unit_test(list_fields_are_separated_by_plug_separator),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
