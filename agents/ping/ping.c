/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:ping actions: probe the hosts, set the attribute, keep the
 * state file, as ocf:pacemaker:ping does.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton/attrd.h"
#include "baton/icmp.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "ping.h"

/* Name resolution gets at most this long, whatever the timeout */
#define PING_RESOLVE_MS 2000U
#define PING_VALIDATE_RESOLVE_MS 2000U

static void
log_hosts(const struct ping_conf *conf, const baton_icmp_probe_t *probe)
{
    for (size_t i = 0; i < baton_icmp_probe_n_hosts(probe); i++) {
        enum baton_icmp_state st = baton_icmp_probe_state(probe, i);

        if ((st != BATON_ICMP_ALIVE) && (conf->debug >= PING_DEBUG_ON)) {
            baton_warn("%s is inactive (%s)", baton_icmp_probe_host(probe, i),
                       baton_icmp_state_str(st));
        } else if (st == BATON_ICMP_ALIVE
                   && (conf->debug >= PING_DEBUG_VERBOSE)) {
            baton_info("%s (%s) is alive, %lu us",
                       baton_icmp_probe_host(probe, i),
                       baton_icmp_probe_addr(probe, i),
                       baton_icmp_probe_rtt_us(probe, i));
        } else if (st != BATON_ICMP_ALIVE) {
            baton_debug("%s is inactive (%s)", baton_icmp_probe_host(probe, i),
                        baton_icmp_state_str(st));
        }
    }
}

/* Probe the hosts; \p reachable is how many answered */
static int
probe_hosts(const struct ping_conf *conf, size_t *reachable,
            baton_reason_t *why)
{
    struct baton_icmp_opts opts = {
        .attempts = conf->attempts,
        .timeout_ms = (unsigned) conf->timeout_ms,
        .spacing_ms = PING_SPACING_MS,
        .resolve_timeout_ms = PING_RESOLVE_MS,
    };
    baton_icmp_probe_t *probe = NULL;
    int rc = baton_icmp_probe_new(&opts, &probe);

    if (rc == BATON_RC_OK) {
        rc = baton_icmp_probe_add_list(probe, conf->host_list);
    }
    if (rc == BATON_RC_OK) {
        rc = baton_icmp_probe_run(probe);
    }
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot ping %s: %s", conf->host_list,
                         baton_rc_str(rc));
        baton_icmp_probe_free(probe);
        return rc;
    }
    log_hosts(conf, probe);
    *reachable = baton_icmp_probe_n_alive(probe);
    baton_debug("%zu of %zu hosts reachable", *reachable,
                baton_icmp_probe_n_hosts(probe));
    baton_icmp_probe_free(probe);
    return BATON_RC_OK;
}

static struct baton_attrd_opts
attrd_opts(void)
{
    struct baton_attrd_opts o = {
        .ipc_name = getenv(PING_ENV_ATTRD_IPC),
        .tool = getenv(PING_ENV_ATTRD_TOOL),
        .origin = "baton-ping",
    };
    return o;
}

static int
send_attr(const struct ping_conf *conf, enum baton_attrd_cmd cmd,
          const char *value)
{
    struct baton_attrd_req req = {
        .cmd = cmd, .name = conf->name, .value = value,
        .dampen = conf->dampen, .node = conf->node,
    };
    struct baton_attrd_opts o = attrd_opts();
    enum baton_attrd_path path = BATON_ATTRD_PATH_NONE;
    int rc = baton_attrd_send(&req, &o, &path);

    baton_debug("Sent %s=%s through %s: %s", conf->name,
                baton_s(value, "(delete)"), baton_attrd_path_str(path),
                baton_rc_str(rc));
    return rc;
}

/* Probe, then set the attribute: UPDATE_BOTH on start and reload (the
 * dampening may be new), the value only on monitor, as pacemaker's agent */
static int
ping_update(const struct ping_conf *conf, enum baton_attrd_cmd cmd,
            baton_reason_t *why)
{
    size_t reachable = 0;
    long long score;
    char value[32];
    int rc = probe_hosts(conf, &reachable, why);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    score = ping_score(reachable, conf->multiplier);
    snprintf(value, sizeof(value), "%lld", score);
    rc = send_attr(conf, cmd, value);
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Could not update %s = %s: %s", conf->name,
                         value, baton_rc_str(rc));
        return BATON_RC_FAILED;
    }
    if (conf->debug >= PING_DEBUG_ON) {
        baton_info("Updated %s = %s", conf->name, value);
    }
    if (ping_score_fails(conf, score)) {
        baton_reason_set(why, "%s is %lld, less than failure_score (%lld)",
                         conf->name, score, conf->failure_score);
        return BATON_RC_FAILED;
    }
    return BATON_RC_OK;
}

static bool
state_exists(const struct ping_conf *conf)
{
    return access(conf->state_file, F_OK) == 0;
}

