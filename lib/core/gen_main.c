/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * baton-gen: writes an agent's metadata, man page, Markdown page or the
 * embedded metadata C source from its table. Built once per agent with
 * -DBATON_GEN_AGENT=<table symbol>; runs at build time only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/meta.h"
#include "baton/rc.h"

#ifndef BATON_GEN_AGENT
#error "BATON_GEN_AGENT must name the agent's table"
#endif

extern const struct baton_agent_def BATON_GEN_AGENT;

int
main(int argc, char **argv)
{
    const struct baton_agent_def *def = &BATON_GEN_AGENT;
    char *xml = NULL;
    int rc = BATON_RC_OK;

    if ((argc != 2) && (argc != 3)) {
        fprintf(stderr, "usage: %s xml|man|md|c [VARIABLE]\n", argv[0]);
        return 2;
    }
    if (strcmp(argv[1], "man") == 0) {
        rc = baton_doc_man(def, stdout);
    } else if (strcmp(argv[1], "md") == 0) {
        rc = baton_doc_markdown(def, stdout);
    } else {
        rc = baton_meta_xml(def, &xml);
        if (rc == BATON_RC_OK && strcmp(argv[1], "c") == 0) {
            baton_doc_c_string((argc == 3) ? argv[2] : "baton_metadata_xml",
                               xml, stdout);
        } else if (rc == BATON_RC_OK) {
            fputs(xml, stdout);
        }
        free(xml);
    }
    if (rc != BATON_RC_OK) {
        fprintf(stderr, "%s: %s\n", argv[0], baton_rc_str(rc));
        return 1;
    }
    return (fflush(stdout) == 0) ? 0 : 1;
}
