#!/usr/bin/env bash
# Regenerates the API snapshot in api/: the export data (apidiff -w) of
# every library package, which .ci/steps/40-apidiff.sh compares the code
# with. Run it when an incompatible change is intended, and commit api/
# together with the change (and a CHANGELOG entry saying what breaks).
# The export data records source positions with absolute file names, so
# regenerating from another checkout rewrites every file (harmlessly: the
# comparison looks at types only).
set -euo pipefail
cd "$(dirname "$0")/.."
source api/lib.sh
apidiff=$(apidiff_bin)
rm -f api/*.export
library_packages >api/packages.txt
while read -r pkg; do
  "$apidiff" -w "$(snapshot_file "$pkg")" "$pkg"
done <api/packages.txt
echo "api: snapshot of $(wc -l <api/packages.txt) packages written"
