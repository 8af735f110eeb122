/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/process/argv.c: splitting cmdline_options without a shell.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "baton/argv.h"
#include "baton/rc.h"

/* Split text and compare with the expected words (NULL-terminated) */
static void
assert_split(const char *text, const char *const *want)
{
    char **words = NULL;
    size_t n = 0;
    size_t i = 0;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_argv_split(text, &words, &n, &why), BATON_RC_OK);
    for (i = 0; want[i] != NULL; i++) {
        assert_non_null(words[i]);
        assert_string_equal(words[i], want[i]);
    }
    assert_null(words[i]);
    assert_int_equal(n, i);
    baton_argv_free(words);
}

static void
assert_refused(const char *text, const char *reason_part)
{
    char **words = NULL;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_argv_split(text, &words, NULL, &why),
                     BATON_RC_CONFIG);
    assert_null(words);
    assert_non_null(strstr(why.text, reason_part));
}

static void
split_separates_on_blanks(void **state)
{
    const char *want[] = { "-a", "--b=c", "d", NULL };

    assert_split("  -a\t--b=c \n d  ", want);
}

static void
split_of_null_or_blank_gives_no_words(void **state)
{
    const char *want[] = { NULL };

    assert_split(NULL, want);
    assert_split("", want);
    assert_split("   ", want);
}

static void
split_keeps_single_quotes_literal(void **state)
{
    const char *want[] = { "--name", "my app $HOME \\n \"x\"", NULL };

    assert_split("--name 'my app $HOME \\n \"x\"'", want);
}

static void
split_handles_double_quote_escapes(void **state)
{
    const char *want[] = { "say \"hi\" \\ $x `y` \\n", NULL };

    assert_split("\"say \\\"hi\\\" \\\\ \\$x \\`y\\` \\n\"", want);
}

static void
split_joins_adjacent_quoted_parts(void **state)
{
    const char *want[] = { "ab cd", "", "x", NULL };

    assert_split("a'b c'd '' x", want);
}

static void
split_backslash_escapes_outside_quotes(void **state)
{
    const char *want[] = { "a b", ";", "$", NULL };

    assert_split("a\\ b \\; \\$", want);
}

static void
split_passes_globs_and_tilde_as_text(void **state)
{
    const char *want[] = { "*.log", "~/x", "[a]", "?", NULL };

    assert_split("*.log ~/x [a] ?", want);
}

static void
split_refuses_unclosed_quotes(void **state)
{
    assert_refused("'abc", "Unclosed ' quote");
    assert_refused("a \"b", "Unclosed \" quote");
}

static void
split_refuses_trailing_backslash(void **state)
{
    assert_refused("abc \\", "Trailing backslash");
}

static void
split_refuses_unquoted_shell_syntax(void **state)
{
    assert_refused("--x > /tmp/log", "Unquoted '>'");
    assert_refused("a; rm -rf /", "Unquoted ';'");
    assert_refused("$(id)", "Unquoted '$'");
    assert_refused("a | b", "Unquoted '|'");
    assert_refused("`id`", "Unquoted '`'");
    assert_refused("a & b", "Unquoted '&'");
}

static void
shell_syntax_inside_quotes_is_text(void **state)
{
    const char *want[] = { "a > b; $(c) | d &", NULL };

    assert_split("'a > b; $(c) | d &'", want);
}

static void
build_prepends_the_program(void **state)
{
    const char *const words[] = { "-x", "y z", NULL };
    char **argv = baton_argv_build("/bin/prog", words);

    assert_string_equal(argv[0], "/bin/prog");
    assert_string_equal(argv[1], "-x");
    assert_string_equal(argv[2], "y z");
    assert_null(argv[3]);
    baton_argv_free(argv);
    argv = baton_argv_build("/bin/prog", NULL);
    assert_string_equal(argv[0], "/bin/prog");
    assert_null(argv[1]);
    baton_argv_free(argv);
}

static void
param_parse_stores_the_words_or_refuses(void **state)
{
    baton_reason_t why = BATON_REASON_INIT;
    char **words = NULL;

    assert_int_equal(baton_argv_param_parse("-a 'b c'", &words, &why),
                     BATON_RC_OK);
    assert_string_equal(words[0], "-a");
    assert_string_equal(words[1], "b c");
    assert_null(words[2]);
    assert_false(baton_reason_is_set(&why));
    assert_int_equal(baton_argv_param_parse("-a 'b c", &words, &why),
                     BATON_RC_CONFIG);
    assert_string_equal(why.text, "Unclosed ' quote");
    assert_string_equal(words[1], "b c");        /* untouched */
    baton_argv_free(words);
    /* Without a field it only checks */
    assert_int_equal(baton_argv_param_parse("x", NULL, &why), BATON_RC_OK);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(split_separates_on_blanks),
        cmocka_unit_test(split_of_null_or_blank_gives_no_words),
        cmocka_unit_test(split_keeps_single_quotes_literal),
        cmocka_unit_test(split_handles_double_quote_escapes),
        cmocka_unit_test(split_joins_adjacent_quoted_parts),
        cmocka_unit_test(split_backslash_escapes_outside_quotes),
        cmocka_unit_test(split_passes_globs_and_tilde_as_text),
        cmocka_unit_test(split_refuses_unclosed_quotes),
        cmocka_unit_test(split_refuses_trailing_backslash),
        cmocka_unit_test(split_refuses_unquoted_shell_syntax),
        cmocka_unit_test(shell_syntax_inside_quotes_is_text),
        cmocka_unit_test(build_prepends_the_program),
        cmocka_unit_test(param_parse_stores_the_words_or_refuses),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
