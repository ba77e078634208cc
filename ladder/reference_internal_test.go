package ladder

import (
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// The reference is the evaluation as it was before it lost its branches
// on which indicators are known and on their scores. ClassifyNext must
// agree with it bit for bit, result and next step.

// refScore is the indicator's value against its threshold, in [0, 1]; an
// unknown indicator scores 0 but is never counted as evidence.
func refScore(in *indicator) float32 {
	if !in.known {
		return 0
	}
	return segment.Ratio(float64(in.value), float64(in.threshold))
}

// refMet reports whether the indicator is known and at its threshold.
func refMet(in *indicator) bool { return in.known && in.value >= in.threshold }

// refEval fills e and res (which must both be zero) for p, recording
// reasons when rs is not nil (the plain path passes nil and allocates
// nothing).
func (c *Classifier) refEval(p *segment.Profile, rs *[]segment.Reason, e *evaluation, res *segment.Result[Rung]) {
	if p.Occasions <= 0 {
		c.refEvalProspect(p, rs, e, res)
	} else {
		c.refEvalBuyer(p, rs, e, res)
	}
}

// refEvalProspect places a customer with no purchase: Potential when any
// interest indicator is positive, else Unknown. The score is the strongest
// indicator; nothing unknown could move a prospect off Potential, so the
// confidence is the score itself.
func (c *Classifier) refEvalProspect(p *segment.Profile, rs *[]segment.Reason, e *evaluation, res *segment.Result[Rung]) {
	cfg := &c.cfg
	s := &p.Signals
	interest := [...]indicator{
		countOf(inquiries, s.Inquiries, cfg.InterestInquiries),
		countOf(siteVisits, s.SiteVisits, cfg.InterestSiteVisits),
		flagOf(subscribed, s.Subscribed),
		countOf(storeVisits, s.StoreVisits, cfg.InterestStoreVisits),
	}
	var best float32
	for i := range interest {
		if rs != nil {
			note(rs, &interest[i])
		}
		if sc := refScore(&interest[i]); sc > best { // clamped, never NaN
			best = sc
		}
	}
	if best == 0 {
		return // no purchase and no sign of interest: nothing to go on
	}
	e.reached = Potential
	res.Primary = Potential
	res.Scores[Potential] = best
	res.Confidence = best
}

// refEvalBuyer places a customer with at least one purchase.
func (c *Classifier) refEvalBuyer(p *segment.Profile, rs *[]segment.Reason, e *evaluation, res *segment.Result[Rung]) {
	cfg := &c.cfg
	s := &p.Signals

	regular := p.Occasions >= cfg.RegularOccasions
	if rs != nil {
		// A first purchase is the definition of a new customer, not a setting.
		*rs = append(*rs,
			segment.Reason{Rule: "new", Label: NewCustomer.String(), Field: "occasions", Value: float64(p.Occasions),
				Known: true, Op: segment.GreaterEq, Threshold: 1, Held: true},
			segment.Reason{Rule: "regular", Label: Regular.String(), Field: "occasions", Value: float64(p.Occasions),
				Known: true, Op: segment.GreaterEq, Threshold: float64(cfg.RegularOccasions), Setting: "regular_occasions", Held: regular})
	}

	advocacy := [...]indicator{
		countOf(referrals, s.Referrals, cfg.AdvocateReferrals),
		countOf(positiveReviews, s.PositiveReviews, cfg.AdvocatePositiveReviews),
		countOf(socialPosts, s.SocialPosts, cfg.AdvocateSocialPosts),
	}
	var adv, nearest float32
	advKnown, advocate := 0, false
	e.nearest = advocacy[0]
	for i := range advocacy {
		in := &advocacy[i]
		if rs != nil {
			note(rs, in)
		}
		sc := refScore(in)
		if in.known {
			advKnown++
			if sc > adv {
				adv = sc
			}
			advocate = advocate || refMet(in)
		}
		if sc > nearest {
			nearest, e.nearest = sc, *in
		}
	}

	involvement := [...]indicator{
		countOf(coCreation, s.CoCreation, cfg.PartnerCoCreation),
		flagOf(ambassador, s.Ambassador),
	}
	var inv float32
	invKnown, involved := 0, false
	for i := range involvement {
		in := &involvement[i]
		if rs != nil {
			note(rs, in)
		}
		if in.known {
			invKnown++
			if sc := refScore(in); sc > inv {
				inv = sc
			}
			involved = involved || refMet(in)
		}
	}
	if involvement[0].known {
		e.coCreation = involvement[0].value
	}

	// Attainment of each rung: rungs below the one reached score 1, the
	// rungs above score the share of their requirements met. Partner
	// needs Regular and involvement, not advocacy first.
	sc := &res.Scores
	reg := segment.Ratio(float64(p.Occasions), float64(cfg.RegularOccasions))
	sc[Potential], sc[NewCustomer], sc[Regular] = 1, 1, reg
	sc[Advocate], sc[Partner] = min(reg, adv), min(reg, inv)
	e.reached = NewCustomer
	switch {
	case regular && involved:
		e.reached = Partner
	case regular && advocate:
		e.reached = Advocate
	case regular:
		e.reached = Regular
	}

	c.evalActivity(p, rs, e)
	if e.lapsed {
		// The rung reached fades as the silence grows; Lapsed takes over.
		fade := e.bound / float64(e.recency)
		for r := Potential; r <= Partner; r++ {
			sc[r] = segment.Clamp01(float64(sc[r]) * fade)
		}
		sc[Lapsed] = 1
		res.Primary, res.Secondary = Lapsed, e.reached
		res.Confidence = 1 // recency is known and past the bound; nothing unknown can undo that
		return
	}
	if e.recencyKnown {
		sc[Lapsed] = segment.Ratio(float64(e.recency), e.bound) // share of the allowance used
	}
	res.Primary = e.reached

	// Confidence: the share of the evidence that is in. The inputs that
	// established the rung count as known; the unknown inputs that could
	// still change it (recency for every buyer, advocacy and involvement
	// for a Regular, involvement for an Advocate) count against.
	own, open, openKnown := 1, 1, 0
	if e.recencyKnown {
		openKnown++
	}
	switch e.reached {
	case Regular:
		open += len(advocacy) + len(involvement)
		openKnown += advKnown + invKnown
	case Advocate:
		own += advKnown
		open += len(involvement)
		openKnown += invKnown
	case Partner:
		own += invKnown
	}
	res.Confidence = segment.Clamp01(float64(sc[e.reached]) * float64(own+openKnown) / float64(own+open))
}

// ClassifyNext agrees with the reference on varied and extreme profiles,
// under the defaults and under random valid configurations.
func TestClassifyNextIsTheReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 3))
	cfgs := []*Config{nil}
	for range 20 {
		c := Defaults()
		c.InterestInquiries, c.InterestSiteVisits, c.InterestStoreVisits = 1+rng.IntN(3), 1+rng.IntN(8), 1+rng.IntN(3)
		c.RegularOccasions = 2 + rng.IntN(6)
		c.AdvocateReferrals, c.AdvocatePositiveReviews, c.AdvocateSocialPosts = 1+rng.IntN(3), 1+rng.IntN(4), 1+rng.IntN(4)
		c.PartnerCoCreation = 1 + rng.IntN(3)
		c.LapsedDays = 30 + rng.IntN(300)
		c.LapsedMaxDays = c.LapsedDays + rng.IntN(400)
		c.LapsedGapFactor = 1 + rng.Float64()*4
		cfgs = append(cfgs, &c)
	}
	profiles := append(segmenttest.Random(4000, 71), segmenttest.Extremes()...)
	for i := range profiles {
		// Some counts negative, which no valid profile has.
		s := &profiles[i].Signals
		switch i % 7 {
		case 1:
			s.Referrals, s.Inquiries = segment.Some(-2), segment.Some(-1)
		case 2:
			s.CoCreation, s.SiteVisits = segment.Some(-1), segment.Some(-4)
		}
	}
	for _, cfg := range cfgs {
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range profiles {
			p := &profiles[i]
			var want segment.Result[Rung]
			var e evaluation
			c.refEval(p, nil, &e, &want)
			var wantStep Step
			c.next(p, &e, want.Primary, &wantStep)
			got, gotStep := c.ClassifyNext(p)
			if got != want || gotStep != wantStep {
				t.Fatalf("%s under %+v: ClassifyNext %+v %+v, reference %+v %+v", p.ID, cfg, got, gotStep, want, wantStep)
			}
		}
	}
}
