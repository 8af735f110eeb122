/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:pgsqlms: a PostgreSQL primary and its streaming standbys as a
 * promotable clone, a drop-in for PAF's ocf:heartbeat:pgsqlms.
 */
#ifndef BATON_AGENT_PGSQLMS_H
#define BATON_AGENT_PGSQLMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "baton/membership.h"
#include "baton/notify.h"
#include "baton/ocf.h"
#include "baton/params.h"

#define PG_SYSTEM_USER       "system_user"
#define PG_BINDIR            "bindir"
#define PG_PGDATA            "pgdata"
#define PG_DATADIR           "datadir"
#define PG_PGHOST            "pghost"
#define PG_PGPORT            "pgport"
#define PG_START_OPTS        "start_opts"
#define PG_MAXLAG            "maxlag"
#define PG_RECOVERY_TEMPLATE "recovery_template"
#define PG_REWIND            "pg_rewind"

#define PG_ACTION_METHODS    "methods"
#define PG_ACTION_RELOAD     "reload"

/* Test and debugging hooks (environment, not parameters) */
/*! Members named here instead of asking corosync (no cluster in tests) */
#define PG_ENV_MEMBERS       "BATON_PGSQLMS_MEMBERS"
/*! Seconds a standby may go without a WAL receiver before it is degraded */
#define PG_ENV_RECEIVER_GRACE "BATON_PGSQLMS_RECEIVER_GRACE"

/*! Promotion scores, as PAF sets them */
#define PG_SCORE_PRIMARY      1001
#define PG_SCORE_BEST         1000
#define PG_SCORE_STEP         10
#define PG_SCORE_NO_PROMOTE   (-1000)
#define PG_SCORE_INITIAL      1

/*! Oldest server handled (PostgreSQL 12: standby.signal) */
#define PG_VERSION_MIN        12

/*! The parameters, parsed once by the table */
struct pg_conf {
    const char *system_user;
    const char *bindir;
    const char *pgdata;
    const char *datadir;          /*!< pgdata when not given (conf_check) */
    const char *pghost;
    unsigned pgport;
    const char *start_opts;       /*!< NULL when empty */
    uint64_t maxlag;              /*!< bytes; 0 = no limit */
    const char *recovery_template; /*!< NULL: <pgdata>/recovery.conf.pcmk */
    bool rewind;
    /* derived by conf_check, owned */
    char *template_path;
};

/*! What one invocation adds: node, meta attributes, deadline */
struct pg_ctx {
    baton_ocf_t *ocf;
    struct pg_conf conf;
    const char *instance;         /*!< OCF_RESOURCE_INSTANCE */
    char rsc[128];                /*!< instance without ":N" */
    char node[BATON_NODE_NAME_MAX];
    uint64_t deadline_ms;         /*!< the action's end, monotonic */
    baton_reason_t *why;
};

/*! State of the data directory, from pg_controldata */
enum pg_cluster_state {
    PG_STATE_UNKNOWN = 0,
    PG_STATE_STARTING,            /*!< "starting up" */
    PG_STATE_SHUT_DOWN,           /*!< "shut down" (a primary, cleanly) */
    PG_STATE_SHUT_DOWN_RECOVERY,  /*!< "shut down in recovery" */
    PG_STATE_SHUTTING_DOWN,       /*!< "shutting down" */
    PG_STATE_CRASH_RECOVERY,      /*!< "in crash recovery" */
    PG_STATE_ARCHIVE_RECOVERY,    /*!< "in archive recovery" (a standby) */
    PG_STATE_PRODUCTION,          /*!< "in production" (a primary) */
};

/*! What the agent reads from pg_controldata's output */
struct pg_controldata {
    enum pg_cluster_state state;
    uint32_t timeline;            /*!< Latest checkpoint's TimeLineID */
    uint64_t checkpoint_lsn;      /*!< Latest checkpoint location */
    uint64_t redo_lsn;            /*!< Latest checkpoint's REDO location */
    char wal_level[16];
    bool wal_log_hints;
    bool checksums;               /*!< Data page checksum version != 0 */
    uint32_t wal_seg_size;        /*!< Bytes per WAL segment; 0 when not
                                       shown or not a number (its validity
                                       is pg_wal_segment_name()'s check) */
};

