/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Return codes: their text and the one table that maps them to OCF codes.
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baton/rc.h"

const char *
baton_rc_str(int rc)
{
    switch (rc) {
        case BATON_RC_OK:            return "OK";
        case BATON_RC_CONFIG:        return "invalid configuration";
        case BATON_RC_NODE_CONFIG:   return "configuration unusable on this node";
        case BATON_RC_NOT_INSTALLED: return "required component missing";
        case BATON_RC_UNIMPLEMENTED: return "action not implemented";
        case BATON_RC_USAGE:         return "invalid invocation";
        case BATON_RC_TIMEOUT:       return "timed out";
        case BATON_RC_PROTOCOL:      return "protocol error";
        case BATON_RC_RESOLVE:       return "name resolution failed";
        case BATON_RC_CHILD_FAILED:  return "child process failed";
        case BATON_RC_FAILED:        return "failed";
        case BATON_RC_AUTH:          return "authentication failed";
        default:
            break;
    }
    if (rc > 0) {
        return strerror(rc);
    }
    return "unknown error";
}

static int
state2ocf(enum baton_res_state state)
{
    switch (state) {
        case BATON_RES_STOPPED:           return BATON_OCF_NOT_RUNNING;
        case BATON_RES_FAILED:            return BATON_OCF_ERR_GENERIC;
        case BATON_RES_PROMOTED:          return BATON_OCF_RUNNING_PROMOTED;
        case BATON_RES_FAILED_PROMOTED:   return BATON_OCF_FAILED_PROMOTED;
        case BATON_RES_DEGRADED:          return BATON_OCF_DEGRADED;
        case BATON_RES_DEGRADED_PROMOTED: return BATON_OCF_DEGRADED_PROMOTED;
        case BATON_RES_RUNNING:
        case BATON_RES_UNKNOWN:
        default:
            return BATON_OCF_SUCCESS;
    }
}

int
baton_rc2ocf(int rc, enum baton_res_state state)
{
    switch (rc) {
        case BATON_RC_OK:            return state2ocf(state);
        case BATON_RC_CONFIG:        return BATON_OCF_ERR_CONFIGURED;
        case BATON_RC_NODE_CONFIG:   return BATON_OCF_ERR_INSTALLED;
        case BATON_RC_NOT_INSTALLED: return BATON_OCF_ERR_INSTALLED;
        case BATON_RC_UNIMPLEMENTED: return BATON_OCF_ERR_UNIMPLEMENTED;
        case BATON_RC_USAGE:         return BATON_OCF_ERR_ARGS;
        case EACCES:
        case EPERM:                  return BATON_OCF_ERR_PERM;
        default:                     return BATON_OCF_ERR_GENERIC;
    }
}

int
baton_rc_from_gai(int gai, int err)
{
    switch (gai) {
        case 0:          return BATON_RC_OK;
        case EAI_SYSTEM: return (err > 0) ? err : BATON_RC_RESOLVE;
        case EAI_MEMORY: return ENOMEM;
        case EAI_AGAIN:  return EAGAIN;
        default:         return BATON_RC_RESOLVE;
    }
}

/* Whether this process is an OCF agent, whose failure reasons go to
 * stderr as OCF exit reasons; set once by the OCF boundary */
static bool fatal_ocf = false;

void
baton_rc_fatal_ocf(bool ocf)
{
    fatal_ocf = ocf;
}

void
baton_assert_alloc_as(const void *p, const char *file, int line)
{
    if (p == NULL) {
        /* Agents are short-lived: there is nothing sane to unwind to. */
        fprintf(stderr, "%sout of memory at %s:%d\n",
                fatal_ocf ? BATON_OCF_EXIT_REASON : "", file, line);
        abort();
    }
}
