#!/bin/bash
# Copyright 2026 the Baton developers
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Run benchmarks and write their results into doc/benchmarks.md.
#   bench/run.sh              every bench/*.bench
#   bench/run.sh IPaddr2 ping only those (the other sections are kept)
# Each NAME.bench is an executable script whose stdout is a Markdown
# section; it lands in doc/benchmarks.md between
# "<!-- bench:NAME begin -->" and "<!-- bench:NAME end -->", replacing the
# previous result of that benchmark only. stderr goes to $BATON_BUILD/bench-out/NAME.log.
# A benchmark that fails keeps its previous section and makes run.sh fail.
# Environment given to each script:
#   BATON_TOP    the source tree
#   BATON_BUILD  a configured build tree with bench/measure and bench/empty
#                (default: the current directory if it has them, as under
#                `make bench`, else $BATON_TOP/build)
#   BATON_STAGE  the installed tree (default $BATON_TOP/_stage)
#   MEASURE      $BATON_BUILD/bench/measure      EMPTY  $BATON_BUILD/bench/empty
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
export BATON_TOP=$top
if [ -z "${BATON_BUILD:-}" ]; then
    if [ -x "$PWD/bench/measure" ]; then BATON_BUILD=$PWD; else BATON_BUILD=$top/build; fi
fi
export BATON_BUILD
export BATON_STAGE=${BATON_STAGE:-$top/_stage}
export MEASURE=$BATON_BUILD/bench/measure EMPTY=$BATON_BUILD/bench/empty
doc=$top/doc/benchmarks.md
out=$BATON_BUILD/bench-out
mkdir -p "$out"
[ -x "$MEASURE" ] || { echo "no $MEASURE: build first (make, or scripts/build.sh)" >&2; exit 1; }

if [ $# -eq 0 ]; then
    set -- $(cd "$top/bench" && ls *.bench | sed 's/\.bench$//')
fi
[ -f "$doc" ] || printf '# Benchmarks\n\nWritten by `bench/run.sh` (see bench/README.md); do not edit by hand.\n' >"$doc"

# replace_section NAME FILE: put FILE's text in NAME's section of the doc
replace_section() {
    python3 - "$doc" "$1" "$2" <<'PY'
import sys
doc, name, body = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
text = open(doc).read()
begin, end = "<!-- bench:%s begin -->" % name, "<!-- bench:%s end -->" % name
block = "%s\n%s\n%s" % (begin, body.rstrip("\n"), end)
if begin in text and end in text:
    a = text.index(begin); b = text.index(end) + len(end)
    text = text[:a] + block + text[b:]
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(doc, "w").write(text)
PY
}

failed=0
for name in "$@"; do
    script=$top/bench/$name.bench
    [ -x "$script" ] || { echo "no such benchmark: $name" >&2; failed=1; continue; }
    echo "== $name" >&2
    if "$script" >"$out/$name.md" 2>"$out/$name.log"; then
        {
            cat "$out/$name.md"
            echo
            echo "_Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(uname -r), $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1))._"
        } >"$out/$name.section"
        replace_section "$name" "$out/$name.section"
        echo "   written to doc/benchmarks.md" >&2
    else
        echo "   FAILED (previous result kept); see $out/$name.log" >&2
        tail -20 "$out/$name.log" >&2
        failed=1
    fi
done
exit "$failed"
