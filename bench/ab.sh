#!/usr/bin/env bash
# Before/after on the same machine at the same time: builds the end-to-end
# benchmarks (bench/gen) and the shop CLI at two commits, runs them
# alternately so that both see the same load, and compares them.
#
# usage: bench/ab.sh OLD NEW [ROUNDS] [ORDERS.csv]
#
#   OLD, NEW    commits (anything git rev-parse takes)
#   ROUNDS      alternations (default 6; benchstat wants 6 for its intervals)
#   ORDERS.csv  the order log for the CLI (default: generated once into
#               bench/out/ab/orders.csv by bench/gen, 1,000,000 customers)
#
# Each tree runs its own benchmarks, so a benchmark that changed between
# the commits measures each tree's own path. Output: benchstat of the
# end-to-end benchmarks, then wall time, CPU time and peak RSS of the CLI
# per round, and whether the two CLIs wrote the same bytes.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '5,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
cd "$(dirname "$0")/.."
old=$(git rev-parse --short "$1") new=$(git rev-parse --short "$2")
rounds=${3:-6}
out=bench/out/ab
mkdir -p "$out"
orders=${4:-$out/orders.csv}
if [ ! -s "$orders" ]; then
  go run ./bench/gen -customers 1000000 -seed 1 -o "$orders"
fi
benchstat=$(go env GOPATH)/bin/benchstat
[ -x "$benchstat" ] || go install golang.org/x/perf/cmd/benchstat@v0.0.0-20250106171221-62ad9bd8cd43
command -v /usr/bin/time >/dev/null || { echo "ab: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }
build() { # commit name
  local wt
  wt=$(mktemp -d)
  git worktree add -f -q --detach "$wt" "$1"
  (cd "$wt" && go test -c -o "$OLDPWD/$out/$2.test" ./bench/gen && go build -o "$OLDPWD/$out/$2.shop" ./examples/shop)
  git worktree remove --force "$wt"
}
build "$old" old
build "$new" new
: >"$out/old.txt"
: >"$out/new.txt"
: >"$out/cli.txt"
for i in $(seq "$rounds"); do
  for v in old new; do
    "$out/$v.test" -test.run '^$' -test.bench EndToEnd -test.benchtime=1x >>"$out/$v.txt"
    /usr/bin/time -f "$v %e s wall, %U s user, %S s system, %M KB peak RSS" \
      "$out/$v.shop" -orders "$orders" -out segments -format csv >"$out/$v.csv" 2>>"$out/cli.txt"
  done
  echo "ab: round $i of $rounds done" >&2
done
"$benchstat" "$out/old.txt" "$out/new.txt"
echo
echo "CLI -out segments -format csv on $orders (old = $old, new = $new):"
cat "$out/cli.txt"
if cmp -s "$out/old.csv" "$out/new.csv"; then echo "the two CLIs wrote the same bytes"; else echo "the two CLIs wrote different output"; fi
