/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: the argv splitter (lib/process/argv.c) on a configured
 * command line (cmdline_options, check_program, password_script).
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
    baton_argv_free(words);
    free(text);
    return 0;
}
