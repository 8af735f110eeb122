/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ipmi-ping: one raw IPMI exchange over UDP, without a session, for
 * bench/fence.bench: the time a BMC takes to answer a request it handles
 * itself, with no session set-up and no chassis program. Sends an IPMI 1.5
 * session-less Get Channel Authentication Capabilities request (channel
 * 0xE, administrator) and waits for its answer.
 *
 *   ipmi-ping ADDRESS [PORT]       exit 0 on a good answer within 1 s, else 1
 *
 * Compiled by fence.bench itself (cc -O2), like the agents' test helpers.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#define IPMI_PING_TIMEOUT_MS 1000
#define RMCP_CLASS_IPMI 0x07
#define IPMI_CMD_GET_CHANNEL_AUTH_CAPS 0x38

static uint8_t
checksum(const uint8_t *p, size_t n)
{
    uint8_t sum = 0;

    for (size_t i = 0; i < n; i++) {
        sum += p[i];
    }
    return (uint8_t) -sum;
}

/* The request: RMCP header, IPMI 1.5 session header (no authentication,
 * session 0), then the message with its two checksums */
static size_t
build_request(uint8_t *pkt)
{
    static const uint8_t head[] = {
        0x06, 0x00, 0xff, RMCP_CLASS_IPMI,  /* RMCP v1, no ACK, IPMI */
        0x00,                               /* authentication: none */
        0x00, 0x00, 0x00, 0x00,             /* session sequence */
        0x00, 0x00, 0x00, 0x00,             /* session id */
        9,                                  /* message length */
    };
    uint8_t *msg = pkt + sizeof(head);

    memcpy(pkt, head, sizeof(head));
    msg[0] = 0x20;                          /* BMC slave address */
    msg[1] = 0x06 << 2;                     /* netfn App, LUN 0 */
    msg[2] = checksum(msg, 2);
    msg[3] = 0x81;                          /* requester (software id) */
    msg[4] = 0x00;                          /* sequence, LUN */
    msg[5] = IPMI_CMD_GET_CHANNEL_AUTH_CAPS;
    msg[6] = 0x8e;                          /* this channel, IPMI 2.0 data */
    msg[7] = 0x04;                          /* administrator */
    msg[8] = checksum(msg + 3, 5);
    return sizeof(head) + 9;
}

/* A good answer: IPMI class, our command, completion code 0 */
static int
good_reply(const uint8_t *p, ssize_t n)
{
    return (n >= 21) && (p[3] == RMCP_CLASS_IPMI) &&
           (p[14 + 5] == IPMI_CMD_GET_CHANNEL_AUTH_CAPS) && (p[14 + 6] == 0);
}

int
main(int argc, char **argv)
{
    struct addrinfo hints = { .ai_socktype = SOCK_DGRAM,
                              .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV };
    struct addrinfo *ai = NULL;
    uint8_t pkt[64];
    uint8_t reply[512];
    size_t len = build_request(pkt);
    struct pollfd pfd = { .fd = -1, .events = POLLIN };
    int rc = 1;

    if ((argc < 2) || (argc > 3)) {
        fprintf(stderr, "usage: ipmi-ping ADDRESS [PORT]\n");
        return 1;
    }
    if (getaddrinfo(argv[1], (argc == 3) ? argv[2] : "623", &hints,
                    &ai) != 0) {
        fprintf(stderr, "ipmi-ping: bad address %s\n", argv[1]);
        return 1;
    }
    pfd.fd = socket(ai->ai_family, SOCK_DGRAM, 0);
    if ((pfd.fd < 0) || (connect(pfd.fd, ai->ai_addr, ai->ai_addrlen) != 0)
        || (send(pfd.fd, pkt, len, 0) != (ssize_t) len)) {
        fprintf(stderr, "ipmi-ping: %s\n", strerror(errno));
        goto done;
    }
    while (poll(&pfd, 1, IPMI_PING_TIMEOUT_MS) == 1) {
        if (good_reply(reply, recv(pfd.fd, reply, sizeof(reply), 0))) {
            rc = 0;
            break;
        }
    }
    if (rc != 0) {
        fprintf(stderr, "ipmi-ping: no answer from %s\n", argv[1]);
    }
done:
    if (pfd.fd >= 0) {
        close(pfd.fd);
    }
    freeaddrinfo(ai);
    return rc;
}
