package behavior

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// The plain evaluator (Classify's) decides every type as the evaluator
// with the log (Explain's) does, and Classify gives what Explain gives,
// on the test kit's random and extreme profiles under random settings,
// cuts and P(alive) models.
func TestPlainDecidesAsExplain(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 41))
	profiles := append(segmenttest.Random(3000, 31), segmenttest.Extremes()...)
	for round := range 300 {
		cfg := randomConfig(rng)
		cuts := randomCuts(rng)
		var opts []Option
		pAlive := randomPAlive(rng)
		if pAlive != nil {
			opts = append(opts, WithPAlive(pAlive))
		}
		c, err := New(&cfg, opts...)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if c, err = c.WithCuts(cuts); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for range 100 {
			p := &profiles[rng.IntN(len(profiles))]
			var logged, plain evaluator
			var rs reasons
			logged.init(&c.cfg, &c.lim, &c.cuts, c.pAlive, p, &rs)
			logged.decide()
			plain.init(&c.cfg, &c.lim, &c.cuts, c.pAlive, p, nil)
			(*plainEvaluator)(&plain).decide()
			if plain.yes != logged.yes || plain.unknown != logged.unknown || plain.regularTruth != logged.regularTruth {
				t.Fatalf("round %d, %s: plain %#x %#x %v, logged %#x %#x %v", round, p.ID,
					plain.yes, plain.unknown, plain.regularTruth, logged.yes, logged.unknown, logged.regularTruth)
			}
			if got, want := c.Classify(p), c.Explain(p).Result; got != want {
				t.Fatalf("round %d, %s: Classify %+v, Explain %+v", round, p.ID, got, want)
			}
		}
	}
}

// randomConfig returns valid settings around the scale of real ones, so
// that every rule goes both ways on the test kit's profiles.
func randomConfig(rng *rand.Rand) Config {
	days := func(lo, hi int) int { return lo + rng.IntN(hi-lo+1) }
	share := func() float64 { return 0.01 + 0.99*rng.Float64() }
	cfg := Defaults()
	cfg.PotentialContacts = days(1, 20)
	cfg.SleepingDays = days(30, 400)
	cfg.LostDays = cfg.SleepingDays + days(1, 600)
	cfg.NewDays = days(1, cfg.LostDays)
	cfg.HotInquiryDays = days(1, cfg.LostDays)
	cfg.RareGapDays = days(1, 300)
	cfg.RegularOccasions = days(2, 12)
	cfg.GoldTenureDays = days(1, 1000)
	cfg.StatusPremiumShare = share()
	cfg.LeadInfluence = days(1, 30)
	cfg.FanAdvocacy = days(1, 30)
	cfg.PioneerNewShare = share()
	cfg.PioneerMinOccasions = days(1, 10)
	cfg.DetailResearch = 0.01 + 20*rng.Float64()
	cfg.SleepingGapFactor = 1 + 5*rng.Float64()
	cfg.Alive.Sleeping = 0.1 + 0.9*rng.Float64()
	cfg.Alive.Lost = 0.001 + (cfg.Alive.Sleeping-0.01)*rng.Float64()
	cfg.DissatisfiedDays = days(1, 400)
	cfg.UnderClientMaxOccasions = days(1, 5)
	cfg.ProblemComplaints = days(1, 20)
	cfg.ProblemReturnRate = 0.01 + 2*rng.Float64()
	cfg.ProblemMinOrders = days(1, 20)
	cfg.ImpossibleSupportPerOrder = 0.01 + 10*rng.Float64()
	cfg.BargainShare = share()
	cfg.BargainMinOccasions = days(1, 10)
	return cfg
}

// randomCuts returns cuts of the scale of the test kit's profiles, each
// missing (not fitted) now and then.
func randomCuts(rng *rand.Rand) Cuts {
	cut := func(scale float64) segment.Opt[float64] {
		if rng.IntN(6) == 0 {
			return segment.Opt[float64]{}
		}
		return segment.Some(scale * rng.Float64())
	}
	return Cuts{GoldRevenue: cut(5000), SuperRevenue: cut(5000), SuperOccasions: cut(60), StatusAOV: cut(300), LeadRevenue: cut(5000)}
}

