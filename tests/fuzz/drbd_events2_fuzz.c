/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: the output of `drbdsetup events2 --now r0` as
 * ocf:baton:drbd and the fence-peer handler read it on DRBD 9
 * (agents/drbd/drbd_status.c): resources, connections, devices and peer
 * devices of one resource, and the conclusions drawn from them.
 */
#include "drbd_status.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_strndup(data, size);
    struct drbd_state st;
    struct drbd_summary sum;
    char disks[64];

    (void) drbd_events2_parse(text, "r0", &st);
    fuzz_check(st.events2);
    fuzz_check(st.n_volumes <= DRBD_MAX_VOLUMES);
    fuzz_check(st.n_peers <= DRBD_MAX_PEERS);
    fuzz_check(st.exists || (st.role == DRBD_ROLE_UNCONFIGURED));
    for (size_t i = 0; i < st.n_peers; i++) {
        fuzz_check(st.peers[i].n_volumes <= DRBD_MAX_VOLUMES);
        fuzz_check(strlen(st.peers[i].name) < sizeof(st.peers[i].name));
        for (size_t v = 0; v < st.peers[i].n_volumes; v++) {
            fuzz_check(st.peers[i].volumes[v].peer_disk <= DRBD_DISK_OTHER);
        }
    }
    drbd_summarize(&st, 3, &sum);
    fuzz_check(sum.unconfigured == !st.exists);
    fuzz_check(!sum.pdsk_all_up_to_date || sum.some_peer_all_up_to_date);
    drbd_disks_str(&st, disks, sizeof(disks));
    fuzz_check(strlen(disks) < sizeof(disks));
    free(text);
    return 0;
}
