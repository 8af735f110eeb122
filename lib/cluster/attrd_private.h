/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Inside lib/: pacemaker-attrd's IPC framing, shared by lib/cluster/attrd.c and
 * its unit test.
 */
#ifndef BATON_ATTRD_PRIVATE_H
#define BATON_ATTRD_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <qb/qbipc_common.h>

/*! Pacemaker's IPC header (pcmk__ipc_header_t, protocol version 1) */
struct attrd_ipc_header {
    struct qb_ipc_response_header qb;
    uint32_t size_uncompressed;
    uint32_t size_compressed;
    uint32_t flags;
    uint8_t version;
};

#define ATTRD_IPC_VERSION        1
#define ATTRD_IPC_COMPRESSED     0x00000001U
#define ATTRD_IPC_CLIENT_RESPONSE 0x00000200U
/*! Pacemaker's default IPC buffer (crm_ipc_default_buffer_size()) */
#define ATTRD_IPC_BUFFER         (128 * 1024)

/*!
 * \brief Frame an XML request: fill \p hdr for \p xml (NUL included).
 */
void baton_attrd_frame(struct attrd_ipc_header *hdr, int32_t id,
                       const char *xml);

/*!
 * \brief Check a reply's header (sane, uncompressed, id matches) and find
 *        its XML text.
 * \param[out] text  The NUL-terminated XML inside \p buf (borrowed).
 * \return BATON_RC_OK or BATON_RC_PROTOCOL.
 */
int baton_attrd_reply_text(const void *buf, size_t len, int32_t id,
                           const char **text);

/*!
 * \brief Check a reply: header sane, uncompressed, id matches, an <ack>.
 * \return BATON_RC_OK or BATON_RC_PROTOCOL.
 */
int baton_attrd_check_reply(const void *buf, size_t len, int32_t id);

/*! One connection to pacemaker-attrd's IPC server (opaque) */
struct attrd_ipc;

/*!
 * \brief Connect to the IPC server \p name, the handshake bounded by
 *        \p deadline (monotonic ms), and check it runs as root or
 *        hacluster.
 *        libqb is loaded here (dlopen), not before.
 * \return BATON_RC_OK; ECONNREFUSED/ENOENT when nobody serves; EACCES when
 *         the server is not root or hacluster; BATON_RC_TIMEOUT;
 *         BATON_RC_NOT_INSTALLED when libqb cannot be loaded.
 */
int baton_attrd_ipc_open(const char *name, uint64_t deadline,
                         struct attrd_ipc **out);

/*! \brief The pid of the server that accepted \p c (0 for NULL). */
pid_t baton_attrd_ipc_server(const struct attrd_ipc *c);

/*!
 * \brief Send one XML request over an open connection and wait for its
 *        reply until \p deadline.
 * \param[out] reply  NULL: the reply must be an <ack>. Else the reply's
 *                    XML text (caller frees with free()).
 * \return BATON_RC_OK; BATON_RC_TIMEOUT; BATON_RC_PROTOCOL; an errno.
 */
int baton_attrd_ipc_call(struct attrd_ipc *c, const char *xml,
                         uint64_t deadline, char **reply);

/*! \brief Disconnect; NULL is a no-op. */
void baton_attrd_ipc_close(struct attrd_ipc *c);

#endif /* BATON_ATTRD_PRIVATE_H */
