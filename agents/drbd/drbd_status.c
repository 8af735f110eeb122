/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * DRBD's state as the kernel reports it: /proc/drbd (8.4) and
 * `drbdsetup events2 --now` (8.4.7+, 9), parsed without copying the input,
 * and summarized by the rules of drbd-utils' drbd.shellfuncs.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drbd_status.h"

static const char *const disk_names[] = {
    [DRBD_DISK_UNCONFIGURED] = "Unconfigured",
    [DRBD_DISK_DISKLESS] = "Diskless",
    [DRBD_DISK_ATTACHING] = "Attaching",
    [DRBD_DISK_DETACHING] = "Detaching",
    [DRBD_DISK_FAILED] = "Failed",
    [DRBD_DISK_NEGOTIATING] = "Negotiating",
    [DRBD_DISK_INCONSISTENT] = "Inconsistent",
    [DRBD_DISK_OUTDATED] = "Outdated",
    [DRBD_DISK_DUNKNOWN] = "DUnknown",
    [DRBD_DISK_CONSISTENT] = "Consistent",
    [DRBD_DISK_UP_TO_DATE] = "UpToDate",
    [DRBD_DISK_OTHER] = "Other",
};

const char *
drbd_disk_str(enum drbd_disk disk)
{
    if ((unsigned) disk >= sizeof(disk_names) / sizeof(disk_names[0])) {
        return "Other";
    }
    return disk_names[disk];
}

const char *
drbd_role_str(enum drbd_role role)
{
    switch (role) {
        case DRBD_ROLE_PRIMARY:
            return "Primary";
        case DRBD_ROLE_SECONDARY:
            return "Secondary";
        case DRBD_ROLE_UNKNOWN:
            return "Unknown";
        default:
            return "Unconfigured";
    }
}

/* Whether [s, s + len) is exactly the string \p word */
static bool
token_is(const char *s, size_t len, const char *word)
{
    return (strlen(word) == len) && (strncmp(s, word, len) == 0);
}

enum drbd_disk
drbd_disk_from_str(const char *name, size_t len)
{
    for (size_t i = DRBD_DISK_DISKLESS; i < DRBD_DISK_OTHER; i++) {
        if (token_is(name, len, disk_names[i])) {
            return (enum drbd_disk) i;
        }
    }
    return (len == 0) ? DRBD_DISK_UNCONFIGURED : DRBD_DISK_OTHER;
}

static enum drbd_role
role_from_str(const char *name, size_t len)
{
    if (token_is(name, len, "Primary")) {
        return DRBD_ROLE_PRIMARY;
    }
    if (token_is(name, len, "Secondary")) {
        return DRBD_ROLE_SECONDARY;
    }
    if (token_is(name, len, "Unknown")) {
        return DRBD_ROLE_UNKNOWN;
    }
    return DRBD_ROLE_UNCONFIGURED;
}

/* A decimal number in [s, s + len), or -1 */
static int
number(const char *s, size_t len)
{
    long v = 0;

    if ((len == 0) || (len > 9)) {
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        if ((s[i] < '0') || (s[i] > '9')) {
            return -1;
        }
        v = (v * 10) + (s[i] - '0');
    }
    return (int) v;
}

static void
copy_token(char *dst, size_t size, const char *s, size_t len)
{
    snprintf(dst, size, "%.*s", (int) ((len < size) ? len : size - 1), s);
}

/* ---- /proc/drbd (8.4) --------------------------------------------------- */

bool
drbd_proc_version(const char *text, uint32_t *code)
{
    unsigned a = 0;
    unsigned b = 0;
    unsigned c = 0;

    if ((text == NULL)
        || (sscanf(text, "version: %3u.%3u.%3u", &a, &b, &c) != 3)
        || (a > 255) || (b > 255) || (c > 255)) {
        return false;
    }
    *code = DRBD_VERSION_CODE(a, b, c);
    return true;
}

/* The line of \p minor (" 12: cs:..."), or NULL */
static const char *
proc_find_minor(const char *text, int minor)
{
    for (const char *line = text; (line != NULL) && (*line != '\0');
         line = strchr(line, '\n'), line = (line != NULL) ? line + 1 : NULL) {
        const char *p = line + strspn(line, " ");
        size_t digits = strspn(p, "0123456789");

        if ((digits > 0) && (p[digits] == ':')
            && (number(p, digits) == minor)) {
            return p + digits + 1;
        }
    }
    return NULL;
}

/* "A/B" of a field such as "ro:Primary/Secondary" */
static void
split_pair(const char *v, size_t len, const char **a, size_t *alen,
           const char **b, size_t *blen)
{
    const char *slash = memchr(v, '/', len);

    *a = v;
    *alen = (slash != NULL) ? (size_t) (slash - v) : len;
    *b = (slash != NULL) ? slash + 1 : v + len;
    *blen = (slash != NULL) ? len - *alen - 1 : 0;
}

