package rfm

// tally is a multiset of whole numbers >= 0: the days since the last
// purchase, or the purchase occasions, of every scored customer (read
// rejects negative ones). Such dimensions take few distinct values on any
// base, so each value below maxTallied is counted, not stored: adding a
// customer increments a count in a small table instead of writing 8
// bytes of fresh memory, and the quintiles are read from the counts in one
// pass over the table instead of selected by partitioning a million
// values again and again. The rare values above are kept one by one.
type tally struct {
	counts []int   // counts[v]: how many have the value v
	wide   []int64 // the values >= len(counts) when counts reached maxTallied
}

// maxTallied bounds the table of counts: 16,384 counts (128 KiB) cover
// 44 years of days.
const maxTallied = 1 << 14

// add adds v (>= 0).
func (t *tally) add(v int64) {
	if uint64(v) < uint64(len(t.counts)) {
		t.counts[v]++
		return
	}
	t.addBeyond(v)
}

// addBeyond adds a value the table does not reach yet: it grows the table
// (at least doubling it) up to maxTallied, beyond which v is kept alone.
func (t *tally) addBeyond(v int64) {
	if v >= maxTallied {
		t.wide = append(t.wide, v)
		return
	}
	size := min(max(int(v)+1, 2*len(t.counts), 64), maxTallied)
	t.counts = append(t.counts, make([]int, size-len(t.counts))...)
	t.counts[v]++
}

// merge adds every value of o.
func (t *tally) merge(o *tally) {
	if len(o.counts) > len(t.counts) {
		t.counts = append(t.counts, make([]int, len(o.counts)-len(t.counts))...)
	}
	for v, count := range o.counts {
		t.counts[v] += count
	}
	t.wide = append(t.wide, o.wide...)
}

// quintiles returns the cut points of the n values by the rule of
// [Cuts], as quantileCuts does: the values at the quantileRanks. Those
// past the counted values are selected among the wide ones (reordering
// them), which are all greater.
func (t *tally) quintiles(n int) Cuts {
	var c Cuts
	k, upTo := 0, 0 // upTo: how many have the value v or less
	for v, count := range t.counts {
		upTo += count
		for ; k < len(c) && quantileRank(k+1, n) < upTo; k++ {
			c[k] = float64(v)
		}
	}
	if k == len(c) {
		return c
	}
	ranks := make([]int, 0, len(c))
	for j := k; j < len(c); j++ {
		ranks = append(ranks, quantileRank(j+1, n)-upTo)
	}
	selectRanks(t.wide, ranks)
	for j, r := range ranks {
		c[k+j] = float64(t.wide[r])
	}
	return c
}

// buckets counts the values per score into dst, as countBuckets does.
func (t *tally) buckets(dst *[5]int, c *Cuts, reversed bool) {
	var n [6]int
	for v, count := range t.counts {
		n[c.bucket(float64(v))] += count
	}
	addBuckets(&n, c, t.wide)
	scores(dst, &n, reversed)
}

// histogram returns the values as a [Histogram], as histogramOf does.
func (t *tally) histogram() Histogram {
	var h Histogram
	for v, count := range t.counts {
		if count > 0 {
			h.Values = append(h.Values, float64(v))
			h.Counts = append(h.Counts, count)
		}
	}
	wide := histogramOf(t.wide) // all greater than the counted values
	h.Values = append(h.Values, wide.Values...)
	h.Counts = append(h.Counts, wide.Counts...)
	return h
}
