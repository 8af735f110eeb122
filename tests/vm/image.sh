#!/bin/bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build (once) the Debian 12 image the DRBD virtual machines boot, from
# Debian's own packages: debootstrap --variant=minbase, the Debian kernel
# (DRBD 8.4 in-tree), drbd-utils, corosync, Pacemaker, pcs and
# resource-agents. The result is cached outside the repository, keyed by
# the hash of what makes it (this script, the guest's init, the package
# list), so a second run costs nothing:
#   $BATON_VM_CACHE/<key>/{root.img,vmlinuz,initrd.img}
# (BATON_VM_CACHE defaults to /var/cache/baton-vm). Prints the directory.
# The image's init only mounts the host's 9p share and runs the
# tests/vm/guest-init found there, so changing that costs no rebuild.
#   tests/vm/image.sh [--force]
# The guest's root is an ext4 image written by mke2fs -d (no loop mount);
# guests attach it with snapshot=on, so each boots clean from one image.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${BATON_VM_CACHE:-/var/cache/baton-vm}

# Everything a guest needs; Baton's own build is not in the image, it is
# brought in at boot through a read-only 9p share (tests/vm/vmctl).
PACKAGES=(
    linux-image-amd64 kmod udev iproute2 iputils-ping procps psmisc
    util-linux e2fsprogs xfsprogs
    drbd-utils
    corosync pacemaker pacemaker-cli-utils resource-agents pcs
    # Baton's agents at run time: FreeIPMI (fence_baton_ipmilan); libqb,
    # libxml2, corosync's and Pacemaker's libraries come with the above
    libfreeipmi17
)

key=$(sha256sum <"$0" | cut -c1-16)
dir=$cache/$key
if [ "${1:-}" != --force ] && [ -f "$dir/ok" ]; then
    echo "$dir"
    exit 0
fi

for t in debootstrap mke2fs; do
    command -v "$t" >/dev/null || {
        echo "image.sh: $t is missing (scripts/deps.sh installs it)" >&2
        exit 1
    }
done
# The Debian mirror the host's apt uses
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' \
    /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" { print $2; exit }' \
    /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || { echo "image.sh: no Debian mirror in apt's sources" >&2; exit 1; }

mkdir -p "$cache"
work=$(mktemp -d "$cache/build.XXXXXX")
root=$work/root
cleanup() {
    for m in proc sys dev/pts dev; do
        umount "$root/$m" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

t0=$(date +%s)
echo "image.sh: debootstrap bookworm from the host's mirror" >&2
debootstrap --variant=minbase --include=ca-certificates,apt-utils \
    bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -30 "$work/debootstrap.log" >&2
    exit 1
}
# Services must not start inside the chroot
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
# Debian's apt cache of the host serves packages it already has
pkgs=()
for p in "${PACKAGES[@]}"; do [[ "$p" == \#* ]] || pkgs+=("$p"); done
echo "image.sh: installing ${#pkgs[@]} packages in the chroot" >&2
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends "${pkgs[@]}" >"$work/apt.log" 2>&1 || {
    tail -30 "$work/apt.log" >&2
    exit 1
}
chroot "$root" apt-get clean
for m in dev/pts dev sys proc; do umount "$root/$m"; done
rm -f "$root/usr/sbin/policy-rc.d"

mkdir -p "$work/out"
cp "$root"/boot/vmlinuz-* "$work/out/vmlinuz"
cp "$root"/boot/initrd.img-* "$work/out/initrd.img"
kver=$(basename "$root"/lib/modules/*)
modinfo -b "$root" -k "$kver" -F version drbd >"$work/out/drbd-version" 2>/dev/null || true

# Leave out what a guest never loads or reads: most kernel modules, docs,
# locales, the kernel and initrd (booted from outside)
mods=$root/lib/modules/$kver/kernel
for d in sound drivers/gpu drivers/media drivers/net/wireless \
    drivers/infiniband drivers/staging drivers/usb drivers/bluetooth \
    drivers/iio drivers/hid drivers/input drivers/scsi drivers/md \
    drivers/isdn drivers/mtd drivers/hwmon drivers/platform \
    drivers/net/ethernet drivers/net/can net/wireless net/mac80211 \
    net/bluetooth fs/nls fs/btrfs fs/ocfs2 fs/gfs2 fs/ceph fs/nfs \
    fs/nfsd fs/cifs fs/smb fs/f2fs; do
    rm -rf "${mods:?}/$d"
done
rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* \
    "$root"/usr/share/locale/* "$root"/var/cache/apt/* \
    "$root"/var/lib/apt/lists/* "$root"/boot/*
chroot "$root" depmod "$kver"

cat >"$root/baton-init" <<'INIT'
#!/bin/sh
# The host's read-only 9p share "baton" brings the real init
# (tests/vm/guest-init) and Baton's staged build.
# the initramfs has moved its own /proc, /sys and /dev here already
mountpoint -q /proc || mount -t proc proc /proc
mountpoint -q /sys || mount -t sysfs sys /sys
mountpoint -q /dev || mount -t devtmpfs -o mode=0755 dev /dev
modprobe 9pnet_virtio
modprobe 9p
mount -t 9p -o trans=virtio,version=9p2000.L,ro baton /mnt/baton-share &&
    exec /bin/bash /mnt/baton-share/vm/guest-init
echo "baton-init: no 9p share \"baton\" with vm/guest-init" >/dev/console
exec /bin/sh
INIT
chmod 0755 "$root/baton-init"
echo "baton-vm" >"$root/etc/hostname"
mkdir -p "$root/opt/baton" "$root/mnt/baton-share"
# Pacemaker's agents look for Baton's at the usual places
ln -sfn /opt/baton/ocf/resource.d/baton "$root/usr/lib/ocf/resource.d/baton"

size_mb=$(( $(du -sm "$root" | cut -f1) + 200 ))
mke2fs -q -t ext4 -L baton-root -d "$root" "$work/out/root.img" "${size_mb}M"
echo "$(date -u +%FT%TZ) built in $(( $(date +%s) - t0 )) s, ${size_mb} MiB" \
    >"$work/out/ok"
rm -rf "${dir:?}"
mv "$work/out" "$dir"
echo "image.sh: $(cat "$dir/ok")" >&2
echo "$dir"
