# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Shared set-up for the ocf:baton:app and ocf:baton:lbprobe behaviour
# tests: a network namespace of the test's own (tag "app"), the test
# server compiled from tests/helpers/bt-testsrv.c, and OCF environment
# helpers. Source it after tests/lib/common.sh.

APP_NS=bt-app-$BT_TAG
netns_add "$APP_NS" || { echo "cannot create namespace $APP_NS"; exit 1; }
SRV=$BT_TMP/bt-testsrv
cc -O2 -Wall -o "$SRV" "$BATON_TOP/tests/helpers/bt-testsrv.c" ||
    { echo "cannot build bt-testsrv"; exit 1; }
chmod 755 "$BT_TMP" "$SRV"

# Reset the OCF environment to a test-server resource on PORT
app_env() {
    local port=${1:-8080}
    unset $(env | sed -n 's/^\(OCF_RESKEY_[A-Za-z0-9_]*\)=.*/\1/p')
    export OCF_RESOURCE_INSTANCE=apptest
    export OCF_RESKEY_binfile=$SRV
    export OCF_RESKEY_cmdline_options="-p $port"
    export OCF_RESKEY_pidfile=$BT_TMP/app.pid
    export OCF_RESKEY_logfile=$BT_TMP/app.log
    export OCF_RESKEY_CRM_meta_timeout=20000
    export OCF_RESKEY_CRM_meta_interval=10000
}

# app_do ACTION: run ocf:baton:app in the namespace
app_do() { in_ns "$APP_NS" "$BATON_AGENTS/app" "$@"; }

app_pid() { cat "$OCF_RESKEY_pidfile" 2>/dev/null; }

# ns_procs: the processes still alive in the namespace (none = empty)
ns_procs() {
    local p
    for p in $(ip netns pids "$APP_NS" 2>/dev/null); do
        # zombies waiting for init are gone for our purpose
        [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" = Z ] || echo "$p"
    done
}

# gone PID: PID has exited (no such process, or a zombie not yet reaped)
gone() {
    [ ! -d "/proc/$1" ] ||
        [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]
}

on_exit 'for p in $(ip netns pids '"$APP_NS"' 2>/dev/null); do kill -9 $p; done'
