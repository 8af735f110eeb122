#!/usr/bin/env python3
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The host's end of a guest's command channel (tests/vm/guest-init): sends
# the script read on stdin as "ID BASE64", prints the output the guest
# sends back and exits with the script's exit code.
#   vmcmd.py SOCKET TIMEOUT_S < script
# Exit 124 when no answer came within TIMEOUT_S, 125 when the channel
# failed.
import base64
import os
import socket
import sys
import time


def main():
    path, timeout = sys.argv[1], float(sys.argv[2])
    script = sys.stdin.buffer.read()
    cid = "%d.%d" % (os.getpid(), int(time.time() * 1000))
    end = time.monotonic() + timeout
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(path)
    except OSError as e:
        print("vmcmd: %s: %s" % (path, e), file=sys.stderr)
        return 125
    s.sendall(b"%s %s\n" % (cid.encode(), base64.b64encode(script)))
    buf = b""
    marker = b"@@END " + cid.encode() + b" "
    while True:
        left = end - time.monotonic()
        if left <= 0:
            print("vmcmd: no answer within %g s" % timeout, file=sys.stderr)
            return 124
        s.settimeout(left)
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            print("vmcmd: the guest closed the channel", file=sys.stderr)
            return 125
        buf += chunk
        i = buf.find(marker)
        if i >= 0 and b"\n" in buf[i:]:
            rc = int(buf[i + len(marker):].split(b"\n", 1)[0])
            # the answer before the marker; older answers (of a command
            # that timed out) come first and are skipped
            lines = buf[:i].strip().split(b"\n")
            out = base64.b64decode(lines[-1]) if lines and lines[-1] else b""
            sys.stdout.buffer.write(out)
            return rc


if __name__ == "__main__":
    sys.exit(main())
