// Package selection finds order statistics (the values a full ascending
// sort would put at given positions) without sorting: the cut points of
// RFM's quintiles (segment/rfm) and of behaviour's top shares
// (segment/behavior), over every customer of a base.
package selection

import (
	"cmp"
	"math/bits"
	"slices"
	"sort"
)

// Select reorders v so that v[r], for every r in ranks (ascending,
// repeats allowed, each below len(v)), holds what a full ascending sort
// would put there. v has no NaN.
//
// It does not sort: a multi-rank quickselect finds the order statistics
// in expected linear time, and falls back to sorting a part that keeps
// partitioning badly, so the worst case stays O(n log n).
func Select[T cmp.Ordered](v []T, ranks []int) {
	multiselect(v, 0, ranks, 2*bits.Len(uint(len(v))))
}

func multiselect[T cmp.Ordered](v []T, off int, ranks []int, depth int) {
	for len(ranks) > 0 {
		n := len(v)
		if n <= 16 || depth == 0 {
			slices.Sort(v)
			return
		}
		depth--
		lt, gt := partition(v, pivot(v))
		// v[:lt] < pivot, v[lt:gt] == pivot, v[gt:] >= pivot. Ranks in
		// the middle run are found; the others go to their side.
		i := sort.SearchInts(ranks, off+lt)
		j := sort.SearchInts(ranks, off+gt)
		if i > 0 {
			multiselect(v[:lt], off, ranks[:i], depth)
		}
		v, off, ranks = v[gt:], off+gt, ranks[j:]
	}
}

// pivot returns the median of three medians of three (Tukey's ninther),
// which keeps sorted, reversed and organ-pipe inputs fast.
func pivot[T cmp.Ordered](v []T) T {
	n := len(v)
	s := n / 8
	m := n / 2
	return median3(median3(v[0], v[s], v[2*s]), median3(v[m-s], v[m], v[m+s]), median3(v[n-1-2*s], v[n-1-s], v[n-1]))
}

func median3[T cmp.Ordered](a, b, c T) T {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	if a > b {
		return a
	}
	return b
}

// partition rearranges v into the values below p, then those equal to
// p, then the others, and returns the bounds of the middle run; it may
// leave values equal to p among the others (then the middle run is
// empty), unless p is the least value. So a pass usually moves the values
// below p alone, and a second pass sets the values equal to p apart when
// the first moved none, which keeps heavy ties (60% of customers with
// one occasion) from partitioning over and over. The passes do not
// branch on the values: which side of the pivot a value falls on is a
// coin toss, and a branch on it was mispredicted about half the time.
func partition[T cmp.Ordered](v []T, p T) (lt, gt int) {
	lt = moveBelow(v, p)
	if lt > 0 {
		return lt, lt
	}
	return 0, moveAtMost(v, p)
}

// moveBelow moves the values of v below p to its front, in order, and
// returns how many there are.
func moveBelow[T cmp.Ordered](v []T, p T) int {
	n := 0
	for i, x := range v {
		v[i], v[n] = v[n], x
		n += b2i(x < p)
	}
	return n
}

// moveAtMost moves the values of v at most p to its front, in order, and
// returns how many there are.
func moveAtMost[T cmp.Ordered](v []T, p T) int {
	n := 0
	for i, x := range v {
		v[i], v[n] = v[n], x
		n += b2i(x <= p)
	}
	return n
}

// b2i is 1 for true and 0 for false, without a branch.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
