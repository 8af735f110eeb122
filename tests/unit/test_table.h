/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A small agent table shared by the unit tests of params, ocf and meta.
 */
#ifndef BATON_TEST_TABLE_H
#define BATON_TEST_TABLE_H

#include <stdbool.h>
#include <string.h>

#include "baton/params.h"
#include "baton/rc.h"

/* The configuration the test table parses into */
struct test_conf {
    const char *host;
    unsigned count;
    bool verbose;
    int mode;
    unsigned long wait_ms;
    bool has_wait;
    const char *password;
    long long pin;
    bool cross_checked;
};

enum test_mode { TEST_MODE_FAST = 10, TEST_MODE_SLOW = 20 };

static int
check_no_spaces(const char *value, void *field, baton_reason_t *why)
{
    (void) field;
    if (strchr(value, ' ') != NULL) {
        baton_reason_set(why, "'%s' must not contain spaces", value);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

/* A rule over two parameters: slow mode needs a wait */
static int
test_conf_check(void *conf, baton_reason_t *why)
{
    struct test_conf *c = conf;

    c->cross_checked = true;
    if ((c->mode == TEST_MODE_SLOW) && !c->has_wait) {
        baton_reason_set(why, "Mode slow needs wait");
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

static const char *const test_modes[] = { "fast", "slow", NULL };
static const int test_mode_values[] = { TEST_MODE_FAST, TEST_MODE_SLOW };

static const struct baton_param_def test_params[] = {
    { .name = "host", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_REQUIRED, .unique_group = "address",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct test_conf, host),
      .parse = check_no_spaces, .shortdesc = "Host",
      .longdesc = "The host to use." },
    { .name = "count", .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RANGE | BATON_PARAM_RELOADABLE, .dflt = "5",
      .min = 1, .max = 10, .kind = BATON_KIND_INT,
      BATON_FIELD(struct test_conf, count), .shortdesc = "Count", .longdesc = "How many." },
    { .name = "verbose", .type = BATON_PARAM_BOOLEAN, .dflt = "false",
      .kind = BATON_KIND_BOOL, BATON_FIELD(struct test_conf, verbose),
      .shortdesc = "Verbose", .longdesc = "Say more <and> \"quote\"." },
    { .name = "mode", .type = BATON_PARAM_SELECT, .choices = test_modes,
      .dflt = "fast", .kind = BATON_KIND_CHOICE,
      .choice_values = test_mode_values, BATON_FIELD(struct test_conf, mode),
      .shortdesc = "Mode", .longdesc = "Which mode." },
    { .name = "wait", .type = BATON_PARAM_STRING,
      .kind = BATON_KIND_DURATION_MS, BATON_FIELD(struct test_conf, wait_ms),
      BATON_GIVEN(struct test_conf, has_wait), .shortdesc = "Wait",
      .longdesc = "How long." },
    { .name = "old_feature", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_OBSOLETE | BATON_PARAM_HIDDEN,
      .note = "the kernel removed it", .shortdesc = "Old",
      .longdesc = "Gone." },
    { .name = "old_switch", .type = BATON_PARAM_BOOLEAN,
      .flags = BATON_PARAM_OBSOLETE | BATON_PARAM_HIDDEN,
      .note = "the switch is gone", .shortdesc = "Old switch",
      .longdesc = "Gone." },
    { .name = "old_hash", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_OBSOLETE | BATON_PARAM_HIDDEN,
      .compat_value = "sourceip", .note = "hashing is gone",
      .shortdesc = "Old hash", .longdesc = "Gone." },
    { .name = "password", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_SECRET, .aliases = "passwd", .short_opt = 'p',
      BATON_FIELD(struct test_conf, password),
      .arg_name = "[password]", .shortdesc = "Password",
      .longdesc = "Secret." },
    { .name = "pin", .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_SECRET | BATON_PARAM_HIDDEN,
      .kind = BATON_KIND_INT, BATON_FIELD(struct test_conf, pin),
      .shortdesc = "PIN", .longdesc = "Secret number." },
};

static const struct baton_action_def test_actions[] = {
    { .name = "start", .timeout_s = 20 },
    { .name = "stop", .timeout_s = 20 },
    { .name = "monitor", .timeout_s = 20, .interval_s = 10, .depth = 0 },
    { .name = "meta-data", .timeout_s = 5 },
    { .name = "validate-all", .timeout_s = 20 },
};

static const struct baton_agent_def test_agent = {
    .kind = BATON_AGENT_OCF, .name = "Test", .version = "1.0",
    .shortdesc = "A test agent", .longdesc = "An agent for unit tests.",
    .params = test_params, .n_params = BATON_N_ELEMENTS(test_params),
    .actions = test_actions, .n_actions = BATON_N_ELEMENTS(test_actions),
    .conf_size = sizeof(struct test_conf), .conf_check = test_conf_check,
};

#endif
