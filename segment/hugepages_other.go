//go:build !linux

package segment

// mapped returns n zeroed elements in an ordinary slice: mapping arrays
// outside the heap pays only where huge pages are advised (see
// hugepages_linux.go).
func mapped[E any](n int) (s []E, keep *mapping) { return make([]E, n), nil }

// mapping is unused outside Linux.
type mapping struct{ _ byte }
