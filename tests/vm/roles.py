#!/usr/bin/env python3
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Samples the kernel's DRBD roles in a guest five times a second, in one
# process (a shell loop would fork several programs a second, which costs a
# TCG guest much of its CPU): appends "TIME MINOR:ROLE ..." to /run/roles.log
# for the split-brain check of tests/vm/lib.sh.
import time

with open("/run/roles.log", "a", buffering=1) as out:
    while True:
        roles = []
        try:
            with open("/proc/drbd") as f:
                for line in f:
                    p = line.split()
                    if len(p) >= 3 and p[0].endswith(":") and p[0][:-1].isdigit() \
                            and p[2].startswith("ro:"):
                        roles.append("%s%s" % (p[0], p[2][3:].split("/")[0]))
        except OSError:
            pass
        out.write("%.3f %s\n" % (time.time(), " ".join(roles)))
        time.sleep(0.2)
