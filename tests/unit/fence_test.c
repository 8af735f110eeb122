/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for the fence runtime (lib/fence*.c): option input, aliases,
 * password_script, exit codes and power sequencing against a fake device.
 * free() is wrapped (-Wl,--wrap=free) to see whether a secret is wiped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "baton/clock.h"
#include "baton/fence.h"

/* ------------------------------------------------------------------ */
/* What free() sees of a watched block: was it wiped first? */

void __real_free(void *p);
void __wrap_free(void *p);

static struct {
    const void *ptr;               /* block to watch */
    size_t len;                    /* bytes that must be zero */
    bool freed;
    bool wiped;
} freed;

void
__wrap_free(void *p)
{
    if ((p != NULL) && (p == freed.ptr)) {
        freed.freed = true;
        freed.wiped = true;
        for (size_t i = 0; i < freed.len; i++) {
            freed.wiped = freed.wiped && (((unsigned char *) p)[i] == 0);
        }
    }
    __real_free(p);
}

/* ------------------------------------------------------------------ */
/* A fake power device */

static struct fake_dev {
    enum baton_fence_power power;
    bool ignore_off;
    bool ignore_on;
    bool cycle_leaves_off;
    int set_on_calls;
    int set_off_calls;
    int cycle_calls;
} dev;

static int
fake_connect(baton_fence_t *f, void **conn, baton_reason_t *why)
{
    *conn = &dev;
    return BATON_RC_OK;
}

