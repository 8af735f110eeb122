/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/net/netlink_msg.c: requests built byte for byte, and
 * answers recorded from a real kernel (nl_recorded.h) parsed.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <net/if_arp.h>
#include <linux/rtnetlink.h>

#include "baton/netlink.h"
#include "baton/rc.h"
#include "nl_recorded.h"

/* Find attribute \p type in a request built with an ifaddrmsg header */
static const struct rtattr *
find_ifa_attr(const struct nlmsghdr *n, uint16_t type)
{
    const struct ifaddrmsg *ifa = NLMSG_DATA(n);
    int len = (int) n->nlmsg_len - (int) NLMSG_LENGTH(sizeof(*ifa));

    for (const struct rtattr *rta = IFA_RTA(ifa); RTA_OK(rta, len);
         rta = RTA_NEXT(rta, len)) {
        if (rta->rta_type == type) {
            return rta;
        }
    }
    return NULL;
}

static struct baton_nl_addr
v4_addr(const char *text, unsigned prefix)
{
    struct baton_nl_addr a = { .ifindex = 7, .valid_lft = BATON_LFT_FOREVER,
                               .preferred_lft = BATON_LFT_FOREVER };

    assert_int_equal(baton_inaddr_parse(text, &a.addr), BATON_RC_OK);
    a.addr.prefix = prefix;
    return a;
}

static void
newaddr_request_carries_address_label_and_broadcast(void **state)
{
    struct baton_nl_addr_msg msg;
    struct nlmsghdr *n = &msg.n;
    struct baton_nl_addr a = v4_addr("10.0.0.5", 24);
    const struct ifaddrmsg *ifa = NLMSG_DATA(n);
    const struct rtattr *rta = NULL;
    uint8_t want_ip[4] = { 10, 0, 0, 5 };
    uint8_t want_brd[4] = { 10, 0, 0, 255 };

    strcpy(a.label, "eth0:vip");
    a.has_broadcast = true;
    assert_int_equal(baton_inaddr_parse("10.0.0.255", &a.broadcast), 0);
    assert_int_equal(baton_nl_addr_req(n, sizeof(msg), RTM_NEWADDR, &a, 0),
                     BATON_RC_OK);
    assert_int_equal(n->nlmsg_type, RTM_NEWADDR);
    assert_int_equal(n->nlmsg_flags,
                     NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL);
    assert_int_equal(ifa->ifa_family, AF_INET);
    assert_int_equal(ifa->ifa_prefixlen, 24);
    assert_int_equal(ifa->ifa_index, 7);
    assert_int_equal(ifa->ifa_flags, IFA_F_PERMANENT);
    rta = find_ifa_attr(n, IFA_LOCAL);
    assert_non_null(rta);
    assert_memory_equal(RTA_DATA(rta), want_ip, 4);
    assert_non_null(find_ifa_attr(n, IFA_ADDRESS));
    rta = find_ifa_attr(n, IFA_LABEL);
    assert_non_null(rta);
    assert_string_equal(RTA_DATA(rta), "eth0:vip");
    rta = find_ifa_attr(n, IFA_BROADCAST);
    assert_non_null(rta);
    assert_memory_equal(RTA_DATA(rta), want_brd, 4);
    /* forever lifetimes are the kernel's default: no cacheinfo sent */
    assert_null(find_ifa_attr(n, IFA_CACHEINFO));
    assert_null(find_ifa_attr(n, IFA_FLAGS));
}

