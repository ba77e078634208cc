package segment

// SetMinLinesPerWorker lets the tests group small ledgers on several
// goroutines; the returned function restores the threshold.
func SetMinLinesPerWorker(n int) (restore func()) {
	old := minLinesPerWorker
	minLinesPerWorker = n
	return func() { minLinesPerWorker = old }
}

// GroupedNarrow reports whether l's lines are grouped narrow (see cline).
func GroupedNarrow(l *Ledger) bool { return l.clines != nil }
