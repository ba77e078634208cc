// Package ratio gives the score of a whole count against a setting,
// segment.Clamp01(float64(n) / d), from a table made once per setting:
// the typologies score every customer's occasions or tenure so, and a
// division's latency (some 13 cycles, on the path to the result) cost
// more than the load that replaces it.
package ratio

import "github.com/clientele-go/clientele/segment"

// Table holds Clamp01(float64(n) / d) for the counts n from 0 up to the
// first at or past d (all of them 1 from there on), or up to maxEntries
// for a larger d. Of is exactly that expression for every n: each entry
// is computed by it, and a count past the table is divided. The zero
// Table divides every count, by 0.
//
// The entries are an array, not a slice, so that a Table, and the
// classifiers that keep one, stay comparable with ==, equal when made
// from equal settings (as the classifiers were before they kept tables).
type Table struct {
	shares [maxEntries]float32
	n      int // the entries in use
	d      float64
	whole  bool // d > 0 and the last entry is at or past it: every count from there on scores 1
}

// maxEntries bounds a table (4 KiB): a larger setting has its counts
// past the last entry divided.
const maxEntries = 1024

// New returns the table of the setting d.
func New(d float64) Table {
	t := Table{d: d}
	if !(d > 0) {
		return t // NaN, 0 or negative: no count reaches 1; divided
	}
	n := maxEntries
	if d < maxEntries-1 {
		n = int(d) + 2 // past d even when d is whole: int(d)+1 > d
	}
	for k := range n {
		t.shares[k] = segment.Clamp01(float64(k) / d)
	}
	t.n, t.whole = n, float64(n-1) >= d
	return t
}

// Of returns Clamp01(float64(n) / d).
func (t *Table) Of(n int) float32 {
	if n >= 0 && t.whole {
		// Past the table the quotient is at least 1, as at its last
		// entry: the minimum picks without a branch.
		return t.shares[min(n, t.n-1)]
	}
	if uint(n) < uint(t.n) {
		return t.shares[n]
	}
	return segment.Clamp01(float64(n) / t.d)
}