static void
newaddr_request_sets_nodad_noprefixroute_and_lifetime(void **state)
{
    struct baton_nl_addr_msg msg;
    struct nlmsghdr *n = &msg.n;
    struct baton_nl_addr a = { .ifindex = 3, .valid_lft = BATON_LFT_FOREVER,
                               .preferred_lft = 0 };
    const struct ifaddrmsg *ifa = NLMSG_DATA(n);
    const struct rtattr *rta = NULL;
    struct ifa_cacheinfo ci;
    uint32_t flags = 0;

    assert_int_equal(baton_inaddr_parse("2001:db8::5", &a.addr), 0);
    a.addr.prefix = 64;
    assert_int_equal(baton_nl_addr_req(n, sizeof(msg), RTM_NEWADDR, &a,
                                       BATON_ADDR_NODAD
                                       | BATON_ADDR_NOPREFIXROUTE),
                     BATON_RC_OK);
    assert_int_equal(ifa->ifa_family, AF_INET6);
    assert_int_equal(ifa->ifa_flags, IFA_F_PERMANENT | IFA_F_NODAD);
    rta = find_ifa_attr(n, IFA_FLAGS);
    assert_non_null(rta);
    memcpy(&flags, RTA_DATA(rta), 4);
    assert_int_equal(flags, IFA_F_PERMANENT | IFA_F_NODAD
                            | IFA_F_NOPREFIXROUTE);
    rta = find_ifa_attr(n, IFA_CACHEINFO);
    assert_non_null(rta);
    memcpy(&ci, RTA_DATA(rta), sizeof(ci));
    assert_int_equal(ci.ifa_prefered, 0);
    assert_int_equal(ci.ifa_valid, BATON_LFT_FOREVER);
    assert_null(find_ifa_attr(n, IFA_LABEL));
}

static void
addr_request_rejects_prefix_over_32_for_ipv4(void **state)
{
    struct baton_nl_addr_msg msg;
    struct baton_nl_addr a = v4_addr("10.0.0.5", 33);

    assert_int_equal(baton_nl_addr_req(&msg.n, sizeof(msg),
                                       RTM_NEWADDR, &a, 0), EINVAL);
}

static void
attr_add_refuses_to_overflow_the_buffer(void **state)
{
    struct baton_nl_addr_msg msg;
    struct nlmsghdr *n = &msg.n;
    char big[64] = { 0 };
    uint32_t len;

    assert_int_equal(baton_nl_dump_req(n, 64, RTM_GETADDR, AF_INET),
                     BATON_RC_OK);
    len = n->nlmsg_len;
    assert_int_equal(baton_nl_attr_add(n, 64, IFA_LABEL, big,
                                       sizeof(big)), ENOBUFS);
    assert_int_equal(n->nlmsg_len, len);
    assert_int_equal(baton_nl_attr_add(n, 64, IFA_LABEL, big, 8),
                     BATON_RC_OK);
    assert_int_equal(n->nlmsg_len, len + RTA_SPACE(8));
}

static void
attr_add_zeroes_the_alignment_padding(void **state)
{
    struct baton_nl_link_msg msg;
    struct nlmsghdr *n = &msg.n;
    const struct rtattr *rta = NULL;
    const unsigned char *pad = NULL;

    memset(&msg, 0xaa, sizeof(msg));
    assert_int_equal(baton_nl_getlink_req(n, sizeof(msg), "eth0", 0), 0);
    rta = IFLA_RTA((struct ifinfomsg *) NLMSG_DATA(n));
    assert_int_equal(rta->rta_len, RTA_LENGTH(5));
    pad = (const unsigned char *) rta + RTA_LENGTH(5);
    for (size_t i = 0; i < RTA_ALIGN(RTA_LENGTH(5)) - RTA_LENGTH(5); i++) {
        assert_int_equal(pad[i], 0);
    }
    assert_int_equal(n->nlmsg_len, NLMSG_LENGTH(sizeof(struct ifinfomsg))
                                   + RTA_SPACE(5));
}

static void
addr_request_fails_cleanly_in_a_small_buffer(void **state)
{
    struct baton_nl_addr_msg msg;
    struct baton_nl_addr a = v4_addr("10.0.0.5", 24);

    strcpy(a.label, "eth0:vip");
    assert_int_equal(baton_nl_addr_req(&msg.n, 40,
                                       RTM_NEWADDR, &a, 0), ENOBUFS);
}

