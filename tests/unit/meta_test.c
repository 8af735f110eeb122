/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/core/meta.c and lib/core/doc.c: metadata and docs from a table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "baton/meta.h"
#include "test_table.h"

static char *
meta_of(const struct baton_agent_def *def)
{
    char *xml = NULL;

    assert_int_equal(baton_meta_xml(def, &xml), BATON_RC_OK);
    assert_non_null(xml);
    return xml;
}

static void
ocf_metadata_declares_version_1_1(void **state)
{
    char *xml = meta_of(&test_agent);

    assert_non_null(strstr(xml, "<resource-agent name=\"Test\" version=\"1.0\">"));
    assert_non_null(strstr(xml, "<version>1.1</version>"));
    free(xml);
}

static void
ocf_metadata_describes_parameter_attributes(void **state)
{
    char *xml = meta_of(&test_agent);

    assert_non_null(strstr(xml, "<parameter name=\"host\" unique-group=\"address\" required=\"1\">"));
    assert_non_null(strstr(xml, "<parameter name=\"count\" required=\"0\" reloadable=\"1\">"));
    assert_non_null(strstr(xml, "<content type=\"integer\" default=\"5\"/>"));
    assert_non_null(strstr(xml, "<option value=\"slow\"/>"));
    free(xml);
}

static void
ocf_metadata_escapes_text(void **state)
{
    char *xml = meta_of(&test_agent);

    assert_non_null(strstr(xml, "Say more &lt;and&gt; \"quote\"."));
    free(xml);
}

static void
ocf_metadata_hides_obsolete_parameters(void **state)
{
    char *xml = meta_of(&test_agent);

    assert_null(strstr(xml, "old_feature"));
    free(xml);
}

static void
ocf_metadata_lists_actions_with_timeouts(void **state)
{
    char *xml = meta_of(&test_agent);

    assert_non_null(strstr(xml, "<action name=\"monitor\" timeout=\"20s\" interval=\"10s\"/>"));
    assert_non_null(strstr(xml, "<action name=\"start\" timeout=\"20s\"/>"));
    free(xml);
}

static void
fence_metadata_has_getopt_and_aliases(void **state)
{
    struct baton_agent_def fence = test_agent;
    char *xml = NULL;

    fence.kind = BATON_AGENT_FENCE;
    xml = meta_of(&fence);
    assert_non_null(strstr(xml, "<resource-agent name=\"Test\" shortdesc=\"A test agent\">"));
    assert_non_null(strstr(xml, "<getopt mixed=\"-p, --password=[password]\"/>"));
    assert_non_null(strstr(xml, "<parameter name=\"passwd\" unique=\"0\" required=\"0\" deprecated=\"1\">"));
    assert_non_null(strstr(xml, "obsoletes=\"passwd\""));
    assert_non_null(strstr(xml, "<vendor-url>"));
    free(xml);
}

static void
man_page_escapes_dashes_and_lists_parameters(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_int_equal(baton_doc_man(&test_agent, f), BATON_RC_OK);
    fclose(f);
    assert_non_null(strstr(buf, ".TH OCF_BATON_Test 7"));
    assert_non_null(strstr(buf, ".B count\n(integer, optional, default"));
    assert_non_null(strstr(buf, "validate\\-all"));
    free(buf);
}

static void
docs_say_what_an_obsolete_parameter_still_accepts(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_int_equal(baton_doc_markdown(&test_agent, f), BATON_RC_OK);
    fclose(f);
    assert_non_null(strstr(buf, "| `old_hash` | string | obsolete |  | Gone. "
                           "hashing is gone. Setting it to \"sourceip\" is "
                           "accepted with a warning; any other value is "
                           "refused. |"));
    assert_non_null(strstr(buf, "Setting it to false is accepted with a "
                           "warning; true is refused."));
    assert_non_null(strstr(buf, "the kernel removed it. Any value is "
                           "refused."));
    free(buf);
}

static void
c_string_escapes_quotes_and_newlines(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    baton_doc_c_string("v", "a\"b\\c\nd", f);
    fclose(f);
    assert_non_null(strstr(buf, "const char v[] =\n\"a\\\"b\\\\c\\n\"\n\"d\";"));
    free(buf);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ocf_metadata_declares_version_1_1),
        cmocka_unit_test(ocf_metadata_describes_parameter_attributes),
        cmocka_unit_test(ocf_metadata_escapes_text),
        cmocka_unit_test(ocf_metadata_hides_obsolete_parameters),
        cmocka_unit_test(docs_say_what_an_obsolete_parameter_still_accepts),
        cmocka_unit_test(ocf_metadata_lists_actions_with_timeouts),
        cmocka_unit_test(fence_metadata_has_getopt_and_aliases),
        cmocka_unit_test(man_page_escapes_dashes_and_lists_parameters),
        cmocka_unit_test(c_string_escapes_quotes_and_newlines),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
