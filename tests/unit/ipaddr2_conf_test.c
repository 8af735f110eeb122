/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for agents/IPaddr2/IPaddr2_table.c and IPaddr2_conf.c: from
 * the agent's parameter table (each value parsed once into struct
 * ipaddr2_conf) to the configuration checked across parameters.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <sys/socket.h>

#include "IPaddr2.h"

/* The value set of the last parse(): text fields borrow from it */
static baton_params_t *last_params = NULL;

/* Parse like the agent does, into a zeroed struct; returns the rc. The
 * struct's text fields stay valid until the next call. */
static int
parse(char **env, struct ipaddr2_conf *c, baton_reason_t *why)
{
    baton_params_free(last_params);
    last_params = baton_params_new(&baton_ipaddr2_agent);
    memset(c, 0, sizeof(*c));
    baton_params_load_env(last_params, env);
    return baton_params_parse(last_params, c, why);
}

static int
free_last_params(void **state)
{
    (void) state;
    baton_params_free(last_params);
    last_params = NULL;
    return 0;
}

static void
defaults_follow_heartbeat(void **state)
{
    char *env[] = { "OCF_RESKEY_ip=10.0.0.5", NULL };
    struct ipaddr2_conf c;

    assert_int_equal(parse(env, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.ip.family, AF_INET);
    assert_false(c.has_prefix);
    assert_int_equal(c.ip.prefix, 32);          /* findif decides later */
    assert_string_equal(c.nic.name, "");
    assert_string_equal(c.label, "");
    assert_null(c.iflabel);
    assert_false(c.lvs);
    assert_false(c.flush_routes);
    assert_false(c.noprefixroute);
    assert_false(c.has_arp_bg);
    assert_int_equal(c.arp_count, 5);
    assert_int_equal(c.arp_interval_ms, 200);
    assert_int_equal(c.arp_refresh, 0);
    assert_true(c.arp_bg);
    assert_int_equal(c.arp.op, BATON_ARP_REQUEST);
    assert_int_equal(c.preferred_lft, BATON_LFT_FOREVER);
    assert_false(c.nodad);
    assert_int_equal(c.bcast.mode, IPADDR2_BCAST_AUTO);
    assert_null(c.netns);
}

static void
values_are_parsed_into_their_fields(void **state)
{
    char *env[] = { "OCF_RESKEY_ip=2001:db8::5", "OCF_RESKEY_nic=eth1",
                    "OCF_RESKEY_arp_interval=1000", "OCF_RESKEY_arp_count=0",
                    "OCF_RESKEY_arp_count_refresh=3",
                    "OCF_RESKEY_lvs_support=yes", "OCF_RESKEY_nodad=1",
                    "OCF_RESKEY_flush_routes=on",
                    "OCF_RESKEY_noprefixroute=true",
                    "OCF_RESKEY_preferred_lft=0",
                    "OCF_RESKEY_network_namespace=blue", NULL };
    struct ipaddr2_conf c;

    assert_int_equal(parse(env, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.ip.family, AF_INET6);
    assert_int_equal(c.ip.bytes[15], 5);
    assert_int_equal(c.ip.prefix, 128);
    assert_string_equal(c.nic.name, "eth1");
    assert_int_equal(c.arp_interval_ms, 1000);
    assert_int_equal(c.arp_count, 0);
    assert_int_equal(c.arp_refresh, 3);
    assert_true(c.lvs);
    assert_true(c.nodad);
    assert_true(c.flush_routes);
    assert_true(c.noprefixroute);
    assert_int_equal(c.preferred_lft, 0);
    assert_string_equal(c.netns, "blue");
}

static void
bad_values_are_refused_with_the_parameter_named(void **state)
{
    char *count[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_arp_count=five",
                      NULL };
    char *range[] = { "OCF_RESKEY_ip=10.0.0.5",
                      "OCF_RESKEY_arp_interval=60001", NULL };
    char *flag[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_nodad=maybe",
                     NULL };
    char *ip[] = { "OCF_RESKEY_ip=10.0.0.300", NULL };
    char *lft[] = { "OCF_RESKEY_ip=2001:db8::5",
                    "OCF_RESKEY_preferred_lft=soon", NULL };
    char *nic[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_nic=a b", NULL };
    char *sender[] = { "OCF_RESKEY_ip=10.0.0.5",
                       "OCF_RESKEY_arp_sender=arping", NULL };
    char *netns[] = { "OCF_RESKEY_ip=10.0.0.5",
                      "OCF_RESKEY_network_namespace=../x", NULL };
    char *none[] = { "OCF_RESKEY_nic=eth0", NULL };
    baton_reason_t why = BATON_REASON_INIT;
    struct ipaddr2_conf c;

    assert_int_equal(parse(count, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter arp_count: 'five' is not an "
                        "integer");
    baton_reason_clear(&why);
    assert_int_equal(parse(range, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter arp_interval: 60001 is not "
                        "between 0 and 60000");
    baton_reason_clear(&why);
    assert_int_equal(parse(flag, &c, &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter nodad: 'maybe' is not a "
                           "boolean"));
    baton_reason_clear(&why);
    assert_int_equal(parse(ip, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter ip: '10.0.0.300' is not an "
                        "IPv4 or IPv6 address");
    baton_reason_clear(&why);
    assert_int_equal(parse(lft, &c, &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter preferred_lft: 'soon' is "
                           "not a lifetime"));
    baton_reason_clear(&why);
    assert_int_equal(parse(nic, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter nic: 'a b' is not an "
                        "interface name");
    baton_reason_clear(&why);
    assert_int_equal(parse(sender, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter arp_sender: 'arping' is not one "
                        "of send_arp, ipoibarping, iputils_arping, "
                        "libnet_arping");
    baton_reason_clear(&why);
    assert_int_equal(parse(netns, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter network_namespace: '../x' is "
                        "not a namespace name");
    baton_reason_clear(&why);
    assert_int_equal(parse(none, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Required parameter ip is not set");
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

    char *v6_mask[] = { "OCF_RESKEY_ip=2001:db8::5",
                        "OCF_RESKEY_cidr_netmask=255.255.254.0", NULL };
    char *v6_129[] = { "OCF_RESKEY_ip=2001:db8::5",
                       "OCF_RESKEY_cidr_netmask=129", NULL };

    assert_int_equal(parse(v4, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter cidr_netmask: '33' is not a "
                        "prefix length for IPv4 (0-32)");
    assert_int_equal(parse(v6, &c, NULL), BATON_RC_OK);
    assert_true(c.has_prefix);
    assert_int_equal(c.ip.prefix, 64);
    assert_int_equal(parse(mask, &c, NULL), BATON_RC_OK);
    assert_true(c.has_prefix);
    assert_int_equal(c.ip.prefix, 23);
    baton_reason_clear(&why);
    assert_int_equal(parse(v6_mask, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter cidr_netmask: a dotted netmask "
                        "is not a prefix length for IPv6 (0-128)");
    baton_reason_clear(&why);
    assert_int_equal(parse(v6_129, &c, &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter cidr_netmask: '129' is not a "
                           "prefix length"));
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

    char *both[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_nic=eth0:vip",
                     "OCF_RESKEY_iflabel=web", NULL };
    char *no_nic[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_iflabel=web",
                       NULL };

    assert_int_equal(parse(old, &c, NULL), BATON_RC_OK);
    assert_string_equal(c.nic.name, "eth0");
    assert_string_equal(c.nic.label, "vip");
    assert_string_equal(c.label, "eth0:vip");
    assert_int_equal(parse(new, &c, NULL), BATON_RC_OK);
    assert_string_equal(c.nic.name, "eth0");
    assert_string_equal(c.label, "eth0:web");
    /* heartbeat: a label in nic makes iflabel have no effect */
    assert_int_equal(parse(both, &c, NULL), BATON_RC_OK);
    assert_string_equal(c.label, "eth0:vip");
    assert_int_equal(parse(v6, &c, NULL), BATON_RC_OK);
    assert_string_equal(c.label, "");           /* IPv6: no labels */
    /* Without nic the label is built once findif chose the interface */
    assert_int_equal(parse(no_nic, &c, NULL), BATON_RC_OK);
    assert_string_equal(c.label, "");
    assert_string_equal(c.iflabel, "web");
}

static void
label_longer_than_15_characters_is_refused(void **state)
{
    char *env[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_nic=enp0s31f6",
                    "OCF_RESKEY_iflabel=toolong", NULL };
    baton_reason_t why = BATON_REASON_INIT;
    struct ipaddr2_conf c;

    char *in_nic[] = { "OCF_RESKEY_ip=10.0.0.5",
                       "OCF_RESKEY_nic=enp0s31f6:toolong", NULL };

    assert_int_equal(parse(env, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Label enp0s31f6:toolong is longer than 15 "
                        "characters");
    baton_reason_clear(&why);
    assert_int_equal(parse(in_nic, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter nic: label enp0s31f6:toolong is "
                        "longer than 15 characters");
}

static void
arp_options_choose_the_operation_and_background(void **state)
{
    char *env[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_send_arp_opts=-c 3 -A",
                    "OCF_RESKEY_arp_bg=false", "OCF_RESKEY_arp_count=2",
                    "OCF_RESKEY_arp_sender=iputils_arping", NULL };
    struct ipaddr2_conf c;

    char *v6[] = { "OCF_RESKEY_ip=2001:db8::5",
                   "OCF_RESKEY_send_arp_opts=-A -U", NULL };

    assert_int_equal(parse(env, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.arp.op, BATON_ARP_REPLY);
    assert_true(c.has_arp_bg);
    assert_false(c.arp_bg);
    assert_int_equal(c.arp_count, 2);
    /* The last of -A and -U wins; without arp_bg both families default
     * to the background */
    assert_int_equal(parse(v6, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.arp.op, BATON_ARP_REQUEST);
    assert_false(c.has_arp_bg);
    assert_true(c.arp_bg);
}

static void
broadcast_modes_are_parsed(void **state)
{
    char *plus[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_broadcast=+",
                     NULL };
    char *given[] = { "OCF_RESKEY_ip=10.0.0.5",
                      "OCF_RESKEY_broadcast=10.0.0.127", NULL };
    struct ipaddr2_conf c;

    char *minus[] = { "OCF_RESKEY_ip=10.0.0.5", "OCF_RESKEY_broadcast=-",
                      NULL };
    char *v6[] = { "OCF_RESKEY_ip=10.0.0.5",
                   "OCF_RESKEY_broadcast=2001:db8::ff", NULL };
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse(plus, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.bcast.mode, IPADDR2_BCAST_ONES);
    assert_int_equal(parse(minus, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.bcast.mode, IPADDR2_BCAST_ZEROS);
    assert_int_equal(parse(given, &c, NULL), BATON_RC_OK);
    assert_int_equal(c.bcast.mode, IPADDR2_BCAST_GIVEN);
    assert_int_equal(c.bcast.addr.bytes[3], 127);
    assert_int_equal(parse(v6, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter broadcast: '2001:db8::ff' is "
                        "not '+', '-' or an IPv4 address");
}

static void
link_local_address_needs_nic(void **state)
{
    char *bare[] = { "OCF_RESKEY_ip=fe80::5", NULL };
    char *upper[] = { "OCF_RESKEY_ip=febf::5", NULL };
    char *nic[] = { "OCF_RESKEY_ip=fe80::5", "OCF_RESKEY_nic=eth0", NULL };
    char *site[] = { "OCF_RESKEY_ip=fec0::5", NULL };
    baton_reason_t why = BATON_REASON_INIT;
    struct ipaddr2_conf c;

    assert_int_equal(parse(bare, &c, &why), BATON_RC_CONFIG);
    assert_string_equal(why.text, "Parameter nic must be set for the "
                        "link-local address fe80::5: it is valid on every "
                        "link, so the interface is ambiguous");
    baton_reason_clear(&why);
    assert_int_equal(parse(upper, &c, &why), BATON_RC_CONFIG);   /* /10 */
    assert_int_equal(parse(nic, &c, NULL), BATON_RC_OK);
    assert_int_equal(parse(site, &c, NULL), BATON_RC_OK);
}

/* One obsolete parameter given one value: the parse rc and reason */
static int
parse_with(const char *ip, const char *setting, baton_reason_t *why)
{
    char ip_env[64];
    char set_env[128];
    char *env[] = { ip_env, set_env, NULL };
    struct ipaddr2_conf c;

    snprintf(ip_env, sizeof(ip_env), "OCF_RESKEY_ip=%s", ip);
    snprintf(set_env, sizeof(set_env), "OCF_RESKEY_%s", setting);
    baton_reason_clear(why);
    return parse(env, &c, why);
}

static void
removed_features_are_refused_by_name(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(parse_with("10.0.0.5", "unique_clone_address=true",
                                &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter unique_clone_address is not "
                           "supported: it only served cloned CLUSTERIP"));
    assert_int_equal(parse_with("10.0.0.5", "clusterip_hash=sourceip", &why),
                     BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter clusterip_hash is not "
                           "supported: the CLUSTERIP"));
    assert_int_equal(parse_with("10.0.0.5", "mac=01:00:5e:00:00:01", &why),
                     BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter mac is not supported"));
    assert_int_equal(parse_with("10.0.0.5", "run_arping=yes", &why),
                     BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter run_arping is not supported"));
    assert_int_equal(parse_with("2001:db8::5", "lvs_ipv6_addrlabel=true",
                                &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter lvs_ipv6_addrlabel is not "
                           "supported: IPv6 address labels"));
    assert_int_equal(parse_with("2001:db8::5",
                                "lvs_ipv6_addrlabel_value=100", &why),
                     BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter lvs_ipv6_addrlabel_value is "
                           "not supported"));
}

/* heartbeat's own defaults ask for nothing: a configuration moved over as
 * it was keeps working */
static void
heartbeat_defaults_of_removed_features_are_accepted(void **state)
{
    static const char *const harmless[] = {
        "unique_clone_address=false", "unique_clone_address=no",
        "run_arping=false", "run_arping=0",
        "clusterip_hash=sourceip-sourceport",
        "lvs_ipv6_addrlabel=false", "lvs_ipv6_addrlabel_value=99",
        "mac=",
        NULL,
    };
    baton_reason_t why = BATON_REASON_INIT;

    for (size_t i = 0; harmless[i] != NULL; i++) {
        assert_int_equal(parse_with("10.0.0.5", harmless[i], &why),
                         BATON_RC_OK);
        assert_int_equal(parse_with("2001:db8::5", harmless[i], &why),
                         BATON_RC_OK);
    }
    /* heartbeat ignores lvs_ipv6_addrlabel for IPv4 (its default is true
     * since resource-agents 4.15) */
    assert_int_equal(parse_with("10.0.0.5", "lvs_ipv6_addrlabel=true", &why),
                     BATON_RC_OK);
    assert_int_equal(parse_with("10.0.0.5", "lvs_ipv6_addrlabel=maybe",
                                &why), BATON_RC_CONFIG);
    assert_non_null(strstr(why.text, "Parameter lvs_ipv6_addrlabel: 'maybe' "
                           "is not a boolean"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_follow_heartbeat),
        cmocka_unit_test(values_are_parsed_into_their_fields),
        cmocka_unit_test(bad_values_are_refused_with_the_parameter_named),
        cmocka_unit_test(prefix_is_checked_against_the_family),
        cmocka_unit_test(nic_with_label_sets_the_label),
        cmocka_unit_test(label_longer_than_15_characters_is_refused),
        cmocka_unit_test(arp_options_choose_the_operation_and_background),
        cmocka_unit_test(broadcast_modes_are_parsed),
        cmocka_unit_test(link_local_address_needs_nic),
        cmocka_unit_test(removed_features_are_refused_by_name),
        cmocka_unit_test(heartbeat_defaults_of_removed_features_are_accepted),
    };

    return cmocka_run_group_tests(tests, NULL, free_last_params);
}
