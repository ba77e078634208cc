package segment

import "github.com/clientele-go/clientele/internal/hugepages"

// growLarge returns s with room for extra more elements: s itself when it
// has the room, else a copy twice as large at least, for the ledger's
// arrays of a slot per customer, grown a CSV block at a time (append
// grows a large slice by a quarter, and would copy it more often). In
// 4 KiB pages unless huge ones are cheaper to touch first: they are
// written in order (see hugepages.MapInOrder).
func growLarge[E any](s []E, extra int) []E {
	if cap(s)-len(s) >= extra {
		return s
	}
	t := makeLarge[E](len(s), max(len(s)+extra, 2*cap(s)))
	copy(t, s)
	return t
}

// makeLarge is make([]E, n, c) for an array of a slot per customer or per
// line, written in order: in huge pages where they are the cheaper to
// touch first (hugepages.MakeInOrder).
func makeLarge[E any](n, c int) []E { return hugepages.MakeInOrder[E](n, c) }
