package perception

import (
	"math"
	"math/rand/v2"
	"testing"
)

// addAll counts each format into its channel as the table of formats says,
// in the order of formats: bit for bit what a loop over the table counts,
// on random engagements known or not.
func TestAddAllFollowsFormats(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 12))
	for range 20000 {
		var eng [numFormats]engagement
		for id := range eng {
			eng[id] = engagement{float64(rng.IntN(1 << rng.IntN(20))), rng.Float64() * 5, rng.IntN(3) != 0}
		}
		var want totals
		for id := range numFormats {
			if e := &eng[id]; e.known {
				ch := formats[id].channel
				want.observed[ch] = true
				want.raw[ch] += e.count
				want.weighted[ch] += e.count * e.weight
			}
		}
		var got totals
		got.addAll(&eng)
		for ch := range got.raw {
			if got.observed[ch] != want.observed[ch] ||
				math.Float64bits(got.raw[ch]) != math.Float64bits(want.raw[ch]) ||
				math.Float64bits(got.weighted[ch]) != math.Float64bits(want.weighted[ch]) {
				t.Fatalf("engagements %+v: channel %s %+v, want %+v", eng, Channel(ch), got, want)
			}
		}
	}
}
