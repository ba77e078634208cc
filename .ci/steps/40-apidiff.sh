#!/usr/bin/env bash
# API compatibility: compares the exported API of every library package
# with the committed snapshot in api/ (golang.org/x/exp/cmd/apidiff, pinned
# in api/lib.sh). Incompatible changes (a removed or changed identifier, a
# removed package) fail; compatible ones (additions, new packages) pass and
# are printed. After an intended break, run api/update.sh and commit api/.
# budget: 30 s (see .ci/run; measured: 4 s)
set -euo pipefail
cd "$(dirname "$0")/../.."
source api/lib.sh
apidiff=$(apidiff_bin)
start=$SECONDS
broken=0 checked=0
current=$(library_packages)
while read -r pkg; do
  if ! grep -qxF "$pkg" <<<"$current"; then
    echo "$pkg: package removed (incompatible)"
    broken=1
  fi
done <api/packages.txt
while read -r pkg; do
  file=$(snapshot_file "$pkg")
  if [ ! -f "$file" ]; then
    echo "$pkg: new package (compatible)"
    continue
  fi
  checked=$((checked + 1))
  report=$("$apidiff" "$file" "$pkg")
  if [ -n "$report" ]; then
    echo "== $pkg"
    echo "$report"
  fi
  if grep -q '^Incompatible changes:' <<<"$report"; then
    broken=1
  fi
done <<<"$current"
echo "apidiff: $checked packages compared with api/ in $((SECONDS - start))s"
if [ "$broken" -ne 0 ]; then
  echo "apidiff: incompatible API changes (intended? run api/update.sh and commit api/)"
  exit 1
fi
