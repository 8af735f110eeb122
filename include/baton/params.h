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
 * How a value is parsed and stored. The metadata type (above) says what
 * Pacemaker and pcs are told; the kind says what Baton parses the text into.
 */
enum baton_param_kind {
    /*! const char *: the text, borrowed from the value set; NULL when
     *  empty and without default */
    BATON_KIND_TEXT = 0,
    /*! an integer field (int, unsigned, long, long long, uint32_t, ...),
     *  base 10; with BATON_PARAM_RANGE it must lie in [min, max], and it
     *  must always fit the field */
    BATON_KIND_INT,
    /*! bool: yes/no, true/false, on/off, y/n, 1/0 (case-insensitive) */
    BATON_KIND_BOOL,
    /*! unsigned long, milliseconds: "500ms", "2s", "1min", a bare number
     *  is seconds (baton_duration_parse_ms) */
    BATON_KIND_DURATION_MS,
    /*! int: one of .choices; stored as .choice_values[i] when given,
     *  else as the index i */
    BATON_KIND_CHOICE,
    /*! nothing built in: only the parameter's .parse hook runs (the
     *  network kinds live with their module: baton_inaddr_param_parse,
     *  baton_prefix_param_parse, baton_ifname_param_parse and
     *  baton_lft_param_parse in baton/inaddr.h) */
    BATON_KIND_CUSTOM,
};

/*!
 * A parameter's own parser or check, run after the kind's (for
 * BATON_KIND_CUSTOM, instead of it). Gets the non-empty value text and the
 * parameter's field in the configuration struct (NULL when the parameter
 * has no field). Writes a reason *without* the parameter's name ("'x' is
 * not a host:port"): the caller prefixes "Parameter NAME: ".
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set.
 */
typedef int (*baton_param_parse_fn)(const char *value, void *field,
                                    baton_reason_t *why);

/*!
 * Where a parameter's parsed value goes in the agent's configuration
 * struct: use in a table entry as BATON_FIELD(struct my_conf, member).
 */
#define BATON_FIELD(type_, member_)                                    \
    .offset = offsetof(type_, member_),                                \
    .size = sizeof(((type_ *) 0)->member_)

/*!
 * A bool in the configuration struct set to true when the parameter got a
 * value (given, or from its default): BATON_GIVEN(struct my_conf, has_x).
 */
#define BATON_GIVEN(type_, member_)                                    \
    .given_offset = offsetof(type_, member_) + 1

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
    const char *shortdesc;
    const char *longdesc;
    /*! Why an obsolete parameter is rejected, or what replaces a deprecated one */
    const char *note;
    /*! Obsolete parameters: the value (the replaced agent's default) that
     *  asks for nothing and is accepted with a warning; a boolean obsolete
     *  parameter also accepts any false value */
    const char *compat_value;
    /* Typed parsing (baton_params_parse) */
    enum baton_param_kind kind;
    size_t offset;                 /*!< of the field, with size */
    size_t size;                   /*!< of the field; 0: not stored */
    size_t given_offset;           /*!< offset + 1 of a bool, 0: none */
    const int *choice_values;      /*!< CHOICE: value per choice, or NULL */
    baton_param_parse_fn parse;    /*!< own parser / check, or NULL */
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
    /*! Size of the agent's configuration struct (baton_params_parse) */
    size_t conf_size;
    /*! The rules that tie several parameters together, run by
     *  baton_params_parse() after every value parsed; NULL when none.
     *  Writes a complete reason. \return BATON_RC_OK or BATON_RC_CONFIG */
    int (*conf_check)(void *conf, baton_reason_t *why);
    /*! Frees what conf_check allocated inside the struct; NULL when none */
    void (*conf_free)(void *conf);
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

/*!
 * \brief Whether baton_params_parse() keeps quiet about an obsolete
 *        parameter given its harmless value (accepted either way).
 *
 * The warning is wanted where the administrator acts on it (validate-all,
 * start, a probe, reload), not on every recurring monitor;
 * baton_ocf_new() sets it from the action. A new set warns.
 */
void baton_params_set_quiet_obsolete(baton_params_t *params, bool quiet);

/*!
 * \brief What baton_params_set_quiet_obsolete() set: for an agent's own
 *        warning about a value that asks for nothing (conf_check).
 */
bool baton_params_quiet_obsolete(const baton_params_t *params);

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
 * \brief Set a value (copied). The value it replaces is freed, wiped first
 *        when the parameter is a secret.
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
 * \brief The value given, else the default, else NULL, as text.
 *
 * For tools that show or compare values (tests, the migration report);
 * agents read their parsed struct, never a value by name.
 * \return Borrowed; valid as long as the set.
 */
const char *baton_params_get(const baton_params_t *params, const char *name);

/*!
 * \brief Validate every value against the table and parse it, once,
 *        straight into the agent's configuration struct.
 *
 * For each parameter: an obsolete one given a value that asks for the
 * removed feature, a missing required one, or a value its kind or .parse
 * hook rejects fails with "Parameter NAME: ..." in \p why (a secret value
 * is never quoted). An obsolete one given its compat value is accepted
 * with a warning (none after baton_params_set_quiet_obsolete()). A
 * parameter with a field gets the given value, else its default; with
 * neither its field is left as the caller set it. Then the agent's
 * conf_check runs.
 * \param[in]     params  The values.
 * \param[in,out] conf    The agent's struct (def->conf_size bytes),
 *                        zeroed or preset by the caller. Text fields
 *                        borrow from \p params, which must outlive it.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set.
 */
int baton_params_parse(const baton_params_t *params, void *conf,
                       baton_reason_t *why);

/*!
 * \brief Parse whatever can be parsed, for an action that must work on a
 *        configuration the others reject (stop).
 *
 * As baton_params_parse(), but a value that fails (or a missing required
 * one) does not stop the others: its field gets the parameter's default
 * when it has one, else stays as the caller set it. The agent's
 * conf_check runs only when every value parsed.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set to the first
 *         failure; either way \p conf holds every value that parsed (free
 *         it with baton_params_conf_release()).
 */
int baton_params_parse_lenient(const baton_params_t *params, void *conf,
                               baton_reason_t *why);

/*!
 * \brief Parse into a scratch struct and free it: validate-all's check.
 * \return As baton_params_parse().
 */
int baton_params_check_all(const baton_params_t *params, baton_reason_t *why);

/*!
 * \brief Release what baton_params_parse() put in \p conf (conf_free).
 */
void baton_params_conf_release(const baton_params_t *params, void *conf);

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

/*!
 * \brief Parse a duration: "500ms", "2s", "1min", or a bare number of
 *        seconds; at most a day.
 * \return BATON_RC_OK, or BATON_RC_CONFIG.
 */
int baton_duration_parse_ms(const char *text, unsigned long *ms);

/*! \brief The text of a parameter type as OCF metadata names it. */
const char *baton_param_type_str(enum baton_param_type type);

#endif /* BATON_PARAMS_H */
