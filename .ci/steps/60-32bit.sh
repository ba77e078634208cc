#!/usr/bin/env bash
# Where an int has 32 bits: every package and its tests vetted for 386
# (a constant past 2^31, a rusage field of int32 there, kept the tests
# from compiling once), then the typologies and the playbook: the golden
# digests of every typology and plan over the sample and the extreme
# profiles (strategy's TestGoldenDigests), and the tests of sums past an
# int, built for 32-bit ARM and run under qemu-user. On amd64 an int has
# 64 bits, and counts that pass 2^31-1 when added went unseen there: the
# decision typology classified segmenttest's "every number huge" profile
# differently on arm until its sums were made as numbers. Installs
# Debian's qemu-user when it is missing (.ci/run starts that in the
# background) and makes a missing emulator a failure rather than a skip.
# budget: 280 s (see .ci/run; measured with an empty build cache: the vet 118 s, the ARM part 152 s with qemu-user installed; warm 30 s and 26 s)
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$SECONDS

GOARCH=386 go vet ./...

if ! command -v qemu-arm >/dev/null 2>&1; then
  echo "installing qemu-user"
  source .ci/apt.sh
  apt_install qemu-user
fi

GOARCH=arm go test -count=1 -exec qemu-arm \
  -run 'TestGoldenDigests|PastAnInt|PastInt64|OfMaxCustomers|TestMonotone|TestTallyValidate|TestDistributionValidate|TestExplainStayed' \
  ./strategy ./decision ./disc ./loyalty ./ladder ./segment ./segment/rfm ./segment/batch
echo "32-bit checks in $((SECONDS - start))s"
