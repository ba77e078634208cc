//go:build !linux

package segment

// adviseHugePages does nothing: huge pages are advised on Linux only (see
// hugepages_linux.go).
func adviseHugePages[E any](s []E) {}

// mappedSlots returns n zeroed slots in an ordinary slice: mapping tables
// outside the heap pays only where huge pages are advised (see
// hugepages_linux.go).
func mappedSlots(n int) (s []slot, keep *mapping) { return make([]slot, n), nil }

// mapping is unused outside Linux.
type mapping struct{ _ byte }
