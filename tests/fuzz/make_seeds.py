#!/usr/bin/env python3
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Writes the seed corpus of every fuzz target, tests/fuzz/<target>/corpus/
# seed-*: realistic inputs the fuzzer mutates from. The netlink seeds are
# the answers recorded in tests/unit/nl_recorded.h. Run from anywhere:
#   tests/fuzz/make_seeds.py
# It also writes the crash-* inputs that reproduce bugs the fuzzers found
# and that can be written down; other files in a corpus (crash-* saved
# from a fuzzer's run) are kept: all are regression tests (doc/fuzzing.md).
import os
import re
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_MULTI = 2
RTM_NEWLINK, RTM_NEWADDR = 16, 20
IFA_F_TENTATIVE = 0x40


def write(target, name, data, prefix="seed-"):
    d = os.path.join(HERE, target, "corpus")
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, prefix + name), "wb") as f:
        f.write(data)


def clear(target):
    d = os.path.join(HERE, target, "corpus")
    if os.path.isdir(d):
        for f in os.listdir(d):
            if f.startswith("seed-"):
                os.unlink(os.path.join(d, f))


# ---- text parsers ---------------------------------------------------------

ARGV = {
    "simple": "--name 'my app' -v",
    "double": 'run "a \\"b\\" c" "\\$HOME" "\\\\"',
    "backslash": "a\\ b\\'c d",
    "empty-words": "'' \"\" x''y",
    "joined": "a'b c'd\"e f\"",
    "blanks": " \t-x\n--y=1 \t",
    "shell-dollar": "echo $HOME",
    "shell-pipe": "a | b",
    "unclosed": "'open",
    "trailing": "end\\",
    "glob": "~/x *.c ?[ab]",
}

CHECK = {
    "hostport": "10.0.0.1:8080",
    "v6": "[2001:db8::1]:443",
    "port": "8080",
    "colon-port": ":9000",
    "list": "10.0.0.1:80, db:5432\t[::1]:22",
    "bad-port": "host:70000",
    "bare-v6": "2001:db8::1:80",
    "url": "http://example.com:8080/health?full=1",
    "url-v6": "http://[fe80::1]/",
    "url-https": "https://example.com/",
    "url-user": "http://user@host/",
    "status": "200,204",
    "status-class": "2xx, 3XX",
    "status-range": "200-399",
    "status-bad": "99-600",
    "ms": "500ms",
    "min": "1min",
    "sec": "2 s",
    "big": "99999999999999999999",
}

FENCE = {
    "ipmilan": "action=reboot\nip=10.0.1.12\nusername=admin\n"
               "password=secret\nlanplus=1\nplug=node2\nnodename=node1\n",
    "ipmilan-opts": "# from the fencer\naction=status\nipaddr=bmc2\n"
                    "ipport=623\ncipher=3\nprivlvl=operator\nauth=md5\n"
                    "hexadecimal_kg=0x0102030405\ntarget=0x72\n"
                    "method=cycle\npower_timeout=20\nlogin_timeout=5\n",
    "ipmilan-flags": "port_as_ip=yes\nport=10.0.1.13\nverbose\n"
                     "use_sudo=1\r\ndelay=3\n  login-timeout = 7 \n",
    "hping": "action=off\nping_targets=10.0.0.1,10.0.0.2\n"
             "ping_good_count=1\nping_count=3\nping_maxfail=1\n",
    "unknown": "nosuchkey=1\n=\n==\naction\n#comment\n\n",
}

# OCF_RESKEY_ values: the agent ('0' IPaddr2, '1' ping, '2' app,
# '3' lbprobe), then name=value lines
PARAMS = {
    "ipaddr2": "0ip=10.0.0.100\ncidr_netmask=24\nnic=eth0\n"
               "broadcast=10.0.0.255\niflabel=vip\narp_count=5\n"
               "arp_interval=200\n",
    "ipaddr2-v6": "0ip=2001:db8::100\ncidr_netmask=64\nnodad=true\n"
                  "noprefixroute=yes\npreferred_lft=0\n",
    "ipaddr2-compat": "0ip=192.168.1.5\nlvs_support=false\n"
                      "arp_bg=true\narp_sender=send_arp\nflush_routes=0\n"
                      "unique_clone_address=false\nclusterip_hash=\n",
    "ipaddr2-bad": "0ip=10.0.0.300\ncidr_netmask=33\narp_count=-1\n",
    "ping": "1host_list=10.0.0.1 10.0.0.2 gw.example\nmultiplier=1000\n"
            "dampen=5s\nname=pingd\nattempts=3\ntimeout=2\n"
            "failure_score=0\ndebug=false\n",
    "ping-compat": "1host_list=::1,127.0.0.1\noptions=-c 1\n"
                   "use_fping=1\ntimeout=500ms\ndampen=1min\n",
    "app": "2binfile=/usr/bin/python3\ncmdline_options=-m http.server 8080\n"
           "workdir=/tmp\npidfile=/run/app.pid\nuser=nobody\n"
           "stop_timeout=10s\nstop_signal=TERM\n"
           "check_tcp=127.0.0.1:8080 [::1]:8080\ncheck_tcp_timeout=2s\n"
           "check_http=http://127.0.0.1:8080/health\n"
           "check_http_status=2xx,301\ncheck_http_body=ok\n"
           "check_program=/bin/true --quiet 'a b'\n"
           "check_program_level=10\n",
    "app-bad": "2binfile=relative\ncmdline_options=a | b\n"
               "check_http=https://x/\ncheck_http_status=99\n",
    "lbprobe": "3port=8080\nbind_address=0.0.0.0\nhttp=true\n"
               "pidfile=/run/lbprobe.pid\n",
}

