#!/usr/bin/env python3
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A minimal syslog daemon for the test guests (which run no init system):
# every datagram on /dev/log is written, with the guest's time, to
# /var/log/messages, so that the fence-peer handlers' logs (Baton's through
# libqb, drbd-utils' through logger) can be read after a scenario.
import os
import socket
import time

PATH = "/dev/log"
try:
    os.unlink(PATH)
except FileNotFoundError:
    pass
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(PATH)
os.chmod(PATH, 0o666)
with open("/var/log/messages", "ab", buffering=0) as out:
    while True:
        data = s.recv(65536)
        t = time.time()
        out.write(b"%s.%03d %s\n" % (time.strftime("%H:%M:%S", time.localtime(t)).encode(),
                                     int(t * 1000) % 1000, data.rstrip(b"\n")))
