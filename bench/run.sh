#!/usr/bin/env bash
# bench/run.sh: the peer comparison of issue 7. Generates one deterministic
# order log, then on that same file times our CLI and the RFM segmentation a
# user would otherwise write (pandas, PostgreSQL 15, DuckDB), each with the
# same 125-code map (bench/rfm_map.csv), and prints the tables of
# bench/report as Markdown (also saved to OUT/results.md).
#
# usage: bench/run.sh [-n CUSTOMERS] [-s SEED] [-t TOOLS] [-r ROUNDS] [-o OUT] [-I]
#   -n  customers in the generated log (default 1000000: ~4.4M lines)
#   -s  generator seed (default 1)
#   -t  comma-separated tools to run (default ours,pandas,postgres,duckdb)
#   -r  rounds: every tool runs once a round, in the order above, and the
#       tables give each tool's median (default 3)
#   -o  output directory (default bench/out, git-ignored)
#   -I  install nothing; fail if something is missing
#
# Missing tools are installed (Debian: python3-pandas, postgresql-15, time;
# npm: @duckdb/node-api into bench/node_modules). PostgreSQL runs in a
# throwaway cluster under a temporary directory, on a Unix socket only, and
# is stopped and removed on exit. See bench/README.md for the definitions
# and how to read the tables.
set -euo pipefail

customers=1000000
seed=1
tools=ours,pandas,postgres,duckdb
rounds=3
out=
install=1
command_line=$(printf '%q ' bench/run.sh "$@")
command_line=${command_line% }
usage() { sed -n '8,16p' "$0" | sed 's/^# \{0,1\}//'; }
while getopts "n:s:t:r:o:Ih" opt; do
	case $opt in
	n) customers=$OPTARG ;;
	s) seed=$OPTARG ;;
	t) tools=$OPTARG ;;
	r) rounds=$OPTARG ;;
	o) out=$OPTARG ;;
	I) install=0 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || { usage >&2; exit 2; }

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench")
cd "$root"
out=${out:-$bench/out}
mkdir -p "$out"
out=$(cd "$out" && pwd)

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench/run.sh: %s\n' "$*" >&2; exit 1; }
want() { [[ ",$tools," == *",$1,"* ]]; }
for t in ${tools//,/ }; do
	case $t in ours | pandas | postgres | duckdb) ;; *) die "-t: unknown tool \"$t\" (want ours, pandas, postgres, duckdb)" ;; esac
done
[[ $customers =~ ^[1-9][0-9]*$ ]] || die "-n \"$customers\": want a positive number of customers"
[[ $seed =~ ^[0-9]+$ ]] || die "-s \"$seed\": want a non-negative integer"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "-r \"$rounds\": want a positive number of rounds"
command -v go >/dev/null || die "go is not installed (the repository's toolchain, see README.md)"

python=/usr/bin/python3 # Debian's, which python3-pandas installs into
pg_bin=/usr/lib/postgresql/15/bin

# --- installs -----------------------------------------------------------

