//go:build !linux

package hugepages

// Advise does nothing: huge pages are advised on Linux only (see
// hugepages_linux.go).
func Advise[E any](s []E) {}
