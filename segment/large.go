package segment

import "github.com/clientele-go/clientele/internal/hugepages"

// growLarge returns s with room for extra more elements: s itself when it
// has the room, else a copy in an array with the huge page advice
// (hugepages.Make), twice as large at least, as append would grow it: for
// the ledger's arrays of a slot per customer, written in full as they
// grow.
func growLarge[E any](s []E, extra int) []E {
	if cap(s)-len(s) >= extra {
		return s
	}
	t := hugepages.Make[E](len(s), max(len(s)+extra, 2*cap(s)))
	copy(t, s)
	return t
}
