#!/bin/sh
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# embed-text.sh VARIABLE FILE: write FILE as a C string constant, so an agent
# answers "manpage" without reading anything at run time.
set -e
echo "/* Generated from $2 by fencing/embed-text.sh; do not edit. */"
echo "const char $1[] ="
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/' "$2"
echo ";"