static int
fake_get(void *conn, enum baton_fence_power *p, baton_reason_t *why)
{
    *p = ((struct fake_dev *) conn)->power;
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

static const struct baton_param_def fake_params[] = {
    { .name = "ip", .type = BATON_PARAM_STRING, .aliases = "ipaddr",
      .short_opt = 'a', .arg_name = "[ip]", .shortdesc = "IP",
      .longdesc = "IP." },
    { .name = "use_sudo", .type = BATON_PARAM_BOOLEAN, .aliases = "sudo",
      .shortdesc = "sudo", .longdesc = "sudo." },
    BATON_FENCE_P_LOGIN,
    BATON_FENCE_P_METHOD("onoff"),
    BATON_FENCE_COMMON_PARAMS("0"),
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
};

static const struct baton_fence_agent fake_agent = {
    .def = &fake_def, .metadata_xml = "<x/>", .manpage = ".TH x",
    .ops = &fake_ops,
};

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

static void
fake_reset(enum baton_fence_power p)
{
    memset(&dev, 0, sizeof(dev));
    dev.power = p;
}

/* ------------------------------------------------------------------ */

static void
stdin_reads_aliases_in_any_order_skipping_comments(void **state)
{
    baton_fence_t *f = from_stdin("# comment\n\nport=node1\nipaddr=10.0.0.1\n"
                                  "login=admin\npasswd=se cret\noption=off\n"
                                  "power-timeout=7\nunknown_key=1\n");
    bool b = true;

    assert_string_equal(baton_fence_param(f, "plug"), "node1");
    assert_string_equal(baton_fence_param(f, "ip"), "10.0.0.1");
    assert_string_equal(baton_fence_param(f, "username"), "admin");
    assert_string_equal(baton_fence_param(f, "password"), "se cret");
    assert_string_equal(baton_fence_action(f), "off");
    assert_int_equal(baton_fence_param_ms(f, "power_timeout"), 7000);
    assert_int_equal(baton_params_get_bool(baton_fence_params(f), "use_sudo",
                                           &b), BATON_RC_OK);
    assert_false(b);
    baton_fence_free(f);
}

static void
stdin_flag_value_is_read_not_only_presence(void **state)
{
    baton_fence_t *f = from_stdin("use_sudo=0\n");
    bool b = true;

    baton_params_get_bool(baton_fence_params(f), "use_sudo", &b);
    assert_false(b);
    baton_fence_free(f);
    f = from_stdin("sudo=yes\n");
    baton_params_get_bool(baton_fence_params(f), "use_sudo", &b);
    assert_true(b);
    baton_fence_free(f);
    f = from_stdin("use_sudo=maybe\n");
    assert_false(baton_params_is_set(baton_fence_params(f), "use_sudo"));
    baton_fence_free(f);
}

static void
stdin_action_defaults_to_reboot(void **state)
{
    baton_fence_t *f = from_stdin("ip=10.0.0.1\n");

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
    bool b = false;

    assert_int_equal(baton_fence_new(&fake_agent, 12, argv, NULL, &f, NULL),
                     BATON_RC_OK);
    assert_string_equal(baton_fence_param(f, "ip"), "10.0.0.3");
    assert_string_equal(baton_fence_param(f, "username"), "u");
    assert_string_equal(baton_fence_param(f, "password"), "hunter2");
    assert_string_equal(baton_fence_action(f), "status");
    assert_int_equal(baton_fence_param_ms(f, "power_timeout"), 9000);
    baton_params_get_bool(baton_fence_params(f), "use_sudo", &b);
    assert_true(b);
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

static void
password_script_supplies_the_password(void **state)
{
    baton_fence_t *f = from_stdin("password_script=/bin/echo 'from script'\n");
    const char *pw = NULL;

    assert_int_equal(baton_fence_password(f, &pw, NULL), BATON_RC_OK);
    assert_string_equal(pw, "from script");
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

static void
given_password_wins_over_password_script(void **state)
{
    baton_fence_t *f = from_stdin("password=direct\n"
                                  "password_script=/bin/echo other\n");
    const char *pw = NULL;

    assert_int_equal(baton_fence_password(f, &pw, NULL), BATON_RC_OK);
    assert_string_equal(pw, "direct");
    baton_fence_free(f);
}

static void
password_given_twice_leaves_no_copy_of_the_first(void **state)
{
    baton_fence_t *f = from_stdin("password=first-secret\n");
    baton_params_t *params = baton_fence_params(f);

    memset(&freed, 0, sizeof(freed));
    freed.ptr = baton_params_get(params, "password");
    freed.len = strlen("first-secret");
    assert_int_equal(baton_params_set(params, "passwd", "second"),
                     BATON_RC_OK);
    assert_true(freed.freed);
    assert_true(freed.wiped);
    memset(&freed, 0, sizeof(freed));
    baton_fence_free(f);
}

static void
exit_codes_follow_fence_agents(void **state)
{
    assert_int_equal(baton_fence_exit_code("status", BATON_RC_OK,
                                           BATON_FENCE_POWER_ON), 0);
    assert_int_equal(baton_fence_exit_code("status", BATON_RC_OK,
                                           BATON_FENCE_POWER_OFF), 2);
    assert_int_equal(baton_fence_exit_code("status", BATON_RC_TIMEOUT,
                                           BATON_FENCE_POWER_UNKNOWN), 1);
    assert_int_equal(baton_fence_exit_code("status", BATON_RC_CONFIG,
                                           BATON_FENCE_POWER_UNKNOWN), 1);
    assert_int_equal(baton_fence_exit_code("off", BATON_RC_OK,
                                           BATON_FENCE_POWER_UNKNOWN), 0);
    assert_int_equal(baton_fence_exit_code("off", BATON_RC_TIMEOUT,
                                           BATON_FENCE_POWER_UNKNOWN), 5);
    assert_int_equal(baton_fence_exit_code("on", BATON_RC_AUTH,
                                           BATON_FENCE_POWER_UNKNOWN), 3);
    assert_int_equal(baton_fence_exit_code("reboot", BATON_RC_USAGE,
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
validation_rejects_bad_method(void **state)
{
    baton_fence_t *f = from_stdin("method=bounce\n");
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_fence_validate(f, &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "method"));
    baton_fence_free(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stdin_reads_aliases_in_any_order_skipping_comments),
        cmocka_unit_test(stdin_flag_value_is_read_not_only_presence),
        cmocka_unit_test(stdin_action_defaults_to_reboot),
        cmocka_unit_test(argv_reads_short_long_and_alias_options),
        cmocka_unit_test(argv_rejects_unknown_option),
        cmocka_unit_test(password_script_supplies_the_password),
        cmocka_unit_test(password_script_with_shell_syntax_is_refused),
        cmocka_unit_test(slow_password_script_is_killed_at_login_timeout),
        cmocka_unit_test(given_password_wins_over_password_script),
        cmocka_unit_test(password_given_twice_leaves_no_copy_of_the_first),
        cmocka_unit_test(exit_codes_follow_fence_agents),
        cmocka_unit_test(off_is_issued_then_verified),
        cmocka_unit_test(device_ignoring_off_fails_after_power_timeout),
        cmocka_unit_test(reboot_is_off_verified_then_on_verified),
        cmocka_unit_test(reboot_succeeds_once_off_even_if_on_fails_retrying_on),
        cmocka_unit_test(on_retries_then_fails),
        cmocka_unit_test(cycle_is_verified_afterwards),
        cmocka_unit_test(delay_applies_to_off_not_to_status),
        cmocka_unit_test(validation_rejects_bad_method),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
