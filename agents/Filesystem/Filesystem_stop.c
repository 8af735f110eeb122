/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ocf:baton:Filesystem stop: unmount the filesystem and everything mounted
 * below it; when it is busy, signal the processes holding it (found
 * through /proc by mount id) and unmount as soon as they are gone.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baton/clock.h"
#include "baton/log.h"
#include "baton/rc.h"
#include "baton/rundir.h"
#include "Filesystem.h"

/* Retry the unmount this often at first, then less and less often */
#define FS_POLL_FIRST_MS 1UL
#define FS_POLL_MAX_MS   50UL
/* Nobody to signal, yet busy: look again after this long */
#define FS_RESCAN_MS     100UL
/* The shortest round between two scans, whatever signal_delay says */
#define FS_ROUND_MIN_MS  10UL
/* Holders named in a log line or a reason */
#define FS_HOLDERS_SHOWN 5

/* One stop: the mount and what is mounted below it, the time it has */
struct stop_run {
    struct fs_ctx *ctx;
    unsigned top_id;
    uint64_t term_end_ms;            /* term_signals until then */
    uint64_t end_ms;                 /* kill_signals until then */
    baton_mounts_t *table;           /* as read by the last round */
    unsigned *ids;                   /* the mounts still there */
    size_t n_ids;
    char top_point[PATH_MAX];        /* where the mount was last seen */
    char held_by[BATON_REASON_MAX];  /* the last holders found */
    bool signalled;
};

static void
run_clear(struct stop_run *r)
{
    baton_mounts_free(r->table);
    free(r->ids);
    r->table = NULL;
    r->ids = NULL;
    r->n_ids = 0;
}

/* Deepest first: a submount before the mount it is on */
static int
deeper_first(const void *a, const void *b, void *table)
{
    unsigned da = baton_mounts_depth(table, *(const unsigned *) a);
    unsigned db = baton_mounts_depth(table, *(const unsigned *) b);

    return (da > db) ? -1 : (da < db) ? 1 : 0;
}

/* Read the table: our mount and every mount below it, deepest first */
static int
collect(struct stop_run *r)
{
    char path[PATH_MAX];
    const struct baton_mount *top = NULL;
    size_t n = 0;
    int rc = BATON_RC_OK;

    run_clear(r);
    snprintf(path, sizeof(path), "%s/self/mountinfo", r->ctx->proc_root);
    rc = baton_mounts_read(path, &r->table);
    if (rc != BATON_RC_OK) {
        return rc;
    }
    top = baton_mounts_by_id(r->table, r->top_id);
    if (top == NULL) {
        return BATON_RC_OK;         /* unmounted */
    }
    snprintf(r->top_point, sizeof(r->top_point), "%s", top->point);
    n = baton_mounts_count(r->table);
    r->ids = calloc(n, sizeof(*r->ids));
    baton_assert_alloc(r->ids);
    for (size_t i = 0; i < n; i++) {
        const struct baton_mount *m = baton_mounts_get(r->table, i);

        if (baton_mounts_below(r->table, m->id, r->top_id)) {
            r->ids[r->n_ids++] = m->id;
        }
    }
    qsort_r(r->ids, r->n_ids, sizeof(*r->ids), deeper_first, r->table);
    return BATON_RC_OK;
}

/* Try to unmount everything left; \p busy: how many mounts still are */
static int
unmount_round(struct stop_run *r, size_t *busy, baton_reason_t *why)
{
    int rc = collect(r);

    *busy = 0;
    if (rc != BATON_RC_OK) {
        baton_reason_set(why, "Cannot read the mount table: %s",
                         baton_rc_str(rc));
        return rc;
    }
    for (size_t i = 0; i < r->n_ids; i++) {
        const struct baton_mount *m = baton_mounts_by_id(r->table, r->ids[i]);

        if (umount2(m->point, UMOUNT_NOFOLLOW) == 0) {
            baton_info("Unmounted %s", m->point);
            continue;
        }
        if ((errno == EINVAL) || (errno == ENOENT)) {
            continue;               /* gone meanwhile */
        }
        if (errno == EBUSY) {
            (*busy)++;
            continue;
        }
        baton_reason_set(why, "Cannot unmount %s: %s", m->point,
                         strerror(errno));
        return errno;
    }
    return BATON_RC_OK;
}