/* One minor's fields: cs:, ro:, ds: */
static void
proc_parse_minor(const char *p, struct drbd_volume *vol,
                 struct drbd_peer *peer)
{
    const char *end = p + strcspn(p, "\n");

    while (p < end) {
        size_t len;
        const char *a;
        const char *b;
        size_t alen;
        size_t blen;

        p += strspn(p, " \t");
        len = strcspn(p, " \t\n");
        if ((len > 3) && (p + len <= end) && (p[2] == ':')) {
            split_pair(p + 3, len - 3, &a, &alen, &b, &blen);
            if (strncmp(p, "cs", 2) == 0) {
                copy_token(peer->connection, sizeof(peer->connection),
                           p + 3, len - 3);
            } else if (strncmp(p, "ro", 2) == 0) {
                vol->role = role_from_str(a, alen);
                peer->role = role_from_str(b, blen);
            } else if (strncmp(p, "ds", 2) == 0) {
                vol->disk = drbd_disk_from_str(a, alen);
                peer->volumes[0].peer_disk = drbd_disk_from_str(b, blen);
            }
        }
        p += len;
    }
}

bool
drbd_proc_parse(const char *text, const int *minors, size_t n_minors,
                struct drbd_state *st)
{
    uint32_t code = 0;

    memset(st, 0, sizeof(*st));
    if (!drbd_proc_version(text, &code)) {
        return false;
    }
    for (size_t i = 0; (i < n_minors) && (i < DRBD_MAX_VOLUMES); i++) {
        struct drbd_volume *vol = &st->volumes[st->n_volumes++];
        struct drbd_peer *peer = &st->peers[st->n_peers++];
        const char *line = proc_find_minor(text, minors[i]);

        vol->volume = (int) i;
        vol->minor = minors[i];
        peer->node_id = -1;
        peer->n_volumes = 1;
        peer->volumes[0].volume = (int) i;
        if (line != NULL) {
            proc_parse_minor(line, vol, peer);
        }
        if (vol->role > st->role) {
            st->role = vol->role;
        }
    }
    st->exists = (st->role >= DRBD_ROLE_SECONDARY);
    return true;
}

/* ---- drbdsetup events2 --now ------------------------------------------- */

/* The value of "key:value" among a line's tokens, or NULL */
static const char *
field(const char *line, const char *end, const char *key, size_t *len)
{
    size_t klen = strlen(key);
    const char *p = line;

    while (p < end) {
        size_t tlen;

        p += strspn(p, " \t");
        tlen = strcspn(p, " \t\n");
        if (p + tlen > end) {
            tlen = (size_t) (end - p);
        }
        if ((tlen > klen) && (strncmp(p, key, klen) == 0)
            && (p[klen] == ':')) {
            *len = tlen - klen - 1;
            return p + klen + 1;
        }
        p += (tlen > 0) ? tlen : 1;
    }
    return NULL;
}

static bool
field_is(const char *line, const char *end, const char *key,
         const char *value)
{
    size_t len = 0;
    const char *v = field(line, end, key, &len);

    return (v != NULL) && token_is(v, len, value);
}

static int
field_int(const char *line, const char *end, const char *key)
{
    size_t len = 0;
    const char *v = field(line, end, key, &len);

    return (v != NULL) ? number(v, len) : -1;
}

/* The connection of a peer-device line: by node id (9), else by name,
 * else the only one (8.4 has one) */
static struct drbd_peer *
find_peer(struct drbd_state *st, const char *line, const char *end)
{
    int id = field_int(line, end, "peer-node-id");
    size_t len = 0;
    const char *name = field(line, end, "conn-name", &len);

    for (size_t i = 0; i < st->n_peers; i++) {
        struct drbd_peer *peer = &st->peers[i];

        if ((id >= 0) ? (peer->node_id == id)
                      : ((name == NULL) || token_is(name, len, peer->name))) {
            return peer;
        }
    }
    return NULL;
}

static void
events2_connection(struct drbd_state *st, const char *line, const char *end)
{
    struct drbd_peer *peer;
    size_t len = 0;
    const char *v;

    if (st->n_peers >= DRBD_MAX_PEERS) {
        return;
    }
    peer = &st->peers[st->n_peers++];
    peer->node_id = field_int(line, end, "peer-node-id");
    v = field(line, end, "conn-name", &len);
    if (v != NULL) {
        copy_token(peer->name, sizeof(peer->name), v, len);
    }
    v = field(line, end, "connection", &len);
    if (v != NULL) {
        copy_token(peer->connection, sizeof(peer->connection), v, len);
    }
    v = field(line, end, "role", &len);
    peer->role = (v != NULL) ? role_from_str(v, len) : DRBD_ROLE_UNKNOWN;
}

