// Package tallytest gives the tests of tally.Tally and of its users the
// same shapes of values to draw from.
package tallytest

import (
	"math"
	"math/rand/v2"

	"github.com/clientele-go/clientele/internal/tally"
)

// Shapes returns, by name, draws of whole numbers >= 0 of every shape a
// tally must hold: one value, occasions, days, values on either side of
// tally.MaxCounted, some or all past it, the largest int64s.
func Shapes(rng *rand.Rand) map[string]func() int64 {
	return map[string]func() int64{
		"one value": func() int64 { return 3 },
		"occasions": func() int64 { return 1 + int64(rng.ExpFloat64()*2) },
		"days":      func() int64 { return rng.Int64N(1200) },
		"edge":      func() int64 { return tally.MaxCounted - 2 + rng.Int64N(4) },
		"some wide": func() int64 { return []int64{0, 5, tally.MaxCounted - 1, tally.MaxCounted, 1 << 40}[rng.IntN(5)] },
		"all wide":  func() int64 { return tally.MaxCounted + rng.Int64N(1<<40) },
		"largest":   func() int64 { return math.MaxInt64 - rng.Int64N(3) },
	}
}

// Tallies draws n values and returns them, with two tallies of them: one
// they were added to, one merged from three tallies of random parts.
func Tallies(rng *rand.Rand, n int, value func() int64) ([]int64, [2]*tally.Tally) {
	values := make([]int64, n)
	var whole, merged tally.Tally
	parts := make([]tally.Tally, 3)
	for i := range values {
		values[i] = value()
		whole.Add(values[i])
		parts[rng.IntN(3)].Add(values[i])
	}
	for i := range parts {
		merged.Merge(&parts[i])
	}
	return values, [2]*tally.Tally{&whole, &merged}
}