static void
dump_request_asks_for_a_dump_of_one_family(void **state)
{
    struct baton_nl_route_msg msg;
    struct nlmsghdr *n = &msg.n;
    const struct rtmsg *rtm = NLMSG_DATA(n);

    assert_int_equal(baton_nl_dump_req(n, sizeof(msg), RTM_GETROUTE,
                                       AF_INET6), BATON_RC_OK);
    assert_int_equal(n->nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
    assert_int_equal(n->nlmsg_len, NLMSG_LENGTH(sizeof(struct rtmsg)));
    assert_int_equal(rtm->rtm_family, AF_INET6);
    assert_int_equal(baton_nl_dump_req(n, sizeof(msg), RTM_NEWADDR, 0),
                     EINVAL);
}

static void
getlink_request_names_the_link(void **state)
{
    struct baton_nl_link_msg msg;
    struct nlmsghdr *n = &msg.n;
    const struct ifinfomsg *ifi = NLMSG_DATA(n);
    const struct rtattr *rta = IFLA_RTA(ifi);

    assert_int_equal(baton_nl_getlink_req(n, sizeof(msg), "eth0", 0), 0);
    assert_int_equal(n->nlmsg_type, RTM_GETLINK);
    assert_int_equal(ifi->ifi_index, 0);
    assert_int_equal(rta->rta_type, IFLA_IFNAME);
    assert_string_equal(RTA_DATA(rta), "eth0");
    assert_int_equal(baton_nl_getlink_req(n, sizeof(msg),
                                          "a-name-far-too-long", 0), ENODEV);
    assert_int_equal(baton_nl_getlink_req(n, sizeof(msg), NULL, 0), EINVAL);
}

static void
linkup_request_changes_only_iff_up(void **state)
{
    struct baton_nl_link_msg msg;
    struct nlmsghdr *n = &msg.n;
    const struct ifinfomsg *ifi = NLMSG_DATA(n);

    assert_int_equal(baton_nl_linkup_req(n, sizeof(msg), 4), BATON_RC_OK);
    assert_int_equal(n->nlmsg_type, RTM_NEWLINK);
    assert_int_equal(ifi->ifi_index, 4);
    assert_int_equal(ifi->ifi_flags, IFF_UP);
    assert_int_equal(ifi->ifi_change, IFF_UP);
}

/* Call fn for each message of a recorded dump */
static int
walk(const unsigned char *data, size_t len,
     void (*fn)(const struct nlmsghdr *n, void *arg), void *arg)
{
    unsigned char *copy = test_malloc(len);    /* aligned, as recv gives */
    size_t left = len;
    int count = 0;

    memcpy(copy, data, len);
    for (struct nlmsghdr *h = (struct nlmsghdr *) copy; NLMSG_OK(h, left);
         h = NLMSG_NEXT(h, left)) {
        fn(h, arg);
        count++;
    }
    test_free(copy);
    return count;
}

static void
collect_addr(const struct nlmsghdr *n, void *arg)
{
    struct baton_nl_addr *out = arg;
    struct baton_nl_addr a;

    assert_int_equal(baton_nl_addr_parse(n, &a), BATON_RC_OK);
    if (a.ifindex == REC_IFINDEX_REC0) {
        *out = a;
    }
}

static void
parses_recorded_ipv4_address_with_label_and_broadcast(void **state)
{
    struct baton_nl_addr a = { .ifindex = 0 };
    uint8_t ip[4] = { 10, 20, 0, 1 };
    uint8_t brd[4] = { 10, 20, 0, 255 };

    assert_true(walk(rec_addrs4, sizeof(rec_addrs4), collect_addr, &a) >= 3);
    assert_int_equal(a.ifindex, REC_IFINDEX_REC0);
    assert_int_equal(a.addr.family, AF_INET);
    assert_int_equal(a.addr.prefix, 24);
    assert_memory_equal(a.addr.bytes, ip, 4);
    assert_string_equal(a.label, "rec0:vip");
    assert_true(a.has_broadcast);
    assert_memory_equal(a.broadcast.bytes, brd, 4);
    assert_true((a.flags & IFA_F_PERMANENT) != 0);
    assert_int_equal(a.valid_lft, BATON_LFT_FOREVER);
}

static void
collect_global6(const struct nlmsghdr *n, void *arg)
{
    struct baton_nl_addr *out = arg;
    struct baton_nl_addr a;

    assert_int_equal(baton_nl_addr_parse(n, &a), BATON_RC_OK);
    if ((a.ifindex == REC_IFINDEX_REC0) && (a.scope == RT_SCOPE_UNIVERSE)) {
        *out = a;
    }
}

static void
parses_recorded_ipv6_address_with_nodad_flag(void **state)
{
    struct baton_nl_addr a = { .ifindex = 0 };
    struct baton_inaddr want;

    assert_int_equal(baton_inaddr_parse("2001:db8:20::1", &want), 0);
    walk(rec_addrs6, sizeof(rec_addrs6), collect_global6, &a);
    assert_int_equal(a.ifindex, REC_IFINDEX_REC0);
    assert_true(baton_inaddr_same(&a.addr, &want));
    assert_int_equal(a.addr.prefix, 64);
    assert_true((a.flags & IFA_F_NODAD) != 0);
    assert_true((a.flags & IFA_F_TENTATIVE) == 0);
}

static void
collect_link(const struct nlmsghdr *n, void *arg)
{
    struct baton_link *out = arg;
    struct baton_link l;

    assert_int_equal(baton_nl_link_parse(n, &l), BATON_RC_OK);
    if (strcmp(l.name, "rec0") == 0) {
        *out = l;
    }
}

static void
parses_recorded_link_name_mac_and_state(void **state)
{
    struct baton_link l = { .ifindex = 0 };
    uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };

    assert_int_equal(walk(rec_links, sizeof(rec_links), collect_link, &l), 3);
    assert_int_equal(l.ifindex, REC_IFINDEX_REC0);
    assert_int_equal(l.type, ARPHRD_ETHER);
    assert_int_equal(l.hwaddr_len, 6);
    assert_memory_equal(l.hwaddr, mac, 6);
    assert_true((l.flags & IFF_UP) != 0);
    assert_int_equal(l.operstate, BATON_OPER_UP);
    assert_true(baton_link_is_up(&l));
    l.operstate = BATON_OPER_DOWN;
    assert_false(baton_link_is_up(&l));
}

