package main

import (
	"cmp"
	"slices"
)

// The equal-values rule is how the library scores RFM (segment/rfm, "Scores:
// quantiles that never split ties"): with n customers in the base, a
// customer whose value v has s customers strictly below it gets bucket
// 1 + floor(5s/n); F and M are the bucket, R is 6 minus the bucket of the
// days since the last occasion. Customers with equal values always share
// a bucket.
//
// The peers tile positions in the sorted order instead (NTILE(5); pandas'
// qcut over rank(method="first")), each with its own rounding, and sort
// recency either way round. A run of equal values that every tiling puts
// in one tile, the rule's, is scored the same by all; one that straddles
// a tile boundary is split by the peers wherever their sort happened to
// put each customer.

// dimension is one of recency, frequency, monetary.
type dimension int

const (
	recencyDim dimension = iota
	frequencyDim
	monetaryDim
)

// value returns the dimension's raw value of rec.
func (d dimension) value(rec *record) int64 {
	switch d {
	case recencyDim:
		return int64(rec.recency)
	case frequencyDim:
		return int64(rec.frequency)
	}
	return rec.cents
}

// ruleScores scores the customers in members (indexes into recs) by the
// equal-values rule in every dimension. It returns the scores, indexed
// like recs (0 for customers not in members), and whether each customer's
// values are clear: scored the same by every position method below,
// whatever order its ties are in, in all three dimensions.
func ruleScores(recs []record, members []int32) (scores [][3]uint8, clear []bool) {
	scores = make([][3]uint8, len(recs))
	clear = make([]bool, len(recs))
	for _, k := range members {
		clear[k] = true
	}
	n := len(members)
	if n == 0 {
		return scores, clear
	}
	order := slices.Clone(members)
	for d := range dimension(3) {
		slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(d.value(&recs[a]), d.value(&recs[b])) })
		for lo := 0; lo < n; {
			v := d.value(&recs[order[lo]])
			hi := lo
			for hi+1 < n && d.value(&recs[order[hi+1]]) == v {
				hi++
			}
			bucket := ruleTile(lo, n)
			settled := runSettled(lo, hi, n, d == recencyDim)
			if d == recencyDim {
				bucket = 6 - bucket
			}
			for _, k := range order[lo : hi+1] {
				scores[k][d] = uint8(bucket)
				if !settled {
					clear[k] = false
				}
			}
			lo = hi + 1
		}
	}
	return scores, clear
}

// A tiling assigns a 0-based position among n sorted values a tile 1..5.
type tiling func(pos, n int) int

// ruleTile is the equal-values rule's bucket of the first position of a
// run: 1 + floor(5*pos/n).
func ruleTile(pos, n int) int { return 1 + 5*pos/n }

// ntileTile is SQL's NTILE(5): n = 5q + r rows, the first r tiles hold
// q+1 rows and the others q.
func ntileTile(pos, n int) int {
	q, r := n/5, n%5
	if big := r * (q + 1); pos >= big {
		return r + (pos-big)/q + 1
	}
	return pos/(q+1) + 1
}

// qcutTile is pandas.qcut(ranks, 5) over the ranks 1..n of
// rank(method="first"): the edges are 1 + t(n-1)/5, each bucket closed
// on the right, so position pos is past edge t when pos > t(n-1)/5.
func qcutTile(pos, n int) int {
	tile := 1
	for t := 1; t <= 4; t++ {
		if pos*5 > t*(n-1) {
			tile++
		}
	}
	return tile
}

var tilings = []tiling{ruleTile, ntileTile, qcutTile}

// runSettled reports whether the run of equal values at ascending
// positions lo..hi gets one and the same tile from every tiling, so that
// no order of its ties can move any of its customers. With both set, the
// tilings are also applied to the descending order (as NTILE over recency
// DESC does), mapped back to ascending tiles as 6 - tile.
func runSettled(lo, hi, n int, both bool) bool {
	want := ruleTile(lo, n)
	for _, tile := range tilings {
		if tile(lo, n) != want || tile(hi, n) != want {
			return false
		}
		if both && (6-tile(n-1-lo, n) != want || 6-tile(n-1-hi, n) != want) {
			return false
		}
	}
	return true
}
