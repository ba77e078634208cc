package segment

import (
	"cmp"
	"encoding/binary"
	"runtime"
	"slices"
	"strings"
)

// View is a ledger's customer base as of one date, for reading it on many
// goroutines at once: the customers that have a profile as of the date
// (those [Ledger.Each] visits), numbered 0 to Len()-1, each profile made
// on demand by [View.Profile]. A whole-base pass splits the numbers
// between workers instead of funnelling every profile through one
// goroutine, which is what [Ledger.Each] does.
//
// A View is safe for concurrent use. It reads the ledger's memory, so the
// ledger must not be changed (Add, AddOrders, SetSignals) while a View
// of it is in use.
type View struct {
	l       *Ledger
	asOf    Date
	order   []int32 // the ledger's customer keys, in order of first appearance
	lines   []line  // grouped by customer
	offsets []int32 // customer at position i: lines[offsets[i]:offsets[i+1]]
	at      []int32 // the positions of the view's customers
	stats   Stats
}

// View groups the ledger's lines by customer, if that is not done yet, and
// returns the view as of asOf (zero means [Ledger.Latest]): the customers
// in order of first appearance, as [Ledger.Each] has them, and the same
// [Stats].
func (l *Ledger) View(asOf Date) *View {
	if asOf.IsZero() {
		asOf = l.latest
	}
	l.sort()
	v := &View{l: l, asOf: asOf, order: l.order, lines: l.lines, offsets: l.offsets}
	v.stats = Stats{Lines: l.Len(), Customers: len(l.order)}
	v.at = make([]int32, 0, len(l.order))
	for i, k := range l.order {
		lines := l.lines[l.offsets[i]:l.offsets[i+1]]
		after := linesAfter(lines, asOf)
		v.stats.AfterAsOf += after
		if after == len(lines) && !l.hasSignals(k) {
			v.stats.NotYet++
			continue
		}
		v.at = append(v.at, int32(i))
	}
	v.stats.Profiles = len(v.at)
	return v
}

// linesAfter counts the lines (sorted by day) dated after asOf.
func linesAfter(lines []line, asOf Date) int {
	n := len(lines)
	for n > 0 && lines[n-1].day > asOf.n {
		n--
	}
	return len(lines) - n
}

// hasSignals reports whether the customer with key k has CRM signals.
func (l *Ledger) hasSignals(k int32) bool {
	_, ok := l.signals[k]
	return ok
}

// Len returns the number of customers in the view.
func (v *View) Len() int { return len(v.at) }

// AsOf returns the date of the view.
func (v *View) AsOf() Date { return v.asOf }

// Stats returns the accounting of the ledger's lines and customers as of
// the view's date, as [Ledger.Each] returns it after a full pass.
func (v *View) Stats() Stats { return v.stats }

// ID returns the id of customer i (0 ≤ i < Len()).
func (v *View) ID(i int) string { return v.l.id(v.order[v.at[i]]) }

// Profile fills p with the profile of customer i (0 ≤ i < Len()), the one
// [Ledger.Profile] returns for the customer's id.
func (v *View) Profile(i int, p *Profile) {
	at := v.at[i]
	v.l.profile(v.order[at], v.lines[v.offsets[at]:v.offsets[at+1]], v.asOf, p)
}

// ByID returns a view of the same customers numbered in order of id
// (byte-wise, as Go compares strings), for output sorted by customer.
// The sort uses every core.
func (v *View) ByID() *View {
	byID := *v
	keyed := make([]idKey, len(v.at))
	for i, at := range v.at {
		keyed[i] = idKey{prefix: idPrefix(v.l.id(v.order[at])), at: at}
	}
	compare := func(a, b idKey) int {
		if c := cmp.Compare(a.prefix, b.prefix); c != 0 {
			return c
		}
		return strings.Compare(v.l.id(v.order[a.at]), v.l.id(v.order[b.at]))
	}
	sortParallel(keyed, make([]idKey, len(keyed)), compare, runtime.GOMAXPROCS(0))
	byID.at = make([]int32, len(keyed))
	for i, k := range keyed {
		byID.at[i] = k.at
	}
	return &byID
}

// idKey is a customer's position and the first 8 bytes of its id as a
// big-endian number (zero-padded), so that most comparisons of a sort by
// id compare two integers and touch no string.
type idKey struct {
	prefix uint64
	at     int32
}

// idPrefix returns the first 8 bytes of id as a big-endian number. Ids
// shorter than 8 bytes are padded with zeros; ties between prefixes are
// broken by comparing the whole ids, so the padding cannot misorder
// "a" and "a\x00".
func idPrefix(id string) uint64 {
	var b [8]byte
	copy(b[:], id)
	return binary.BigEndian.Uint64(b[:])
}

// sortParallel sorts s with compare, on up to workers goroutines: the
// halves are sorted at once and merged through tmp (len(tmp) == len(s)).
// The elements must be distinct under compare (customer ids are), so the
// result does not depend on the split.
func sortParallel[E any](s, tmp []E, compare func(a, b E) int, workers int) {
	if workers < 2 || len(s) < 1<<14 {
		slices.SortFunc(s, compare)
		return
	}
	half := len(s) / 2
	parallel(2, func(w int) {
		if w == 0 {
			sortParallel(s[:half], tmp[:half], compare, workers/2)
		} else {
			sortParallel(s[half:], tmp[half:], compare, workers-workers/2)
		}
	})
	a, b, out := s[:half], s[half:], tmp[:0]
	for len(a) > 0 && len(b) > 0 {
		if compare(a[0], b[0]) <= 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	out = append(append(out, a...), b...)
	copy(s, out)
}
