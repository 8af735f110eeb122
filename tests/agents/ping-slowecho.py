#!/usr/bin/python3
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A slow host for the ocf:baton:ping tests: answers every IPv4 echo request
# it sees after DELAY seconds (run it in a namespace whose kernel ignores
# echo requests). Usage: ping-slowecho.py DELAY
import socket
import struct
import sys
import threading


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def main():
    delay = float(sys.argv[1])
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    while True:
        pkt, (src, _) = sock.recvfrom(65535)
        ihl = (pkt[0] & 0x0F) * 4
        icmp = bytearray(pkt[ihl:])
        if len(icmp) < 8 or icmp[0] != 8:
            continue
        icmp[0] = 0
        icmp[2:4] = b"\0\0"
        icmp[2:4] = struct.pack("!H", checksum(bytes(icmp)))
        threading.Timer(delay, sock.sendto, (bytes(icmp), (src, 0))).start()


if __name__ == "__main__":
    main()
