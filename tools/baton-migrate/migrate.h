/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * baton-migrate: rewrites the resources of a CIB that have a Baton
 * equivalent. The anchor table (migrate_map.c), the parameter check
 * against each Baton agent's own table (migrate_check.c), the CIB walk
 * (migrate_cib.c) and the line diff (migrate_diff.c).
 */
#ifndef BATON_MIGRATE_H
#define BATON_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <libxml/tree.h>

#include "baton/params.h"

/*! What a parameter given to the replaced agent becomes under Baton */
enum migrate_verdict {
    MIGRATE_SAME = 0,      /*!< same name, same meaning: nothing to say */
    MIGRATE_DIFFERS,       /*!< accepted, with a different meaning */
    MIGRATE_NO_EFFECT,     /*!< accepted, has no effect under Baton */
    MIGRATE_REFUSED,       /*!< Baton refuses it: the resource stays */
};

/*! A parameter whose meaning differs, known from the replaced agent */
struct migrate_note {
    const char *param;
    enum migrate_verdict verdict;
    const char *text;
};

/*! One anchor agent and the Baton agent that replaces it */
struct migrate_anchor {
    const char *from_class;     /*!< "ocf", "stonith" */
    const char *from_provider;  /*!< "heartbeat", NULL for stonith */
    const char *from_type;      /*!< "IPaddr2" */
    const char *to_provider;    /*!< "baton", NULL for stonith */
    const char *to_type;        /*!< "IPaddr2", "fence_baton_ipmilan" */
    /*! Parameters of the replaced agent whose meaning differs, NULL-named
     *  end; NULL when none */
    const struct migrate_note *notes;
    /*! Whether the Baton agent's probe recognises an instance the
     *  replaced agent started (the switch needs no restart) */
    bool adopts;
    /*! Why (or why not), for the report; NULL: not known yet */
    const char *adopt_text;
};

/*! The anchors, ending with a NULL from_class */
extern const struct migrate_anchor migrate_anchors[];

/*!
 * The Baton agents linked into baton-migrate (a generated list, one entry
 * per agent fragment that adds itself to migrate_agent_defs), NULL-ended.
 */
extern const struct baton_agent_def *const migrate_agents[];

/*!
 * \brief The Baton agent of an anchor, when it is linked in.
 * \return Borrowed, or NULL: "no Baton equivalent yet".
 */
const struct baton_agent_def *
migrate_anchor_agent(const struct migrate_anchor *anchor);

/*!
 * \brief Find the anchor of a resource's agent.
 * \param[in] provider  NULL for classes without one.
 * \return Borrowed, or NULL when the agent is not an anchor.
 */
const struct migrate_anchor *migrate_anchor_find(const char *cls,
                                                 const char *provider,
                                                 const char *type);

/*! \brief "ocf:heartbeat:IPaddr2" / "stonith:fence_ipmilan" into \p buf */
const char *migrate_agent_spec(const char *cls, const char *provider,
                               const char *type, char *buf, size_t len);

/*! Options of one run */
struct migrate_opts {
    bool ignore_unknown;   /*!< keep unknown parameters (no effect) */
    const char *const *only;  /*!< migrate only these ids; NULL: all */
};

/*! What happened to one resource, for the report */
struct migrate_line {
    char *id;              /*!< resource id */
    char *text;            /*!< the finding */
    enum migrate_verdict verdict;
};

/*! The report of one run (opaque contents, filled by the walk) */
struct migrate_report {
    struct migrate_line *lines;
    size_t n_lines;
    size_t n_migrated;     /*!< resources whose agent changed */
    size_t n_refused;      /*!< resources left as they were */
    size_t n_no_equivalent;
};

/*! \brief Add a line (copied). */
void migrate_report_add(struct migrate_report *report, const char *id,
                        enum migrate_verdict verdict, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*! \brief Print the report, one line per finding, then a summary. */
void migrate_report_print(const struct migrate_report *report, FILE *out);

/*! \brief Free what the report holds. */
void migrate_report_free(struct migrate_report *report);

/*! One primitive's parameters, as the CIB gives them */
struct migrate_param {
    const char *name;      /*!< borrowed from the document */
    const char *value;     /*!< borrowed; may be NULL (no value) */
    const char *set_id;    /*!< the instance_attributes it is in */
    bool conditional;      /*!< that set has a rule */
};

/*! Where the primitive sits, for the checks that depend on it */
struct migrate_context {
    bool in_clone;
    bool promotable;       /*!< a promotable clone or a legacy master */
    bool notify;           /*!< the clone's notify meta attribute is true */
    const char *const *ops;  /*!< its operation names, NULL-ended */
};

/*!
 * \brief Check one resource's parameters against the Baton agent's table.
 *
 * Every parameter goes through the table (known, obsolete, no effect,
 * deprecated), the anchor's notes, and then all values together through
 * baton_params_parse() with the agent's conf_check, once per
 * instance_attributes set. Findings go to \p report.
 * \return true when the resource can be migrated.
 */
bool migrate_check_params(const char *id, const struct migrate_anchor *anchor,
                          const struct baton_agent_def *def,
                          const struct migrate_param *params, size_t n_params,
                          const struct migrate_context *ctx,
                          const struct migrate_opts *opts,
                          struct migrate_report *report);

/*!
 * \brief Rewrite every resource of the CIB that has a Baton equivalent.
 * \param[in,out] doc  The CIB; changed in place (class, provider, type).
 * \return 0, or -1 when the document is not a CIB (reason on stderr).
 */
int migrate_cib(xmlDocPtr doc, const struct migrate_opts *opts,
                struct migrate_report *report);

/*!
 * \brief Print a unified diff of two texts, line by line, with context.
 * \return The number of changed lines.
 */
size_t migrate_diff_print(const char *old_text, const char *new_text,
                          const char *old_name, const char *new_name,
                          FILE *out);

#endif /* BATON_MIGRATE_H */
