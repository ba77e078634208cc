package sabone_test

import (
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// Classify skips the indicators when no qualifying input is known (most
// order-only customers); its answer must still be Explain's, with any mix
// of the supporting inputs, and with one qualifying input known.
func TestClassifyShortcutEqualsExplain(t *testing.T) {
	c := mustNew(t, nil)
	clear := []func(p *segment.Profile){
		func(p *segment.Profile) { p.Signals.DistanceKm = segment.Opt[float64]{} },
		func(p *segment.Profile) { p.Signals.SocialPosts = segment.Opt[int]{} },
		func(p *segment.Profile) { p.Signals.BonusRedeemed = segment.Opt[float64]{} },
		func(p *segment.Profile) { p.Signals.Courses = segment.Opt[int]{} },
		func(p *segment.Profile) { p.Signals.Webinars = segment.Opt[int]{} },
		func(p *segment.Profile) { p.Signals.ExperienceYears = segment.Opt[float64]{} },
		func(p *segment.Profile) { p.NewProducts = segment.Opt[int]{} },
		func(p *segment.Profile) { p.Discounted = segment.Opt[int]{} },
		func(p *segment.Profile) { p.PremiumBuys = segment.Opt[int]{} },
	}
	for i, p := range segmenttest.Random(3000, 11) {
		// Every qualifying input unknown but one (by turns), or all.
		keep := i % (len(clear) + 1)
		for j, f := range clear {
			if j != keep {
				f(&p)
			}
		}
		if got, want := c.Classify(&p), c.Explain(&p).Result; got != want {
			t.Fatalf("profile %s: Classify %+v, Explain %+v", p.ID, got, want)
		}
	}
}