static void
events2_device(struct drbd_state *st, const char *line, const char *end)
{
    struct drbd_volume *vol;
    size_t len = 0;
    const char *v;

    if (st->n_volumes >= DRBD_MAX_VOLUMES) {
        return;
    }
    vol = &st->volumes[st->n_volumes++];
    vol->volume = field_int(line, end, "volume");
    vol->minor = field_int(line, end, "minor");
    v = field(line, end, "disk", &len);
    vol->disk = (v != NULL) ? drbd_disk_from_str(v, len)
                            : DRBD_DISK_UNCONFIGURED;
    vol->client = field_is(line, end, "client", "yes");
    vol->no_quorum = field_is(line, end, "quorum", "no");
}

static void
events2_peer_device(struct drbd_state *st, const char *line, const char *end)
{
    struct drbd_peer *peer = find_peer(st, line, end);
    struct drbd_peer_volume *pv;
    size_t len = 0;
    const char *v;

    if ((peer == NULL) || (peer->n_volumes >= DRBD_MAX_VOLUMES)) {
        return;
    }
    pv = &peer->volumes[peer->n_volumes++];
    pv->volume = field_int(line, end, "volume");
    v = field(line, end, "peer-disk", &len);
    pv->peer_disk = (v != NULL) ? drbd_disk_from_str(v, len)
                                : DRBD_DISK_DUNKNOWN;
    pv->peer_client = field_is(line, end, "peer-client", "yes");
    v = field(line, end, "replication", &len);
    if (v != NULL) {
        copy_token(pv->replication, sizeof(pv->replication), v, len);
    }
}

/* One "exists OBJECT name:RES ..." line; false at "exists -" */
static bool
events2_line(struct drbd_state *st, const char *resource, const char *line,
             const char *end)
{
    size_t olen;
    const char *obj;

    if ((strncmp(line, "exists ", 7) != 0) || (line + 7 > end)) {
        return true;
    }
    obj = line + 7;
    olen = strcspn(obj, " \t\n");
    if (obj + olen > end) {
        olen = (size_t) (end - obj);
    }
    if (token_is(obj, olen, "-")) {
        return false;
    }
    if (!field_is(obj + olen, end, "name", resource)) {
        return true;
    }
    if (token_is(obj, olen, "resource")) {
        size_t len = 0;
        const char *v = field(obj + olen, end, "role", &len);

        st->exists = true;
        st->role = (v != NULL) ? role_from_str(v, len)
                               : DRBD_ROLE_UNCONFIGURED;
    } else if (token_is(obj, olen, "connection")) {
        events2_connection(st, obj + olen, end);
    } else if (token_is(obj, olen, "device")) {
        events2_device(st, obj + olen, end);
    } else if (token_is(obj, olen, "peer-device")) {
        events2_peer_device(st, obj + olen, end);
    }
    return true;
}

bool
drbd_events2_parse(const char *text, const char *resource,
                   struct drbd_state *st)
{
    const char *line = text;

    memset(st, 0, sizeof(*st));
    st->events2 = true;
    while ((line != NULL) && (*line != '\0')) {
        const char *nl = strchr(line, '\n');
        const char *end = (nl != NULL) ? nl : line + strlen(line);

        if (!events2_line(st, resource, line, end)) {
            return true;
        }
        line = (nl != NULL) ? nl + 1 : NULL;
    }
    return false;
}

/* ---- conclusions --------------------------------------------------------- */

/* A local disk by drbd-utils' rules: an Attaching or Negotiating disk is
 * transitional and not (yet) up to date */
static void
local_disk(enum drbd_disk disk, struct drbd_summary *sum)
{
    switch (disk) {
        case DRBD_DISK_UP_TO_DATE:
            return;
        case DRBD_DISK_DISKLESS:
        case DRBD_DISK_FAILED:
        case DRBD_DISK_INCONSISTENT:
        case DRBD_DISK_OUTDATED:
        case DRBD_DISK_DETACHING:
            sum->disk_all_consistent = false;
            break;
        case DRBD_DISK_ATTACHING:
        case DRBD_DISK_NEGOTIATING:
            sum->disk_transitional = true;
            break;
        default:
            break;
    }
    sum->disk_all_up_to_date = false;
}

