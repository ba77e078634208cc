// Package hugepages asks the operating system to back large arrays with
// huge pages, for the packages that fill arrays of a slot per customer or
// per order line.
package hugepages

// Size is the size of a huge page on amd64 and arm64 (with 4 KiB pages):
// arrays smaller than that cannot hold an aligned one.
const Size = 2 << 20

// Make is make([]E, n, c) with the huge page advice (see Advise), for an
// array written in full soon after.
func Make[E any](n, c int) []E {
	s := make([]E, n, c)
	Advise(s[:c])
	return s
}
