// Package tally keeps a multiset of whole numbers >= 0 that takes few
// distinct values on any customer base (days since the last purchase,
// purchase occasions) as counts per value rather than one value per
// customer: RFM's recency and frequency (segment/rfm) and behaviour's
// occasions (segment/behavior) are order statistics of such numbers.
package tally

import "slices"

// Tally is a multiset of whole numbers >= 0. Each value below MaxCounted
// is counted, not stored: adding a customer increments a count in a
// small table instead of writing 8 bytes of fresh memory, and order
// statistics are read from the counts in one pass over the table instead
// of selected by partitioning a million values again and again. The rare
// values above are kept one by one. The zero Tally is empty and ready.
type Tally struct {
	counts []int   // counts[v]: how many have the value v
	wide   []int64 // the values >= len(counts) when counts reached MaxCounted
}

// MaxCounted bounds the table of counts: 16,384 counts (128 KiB) cover
// 44 years of days.
const MaxCounted = 1 << 14

// Add adds v (>= 0).
func (t *Tally) Add(v int64) {
	if uint64(v) < uint64(len(t.counts)) {
		t.counts[v]++
		return
	}
	t.addBeyond(v)
}

// AddN adds v (>= 0) n times (n >= 0).
func (t *Tally) AddN(v int64, n int) {
	if n <= 0 {
		return
	}
	if uint64(v) >= uint64(len(t.counts)) {
		t.addBeyond(v)
		n--
	}
	if uint64(v) < uint64(len(t.counts)) {
		t.counts[v] += n
		return
	}
	for range n {
		t.wide = append(t.wide, v)
	}
}

// addBeyond adds a value the table does not reach yet: it grows the table
// (at least doubling it) up to MaxCounted, beyond which v is kept alone.
func (t *Tally) addBeyond(v int64) {
	if v >= MaxCounted {
		t.wide = append(t.wide, v)
		return
	}
	size := min(max(int(v)+1, 2*len(t.counts), 64), MaxCounted)
	t.counts = append(t.counts, make([]int, size-len(t.counts))...)
	t.counts[v]++
}

// Merge adds every value of o.
func (t *Tally) Merge(o *Tally) {
	if len(o.counts) > len(t.counts) {
		t.counts = append(t.counts, make([]int, len(o.counts)-len(t.counts))...)
	}
	for v, count := range o.counts {
		t.counts[v] += count
	}
	t.wide = append(t.wide, o.wide...)
}

// Len returns how many values there are.
func (t *Tally) Len() int {
	n := len(t.wide)
	for _, count := range t.counts {
		n += count
	}
	return n
}

// Counts returns how many times each value below len(Counts()) occurs
// (Counts()[v] for v), for reading only.
func (t *Tally) Counts() []int { return t.counts }

// Wide returns the values not counted, one by one in no order, all
// greater than every counted value, for reading only.
func (t *Tally) Wide() []int64 { return t.wide }

// Select sets out[i] to the value a full ascending sort of the values
// would put at position ranks[i], for ranks ascending and each below
// Len(): from the counts in one pass, and among the wide values, which
// it sorts, past them.
func (t *Tally) Select(ranks []int, out []int64) {
	k, upTo := 0, 0 // upTo: how many have the value v or less
	for v, count := range t.counts {
		upTo += count
		for ; k < len(ranks) && ranks[k] < upTo; k++ {
			out[k] = int64(v)
		}
	}
	if k == len(ranks) {
		return
	}
	slices.Sort(t.wide)
	for ; k < len(ranks); k++ {
		out[k] = t.wide[ranks[k]-upTo]
	}
}

// EachFloat64 is Each for the values as float64s, as a histogram of
// them is written (JSON): values past 2^53 that are one float64 are one
// value, their counts added, so that the values strictly increase.
func (t *Tally) EachFloat64(fn func(v float64, count int)) {
	var last float64
	n := 0 // the count of last, not yet handed to fn
	t.Each(func(v int64, count int) {
		if n > 0 && float64(v) == last {
			n += count
			return
		}
		if n > 0 {
			fn(last, n)
		}
		last, n = float64(v), count
	})
	if n > 0 {
		fn(last, n)
	}
}

// Each calls fn with each distinct value, ascending, and how many times
// it occurs. The tally is unchanged (the wide values are sorted in a
// copy).
func (t *Tally) Each(fn func(v int64, count int)) {
	for v, count := range t.counts {
		if count > 0 {
			fn(int64(v), count)
		}
	}
	wide := slices.Sorted(slices.Values(t.wide))
	for i := 0; i < len(wide); {
		j := i + 1
		for j < len(wide) && wide[j] == wide[i] {
			j++
		}
		fn(wide[i], j-i)
		i = j
	}
}
