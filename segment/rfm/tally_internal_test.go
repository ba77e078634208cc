package rfm

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/internal/tally"
	"github.com/clientele-go/clientele/internal/tally/tallytest"
	"github.com/clientele-go/clientele/segment"
)

// RFM's reading of a tally, whole or merged from parts, is a full
// sort's: the cut points, the counts per score and the histogram, for
// values counted, kept one by one beyond tally.MaxCounted, or both; fixed
// and fitted cuts; bases of every small size.
func TestFitTallyMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	shapes := tallytest.Shapes(rng)
	for name, value := range shapes {
		for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 9, 10, 31, 100, 1000, 40_000} {
			values, tallies := tallytest.Tallies(rng, n, value)
			for _, tl := range tallies {
				if got, want := histogram(tl), histogramOf(values); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s n=%d: histogram %v, want %v", name, n, got, want)
				}
				for _, reversed := range []bool{false, true} {
					want, wantCounts := sortedFit(values, nil, reversed)
					var counts [5]int
					got := fitTally(tl, &counts, segment.Opt[Cuts]{}, n, reversed)
					if got != want || counts != wantCounts {
						t.Fatalf("%s n=%d reversed=%v: cuts %v counts %v, want %v %v", name, n, reversed, got, counts, want, wantCounts)
					}
					fixed := Cuts{2, 5, 20, tally.MaxCounted}
					_, wantCounts = sortedFit(values, &fixed, reversed)
					got = fitTally(tl, &counts, segment.Some(fixed), n, reversed)
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

// An empty tally has the empty histogram of an empty selection; days
// and occasions past 2^53 that are one float64 are one value of a
// histogram that validates.
func TestTallyBounds(t *testing.T) {
	var empty tally.Tally
	if got := histogram(&empty); got.Values != nil || got.Counts != nil {
		t.Errorf("empty histogram %#v, want nil slices as histogramOf gives", got)
	}
	var huge tally.Tally
	values := []int64{1, 1 << 53, 1<<53 + 1, math.MaxInt64 - 1, math.MaxInt64}
	for _, v := range values {
		huge.Add(v)
	}
	h := histogram(&huge)
	if want := (Histogram{Values: []float64{1, 1 << 53, 1 << 63}, Counts: []int{1, 2, 2}}); !reflect.DeepEqual(h, want) || !reflect.DeepEqual(histogramOf(values), want) {
		t.Errorf("histogram %v, histogramOf %v, want %v", h, histogramOf(values), want)
	}
	if err := h.validate(frequencyDim, true); err != nil {
		t.Error(err)
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
