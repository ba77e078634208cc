//go:build !linux

package hugepages

// Map returns n zeroed elements in an ordinary slice: mapping arrays
// outside the heap pays only where huge pages are advised (see
// map_linux.go).
func Map[E any](n int) (s []E, keep *Mapping) { return make([]E, n), nil }

// MapInOrder is Map: an ordinary slice outside Linux.
func MapInOrder[E any](n int) (s []E, keep *Mapping) { return make([]E, n), nil }

// Mapping is unused outside Linux.
type Mapping struct{ _ byte }

// Release does nothing outside Linux.
func (m *Mapping) Release() {}

// Bytes returns nil outside Linux: no array is mapped.
func (m *Mapping) Bytes() []byte { return nil }

// HugeFirstTouch is false outside Linux, where nothing is advised.
func HugeFirstTouch() bool { return false }
