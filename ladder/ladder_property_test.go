package ladder_test

import (
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// All else equal, more referrals never lower the rung reached (Reached
// ignores lapsing, which referrals do not undo), and never make an active
// customer lapsed. Checked on generated profiles and the sample shop,
// with the default and a strict configuration.
func TestMoreReferralsNeverLowerTheRung(t *testing.T) {
	ps, err := sample.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	profiles := append(segmenttest.Random(2000, 21), ps...)
	strict := ladder.Defaults()
	strict.AdvocateReferrals = 3
	rng := rand.New(rand.NewPCG(4, 4))
	for _, cfg := range []*ladder.Config{nil, &strict} {
		c := mustNew(t, cfg)
		rose := 0
		for i := range profiles {
			p := profiles[i]
			n := p.Signals.Referrals.Or(0)
			p.Signals.Referrals = segment.Some(n)
			before := c.Classify(&p)
			p.Signals.Referrals = segment.Some(n + 1 + rng.IntN(5))
			after := c.Classify(&p)
			if ladder.Reached(after) < ladder.Reached(before) {
				t.Fatalf("%s: %d referrals reach %s, %s reach %s", p.ID, n, ladder.Reached(before), p.Signals.Referrals, ladder.Reached(after))
			}
			if before.Primary != ladder.Lapsed && after.Primary == ladder.Lapsed {
				t.Fatalf("%s: more referrals made a %s customer lapsed", p.ID, before.Primary)
			}
			if ladder.Reached(after) > ladder.Reached(before) {
				rose++
			}
		}
		if rose == 0 {
			t.Errorf("config %+v: referrals never raised a rung; the property checks nothing", cfg)
		}
	}
}
