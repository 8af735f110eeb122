/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of the DRBD fence-peer handler's input and its constraint
 * logic on CIBs as XML: options as crm-fence-peer.9.sh takes them, DRBD's
 * environment, the nodes kept and excluded, the clone of a DRBD resource,
 * the constraint built, compared, evaluated per node and narrowed, the
 * status of a node in Pacemaker 2.1.5's and 2.1.7's forms.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "fence_peer.h"

/* A two-node CIB: the DRBD clone, the handler's constraint for r0
 * allowing only node1, node2 lost (2.1.5 form), node3 fenced (2.1.7 form:
 * timestamps), a node attribute for --fencing-attribute */
static const char cib_text[] =
    "<cib validate-with=\"pacemaker-3.8\" epoch=\"9\" num_updates=\"3\" "
    "admin_epoch=\"0\">\n"
    " <configuration>\n"
    "  <crm_config><cluster_property_set id=\"cib-bootstrap-options\">\n"
    "   <nvpair id=\"o1\" name=\"stonith-enabled\" value=\"true\"/>\n"
    "   <nvpair id=\"o2\" name=\"startup-fencing\" value=\"false\"/>\n"
    "  </cluster_property_set></crm_config>\n"
    "  <nodes>\n"
    "   <node id=\"1\" uname=\"node1\"><instance_attributes id=\"n1\">\n"
    "    <nvpair id=\"n1-site\" name=\"site\" value=\"east\"/>\n"
    "   </instance_attributes></node>\n"
    "   <node id=\"2\" uname=\"node2\"/>\n"
    "   <node id=\"3\" uname=\"node3\"/>\n"
    "  </nodes>\n"
    "  <resources>\n"
    "   <clone id=\"web-clone\"><primitive id=\"web\" class=\"ocf\" "
    "provider=\"baton\" type=\"app\"/></clone>\n"
    "   <clone id=\"replicate-clone\">\n"
    "    <primitive id=\"replicate\" class=\"ocf\" provider=\"baton\" "
    "type=\"drbd\">\n"
    "     <instance_attributes id=\"replicate-ia\">\n"
    "      <nvpair id=\"replicate-r\" name=\"drbd_resource\" "
    "value=\"r0\"/>\n"
    "     </instance_attributes>\n"
    "    </primitive>\n"
    "    <meta_attributes id=\"m\"><nvpair id=\"m1\" name=\"promotable\" "
    "value=\"true\"/></meta_attributes>\n"
    "   </clone>\n"
    "   <master id=\"old-ms\"><primitive id=\"old\" class=\"ocf\" "
    "provider=\"linbit\" type=\"drbd\"><instance_attributes id=\"o\">"
    "<nvpair id=\"o-r\" name=\"drbd_resource\" value=\"r9\"/>"
    "</instance_attributes></primitive></master>\n"
    "  </resources>\n"
    "  <constraints>\n"
    "   <rsc_location rsc=\"replicate-clone\" "
    "id=\"drbd-fence-by-handler-r0-replicate-clone\">\n"
    "    <rule role=\"Master\" score=\"-INFINITY\" "
    "id=\"drbd-fence-by-handler-r0-rule-replicate-clone\">\n"
    "     <expression attribute=\"#uname\" operation=\"ne\" value=\"node1\" "
    "id=\"drbd-fence-by-handler-r0-expr-0-replicate-clone\"/>\n"
    "    </rule>\n"
    "   </rsc_location>\n"
    "  </constraints>\n"
    " </configuration>\n"
    " <status>\n"
    "  <node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
    "join=\"member\" expected=\"member\"/>\n"
    "  <node_state id=\"2\" uname=\"node2\" in_ccm=\"false\" "
    "crmd=\"offline\" join=\"down\" expected=\"member\"/>\n"
    "  <node_state id=\"3\" uname=\"node3\" in_ccm=\"false\" "
    "crmd=\"offline\" join=\"down\" expected=\"down\"/>\n"
    "  <node_state id=\"4\" uname=\"node4\" in_ccm=\"1706000000\" "
    "crmd=\"1706000010\" join=\"member\" expected=\"member\"/>\n"
    " </status>\n"
    "</cib>\n";

static xmlDoc *doc;
static xmlNode *cib;