extern const struct baton_agent_def baton_pgsqlms_agent;
extern const struct baton_ocf_op pgsqlms_ops[];

/* ---- pgsqlms_conf.c ---------------------------------------------------- */

/*! \brief conf_check: datadir defaults to pgdata, the template path. */
int pg_conf_check(void *conf, baton_reason_t *why);

/*! \brief conf_free: what pg_conf_check() allocated. */
void pg_conf_free(void *conf);

/*!
 * \brief Parse the parameters and read the invocation (node name, the
 *        resource's name, the deadline).
 * \param[in] lenient  For stop: parse what parses, keep going.
 * \return BATON_RC_OK or BATON_RC_CONFIG (reason in ctx->why).
 */
int pg_ctx_init(struct pg_ctx *ctx, baton_ocf_t *ocf, baton_reason_t *why,
                bool lenient);

/*! \brief Release what pg_ctx_init() holds. */
void pg_ctx_clear(struct pg_ctx *ctx);

/*! \brief Milliseconds left before the action's deadline, less a margin. */
unsigned pg_ms_left(const struct pg_ctx *ctx);

/*!
 * \brief The clone's meta attributes, when Pacemaker gave them: a
 *        promotable clone, notify=true, one promoted instance.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with the reason.
 */
int pg_check_meta(const struct pg_ctx *ctx);

/*!
 * \brief The checks of this node's set-up that do not change between
 *        calls: user, binaries, data directory and its owner, version.
 * \return BATON_RC_OK; BATON_RC_NODE_CONFIG / BATON_RC_NOT_INSTALLED
 *         with the reason.
 */
int pg_check_node(struct pg_ctx *ctx);

/*!
 * \brief The server's own settings (wal_level, recovery_target_timeline,
 *        primary_conninfo's application_name), for start and validate-all.
 */
int pg_check_settings(struct pg_ctx *ctx, const struct pg_controldata *cd);

/* ---- pgsqlms_ctl.c: the programs, only where the server is down ------- */

/*!
 * \brief Parse pg_controldata's output.
 * \return BATON_RC_OK, or BATON_RC_PROTOCOL when a field is missing.
 */
int pg_controldata_parse(const char *text, struct pg_controldata *cd);

/*! \brief Parse "16/B374D848" into a number. \return true when valid. */
bool pg_lsn_parse(const char *text, uint64_t *lsn);

/*! \brief The state's text as pg_controldata writes it. */
const char *pg_state_str(enum pg_cluster_state state);

/*! \brief Run pg_controldata on datadir (as system_user, bounded). */
int pg_controldata_read(struct pg_ctx *ctx, struct pg_controldata *cd);

/*!
 * \brief Run a program of bindir as system_user with argv, within the
 *        action's remaining time; stdout in \p out (may be NULL).
 */
int pg_run(struct pg_ctx *ctx, const char *const *argv, char **out);

/*! \brief Whether postmaster.pid names a live process. */
bool pg_postmaster_alive(const struct pg_ctx *ctx);

/*! \brief pg_ctl start (-w) as system_user. */
int pg_ctl_start(struct pg_ctx *ctx);

/*! \brief pg_ctl stop -m MODE (-w) as system_user. */
int pg_ctl_stop(struct pg_ctx *ctx, const char *mode);

/*! \brief Create standby.signal, owned by system_user. */
int pg_standby_signal(struct pg_ctx *ctx);

/*! \brief postgres -C NAME: a setting as the server would read it. */
int pg_setting(struct pg_ctx *ctx, const char *name, char **value);

/*!
 * \brief postgres --single on the stopped instance: recovery to the end of
 *        its WAL and a checkpoint, so that the control file names the
 *        timeline its WAL ended on (pg_rewind of PostgreSQL 15 reads the
 *        target's timeline from the control file's checkpoint).
 */
int pg_single_user_recovery(struct pg_ctx *ctx);

/* ---- pgsqlms_pq.c: libpq, in-process ----------------------------------- */

