package rfm

// tally is how many customers have each value of an integer dimension
// (days since the last purchase, purchase occasions), when the values
// span a narrow range: counts[i] customers have the value lo+i. Such
// dimensions take few distinct values on any base, and counting them is
// one pass over the values, where selecting their quantiles partitions
// them again and again (and reorders them).
type tally struct {
	lo     int64
	counts []int
}

// maxTallied is the widest range of values counted, rather than selected:
// 32,768 counts (256 KiB) cover ninety years of days.
const maxTallied = 1 << 15

// tallyOf counts values, or reports false when they span more than
// maxTallied values or more values than there are customers: a selection
// is then cheaper.
func tallyOf(values []int64) (tally, bool) {
	if len(values) == 0 {
		return tally{}, false
	}
	lo, hi := values[0], values[0]
	for _, v := range values {
		lo = min(lo, v)
		hi = max(hi, v)
	}
	spread := uint64(hi) - uint64(lo) // hi - lo, which may not fit an int64
	if spread >= maxTallied || spread >= uint64(len(values)) {
		return tally{}, false
	}
	t := tally{lo: lo, counts: make([]int, spread+1)}
	for _, v := range values {
		t.counts[v-lo]++
	}
	return t, true
}

// cuts returns the cut points by the rule of [Cuts], as quantileCuts
// does over the values counted: the value at each quantileRank.
func (t tally) cuts(n int) Cuts {
	var c Cuts
	k, upTo := 0, 0 // upTo: the customers with a value of lo+i or less
	for i, count := range t.counts {
		upTo += count
		for ; k < len(c) && quantileRank(k+1, n) < upTo; k++ {
			c[k] = float64(t.lo + int64(i))
		}
	}
	return c
}

// buckets counts the customers per score, as countBuckets does over the
// values counted.
func (t tally) buckets(dst *[5]int, c *Cuts, reversed bool) {
	var n [6]int
	for i, count := range t.counts {
		n[c.bucket(float64(t.lo+int64(i)))] += count
	}
	scores(dst, &n, reversed)
}