# A clone's notification: lines name=value of OCF_RESKEY_CRM_meta_name
NOTIFY = {
    "pre-promote": "notify_type=pre\nnotify_operation=promote\n"
                   "notify_promote_uname=node2\n"
                   "notify_active_uname=node1 node2 node3\n"
                   "notify_promoted_uname=\n"
                   "notify_unpromoted_uname=node1 node2 node3\n",
    "post-demote-old": "notify_type=post\nnotify_operation=demote\n"
                       "notify_demote_uname=node1\n"
                       "notify_master_uname=node1\n"
                       "notify_slave_uname=node2\tnode3\n",
    "start-stop": "notify_type=pre\nnotify_operation=start\n"
                  "notify_start_uname= node4  \nnotify_stop_uname=node4\n",
    "no-type": "notify_active_uname=a b c d e f g h i j k l m n o p q\n",
    "long-op": "notify_type=post\nnotify_operation=a-very-long-operation\n",
}


# ---- netlink --------------------------------------------------------------

def recorded():
    text = open(os.path.join(HERE, "..", "unit", "nl_recorded.h")).read()
    arrays = {}
    for m in re.finditer(r"static const unsigned char (\w+)\[\] = \{(.*?)\};",
                         text, re.S):
        arrays[m.group(1)] = bytes(int(x, 16) for x in
                                   re.findall(r"0x[0-9a-f]{2}", m.group(2)))
    return arrays


def messages(buf):
    out = []
    off = 0
    while off + 16 <= len(buf):
        length = struct.unpack_from("=I", buf, off)[0]
        out.append(bytearray(buf[off:off + ((length + 3) & ~3)]))
        off += (length + 3) & ~3
    return out


def answer(msg, flags=None):
    """A message as an answer to the request in flight (seq 0, pid 0)"""
    m = bytearray(msg)
    struct.pack_into("=II", m, 8, 0, 0)
    if flags is not None:
        struct.pack_into("=H", m, 6, flags)
    return bytes(m)


def done():
    return struct.pack("=IHHIIi", 20, NLMSG_DONE, NLM_F_MULTI, 0, 0, 0)


def ack(error=0):
    req = struct.pack("=IHHII", 16, RTM_NEWADDR, 0x605, 0, 0)
    return struct.pack("=IHHIIi", 36, NLMSG_ERROR, 0x100, 0, 0, error) + req


def datagrams(*grams):
    return b"".join(struct.pack("<H", len(g)) + g for g in grams)


def netlink_seeds():
    rec = recorded()
    links = messages(rec["rec_links"])
    addrs4 = b"".join(answer(m) for m in messages(rec["rec_addrs4"]))
    addrs6 = [answer(m) for m in messages(rec["rec_addrs6"])]
    routes4 = b"".join(answer(m) for m in messages(rec["rec_routes4"]))
    routes6 = b"".join(answer(m) for m in messages(rec["rec_routes6"]))
    # a get answers with one message, not a multi-part dump
    rec0 = [m for m in links if struct.unpack_from("=i", m, 20)[0] == 3][0]
    seeds = {
        "0-link-by-name": datagrams(answer(rec0, flags=0)),
        "1-link-by-index": datagrams(answer(rec0, flags=0)),
        "2-addr4": datagrams(addrs4 + done()),
        "3-addr6-split": datagrams(b"".join(addrs6[:2]),
                                   b"".join(addrs6[2:]) + done()),
        "4-routes4": datagrams(routes4 + done()),
        "5-findif4": datagrams(routes4, done()),
        "6-findif6": datagrams(routes6 + done()),
        "7-add-ack": datagrams(ack()),
        "7-add-eexist": datagrams(ack(-17)),
        "9-linkup-ack": datagrams(ack()),
        # a stale message (another seq) is skipped, then an error ends it
        "2-stale-then-error": datagrams(
            struct.pack("=IHHIIi", 20, NLMSG_DONE, 0, 12345, 0, 0), ack(-1)),
    }
    # DAD: 2001:db8:20::1 is tentative in the dump, then an event (a
    # notification: not multi-part) says it is usable
    want = bytes.fromhex("20010db8002000000000000000000001")
    dump = [bytearray(m) for m in addrs6]
    mine = [m for m in dump if want in m][0]
    mine[18] |= IFA_F_TENTATIVE          # ifaddrmsg.ifa_flags
    event = bytearray(mine)
    event[18] &= ~IFA_F_TENTATIVE & 0xff
    struct.pack_into("=H", event, 6, 0)
    seeds["8-wait-dad"] = datagrams(b"".join(bytes(m) for m in dump)
                                    + done(), bytes(event))
    for name, data in seeds.items():
        op = int(name.split("-")[0])
        write("netlink", name, bytes([op]) + data)
    # Regression (lib/net/netlink.c nl_next): a datagram that ends in a
    # message whose length is not a multiple of 4; the walk used to step
    # past the datagram into what the one before had left in the buffer
    tail = struct.pack("=IHHII", 17, RTM_NEWADDR, NLM_F_MULTI, 0, 0) + b"x"
    write("netlink", "unaligned-tail", bytes([2]) + datagrams(addrs4, tail),
          prefix="crash-")


