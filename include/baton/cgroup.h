/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A cgroup v2 directory per managed program, so that stop reaches every
 * process it left behind, including those that started a session of their
 * own (setsid) and so escaped its process group.
 */
#ifndef BATON_CGROUP_H
#define BATON_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*! Where the kernel lists the mounts baton_cgroup_root() reads */
#define BATON_CGROUP_MOUNTINFO "/proc/self/mountinfo"

/*! The directory under the cgroup v2 root that holds Baton's cgroups */
#define BATON_CGROUP_BASE "baton"

/*!
 * \brief Find where the cgroup v2 hierarchy is mounted: /sys/fs/cgroup on a
 *        unified system, /sys/fs/cgroup/unified in systemd's hybrid mode.
 *
 * @code
 * char root[PATH_MAX], cg[PATH_MAX];
 * int fd = -1;
 *
 * if ((baton_cgroup_root(BATON_CGROUP_MOUNTINFO, root, sizeof(root)) == 0)
 *     && (baton_cgroup_path(root, "web", cg, sizeof(cg)) == 0)
 *     && (baton_cgroup_create(cg) == 0)
 *     && (baton_cgroup_open_procs(cg, &fd) == 0)) {
 *     baton_child_set_cgroup(child, fd);   // the child enters before exec
 * }
 * ...
 * baton_cgroup_kill(cg, deadline_ms);      // stop: everything in it
 * baton_cgroup_remove(cg);
 * @endcode
 * \param[in]  mountinfo  BATON_CGROUP_MOUNTINFO (tests pass their own).
 * \param[out] root       The mount point, NUL-terminated.
 * \return BATON_RC_OK; ENOENT when no cgroup2 file system is mounted;
 *         ENAMETOOLONG; or the errno of reading \p mountinfo.
 */
int baton_cgroup_root(const char *mountinfo, char *root, size_t size);

/*!
 * \brief The cgroup of one managed program: <root>/baton/<name>.
 * \param[in] name  The resource instance; one path component.
 * \return BATON_RC_OK; EINVAL when \p name is empty, "." or "..", or holds
 *         a '/' or a newline; ENAMETOOLONG.
 */
int baton_cgroup_path(const char *root, const char *name, char *path,
                      size_t size);

/*!
 * \brief Create the cgroup (and its parent, <root>/baton), mode 0755.
 * \return BATON_RC_OK, also when it exists; else the errno of mkdir().
 */
int baton_cgroup_create(const char *path);

/*!
 * \brief Open the cgroup's cgroup.procs for writing, close-on-exec, for a
 *        child to write "0" to before it execs (baton_child_set_cgroup()).
 * \param[out] fd  The descriptor; the caller closes it.
 * \return BATON_RC_OK or the errno of open().
 */
int baton_cgroup_open_procs(const char *path, int *fd);

/*!
 * \brief Move a process into the cgroup.
 * \param[in] pid  The process; 0 is the caller.
 * \return BATON_RC_OK or the errno of open() or write().
 */
int baton_cgroup_enter(const char *path, pid_t pid);

/*!
 * \brief Whether any process is in the cgroup or below it (cgroup.events
 *        says "populated 1"); false when the cgroup does not exist.
 */
bool baton_cgroup_populated(const char *path);

/*!
 * \brief Send a signal to every process listed in the cgroup's
 *        cgroup.procs; with \p sig 0 only count them.
 * \param[out] count  How many were signalled (may be NULL).
 * \return BATON_RC_OK; ENOENT when the cgroup does not exist; another
 *         errno of reading cgroup.procs.
 */
int baton_cgroup_signal(const char *path, int sig, unsigned *count);

/*!
 * \brief Kill everything in the cgroup and wait until it is empty.
 *
 * Writes "1" to cgroup.kill where the kernel has it (Linux 5.14), which
 * kills every process of the cgroup and its descendants at once, even one
 * forking at that moment. Older kernels: SIGKILL to every process listed
 * in cgroup.procs, again and again until none is left.
 * \param[in] until_ms  Give up at this baton_clock_now_ms().
 * \return BATON_RC_OK when empty (or absent); BATON_RC_TIMEOUT; or an
 *         errno of reading the cgroup.
 */
int baton_cgroup_kill(const char *path, uint64_t until_ms);

/*!
 * \brief Remove the cgroup's directory, which must be empty of processes.
 * \return BATON_RC_OK, also when it does not exist; EBUSY while processes
 *         remain; another errno of rmdir().
 */
int baton_cgroup_remove(const char *path);

#endif /* BATON_CGROUP_H */
