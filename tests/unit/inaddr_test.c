/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/net/inaddr.c: address, prefix and lifetime parsing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sys/socket.h>
#include <net/if.h>

#include "baton/inaddr.h"
#include "baton/rc.h"

static void
parses_ipv4_and_ipv6_literals(void **state)
{
    struct baton_inaddr a;
    char text[BATON_INADDR_STRLEN];

    assert_int_equal(baton_inaddr_parse("192.0.2.7", &a), BATON_RC_OK);
    assert_int_equal(a.family, AF_INET);
    assert_int_equal(a.prefix, 32);
    assert_int_equal(baton_inaddr_parse("2001:DB8::7", &a), BATON_RC_OK);
    assert_int_equal(a.family, AF_INET6);
    a.prefix = 64;
    assert_string_equal(baton_inaddr_str(&a, true, text, sizeof(text)),
                        "2001:db8::7/64");
}

static void
rejects_what_is_not_an_address(void **state)
{
    struct baton_inaddr a;
    const char *bad[] = { "", "10.0.0", "10.0.0.256", "host.example",
                          "10.0.0.1/24", " 10.0.0.1", "2001:db8::g", NULL };

    for (size_t i = 0; bad[i] != NULL; i++) {
        assert_int_equal(baton_inaddr_parse(bad[i], &a), BATON_RC_CONFIG);
    }
    assert_int_equal(baton_inaddr_parse(NULL, &a), BATON_RC_CONFIG);
}

static void
prefix_is_bounded_by_family(void **state)
{
    unsigned p = 0;

    assert_int_equal(baton_prefix_parse("32", AF_INET, &p), BATON_RC_OK);
    assert_int_equal(p, 32);
    assert_int_equal(baton_prefix_parse("33", AF_INET, &p), BATON_RC_CONFIG);
    assert_int_equal(baton_prefix_parse("128", AF_INET6, &p), BATON_RC_OK);
    assert_int_equal(baton_prefix_parse("129", AF_INET6, &p),
                     BATON_RC_CONFIG);
    assert_int_equal(baton_prefix_parse("-1", AF_INET, &p), BATON_RC_CONFIG);
    assert_int_equal(baton_prefix_parse("24x", AF_INET, &p), BATON_RC_CONFIG);
}

static void
dotted_netmask_becomes_a_prefix(void **state)
{
    unsigned p = 0;

    assert_int_equal(baton_prefix_parse("255.255.255.0", AF_INET, &p), 0);
    assert_int_equal(p, 24);
    assert_int_equal(baton_prefix_parse("255.0.255.0", AF_INET, &p),
                     BATON_RC_CONFIG);
}

static void
lifetime_is_forever_or_seconds(void **state)
{
    uint32_t lft = 0;

    assert_int_equal(baton_lft_parse("forever", &lft), BATON_RC_OK);
    assert_int_equal(lft, BATON_LFT_FOREVER);
    assert_int_equal(baton_lft_parse("0", &lft), BATON_RC_OK);
    assert_int_equal(lft, 0);
    assert_int_equal(baton_lft_parse("never", &lft), BATON_RC_CONFIG);
}

static void
broadcast_sets_or_clears_host_bits(void **state)
{
    struct baton_inaddr a;
    struct baton_inaddr b;
    char text[BATON_INADDR_STRLEN];

    assert_int_equal(baton_inaddr_parse("10.1.2.3", &a), BATON_RC_OK);
    a.prefix = 20;
    baton_inaddr_broadcast(&a, true, &b);
    assert_string_equal(baton_inaddr_str(&b, false, text, sizeof(text)),
                        "10.1.15.255");
    baton_inaddr_broadcast(&a, false, &b);
    assert_string_equal(baton_inaddr_str(&b, false, text, sizeof(text)),
                        "10.1.0.0");
}

static void
network_membership_honours_partial_bytes(void **state)
{
    struct baton_inaddr a;
    uint8_t net[4] = { 10, 1, 0, 0 };

    assert_int_equal(baton_inaddr_parse("10.1.15.1", &a), BATON_RC_OK);
    assert_true(baton_inaddr_in_net(&a, net, 20));
    assert_false(baton_inaddr_in_net(&a, net, 21));
    assert_true(baton_inaddr_in_net(&a, net, 0));
    assert_false(baton_inaddr_in_net(&a, net, 33));
}

static void
param_parsers_store_into_the_field(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    struct baton_inaddr a = { .prefix = 24 };
    unsigned prefix = 0;
    uint32_t lft = 0;
    char ifname[IFNAMSIZ] = "";

    assert_int_equal(baton_inaddr_param_parse("10.1.2.3", &a, &why),
                     BATON_RC_OK);
    assert_int_equal(a.family, AF_INET);
    assert_int_equal(a.prefix, 24);         /* kept as the caller set it */
    assert_int_equal(baton_prefix_param_parse("255.255.0.0", &prefix, &why),
                     BATON_RC_OK);
    assert_int_equal(prefix, 16);
    assert_int_equal(baton_lft_param_parse("forever", &lft, &why),
                     BATON_RC_OK);
    assert_int_equal(lft, UINT32_MAX);
    assert_int_equal(baton_ifname_param_parse("eth0:vip", ifname, &why),
                     BATON_RC_OK);
    assert_string_equal(ifname, "eth0");
    assert_false(baton_reason_is_set(&why));
}

static void
param_parsers_reject_with_a_reason_and_leave_the_field(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    struct baton_inaddr a = { .family = 0 };
    unsigned prefix = 7;
    char ifname[IFNAMSIZ] = "keep";

    assert_int_equal(baton_inaddr_param_parse("10.1.2", &a, &why),
                     BATON_RC_CONFIG);
    assert_string_equal(why.text, "'10.1.2' is not an IPv4 or IPv6 address");
    assert_int_equal(a.family, 0);
    baton_reason_clear(&why);
    assert_int_equal(baton_prefix_param_parse("129", &prefix, &why),
                     BATON_RC_CONFIG);
    assert_int_equal(prefix, 7);
    baton_reason_clear(&why);
    assert_int_equal(baton_ifname_param_parse("a/b", ifname, &why),
                     BATON_RC_CONFIG);
    assert_int_equal(baton_ifname_param_parse("a name", ifname, &why),
                     BATON_RC_CONFIG);
    assert_int_equal(baton_ifname_param_parse("abcdefghijklmnop", ifname,
                                              &why), BATON_RC_CONFIG);
    assert_string_equal(ifname, "keep");
    /* without a field they only check */
    assert_int_equal(baton_lft_param_parse("10", NULL, &why), BATON_RC_OK);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_ipv4_and_ipv6_literals),
        cmocka_unit_test(rejects_what_is_not_an_address),
        cmocka_unit_test(prefix_is_bounded_by_family),
        cmocka_unit_test(dotted_netmask_becomes_a_prefix),
        cmocka_unit_test(lifetime_is_forever_or_seconds),
        cmocka_unit_test(broadcast_sets_or_clears_host_bits),
        cmocka_unit_test(network_membership_honours_partial_bytes),
        cmocka_unit_test(param_parsers_store_into_the_field),
        cmocka_unit_test(param_parsers_reject_with_a_reason_and_leave_the_field),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
