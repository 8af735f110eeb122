/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:drbd declared once: its parameters and actions. Metadata,
 * validation, the man page and the doc page all derive from this table.
 */
#include "baton/params.h"
#include "baton/rc.h"
#include "drbd.h"

static const struct baton_param_def drbd_params[] = {
    { .name = DRBD_P_RESOURCE, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_REQUIRED | BATON_PARAM_UNIQUE,
      .unique_group = DRBD_P_RESOURCE, .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct drbd_conf, resource),
      .parse = drbd_name_param_parse,
      .shortdesc = "DRBD resource name",
      .longdesc = "The name of the resource in the DRBD configuration "
                  "(resource NAME { ... }). Letters, digits and "
                  "-%+./:=@_ only, as drbd-utils' agent allows." },
    { .name = DRBD_P_DRBDCONF, .type = BATON_PARAM_STRING,
      .dflt = "/etc/drbd.conf", .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct drbd_conf, drbdconf),
      .parse = drbd_name_param_parse,
      .shortdesc = "Path to drbd.conf",
      .longdesc = "The DRBD configuration file given to drbdadm -c. It "
                  "must be readable on the node (otherwise the action "
                  "exits 5, not installed). The monitor does not read it: "
                  "what it needs (the resource's minors) is cached in the "
                  "run directory when the resource starts." },
    { .name = DRBD_P_ADJUST_SCORE, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_RELOADABLE, .dflt = "0 10 1000 10000",
      .kind = BATON_KIND_CUSTOM, BATON_FIELD(struct drbd_conf, adjust),
      .parse = drbd_adjust_param_parse,
      .shortdesc = "The four promotion scores",
      .longdesc = "Four non-decreasing numbers, separated by spaces: the "
                  "promotion score of a node whose data is only "
                  "Consistent; of one whose own disk is not UpToDate but "
                  "a peer's is; of an UpToDate Secondary that does not "
                  "know its peer's disk; of an UpToDate node that is "
                  "Primary or knows its peer's disk. A score of 0 means "
                  "no score at all (the node is not promoted): scores are "
                  "never negative. A diskless client with access to good "
                  "data takes the third or fourth number less one. A "
                  "value that is not four such numbers falls back to the "
                  "default with a warning, as in drbd-utils." },
    { .name = DRBD_P_STOP_OUTDATES, .type = BATON_PARAM_BOOLEAN,
      .dflt = "false", .kind = BATON_KIND_BOOL,
      BATON_FIELD(struct drbd_conf, stop_outdates_secondary),
      .shortdesc = "Outdate a Secondary when it stops",
      .longdesc = "When a Secondary stops, or a post notification finds "
                  "its peer's disk unknown, while the notification names "
                  "another node as promoted, mark the local data Outdated "
                  "in DRBD's metadata. Off by default, as in drbd-utils: "
                  "it trusts Pacemaker's notification lists; the "
                  "fence-peer handler is the primary protection." },
    { .name = DRBD_P_IGNORE_NOTIFY, .type = BATON_PARAM_BOOLEAN,
      .dflt = "false", .kind = BATON_KIND_BOOL,
      BATON_FIELD(struct drbd_conf, ignore_missing_notifications),
      .shortdesc = "Accept a clone without notify=true",
      .longdesc = "Without it, start, promote, demote, notify and reload "
                  "of a clone that has no notify=true exit 6." },
    { .name = DRBD_P_WFC_TIMEOUT, .type = BATON_PARAM_INTEGER,
      .dflt = "5", .kind = BATON_KIND_CUSTOM,
      BATON_FIELD(struct drbd_conf, wfc),
      .parse = drbd_wfc_param_parse,
      .shortdesc = "Seconds start waits for the connection",
      .longdesc = "After bringing the resource up, start waits at most "
                  "this many seconds for the connection to the peer(s) "
                  "(and never past the action's timeout). A value with "
                  "anything but digits means no wait, as in drbd-utils." },
    { .name = DRBD_P_REMOVE_IF_PEER, .type = BATON_PARAM_STRING,
      .flags = BATON_PARAM_RELOADABLE, .dflt = "false",
      .kind = BATON_KIND_CUSTOM,
      BATON_FIELD(struct drbd_conf, remove_if_peer_primary),
      .parse = drbd_peer_primary_param_parse,
      .shortdesc = "No promotion score while connected to a Primary",
      .longdesc = "true: a Secondary connected to a Primary whose disks "
                  "are all UpToDate has no promotion score. "
                  "\"unexpected\": only when Pacemaker does not run the "
                  "promoted instance elsewhere (asked with crm_resource "
                  "--locate in XML). Anything else: the peer's role does "
                  "not change the score. This may delay a failover after "
                  "a Primary crash until DRBD notices it." },
    { .name = DRBD_P_FAIL_EARLY, .type = BATON_PARAM_BOOLEAN,
      .dflt = "false", .kind = BATON_KIND_BOOL,
      BATON_FIELD(struct drbd_conf, fail_promote_early),
      .shortdesc = "Promote once only while connected to a Primary",
      .longdesc = "When the first attempt to promote failed while DRBD "
                  "still sees a Primary peer that Pacemaker does not know "
                  "of, fail at once instead of retrying until the timeout." },
    { .name = DRBD_P_UNFENCE_UPTODATE, .type = BATON_PARAM_BOOLEAN,
      .dflt = "false", .kind = BATON_KIND_BOOL,
      BATON_FIELD(struct drbd_conf, unfence_if_all_uptodate),
      .shortdesc = "Call the unfence hook when all disks are UpToDate",
      .longdesc = "When this node is Primary and every local and peer disk "
                  "is UpToDate, run drbdadm unfence-peer, so that a stale "
                  "fencing constraint does not stay behind. The hook gets "
                  "unfence_extra_args in OCF_RESKEY_unfence_extra_args." },
    { .name = DRBD_P_UNFENCE_ARGS, .type = BATON_PARAM_STRING,
      .dflt = "--quiet --flock-required --flock-timeout 0 "
              "--unfence-only-if-owner-match",
      .kind = BATON_KIND_TEXT,
      BATON_FIELD(struct drbd_conf, unfence_extra_args),
      .shortdesc = "Extra arguments for the unfence hook",
      .longdesc = "Passed to the unfence hook (see unfence_if_all_uptodate) "
                  "in its environment as OCF_RESKEY_unfence_extra_args; "
                  "Baton's handler and drbd-utils' read it there." },
    { .name = DRBD_P_VERSION_GE, .type = BATON_PARAM_STRING,
      .dflt = "8.0.0", .kind = BATON_KIND_CUSTOM,
      BATON_FIELD(struct drbd_conf, version_ge),
      .parse = drbd_version_param_parse,
      .shortdesc = "Lowest DRBD kernel module version accepted",
      .longdesc = "x.y.z: the agent exits 5 (not installed) when the "
                  "loaded DRBD module is older, e.g. 9.0.16 to require "
                  "DRBD 9 after a kernel change brought 8.4 back." },
    { .name = DRBD_P_VERSION_LT, .type = BATON_PARAM_STRING,
      .dflt = "10.0.0", .kind = BATON_KIND_CUSTOM,
      BATON_FIELD(struct drbd_conf, version_lt),
      .parse = drbd_version_param_parse,
      .shortdesc = "DRBD kernel module versions from this one are refused",
      .longdesc = "x.y.z: the agent exits 5 (not installed) when the "
                  "loaded DRBD module is this version or newer, e.g. 9.0.0 "
                  "to require DRBD 8.4." },
    { .name = DRBD_P_CONNECT_AFTER, .type = BATON_PARAM_BOOLEAN,
      .dflt = "false", .kind = BATON_KIND_BOOL,
      BATON_FIELD(struct drbd_conf, connect_only_after_promote),
      .shortdesc = "Connect only once promoted",
      .longdesc = "Keep the resource disconnected until it is promoted, "
                  "then connect (drbdadm adjust). For stacked set-ups "
                  "without fencing on the lower layer; every failover "
                  "then starts a new data generation." },
};

