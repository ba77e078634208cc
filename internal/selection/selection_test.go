package selection

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// inputs are value sets of every shape: random, full of ties, sorted,
// reversed, amounts in cents, of mixed signs and magnitudes with zeros
// of both signs, infinities and subnormals, all equal; small, and past
// minBuckets.
func inputs(rng *rand.Rand) [][]float64 {
	in := [][]float64{{7}, {2, 1}, {1, 1, 1, 1}}
	for _, n := range []int{2, 9, 17, 100, 1000, minBuckets - 1, minBuckets, 3 * minBuckets} {
		random, ties, sorted, reversed := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		amounts, wild, one := make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			random[i] = rng.NormFloat64() * 100
			ties[i] = float64(rng.IntN(3))
			sorted[i] = float64(i)
			reversed[i] = float64(n - i)
			amounts[i] = math.Round(rng.ExpFloat64()*5000) / 100
			wild[i] = []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), 5e-324, -5e-324,
				math.MaxFloat64, -math.MaxFloat64, rng.NormFloat64() * 1e300, rng.NormFloat64() * 1e-300}[rng.IntN(10)]
			one[i] = 9.99
		}
		in = append(in, random, ties, sorted, reversed, amounts, wild, one)
	}
	return in
}

// centAmounts returns n amounts in cents, exponentially distributed
// around 50.
func centAmounts(rng *rand.Rand, n int) []float64 {
	amounts := make([]float64, n)
	for i := range amounts {
		amounts[i] = math.Round(rng.ExpFloat64()*5000) / 100
	}
	return amounts
}

// randomRanks returns up to max ranks below n, in any order, with
// repeats.
func randomRanks(rng *rand.Rand, n, max int) []int {
	ranks := make([]int, 1+rng.IntN(max))
	for i := range ranks {
		ranks[i] = rng.IntN(n)
	}
	if rng.IntN(2) == 0 {
		ranks[0] = n - 1
	}
	return ranks
}

// Float64s gives what a sort gives at every rank asked for, in buckets
// or not, and keeps the values.
func TestFloat64s(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, in := range inputs(rng) {
		want := slices.Sorted(slices.Values(in))
		for range 20 {
			ranks := randomRanks(rng, len(in), maxBucketRanks+2)
			out := make([]float64, len(ranks))
			work := slices.Clone(in)
			Float64s(work, ranks, out)
			for i, r := range ranks {
				if out[i] != want[r] {
					t.Fatalf("%d values (%v...): rank %d = %v, want %v", len(in), in[0], r, out[i], want[r])
				}
			}
			slices.Sort(work)
			if !slices.Equal(work, want) {
				t.Fatalf("%d values: not the same values after", len(in))
			}
		}
	}
}

// Select agrees with sorting at every rank asked for, and leaves none
// greater before a rank and none smaller after.
func TestSelect(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, in := range inputs(rng) {
		if len(in) > 1000 {
			continue
		}
		want := slices.Sorted(slices.Values(in))
		for range 20 {
			ranks := randomRanks(rng, len(in), 5)
			slices.Sort(ranks)
			work := slices.Clone(in)
			Select(work, ranks)
			for _, r := range ranks {
				if work[r] != want[r] || slices.Max(work[:r+1]) != want[r] || slices.Min(work[r:]) != want[r] {
					t.Fatalf("Select(%v, %v) left %v", in, ranks, work)
				}
			}
		}
	}
}

// byBuckets does the work for a million amounts in cents, and declines a
// set of few distinct values (Select then does it).
func TestByBucketsTakesAmounts(t *testing.T) {
	amounts := centAmounts(rand.New(rand.NewPCG(5, 6)), 1<<20)
	n := len(amounts)
	out := make([]float64, 4)
	if !byBuckets(amounts, []int{n / 5, 2 * n / 5, 3 * n / 5, 4 * n / 5}, out) {
		t.Fatal("a million amounts: not selected through buckets")
	}
	few := make([]float64, 1<<16)
	for i := range few {
		few[i] = float64(i % 3)
	}
	if byBuckets(few, []int{100}, out) {
		t.Fatal("three distinct values: selected through buckets")
	}
}

// BenchmarkFloat64s compares Float64s and Select on a million amounts in
// cents, RFM's four ranks, each run on a fresh copy.
func BenchmarkFloat64s(b *testing.B) {
	amounts := centAmounts(rand.New(rand.NewPCG(7, 8)), 1<<20)
	n := len(amounts)
	quintiles := []int{n / 5, 2 * n / 5, 3 * n / 5, 4 * n / 5}
	out := make([]float64, len(quintiles))
	work := make([]float64, n)
	b.Run("buckets", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			copy(work, amounts)
			Float64s(work, quintiles, out)
		}
	})
	b.Run("select", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			copy(work, amounts)
			Select(work, quintiles)
		}
	})
}
