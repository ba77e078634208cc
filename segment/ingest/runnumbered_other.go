//go:build !amd64

package ingest

// haveRunNumbered: see runnumbered.go.
const haveRunNumbered = false

// runNumberedLines takes no line where there is no assembly loop.
func runNumberedLines(a *numberedArgs) {}
