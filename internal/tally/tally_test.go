package tally_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/internal/tally"
	"github.com/clientele-go/clientele/internal/tally/tallytest"
)

// A tally, whole or merged from parts, holds the values it was given:
// its length, its order statistics and its distinct values with their
// counts are those of a sorted copy, for values counted, kept one by one
// beyond tally.MaxCounted, or both.
func TestTallyMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	shapes := tallytest.Shapes(rng)
	for name, value := range shapes {
		for _, n := range []int{1, 2, 3, 7, 100, 40_000} {
			values, tallies := tallytest.Tallies(rng, n, value)
			sorted := slices.Sorted(slices.Values(values))
			for _, tl := range tallies {
				if tl.Len() != n {
					t.Fatalf("%s n=%d: Len %d", name, n, tl.Len())
				}
				ranks := []int{0, n / 5, n / 2, n / 2, n - 1}
				out := make([]int64, len(ranks))
				tl.Select(ranks, out)
				for i, r := range ranks {
					if out[i] != sorted[r] {
						t.Fatalf("%s n=%d: rank %d = %d, want %d", name, n, r, out[i], sorted[r])
					}
				}
				var got []int64
				tl.Each(func(v int64, count int) {
					for range count {
						got = append(got, v)
					}
				})
				if !slices.Equal(got, sorted) {
					t.Fatalf("%s n=%d: Each lists %d values, not the sorted %d", name, n, len(got), n)
				}
			}
		}
	}
}

// The table of counts stops growing at tally.MaxCounted; the values beyond are
// kept one by one.
func TestTallyBounds(t *testing.T) {
	var tl tally.Tally
	for _, v := range []int64{0, 63, 64, 1000, tally.MaxCounted - 1, tally.MaxCounted, 1 << 50} {
		tl.Add(v)
	}
	if len(tl.Counts()) != tally.MaxCounted || !slices.Equal(tl.Wide(), []int64{tally.MaxCounted, 1 << 50}) {
		t.Errorf("%d counts, wide %v; want %d counts, wide [%d %d]", len(tl.Counts()), tl.Wide(), tally.MaxCounted, tally.MaxCounted, int64(1<<50))
	}
	var empty tally.Tally
	empty.Each(func(int64, int) { t.Error("the empty tally has a value") })
	if empty.Len() != 0 {
		t.Errorf("the empty tally has %d values", empty.Len())
	}
}

// AddN adds as many Adds do, counted or wide, into an empty table or a
// grown one.
func TestAddN(t *testing.T) {
	for _, v := range []int64{0, 1, 63, 64, 5000, tally.MaxCounted - 1, tally.MaxCounted, 1 << 50, math.MaxInt64} {
		for _, n := range []int{0, 1, 2, 7} {
			for _, grown := range []bool{false, true} {
				var a, b tally.Tally
				if grown {
					a.Add(tally.MaxCounted - 1)
					b.Add(tally.MaxCounted - 1)
				}
				a.AddN(v, n)
				for range n {
					b.Add(v)
				}
				if !slices.Equal(a.Counts(), b.Counts()) || !slices.Equal(a.Wide(), b.Wide()) {
					t.Errorf("AddN(%d, %d), grown %v: counts %d wide %v, want %d %v", v, n, grown, len(a.Counts()), a.Wide(), len(b.Counts()), b.Wide())
				}
			}
		}
	}
}

// EachFloat64 hands on values that are one float64 as one, their counts
// added, in increasing order.
func TestEachFloat64(t *testing.T) {
	var tl tally.Tally
	for _, v := range []int64{3, 3, 1 << 53, 1<<53 + 1, math.MaxInt64 - 1, math.MaxInt64} {
		tl.Add(v)
	}
	var values []float64
	var counts []int
	tl.EachFloat64(func(v float64, count int) {
		values, counts = append(values, v), append(counts, count)
	})
	if !slices.Equal(values, []float64{3, 1 << 53, 1 << 63}) || !slices.Equal(counts, []int{2, 2, 2}) {
		t.Errorf("EachFloat64: %v %v", values, counts)
	}
}