typedef struct pg_conn_s pg_conn_t;

/*!
 * \brief Connect to the local instance as system_user within the
 *        remaining time (the socket's peer is system_user).
 * \return BATON_RC_OK; ECONNREFUSED when nothing listens; EAGAIN when the
 *         server refuses connections for now (starting, stopping);
 *         BATON_RC_TIMEOUT; BATON_RC_AUTH.
 */
int pg_connect(struct pg_ctx *ctx, pg_conn_t **out);

/*! \brief Connect to another node with a conninfo string
 *         (replication=true added), within 5 s and the remaining time. */
int pg_connect_replication(struct pg_ctx *ctx, const char *conninfo,
                           pg_conn_t **out);

/*! \brief The same, a normal connection to its database "postgres", within
 *         \p limit_ms (0: 5 s) and the remaining time. */
int pg_connect_peer(struct pg_ctx *ctx, const char *conninfo,
                    unsigned limit_ms, pg_conn_t **out);

/*! \brief Close; NULL is a no-op. */
void pg_disconnect(pg_conn_t *c);

/*!
 * \brief Run a query that returns rows, with the remaining time.
 * \param[out] rows  cols * nrows strings ("" for NULL), caller frees with
 *                   pg_rows_free(); NULL with 0 rows.
 */
int pg_query(struct pg_ctx *ctx, pg_conn_t *c, const char *sql,
             char ***rows, size_t *nrows, size_t *ncols);

/*! \brief Free rows from pg_query(). */
void pg_rows_free(char **rows, size_t n);

/*! \brief The last error message of a connection (borrowed). */
const char *pg_conn_error(const pg_conn_t *c);

/* ---- pgsqlms_score.c: promotion scores and the election ---------------- */

/*! A standby as the primary sees it in pg_stat_replication */
struct pg_standby {
    char name[BATON_NODE_NAME_MAX];
    char state[16];
    uint64_t write_lsn;
    uint64_t lag;
    bool sync;
    int score;
};

/*!
 * \brief Rank standbys as PAF does: streaming ones by write LSN (furthest
 *        first, then name), 1000, 990, ...; negative past maxlag; -1 in
 *        state startup or backup.
 */
void pg_rank_standbys(struct pg_standby *s, size_t n, uint64_t maxlag);

/*! \brief Compare two "TL#LSN" locations: <0, 0, >0; unparsable lowest. */
int pg_location_cmp(const char *a, const char *b);

/*! \brief Set a node's promotion score through attrd (NULL: this node). */
int pg_score_set(struct pg_ctx *ctx, const char *node, int score);

/*!
 * \brief This node was a primary: the lowest promotion score, unless it
 *        has one. Scores are transient: after the whole cluster restarted
 *        nobody has one, and nothing would be promoted; the pre-promote
 *        election still hands over to a node with more recent data.
 */
int pg_score_set_initial(struct pg_ctx *ctx);

/*! \brief Set, read and delete this resource's private attributes. */
int pg_attr_set(struct pg_ctx *ctx, const char *name, const char *value);
int pg_attr_get(struct pg_ctx *ctx, const char *name, const char *node,
                char **value);
int pg_attr_del(struct pg_ctx *ctx, const char *name);

/*! \brief The current membership (corosync, or the test hook), or NULL. */
baton_membership_t *pg_members(struct pg_ctx *ctx);

/*! \brief Primary monitor: score the standbys; degraded when a
 *         synchronous standby is missing (reason in \p why). */
int pg_score_standbys(struct pg_ctx *ctx, pg_conn_t *c, bool *degraded);

/*! \brief notify: pre-promote and post-promote. */
int pg_notify_pre_promote(struct pg_ctx *ctx, const struct baton_notify *n);
int pg_notify_post_promote(struct pg_ctx *ctx);

/*!
 * \brief The timeline this running instance replays (or writes) and the
 *        WAL it flushed, from IDENTIFY_SYSTEM over a local replication
 *        connection.
 */
int pg_local_position(struct pg_ctx *ctx, uint32_t *tli, uint64_t *lsn);

