/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Process identity from /proc: is the recorded PID still the program we
 * started (same executable, same start time), not merely some process;
 * pidfiles; and signalling everything a program left behind.
 */
#ifndef BATON_PROC_H
#define BATON_PROC_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "baton/reason.h"

/*!
 * Who a process is. The pair (pid, start_ticks) is unique for the life of
 * the system: a recycled PID has a later start time.
 *
 * @code
 * struct baton_proc_id then, now;
 * baton_proc_id_read(pid, &then);          // right after starting it
 * baton_proc_id_write_file(state_path, &then);
 * ...
 * baton_proc_id_read_file(state_path, &then);
 * if (baton_proc_id_read(then.pid, &now) != BATON_RC_OK
 *     || !baton_proc_id_same(&then, &now)) {
 *     // our program is gone, whatever now runs with that PID
 * }
 * @endcode
 */
struct baton_proc_id {
    pid_t pid;
    unsigned long long start_ticks;  /*!< field 22 of /proc/<pid>/stat */
    char exe[PATH_MAX];              /*!< /proc/<pid>/exe, "" if unknown */
};

/*! The fields of /proc/<pid>/stat Baton uses */
struct baton_proc_stat {
    char state;                      /*!< R S D Z T ... */
    pid_t ppid;
    pid_t pgrp;
    pid_t session;
    unsigned long long start_ticks;
};

/*!
 * \brief Parse the text of /proc/<pid>/stat (comm may hold spaces and ')').
 * \return BATON_RC_OK, or BATON_RC_PROTOCOL when malformed.
 */
int baton_proc_stat_parse(const char *text, struct baton_proc_stat *st);

/*!
 * \brief Read a live process's identity. A zombie counts as gone.
 * \return BATON_RC_OK; ESRCH when no such (live) process; another errno.
 */
int baton_proc_id_read(pid_t pid, struct baton_proc_id *id);

/*!
 * \brief Whether two identities name the same process: same PID and start
 *        time, and the same executable when both know it (a " (deleted)"
 *        suffix from an upgraded binary is ignored).
 */
bool baton_proc_id_same(const struct baton_proc_id *a,
                        const struct baton_proc_id *b);

/*!
 * \brief Store an identity in a file ("pid start_ticks exe\n"), atomically,
 *        as baton_pidfile_write() does.
 * \return BATON_RC_OK or an errno.
 */
int baton_proc_id_write_file(const char *path, const struct baton_proc_id *id);

/*!
 * \brief Load an identity stored by baton_proc_id_write_file().
 * \return BATON_RC_OK; ENOENT when absent; ELOOP when it is a symbolic
 *         link (not followed); BATON_RC_PROTOCOL if malformed.
 */
int baton_proc_id_read_file(const char *path, struct baton_proc_id *id);

/*!
 * \brief Read a pidfile: the first decimal number in it.
 *
 * A symbolic link is not followed: pidfiles may sit in a directory the
 * application's user owns.
 * \return BATON_RC_OK; ENOENT; ELOOP for a link; BATON_RC_PROTOCOL when no
 *         valid PID.
 */
int baton_pidfile_read(const char *path, pid_t *pid);

/*!
 * \brief Write "pid\n" to a pidfile atomically, mode 0644.
 *
 * Safe in a directory the application's user owns: the text goes to a
 * temporary file with a random name created with O_EXCL (mkostemp), which
 * never follows a planted link, then rename() puts it in place; a link
 * planted at \p path itself is replaced, not followed.
 * \return BATON_RC_OK or an errno.
 */
int baton_pidfile_write(const char *path, pid_t pid);

/*!
 * \brief Record a process just started: its identity in \p idfile, then
 *        its PID in \p pidfile (both written atomically).
 * \return BATON_RC_OK or an errno; on failure the caller owns the cleanup
 *         of the process.
 */
int baton_proc_record(const char *idfile, const char *pidfile, pid_t pid);

/*!
 * \brief baton_proc_record() for a process an agent has just started,
 *        with the run directory made first when \p pidfile is a default
 *        one in BATON_RUN_DIR (it is gone after a reboot; a directory the
 *        administrator chose is left as it is).
 *
 * @code
 * rc = baton_proc_record_started(conf->idfile, conf->pidfile, pid, why);
 * if (rc != BATON_RC_OK) {
 *     kill(pid, SIGKILL);     // without a record stop could not find it
 * }
 * @endcode
 * \return As baton_proc_record(), or the refusal of
 *         baton_rundir_ensure(); on failure \p why says which and names
 *         the pidfile, and the caller owns the cleanup of the process.
 */
int baton_proc_record_started(const char *idfile, const char *pidfile,
                              pid_t pid, baton_reason_t *why);

/*! What the files written by baton_proc_record() name now */
enum baton_proc_record_state {
    BATON_PROC_NONE = 0,    /*!< no pidfile: nothing recorded */
    BATON_PROC_OURS,        /*!< the recorded process still runs */
    BATON_PROC_GONE,        /*!< recorded, but that process is gone: the
                             *   PID is free or runs another program (a
                             *   recycled PID), or the files are damaged */
};

/*!
 * \brief Whether the process recorded by baton_proc_record() still runs:
 *        the pidfile's PID, with the identity file's start time and
 *        executable.
 *
 * Signal \p pid only when \p state is BATON_PROC_OURS: a process name or a
 * live PID alone may be another program's.
 *
 * @code
 * if ((baton_proc_recorded(idfile, pidfile, &pid, &st) == BATON_RC_OK)
 *     && (st == BATON_PROC_OURS)) {
 *     kill(pid, SIGTERM);
 * }
 * unlink(pidfile);
 * unlink(idfile);
 * @endcode
 * \param[out] pid    The recorded PID (0 when none could be read).
 * \param[out] state  See enum baton_proc_record_state.
 * \return BATON_RC_OK (the answer is in \p state).
 */
int baton_proc_recorded(const char *idfile, const char *pidfile, pid_t *pid,
                        enum baton_proc_record_state *state);

/*!
 * \brief Send a signal to every live process whose process group or
 *        session is \p leader (the program and everything it forked that
 *        did not start a session of its own).
 * \note A process that leads no group (started by someone else, e.g.
 *       heartbeat's anything) is not reached: signal it yourself, after
 *       checking its identity.
 * \param[out] count  How many processes were signalled (may be NULL).
 * \return BATON_RC_OK, or an errno when /proc cannot be read.
 */
int baton_proc_signal_group(pid_t leader, int sig, unsigned *count);

/*! \brief Whether any live process is in group or session \p leader. */
bool baton_proc_group_alive(pid_t leader);

#endif /* BATON_PROC_H */
