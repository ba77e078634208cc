package rfm

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// A tally, whole or merged from parts, holds the values it was given:
// the cut points, the counts per score and the histogram of a full sort,
// for values counted, kept one by one beyond maxTallied, or both; fixed
// and fitted cuts; bases of every small size.
func TestTallyMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	shapes := map[string]func() int64{
		"one value": func() int64 { return 3 },
		"occasions": func() int64 { return 1 + int64(rng.ExpFloat64()*2) },
		"days":      func() int64 { return rng.Int64N(1200) },
		"edge":      func() int64 { return maxTallied - 2 + rng.Int64N(4) },
		"some wide": func() int64 { return []int64{0, 5, maxTallied - 1, maxTallied, 1 << 40}[rng.IntN(5)] },
		"all wide":  func() int64 { return maxTallied + rng.Int64N(1<<40) },
		"largest":   func() int64 { return math.MaxInt64 - rng.Int64N(3) },
	}
	for name, value := range shapes {
		for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 9, 10, 31, 100, 1000, 40_000} {
			values := make([]int64, n)
			var whole tally
			parts := make([]tally, 3)
			for i := range values {
				values[i] = value()
				whole.add(values[i])
				parts[rng.IntN(3)].add(values[i])
			}
			var merged tally
			for i := range parts {
				merged.merge(&parts[i])
			}
			for _, tl := range []*tally{&whole, &merged} {
				if got, want := tl.histogram(), histogramOf(values); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s n=%d: histogram %v, want %v", name, n, got, want)
				}
				for _, reversed := range []bool{false, true} {
					want, wantCounts := sortedFit(values, nil, reversed)
					var counts [5]int
					got := tl.fit(&counts, segment.Opt[Cuts]{}, n, reversed)
					if got != want || counts != wantCounts {
						t.Fatalf("%s n=%d reversed=%v: cuts %v counts %v, want %v %v", name, n, reversed, got, counts, want, wantCounts)
					}
					fixed := Cuts{2, 5, 20, maxTallied}
					_, wantCounts = sortedFit(values, &fixed, reversed)
					got = tl.fit(&counts, segment.Some(fixed), n, reversed)
					if got != fixed || counts != wantCounts {
						t.Fatalf("%s n=%d reversed=%v, fixed cuts: cuts %v counts %v, want %v %v", name, n, reversed, got, counts, fixed, wantCounts)
					}
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

// An empty tally has the empty histogram of an empty selection, and the
// table of counts stops growing at maxTallied.
func TestTallyBounds(t *testing.T) {
	var empty tally
	if got := empty.histogram(); got.Values != nil || got.Counts != nil {
		t.Errorf("empty histogram %#v, want nil slices as histogramOf gives", got)
	}
	var tl tally
	for _, v := range []int64{0, 63, 64, 1000, maxTallied - 1, maxTallied, 1 << 50} {
		tl.add(v)
	}
	if len(tl.counts) != maxTallied || !slices.Equal(tl.wide, []int64{maxTallied, 1 << 50}) {
		t.Errorf("%d counts, wide %v; want %d counts, wide [%d %d]", len(tl.counts), tl.wide, maxTallied, maxTallied, int64(1<<50))
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
