#!/usr/bin/env python3
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The host's end of the writers' acknowledgements (tests/vm/writer.py):
# keeps, per writer name, the highest sequence number acknowledged, in
# DIR/NAME (rewritten on every new maximum).
#   acks.py ADDR PORT DIR
import os
import socket
import sys


def main():
    addr, port, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, port))
    best = {}
    while True:
        data, _ = s.recvfrom(256)
        p = data.split()
        if len(p) != 2 or not p[1].isdigit():
            continue
        name, seq = p[0].decode(errors="replace"), int(p[1])
        if not name.isalnum() or seq <= best.get(name, 0):
            continue
        best[name] = seq
        tmp = os.path.join(d, "." + name)
        with open(tmp, "w") as f:
            f.write("%d\n" % seq)
        os.replace(tmp, os.path.join(d, name))


if __name__ == "__main__":
    main()
