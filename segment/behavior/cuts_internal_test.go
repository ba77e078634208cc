package behavior

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/internal/tally"
)

// nth agrees with sorting on inputs full of ties, sorted, reversed and
// random, at every index, and leaves none greater before the index and
// none smaller after.
func TestNth(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	inputs := [][]float64{{7}, {2, 1}, {1, 1, 1, 1}}
	for n := 1; n <= 200; n += 7 {
		random, ties, sorted, reversed := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			random[i] = rng.NormFloat64() * 100
			ties[i] = float64(rng.IntN(3))
			sorted[i] = float64(i)
			reversed[i] = float64(n - i)
		}
		inputs = append(inputs, random, ties, sorted, reversed)
	}
	for _, in := range inputs {
		want := slices.Sorted(slices.Values(in))
		for i := range in {
			work := slices.Clone(in)
			if got := nth(work, i); got != want[i] {
				t.Fatalf("nth(%v, %d) = %v, want %v", in, i, got, want[i])
			}
			// topCuts selects the next cut from i on.
			if slices.Max(work[:i+1]) != want[i] || slices.Min(work[i:]) != want[i] {
				t.Fatalf("nth(%v, %d) left %v", in, i, work)
			}
		}
	}
}

// topCuts, selecting each cut among the values the previous one left
// above it, finds the cuts a full sort gives: shares equal, apart and in
// any order, bases small and large, full of ties or not.
func TestTopCutsIsSorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	shares := [][3]float64{{0.2, 0.1, 0.2}, {0.001, 0.5, 0.05}, {0.5, 0.5, 0.5}, {0.3, 0.001, 0.1}}
	for _, n := range []int{1, 2, 3, 5, 9, 10, 11, 100, 997, 20_000} {
		for _, spread := range []int{1, 3, 50, 1 << 30} {
			values := make([]float64, n)
			for i := range values {
				values[i] = float64(rng.IntN(spread)) / 4
			}
			sorted := slices.Sorted(slices.Values(values))
			for _, qs := range shares {
				got := topCuts(slices.Clone(values), qs)
				for i, q := range qs {
					if want := sorted[topRank(n, q)]; got[i] != want {
						t.Fatalf("n=%d spread=%d shares %v: cut %d is %v, want %v", n, spread, qs, i, got[i], want)
					}
				}
			}
		}
	}
}

// tallyTopCut, reading the counts of whole numbers, finds the cut a
// full sort gives, for values counted and kept one by one beyond the
// table.
func TestTallyTopCutIsSorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 2))
	odd := []int64{1, tally.MaxCounted - 1, tally.MaxCounted, tally.MaxCounted + 1, 1 << 62}
	for _, n := range []int{1, 2, 3, 9, 10, 11, 100, 5000} {
		for _, spread := range []int{1, 2, 7, 300} {
			for _, withOdd := range []bool{false, true} {
				values := make([]int64, n)
				for i := range values {
					values[i] = int64(1 + rng.IntN(spread))
				}
				if withOdd {
					values[rng.IntN(n)] = odd[rng.IntN(len(odd))]
				}
				var tl tally.Tally
				for _, v := range values {
					tl.Add(v)
				}
				sorted := slices.Sorted(slices.Values(values))
				for _, q := range []float64{0.001, 0.1, 0.2, 0.5} {
					if got, want := tallyTopCut(&tl, n, q), float64(sorted[topRank(n, q)]); got != want {
						t.Fatalf("n=%d spread=%d odd=%v q=%v: %v, want %v (values %v)", n, spread, withOdd, q, got, want, values)
					}
				}
			}
		}
	}
}
