#!/usr/bin/env bash
# bench/pgo.sh: makes examples/shop/default.pgo, the CPU profile that
# `go build ./examples/shop` (and `go run`, `go test`) builds the CLI with:
# Go's profile-guided optimisation inlines the calls that are hot in it
# (-pgo=auto, the default since Go 1.21, for a main package with a
# default.pgo). Run it again when the hot paths change; a stale profile
# only optimises less.
#
# The profile is of the CLI on a generated order log of a million
# customers made with another seed than bench/run.sh's (2, not 1): the
# segments output as CSV, most of the runs (the batch path the peers are
# compared on), and once or twice each the summary, the playbooks, and the
# segments of a copy of the log whose customer ids are not numbered (the
# hashed index path). The profiles are merged with go tool pprof.
#
# usage: bench/pgo.sh [-n CUSTOMERS] [-r RUNS]
#   -n  customers in the generated log (default 1000000)
#   -r  runs of -out segments on it (default 10)
set -euo pipefail

customers=1000000
runs=10
while getopts n:r:h opt; do
	case $opt in
	n) customers=$OPTARG ;;
	r) runs=$OPTARG ;;
	*)
		sed -n '16,18p' "$0" | sed 's/^# \{0,1\}//' >&2
		exit 2
		;;
	esac
done
[[ $customers =~ ^[1-9][0-9]*$ ]] || { echo "bench/pgo.sh: -n $customers: want a positive number" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench/pgo.sh: -r $runs: want a positive number" >&2; exit 2; }

cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
say() { echo "== $*" >&2; }

say "building bench/gen and the CLI"
go build -o "$tmp/gen" ./bench/gen
go build -o "$tmp/shop" ./examples/shop
say "generating $customers customers (seed 2)"
"$tmp/gen" -q -customers "$customers" -seed 2 -o "$tmp/orders.csv"
# Ids that do not end in a digit are never numbered: C0000772X is hashed.
sed '2,$s/^\(C[0-9]*\),/\1X,/' "$tmp/orders.csv" >"$tmp/hashed.csv"

profiles=()
# profile NAME ARGS... runs the CLI with ARGS, its output discarded, into
# the profile NAME.
profile() {
	local name=$1
	shift
	"$tmp/shop" "$@" -cpuprofile "$tmp/$name.prof" >/dev/null
	profiles+=("$tmp/$name.prof")
}
say "profiling: -out segments x$runs, summary x2, playbooks x2, segments of hashed ids x2"
for i in $(seq "$runs"); do
	profile "segments$i" -orders "$tmp/orders.csv" -out segments -format csv
done
for i in 1 2; do
	profile "summary$i" -orders "$tmp/orders.csv" -out summary
	profile "playbooks$i" -orders "$tmp/orders.csv" -out playbooks -format json
	profile "hashed$i" -orders "$tmp/hashed.csv" -out segments -format csv
done
go tool pprof -proto "${profiles[@]}" >"$tmp/merged.pgo"
mv "$tmp/merged.pgo" examples/shop/default.pgo
say "wrote examples/shop/default.pgo ($(wc -c <examples/shop/default.pgo) bytes)"
