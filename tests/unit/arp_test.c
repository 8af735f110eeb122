/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/net/arp.c: the announcement frames, byte for byte.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sys/socket.h>

#include "baton/arp.h"
#include "baton/rc.h"

static const uint8_t mac[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

static void
garp_request_is_broadcast_with_sender_equal_target(void **state)
{
    uint8_t f[BATON_ANNOUNCE_MAX];
    size_t len = 0;
    struct baton_inaddr a;
    static const uint8_t want[42] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff,             /* to everyone */
        0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 0x08, 0x06, /* from us, ARP */
        0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01,       /* request */
        0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 10, 0, 0, 5,
        0, 0, 0, 0, 0, 0, 10, 0, 0, 5,
    };

    assert_int_equal(baton_inaddr_parse("10.0.0.5", &a), BATON_RC_OK);
    assert_int_equal(baton_announce_build(f, sizeof(f), mac, &a,
                                          BATON_ARP_REQUEST, &len),
                     BATON_RC_OK);
    assert_int_equal(len, 42);
    assert_memory_equal(f, want, 42);
}

static void
garp_reply_names_us_as_target_hardware(void **state)
{
    uint8_t f[BATON_ANNOUNCE_MAX];
    size_t len = 0;
    struct baton_inaddr a;

    assert_int_equal(baton_inaddr_parse("10.0.0.5", &a), BATON_RC_OK);
    assert_int_equal(baton_announce_build(f, sizeof(f), mac, &a,
                                          BATON_ARP_REPLY, &len), 0);
    assert_int_equal(f[21], 2);
    assert_memory_equal(f + 32, mac, 6);
}

static void
na_goes_to_all_nodes_with_override_and_our_mac(void **state)
{
    uint8_t f[BATON_ANNOUNCE_MAX];
    size_t len = 0;
    struct baton_inaddr a;
    static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 1 };
    static const uint8_t mcast_mac[6] = { 0x33, 0x33, 0, 0, 0, 1 };

    assert_int_equal(baton_inaddr_parse("2001:db8::5", &a), BATON_RC_OK);
    assert_int_equal(baton_announce_build(f, sizeof(f), mac, &a,
                                          BATON_ARP_REQUEST, &len), 0);
    assert_int_equal(len, 14 + 40 + 32);
    assert_memory_equal(f, mcast_mac, 6);
    assert_int_equal(f[12], 0x86);
    assert_int_equal(f[13], 0xdd);
    assert_int_equal(f[14] >> 4, 6);                /* IPv6 */
    assert_int_equal(f[18], 0);
    assert_int_equal(f[19], 32);                    /* payload length */
    assert_int_equal(f[20], 58);                    /* ICMPv6 */
    assert_int_equal(f[21], 255);                   /* hop limit */
    assert_memory_equal(f + 22, a.bytes, 16);       /* from the address */
    assert_memory_equal(f + 38, all_nodes, 16);
    assert_int_equal(f[54], 136);                   /* advertisement */
    assert_int_equal(f[58], 0x20);                  /* override only */
    assert_memory_equal(f + 62, a.bytes, 16);       /* target */
    assert_int_equal(f[78], 2);                     /* target lladdr */
    assert_int_equal(f[79], 1);
    assert_memory_equal(f + 80, mac, 6);
}

static void
na_checksum_verifies(void **state)
{
    uint8_t f[BATON_ANNOUNCE_MAX];
    size_t len = 0;
    struct baton_inaddr a;
    uint8_t pseudo[8] = { 0, 0, 0, 32, 0, 0, 0, 58 };
    uint32_t sum = 0;

    assert_int_equal(baton_inaddr_parse("2001:db8::5", &a), BATON_RC_OK);
    assert_int_equal(baton_announce_build(f, sizeof(f), mac, &a,
                                          BATON_ARP_REQUEST, &len), 0);
    /* Summing a packet that carries its checksum folds to zero */
    sum = baton_csum_add(sum, f + 22, 32);
    sum = baton_csum_add(sum, pseudo, sizeof(pseudo));
    sum = baton_csum_add(sum, f + 54, 32);
    assert_int_equal(baton_csum_fold(sum), 0);
}

static void
build_refuses_a_small_buffer_and_unknown_family(void **state)
{
    uint8_t f[BATON_ANNOUNCE_MAX];
    size_t len = 0;
    struct baton_inaddr a = { .family = AF_UNIX };

    assert_int_equal(baton_announce_build(f, 40, mac, &a, BATON_ARP_REQUEST,
                                          &len), ENOBUFS);
    assert_int_equal(baton_announce_build(f, sizeof(f), mac, &a,
                                          BATON_ARP_REQUEST, &len),
                     EAFNOSUPPORT);
}

static void
checksum_of_rfc1071_example(void **state)
{
    static const uint8_t data[8] = { 0x00, 0x01, 0xf2, 0x03,
                                     0xf4, 0xf5, 0xf6, 0xf7 };

    /* RFC 1071 section 3: the sum is 0xddf2, its complement 0x220d */
    assert_int_equal(baton_csum_fold(baton_csum_add(0, data, 8)), 0x220d);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(garp_request_is_broadcast_with_sender_equal_target),
        cmocka_unit_test(garp_reply_names_us_as_target_hardware),
        cmocka_unit_test(na_goes_to_all_nodes_with_override_and_our_mac),
        cmocka_unit_test(na_checksum_verifies),
        cmocka_unit_test(build_refuses_a_small_buffer_and_unknown_family),
        cmocka_unit_test(checksum_of_rfc1071_example),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
