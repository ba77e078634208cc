//go:build !amd64

package ingest

// haveRunPadded: see runpadded.go.
const haveRunPadded = false

// runPaddedLines takes no line where there is no assembly loop.
func runPaddedLines(a *paddedArgs) {}
