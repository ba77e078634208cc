package segment

//go:generate go run gen_narrow.go

// A ledger whose lines all came in narrow blocks (whole cents within an
// int32, added in bulk: see lineBlock) groups them for a view as clines,
// 8 bytes a line instead of a gline's 12: the memory grouping writes at
// random and every pass over the view reads (on the CLI's 1M-customer
// file 35 MB instead of 53). A view reads them with the copies of the
// profile's functions for narrow lines (purchases_narrow.go, generated
// from the wide ones). Whatever else reads the grouped lines wide (Each,
// Profile, Summaries) reads them widened, once (see widened), and a
// grouping of the lines again, with lines added or in another order,
// groups them wide. Narrowness is decided at grouping, from the blocks:
// a ledger that also had a line added by Add, or an amount of a tenth of
// a cent, is grouped wide, as before.

// cline is a narrow line without its customer (see lineBlock), as a
// narrow block keeps it and a narrow grouping groups it.
type cline struct {
	lineBits
	cents int32
}

func (ln *cline) micro() int64 { return int64(ln.cents) * microsPerCent }

// allNarrow reports whether the lines of every block of bs are narrow.
func allNarrow(bs []lineBlock) bool {
	for _, b := range bs {
		if b.narrow == nil && len(b.wide) > 0 {
			return false
		}
	}
	return true
}

// widen returns narrow lines as wide ones.
func widen(cs []cline) []gline {
	out := make([]gline, len(cs))
	for i := range cs {
		out[i] = glineOf(cs[i].lineBits, cs[i].micro())
	}
	return out
}

// widened returns the grouped lines wide: the grouping's own, or those of
// a narrow grouping widened the first time they are asked for (under
// groupMu, and read through an atomic pointer, as groups is, for calls
// that only read a grouped ledger on several goroutines).
func (l *Ledger) widened() []gline {
	if l.clines == nil {
		return l.lines
	}
	if w := l.wide.Load(); w != nil {
		return *w
	}
	l.groupMu.Lock()
	defer l.groupMu.Unlock()
	if w := l.wide.Load(); w != nil {
		return *w
	}
	w := widen(l.clines)
	l.wide.Store(&w)
	return w
}

// moveNarrow is moveNarrowWide, grouped narrow.
func moveNarrow(moved []cline, next []int32, custs []int32, b []cline, last int32) (int32, bool) {
	back := int32(0)
	for i := range b {
		k := custs[i]
		moved[next[k]] = b[i]
		next[k]++
		d := b[i].day()
		back |= d - last
		last = d
	}
	return last, back < 0
}
