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
# Another page of doc/ that carries the same two markers gets the same
# section (headings one level down), so it quotes the run, not a copy.
# The line under each section states what the run itself saw of the
# machine: the load average, sampled while it ran, and how busy the CPUs
# were (/proc/stat, the benchmark's own work included).
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

# replace_section NAME FILE: put FILE's text in NAME's section of
# doc/benchmarks.md, and of every other doc/*.md that has NAME's markers
replace_section() {
    python3 - "$top/doc" "$1" "$2" <<'PY'
import glob, os, re, sys
docdir, name, body = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
begin, end = "<!-- bench:%s begin -->" % name, "<!-- bench:%s end -->" % name
main = os.path.join(docdir, "benchmarks.md")
others = [d for d in sorted(glob.glob(os.path.join(docdir, "*.md"))) if d != main]
for doc in [main] + others:
    text = open(doc).read()
    has = begin in text and end in text
    if doc != main and not has:
        continue
    b = body.rstrip("\n")
    if doc != main:     # one heading level down, outside code blocks
        lines, code = [], False
        for line in b.split("\n"):
            code ^= line.startswith("```")
            lines.append("#" + line if not code and re.match(r"#+ ", line)
                         else line)
        b = "\n".join(lines)
    block = "%s\n%s\n%s" % (begin, b, end)
    if has:
        i = text.index(begin); j = text.index(end) + len(end)
        text = text[:i] + block + text[j:]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    open(doc, "w").write(text)
PY
}

# cpu_jiffies: "busy total" from the first line of /proc/stat (user to
# steal; guest time is already in user)
cpu_jiffies() {
    awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i;
                   print t - $5 - $6, t; exit }' /proc/stat
}

# The machine while a benchmark runs: 1-minute load average every 2 s
load_sampler() {
    while :; do cut -d' ' -f1 /proc/loadavg; sleep 2; done
}

# machine_note START_BUSY START_TOTAL SAMPLES_FILE SECONDS
machine_note() {
    local b1 t1
    read -r b1 t1 < <(cpu_jiffies)
    sort -n "$3" | awk -v busy=$((b1 - $1)) -v total=$((t1 - $2)) -v s="$4" '
        { v[NR] = $1 }
        END {
            printf "in %d s; while it ran the 1-minute load average was ", s
            if (NR == 0) printf "not sampled"
            else if (v[1] == v[NR]) printf "%s", v[1]
            else printf "%s-%s (median %s, %d samples)", v[1], v[NR],
                        v[int((NR + 1) / 2)], NR
            printf " and the CPUs were %d%% busy (/proc/stat, this benchmark included)",
                   total ? 100 * busy / total + 0.5 : 0
        }'
}

failed=0
for name in "$@"; do
    script=$top/bench/$name.bench
    [ -x "$script" ] || { echo "no such benchmark: $name" >&2; failed=1; continue; }
    echo "== $name" >&2
    read -r busy0 total0 < <(cpu_jiffies)
    t0=$(date +%s)
    load_sampler >"$out/$name.load" &
    sampler=$!
    "$script" >"$out/$name.md" 2>"$out/$name.log"
    rc=$?
    kill "$sampler" 2>/dev/null
    wait "$sampler" 2>/dev/null
    if [ "$rc" -eq 0 ]; then
        {
            cat "$out/$name.md"
            echo
            echo "_Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(uname -r), $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(machine_note "$busy0" "$total0" "$out/$name.load" $(($(date +%s) - t0)))._"
        } >"$out/$name.section"
        replace_section "$name" "$out/$name.section"
        echo "   written to doc/ ($(grep -l "<!-- bench:$name begin -->" "$top"/doc/*.md | xargs -n1 basename | tr '\n' ' '))" >&2
    else
        echo "   FAILED (previous result kept); see $out/$name.log" >&2
        tail -20 "$out/$name.log" >&2
        failed=1
    fi
done
exit "$failed"
