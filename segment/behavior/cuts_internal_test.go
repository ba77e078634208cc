package behavior

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/internal/tally"
)

// topCuts finds the cuts a full sort gives: shares equal, apart and in
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
