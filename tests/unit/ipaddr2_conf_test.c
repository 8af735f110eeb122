/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for agents/IPaddr2/IPaddr2_conf.c: from the agent's parameter
 * table to its checked configuration.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sys/socket.h>

#include "IPaddr2.h"

/* Validate like the agent does, then parse; returns the rc */
static int
parse(char **env, struct ipaddr2_conf *c, baton_reason_t *why)
{
    baton_params_t *p = baton_params_new(&baton_ipaddr2_agent);
    int rc;

    baton_params_load_env(p, env);
    rc = baton_params_validate(p, why);
    if (rc == BATON_RC_OK) {
        rc = ipaddr2_conf_parse(p, c, why);
    }
    baton_params_free(p);
    return rc;
}

static void
defaults_follow_heartbeat(void **state)
{
    char *env[] = { "OCF_RESKEY_ip=10.0.0.5", NULL };
    struct ipaddr2_conf c;

    assert_int_equal(parse(env, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.ip.family, AF_INET);
    assert_false(c.has_prefix);
    assert_string_equal(c.nic, "");
    assert_int_equal(c.arp_count, 5);
    assert_int_equal(c.arp_interval_ms, 200);
    assert_int_equal(c.arp_refresh, 0);
    assert_true(c.arp_bg);
    assert_int_equal(c.arp_op, BATON_ARP_REQUEST);
    assert_int_equal(c.preferred_lft, BATON_LFT_FOREVER);
    assert_false(c.nodad);
    assert_int_equal(c.bcast_mode, IPADDR2_BCAST_AUTO);
    assert_null(c.netns);
}

static void
prefix_is_checked_against_the_family(void **state)
{
    char *v4[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_cidr_netmask=33",
                   NULL };
    char *v6[] = { "OCF_RESKEY_ip=2001:db8::5", "OCF_RESKEY_cidr_netmask=64",
                   NULL };
    char *mask[] = { "OCF_RESKEY_ip=10.0.0.5",
                     "OCF_RESKEY_cidr_netmask=255.255.254.0", NULL };
    baton_reason_t why = BATON_REASON_INIT;
    struct ipaddr2_conf c;

    assert_int_equal(parse(v4, &c, &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "cidr_netmask '33'"));
    assert_int_equal(parse(v6, &c, NULL), BATON_RC_OK);
    assert_true(c.has_prefix);
    assert_int_equal(c.ip.prefix, 64);
    assert_int_equal(parse(mask, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.ip.prefix, 23);
}

static void
nic_with_label_sets_the_label(void **state)
{
    char *old[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_nic=eth0:vip",
                    NULL };
    char *new[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_nic=eth0",
                    "OCF_RESKEY_iflabel=web", NULL };
    char *v6[] = { "OCF_RESKEY_ip=2001:db8::5", "OCF_RESKEY_nic=eth0",
                   "OCF_RESKEY_iflabel=web", NULL };
    struct ipaddr2_conf c;

    assert_int_equal(parse(old, &c, NULL), BATON_RC_OK);
    assert_string_equal(c.nic, "eth0");
    assert_string_equal(c.label, "eth0:vip");
    assert_int_equal(parse(new, &c, NULL), BATON_RC_OK);
    assert_string_equal(c.label, "eth0:web");
    assert_int_equal(parse(v6, &c, NULL), BATON_RC_OK);
    assert_string_equal(c.label, "");           /* IPv6: no labels */
}

static void
label_longer_than_15_characters_is_refused(void **state)
{
    char *env[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_nic=enp0s31f6",
                    "OCF_RESKEY_iflabel=toolong", NULL };
    baton_reason_t why = BATON_REASON_INIT;
    struct ipaddr2_conf c;

    assert_int_equal(parse(env, &c, &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "longer than 15"));
}

static void
arp_options_choose_the_operation_and_background(void **state)
{
    char *env[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_send_arp_opts=-c 3 -A",
                    "OCF_RESKEY_arp_bg=false", "OCF_RESKEY_arp_count=2",
                    "OCF_RESKEY_arp_sender=iputils_arping", NULL };
    struct ipaddr2_conf c;

    assert_int_equal(parse(env, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.arp_op, BATON_ARP_REPLY);
    assert_false(c.arp_bg);
    assert_int_equal(c.arp_count, 2);
}

static void
broadcast_modes_are_parsed(void **state)
{
    char *plus[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_broadcast=+",
                     NULL };
    char *given[] = { "OCF_RESKEY_ip=10.0.0.5",
                      "OCF_RESKEY_broadcast=10.0.0.127", NULL };
    struct ipaddr2_conf c;

    assert_int_equal(parse(plus, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.bcast_mode, IPADDR2_BCAST_ONES);
    assert_int_equal(parse(given, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.bcast_mode, IPADDR2_BCAST_GIVEN);
    assert_int_equal(c.bcast.bytes[3], 127);
}

static void
removed_features_are_refused_by_name(void **state)
{
    char *env[] = { "OCF_RESKEY_ip=10.0.0.5",
                    "OCF_RESKEY_unique_clone_address=true", NULL };
    baton_reason_t why = BATON_REASON_INIT;
    struct ipaddr2_conf c;

    assert_int_equal(parse(env, &c, &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "unique_clone_address is not supported"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_follow_heartbeat),
        cmocka_unit_test(prefix_is_checked_against_the_family),
        cmocka_unit_test(nic_with_label_sets_the_label),
        cmocka_unit_test(label_longer_than_15_characters_is_refused),
        cmocka_unit_test(arp_options_choose_the_operation_and_background),
        cmocka_unit_test(broadcast_modes_are_parsed),
        cmocka_unit_test(removed_features_are_refused_by_name),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
