/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The anchor table: which agent each Baton agent replaces. An anchor whose
 * Baton agent is not linked into baton-migrate (not in the tree when it was
 * built) is reported as having no Baton equivalent yet; adding the agent's
 * table to migrate_agent_defs in its .am fragment is all it takes.
 */
#include <stdio.h>
#include <string.h>

#include "migrate.h"

/* What the tables cannot say: a value Baton accepts whose meaning is not
 * quite the replaced agent's. No effect, obsolete and deprecated come from
 * the Baton agent's own table. */
static const struct migrate_note ipaddr2_notes[] = {
    { "send_arp_opts", MIGRATE_DIFFERS,
      "only -A (ARP replies) and -U (ARP requests) keep their meaning; the "
      "other arping options are ignored, since Baton sends the packets "
      "itself" },
    { "nic", MIGRATE_DIFFERS,
      "an interface missing on a node makes the resource unusable on that "
      "node only (exit 5, Pacemaker tries another node at once) where "
      "heartbeat failed it with exit 1" },
    { NULL, MIGRATE_SAME, NULL },
};

static const struct migrate_note ping_notes[] = {
    { "timeout", MIGRATE_DIFFERS,
      "the same seconds; a sub-second duration (500ms) is honoured where "
      "ocf:pacemaker:ping rounded it" },
    { NULL, MIGRATE_SAME, NULL },
};

static const struct migrate_note app_notes[] = {
    { "cmdline_options", MIGRATE_DIFFERS,
      "split into words without a shell (quotes and backslashes as in sh, "
      "nothing expanded); a value that needed a shell is refused" },
    { NULL, MIGRATE_SAME, NULL },
};

/* The anchors of issue 13. A Baton agent named here that is not linked in
 * makes its anchor report "no Baton equivalent yet". */
const struct migrate_anchor migrate_anchors[] = {
    { "ocf", "heartbeat", "IPaddr2", "baton", "IPaddr2", ipaddr2_notes,
      true, "its probe finds the address on the interface" },
    { "ocf", "pacemaker", "ping", "baton", "ping", ping_notes,
      true, "its probe reads the same state file as ocf:pacemaker:ping" },
    { "ocf", "heartbeat", "anything", "baton", "app", app_notes,
      false, "ocf:baton:app only signals a process whose identity it "
      "recorded when it started it, so the program is stopped by "
      "ocf:heartbeat:anything and started by ocf:baton:app once" },
    { "ocf", "heartbeat", "pgsqlms", "baton", "pgsqlms", NULL,
      true, "its probe asks the running PostgreSQL for its role" },
    { "ocf", "heartbeat", "azure-lb", "baton", "lbprobe", NULL,
      false, "the responder heartbeat started is not Baton's: it is "
      "stopped and Baton's started" },
    { "ocf", "linbit", "drbd", "baton", "drbd", NULL,
      true, "its probe reads the resource's role and disk states from the "
      "kernel (/proc/drbd, drbdsetup events2)" },
    { "ocf", "heartbeat", "Filesystem", "baton", "Filesystem", NULL,
      true, "its probe finds the mount in the mount table" },
    { "ocf", "heartbeat", "mariadb", "baton", "mariadb", NULL, false, NULL },
    { "stonith", NULL, "fence_ipmilan", NULL, "fence_baton_ipmilan", NULL,
      false, "a fence device is registered again with the fencer: no "
      "node is affected" },
    { "stonith", NULL, "fence_heuristics_ping", NULL,
      "fence_baton_heuristics_ping", NULL, false,
      "a fence device is registered again with the fencer: no node is "
      "affected" },
    { NULL, NULL, NULL, NULL, NULL, NULL, false, NULL },
};

static bool
str_eq_null(const char *a, const char *b)
{
    if ((a == NULL) || (b == NULL)) {
        return a == b;
    }
    return strcmp(a, b) == 0;
}

const struct baton_agent_def *
migrate_anchor_agent(const struct migrate_anchor *anchor)
{
    bool fence = (strcmp(anchor->from_class, "stonith") == 0);

    for (size_t i = 0; migrate_agents[i] != NULL; i++) {
        const struct baton_agent_def *def = migrate_agents[i];

        if ((def->kind == BATON_AGENT_FENCE) == fence
            && strcmp(def->name, anchor->to_type) == 0) {
            return def;
        }
    }
    return NULL;
}

const struct migrate_anchor *
migrate_anchor_find(const char *cls, const char *provider, const char *type)
{
    if ((cls == NULL) || (type == NULL)) {
        return NULL;
    }
    for (size_t i = 0; migrate_anchors[i].from_class != NULL; i++) {
        const struct migrate_anchor *a = &migrate_anchors[i];

        if (strcmp(a->from_class, cls) == 0
            && str_eq_null(a->from_provider, provider)
            && strcmp(a->from_type, type) == 0) {
            return a;
        }
    }
    return NULL;
}

const char *
migrate_agent_spec(const char *cls, const char *provider, const char *type,
                   char *buf, size_t len)
{
    if (provider != NULL) {
        snprintf(buf, len, "%s:%s:%s", cls, provider, type);
    } else {
        snprintf(buf, len, "%s:%s", cls, type);
    }
    return buf;
}