missing=()
[ -x /usr/bin/time ] || missing+=(time)
if want pandas && ! "$python" -c 'import pandas' 2>/dev/null; then missing+=(python3-pandas); fi
if want postgres && { [ ! -x "$pg_bin/initdb" ] || ! command -v psql >/dev/null; }; then missing+=(postgresql-15); fi
if want duckdb && ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
	[ "$install" = 1 ] || die "missing: ${missing[*]} (run without -I to install them)"
	[ "$(id -u)" = 0 ] || die "missing: ${missing[*]}; run as root to install them, or install them yourself"
	say "installing ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if want duckdb && [ ! -f "$bench/node_modules/@duckdb/node-api/package.json" ]; then
	[ "$install" = 1 ] || die "missing: @duckdb/node-api in bench/node_modules (run without -I to install it)"
	say "installing @duckdb/node-api into bench/node_modules"
	(cd "$bench" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in bench/"
fi

# --- build, generate, check the map ------------------------------------

say "building bench/gen, bench/report and the CLI (compile time is not measured)"
mkdir -p "$out/bin"
go build -o "$out/bin/gen" ./bench/gen
go build -o "$out/bin/report" ./bench/report
if want ours; then go build -o "$out/bin/shop" ./examples/shop; fi

go run ./bench/mapgen -check "$bench/rfm_map.csv" || die "bench/rfm_map.csv is not the library's default map"
say "bench/rfm_map.csv is the library's default map (segment/rfm)"

orders=$out/orders.csv
say "generating $customers customers (seed $seed) into $orders"
"$out/bin/gen" -customers "$customers" -seed "$seed" -o "$orders.tmp"
mv "$orders.tmp" "$orders"
# Written back before any timing: its writeback had fallen into the first
# tool's first round (ours: 0.69-0.83 s against 0.55 s in the others).
# And so is everything else the set-up wrote: a build in a new checkout
# leaves some 65 MB to write back, which the kernel does 30 s later, in
# whichever tool's round is running then.
sync
lines=$(($(wc -l <"$orders") - 1))

# --- timing -------------------------------------------------------------

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
runs=$out/runs.tsv
printf 'name\tlabel\tseconds\trss_kb\toutput\tstatus\tcpu_s\n' >"$runs"
rm -f "$out"/*.result.csv "$out"/*.log "$out"/*.time

# record NAME LABEL SECONDS RSS_KB OUTPUT STATUS [CPU_S] appends a row to
# runs.tsv.
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "${7-}" >>"$runs"; }

# timed NAME LABEL OUTPUT STDOUT CMD... runs CMD under /usr/bin/time -v,
# its standard output into STDOUT (appended to the log when it is
# /dev/null) and its errors into OUT/NAME.log, which keeps every round's,
# and appends the round's wall time, peak RSS, CPU time and status to
# OUT/NAME.rounds (see record_medians).
timed() {
	local name=$1 label=$2 output=$3 stdout=$4
	shift 4
	local log=$out/$name.log tfile=$out/$name.time start end status=ok
	say "timing $name, round $round of $rounds: $label"
	echo "== round $round" >>"$log"
	# Every round writes a new file, as the first does: overwriting the
	# last round's output (127 MB for ours) made the file system discard
	# it inside the timed window, which took ours from 0.55 to 0.65 s
	# (BENCHMARKS.md, "The peers side by side").
	rm -f "$output"
	start=$(date +%s%N)
	if [ "$stdout" = /dev/null ]; then
		/usr/bin/time -v -o "$tfile" "$@" >>"$log" 2>&1 || status=failed
	else
		/usr/bin/time -v -o "$tfile" "$@" >"$stdout" 2>>"$log" || status=failed
	fi
	end=$(date +%s%N)
	if [ "$status" = failed ]; then
		status="failed (exit $(grep -o 'Exit status: [0-9]*' "$tfile" | grep -o '[0-9]*$' || echo '?')): see $log"
		say "$name failed; the last lines of $log:"
		tail -n 5 "$log" >&2 || true
	fi
	local seconds rss cpu
	seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
	rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tfile")
	cpu=$(awk -F': ' '/User time \(seconds\)/ { u = $2 } /System time \(seconds\)/ { s = $2 } END { printf "%.2f", u + s }' "$tfile")
	say "$name: $seconds s, CPU $cpu s"
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$seconds" "${RSS_OVERRIDE-$rss}" "${CPU_OVERRIDE-$cpu}" "$status" "$label" "$output" >>"$out/$name.rounds"
}

# record_medians NAME records NAME's rounds in runs.tsv as one row: the
# median wall time and the median CPU time, each on its own (they may come
# from different rounds; the lower middle for an even count), the largest
# peak RSS, and the first failure if a round failed; and adds the rounds'
# wall times to OUT/rounds.txt for the report's preamble.
record_medians() {
	local name=$1 file=$out/$1.rounds
	[ -s "$file" ] || return 0
	local n label output status seconds cpu rss
	n=$(wc -l <"$file")
	label=$(head -n 1 "$file" | cut -f5)
	output=$(head -n 1 "$file" | cut -f6)
	status=$(cut -f4 "$file" | grep -v '^ok$' | head -n 1 || true)
	status=${status:-ok}
	seconds=$(cut -f1 "$file" | sort -g | sed -n "$(((n + 1) / 2))p")
	cpu=$(cut -f3 "$file" | grep . | sort -g | sed -n "$(((n + 1) / 2))p" || true)
	rss=$(cut -f2 "$file" | grep . | sort -g | tail -n 1 || true)
	record "$name" "$label" "$seconds" "$rss" "$output" "$status" "$cpu"
	printf -- '- %s: %s s\n' "$name" "$(cut -f1 "$file" | paste -sd' ' | sed 's/ / s, /g')" >>"$out/rounds.txt"
}

# Ours. The CLI's "-out segments" is being written (issue 7): until it is,
# a probe on a few lines tells, and ours is reported as not run.
ours_runs=0
if want ours; then
	probe=$out/probe.csv
	head -n 1001 "$orders" >"$probe"
	if "$out/bin/shop" -orders "$probe" -out segments -format csv >/dev/null 2>"$out/ours.probe.log"; then
		ours_runs=1
	else
		record ours "clientele CLI: examples/shop -out segments -format csv" "" "" "" \
			"the CLI cannot write segments yet: $(head -n 1 "$out/ours.probe.log")"
		say "ours: the CLI cannot write segments yet ($(head -n 1 "$out/ours.probe.log")); timing the peers only"
	fi
else
	record ours "clientele CLI" "" "" "" "not selected (-t)"
fi
run_ours() {
	timed ours "clientele CLI: examples/shop -out segments -format csv" "$out/ours.result.csv" "$out/ours.result.csv" \
		"$out/bin/shop" -orders "$orders" -out segments -format csv
}

if want pandas; then
	pandas_version=$("$python" -c 'import pandas; print(pandas.__version__)')
fi
run_pandas() {
	timed pandas "pandas $pandas_version: qcut over rank(method=\"first\")" "$out/pandas.result.csv" /dev/null \
		"$python" "$bench/peers/rfm_pandas.py" "$orders" "$bench/rfm_map.csv" "$out/pandas.result.csv"
}

# PostgreSQL: a throwaway cluster, started before the first round and
# stopped after the last (or on exit). Its server's memory is not the
# client's, so no RSS is reported.
pg_dir=
cleanup() {
	if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
		pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
		rm -rf "$pg_dir"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# pg_as runs a server command as the postgres user (the server refuses root).
pg_as() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
# stale clusters of runs that were killed before their cleanup ran
stop_stale_clusters() {
	local d owner
	for d in "${TMPDIR:-/tmp}"/clientele-bench-pg.*; do
		[ -d "$d" ] || continue
		owner=$(cat "$d/owner" 2>/dev/null || echo 0)
		if [ "$owner" != 0 ] && kill -0 "$owner" 2>/dev/null; then continue; fi
		say "removing the cluster of an earlier run that did not finish: $d"
		pg_as "$pg_bin/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null 2>&1 || true
		rm -rf "$d"
	done
}
sql_string() { printf "'%s'" "${1//\'/\'\'}"; }

if want postgres; then
	stop_stale_clusters
	pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/clientele-bench-pg.XXXXXX")
	echo $$ >"$pg_dir/owner"
	chmod 755 "$pg_dir"
	[ "$(id -u)" != 0 ] || chown postgres: "$pg_dir"
	say "starting a throwaway PostgreSQL 15 cluster in $pg_dir"
	pg_as "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$out/postgres.initdb.log" 2>&1 ||
		die "initdb failed: see $out/postgres.initdb.log"
	# No autovacuum: the cluster stays up from round to round, and a vacuum
	# of the last round's tables would run during the other tools' timing.
	pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o "-c listen_addresses= -k $pg_dir -p 5432 -c autovacuum=off" start >/dev/null ||
		die "PostgreSQL did not start: $(tail -n 3 "$pg_dir/server.log" 2>/dev/null)"
	script=$out/postgres.sql
	{
		echo 'DROP TABLE IF EXISTS orders, rfm_map;'
		echo 'CREATE UNLOGGED TABLE orders (customer_id text, date date, amount numeric(12,2));'
		echo "\\copy orders FROM $(sql_string "$orders") WITH (FORMAT csv, HEADER true)"
		echo 'CREATE UNLOGGED TABLE rfm_map (r int, f int, m int, segment text);'
		echo "\\copy rfm_map FROM $(sql_string "$bench/rfm_map.csv") WITH (FORMAT csv, HEADER true)"
		echo 'COPY ('
		sed -e 's/;[[:space:]]*$//' "$bench/peers/rfm.sql"
		echo ') TO STDOUT WITH (FORMAT csv, HEADER true);'
	} >"$script"
	pg_version=$(psql -X -At -h "$pg_dir" -p 5432 -U postgres -d postgres -c 'SHOW server_version' | cut -d' ' -f1)
fi
run_postgres() {
	RSS_OVERRIDE='' CPU_OVERRIDE='' timed postgres "PostgreSQL $pg_version: NTILE(5), COPY in and out" "$out/postgres.result.csv" "$out/postgres.result.csv" \
		psql -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -p 5432 -U postgres -d postgres -f "$script"
	# The tables go after the clock, so that the server holds nothing of
	# them while the other tools run.
	psql -X -q -h "$pg_dir" -p 5432 -U postgres -d postgres -c 'DROP TABLE IF EXISTS orders, rfm_map' >>"$out/postgres.log" 2>&1 || true
}

if want duckdb; then
	duckdb_version=$(node -p "require('$bench/node_modules/@duckdb/node-api/package.json').version")
fi
run_duckdb() {
	timed duckdb "DuckDB, @duckdb/node-api $duckdb_version, in memory: NTILE(5)" "$out/duckdb.result.csv" /dev/null \
		node "$bench/peers/rfm_duckdb.mjs" "$orders" "$bench/rfm_map.csv" "$out/duckdb.result.csv"
}

# The rounds: every tool once a round, in the same order, so that all of
# them see the machine as it is from minute to minute (on a shared virtual
# machine, the first heavy process after others pays more for memory);
# each tool's median goes in the tables.
rm -f "$out"/*.rounds "$out/rounds.txt"
for ((round = 1; round <= rounds; round++)); do
	[ "$ours_runs" = 0 ] || run_ours
	if want pandas; then run_pandas; fi
	if want postgres; then run_postgres; fi
	if want duckdb; then run_duckdb; fi
done
cleanup
pg_dir=
for t in ours pandas postgres duckdb; do record_medians "$t"; done

# --- report -------------------------------------------------------------

# page_reporting reports whether a virtio balloon with free page
# reporting (feature bit 5) drives this machine's memory: then a process's
# first writes to memory another freed seconds before must be backed by
# the host again, which slows every tool run after another.
page_reporting() {
	local f features
	for f in /sys/bus/virtio/drivers/virtio_balloon/virtio*/features; do
		[ -r "$f" ] || continue
		features=$(cat "$f")
		[ "${features:5:1}" = 1 ] && return 0
	done
	return 1
}