/* Retry the unmount until it works or \p until passes */
static int
poll_unmounted(struct stop_run *r, uint64_t until, bool *done,
               baton_reason_t *why)
{
    unsigned long wait_ms = FS_POLL_FIRST_MS;

    *done = false;
    while (baton_clock_now_ms() < until) {
        size_t busy = 0;
        uint64_t now = baton_clock_now_ms();
        int rc = BATON_RC_OK;

        baton_sleep_ms((now + wait_ms < until) ? wait_ms : until - now);
        rc = unmount_round(r, &busy, why);
        if ((rc != BATON_RC_OK) || (busy == 0)) {
            *done = (rc == BATON_RC_OK);
            return rc;
        }
        wait_ms = (wait_ms * 2 < FS_POLL_MAX_MS) ? wait_ms * 2
                                                 : FS_POLL_MAX_MS;
    }
    return BATON_RC_OK;
}

/* "123 sleep (cwd), 456 cat (fd)" */
static void
describe_holders(const struct baton_holder *h, size_t n, char *buf,
                 size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; (i < n) && (i < FS_HOLDERS_SHOWN) && (used < size);
         i++) {
        char what[32];

        used += (size_t) snprintf(buf + used, size - used, "%s%d %s (%s)",
                                  (i > 0) ? ", " : "", (int) h[i].pid,
                                  h[i].comm, baton_hold_str(h[i].holds, what,
                                                            sizeof(what)));
    }
    if ((n > FS_HOLDERS_SHOWN) && (used < size)) {
        snprintf(buf + used, size - used, " and %zu more",
                 n - FS_HOLDERS_SHOWN);
    }
}

/* Find the holders and send them \p sigs, each signal to all in turn */
static size_t
signal_holders(struct stop_run *r, const struct fs_signals *sigs)
{
    struct baton_holders_query q = {
        .proc_root = r->ctx->proc_root, .mounts = r->table, .ids = r->ids,
        .n_ids = r->n_ids,
    };
    struct baton_holder *h = NULL;
    size_t n = 0;
    size_t sent = 0;
    int rc = baton_holders_scan(&q, &h, &n);

    if (rc != BATON_RC_OK) {
        baton_warn("Cannot look for the processes holding %s: %s",
                   r->top_point, baton_rc_str(rc));
        return 0;
    }
    describe_holders(h, n, r->held_by, sizeof(r->held_by));
    for (unsigned s = 0; (r->ctx->conf.force_unmount != FS_UNMOUNT_FALSE)
                         && (s < sigs->n); s++) {
        for (size_t i = 0; i < n; i++) {
            /* init holding it would take the whole node down */
            if ((h[i].pid != 1) && (kill(h[i].pid, sigs->sig[s]) == 0)) {
                sent++;
            }
        }
    }
    if (sent > 0) {
        baton_info("Sent SIG%s to %zu process%s holding %s: %s",
                   baton_s(sigabbrev_np(sigs->sig[0]), "?"), n,
                   (n == 1) ? "" : "es", r->top_point, r->held_by);
        r->signalled = true;
    }
    free(h);
    return sent;
}

/* force_unmount=move: take the mount out of every path lookup first, so
 * that nothing new finds it while its holders are killed */
static void
move_aside(struct stop_run *r)
{
    char aside[PATH_MAX];
    struct stat st;
    baton_reason_t ignored = BATON_REASON_INIT;

    fs_aside_dir(r->ctx, aside, sizeof(aside));
    if (strcmp(aside, r->top_point) == 0) {
        return;                     /* moved by an earlier stop */
    }
    if ((baton_rundir_ensure(BATON_RUN_DIR, &ignored) != BATON_RC_OK)
        || ((mkdir(aside, 0700) != 0) && (errno != EEXIST))
        || (lstat(aside, &st) != 0) || !S_ISDIR(st.st_mode)) {
        baton_warn("Cannot prepare %s to move %s aside: stopping as with "
                   "force_unmount=safe", aside, r->top_point);
        return;
    }
    if (mount(r->top_point, aside, NULL, MS_MOVE, NULL) != 0) {
        baton_info("Cannot move %s aside (%s%s): stopping as with "
                   "force_unmount=safe", r->top_point, strerror(errno),
                   (errno == EINVAL) ? ", it is under a shared mount" : "");
        rmdir(aside);
        return;
    }
    baton_info("Moved %s to %s: no new process can find it", r->top_point,
               aside);
}

