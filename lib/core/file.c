/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Small files replaced whole (see baton/file.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "baton/file.h"
#include "baton/rc.h"

#define TMP_SUFFIX ".XXXXXX"

static int
write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);

        if ((n < 0) && (errno == EINTR)) {
            continue;
        }
        if (n <= 0) {
            return (n < 0) ? errno : EIO;
        }
        text += n;
        len -= (size_t) n;
    }
    return BATON_RC_OK;
}

int
baton_file_replace(const char *path, const char *text, mode_t mode)
{
    size_t len = strlen(path) + sizeof(TMP_SUFFIX);
    char *tmp = calloc(len, 1);
    int fd = -1;
    int rc = BATON_RC_OK;

    baton_assert_alloc(tmp);
    snprintf(tmp, len, "%s" TMP_SUFFIX, path);
    fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        rc = errno;
        goto err_free_tmp;
    }
    if (fchmod(fd, mode) != 0) {
        rc = errno;
    }
    if (rc == BATON_RC_OK) {
        rc = write_all(fd, text, strlen(text));
    }
    if ((close(fd) != 0) && (rc == BATON_RC_OK)) {
        rc = errno;
    }
    if ((rc == BATON_RC_OK) && (rename(tmp, path) != 0)) {
        rc = errno;
    }
    if (rc != BATON_RC_OK) {
        unlink(tmp);
    }
err_free_tmp:
    free(tmp);
    return rc;
}