results=$out/results.md
{
	echo "## RFM side by side: $customers customers, $lines order lines"
	echo
	echo "- command: \`$command_line\` ($(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . 2>/dev/null || echo ', with local changes'))"
	echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release), Linux $(uname -r)"
	echo "- file: $orders ($(du -m "$orders" | cut -f1) MB), generated by \`bench/gen -customers $customers -seed $seed\`, in the page cache"
	echo "- $rounds round(s), every tool once a round in the order listed; the tables give each tool's median wall time and median CPU time (each on its own) and its largest peak RSS; the rounds' wall times:"
	cat "$out/rounds.txt" 2>/dev/null | sed 's/^/  /' || true
	echo "- load average before the first tool: $load_before (1, 5, 15 min; the machine may be shared, so compare runs with similar load)"
	if page_reporting; then
		echo "- memory: this VM's balloon reports the memory a process frees back to its host (virtio_balloon free page reporting), so a tool's first writes to memory another process freed seconds before can cost more (BENCHMARKS.md, \"What is left\")"
	fi
	echo
} >"$results"
report_status=0
"$out/bin/report" -map "$bench/rfm_map.csv" -runs "$runs" >>"$results" || report_status=$?
cat "$results"
say "saved to $results"
[ "$report_status" = 0 ] || die "the report found a problem (exit $report_status): see the Checks above"
