#!/usr/bin/env bash
# The Apache Beam example (examples/beam) is its own Go module, so the
# library stays free of dependencies and `go test ./...` at the root does
# not reach it. Vet it and run its test: the pipeline on the local prism
# runner over the sample shop, compared customer by customer with one
# process. The Beam SDK is downloaded on first use (module cache).
# budget: 280 s (see .ci/run; measured: 4 min 19 s with an empty build cache (the Beam SDK and its runners, 837 packages), 12 s warm)
set -euo pipefail
cd "$(dirname "$0")/../../examples/beam"
go vet ./...
go test -count=1 ./...