static void
collect_default(const struct nlmsghdr *n, void *arg)
{
    struct baton_route *out = arg;
    struct baton_route r;

    assert_int_equal(baton_nl_route_parse(n, &r), BATON_RC_OK);
    if ((r.table == RT_TABLE_MAIN) && (r.dst_len == 0)) {
        *out = r;
    }
}

static void
parses_recorded_default_route_with_gateway(void **state)
{
    struct baton_route r = { .family = 0 };

    walk(rec_routes4, sizeof(rec_routes4), collect_default, &r);
    assert_int_equal(r.family, AF_INET);
    assert_true(r.has_gateway);
    assert_false(r.has_dst);
    assert_int_equal(r.oif, REC_IFINDEX_REC0);
    assert_int_equal(r.type, RTN_UNICAST);
}

static void
error_message_gives_the_kernels_errno(void **state)
{
    struct {
        struct nlmsghdr h;
        struct nlmsgerr e;
    } msg = {
        .h = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct nlmsgerr)),
               .nlmsg_type = NLMSG_ERROR },
        .e = { .error = -EEXIST },
    };

    assert_int_equal(baton_nl_error_parse(&msg.h), EEXIST);
    msg.e.error = 0;
    assert_int_equal(baton_nl_error_parse(&msg.h), BATON_RC_OK);
    msg.h.nlmsg_len = NLMSG_LENGTH(2);
    assert_int_equal(baton_nl_error_parse(&msg.h), BATON_RC_PROTOCOL);
}

/* Found by tests/fuzz/netlink_fuzz: -INT_MIN overflowed */
static void
error_message_outside_the_errno_range_is_a_protocol_error(void **state)
{
    struct {
        struct nlmsghdr h;
        struct nlmsgerr e;
    } msg = {
        .h = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct nlmsgerr)),
               .nlmsg_type = NLMSG_ERROR },
        .e = { .error = INT_MIN },
    };

    assert_int_equal(baton_nl_error_parse(&msg.h), BATON_RC_PROTOCOL);
    msg.e.error = -4096;
    assert_int_equal(baton_nl_error_parse(&msg.h), BATON_RC_PROTOCOL);
    msg.e.error = 1;
    assert_int_equal(baton_nl_error_parse(&msg.h), BATON_RC_PROTOCOL);
    msg.e.error = -4095;
    assert_int_equal(baton_nl_error_parse(&msg.h), 4095);
}

