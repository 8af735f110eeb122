/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: the argv splitter (lib/process/argv.c) on a configured
 * command line (cmdline_options, check_program, password_script), alone
 * and as the parameter hook agents' tables use.
 */
#include <stdbool.h>

#include "baton/argv.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_strndup(data, size);
    char **words = NULL;
    size_t n = 0;
    baton_reason_t why = BATON_REASON_INIT;
    int rc = baton_argv_split(text, &words, &n, &why);

    if (rc == BATON_RC_OK) {
        fuzz_check(words != NULL);
        for (size_t i = 0; i < n; i++) {
            /* quoting only ever removes characters */
            fuzz_check(words[i] != NULL);
            fuzz_check(strlen(words[i]) <= strlen(text));
        }
        fuzz_check(words[n] == NULL);
    } else {
        fuzz_check(rc == BATON_RC_CONFIG);
        fuzz_check(words == NULL);
        fuzz_check(baton_reason_is_set(&why));
    }

    /* The parameter hook (never given "") gives the same words, and argv
     * adds a program */
    if ((rc == BATON_RC_OK) && (text[0] != '\0')) {
        char **again = NULL;
        char **argv = NULL;

        fuzz_check(baton_argv_param_parse(text, &again, NULL) == rc);
        for (size_t i = 0; i <= n; i++) {
            fuzz_check((again[i] == NULL) == (words[i] == NULL));
            fuzz_check((again[i] == NULL) || (strcmp(again[i], words[i]) == 0));
        }
        argv = baton_argv_build("prog", (const char *const *) words);
        fuzz_check(strcmp(argv[0], "prog") == 0);
        fuzz_check(argv[n + 1] == NULL);
        baton_argv_free(argv);
        baton_argv_free(again);
    } else if (text[0] != '\0') {
        fuzz_check(baton_argv_param_parse(text, NULL, NULL) == rc);
    }
    baton_argv_free(words);
    free(text);
    return 0;
}
