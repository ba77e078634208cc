package ingest

// haveRunPadded: see runpadded.go.
const haveRunPadded = true

// runPaddedLines: see runpadded.go and runpadded_amd64.s.
//
//go:noescape
func runPaddedLines(a *paddedArgs)