static void
parsers_reject_truncated_and_foreign_messages(void **state)
{
    struct nlmsghdr h = { .nlmsg_len = NLMSG_LENGTH(0),
                          .nlmsg_type = RTM_NEWADDR };
    struct baton_nl_addr a;
    struct baton_link l;
    struct baton_route r;

    assert_int_equal(baton_nl_addr_parse(&h, &a), BATON_RC_PROTOCOL);
    h.nlmsg_type = RTM_NEWLINK;
    assert_int_equal(baton_nl_link_parse(&h, &l), BATON_RC_PROTOCOL);
    h.nlmsg_type = RTM_NEWROUTE;
    assert_int_equal(baton_nl_route_parse(&h, &r), BATON_RC_PROTOCOL);
}

static void
typed_requests_put_the_family_header_where_nlmsg_data_is(void **state)
{
    struct baton_nl_addr_msg addr;
    struct baton_nl_link_msg link;
    struct baton_nl_route_msg route;
    struct baton_nl_addr a = v4_addr("10.0.0.5", 24);

    assert_int_equal(baton_nl_addr_req(&addr.n, sizeof(addr), RTM_NEWADDR,
                                       &a, 0), BATON_RC_OK);
    assert_ptr_equal(NLMSG_DATA(&addr.n), &addr.ifa);
    assert_int_equal(addr.ifa.ifa_family, AF_INET);
    assert_int_equal(addr.ifa.ifa_prefixlen, 24);
    assert_int_equal(baton_nl_linkup_req(&link.n, sizeof(link), 4),
                     BATON_RC_OK);
    assert_ptr_equal(NLMSG_DATA(&link.n), &link.ifi);
    assert_int_equal(link.ifi.ifi_index, 4);
    assert_int_equal(baton_nl_dump_req(&route.n, sizeof(route), RTM_GETROUTE,
                                       AF_INET6), BATON_RC_OK);
    assert_ptr_equal(NLMSG_DATA(&route.n), &route.rtm);
    assert_int_equal(route.rtm.rtm_family, AF_INET6);
    /* the attributes start in buf, aligned as RTA_ALIGN wants */
    assert_ptr_equal(IFA_RTA(&addr.ifa), addr.buf);
    assert_int_equal(((uintptr_t) addr.buf) % RTA_ALIGNTO, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(newaddr_request_carries_address_label_and_broadcast),
        cmocka_unit_test(newaddr_request_sets_nodad_noprefixroute_and_lifetime),
        cmocka_unit_test(addr_request_rejects_prefix_over_32_for_ipv4),
        cmocka_unit_test(attr_add_refuses_to_overflow_the_buffer),
        cmocka_unit_test(attr_add_zeroes_the_alignment_padding),
        cmocka_unit_test(addr_request_fails_cleanly_in_a_small_buffer),
        cmocka_unit_test(dump_request_asks_for_a_dump_of_one_family),
        cmocka_unit_test(getlink_request_names_the_link),
        cmocka_unit_test(linkup_request_changes_only_iff_up),
        cmocka_unit_test(
            typed_requests_put_the_family_header_where_nlmsg_data_is),
        cmocka_unit_test(parses_recorded_ipv4_address_with_label_and_broadcast),
        cmocka_unit_test(parses_recorded_ipv6_address_with_nodad_flag),
        cmocka_unit_test(parses_recorded_link_name_mac_and_state),
        cmocka_unit_test(parses_recorded_default_route_with_gateway),
        cmocka_unit_test(error_message_gives_the_kernels_errno),
        cmocka_unit_test(error_message_outside_the_errno_range_is_a_protocol_error),
        cmocka_unit_test(parsers_reject_truncated_and_foreign_messages),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
