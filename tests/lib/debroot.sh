# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Debian roots for the tests that need a system of their own: a fresh
# bookworm to install the packages into (tests/packaging), a trixie with
# Pacemaker 3.0 (tests/trixie). Built with debootstrap from Debian's
# mirror, then kept as a tarball outside the repository, named after the
# suite and the package list, so later runs only unpack it.
#   . tests/lib/debroot.sh
#   tar=$(debroot_ensure bookworm pcs man-db)   # build once, cached
#   debroot_unpack "$tar" "$dir"                 # a fresh copy
#   debroot_run "$dir" pcs --version             # chroot, own mounts
# BATON_ROOTS (default /var/cache/baton/roots) holds the tarballs;
# BATON_DEBIAN_MIRROR (default http://deb.debian.org/debian) the mirror.

: "${BATON_ROOTS:=/var/cache/baton/roots}"
: "${BATON_DEBIAN_MIRROR:=http://deb.debian.org/debian}"

# debroot_run ROOT CMD...: run CMD in ROOT, in a mount and PID namespace
# of its own (proc, dev, sys, a tmpfs /run and /tmp), so nothing stays
# mounted when it ends. ROOT is bound onto itself first, so that inside
# it / is a mount point of its own, as on a real system or a buildd (code
# that reads /proc/self/mountinfo finds its root)
debroot_run() {
    local root=$1; shift
    unshare --mount --pid --fork --propagation private \
        /bin/sh -c '
            r=$1; shift
            mount --bind "$r" "$r" &&
            mount -t proc proc "$r/proc" &&
            mount --rbind /dev "$r/dev" &&
            mount --rbind /sys "$r/sys" &&
            mount -t tmpfs tmpfs "$r/run" &&
            mount -t tmpfs tmpfs "$r/tmp" &&
            exec chroot "$r" /usr/bin/env -i \
                PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
                HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
                TERM=dumb "$@"' sh "$root" "$@"
}

# debroot_unpack TARBALL DIR: a fresh root from a cached tarball, with
# the /etc/hosts debootstrap leaves out (localhost must resolve)
debroot_unpack() {
    rm -rf "$2" && mkdir -p "$2" && tar -xpf "$1" -C "$2" &&
        cp /etc/resolv.conf "$2/etc/resolv.conf" || return 1
    [ -e "$2/etc/hosts" ] ||
        printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$2/etc/hosts"
}

# debroot_ensure SUITE PKG...: the tarball of a minbase SUITE root with
# PKG installed (without recommends), built when missing; prints its path
debroot_ensure() {
    local suite=$1; shift
    local key tar tmp
    key=$(printf '%s\n' "$suite" "$@" | sha1sum | cut -c1-12)
    tar=$BATON_ROOTS/$suite-$key.tar
    if [ -s "$tar" ]; then
        echo "$tar"
        return 0
    fi
    mkdir -p "$BATON_ROOTS"
    tmp=$(mktemp -d "$BATON_ROOTS/build.XXXXXX")
    echo "debroot: debootstrap $suite into $tmp (once; cached as $tar)" >&2
    if ! debootstrap --variant=minbase "$suite" "$tmp/root" \
            "$BATON_DEBIAN_MIRROR" >"$tmp/debootstrap.log" 2>&1; then
        tail -20 "$tmp/debootstrap.log" >&2
        rm -rf "$tmp"
        return 1
    fi
    cp /etc/resolv.conf "$tmp/root/etc/resolv.conf"
    # No service starts inside the root
    printf '#!/bin/sh\nexit 101\n' >"$tmp/root/usr/sbin/policy-rc.d"
    chmod 755 "$tmp/root/usr/sbin/policy-rc.d"
    if [ "$#" -gt 0 ] && ! debroot_run "$tmp/root" sh -c \
            'apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" && apt-get clean' \
            sh "$@" >"$tmp/apt.log" 2>&1; then
        tail -20 "$tmp/apt.log" >&2
        rm -rf "$tmp"
        return 1
    fi
    tar -cpf "$tar.tmp" -C "$tmp/root" . && mv "$tar.tmp" "$tar"
    rm -rf "$tmp"
    echo "$tar"
}

# debroot_copy_source DIR: the tree as committed (what a fresh clone's
# working tree holds), without builds; BATON_PKG_SOURCE names another tree
# to copy instead (uncommitted work)
debroot_copy_source() {
    mkdir -p "$1"
    if [ -n "${BATON_PKG_SOURCE:-}" ]; then
        cp -a "$BATON_PKG_SOURCE/." "$1/"
    elif git -C "$BATON_TOP" rev-parse --git-dir >/dev/null 2>&1; then
        git -C "$BATON_TOP" ls-files -z |
            (cd "$BATON_TOP" &&
             xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
            tar -C "$BATON_TOP" --null -T - -cf - | tar -C "$1" -xf -
    else
        tar -C "$BATON_TOP" --exclude='./build*' --exclude='./_stage*' \
            --exclude=./tests/out -cf - . | tar -C "$1" -xf -
    fi
}

# debroot_build_deps: debian/control's Build-Depends as package names
debroot_build_deps() {
    awk '/^Build-Depends:/ { f = 1; sub(/^Build-Depends:/, "") }
         f && /^[A-Z][A-Za-z-]*:/ && !/^Build-Depends:/ { f = 0 }
         f' "$BATON_TOP/debian/control" | tr ',' '\n' |
        sed 's/<[^>]*>//g; s/([^)]*)//g; s/|.*//; s/^ *//; s/ *$//' |
        grep -v '^$' | sed 's/^debhelper-compat$/debhelper/'
}