static int
setup(void **state)
{
    doc = xmlReadMemory(cib_text, (int) strlen(cib_text), "cib.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    cib = xmlDocGetRootElement(doc);
    return (cib != NULL) ? 0 : -1;
}

static int
teardown(void **state)
{
    xmlFreeDoc(doc);
    return 0;
}

static struct fp_lists
lists_of(const char *keep, const char *drop)
{
    struct fp_lists l;

    memset(&l, 0, sizeof(l));
    if (keep != NULL) {
        l.include[0].id = 0;
        snprintf(l.include[0].name, sizeof(l.include[0].name), "%s", keep);
        l.n_include = 1;
    }
    if (drop != NULL) {
        l.exclude[0].id = 1;
        snprintf(l.exclude[0].name, sizeof(l.exclude[0].name), "%s", drop);
        l.n_exclude = 1;
    }
    return l;
}

/* ---- options and environment ------------------------------------------------- */

static void
opts_take_crm_fence_peer_forms(void **state)
{
    char *argv[] = { "/usr/lib/drbd/baton-fence-peer", "--timeout=30",
                     "-d", "7", "--id-prefix", "x", "--role=Promoted",
                     "--unfence-only-if-owner-match", "--bogus", "-r",
                     "r5", "--network-hickup=4", "--lock-file=NONE", NULL };
    char extra[] = "--quiet --flock-required --flock-timeout 0";
    struct fp_opts o;

    assert_int_equal(fp_opts_parse(13, argv, extra, false, &o), 0);
    assert_int_equal(o.action, FP_FENCE);
    assert_int_equal(o.timeout_s, 30);
    assert_int_equal(o.dc_timeout_s, 7);
    assert_string_equal(o.id_prefix, "x");
    assert_string_equal(o.role, "Promoted");
    assert_string_equal(o.resource, "r5");
    assert_string_equal(o.lock_file, "NONE");
    assert_int_equal(o.net_hickup_s, 4);
    assert_true(o.unfence_only_if_owner_match);
    assert_true(o.quiet);
    assert_true(o.flock_required);
    assert_int_equal(o.flock_timeout_s, 0);
    assert_string_equal(o.fencing_attribute, "#uname");
    assert_string_equal(o.lock_dir, "/var/lock/drbd");
}

static void
opts_name_selects_action_and_defaults(void **state)
{
    char *unf[] = { "baton-unfence-peer", NULL };
    char *crm[] = { "crm-unfence-peer.9.sh", NULL };
    char *other[] = { "drbd-thing", NULL };
    char *tty[] = { "baton-fence-peer", "--unreachable-peer-is-outdated",
                    "--timeout=soon", "--lock-dir=relative", NULL };
    struct fp_opts o;

    assert_int_equal(fp_opts_parse(1, unf, NULL, false, &o), 0);
    assert_int_equal(o.action, FP_UNFENCE);
    assert_int_equal(o.timeout_s, 90);
    assert_int_equal(o.dc_timeout_s, 20);
    assert_int_equal(o.flock_timeout_s, 120);
    assert_int_equal(fp_opts_parse(1, crm, NULL, false, &o), 0);
    assert_int_equal(o.action, FP_UNFENCE);
    assert_int_equal(fp_opts_parse(1, other, NULL, false, &o), -1);
    /* an operator's option, never honoured from a configuration */
    assert_int_equal(fp_opts_parse(4, tty, NULL, false, &o), 0);
    assert_false(o.unreachable_peer_is_outdated);
    assert_int_equal(o.timeout_s, 90);
    assert_string_equal(o.lock_dir, "/var/lock/drbd");
    assert_int_equal(fp_opts_parse(4, tty, NULL, true, &o), 0);
    assert_true(o.unreachable_peer_is_outdated);
}

static void
env_nine_lists_up_to_date_nodes(void **state)
{
    char *envp[] = { "DRBD_RESOURCE=r0", "DRBD_MY_NODE_ID=0",
                     "DRBD_NODE_ID_0=node1", "DRBD_NODE_ID_1=node2",
                     "DRBD_NODE_ID_2=node3", "UP_TO_DATE_NODES=0x5", NULL };
    struct fp_env env;
    struct fp_lists l;
    char why[128] = "";

    fp_env_read(envp, &env);
    assert_string_equal(env.resource, "r0");
    assert_int_equal(env.my_node_id, 0);
    assert_true(env.have_mask);
    assert_int_equal(env.up_to_date, 5);
    assert_int_equal(fp_lists_setup(&env, "node1", &l, why, sizeof(why)), 0);
    assert_int_equal(l.n_include, 2);
    assert_string_equal(l.include[0].name, "node1");
    assert_int_equal(l.include[1].id, 2);
    assert_int_equal(l.n_exclude, 1);
    assert_string_equal(l.exclude[0].name, "node2");
    assert_int_equal(l.exclude[0].id, 1);
}

static void
env_refuses_bad_masks(void **state)
{
    char *bad[] = { "DRBD_MY_NODE_ID=0", "UP_TO_DATE_NODES=5", NULL };
    char *notme[] = { "DRBD_MY_NODE_ID=1", "UP_TO_DATE_NODES=0x1",
                      "DRBD_NODE_ID_1=node2", NULL };
    char *noid[] = { "UP_TO_DATE_NODES=0x1", NULL };
    struct fp_env env;
    struct fp_lists l;
    char why[128] = "";

    fp_env_read(bad, &env);
    assert_int_equal(fp_lists_setup(&env, "n", &l, why, sizeof(why)), -1);
    assert_non_null(strstr(why, "hex mask"));
    fp_env_read(notme, &env);
    assert_int_equal(fp_lists_setup(&env, "n", &l, why, sizeof(why)), -1);
    assert_non_null(strstr(why, "not in UP_TO_DATE_NODES"));
    fp_env_read(noid, &env);
    assert_int_equal(fp_lists_setup(&env, "n", &l, why, sizeof(why)), -1);
}

static void
env_eightfour_keeps_self_excludes_peer(void **state)
{
    char *envp[] = { "DRBD_RESOURCE=r0", "DRBD_PEER=node2",
                     "DRBD_MINOR=0 1", NULL };
    struct fp_env env;
    struct fp_lists l;
    char why[128] = "";

    fp_env_read(envp, &env);
    assert_false(env.have_mask);
    assert_string_equal(env.minors, "0 1");
    assert_int_equal(fp_lists_setup(&env, "node1", &l, why, sizeof(why)), 0);
    assert_int_equal(l.n_include, 1);
    assert_string_equal(l.include[0].name, "node1");
    assert_int_equal(l.include[0].id, 0);
    assert_int_equal(l.n_exclude, 1);
    assert_string_equal(l.exclude[0].name, "node2");
}

static void
id_prefix_gets_the_resource_once(void **state)
{
    struct fp_opts o = { .id_prefix = "drbd-fence-by-handler" };
    char buf[FP_ID_MAX];

    fp_id_prefix(&o, "r0", buf, sizeof(buf));
    assert_string_equal(buf, "drbd-fence-by-handler-r0");
    o.id_prefix = "mine-r0";
    fp_id_prefix(&o, "r0", buf, sizeof(buf));
    assert_string_equal(buf, "mine-r0");
    o.id_prefix = "r0";
    fp_id_prefix(&o, "r0", buf, sizeof(buf));
    assert_string_equal(buf, "r0-r0");
}

/* ---- the CIB ------------------------------------------------------------------ */

static void
master_id_of_clone_or_master(void **state)
{
    assert_string_equal(fp_master_id(cib, "r0"), "replicate-clone");
    assert_string_equal(fp_master_id(cib, "r9"), "old-ms");
    assert_null(fp_master_id(cib, "r1"));
    assert_null(fp_master_id(cib, "r0' or '1'='1"));
}

static void
role_follows_the_schema(void **state)
{
    xmlNode *old = xmlNewNode(NULL, (const xmlChar *) "cib");

    assert_string_equal(fp_role_default(cib), "Promoted");
    xmlNewProp(old, (const xmlChar *) "validate-with",
               (const xmlChar *) "pacemaker-3.5");
    assert_string_equal(fp_role_default(old), "Master");
    xmlSetProp(old, (const xmlChar *) "validate-with",
               (const xmlChar *) "pacemaker-4.0");
    assert_string_equal(fp_role_default(old), "Promoted");
    xmlFreeNode(old);
    assert_string_equal(fp_role_default(NULL), "Master");
}

static void
constraint_is_drbd_utils_one(void **state)
{
    struct fp_lists l = lists_of("node1", "node2");
    xmlNode *c = fp_constraint_new(cib, "drbd-fence-by-handler-r0",
                                   "replicate-clone", "Promoted", "#uname",
                                   &l);
    char *s = fp_xml_str(c);

    assert_string_equal(s,
        "<rsc_location rsc=\"replicate-clone\" "
        "id=\"drbd-fence-by-handler-r0-replicate-clone\">"
        "<rule role=\"Promoted\" score=\"-INFINITY\" "
        "id=\"drbd-fence-by-handler-r0-rule-replicate-clone\">"
        "<expression attribute=\"#uname\" operation=\"ne\" value=\"node1\" "
        "id=\"drbd-fence-by-handler-r0-expr-0-replicate-clone\"/>"
        "</rule></rsc_location>");
    free(s);
    /* the same as the one in the CIB, though that one says Master */
    assert_true(fp_constraint_same(c, fp_constraint_find(
        cib, "drbd-fence-by-handler-r0-replicate-clone")));
    xmlFreeNode(c);
}

static void
constraint_by_node_attribute_or_uname(void **state)
{
    struct fp_lists l = lists_of("node1", NULL);
    xmlNode *c;
    char *s;

    l.include[1].id = 2;
    snprintf(l.include[1].name, sizeof(l.include[1].name), "node2");
    l.n_include = 2;
    c = fp_constraint_new(cib, "p", "m", "Master", "site", &l);
    s = fp_xml_str(c);
    /* node1 has site=east; node2 has no site: #uname, as drbd-utils */
    assert_non_null(strstr(s, "attribute=\"site\" operation=\"ne\" "
                              "value=\"east\" id=\"p-expr-0-m\""));
    assert_non_null(strstr(s, "attribute=\"#uname\" operation=\"ne\" "
                              "value=\"node2\" id=\"p-expr-2-m\""));
    free(s);
    xmlFreeNode(c);
}

static void
constraint_same_ignores_ids_and_order(void **state)
{
    struct fp_lists two = lists_of("node1", NULL);
    struct fp_lists two_rev = lists_of("node3", NULL);
    struct fp_lists one = lists_of("node1", NULL);
    xmlNode *a;
    xmlNode *b;
    xmlNode *c;

    two.include[1].id = 5;
    snprintf(two.include[1].name, sizeof(two.include[1].name), "node3");
    two.n_include = 2;
    two_rev.include[1].id = 9;
    snprintf(two_rev.include[1].name, sizeof(two_rev.include[1].name),
             "node1");
    two_rev.n_include = 2;
    a = fp_constraint_new(cib, "p", "m", "Master", "#uname", &two);
    b = fp_constraint_new(cib, "q", "m", "Promoted", "#uname", &two_rev);
    c = fp_constraint_new(cib, "p", "m", "Master", "#uname", &one);
    assert_true(fp_constraint_same(a, b));
    assert_false(fp_constraint_same(a, c));
    xmlSetProp(b, (const xmlChar *) "rsc", (const xmlChar *) "other");
    assert_false(fp_constraint_same(a, b));
    xmlFreeNode(a);
    xmlFreeNode(b);
    xmlFreeNode(c);
}

static void
constraint_rejects_every_node_but_the_kept(void **state)
{
    xmlNode *c = fp_constraint_find(cib,
                                    "drbd-fence-by-handler-r0-replicate-clone");

    assert_non_null(c);
    assert_false(fp_constraint_rejects(c, cib, "node1"));
    assert_true(fp_constraint_rejects(c, cib, "node2"));
    assert_true(fp_constraint_rejects(c, cib, "nodeX"));
    assert_null(fp_constraint_find(cib, "drbd-fence-by-handler-r1-x"));
}

static void
narrowing_finds_the_excluded_nodes_expressions(void **state)
{
    struct fp_lists both = lists_of("node1", NULL);
    struct fp_lists drop2 = lists_of("node1", "node2");
    xmlNode *out[4];
    xmlNode *c;

    both.include[1].id = 1;
    snprintf(both.include[1].name, sizeof(both.include[1].name), "node2");
    both.n_include = 2;
    c = fp_constraint_new(cib, "p", "m", "Master", "#uname", &both);
    assert_int_equal(fp_constraint_narrowing(c, cib, "#uname", &drop2, out,
                                             4), 1);
    {
        xmlChar *v = xmlGetProp(out[0], (const xmlChar *) "value");

        assert_string_equal((const char *) v, "node2");
        xmlFree(v);
    }
    /* node2 is not kept any more: nothing left to remove for it */
    xmlUnlinkNode(out[0]);
    xmlFreeNode(out[0]);
    assert_int_equal(fp_constraint_narrowing(c, cib, "#uname", &drop2, out,
                                             4), 0);
    assert_true(fp_constraint_rejects(c, cib, "node2"));
    assert_false(fp_constraint_rejects(c, cib, "node1"));
    xmlFreeNode(c);
}

static void
node_state_in_both_forms(void **state)
{
    struct fp_node_state ns;

    fp_node_state_read(cib, "node1", &ns);
    assert_true(ns.found && ns.in_ccm && ns.crmd_online);
    fp_node_state_read(cib, "node2", &ns);
    assert_true(ns.found);
    assert_false(ns.in_ccm || ns.crmd_online || ns.expected_down);
    fp_node_state_read(cib, "node3", &ns);
    assert_true(ns.expected_down);
    fp_node_state_read(cib, "node4", &ns);
    assert_true(ns.in_ccm && ns.crmd_online);
    fp_node_state_read(cib, "nodeX", &ns);
    assert_false(ns.found);
}

static void
peer_verdicts_follow_pacemaker(void **state)
{
    struct fp_node_state ns;

    /* lost, not fenced yet: Pacemaker will fence it, wait */
    fp_node_state_read(cib, "node2", &ns);
    assert_int_equal(fp_peer_from_state(&ns, true, true), FP_PEER_PENDING);
    /* without stonith nothing will: unreachable */
    assert_int_equal(fp_peer_from_state(&ns, false, true),
                     FP_PEER_UNREACHABLE);
    /* fenced (or shut down): expected down, out of the membership */
    fp_node_state_read(cib, "node3", &ns);
    assert_int_equal(fp_peer_from_state(&ns, true, true), FP_PEER_FENCED);
    /* online in Pacemaker's view but not a member (yet): wait */
    fp_node_state_read(cib, "node4", &ns);
    assert_int_equal(fp_peer_from_state(&ns, true, true), FP_PEER_PENDING);
    /* never seen: startup fencing decides */
    fp_node_state_read(cib, "nodeX", &ns);
    assert_int_equal(fp_peer_from_state(&ns, true, true), FP_PEER_PENDING);
    assert_int_equal(fp_peer_from_state(&ns, true, false),
                     FP_PEER_UNREACHABLE);
}

static void
cluster_props_are_true_unless_false(void **state)
{
    bool stonith = false;
    bool startup = true;
    xmlNode *bare = xmlNewNode(NULL, (const xmlChar *) "cib");
    xmlDoc *d = xmlNewDoc((const xmlChar *) "1.0");

    fp_cluster_props(cib, &stonith, &startup);
    assert_true(stonith);
    assert_false(startup);
    xmlDocSetRootElement(d, bare);
    fp_cluster_props(bare, &stonith, &startup);
    assert_true(stonith);
    assert_true(startup);
    xmlFreeDoc(d);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(opts_take_crm_fence_peer_forms),
        cmocka_unit_test(opts_name_selects_action_and_defaults),
        cmocka_unit_test(env_nine_lists_up_to_date_nodes),
        cmocka_unit_test(env_refuses_bad_masks),
        cmocka_unit_test(env_eightfour_keeps_self_excludes_peer),
        cmocka_unit_test(id_prefix_gets_the_resource_once),
        cmocka_unit_test(master_id_of_clone_or_master),
        cmocka_unit_test(role_follows_the_schema),
        cmocka_unit_test(constraint_is_drbd_utils_one),
        cmocka_unit_test(constraint_by_node_attribute_or_uname),
        cmocka_unit_test(constraint_same_ignores_ids_and_order),
        cmocka_unit_test(constraint_rejects_every_node_but_the_kept),
        cmocka_unit_test(narrowing_finds_the_excluded_nodes_expressions),
        cmocka_unit_test(node_state_in_both_forms),
        cmocka_unit_test(peer_verdicts_follow_pacemaker),
        cmocka_unit_test(cluster_props_are_true_unless_false),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
