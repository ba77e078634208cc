package sabone

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// referenceEval is eval as it was before the plain path lost its
// branches: check per indicator, a tally updated only for known ones, a
// switch per score. The plain path must agree with it bit for bit.
func referenceEval(c *Classifier, p *segment.Profile) segment.Result[Category] {
	type refTally struct {
		known, held  int
		sum, qualSum float64
		qualKnown    int
		applies      bool
	}
	score := func(t *refTally) float32 {
		switch {
		case t.applies:
			return segment.Clamp01(0.5 + 0.5*t.sum/float64(t.known))
		case t.qualKnown > 0:
			return segment.Clamp01(0.5 * t.qualSum / float64(t.qualKnown))
		}
		return 0
	}
	var tallies [Expert + 1]refTally
	var inputs [numIndicators]input
	measure(p, &c.cfg, &inputs)
	for id := range numIndicators {
		ind, in := &indicators[id], &inputs[id]
		known, held, sc := in.check(ind.op)
		if !known {
			continue
		}
		t := &tallies[ind.category]
		t.known++
		t.sum += sc
		if held {
			t.held++
		}
		if ind.role == qualifies {
			t.qualKnown++
			t.qualSum += sc
			t.applies = t.applies || held
		}
	}
	var res segment.Result[Category]
	for cat := Neighbourhood; cat <= Expert; cat++ {
		res.Scores[cat] = score(&tallies[cat])
	}
	stronger := func(a, b Category) bool {
		if res.Scores[a] != res.Scores[b] {
			return res.Scores[a] > res.Scores[b]
		}
		if tallies[a].held != tallies[b].held {
			return tallies[a].held > tallies[b].held
		}
		return a < b
	}
	for cat := Neighbourhood; cat <= Expert; cat++ {
		if !tallies[cat].applies {
			continue
		}
		res.Tags = res.Tags.With(cat)
		switch {
		case res.Primary == Unknown || stronger(cat, res.Primary):
			res.Primary, res.Secondary = cat, res.Primary
		case res.Secondary == Unknown || stronger(cat, res.Secondary):
			res.Secondary = cat
		}
	}
	if res.Primary == Unknown {
		return res
	}
	var runnerUp float32
	evidence := tallies[res.Primary].sum
	for cat := Neighbourhood; cat <= Expert; cat++ {
		if cat != res.Primary {
			runnerUp = max(runnerUp, res.Scores[cat])
			evidence += float64(tallies[cat].known)
		}
	}
	coverage := evidence / float64(numIndicators)
	res.Confidence = segment.Clamp01(coverage * (float64(res.Scores[res.Primary]) - float64(runnerUp)/2))
	return res
}

// referenceConfigs are the defaults and random valid configurations.
func referenceConfigs() []*Config {
	rng := rand.New(rand.NewPCG(3, 9))
	cfgs := []*Config{nil}
	for range 20 {
		c := Defaults()
		c.NearKm = 0.01 + rng.Float64()*50
		c.NoveltyShare = 0.01 + rng.Float64()*0.99
		c.SocialPosts = 1 + rng.IntN(10)
		c.VisitsPerPurchase = 0.01 + rng.Float64()*20
		c.DiscountShare = 0.01 + rng.Float64()*0.99
		c.RedeemShare = 0.01 + rng.Float64()*0.99
		c.Courses, c.Webinars, c.LongReads = 1+rng.IntN(5), 1+rng.IntN(5), 1+rng.IntN(30)
		c.NewcomerYears = 0.01 + rng.Float64()*3
		c.ExpertYears = c.NewcomerYears + 0.01 + rng.Float64()*10
		c.NewcomerDays = 1 + rng.IntN(800)
		c.PremiumShare = 0.01 + rng.Float64()*0.99
		cfgs = append(cfgs, &c)
	}
	return cfgs
}

// referenceProfiles are varied and extreme profiles, some with inputs
// negative or infinite.
func referenceProfiles() []segment.Profile {
	profiles := append(segmenttest.Random(4000, 31), segmenttest.Extremes()...)
	for i := range profiles {
		// Some inputs negative or infinite, which no valid profile has:
		// not evidence.
		p, s := &profiles[i], &profiles[i].Signals
		switch i % 9 {
		case 1:
			s.SocialPosts, s.Courses, s.Calls = segment.Some(-3), segment.Some(-1), segment.Some(-2)
		case 2:
			s.DistanceKm, s.ExperienceYears, s.DaysToPurchase = segment.Some(-1.5), segment.Some(math.Inf(1)), segment.Some(-2.0)
		case 3:
			s.BonusEarned, s.BonusRedeemed, s.LongReads = segment.Some(math.Inf(1)), segment.Some(5.0), segment.Some(-4)
		case 4:
			p.NewProducts, p.PremiumBuys, s.ComparisonsViewed = segment.Some(-2), segment.Some(-1), segment.Some(-6)
		case 5:
			s.DaysToPurchase, s.Complaints, s.Inquiries = segment.Some(math.Inf(1)), segment.Some(-1), segment.Some(-1)
		}
	}
	return profiles
}

// Classify agrees with the reference on varied and extreme profiles,
// under the defaults and under random valid configurations.
func TestClassifyIsTheReference(t *testing.T) {
	cfgs := referenceConfigs()
	profiles := referenceProfiles()
	for _, cfg := range cfgs {
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range profiles {
			p := &profiles[i]
			if got, want := c.Classify(p), referenceEval(c, p); got != want {
				t.Fatalf("%s under %+v: Classify %+v, reference %+v", p.ID, cfg, got, want)
			}
		}
	}
}

// tallyProfile adds each indicator to the tally of its category, with
// its operator and role, in the order of indicators: bit for bit what a
// loop over the table of indicators adds on measure's inputs, on varied
// and extreme profiles under the defaults and random configurations.
func TestTallyProfileFollowsIndicators(t *testing.T) {
	profiles := referenceProfiles()
	for _, cfg := range referenceConfigs() {
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range profiles {
			p := &profiles[i]
			var in [numIndicators]input
			measure(p, &c.cfg, &in)
			var want [Expert + 1]tally
			for id := range numIndicators {
				ind := &indicators[id]
				known, held, score := in[id].check(ind.op)
				w := &want[ind.category]
				w.known[all] += int(b2u(known))
				w.held += int(b2u(held))
				w.sum[all] += score
				if ind.role == qualifies {
					w.known[qualifying] += int(b2u(known))
					w.sum[qualifying] += score
					w.applies |= b2u(held)
				}
			}
			var got [Expert + 1]tally
			tallyProfile(p, &c.cfg, &got)
			for cat := range got {
				g, w := got[cat], want[cat]
				same := g.known == w.known && g.held == w.held && g.applies == w.applies &&
					math.Float64bits(g.sum[all]) == math.Float64bits(w.sum[all]) &&
					math.Float64bits(g.sum[qualifying]) == math.Float64bits(w.sum[qualifying])
				if !same {
					t.Fatalf("%s, inputs %+v: category %s tallied %+v, want %+v", p.ID, in, Category(cat), g, w)
				}
			}
		}
	}
}
