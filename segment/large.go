package segment

// makeLarge is make([]E, n, c) for the ledger's large arrays (a slot, a
// key or a name per customer or line): with the huge page advice, so
// that a million customers' arrays, written in full soon after, fault in
// a few 2 MiB pages instead of thousands of 4 KiB ones (see
// adviseHugePages).
func makeLarge[E any](n, c int) []E {
	s := make([]E, n, c)
	adviseHugePages(s[:c])
	return s
}

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
