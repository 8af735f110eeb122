/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A small agent table shared by the unit tests of params, ocf and meta.
 */
#ifndef BATON_TEST_TABLE_H
#define BATON_TEST_TABLE_H

#include <string.h>

#include "baton/params.h"
#include "baton/rc.h"

static int
check_no_spaces(const char *value, baton_reason_t *why)
{
    if (strchr(value, ' ') != NULL) {
        baton_reason_set(why, "Parameter host must not contain spaces");
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

static const char *const test_modes[] = { "fast", "slow", NULL };

static const struct baton_param_def test_params[] = {
    { .name = "host", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_REQUIRED, .unique_group = "address",
      .check = check_no_spaces, .shortdesc = "Host",
      .longdesc = "The host to use." },
    { .name = "count", .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RANGE | BATON_PARAM_RELOADABLE, .dflt = "5",
      .min = 1, .max = 10, .shortdesc = "Count", .longdesc = "How many." },
    { .name = "verbose", .type = BATON_PARAM_BOOLEAN, .dflt = "false",
      .shortdesc = "Verbose", .longdesc = "Say more <and> \"quote\"." },
    { .name = "mode", .type = BATON_PARAM_SELECT, .choices = test_modes,
      .dflt = "fast", .shortdesc = "Mode", .longdesc = "Which mode." },
    { .name = "old_feature", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_OBSOLETE | BATON_PARAM_HIDDEN,
      .note = "the kernel removed it", .shortdesc = "Old",
      .longdesc = "Gone." },
    { .name = "password", .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_SECRET, .aliases = "passwd", .short_opt = 'p',
      .arg_name = "[password]", .shortdesc = "Password",
      .longdesc = "Secret." },
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
};

#endif
