# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers shared by the tests/agents/Filesystem-*.test scripts (sourced
# after tests/lib/common.sh). Each test runs in a private mount namespace
# of its own (bt_private_mounts), so every mount it makes goes with it;
# the loop devices it sets up on image files in its own directory are
# detached at exit. Nothing else on the host is mounted or touched.
FS_AGENT=$BATON_AGENTS/Filesystem
FS_HB=/usr/lib/ocf/resource.d/heartbeat/Filesystem

# fs_loop FSTYPE [LABEL]: a sparse image in the test's directory (64 MiB,
# 320 MiB for xfs, whose mkfs refuses less than 300 MiB), set up
# as a loop device (detached at exit) and formatted; the device is in
# $FS_DEV (not printed: a $(...) subshell would lose the cleanup)
fs_loop() {
    local type=$1 label=${2:-} img dev
    img=$(mktemp "$BT_TMP/img.XXXXXX")
    truncate -s "$([ "$type" = xfs ] && echo 320M || echo 64M)" "$img" ||
        return 1
    dev=$(losetup -f --show "$img") || return 1
    on_exit "losetup -d $dev"
    case "$type" in
        xfs)  mkfs.xfs -q -f ${label:+-L "$label"} "$dev" ;;
        vfat) mkfs.vfat ${label:+-n "$label"} "$dev" >/dev/null ;;
        *)    mkfs -t "$type" -q -F ${label:+-L "$label"} "$dev" ;;
    esac >/dev/null 2>&1 || { echo "cannot make $type on $dev" >&2; return 1; }
    FS_DEV=$dev
}

# fs_env DEVICE DIRECTORY [FSTYPE]: a fresh OCF environment for one resource
fs_env() {
    unset $(env | sed -n 's/^\(OCF_RESKEY_[A-Za-z0-9_]*\)=.*/\1/p') \
        OCF_CHECK_LEVEL
    export OCF_RESOURCE_INSTANCE=fstest
    export OCF_RESKEY_device=$1 OCF_RESKEY_directory=$2
    [ -n "${3:-}" ] && export OCF_RESKEY_fstype=$3
    export OCF_RESKEY_CRM_meta_timeout=20000
    export OCF_RESKEY_CRM_meta_interval=20000
}

# fs_do ACTION: run the agent with the current environment
fs_do() { "$FS_AGENT" "$@"; }

# fs_probe: a monitor with interval 0
fs_probe() { OCF_RESKEY_CRM_meta_interval=0 "$FS_AGENT" monitor; }

# fs_source DIR: what is mounted at DIR (the top one), "" for nothing
fs_source() { findmnt -n -o SOURCE --mountpoint "$1" 2>/dev/null | tail -1; }

# has_opt OPT LIST: the comma-separated LIST holds OPT as a whole word
has_opt() { tr , '\n' <<<"$2" | grep -qx -- "$1"; }

# fs_mounted DIR DEVICE: DEVICE is what DIR shows
fs_mounted() { [ "$(fs_source "$1")" = "$2" ]; }

# fs_unmounted DIR: nothing is mounted at DIR
fs_unmounted() { [ -z "$(fs_source "$1")" ]; }

# fs_count DEVICE: how many mounts of DEVICE this namespace has
fs_count() { findmnt -n -o SOURCE -S "$1" 2>/dev/null | wc -l; }

# alive PID: running, not a zombie
alive() {
    [ -d "/proc/$1" ] &&
        [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# fs_hold DIR CMD...: start CMD in the background with DIR as working
# directory, and return once it is there; its PID is in $FS_PID (killed
# at exit)
fs_hold() {
    local dir=$1; shift
    (cd "$dir" && exec "$@") </dev/null >/dev/null 2>&1 &
    FS_PID=$!
    disown "$FS_PID"
    on_exit "kill -9 $FS_PID"
    local want
    want=$(realpath "$dir")
    wait_until 5 output_is "$want" readlink "/proc/$FS_PID/cwd" ||
        fail "process $FS_PID did not reach $dir"
}

command -v losetup >/dev/null || { echo "losetup missing"; exit 1; }
[ -x "$FS_AGENT" ] || { echo "no $FS_AGENT: build and install first"; exit 1; }

# At exit, after the holders are killed: unmount what the test left below
# its directory (the namespace would drop the mounts anyway; rm -rf of the
# test's directory must not meet them)
fs_umount_all() {
    findmnt -n -r -o TARGET | grep "^$BT_TMP/" | sort -r |
        while read -r m; do umount -l "$m"; done
}
on_exit fs_umount_all
