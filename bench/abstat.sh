#!/usr/bin/env bash
# Binaries of the shop CLI side by side: runs each on the same order log,
# alternately, N times, and reports each one's mean ± standard error (and
# median) of wall time, CPU time (user plus system) and system time. The
# quick A/B of BENCHMARKS.md's later rounds; bench/ab.sh builds two
# commits and adds the end-to-end benchmarks.
#
# usage: bench/abstat.sh N ORDERS.csv BINARY...
#
#   N         alternations (12 for a large effect, 30-40 for 1%)
#   BINARY    shop CLIs, e.g. built with go build -o /tmp/shop_new ./examples/shop
#
# Environment: ARGS, the CLI's arguments after -orders FILE (default
# "-out segments -format csv"); OUT, where the output goes (/dev/null).
# Needs GNU time (/usr/bin/time) and python3.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '8,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
n=$1 f=$2
shift 2
args=${ARGS:--out segments -format csv}
out=${OUT:-/dev/null}
res=$(mktemp)
trap 'rm -f "$res" "$res.err"' EXIT
for _ in $(seq "$n"); do
  for b in "$@"; do
    # shellcheck disable=SC2086 # ARGS is a list of arguments
    /usr/bin/time -f "$b %e %U %S" "$b" -orders "$f" $args >"$out" 2>>"$res.err" || true
    tail -1 "$res.err" >>"$res"
  done
done
python3 - "$res" <<'PY'
import sys, statistics as st, collections
d = collections.defaultdict(list)
for l in open(sys.argv[1]):
    p = l.split()
    if len(p) < 4:
        continue
    d[p[0]].append((float(p[1]), float(p[2]) + float(p[3]), float(p[3])))
def f(v):
    m = st.mean(v)
    s = st.stdev(v) / len(v) ** .5 if len(v) > 1 else 0
    return f"{m:.4f}±{s:.4f} (med {st.median(v):.3f})"
for b, v in d.items():
    print(f"{b}: wall {f([x[0] for x in v])}  cpu {f([x[1] for x in v])}  sys {f([x[2] for x in v])} n={len(v)}")
PY
