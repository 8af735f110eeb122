/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Read a whole (proc) file into memory, for the storage modules.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baton/rc.h"
#include "storage_private.h"

#define READ_ALL_CHUNK 8192

int
baton_storage_read_all(int dirfd, const char *path, char **text, size_t *len)
{
    int fd = openat(dirfd, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK
                                 | O_CLOEXEC);
    size_t size = READ_ALL_CHUNK;
    size_t used = 0;
    char *buf = NULL;

    if (fd < 0) {
        return errno;
    }
    buf = calloc(1, size);
    baton_assert_alloc(buf);
    while (true) {
        ssize_t n = 0;

        if (size - used < 2) {
            char *bigger = calloc(1, size * 2);

            baton_assert_alloc(bigger);
            memcpy(bigger, buf, used);
            free(buf);
            buf = bigger;
            size *= 2;
        }
        n = read(fd, buf + used, size - used - 1);
        if ((n < 0) && (errno == EINTR)) {
            continue;
        }
        if (n < 0) {
            int rc = errno;

            close(fd);
            free(buf);
            return rc;
        }
        if (n == 0) {
            break;
        }
        used += (size_t) n;
    }
    close(fd);
    buf[used] = '\0';
    *text = buf;
    if (len != NULL) {
        *len = used;
    }
    return BATON_RC_OK;
}
