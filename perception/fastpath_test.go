package perception_test

import (
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// Classify returns at once when no engagement is known (customers from an
// order export); its answer must still be Explain's, whatever else the
// profile holds, and under a configuration that asks for the fewest
// engagements and the smallest share. Some profiles keep one engagement, known or negative, so both
// sides of the shortcut are checked.
func TestClassifyShortcutEqualsExplain(t *testing.T) {
	clear := func(s *segment.Signals) {
		for _, o := range []*segment.Opt[int]{&s.VideoViews, &s.ImageViews, &s.AudioPlays, &s.Calls, &s.Webinars,
			&s.StoreVisits, &s.Samples, &s.Tastings, &s.TestDrives, &s.MasterClasses} {
			*o = segment.Opt[int]{}
		}
	}
	lax := perception.Defaults()
	lax.MinEngagements, lax.MinShare = 1, 0.01
	rng := rand.New(rand.NewPCG(5, 5))
	shortcut := 0
	for _, cfg := range []*perception.Config{nil, &lax} {
		c := mustNew(t, cfg)
		for _, p := range append(segmenttest.Random(3000, 17), segmenttest.Extremes()...) {
			clear(&p.Signals)
			switch rng.IntN(3) {
			case 0:
				p.Signals.Calls = segment.Some(rng.IntN(5))
			case 1:
				p.Signals.StoreVisits = segment.Some(-1) // invalid, not known as evidence
				shortcut++
			default:
				shortcut++
			}
			if got, want := c.Classify(&p), c.Explain(&p).Result; got != want {
				t.Fatalf("%s: Classify %+v, Explain %+v", p.ID, got, want)
			}
		}
	}
	if shortcut == 0 {
		t.Fatal("no profile took the shortcut")
	}
}