/* 8.4: the sh-status rules, one peer per volume */
static void
summarize_84(const struct drbd_state *st, struct drbd_summary *sum)
{
    bool any_secondary = false;

    for (size_t i = 0; i < st->n_volumes; i++) {
        sum->primary |= (st->volumes[i].role == DRBD_ROLE_PRIMARY);
        any_secondary |= (st->volumes[i].role == DRBD_ROLE_SECONDARY);
        local_disk(st->volumes[i].disk, sum);
    }
    if (st->n_volumes == 0) {
        sum->disk_all_up_to_date = false;
    }
    sum->unconfigured = !sum->primary && !any_secondary;
    sum->pdsk_all_up_to_date = true;
    for (size_t i = 0; i < st->n_peers; i++) {
        const struct drbd_peer *peer = &st->peers[i];

        sum->some_peer_primary |= (peer->role == DRBD_ROLE_PRIMARY);
        for (size_t v = 0; v < peer->n_volumes; v++) {
            enum drbd_disk d = peer->volumes[v].peer_disk;

            if (d == DRBD_DISK_UP_TO_DATE) {
                continue;
            }
            sum->pdsk_all_up_to_date = false;
            if ((d == DRBD_DISK_DUNKNOWN) || (d == DRBD_DISK_UNCONFIGURED)) {
                sum->pdsk_any_unknown = true;
            }
        }
    }
    if (st->n_peers == 0) {
        sum->pdsk_all_up_to_date = false;
        sum->pdsk_any_unknown = true;
    }
    sum->some_peer_all_up_to_date = sum->pdsk_all_up_to_date;
    sum->some_peer_not_all_up_to_date = !sum->pdsk_all_up_to_date;
}

/* One peer by the events2 rules */
static void
summarize_peer_9(const struct drbd_peer *peer, size_t n_volumes,
                 struct drbd_summary *sum)
{
    size_t n_client = 0;
    size_t n_up_to_date = 0;
    size_t n_known = 0;
    uint32_t bit = ((peer->node_id >= 0) && (peer->node_id < 32))
                   ? (1U << peer->node_id) : 0;

    for (size_t v = 0; v < peer->n_volumes; v++) {
        const struct drbd_peer_volume *pv = &peer->volumes[v];

        n_client += pv->peer_client;
        if (pv->peer_disk == DRBD_DISK_UP_TO_DATE) {
            n_up_to_date++;
        }
        if (pv->peer_disk != DRBD_DISK_DUNKNOWN) {
            n_known++;
        }
    }
    if (n_volumes == n_client) {
        /* a diskless client peer counts for the mask only */
        if (sum->disk_all_up_to_date && (n_volumes == n_known)) {
            sum->up_to_date_mask |= bit;
        }
        return;
    }
    if (n_volumes == n_up_to_date) {
        sum->up_to_date_mask |= bit;
        sum->some_peer_all_up_to_date = true;
    } else {
        sum->some_peer_not_all_up_to_date = true;
    }
    if (n_volumes != n_known) {
        sum->pdsk_any_unknown = true;
    }
}

/* 9: the events2 rules, several peers, diskless clients, quorum */
static void
summarize_9(const struct drbd_state *st, int my_node_id,
            struct drbd_summary *sum)
{
    size_t n_client = 0;

    sum->primary = (st->role == DRBD_ROLE_PRIMARY);
    sum->unconfigured = !st->exists;
    for (size_t i = 0; i < st->n_volumes; i++) {
        const struct drbd_volume *vol = &st->volumes[i];

        if ((vol->disk == DRBD_DISK_DISKLESS) && vol->client) {
            n_client++;
            continue;
        }
        local_disk(vol->disk, sum);
        if (vol->no_quorum) {
            sum->have_quorum = false;
        }
    }
    if (sum->disk_all_up_to_date && (my_node_id >= 0) && (my_node_id < 32)) {
        sum->up_to_date_mask |= 1U << my_node_id;
    }
    sum->diskless_client = (st->n_volumes == n_client);
    for (size_t i = 0; i < st->n_peers; i++) {
        sum->some_peer_primary |= (st->peers[i].role == DRBD_ROLE_PRIMARY);
        summarize_peer_9(&st->peers[i], st->n_volumes, sum);
    }
    sum->pdsk_all_up_to_date = sum->some_peer_all_up_to_date
                               && !sum->some_peer_not_all_up_to_date;
}

void
drbd_summarize(const struct drbd_state *st, int my_node_id,
               struct drbd_summary *sum)
{
    memset(sum, 0, sizeof(*sum));
    sum->have_quorum = true;
    sum->disk_all_up_to_date = true;
    sum->disk_all_consistent = true;
    if (st->events2) {
        summarize_9(st, my_node_id, sum);
    } else {
        summarize_84(st, sum);
    }
}

void
drbd_disks_str(const struct drbd_state *st, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; (i < st->n_volumes) && (used < size); i++) {
        int n = snprintf(buf + used, size - used, "%s%s", (i > 0) ? "/" : "",
                         st->volumes[i].client ? "DisklessClient"
                         : drbd_disk_str(st->volumes[i].disk));

        used += (n > 0) ? (size_t) n : 0;
    }
    if (st->n_volumes == 0) {
        snprintf(buf, size, "%s", drbd_disk_str(DRBD_DISK_UNCONFIGURED));
    }
}
