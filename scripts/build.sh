#!/bin/bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build Baton out of tree and install it into a staging prefix.
#   scripts/build.sh [plain|asan]
# plain: build/ installed into _stage/ (what tests, demo and bench use)
# asan:  build-asan/ with AddressSanitizer + UBSan, installed into _stage-asan/
set -euo pipefail
flavour=${1:-plain}
top=$(cd "$(dirname "$0")/.." && pwd)
case "$flavour" in
    plain) bdir=$top/build; stage=$top/_stage; extra=() ;;
    asan)  bdir=$top/build-asan; stage=$top/_stage-asan
           extra=(--with-sanitizers=asan,ubsan) ;;
    *) echo "usage: $0 [plain|asan]" >&2; exit 2 ;;
esac
cd "$top"
if [ ! -x configure ] || [ configure.ac -nt configure ] \
   || [ -n "$(find . -name '*.am' -newer configure -not -path './build*' -print -quit)" ]; then
    autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
fi
mkdir -p "$bdir"
cd "$bdir"
if [ ! -f Makefile ] || [ "$top/configure" -nt Makefile ]; then
    "$top/configure" -q --enable-fatal-warnings --prefix="$stage" \
        --with-ocfdir="$stage/ocf" "${extra[@]}"
fi
make -s -j"$(nproc)"
make -s install >/dev/null
echo "build: $flavour build in $bdir, installed in $stage"