static int
state_touch(const struct ping_conf *conf, baton_reason_t *why)
{
    int fd = open(conf->state_file, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

    if (fd < 0) {
        int rc = errno;

        baton_reason_set(why, "Cannot create state file %s: %s",
                         conf->state_file, strerror(rc));
        return rc;
    }
    close(fd);
    return BATON_RC_OK;
}

static void
warn_no_effect(const struct ping_conf *conf)
{
    if (conf->options != NULL) {
        baton_warn("Parameter " PING_OPTIONS " ('%s') has no effect: no ping "
                   "program is run", conf->options);
    }
}

static int
ping_start(baton_ocf_t *ocf, enum baton_res_state *state, baton_reason_t *why)
{
    struct ping_conf conf;
    int rc = ping_conf_parse(ocf, &conf, why);

    if (rc == BATON_RC_OK) {
        warn_no_effect(&conf);
        rc = state_exists(&conf) ? BATON_RC_OK : state_touch(&conf, why);
    }
    if (rc == BATON_RC_OK) {
        rc = ping_update(&conf, BATON_ATTRD_UPDATE_BOTH, why);
    }
    *state = (rc == BATON_RC_OK) ? BATON_RES_RUNNING : BATON_RES_FAILED;
    ping_conf_clear(&conf);
    return rc;
}

static int
ping_stop(baton_ocf_t *ocf, enum baton_res_state *state, baton_reason_t *why)
{
    struct ping_conf conf;
    int rc = ping_conf_parse_lenient(ocf, &conf, why);

    /* A stop that fails gets the node fenced: stop what can be stopped */
    if (rc != BATON_RC_OK) {
        baton_warn("Stopping despite an invalid configuration: %s", why->text);
        baton_reason_clear(why);
    }
    if ((unlink(conf.state_file) != 0) && (errno != ENOENT)) {
        baton_warn("Cannot remove state file %s: %s", conf.state_file,
                   strerror(errno));
    }
    /* Like pacemaker's agent, a failed delete does not fail the stop */
    rc = send_attr(&conf, BATON_ATTRD_DELETE, NULL);
    if (rc != BATON_RC_OK) {
        baton_warn("Could not delete %s: %s", conf.name, baton_rc_str(rc));
    }
    *state = BATON_RES_UNKNOWN;    /* a successful stop exits 0 */
    ping_conf_clear(&conf);
    return BATON_RC_OK;
}

static int
ping_monitor(baton_ocf_t *ocf, enum baton_res_state *state,
             baton_reason_t *why)
{
    struct ping_conf conf;
    int rc = ping_conf_parse(ocf, &conf, why);

    if (rc != BATON_RC_OK) {
        ping_conf_clear(&conf);
        return rc;
    }
    if (!state_exists(&conf)) {
        *state = BATON_RES_STOPPED;
    } else {
        rc = ping_update(&conf, BATON_ATTRD_UPDATE, why);
        *state = (rc == BATON_RC_OK) ? BATON_RES_RUNNING : BATON_RES_FAILED;
    }
    ping_conf_clear(&conf);
    return rc;
}

/* dampen, multiplier and host_list changed: probe with the new ones and
 * send value and dampening together */
static int
ping_reload(baton_ocf_t *ocf, enum baton_res_state *state,
            baton_reason_t *why)
{
    struct ping_conf conf;
    int rc = ping_conf_parse(ocf, &conf, why);

    if ((rc == BATON_RC_OK) && state_exists(&conf)) {
        rc = ping_update(&conf, BATON_ATTRD_UPDATE_BOTH, why);
    }
    *state = (rc == BATON_RC_OK) ? BATON_RES_RUNNING : BATON_RES_FAILED;
    ping_conf_clear(&conf);
    return rc;
}

/* Names that do not resolve are only a warning: DNS may come back */
static void
validate_names(const struct ping_conf *conf)
{
    struct baton_icmp_opts opts = {
        .resolve_timeout_ms = PING_VALIDATE_RESOLVE_MS,
    };
    baton_icmp_probe_t *probe = NULL;

    if ((baton_icmp_probe_new(&opts, &probe) != BATON_RC_OK)
        || (baton_icmp_probe_add_list(probe, conf->host_list) != 0)
        || (baton_icmp_probe_resolve(probe) != BATON_RC_OK)) {
        baton_icmp_probe_free(probe);
        return;
    }
    for (size_t i = 0; i < baton_icmp_probe_n_hosts(probe); i++) {
        if (baton_icmp_probe_state(probe, i) == BATON_ICMP_UNRESOLVED) {
            baton_warn("Host %s cannot be resolved now; it counts as "
                       "unreachable until it can",
                       baton_icmp_probe_host(probe, i));
        }
    }
    baton_icmp_probe_free(probe);
}

/* OCF_CHECK_LEVEL=10: can this node keep the state file? */
static int
validate_state_dir(const struct ping_conf *conf, baton_reason_t *why)
{
    char *dir = strdup(conf->state_file);
    char *slash = NULL;
    int rc = BATON_RC_OK;

    baton_assert_alloc(dir);
    slash = strrchr(dir, '/');
    if (slash == NULL) {
        strcpy(dir, ".");
    } else {
        slash[(slash == dir) ? 1 : 0] = '\0';
    }
    if (access(dir, W_OK) != 0) {
        baton_reason_set(why, "State directory %s is not writable: %s", dir,
                         strerror(errno));
        rc = BATON_RC_NODE_CONFIG;
    }
    free(dir);
    return rc;
}

static int
ping_validate(baton_ocf_t *ocf, enum baton_res_state *state,
              baton_reason_t *why)
{
    struct ping_conf conf;
    int rc = ping_conf_parse(ocf, &conf, why);

    if (rc == BATON_RC_OK) {
        warn_no_effect(&conf);
        validate_names(&conf);
        if (conf.state_file[0] != '/') {
            baton_warn("Use an absolute path for " PING_PIDFILE ", not %s",
                       conf.state_file);
        }
        if (baton_ocf_check_level(ocf) >= 10) {
            rc = validate_state_dir(&conf, why);
        }
    }
    ping_conf_clear(&conf);
    return rc;
}

const struct baton_ocf_op ping_ops[] = {
    { BATON_OCF_ACTION_START, ping_start },
    { BATON_OCF_ACTION_STOP, ping_stop },
    { BATON_OCF_ACTION_MONITOR, ping_monitor },
    { BATON_OCF_ACTION_RELOAD_AGENT, ping_reload },
    { BATON_OCF_ACTION_VALIDATE, ping_validate },
    { NULL, NULL },
};
