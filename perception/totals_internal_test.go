package perception

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// addProfile counts each format into its channel as the table of formats
// says, in the order of formats: bit for bit what a loop over the table
// counts on measure's engagements, on varied and extreme profiles (some
// counts negative) under random weights.
func TestAddProfileFollowsFormats(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 12))
	profiles := append(segmenttest.Random(3000, 12), segmenttest.Extremes()...)
	for i := range profiles {
		s := &profiles[i].Signals
		if i%5 == 1 {
			s.Calls, s.Samples = segment.Some(-rng.IntN(4)), segment.Some(-1)
		}
		w := Weights{VideoViews: rng.Float64() * 5, ImageViews: rng.Float64() * 5, AudioPlays: rng.Float64() * 5,
			Calls: rng.Float64() * 5, Webinars: rng.Float64() * 5, StoreVisits: rng.Float64() * 5, Samples: rng.Float64() * 5,
			Tastings: rng.Float64() * 5, TestDrives: rng.Float64() * 5, MasterClasses: rng.Float64() * 5}
		var eng [numFormats]engagement
		measure(s, &w, &eng)
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
		got.addProfile(s, &w)
		for ch := range got.raw {
			if got.observed[ch] != want.observed[ch] ||
				math.Float64bits(got.raw[ch]) != math.Float64bits(want.raw[ch]) ||
				math.Float64bits(got.weighted[ch]) != math.Float64bits(want.weighted[ch]) {
				t.Fatalf("%s, engagements %+v: channel %s %+v, want %+v", profiles[i].ID, eng, Channel(ch), got, want)
			}
		}
	}
}
