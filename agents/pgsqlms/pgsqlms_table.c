/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:pgsqlms declared once: its parameters and actions. Metadata,
 * validation, the man page and the doc page all derive from this table.
 */
#include "baton/params.h"
#include "baton/rc.h"
#include "pgsqlms.h"

static int
absolute_path(const char *value, void *field, baton_reason_t *why)
{
    (void) field;
    if (value[0] != '/') {
        baton_reason_set(why, "'%s' is not an absolute path", value);
        return BATON_RC_CONFIG;
    }
    return BATON_RC_OK;
}

static const struct baton_param_def pgsqlms_params[] = {
    { .name = PG_SYSTEM_USER, .type = BATON_PARAM_STRING,
      .dflt = "postgres", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct pg_conf, system_user),
      .shortdesc = "PostgreSQL system user",
      .longdesc = "The system user that owns the data directory and runs "
                  "the server. The agent connects to the server over its "
                  "local socket as this user and runs pg_ctl and "
                  "pg_controldata as this user." },
    { .name = PG_BINDIR, .type = BATON_PARAM_STRING, .dflt = "/usr/bin",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct pg_conf, bindir),
      .parse = absolute_path, .shortdesc = "Path to the PostgreSQL binaries",
      .longdesc = "The directory of pg_ctl, pg_controldata, postgres and "
                  "pg_waldump (Debian: /usr/lib/postgresql/15/bin). psql "
                  "and pg_isready are not used: the agent speaks to the "
                  "server through libpq." },
    { .name = PG_PGDATA, .type = BATON_PARAM_STRING,
      .unique_group = PG_PGDATA, .dflt = "/var/lib/pgsql/data",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct pg_conf, pgdata),
      .parse = absolute_path, .shortdesc = "Path to the data directory",
      .longdesc = "The server's PGDATA: the directory given to pg_ctl -D, "
                  "where postgresql.conf is unless start_opts says "
                  "otherwise." },
    { .name = PG_DATADIR, .type = BATON_PARAM_STRING,
      .unique_group = PG_DATADIR, .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct pg_conf, datadir), .parse = absolute_path,
      .shortdesc = "The data_directory of postgresql.conf",
      .longdesc = "The directory set as data_directory in postgresql.conf, "
                  "when it differs from pgdata (Debian keeps the "
                  "configuration in /etc/postgresql). Defaults to pgdata, "
                  "as PostgreSQL does." },
    { .name = PG_PGHOST, .type = BATON_PARAM_STRING,
      .dflt = "/var/run/postgresql", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct pg_conf, pghost),
      .shortdesc = "Socket directory or address of the local instance",
      .longdesc = "The unix socket directory (or an IP address) the local "
                  "instance listens on." },
    { .name = PG_PGPORT, .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RANGE, .dflt = "5432", .min = 1, .max = 65535,
      .kind = BATON_KIND_INT, BATON_FIELD(struct pg_conf, pgport),
      .shortdesc = "Port of the local instance",
      .longdesc = "The port the local instance listens on (the number in "
                  "the socket's name)." },
    { .name = PG_MAXLAG, .type = BATON_PARAM_INTEGER,
      .flags = BATON_PARAM_RANGE, .dflt = "0",
      .min = 0, .max = INT64_MAX, .kind = BATON_KIND_INT,
      BATON_FIELD(struct pg_conf, maxlag),
      .shortdesc = "Largest lag, in bytes, of a standby that may be promoted",
      .longdesc = "A standby whose written WAL is further than this many "
                  "bytes behind the primary's current WAL position gets a "
                  "negative promotion score. 0 turns the limit off." },
    { .name = PG_RECOVERY_TEMPLATE, .type = BATON_PARAM_STRING,
      .unique_group = PG_RECOVERY_TEMPLATE, .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct pg_conf, recovery_template),
      .parse = absolute_path,
      .shortdesc = "recovery.conf template (PostgreSQL 11 and older)",
      .longdesc = "PostgreSQL 11 and older only, which this agent does not "
                  "manage: with PostgreSQL 12 and later the standby "
                  "settings live in postgresql.conf, and a template file "
                  "found here (by default PGDATA/recovery.conf.pcmk) stops "
                  "the start with an error, as for PAF." },
    { .name = PG_START_OPTS, .type = BATON_PARAM_STRING, .dflt = "",
      .kind = BATON_KIND_TEXT, BATON_FIELD(struct pg_conf, start_opts),
      .shortdesc = "Extra arguments of the postgres process",
      .longdesc = "Passed to the server by pg_ctl -o, e.g. \"-c "
                  "config_file=/etc/postgresql/15/main/postgresql.conf\" "
                  "when the configuration is not in pgdata." },
    { .name = PG_REWIND, .type = BATON_PARAM_BOOLEAN, .dflt = "false",
      .kind = BATON_KIND_BOOL, BATON_FIELD(struct pg_conf, rewind),
      .shortdesc = "Rejoin a diverged former primary with pg_rewind",
      .longdesc = "Off by default, as PAF behaves: a former primary whose "
                  "history forked from the current primary's is refused at "
                  "start with a reason. When on, and the server allows it "
                  "(wal_log_hints=on or data checksums), the agent runs "
                  "pg_rewind from the current primary and starts it as a "
                  "standby; when the server does not allow it, the start "
                  "is still refused." },
};

static const struct baton_action_def pgsqlms_actions[] = {
    { .name = "start", .timeout_s = 60 },
    { .name = "stop", .timeout_s = 60 },
    { .name = "reload", .timeout_s = 20 },
    { .name = "promote", .timeout_s = 30 },
    { .name = "demote", .timeout_s = 120 },
    { .name = "monitor", .timeout_s = 10, .interval_s = 15,
      .role = "Promoted" },
    { .name = "monitor", .timeout_s = 10, .interval_s = 16,
      .role = "Unpromoted" },
    { .name = "notify", .timeout_s = 60 },
    { .name = "meta-data", .timeout_s = 5 },
    { .name = "validate-all", .timeout_s = 5 },
    { .name = "methods", .timeout_s = 5 },
};

const struct baton_agent_def baton_pgsqlms_agent = {
    .kind = BATON_AGENT_OCF,
    .name = "pgsqlms",
    .version = "1.0",
    .replaces = "ocf:heartbeat:pgsqlms",
    .shortdesc = "PostgreSQL with streaming replication, promotable",
    .longdesc = "Runs a PostgreSQL 12 or later primary and its streaming "
                "standbys as a promotable clone (notify=true, one promoted "
                "instance). Every instance starts as a standby; the "
                "primary ranks the standbys by the WAL they received and "
                "writes their promotion scores through pacemaker-attrd; "
                "at failover the standbys compare timeline and received "
                "WAL, and only the best one of the nodes still in the "
                "cluster is promoted, with every wait for a peer bounded. "
                "The monitor speaks to the server through libpq, with no "
                "child process. A drop-in for PAF's ocf:heartbeat:pgsqlms: "
                "the same parameters with the same defaults and meanings.",
    .params = pgsqlms_params,
    .n_params = BATON_N_ELEMENTS(pgsqlms_params),
    .actions = pgsqlms_actions,
    .n_actions = BATON_N_ELEMENTS(pgsqlms_actions),
    .conf_size = sizeof(struct pg_conf),
    .conf_check = pg_conf_check,
    .conf_free = pg_conf_free,
};
