#!/usr/bin/env python3
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The application of the DRBD scenarios, run in a guest by ocf:baton:app:
# appends numbered records to DIR/log, each made durable with fsync()
# before it is acknowledged to the host by UDP ("NAME SEQ"), so that after
# a failover the new primary must hold every acknowledged record. It goes
# on from the last record found, so a move or a failover continues the
# sequence.
#   writer.py DIR NAME HOST PORT
import os
import socket
import sys
import time


def last_seq(path):
    seq = 0
    try:
        with open(path) as f:
            for line in f:
                p = line.split()
                if len(p) == 2 and p[1] == "ok" and p[0].isdigit():
                    seq = max(seq, int(p[0]))
    except FileNotFoundError:
        pass
    return seq


def main():
    d, name, host, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    path = os.path.join(d, "log")
    seq = last_seq(path)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    while True:
        seq += 1
        os.write(fd, b"%d ok\n" % seq)
        os.fsync(fd)
        try:
            s.sendto(b"%s %d" % (name.encode(), seq), (host, port))
        except OSError:
            pass
        time.sleep(0.1)


if __name__ == "__main__":
    main()
