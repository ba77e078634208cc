package segment

// SetMinLinesPerWorker lets the tests group small ledgers on several
// goroutines; the returned function restores the threshold.
func SetMinLinesPerWorker(n int) (restore func()) {
	old := minLinesPerWorker
	minLinesPerWorker = n
	return func() { minLinesPerWorker = old }
}
