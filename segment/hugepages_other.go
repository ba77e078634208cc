//go:build !linux

package segment

// adviseHugePages does nothing: huge pages are advised on Linux only (see
// hugepages_linux.go).
func adviseHugePages[E any](s []E) {}
