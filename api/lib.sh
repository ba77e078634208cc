# Shared by api/update.sh and .ci/steps/40-apidiff.sh: the pinned apidiff
# and the list of library packages whose exported API is kept compatible.
# Source it from the repository root.

APIDIFF_VERSION=v0.0.0-20261113113407-e3970619a1a4 # golang.org/x/exp

# apidiff_bin prints the path of the pinned apidiff, installing it into
# GOPATH/bin when it is missing or another version.
apidiff_bin() {
  local bin
  bin="$(go env GOPATH)/bin/apidiff"
  if [ ! -x "$bin" ] || ! go version -m "$bin" 2>/dev/null | grep -q "golang.org/x/exp[[:space:]]*${APIDIFF_VERSION}"; then
    GOBIN="$(go env GOPATH)/bin" go install "golang.org/x/exp/cmd/apidiff@${APIDIFF_VERSION}" >&2
  fi
  echo "$bin"
}

# library_packages lists the import paths of the library: every package
# but commands, examples, internal packages and the bench harness.
library_packages() {
  go list -f '{{if ne .Name "main"}}{{.ImportPath}}{{end}}' ./... |
    grep -v -e '/examples/' -e '/internal/' -e '/internal$' -e '/bench/' -e '/bench$' | sed '/^$/d'
}

# snapshot_file maps an import path to its export data file in api/.
snapshot_file() {
  local module rel
  module=$(go list -m)
  rel=${1#"$module"/}
  echo "api/${rel//\//_}.export"
}
