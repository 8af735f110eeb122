/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Metadata XML generated from an agent's table with libxml2: OCF 1.1 for
 * resource agents, fence-agents' format for fence agents. Used at build
 * time by baton-gen, so agents answer meta-data without loading libxml2.
 */
#ifndef BATON_META_H
#define BATON_META_H

#include <stdio.h>

#include "baton/params.h"

#define BATON_VENDOR_URL "https://github.com/baton-ha/baton"

/*!
 * \brief Generate an agent's metadata XML (the format follows def->kind).
 *
 * @code
 * char *xml = NULL;
 * if (baton_meta_xml(&baton_ipaddr2_agent, &xml) == BATON_RC_OK) {
 *     fputs(xml, stdout);
 *     free(xml);
 * }
 * @endcode
 *
 * \param[out] xml  The document, NUL-terminated; caller frees with free().
 * \return BATON_RC_OK, or ENOMEM.
 */
int baton_meta_xml(const struct baton_agent_def *def, char **xml);

/*! \brief Write a troff man page for an agent. */
int baton_doc_man(const struct baton_agent_def *def, FILE *out);

/*! \brief Write a Markdown reference page for an agent. */
int baton_doc_markdown(const struct baton_agent_def *def, FILE *out);

/*! \brief Write \p text as a C string literal, for embedding. */
void baton_doc_c_string(const char *var, const char *text, FILE *out);

#endif /* BATON_META_H */