static const struct baton_action_def drbd_actions[] = {
    { .name = "start", .timeout_s = 240 },
    { .name = "stop", .timeout_s = 100 },
    { .name = "promote", .timeout_s = 90 },
    { .name = "demote", .timeout_s = 90 },
    { .name = "notify", .timeout_s = 90 },
    { .name = "reload", .timeout_s = 30 },
    { .name = "monitor", .timeout_s = 20, .interval_s = 20,
      .role = "Unpromoted" },
    { .name = "monitor", .timeout_s = 20, .interval_s = 10,
      .role = "Promoted" },
    { .name = "meta-data", .timeout_s = 5 },
    { .name = "validate-all", .timeout_s = 30 },
};

const struct baton_agent_def baton_drbd_agent = {
    .kind = BATON_AGENT_OCF,
    .name = "drbd",
    .version = "1.0",
    .replaces = "ocf:linbit:drbd",
    .shortdesc = "A DRBD resource as a promotable clone",
    .longdesc = "Manages a DRBD resource (8.4, the Debian kernel's, or 9) "
                "as a promotable clone: start attaches and connects, "
                "promote makes the node Primary, and every monitor writes "
                "the node's promotion score from the disk states, as "
                "drbd-utils' agent derives it, to pacemaker-attrd in "
                "process. The state is read once per call from the kernel "
                "(/proc/drbd on 8.4, drbdsetup events2 on 9); the monitor "
                "reads no configuration file. To keep the two copies from "
                "diverging, configure DRBD's fencing (fencing "
                "resource-and-stonith with a fence-peer handler such as "
                "Baton's baton-fence-peer) or DRBD 9's quorum, and fencing "
                "in Pacemaker. A drop-in for ocf:linbit:drbd: the same "
                "parameters with the same defaults and meanings.",
    .params = drbd_params,
    .n_params = BATON_N_ELEMENTS(drbd_params),
    .actions = drbd_actions,
    .n_actions = BATON_N_ELEMENTS(drbd_actions),
    .conf_size = sizeof(struct drbd_conf),
};
