/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An agent's parameters and actions, declared once in a table; the values a
 * caller gave, and their validation against that table.
 */
#ifndef BATON_PARAMS_H
#define BATON_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "baton/reason.h"

/*! The type a parameter has in metadata and validation */
enum baton_param_type {
    BATON_PARAM_STRING = 0,
    BATON_PARAM_INTEGER,
    BATON_PARAM_BOOLEAN,
    BATON_PARAM_SELECT,
};

/*! Flags of a parameter, held in a uint32_t */
enum baton_param_flags {
    BATON_PARAM_REQUIRED   = (1 << 0),
    BATON_PARAM_UNIQUE     = (1 << 1),  /*!< deprecated OCF "unique" */
    BATON_PARAM_RELOADABLE = (1 << 2),
    /*! The integer has a range [min, max] */
    BATON_PARAM_RANGE      = (1 << 3),
    /*! The name is known, but the feature is gone: setting it is an error */
    BATON_PARAM_OBSOLETE   = (1 << 4),
    /*! Still honoured, but a newer parameter replaces it */
    BATON_PARAM_DEPRECATED = (1 << 5),
    /*! The value is a secret: never logged, never in argv */
    BATON_PARAM_SECRET     = (1 << 6),
    /*! Accepted for compatibility only: documented to have no effect */
    BATON_PARAM_NO_EFFECT  = (1 << 7),
    /*! Omitted from metadata (kept for old configurations) */
    BATON_PARAM_HIDDEN     = (1 << 8),
};

/*!
 * An extra check of a value beyond its type (an IP address, a host list).
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set.
 */
typedef int (*baton_param_check_fn)(const char *value, baton_reason_t *why);

/*! One parameter of an agent */
struct baton_param_def {
    const char *name;
    enum baton_param_type type;
    uint32_t flags;
    const char *unique_group;      /*!< OCF 1.1 unique-group, or NULL */
    const char *dflt;              /*!< default value as text, or NULL */
    const char *const *choices;    /*!< select: NULL-terminated values */
    long long min;                 /*!< with BATON_PARAM_RANGE */
    long long max;                 /*!< with BATON_PARAM_RANGE */
    baton_param_check_fn check;    /*!< extra check, or NULL */
    const char *shortdesc;
    const char *longdesc;
    /*! Why an obsolete parameter is rejected, or what replaces a deprecated one */
    const char *note;
    /* Fence agents only */
    const char *aliases;           /*!< space-separated other names */
    char short_opt;                /*!< getopt letter, 0 for none */
    const char *arg_name;          /*!< "[ip]" shown in getopt; NULL = flag */
};

/*! One action an agent advertises */
struct baton_action_def {
    const char *name;
    unsigned timeout_s;
    unsigned interval_s;           /*!< 0 = not recurring */
    unsigned depth;                /*!< OCF_CHECK_LEVEL for this monitor */
    const char *role;              /*!< "Promoted", "Unpromoted" or NULL */
    bool automatic;                /*!< fence: on is automatic (unfencing) */
    bool on_target;                /*!< fence: runs on the target node */
};

enum baton_agent_kind {
    BATON_AGENT_OCF = 0,
    BATON_AGENT_FENCE,
};

/*! An agent: everything its metadata, validation and docs derive from */
struct baton_agent_def {
    enum baton_agent_kind kind;
    const char *name;              /*!< "IPaddr2", "fence_baton_ipmilan" */
    const char *version;
    const char *shortdesc;
    const char *longdesc;
    const char *replaces;          /*!< the agent Baton's replaces, for docs */
    const struct baton_param_def *params;
    size_t n_params;
    const struct baton_action_def *actions;
    size_t n_actions;
};

#define BATON_N_ELEMENTS(a) (sizeof(a) / sizeof((a)[0]))

/*! The values given for one agent's parameters (opaque) */
typedef struct baton_params_s baton_params_t;

/*!
 * \brief Create an empty value set for an agent.
 * \param[in] def  The agent's table; borrowed, must outlive the set.
 * \return The set; caller frees with baton_params_free(). Never NULL.
 */
baton_params_t *baton_params_new(const struct baton_agent_def *def);

/*! \brief Free a value set; NULL is a no-op. */
void baton_params_free(baton_params_t *params);

/*! \brief The table a value set belongs to. */
const struct baton_agent_def *baton_params_def(const baton_params_t *params);

/*!
 * \brief Find a parameter by name or alias.
 *
 * For fence agents '-' and '_' are interchangeable, as in fence-agents.
 * \return The parameter's definition, or NULL when unknown.
 */
const struct baton_param_def *
baton_params_find(const struct baton_agent_def *def, const char *name);

/*!
 * \brief Set a value (copied).
 * \return BATON_RC_OK, or ENOENT when no parameter has that name.
 */
int baton_params_set(baton_params_t *params, const char *name,
                     const char *value);

/*!
 * \brief Read every OCF_RESKEY_<name> of the table from an environment.
 * \param[in] envp  NULL-terminated "NAME=value" strings (e.g. environ).
 */
void baton_params_load_env(baton_params_t *params, char *const *envp);

/*! \brief Whether the caller gave a value (a default does not count). */
bool baton_params_is_set(const baton_params_t *params, const char *name);

/*!
 * \brief The value given, else the default, else NULL.
 * \return Borrowed; valid as long as the set.
 */
const char *baton_params_get(const baton_params_t *params, const char *name);

/*!
 * \brief The value as an integer (given, else default).
 * \return BATON_RC_OK; ENOENT when neither value nor default exists;
 *         BATON_RC_CONFIG when the text is not an integer.
 */
int baton_params_get_int(const baton_params_t *params, const char *name,
                         long long *out);

/*!
 * \brief The value as a boolean (given, else default; false when neither).
 * \return BATON_RC_OK, or BATON_RC_CONFIG when the text is not a boolean.
 */
int baton_params_get_bool(const baton_params_t *params, const char *name,
                          bool *out);

/*!
 * \brief Check every value against the table: required, type, range,
 *        choices, obsolete parameters and each parameter's own check.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why naming the parameter.
 */
int baton_params_validate(const baton_params_t *params, baton_reason_t *why);

/*!
 * \brief Parse an integer the way validation does (whole string, base 10).
 * \return BATON_RC_OK, or BATON_RC_CONFIG.
 */
int baton_parse_int(const char *text, long long *out);

/*!
 * \brief Parse a boolean as Pacemaker does: yes/no, true/false, on/off,
 *        y/n, 1/0, case-insensitive.
 * \return BATON_RC_OK, or BATON_RC_CONFIG.
 */
int baton_parse_bool(const char *text, bool *out);

/*! \brief The text of a parameter type as OCF metadata names it. */
const char *baton_param_type_str(enum baton_param_type type);

#endif /* BATON_PARAMS_H */
