/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Fuzz target: pacemaker-attrd's reply (lib/cluster/attrd_ipc.c): the
 * bytes qb_ipcc_recv() delivered, Pacemaker's IPC header and the XML text,
 * checked before a request counts as acknowledged.
 */
#include "attrd_private.h"
#include "fuzz.h"

/* The id baton_attrd_ipc_call() gives the first request of a connection */
#define FUZZ_ATTRD_ID 1

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct attrd_ipc_header *hdr = (const void *) data;
    /* libFuzzer's copy of the input is malloc'ed: aligned for the header */
    int rc = baton_attrd_check_reply(data, size, FUZZ_ATTRD_ID);

    if (rc == BATON_RC_OK) {
        const char *text = (const char *) data + sizeof(*hdr);

        fuzz_check(size >= sizeof(*hdr) + hdr->size_uncompressed);
        fuzz_check(strncmp(text, "<ack", 4) == 0);
        fuzz_check(hdr->qb.id == FUZZ_ATTRD_ID);
    } else {
        fuzz_check(rc == BATON_RC_PROTOCOL);
    }
    return 0;
}
