#!/usr/bin/env bash
# The Apache Beam example (examples/beam) is its own Go module, so the
# library stays free of dependencies and `go test ./...` at the root does
# not reach it. Vet it and run its test: the pipeline on the local prism
# runner over the sample shop, compared customer by customer with one
# process. The Beam SDK is downloaded on first use (module cache).
set -euo pipefail
cd "$(dirname "$0")/../../examples/beam"
go vet ./...
go test -count=1 ./...
