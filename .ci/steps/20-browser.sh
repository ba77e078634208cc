#!/usr/bin/env bash
# Browser test of the shop's HTML report: renders the report of the sample
# shop, opens it in headless Chromium and checks that the charts drew (see
# examples/shop/report/browser_test.go). Installs Debian's chromium package
# when it is missing (without recommended packages: the test needs the
# browser, not a desktop), and makes a missing browser a failure rather than
# a skip.
# budget: 30 s (see .ci/run; measured: 6 s (Chromium is installed in the background first))
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium"
  start=$SECONDS
  source .ci/apt.sh
  apt_install chromium
  echo "installed $(chromium --version 2>/dev/null | head -1) in $((SECONDS - start))s"
fi

CLIENTELE_BROWSER_TEST=1 go test -run Browser -count=1 ./examples/shop/report