# ---- ICMP -----------------------------------------------------------------

COOKIE = 0x0123456789abcdef


def icmp_packet(v6, ident, seq, host, attempt, pad=8):
    payload = struct.pack(">QIHxxQ", COOKIE, host, attempt, 42)
    payload += bytes(range(24, 24 + pad))
    hdr = struct.pack(">BBHHH", 129 if v6 else 0, 0, 0, ident, seq)
    return hdr + payload


def icmp_seeds():
    # ctx: flags (1 = IPv6, 2 = raw, 4 = check ident), ident, seq base,
    # attempts - 1, hosts - 1 (little-endian 16-bit each)
    def ctx(flags, ident, base, attempts, hosts):
        return struct.pack("<BHHHH", flags, ident, base, attempts - 1,
                           hosts - 1)

    base, attempts = 100, 3
    seq = base + 2 * attempts + 1          # host 2, attempt 1
    v4 = icmp_packet(False, 7, seq, 2, 1)
    iphdr = bytes([0x45, 0, 0, 20 + len(v4)]) + bytes(16)
    write("icmp", "v4-dgram", ctx(0, 7, base, attempts, 4) + v4)
    write("icmp", "v4-raw", ctx(6, 7, base, attempts, 4) + iphdr + v4)
    write("icmp", "v6", ctx(1, 7, base, attempts, 4)
          + icmp_packet(True, 7, seq, 2, 1, pad=32))
    write("icmp", "v4-unreachable", ctx(0, 7, base, attempts, 4)
          + bytes([3, 1, 0, 0, 0, 0, 0, 0]) + iphdr + v4[:8])
    write("icmp", "v4-wrapped-seq", ctx(4, 9, 0xffff, 2, 2)
          + icmp_packet(False, 9, (0xffff + 1 * 2 + 1) & 0xffff, 1, 1))


# ---- HTTP answers ---------------------------------------------------------

def http_seeds():
    # flags: 1 = look for "ok" in the body, 2 = the service stalls
    def chunks(*parts):
        return b"".join(struct.pack("<H", len(p)) + p for p in parts)

    ok = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
          b"Content-Length: 2\r\n\r\nok")
    write("http", "200", b"\0" + chunks(ok))
    write("http", "200-body", b"\1" + chunks(ok[:9], b"", ok[9:30], ok[30:]))
    write("http", "200-no-body", b"\1" + chunks(ok[:-2] + b"no"))
    write("http", "301", b"\0" + chunks(b"HTTP/1.0 301 Moved Permanently"
                                        b"\r\nLocation: /x\r\n\r\n"))
    write("http", "503", b"\0" + chunks(b"HTTP/1.1 503 Service Unavailable"
                                        b"\r\n\r\n"))
    write("http", "not-http", b"\0" + chunks(b"SSH-2.0-OpenSSH_9.2\r\n"))
    write("http", "stall-partial", b"\3" + chunks(b"HTTP/1.1 204 No", b""))
    write("http", "stall-nothing", b"\2")
    write("http", "closed", b"\0")


# ---- attrd ----------------------------------------------------------------

def attrd_reply(text, id_=1, flags=0, version=1, size=None):
    body = text.encode() + b"\0"
    size = len(body) if size is None else size
    hdr = struct.pack("=i4xi4xi4xIIIB3x", id_, 40 + len(body), 0, size, 0,
                      flags, version)
    assert len(hdr) == 40
    return hdr + body


def attrd_seeds():
    ack = '<ack function="attrd_ipc_dispatch" line="1" status="0"/>'
    write("attrd", "ack", attrd_reply(ack))
    write("attrd", "ack-other-id", attrd_reply(ack, id_=2))
    write("attrd", "compressed", attrd_reply(ack, flags=1))
    write("attrd", "nack", attrd_reply('<nack reason="x"/>'))
    write("attrd", "size-too-big", attrd_reply(ack, size=4096))


def main():
    for target, seeds in (("argv", ARGV), ("check", CHECK),
                          ("fence_stdin", FENCE), ("params", PARAMS),
                          ("notify", NOTIFY)):
        clear(target)
        for name, text in seeds.items():
            write(target, name, text)
    for target, fn in (("netlink", netlink_seeds), ("icmp", icmp_seeds),
                       ("attrd", attrd_seeds), ("http", http_seeds)):
        clear(target)
        fn()


if __name__ == "__main__":
    main()
