package segment

import "github.com/clientele-go/clientele/internal/hugepages"

// adviseHugePages is hugepages.Advise: for the arrays the ledger touches
// at random or fills for every customer.
func adviseHugePages[E any](s []E) { hugepages.Advise(s) }

// makeLarge is make([]E, n, c) for the ledger's large arrays (a slot, a
// key or a name per customer or line): with the huge page advice, so
// that a million customers' arrays, written in full soon after, fault in
// a few 2 MiB pages instead of thousands of 4 KiB ones (see
// adviseHugePages).
func makeLarge[E any](n, c int) []E { return hugepages.Make[E](n, c) }

// growLarge returns s with room for extra more elements: s itself when it
// has the room, else a copy in an array from makeLarge, twice as large at
// least, as append would grow it.
func growLarge[E any](s []E, extra int) []E {
	if cap(s)-len(s) >= extra {
		return s
	}
	t := makeLarge[E](len(s), max(len(s)+extra, 2*cap(s)))
	copy(t, s)
	return t
}