// randomPAlive returns no model, or one that judges a customer by a hash
// of its id (FNV-1a from a basis drawn from rng, so that a failure
// reproduces): not at all, with NaN, out of range, or a probability.
func randomPAlive(rng *rand.Rand) func(p *segment.Profile) (float64, bool) {
	if rng.IntN(3) == 0 {
		return nil
	}
	basis := rng.Uint64()
	return func(p *segment.Profile) (float64, bool) {
		h := basis
		for i := 0; i < len(p.ID); i++ {
			h = (h ^ uint64(p.ID[i])) * 1099511628211
		}
		switch h % 8 {
		case 0:
			return 0, false
		case 1:
			return math.NaN(), true
		case 2:
			return 1.5, true
		}
		return float64(h>>8%1001) / 1000, true
	}
}

// The plain path's shortcuts for signals that are all unknown (see
// evaluator.worth) give what the rules give: on profiles without any
// signal, as an order log alone makes them, with one signal only, each in
// turn, and with random few signals, often zero (as counts of zero, with
// no date, decide some rules), the plain evaluator decides as the one
// with the log, which takes no shortcut, and Classify gives what Explain
// gives. (TestPlainDecidesAsExplain's random profiles have most signals.)
func TestPlainShortcutsDecideAsExplain(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 43))
	profiles := append(segmenttest.Random(300, 37), segmenttest.Extremes()...)
	fields := reflect.TypeFor[segment.Signals]().NumField()
	for round := range 8 {
		cfg := randomConfig(rng)
		c, err := New(&cfg)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if c, err = c.WithCuts(randomCuts(rng)); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for i := range profiles {
			// keep -1 is no signal at all, keep f only signal f, and
			// beyond that a few at random.
			for keep := -1; keep < 2*fields; keep++ {
				p := profiles[i]
				p.Signals = segment.Signals{}
				switch {
				case keep >= fields:
					p.Signals = fewSignals(rng, &profiles[i])
				case keep >= 0:
					reflect.ValueOf(&p.Signals).Elem().Field(keep).Set(reflect.ValueOf(profiles[i].Signals).Field(keep))
				}
				var logged, plain evaluator
				var rs reasons
				logged.init(&c.cfg, &c.lim, &c.cuts, c.pAlive, &p, &rs)
				logged.decide()
				plain.init(&c.cfg, &c.lim, &c.cuts, c.pAlive, &p, nil)
				(*plainEvaluator)(&plain).decide()
				if plain.yes != logged.yes || plain.unknown != logged.unknown || plain.regularTruth != logged.regularTruth {
					t.Fatalf("round %d, %s, variant %d %+v: plain %#x %#x %v, logged %#x %#x %v", round, p.ID, keep, p.Signals,
						plain.yes, plain.unknown, plain.regularTruth, logged.yes, logged.unknown, logged.regularTruth)
				}
				if got, want := c.Classify(&p), c.Explain(&p).Result; got != want {
					t.Fatalf("round %d, %s, variant %d: Classify %+v, Explain %+v", round, p.ID, keep, got, want)
				}
			}
		}
	}
}

// fewSignals returns p's signals with most unknown: each is p's with
// probability 1/6, a zero (a count of zero, false, the day of AsOf) with
// probability 1/6, else unknown.
func fewSignals(rng *rand.Rand, p *segment.Profile) segment.Signals {
	var s segment.Signals
	from := reflect.ValueOf(p.Signals)
	to := reflect.ValueOf(&s).Elem()
	for f := range from.NumField() {
		switch rng.IntN(6) {
		case 0:
			to.Field(f).Set(from.Field(f))
		case 1:
			name, _, _ := strings.Cut(from.Type().Field(f).Tag.Get("json"), ",")
			if s.Set(name, "0") != nil && s.Set(name, "false") != nil {
				_ = s.Set(name, p.AsOf.String())
			}
		}
	}
	return s
}
