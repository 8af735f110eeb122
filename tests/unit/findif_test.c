/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/net/findif.c: decisions on routing tables recorded from a
 * real kernel (nl_recorded.h; see the SETUP of tests/unit/nl_record.py):
 *   10.20.0.0/24 dev rec0, 10.20.0.0/16 dev rec1, default via 10.20.0.254,
 *   10.30.0.0/24 via 10.20.0.254, 10.40.0.1 dev rec1 (host route),
 *   2001:db8:20::/64 dev rec0, 2001:db8::/32 dev rec1,
 *   2001:db8:30::/48 via 2001:db8:20::fe dev rec0.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "baton/findif.h"
#include "baton/rc.h"
#include "nl_recorded.h"

/* Run findif over a recorded dump */
static struct baton_findif
decide(const char *ip, int prefix, uint32_t ifindex)
{
    const unsigned char *data = (strchr(ip, ':') != NULL) ? rec_routes6
                                                          : rec_routes4;
    size_t len = (strchr(ip, ':') != NULL) ? sizeof(rec_routes6)
                                           : sizeof(rec_routes4);
    unsigned char *copy = test_malloc(len);
    struct baton_inaddr a;
    struct baton_findif f;
    size_t left = len;

    assert_int_equal(baton_inaddr_parse(ip, &a), BATON_RC_OK);
    if (prefix >= 0) {
        a.prefix = (unsigned) prefix;
    }
    baton_findif_init(&f, &a, prefix >= 0, ifindex);
    memcpy(copy, data, len);
    for (struct nlmsghdr *h = (struct nlmsghdr *) copy; NLMSG_OK(h, left);
         h = NLMSG_NEXT(h, left)) {
        struct baton_route r;

        assert_int_equal(baton_nl_route_parse(h, &r), BATON_RC_OK);
        (void) baton_findif_consider(&f, &r);
    }
    test_free(copy);
    return f;
}

static void
picks_the_longest_prefix_that_covers_the_address(void **state)
{
    struct baton_findif f = decide("10.20.0.50", -1, 0);

    assert_true(f.found);
    assert_int_equal(f.ifindex, REC_IFINDEX_REC0);
    assert_int_equal(f.prefix, 24);
}

static void
falls_back_to_a_shorter_covering_prefix(void **state)
{
    struct baton_findif f = decide("10.20.7.7", -1, 0);

    assert_true(f.found);
    assert_int_equal(f.ifindex, REC_IFINDEX_REC1);
    assert_int_equal(f.prefix, 16);
}

static void
never_uses_the_default_route(void **state)
{
    assert_false(decide("10.99.0.1", -1, 0).found);
}

static void
ignores_ipv4_routes_through_a_gateway(void **state)
{
    assert_false(decide("10.30.0.5", -1, 0).found);
}

static void
ignores_host_routes(void **state)
{
    assert_false(decide("10.40.0.1", -1, 0).found);
}

static void
keeps_to_the_named_interface(void **state)
{
    struct baton_findif f = decide("10.20.0.50", -1, REC_IFINDEX_REC1);

    assert_true(f.found);
    assert_int_equal(f.ifindex, REC_IFINDEX_REC1);
    assert_int_equal(f.prefix, 16);
}

static void
given_prefix_is_kept_and_limits_the_routes(void **state)
{
    struct baton_findif f = decide("10.20.0.50", 28, 0);

    assert_true(f.found);
    assert_int_equal(f.ifindex, REC_IFINDEX_REC0);
    assert_int_equal(f.prefix, 28);
    /* "match 10.20.0.50/20": only routes no longer than /20 qualify */
    f = decide("10.20.0.50", 20, 0);
    assert_true(f.found);
    assert_int_equal(f.ifindex, REC_IFINDEX_REC1);
    assert_int_equal(f.prefix, 20);
    assert_false(decide("10.20.0.50", 8, 0).found);
}

static void
ipv6_picks_the_longest_prefix(void **state)
{
    struct baton_findif f = decide("2001:db8:20::50", -1, 0);

    assert_true(f.found);
    assert_int_equal(f.ifindex, REC_IFINDEX_REC0);
    assert_int_equal(f.prefix, 64);
    f = decide("2001:db8:99::1", -1, 0);
    assert_true(f.found);
    assert_int_equal(f.ifindex, REC_IFINDEX_REC1);
    assert_int_equal(f.prefix, 32);
}

static void
ipv6_accepts_routes_through_a_gateway(void **state)
{
    /* findif.sh restricts IPv4 to scope link, but not IPv6 */
    struct baton_findif f = decide("2001:db8:30::5", -1, 0);

    assert_true(f.found);
    assert_int_equal(f.ifindex, REC_IFINDEX_REC0);
    assert_int_equal(f.prefix, 48);
}

static void
ipv6_outside_every_prefix_is_not_found(void **state)
{
    assert_false(decide("2001:db9::1", -1, 0).found);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(picks_the_longest_prefix_that_covers_the_address),
        cmocka_unit_test(falls_back_to_a_shorter_covering_prefix),
        cmocka_unit_test(never_uses_the_default_route),
        cmocka_unit_test(ignores_ipv4_routes_through_a_gateway),
        cmocka_unit_test(ignores_host_routes),
        cmocka_unit_test(keeps_to_the_named_interface),
        cmocka_unit_test(given_prefix_is_kept_and_limits_the_routes),
        cmocka_unit_test(ipv6_picks_the_longest_prefix),
        cmocka_unit_test(ipv6_accepts_routes_through_a_gateway),
        cmocka_unit_test(ipv6_outside_every_prefix_is_not_found),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
