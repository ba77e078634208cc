package batch

// SetRunBytes sets the alignment of WriteView's writes to a file until
// restore is called.
func SetRunBytes(n int64) (restore func()) {
	old := runBytes
	runBytes = n
	return func() { runBytes = old }
}
