package rfm

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// bucket without branches counts the cuts below v as the loop with a
// branch per cut did: at the cuts, between them, beyond them, with equal
// neighbouring cuts and infinities.
func TestBucketCountsTheCutsBelow(t *testing.T) {
	reference := func(c *Cuts, v float64) uint8 {
		b := uint8(1)
		for _, cut := range c {
			if v > cut {
				b++
			}
		}
		return b
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for range 2000 {
		var c Cuts
		for i := range c {
			c[i] = float64(rng.IntN(20))
		}
		if rng.IntN(5) == 0 {
			c[rng.IntN(4)] = math.Inf(1)
		}
		slices.Sort(c[:])
		for _, v := range []float64{-1, 0, c[0], c[1], c[2], c[3], rng.Float64() * 25, math.Inf(1), math.Inf(-1), math.Nextafter(c[2], 30)} {
			if got, want := c.bucket(v), reference(&c, v); got != want {
				t.Fatalf("%v.bucket(%v) = %d, want %d", c, v, got, want)
			}
		}
	}
}
