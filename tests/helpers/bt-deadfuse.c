/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * bt-deadfuse MOUNTPOINT READYFILE: a FUSE filesystem that plays a network
 * mount whose server died. It mounts an empty directory at MOUNTPOINT
 * (speaking the kernel's FUSE protocol on /dev/fuse itself, no libfuse),
 * answers while alive, creates READYFILE once mounted, and on SIGUSR1
 * stops answering for good: from then on every stat() of a path in it
 * blocks, as on an NFS mount whose server is gone (resource-agents #423).
 * Kill it (or abort the connection) to release the waiting processes.
 * For the ocf:baton:Filesystem tests.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fuse.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEADFUSE_BUF (FUSE_MIN_READ_BUFFER + 65536)

static volatile sig_atomic_t dead;

static void
on_usr1(int sig)
{
    (void) sig;
    dead = 1;
}

static void
reply(int fd, const struct fuse_in_header *in, int error, const void *arg,
      size_t len)
{
    char buf[sizeof(struct fuse_out_header) + 256];
    struct fuse_out_header out = {
        .len = (uint32_t) (sizeof(out) + len), .error = error,
        .unique = in->unique,
    };

    memcpy(buf, &out, sizeof(out));
    if (len > 0) {
        memcpy(buf + sizeof(out), arg, len);
    }
    if (write(fd, buf, out.len) < 0) {
        perror("bt-deadfuse: write");
    }
}

/* The root, the only inode: an empty directory, attributes never cached */
static void
root_attr(struct fuse_attr *a)
{
    memset(a, 0, sizeof(*a));
    a->ino = FUSE_ROOT_ID;
    a->mode = S_IFDIR | 0755;
    a->nlink = 2;
    a->blksize = 4096;
}

static void
answer(int fd, const struct fuse_in_header *in)
{
    switch (in->opcode) {
        case FUSE_INIT: {
            struct fuse_init_out o = {
                .major = FUSE_KERNEL_VERSION,
                .minor = FUSE_KERNEL_MINOR_VERSION,
                .max_readahead = 65536, .max_write = 4096,
                .max_background = 16, .congestion_threshold = 12,
                .time_gran = 1,
            };

            reply(fd, in, 0, &o, sizeof(o));
            break;
        }
        case FUSE_GETATTR: {
            struct fuse_attr_out o = { .attr_valid = 0 };

            root_attr(&o.attr);
            reply(fd, in, 0, &o, sizeof(o));
            break;
        }
        case FUSE_OPENDIR: {
            struct fuse_open_out o = { .fh = 1 };

            reply(fd, in, 0, &o, sizeof(o));
            break;
        }
        case FUSE_STATFS: {
            struct fuse_statfs_out o = { .st = { .bsize = 4096,
                                                 .namelen = 255 } };

            reply(fd, in, 0, &o, sizeof(o));
            break;
        }
        case FUSE_ACCESS:
        case FUSE_READDIR:
        case FUSE_RELEASEDIR:
        case FUSE_FLUSH:
            reply(fd, in, 0, NULL, 0);
            break;
        case FUSE_LOOKUP:
            reply(fd, in, -ENOENT, NULL, 0);
            break;
        case FUSE_FORGET:
        case FUSE_BATCH_FORGET:
        case FUSE_INTERRUPT:
            break;                  /* no answer expected */
        default:
            reply(fd, in, -ENOSYS, NULL, 0);
            break;
    }
}

int
main(int argc, char **argv)
{
    static char buf[DEADFUSE_BUF];
    char opts[128];
    int fd = -1;

    if (argc != 3) {
        fprintf(stderr, "usage: bt-deadfuse MOUNTPOINT READYFILE\n");
        return 2;
    }
    signal(SIGUSR1, on_usr1);
    fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        perror("bt-deadfuse: /dev/fuse");
        return 1;
    }
    snprintf(opts, sizeof(opts), "fd=%d,rootmode=40000,user_id=0,group_id=0",
             fd);
    if (mount("bt-deadfuse", argv[1], "fuse", MS_NOSUID | MS_NODEV, opts)
        != 0) {
        perror("bt-deadfuse: mount");
        return 1;
    }
    close(open(argv[2], O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
    while (!dead) {
        ssize_t n = read(fd, buf, sizeof(buf));

        if ((n < 0) && (errno == EINTR)) {
            continue;
        }
        if (n < (ssize_t) sizeof(struct fuse_in_header)) {
            return 0;               /* unmounted */
        }
        if (!dead) {
            answer(fd, (const struct fuse_in_header *) buf);
        }
    }
    /* The server is gone: keep the connection, answer nothing */
    for (;;) {
        pause();
    }
}
