package behavior

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// nth agrees with sorting on inputs full of ties, sorted, reversed and
// random, at every index.
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
		}
	}
}