static int
busy_reason(const struct stop_run *r, uint64_t started,
            baton_reason_t *why)
{
    unsigned long ms = (unsigned long) (baton_clock_now_ms() - started);

    if (r->ctx->conf.force_unmount == FS_UNMOUNT_FALSE) {
        baton_reason_set(why, "Cannot unmount %s: still busy after %lu ms, "
                         "held by %s (force_unmount=false: nothing was "
                         "signalled)", r->top_point, ms,
                         (r->held_by[0] != '\0') ? r->held_by : "no process");
    } else if (r->held_by[0] != '\0') {
        baton_reason_set(why, "Cannot unmount %s: still busy after %lu ms, "
                         "held by %s", r->top_point, ms, r->held_by);
    } else {
        baton_reason_set(why, "Cannot unmount %s: still busy after %lu ms, "
                         "but no process holds it (a swap file, a loop "
                         "device or an NFS export on it?)", r->top_point,
                         ms);
    }
    return BATON_RC_FAILED;
}

/* Signal, wait, unmount; term_signals in the first half of the time,
 * kill_signals in the second */
static int
kill_loop(struct stop_run *r, uint64_t started, baton_reason_t *why)
{
    const struct fs_conf *c = &r->ctx->conf;

    while (baton_clock_now_ms() < r->end_ms) {
        uint64_t now = baton_clock_now_ms();
        bool term = (now < r->term_end_ms);
        uint64_t until = now + c->signal_delay_ms;
        bool done = false;
        int rc = BATON_RC_OK;

        if (signal_holders(r, term ? &c->term_signals : &c->kill_signals)
            == 0) {
            until = now + FS_RESCAN_MS;
        }
        if (until < now + FS_ROUND_MIN_MS) {
            until = now + FS_ROUND_MIN_MS;
        }
        if (term && (until > r->term_end_ms)) {
            until = r->term_end_ms;
        }
        if (until > r->end_ms) {
            until = r->end_ms;
        }
        rc = poll_unmounted(r, until, &done, why);
        if ((rc != BATON_RC_OK) || done) {
            return rc;
        }
    }
    return busy_reason(r, started, why);
}

/* After the unmount: the device's cached blocks, the aside directory */
static void
after_unmount(struct stop_run *r)
{
    char aside[PATH_MAX];
    int rc = BATON_RC_OK;

    fs_aside_dir(r->ctx, aside, sizeof(aside));
    if ((rmdir(aside) != 0) && (errno != ENOENT)) {
        baton_debug("Cannot remove %s: %s", aside, strerror(errno));
    }
    if (fs_device_resolve(r->ctx) == BATON_RC_OK) {
        rc = baton_blockdev_flush(r->ctx->dev_path);
        if (rc != BATON_RC_OK) {
            baton_debug("Cannot flush %s: %s", r->ctx->dev_path,
                        baton_rc_str(rc));
        }
    }
}

int
fs_unmount(struct fs_ctx *ctx, const struct fs_found *found,
           baton_reason_t *why)
{
    struct stop_run r = { .ctx = ctx, .top_id = found->top->id };
    uint64_t started = baton_clock_now_ms();
    unsigned long budget = fs_ms_left(ctx);
    size_t busy = 0;
    int rc = BATON_RC_OK;

    if (ctx->conf.fast_stop && (budget > FS_FAST_STOP_MS)) {
        budget = FS_FAST_STOP_MS;
    }
    r.end_ms = started + budget;
    r.term_end_ms = started + budget / 2;
    snprintf(r.top_point, sizeof(r.top_point), "%s", found->top->point);
    /* Nothing holds it, usually: unmount at once, look for no one */
    rc = unmount_round(&r, &busy, why);
    if ((rc == BATON_RC_OK) && (busy > 0)) {
        if (ctx->conf.force_unmount == FS_UNMOUNT_MOVE) {
            move_aside(&r);
        }
        rc = kill_loop(&r, started, why);
    }
    if (rc == BATON_RC_OK) {
        after_unmount(&r);
        baton_notice("Unmounted %s in %lu ms%s", ctx->conf.directory,
                     (unsigned long) (baton_clock_now_ms() - started),
                     r.signalled ? " after signalling its holders" : "");
    }
    run_clear(&r);
    return rc;
}
