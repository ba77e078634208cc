package ladder

import (
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/internal/profiletest"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// The reference is evalBuyer as it was before a buyer without a known
// advocacy or involvement indicator skipped measuring them. Classify,
// ClassifyNext and Explain must agree with it bit for bit.

// refEvalBuyer is evalBuyer as it was.
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
	if rs != nil {
		for i := range advocacy {
			note(rs, &advocacy[i])
		}
	}
	var adv, nearest float32
	advKnown, advocate := 0, false
	e.nearest = advocacy[0]
	// Indicator by indicator rather than in a loop: each gets branches of
	// its own, which predict better than branches shared by indicators
	// known or not independently of each other.
	consider := func(in *indicator) {
		sc := in.score()
		if in.known {
			advKnown++
			if sc > adv {
				adv = sc
			}
			advocate = advocate || in.met()
		}
		if sc > nearest {
			nearest, e.nearest = sc, *in
		}
	}
	consider(&advocacy[0])
	consider(&advocacy[1])
	consider(&advocacy[2])

	involvement := [...]indicator{
		countOf(coCreation, s.CoCreation, cfg.PartnerCoCreation),
		flagOf(ambassador, s.Ambassador),
	}
	if rs != nil {
		for i := range involvement {
			note(rs, &involvement[i])
		}
	}
	var inv float32
	invKnown, involved := 0, false
	involve := func(in *indicator) {
		if in.known {
			invKnown++
			if sc := in.score(); sc > inv {
				inv = sc
			}
			involved = involved || in.met()
		}
	}
	involve(&involvement[0])
	involve(&involvement[1])
	if involvement[0].known {
		e.coCreation = involvement[0].value
	}

	// Attainment of each rung: rungs below the one reached score 1, the
	// rungs above score the share of their requirements met. Partner
	// needs Regular and involvement, not advocacy first.
	sc := &res.Scores
	reg := segment.Clamp01(float64(p.Occasions) / float64(cfg.RegularOccasions)) // the setting is at least 2
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
		sc[Lapsed] = segment.Clamp01(float64(e.recency) / e.bound) // share of the allowance used; the bound is at least 1
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

// refClassifyNext is ClassifyNext through the reference.
func (c *Classifier) refClassifyNext(p *segment.Profile, rs *[]segment.Reason) (segment.Result[Rung], Step) {
	var r segment.Result[Rung]
	var e evaluation
	if p.Occasions <= 0 {
		c.evalProspect(p, rs, &e, &r)
	} else {
		c.refEvalBuyer(p, rs, &e, &r)
	}
	var st Step
	c.next(p, &e, r.Primary, &st)
	return r, st
}

// ClassifyNext, Classify and Explain agree with the reference on varied
// and extreme profiles, with their signals and as an order log alone
// gives them, under the defaults and under random valid configurations.
func TestClassifyNextIsTheReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 5))
	cfgs := []*Config{nil}
	for range 20 {
		c := Config{
			InterestInquiries: 1 + rng.IntN(5), InterestSiteVisits: 1 + rng.IntN(20), InterestStoreVisits: 1 + rng.IntN(5),
			RegularOccasions: 2 + rng.IntN(6), AdvocateReferrals: 1 + rng.IntN(5), AdvocatePositiveReviews: 1 + rng.IntN(8),
			AdvocateSocialPosts: 1 + rng.IntN(8), PartnerCoCreation: 1 + rng.IntN(4), LapsedDays: 1 + rng.IntN(400),
			LapsedGapFactor: 1 + rng.Float64()*5, WinBackDays: 1 + rng.IntN(90),
		}
		c.LapsedMaxDays = c.LapsedDays + rng.IntN(800)
		cfgs = append(cfgs, &c)
	}
	profiles := append(segmenttest.Random(3000, 45), segmenttest.Extremes()...)
	profiles = append(profiles, profiletest.OrdersOnly(append(segmenttest.Random(500, 46), segmenttest.Extremes()...))...)
	for _, cfg := range cfgs {
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range profiles {
			p := &profiles[i]
			var reasons []segment.Reason
			want, wantStep := c.refClassifyNext(p, &reasons)
			if got, step := c.ClassifyNext(p); got != want || step != wantStep {
				t.Fatalf("%s under %+v: ClassifyNext %+v %+v, reference %+v %+v", p.ID, cfg, got, step, want, wantStep)
			}
			if got := c.Classify(p); got != want {
				t.Fatalf("%s under %+v: Classify %+v, reference %+v", p.ID, cfg, got, want)
			}
			got := c.Explain(p)
			if got.Result != want || !profiletest.SameReasons(got.Reasons, reasons) {
				t.Fatalf("%s under %+v: Explain %+v, reference %+v", p.ID, cfg, got, reasons)
			}
		}
	}
}
