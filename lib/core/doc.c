/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Man pages, Markdown pages and embedded C strings from an agent's table.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "baton/meta.h"
#include "baton/rc.h"

/* troff: a leading '.' or '\'' starts a request, '\' escapes */
static void
man_text(const char *text, FILE *out)
{
    bool bol = true;

    for (const char *c = baton_s(text, ""); *c != '\0'; c++) {
        if (bol && ((*c == '.') || (*c == '\''))) {
            fputs("\\&", out);
        }
        if (*c == '\\') {
            fputs("\\e", out);
        } else if (*c == '-') {
            fputs("\\-", out);
        } else {
            fputc(*c, out);
        }
        bol = (*c == '\n');
    }
    fputc('\n', out);
}

static const char *
param_kind(const struct baton_param_def *p)
{
    if ((p->flags & BATON_PARAM_OBSOLETE) != 0) {
        return "obsolete";
    }
    if ((p->flags & BATON_PARAM_REQUIRED) != 0) {
        return "required";
    }
    return "optional";
}

/* What an obsolete parameter still accepts (baton_params_parse's rule) */
static void
obsolete_rule(const struct baton_param_def *p, char *buf, size_t len)
{
    buf[0] = '\0';
    if ((p->flags & BATON_PARAM_OBSOLETE) == 0) {
        return;
    }
    if (p->compat_value != NULL) {
        snprintf(buf, len, "Setting it to \"%s\" is accepted with a "
                 "warning; any other value is refused.", p->compat_value);
    } else if (p->type == BATON_PARAM_BOOLEAN) {
        snprintf(buf, len, "Setting it to false is accepted with a warning; "
                 "true is refused.");
    } else {
        snprintf(buf, len, "Any value is refused.");
    }
}

static void
man_params(const struct baton_agent_def *def, FILE *out)
{
    char rule[256];

    for (size_t i = 0; i < def->n_params; i++) {
        const struct baton_param_def *p = &def->params[i];

        fputs(".TP\n.B ", out);
        man_text(p->name, out);
        fprintf(out, "(%s, %s%s%s%s)\n", baton_param_type_str(p->type),
                param_kind(p), (p->dflt != NULL) ? ", default \\(dq" : "",
                (p->dflt != NULL) ? p->dflt : "",
                (p->dflt != NULL) ? "\\(dq" : "");
        man_text(p->longdesc, out);
        if (p->aliases != NULL) {
            fprintf(out, ".br\nAlso accepted as: %s\n", p->aliases);
        }
        if (p->note != NULL) {
            fputs(".br\n", out);
            man_text(p->note, out);
        }
        obsolete_rule(p, rule, sizeof(rule));
        if (rule[0] != '\0') {
            fputs(".br\n", out);
            man_text(rule, out);
        }
    }
}

int
baton_doc_man(const struct baton_agent_def *def, FILE *out)
{
    bool fence = (def->kind == BATON_AGENT_FENCE);

    fprintf(out, ".TH %s%s %s \"\" \"Baton\" \"Baton agents\"\n",
            fence ? "" : "OCF_BATON_", def->name, fence ? "8" : "7");
    fprintf(out, ".SH NAME\n%s%s \\- ", fence ? "" : "ocf:baton:", def->name);
    man_text(def->shortdesc, out);
    fputs(".SH DESCRIPTION\n", out);
    man_text(def->longdesc, out);
    if (def->replaces != NULL) {
        fprintf(out, ".PP\nA drop-in replacement for %s.\n", def->replaces);
    }
    fputs(".SH PARAMETERS\n", out);
    man_params(def, out);
    fputs(".SH ACTIONS\n", out);
    for (size_t i = 0; i < def->n_actions; i++) {
        const struct baton_action_def *a = &def->actions[i];

        fputs(".TP\n.B ", out);
        man_text(a->name, out);
        if (fence) {
            fprintf(out, "%s\n", a->automatic ? "automatic (unfencing)" : "");
        } else {
            fprintf(out, "timeout %us", a->timeout_s);
            if (a->interval_s > 0) {
                fprintf(out, ", interval %us", a->interval_s);
            }
            if (a->depth > 0) {
                fprintf(out, ", depth %u", a->depth);
            }
            fputs("\n", out);
        }
    }
    fputs(".SH SEE ALSO\n.BR pcs (8),\n.BR crm_resource (8)\n", out);
    return ferror(out) ? EIO : BATON_RC_OK;
}

/* One line of Markdown table text: no '|' and no newline */
static void
md_cell(const char *text, FILE *out)
{
    for (const char *c = baton_s(text, ""); *c != '\0'; c++) {
        if (*c == '|') {
            fputs("\\|", out);
        } else if (*c == '\n') {
            fputc(' ', out);
        } else {
            fputc(*c, out);
        }
    }
}

int
baton_doc_markdown(const struct baton_agent_def *def, FILE *out)
{
    bool fence = (def->kind == BATON_AGENT_FENCE);
    char rule[256];

    fprintf(out, "<!-- Generated from the agent's table by baton-gen; "
            "do not edit. -->\n# %s%s\n\n", fence ? "" : "ocf:baton:",
            def->name);
    fprintf(out, "%s\n\n%s\n\n", def->shortdesc, def->longdesc);
    if (def->replaces != NULL) {
        fprintf(out, "Replaces: %s\n\n", def->replaces);
    }
    fputs("## Parameters\n\n| name | type | required | default | "
          "description |\n|---|---|---|---|---|\n", out);
    for (size_t i = 0; i < def->n_params; i++) {
        const struct baton_param_def *p = &def->params[i];

        fprintf(out, "| `%s`", p->name);
        if (p->aliases != NULL) {
            fprintf(out, " (also `%s`)", p->aliases);
        }
        fprintf(out, " | %s | %s | %s | ", baton_param_type_str(p->type),
                param_kind(p), (p->dflt != NULL) ? p->dflt : "");
        md_cell(p->longdesc, out);
        if (p->note != NULL) {
            fputs(" ", out);
            md_cell(p->note, out);
        }
        obsolete_rule(p, rule, sizeof(rule));
        if (rule[0] != '\0') {
            /* notes are clauses without a final stop */
            fputs(((p->note != NULL) && (*p->note != '\0')
                   && (p->note[strlen(p->note) - 1] != '.')) ? ". " : " ",
                  out);
            md_cell(rule, out);
        }
        fputs(" |\n", out);
    }
    fputs("\n## Actions\n\n| action | timeout | interval | depth |\n"
          "|---|---|---|---|\n", out);
    for (size_t i = 0; i < def->n_actions; i++) {
        const struct baton_action_def *a = &def->actions[i];

        fprintf(out, "| %s | %us | %us | %u |\n", a->name, a->timeout_s,
                a->interval_s, a->depth);
    }
    return ferror(out) ? EIO : BATON_RC_OK;
}

void
baton_doc_c_string(const char *var, const char *text, FILE *out)
{
    fprintf(out, "/* Generated by baton-gen from the agent's table. */\n"
            "const char %s[] =\n\"", var);
    for (const char *c = text; *c != '\0'; c++) {
        switch (*c) {
            case '"':  fputs("\\\"", out); break;
            case '\\': fputs("\\\\", out); break;
            case '\n': fputs("\\n\"\n\"", out); break;
            default:   fputc(*c, out); break;
        }
    }
    fputs("\";\n", out);
}
