package rfm

import "github.com/clientele-go/clientele/internal/tally"

// RFM's recency and frequency are tallies (see tally.Tally): the days
// since the last purchase, or the purchase occasions, of every scored
// customer (read rejects negative ones). Such dimensions take few
// distinct values on any base, so each value is counted, not stored, and
// the quintiles are read from the counts in one pass over the table
// instead of selected by partitioning a million values again and again.

// quintiles returns the cut points of the n values of t by the rule of
// [Cuts], as quantileCuts does: the values at the quantileRanks.
func quintiles(t *tally.Tally, n int) Cuts {
	ranks := []int{quantileRank(1, n), quantileRank(2, n), quantileRank(3, n), quantileRank(4, n)}
	var at [4]int64
	t.Select(ranks, at[:])
	return Cuts{float64(at[0]), float64(at[1]), float64(at[2]), float64(at[3])}
}

// buckets counts the values of t per score into dst, as countBuckets
// does.
func buckets(t *tally.Tally, dst *[5]int, c *Cuts, reversed bool) {
	var n [6]int
	for v, count := range t.Counts() {
		n[c.bucket(float64(v))] += count
	}
	addBuckets(&n, c, t.Wide())
	scores(dst, &n, reversed)
}

// histogram returns the values of t as a [Histogram], as histogramOf
// does.
func histogram(t *tally.Tally) Histogram {
	var h Histogram
	t.EachFloat64(func(v float64, count int) {
		h.Values = append(h.Values, v)
		h.Counts = append(h.Counts, count)
	})
	return h
}
