package rfm

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// Integer dimensions, counted when their values span a narrow range and
// selected otherwise, get the cut points and the counts per score of a
// full sort: narrow, wide and extreme ranges, fixed and fitted cuts,
// bases of every small size.
func TestFitIntsMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	shapes := map[string]func() int64{
		"one value":  func() int64 { return 3 },
		"occasions":  func() int64 { return 1 + int64(rng.ExpFloat64()*2) },
		"days":       func() int64 { return rng.Int64N(1200) },
		"negative":   func() int64 { return rng.Int64N(50) - 25 },
		"just wide":  func() int64 { return rng.Int64N(maxTallied + 1) },
		"wide":       func() int64 { return rng.Int64N(1 << 40) },
		"extremes":   func() int64 { return []int64{math.MinInt64, -1, 0, math.MaxInt64}[rng.IntN(4)] },
		"big offset": func() int64 { return math.MaxInt64 - rng.Int64N(100) },
	}
	for name, value := range shapes {
		for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 9, 10, 31, 100, 1000, 40_000} {
			values := make([]int64, n)
			for i := range values {
				values[i] = value()
			}
			for _, reversed := range []bool{false, true} {
				want, wantCounts := sortedFit(values, nil, reversed)
				var counts [5]int
				got := fitInts(&counts, segment.Opt[Cuts]{}, slices.Clone(values), reversed)
				if got != want || counts != wantCounts {
					t.Fatalf("%s n=%d reversed=%v: cuts %v counts %v, want %v %v", name, n, reversed, got, counts, want, wantCounts)
				}
				fixed := Cuts{2, 5, 20, 400}
				_, wantCounts = sortedFit(values, &fixed, reversed)
				got = fitInts(&counts, segment.Some(fixed), slices.Clone(values), reversed)
				if got != fixed || counts != wantCounts {
					t.Fatalf("%s n=%d reversed=%v, fixed cuts: cuts %v counts %v, want %v %v", name, n, reversed, got, counts, fixed, wantCounts)
				}
			}
		}
	}
}

// sortedFit is the reference: the cut points read from a sorted copy
// (fixed ones if given), and the customers per score counted one by one.
func sortedFit(values []int64, fixed *Cuts, reversed bool) (Cuts, [5]int) {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	n := len(sorted)
	c := Cuts{float64(sorted[(n+4)/5-1]), float64(sorted[(2*n+4)/5-1]), float64(sorted[(3*n+4)/5-1]), float64(sorted[(4*n+4)/5-1])}
	if fixed != nil {
		c = *fixed
	}
	var counts [5]int
	for _, v := range values {
		b := 1
		for _, cut := range c {
			if float64(v) > cut {
				b++
			}
		}
		if reversed {
			b = 6 - b
		}
		counts[b-1]++
	}
	return c, counts
}

// Counting is what happens to narrow ranges, and only to them.
func TestTallyOnlyNarrowRanges(t *testing.T) {
	for _, tc := range []struct {
		values []int64
		want   bool
	}{
		{nil, false},
		{[]int64{7}, true},
		{[]int64{1, 2}, true},
		{[]int64{1, 3}, false}, // three values for two customers
		{[]int64{math.MinInt64, math.MaxInt64}, false},
		{append(make([]int64, maxTallied-1), maxTallied-1), true},
		{append(make([]int64, maxTallied), maxTallied), false},
	} {
		if _, got := tallyOf(tc.values); got != tc.want {
			t.Errorf("%d values from %v: counted %v, want %v", len(tc.values), slices.Min(append(tc.values, math.MaxInt64)), got, tc.want)
		}
	}
}

// countBuckets, unrolled, counts each value in the bucket Cuts.bucket
// gives it: values on the cuts, between and beyond them, equal cuts.
func TestCountBucketsIsBucket(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	for _, c := range []Cuts{{1, 2, 3, 4}, {2, 2, 2, 2}, {0, 0.5, 0.5, 10}, {math.Inf(-1), -1, 1, math.Inf(1)}} {
		values := make([]float64, 5000)
		for i := range values {
			values[i] = float64(rng.IntN(25))/2 - 2
			if rng.IntN(10) == 0 {
				values[i] = c[rng.IntN(4)]
			}
		}
		for _, reversed := range []bool{false, true} {
			var want, got [5]int
			for _, v := range values {
				b := int(c.bucket(v))
				if reversed {
					b = 6 - b
				}
				want[b-1]++
			}
			countBuckets(&got, &c, values, reversed)
			if got != want {
				t.Errorf("cuts %v reversed=%v: %v, want %v", c, reversed, got, want)
			}
		}
	}
}
