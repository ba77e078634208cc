package segment

import (
	"unsafe"

	"github.com/clientele-go/clientele/internal/hugepages"
)

// growLarge returns s with room for extra more elements: s itself when it
// has the room, else a copy twice as large at least, for the ledger's
// arrays of a slot per customer, grown a CSV block at a time (append
// grows a large slice by a quarter, and would copy it more often). In
// 4 KiB pages unless huge ones are cheaper to touch first: they are
// written in order (see hugepages.MapInOrder). In huge pages, an array
// of an eighth of a huge page or more grows to a whole one at once:
// doubling from there took some 450 faults of 4 KiB on the 1M-customer
// file (1.75 MiB of arrays, each copied into the next), 10 µs each on
// the AMD host of 2026-12-07.
func growLarge[E any](s []E, extra int) []E {
	if cap(s)-len(s) >= extra {
		return s
	}
	c := max(len(s)+extra, 2*cap(s))
	if sz := int(unsafe.Sizeof(*new(E))); sz > 0 && c >= hugepages.Size/sz/8 && hugeFirstTouch() {
		c = max(c, hugepages.Size/sz)
	}
	t := makeLarge[E](len(s), c)
	copy(t, s)
	return t
}

// hugeFirstTouch is hugepages.HugeFirstTouch; a test's stand-in
// replaces it.
var hugeFirstTouch = hugepages.HugeFirstTouch

// makeLarge is make([]E, n, c) for an array of a slot per customer or per
// line, written in order: in huge pages where they are the cheaper to
// touch first (hugepages.MakeInOrder).
func makeLarge[E any](n, c int) []E { return hugepages.MakeInOrder[E](n, c) }