/*! \brief promote: is this node the best candidate? */
int pg_election_check(struct pg_ctx *ctx);

/*!
 * \brief promote: the upstream this standby streams from right now, when it
 *        answers as a primary (then \p host names it). Pacemaker demotes a
 *        primary before it promotes another node, so a primary still
 *        running means the cluster lost track of it: promoting would make
 *        two. It is not asked when \p left (pg_primary_left()) is set and
 *        the WAL receiver heard nothing from it for 2 s: asking a dead
 *        node's address (the VIP) would hold the promote for the whole 1 s.
 * \return true when such a primary answered.
 */
bool pg_upstream_is_primary(struct pg_ctx *ctx, const char *left, char *host,
                            size_t size);

/*!
 * \brief promote: whether the primary Pacemaker had left the cluster, so
 *        that its standbys' upstream need not be asked. \p n: the clone's
 *        notification lists, which Pacemaker copies into the promote's
 *        environment (without notify_type); \p last: the node this one
 *        saw promoted last (post-promote notification, or the start's lists:
 *        pg_primary_at_start()), or NULL. With \p m
 *        quorate, either the lists name promoted nodes other than \p self
 *        and every one of them is being stopped and is no member (the
 *        transition fences it), or they name none and \p last, another
 *        node, is neither a member nor an active instance (a transition
 *        computed after its fencing). Anything else (a promoted node still
 *        a member, the membership unknown or without quorum, no \p last):
 *        NULL, and the upstream is asked.
 * \return The node that left (borrowed from \p n or \p last), or NULL.
 */
const char *pg_primary_left(const struct baton_notify *n,
                            const baton_membership_t *m, const char *self,
                            const char *last);

/*!
 * \brief start: the primary a starting standby will stream from, as the
 *        lists Pacemaker copies into the start's environment name it: the
 *        one promoted node, another one, that this transition neither
 *        demotes nor stops. \return It (borrowed from \p n), or NULL.
 */
const char *pg_primary_at_start(const struct baton_notify *n,
                                const char *self);

/*! \brief demote: publish this node's shutdown checkpoint. */
int pg_publish_shutdown(struct pg_ctx *ctx, const struct pg_controldata *cd);

/* ---- pgsqlms_rejoin.c: the diverged former primary --------------------- */

/*!
 * \brief At start: compare this node's timeline and WAL with the current
 *        primary's history (a newer timeline, the same timeline reached
 *        through another history, or WAL past the fork of its timeline);
 *        refuse it when it diverged, or rejoin it with pg_rewind when
 *        allowed. Nothing to compare with when no primary answers.
 * \return BATON_RC_OK to go on starting; BATON_RC_NODE_CONFIG refused.
 */
int pg_check_divergence(struct pg_ctx *ctx, const struct pg_controldata *cd);

/*!
 * \brief Parse a timeline history file: the switch point (end) of \p tli.
 * \return true when \p tli is in the history.
 */
bool pg_history_switchpoint(const char *history, uint32_t tli,
                            uint64_t *end);

/*!
 * \brief The same check for a running standby that does not stream (the
 *        monitor, past its grace period): from its replay timeline and
 *        flushed WAL, no program run. \p diverged false when no primary
 *        answers; \p what says how it diverged.
 */
int pg_check_divergence_running(struct pg_ctx *ctx, bool *diverged,
                                char *what, size_t size);

/*!
 * \brief The timeline of a WAL segment's file name (24 hexadecimal digits,
 *        or the same with ".partial").
 * \return true when \p name is a segment's name.
 */
bool pg_wal_segment_tli(const char *name, uint32_t *tli);

/*!
 * \brief The file name of the WAL segment of timeline \p tli that holds
 *        \p lsn, with segments of \p seg_size bytes.
 * \param[out] buf  At least 25 bytes.
 * \return false when \p seg_size is not a valid segment size (a power of
 *         two from 1 MiB to 1 GiB) or \p tli is 0.
 */
bool pg_wal_segment_name(uint32_t tli, uint64_t lsn, uint32_t seg_size,
                         char *buf, size_t size);

#endif /* BATON_AGENT_PGSQLMS_H */
