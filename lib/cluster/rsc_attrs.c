/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A promotable agent's node attributes (promotion score, private
 * attributes named after the resource) and membership, shared by the
 * agents that rank nodes (pgsqlms, mariadb).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "baton/attr_record.h"
#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "baton/rsc_attrs.h"

/* Longest attribute name kept (attrd's own names are not bounded; a
 * resource name beyond that is refused rather than cut) */
#define RSC_ATTR_NAME_MAX 256

struct baton_attrd_opts
baton_rsc_attrd_opts(const struct baton_rsc_attrs *ra)
{
    struct baton_attrd_opts o = {
        .ipc_name = getenv(BATON_ENV_ATTRD_IPC),
        .tool = getenv(BATON_ENV_ATTRD_TOOL),
        .origin = ra->origin,
        .timeout_ms = BATON_RSC_ATTRD_MS,
        .deadline_ms = ra->deadline_ms,
    };

    return o;
}

void
baton_rsc_attrs_begin(struct baton_rsc_attrs *ra)
{
    struct baton_attrd_opts o = baton_rsc_attrd_opts(ra);

    baton_attrd_close(ra->session);
    ra->session = baton_attrd_open(&o);
}

void
baton_rsc_attrs_end(struct baton_rsc_attrs *ra)
{
    baton_attrd_close(ra->session);
    ra->session = NULL;
}

int
baton_rsc_attrd_send(struct baton_rsc_attrs *ra,
                     const struct baton_attrd_req *req)
{
    struct baton_attrd_opts o;

    if (ra->session != NULL) {
        return baton_attrd_session_send(ra->session, req, NULL);
    }
    o = baton_rsc_attrd_opts(ra);
    return baton_attrd_send(req, &o, NULL);
}

static int
query(struct baton_rsc_attrs *ra, const char *name, const char *node,
      char **value)
{
    struct baton_attrd_opts o;

    if (ra->session != NULL) {
        return baton_attrd_session_query(ra->session, name, node, value);
    }
    o = baton_rsc_attrd_opts(ra);
    return baton_attrd_query(name, node, &o, value);
}

/* "TEXT-RSC" (a private attribute) or "TEXTRSC" (the score's prefix) */
static int
full_name(const struct baton_rsc_attrs *ra, const char *text, bool dash,
          char buf[RSC_ATTR_NAME_MAX])
{
    int n = snprintf(buf, RSC_ATTR_NAME_MAX, "%s%s%s", text, dash ? "-" : "",
                     ra->rsc);

    return ((n < 0) || (n >= RSC_ATTR_NAME_MAX)) ? EINVAL : BATON_RC_OK;
}

int
baton_rsc_score_set(struct baton_rsc_attrs *ra, const char *node,
                    const char *value)
{
    char name[RSC_ATTR_NAME_MAX];
    struct baton_attrd_req req = {
        .cmd = (value != NULL) ? BATON_ATTRD_UPDATE : BATON_ATTRD_DELETE,
        .name = name, .value = value, .node = node,
    };
    int rc = full_name(ra, BATON_RSC_SCORE_PREFIX, false, name);

    return (rc == BATON_RC_OK) ? baton_rsc_attrd_send(ra, &req) : rc;
}

int
baton_rsc_score_update(struct baton_rsc_attrs *ra, const char *record,
                       const char *value)
{
    char name[RSC_ATTR_NAME_MAX];
    struct baton_attrd_req req = {
        .cmd = (value != NULL) ? BATON_ATTRD_UPDATE : BATON_ATTRD_DELETE,
        .name = name, .value = value,
    };
    bool own = (ra->session == NULL);
    int rc = full_name(ra, BATON_RSC_SCORE_PREFIX, false, name);

    if (rc != BATON_RC_OK) {
        return rc;
    }
    if (own) {
        baton_rsc_attrs_begin(ra);
    }
    rc = baton_attr_record_send(ra->session, record, &req, NULL);
    if (own) {
        baton_rsc_attrs_end(ra);
    }
    return rc;
}

int
baton_rsc_scores_get(struct baton_rsc_attrs *ra,
                     struct baton_attrd_value **values, size_t *n)
{
    char name[RSC_ATTR_NAME_MAX];
    int rc = full_name(ra, BATON_RSC_SCORE_PREFIX, false, name);

    if (ra->session == NULL) {
        return EINVAL;
    }
    return (rc == BATON_RC_OK)
           ? baton_attrd_session_query_all(ra->session, name, values, n) : rc;
}

int
baton_rsc_score_get(struct baton_rsc_attrs *ra, const char *node,
                    char **value)
{
    char name[RSC_ATTR_NAME_MAX];
    int rc = full_name(ra, BATON_RSC_SCORE_PREFIX, false, name);

    return (rc == BATON_RC_OK) ? query(ra, name, node, value) : rc;
}

int
baton_rsc_attr_set(struct baton_rsc_attrs *ra, const char *name,
                   const char *value)
{
    char full[RSC_ATTR_NAME_MAX];
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_UPDATE, .name = full, .value = value,
        .is_private = true,
    };
    int rc = full_name(ra, name, true, full);

    return (rc == BATON_RC_OK) ? baton_rsc_attrd_send(ra, &req) : rc;
}

int
baton_rsc_attr_del(struct baton_rsc_attrs *ra, const char *name)
{
    char full[RSC_ATTR_NAME_MAX];
    struct baton_attrd_req req = {
        .cmd = BATON_ATTRD_DELETE, .name = full, .is_private = true,
    };
    int rc = full_name(ra, name, true, full);

    return (rc == BATON_RC_OK) ? baton_rsc_attrd_send(ra, &req) : rc;
}

int
baton_rsc_attr_get(struct baton_rsc_attrs *ra, const char *name,
                   const char *node, char **value)
{
    char full[RSC_ATTR_NAME_MAX];
    int rc = full_name(ra, name, true, full);

    return (rc == BATON_RC_OK) ? query(ra, full, node, value) : rc;
}

baton_membership_t *
baton_rsc_members(const struct baton_rsc_attrs *ra)
{
    const char *names = (ra->members_env != NULL) ? getenv(ra->members_env)
                                                  : NULL;
    uint64_t now = baton_clock_now_ms();
    unsigned wait_ms = BATON_RSC_MEMBERSHIP_MS;
    baton_membership_t *m = NULL;
    int rc;

    if (names != NULL) {
        return baton_membership_from_names(names, true);
    }
    if ((ra->deadline_ms != 0) && (ra->deadline_ms < now + wait_ms)) {
        wait_ms = (ra->deadline_ms > now) ? (unsigned) (ra->deadline_ms - now)
                                          : 1;
    }
    rc = baton_membership_get(wait_ms, &m);
    if (rc != BATON_RC_OK) {
        baton_warn("Cannot read the cluster membership from corosync: %s",
                   baton_rc_str(rc));
        return NULL;
    }
    return m;
}
