package ingest

// haveRunNumbered: see runnumbered.go.
const haveRunNumbered = true

// runNumberedLines: see runnumbered.go and runnumbered_amd64.s.
//
//go:noescape
func runNumberedLines(a *numberedArgs)
