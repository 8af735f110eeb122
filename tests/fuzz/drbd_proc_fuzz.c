/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: DRBD 8.4's /proc/drbd as ocf:baton:drbd and the fence-peer
 * handler read it (agents/drbd/drbd_status.c): the version line, the
 * lines of the resource's minors, and the conclusions drawn from them.
 */
#include "drbd_status.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int minors[] = { 0, 1, 7, 10, 255 };
    char *text = fuzz_strndup(data, size);
    struct drbd_state st;
    struct drbd_summary sum;
    char disks[256];
    bool ok = drbd_proc_parse(text, minors, 5, &st);

    fuzz_check(ok || (!st.exists && (st.n_volumes == 0)));
    fuzz_check(st.n_volumes <= 5);
    fuzz_check(st.n_peers == st.n_volumes);
    for (size_t i = 0; i < st.n_volumes; i++) {
        fuzz_check(st.volumes[i].minor == minors[i]);
        fuzz_check(st.volumes[i].role <= DRBD_ROLE_PRIMARY);
        fuzz_check(st.volumes[i].disk <= DRBD_DISK_OTHER);
        fuzz_check(st.peers[i].n_volumes == 1);
        fuzz_check(strlen(st.peers[i].connection)
                   < sizeof(st.peers[i].connection));
    }
    drbd_summarize(&st, -1, &sum);
    fuzz_check(sum.unconfigured == !st.exists);
    fuzz_check(!sum.disk_all_up_to_date || sum.disk_all_consistent);
    drbd_disks_str(&st, disks, sizeof(disks));
    fuzz_check(strlen(disks) < sizeof(disks));
    free(text);
    return 0;
}
