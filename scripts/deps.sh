#!/bin/bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Install every Debian 12 package Baton's build, tests, benchmarks and demo
# need. Idempotent: does nothing when all are present.
set -euo pipefail

PACKAGES=(
    # build
    build-essential autoconf automake libtool pkg-config
    libqb-dev libxml2-dev libcmocka-dev
    # tests and tools
    libxml2-utils iproute2 iputils-ping iputils-arping procps psmisc
    valgrind tcpdump hyperfine util-linux bridge-utils
    # the cluster stack and the agents Baton is compared with
    corosync pacemaker pacemaker-cli-utils pcs resource-agents fence-agents
)
# Agents add theirs in scripts/deps.d/*.list (one package a line)
here=$(cd "$(dirname "$0")" && pwd)
for f in "$here"/deps.d/*.list; do
    [ -e "$f" ] || continue
    while read -r p; do
        p=${p%%#*}
        [ -n "${p// /}" ] && PACKAGES+=("$p")
    done < "$f"
done

missing=()
for p in "${PACKAGES[@]}"; do
    [[ "$p" == \#* ]] && continue
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing+=("$p")
    fi
done
if [ "${#missing[@]}" -eq 0 ]; then
    echo "deps: all ${#PACKAGES[@]} packages present"
    exit 0
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The cluster stack must not run on the host itself: the tests start it
# inside namespaces of their own.
for svc in pacemaker corosync pcsd; do
    systemctl disable --now "$svc" >/dev/null 2>&1 || true
done
echo "deps: done"
