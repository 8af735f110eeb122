/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The state of one DRBD resource as the kernel reports it, read once per
 * call: DRBD 8.4's /proc/drbd lines of the resource's minors, or the
 * "exists" lines of `drbdsetup events2 --now RESOURCE` (8.4.7 and later,
 * and DRBD 9 with several peers and quorum), parsed into one structure,
 * and the conclusions drbd-utils' agent and fence handler draw from it.
 * Shared by ocf:baton:drbd and the fence-peer handler.
 */
#ifndef BATON_AGENT_DRBD_STATUS_H
#define BATON_AGENT_DRBD_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*! Most volumes and peers kept per resource (DRBD 9 allows 32 node ids) */
#define DRBD_MAX_VOLUMES 64
#define DRBD_MAX_PEERS   32
#define DRBD_NAME_MAX    64

/*! A role, of the resource (9) or of a volume (8.4) */
enum drbd_role {
    DRBD_ROLE_UNCONFIGURED = 0,   /*!< absent, or "Unconfigured" */
    DRBD_ROLE_UNKNOWN,            /*!< "Unknown": a peer not connected */
    DRBD_ROLE_SECONDARY,
    DRBD_ROLE_PRIMARY,
};

/*! A disk state, as the kernel names it */
enum drbd_disk {
    DRBD_DISK_UNCONFIGURED = 0,   /*!< no state given */
    DRBD_DISK_DISKLESS,
    DRBD_DISK_ATTACHING,
    DRBD_DISK_DETACHING,
    DRBD_DISK_FAILED,
    DRBD_DISK_NEGOTIATING,
    DRBD_DISK_INCONSISTENT,
    DRBD_DISK_OUTDATED,
    DRBD_DISK_DUNKNOWN,
    DRBD_DISK_CONSISTENT,
    DRBD_DISK_UP_TO_DATE,
    DRBD_DISK_OTHER,              /*!< a name this code does not know */
};

/*! One local volume (a minor) */
struct drbd_volume {
    int volume;                   /*!< volume number (8.4 /proc: the index) */
    int minor;                    /*!< -1 when not known */
    enum drbd_role role;          /*!< 8.4 only: the role is per volume */
    enum drbd_disk disk;
    bool client;                  /*!< 9: an intentionally diskless client */
    bool no_quorum;               /*!< 9: "quorum:no" */
};

/*! One peer volume: what a connection reports of the peer's disk */
struct drbd_peer_volume {
    int volume;
    enum drbd_disk peer_disk;
    bool peer_client;             /*!< "peer-client:yes" */
    char replication[24];         /*!< "Established", "SyncSource", ... */
};

/*! One peer: a connection (9), or the one peer of a minor (8.4) */
struct drbd_peer {
    int node_id;                  /*!< -1 on 8.4 (no node ids) */
    char name[DRBD_NAME_MAX];     /*!< conn-name on 9, "" otherwise */
    enum drbd_role role;
    char connection[24];          /*!< "Connected", "StandAlone", ... */
    size_t n_volumes;
    struct drbd_peer_volume volumes[DRBD_MAX_VOLUMES];
};

/*! The resource as read from the kernel */
struct drbd_state {
    bool exists;                  /*!< the kernel has the resource */
    bool events2;                 /*!< read from events2 (DRBD 9 rules) */
    enum drbd_role role;          /*!< of the resource (8.4: the highest) */
    size_t n_volumes;
    struct drbd_volume volumes[DRBD_MAX_VOLUMES];
    size_t n_peers;
    struct drbd_peer peers[DRBD_MAX_PEERS];
};

/*!
 * What drbd-utils' agent concludes from the state
 * (drbd.shellfuncs.sh: drbd_set_status_variables), under the same names
 */
struct drbd_summary {
    bool unconfigured;
    bool primary;
    bool some_peer_primary;
    bool diskless_client;
    bool have_quorum;
    bool pdsk_all_up_to_date;     /*!< every peer disk known UpToDate */
    bool pdsk_any_unknown;        /*!< some peer disk DUnknown */
    bool some_peer_all_up_to_date;
    bool some_peer_not_all_up_to_date;
    bool disk_all_up_to_date;
    bool disk_all_consistent;
    bool disk_transitional;       /*!< Attaching, Negotiating */
    uint32_t up_to_date_mask;     /*!< 9: node ids with all disks UpToDate */
};

/*! The kernel module's version as one number: major << 16 | minor << 8 |
 *  sublevel (drbd-utils' DRBD_KERNEL_VERSION_CODE) */
#define DRBD_VERSION_CODE(a, b, c) (((a) << 16) | ((b) << 8) | (c))
#define DRBD_VERSION_9             DRBD_VERSION_CODE(9, 0, 0)

/*!
 * \brief Read "version: 8.4.11 (api:1/proto:86-101)", the first line of
 *        /proc/drbd.
 * \param[out] code  DRBD_VERSION_CODE() of it.
 * \return true when the text starts with such a line.
 */
bool drbd_proc_version(const char *text, uint32_t *code);

/*!
 * \brief Parse DRBD 8.4's /proc/drbd: the lines of the given minors
 *        (" 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C
 *        r-----"). Each minor becomes a volume (numbered in the order
 *        given) with one peer; a minor /proc/drbd does not list, or lists
 *        as "cs:Unconfigured", is unconfigured.
 * \param[in]  text    The whole file, NUL-terminated.
 * \param[in]  minors  The resource's minors.
 * \param[out] st      Zeroed first; exists when some minor is configured.
 * \return true when \p text reads as /proc/drbd (a version line).
 */
bool drbd_proc_parse(const char *text, const int *minors, size_t n_minors,
                     struct drbd_state *st);

/*!
 * \brief Parse the "exists" lines of `drbdsetup events2 --now RESOURCE`
 *        up to "exists -", keeping those of \p resource (resource,
 *        connection, device and peer-device objects).
 * \param[in]  text      The output, NUL-terminated.
 * \param[in]  resource  The resource's name.
 * \param[out] st        Zeroed first; exists when a "resource" line named
 *                       it.
 * \return true when the output ended with "exists -" (complete).
 */
bool drbd_events2_parse(const char *text, const char *resource,
                        struct drbd_state *st);

/*!
 * \brief The conclusions drbd-utils draws from a state: the rules of its
 *        8.4 sh-status reading for /proc/drbd, of its events2 reading
 *        (several peers, diskless clients, quorum) otherwise.
 * \param[in] my_node_id  This node's DRBD node id for the up-to-date mask
 *                        (-1 when unknown).
 */
void drbd_summarize(const struct drbd_state *st, int my_node_id,
                    struct drbd_summary *sum);

/*! \brief The kernel's name of a disk state, "Unconfigured" for none. */
const char *drbd_disk_str(enum drbd_disk disk);

/*! \brief The kernel's name of a role. */
const char *drbd_role_str(enum drbd_role role);

/*! \brief A disk state from its name (DRBD_DISK_OTHER when unknown). */
enum drbd_disk drbd_disk_from_str(const char *name, size_t len);

/*!
 * \brief The local disk states, "UpToDate" or "UpToDate/Consistent", for
 *        messages.
 */
void drbd_disks_str(const struct drbd_state *st, char *buf, size_t size);

#endif /* BATON_AGENT_DRBD_STATUS_H */
