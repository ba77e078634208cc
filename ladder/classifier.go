package ladder

import (
	"math"

	"github.com/clientele-go/clientele/internal/ratio"
	"github.com/clientele-go/clientele/segment"
)

// Classifier places customers on the loyalty ladder. It is immutable and
// safe for concurrent use.
type Classifier struct {
	cfg     Config
	regular ratio.Table // Regular's score, occasions against RegularOccasions, made by New
}

// New returns a classifier with cfg (nil means [Defaults]; zero fields take
// their defaults), or the validation error.
func New(cfg *Config) (*Classifier, error) {
	var c Config
	if cfg != nil {
		c = *cfg
	}
	segment.FillDefaults(&c, Defaults())
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &Classifier{cfg: c, regular: ratio.New(float64(c.RegularOccasions))}, nil
}

// Config returns the configuration in use, defaults filled in.
func (c *Classifier) Config() Config { return c.cfg }

// Classify returns the rung of p. It does not allocate.
func (c *Classifier) Classify(p *segment.Profile) segment.Result[Rung] {
	var r segment.Result[Rung]
	var e evaluation
	c.eval(p, nil, &e, &r)
	return r
}

// Explain returns the result of Classify with the reasons behind it: for a
// customer who has not bought, one reason per interest indicator; for a
// buyer, the purchase count against the New and Regular thresholds, each
// advocacy and involvement indicator, the purchase rhythm and the
// inactivity test.
func (c *Classifier) Explain(p *segment.Profile) segment.Explanation[Rung] {
	reasons := make([]segment.Reason, 0, 10)
	var r segment.Result[Rung]
	var e evaluation
	c.eval(p, &reasons, &e, &r)
	return segment.Explanation[Rung]{Result: r, Reasons: reasons}
}

// evaluation is everything eval works out about a profile besides the
// result: the facts [Classifier.Next] turns into the next step. (The
// result is not a field: escape analysis would then see it leave with
// the strings of the reasons, and move it to the heap.)
type evaluation struct {
	reached Rung // the rung regardless of activity

	// Activity of a buyer.
	recency      int
	recencyKnown bool
	lapsed       bool
	bound        float64 // days without a purchase after which the customer is lapsed
	boundSetting string  // the setting that decided bound

	// The advocacy indicator nearest its threshold, and involvement.
	nearest    indicator
	coCreation int
}

// spec describes an indicator for explanations: its rule id, the label
// it is evidence for, the field it reads and the setting holding its
// threshold. Specs are static, so the plain path handles only numbers.
type spec struct {
	rule, field, setting string
	label                Rung
	yesNo                bool // a yes/no signal: value 1 is yes
}

// The indicators, as indexes into specs.
const (
	inquiries uint8 = iota
	siteVisits
	subscribed
	storeVisits
	referrals
	positiveReviews
	socialPosts
	coCreation
	ambassador
)

var specs = [...]spec{
	inquiries:       {rule: "potential.inquiries", field: "inquiries", setting: "interest_inquiries", label: Potential},
	siteVisits:      {rule: "potential.site_visits", field: "site_visits", setting: "interest_site_visits", label: Potential},
	subscribed:      {rule: "potential.subscribed", field: "subscribed", label: Potential, yesNo: true},
	storeVisits:     {rule: "potential.store_visits", field: "store_visits", setting: "interest_store_visits", label: Potential},
	referrals:       {rule: "advocate.referrals", field: "referrals", setting: "advocate_referrals", label: Advocate},
	positiveReviews: {rule: "advocate.positive_reviews", field: "positive_reviews", setting: "advocate_positive_reviews", label: Advocate},
	socialPosts:     {rule: "advocate.social_posts", field: "social_posts", setting: "advocate_social_posts", label: Advocate},
	coCreation:      {rule: "partner.co_creation", field: "co_creation", setting: "partner_co_creation", label: Partner},
	ambassador:      {rule: "partner.ambassador", field: "ambassador", label: Partner, yesNo: true},
}

// indicator is one signal measured against its threshold.
type indicator struct {
	spec      uint8
	known     bool
	value     int
	threshold int
}

// score is the indicator's value against its threshold, in [0, 1]; an
// unknown indicator scores 0 but is never counted as evidence.
func (in *indicator) score() float32 {
	if !in.known {
		return 0
	}
	// segment.Ratio without its test of the divisor: thresholds are
	// settings validated to be at least 1, or 1 for a flag.
	return segment.Clamp01(float64(in.value) / float64(in.threshold))
}

// met reports whether the indicator is known and at its threshold.
func (in *indicator) met() bool { return in.known && in.value >= in.threshold }

func countOf(sp uint8, o segment.Opt[int], threshold int) indicator {
	v, ok := o.Get()
	return indicator{spec: sp, value: v, known: ok, threshold: threshold}
}

// flagOf turns a yes/no signal into an indicator that is met when true.
func flagOf(sp uint8, o segment.Opt[bool]) indicator {
	v, ok := o.Get()
	in := indicator{spec: sp, known: ok, threshold: 1}
	if v {
		in.value = 1
	}
	return in
}

// note records the reason for in. Callers test rs != nil first, which
// keeps the plain path free of calls.
func note(rs *[]segment.Reason, in *indicator) {
	sp := &specs[in.spec]
	op := segment.GreaterEq
	if sp.yesNo {
		op = segment.Equal
	}
	*rs = append(*rs, segment.Reason{Rule: sp.rule, Label: sp.label.String(), Field: sp.field,
		Value: float64(in.value), Known: in.known, Op: op, Threshold: float64(in.threshold),
		Setting: sp.setting, Held: in.met()})
}

// eval fills e and res (which must both be zero) for p, recording
// reasons when rs is not nil (the plain path passes nil and allocates
// nothing).
func (c *Classifier) eval(p *segment.Profile, rs *[]segment.Reason, e *evaluation, res *segment.Result[Rung]) {
	if p.Occasions <= 0 {
		c.evalProspect(p, rs, e, res)
	} else {
		c.evalBuyer(p, rs, e, res)
	}
}

// evalProspect places a customer with no purchase: Potential when any
// interest indicator is positive, else Unknown. The score is the strongest
// indicator; nothing unknown could move a prospect off Potential, so the
// confidence is the score itself.
func (c *Classifier) evalProspect(p *segment.Profile, rs *[]segment.Reason, e *evaluation, res *segment.Result[Rung]) {
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
		if sc := interest[i].score(); sc > best { // clamped, never NaN
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

// evalBuyer places a customer with at least one purchase.
func (c *Classifier) evalBuyer(p *segment.Profile, rs *[]segment.Reason, e *evaluation, res *segment.Result[Rung]) {
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

	var v voice
	if rs != nil || anyVoiceKnown(s) {
		c.voiceOf(p, rs, e, &v)
	} else {
		// Nothing to measure (customers known from an order log alone,
		// as the shop CLI's): v stays zero, as voiceOf would leave it,
		// and the nearest advocacy indicator is the first, unknown.
		e.nearest = indicator{spec: referrals, threshold: cfg.AdvocateReferrals}
	}

	// Attainment of each rung: rungs below the one reached score 1, the
	// rungs above score the share of their requirements met. Partner
	// needs Regular and involvement, not advocacy first.
	sc := &res.Scores
	reg := c.regular.Of(p.Occasions) // Clamp01(occasions / RegularOccasions); the setting is at least 2
	sc[Potential], sc[NewCustomer], sc[Regular] = 1, 1, reg
	sc[Advocate], sc[Partner] = min(reg, v.adv), min(reg, v.inv)
	e.reached = NewCustomer
	switch {
	case regular && v.involved:
		e.reached = Partner
	case regular && v.advocate:
		e.reached = Advocate
	case regular:
		e.reached = Regular
	}

	c.evalActivity(p, rs, e)
	if e.lapsed {
		// The rung reached fades as the silence grows; Lapsed takes over.
		// The bound is at least 1 and recency past it, so fade is in
		// (0, 1) and each faded score in [0, 1), where Clamp01 would
		// change nothing but the conversion.
		fade := e.bound / float64(e.recency)
		for r := Potential; r <= Partner; r++ {
			sc[r] = float32(float64(sc[r]) * fade)
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
		open += advocacyIndicators + involvementIndicators
		openKnown += v.advKnown + v.invKnown
	case Advocate:
		own += v.advKnown
		open += involvementIndicators
		openKnown += v.invKnown
	case Partner:
		own += v.invKnown
	}
	res.Confidence = segment.Clamp01(float64(sc[e.reached]) * float64(own+openKnown) / float64(own+open))
}

// voice is what a buyer's advocacy and involvement indicators show: the
// strongest known score of each, how many are known, and whether one is
// met.
type voice struct {
	adv, inv           float32
	advKnown, invKnown int
	advocate, involved bool
}

// The indicators of advocacy and of involvement, known or not.
const (
	advocacyIndicators    = 3
	involvementIndicators = 2
)

// anyVoiceKnown reports whether an advocacy or involvement indicator is
// known. The inputs are or-ed rather than tested in turn, which would be
// a branch each.
func anyVoiceKnown(s *segment.Signals) bool {
	return b2u(s.Referrals.Known())|b2u(s.PositiveReviews.Known())|b2u(s.SocialPosts.Known())|
		b2u(s.CoCreation.Known())|b2u(s.Ambassador.Known()) != 0
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// voiceOf measures a buyer's advocacy and involvement indicators into v,
// which must be zero, recording a reason for each when rs is not nil, and
// sets e's nearest advocacy indicator and co-creation.
func (c *Classifier) voiceOf(p *segment.Profile, rs *[]segment.Reason, e *evaluation, v *voice) {
	cfg := &c.cfg
	s := &p.Signals
	advocacy := [advocacyIndicators]indicator{
		countOf(referrals, s.Referrals, cfg.AdvocateReferrals),
		countOf(positiveReviews, s.PositiveReviews, cfg.AdvocatePositiveReviews),
		countOf(socialPosts, s.SocialPosts, cfg.AdvocateSocialPosts),
	}
	if rs != nil {
		for i := range advocacy {
			note(rs, &advocacy[i])
		}
	}
	var nearest float32
	e.nearest = advocacy[0]
	// Indicator by indicator rather than in a loop: each gets branches of
	// its own, which predict better than branches shared by indicators
	// known or not independently of each other.
	consider := func(in *indicator) {
		sc := in.score()
		if in.known {
			v.advKnown++
			if sc > v.adv {
				v.adv = sc
			}
			v.advocate = v.advocate || in.met()
		}
		if sc > nearest {
			nearest, e.nearest = sc, *in
		}
	}
	consider(&advocacy[0])
	consider(&advocacy[1])
	consider(&advocacy[2])

	involvement := [involvementIndicators]indicator{
		countOf(coCreation, s.CoCreation, cfg.PartnerCoCreation),
		flagOf(ambassador, s.Ambassador),
	}
	if rs != nil {
		for i := range involvement {
			note(rs, &involvement[i])
		}
	}
	involve := func(in *indicator) {
		if in.known {
			v.invKnown++
			if sc := in.score(); sc > v.inv {
				v.inv = sc
			}
			v.involved = v.involved || in.met()
		}
	}
	involve(&involvement[0])
	involve(&involvement[1])
	if involvement[0].known {
		e.coCreation = involvement[0].value
	}
}

// evalActivity works out the inactivity bound of a buyer and whether they
// have lapsed: recency > min(LapsedMaxDays, max(LapsedDays,
// LapsedGapFactor x mean gap)).
func (c *Classifier) evalActivity(p *segment.Profile, rs *[]segment.Reason, e *evaluation) {
	cfg := &c.cfg
	e.bound, e.boundSetting = float64(cfg.LapsedDays), "lapsed_days"
	gap, gapKnown := p.MeanGap().Get()
	slow := gapKnown && cfg.LapsedGapFactor*gap > e.bound
	if slow {
		e.bound, e.boundSetting = cfg.LapsedGapFactor*gap, "lapsed_gap_factor"
	}
	if e.bound > float64(cfg.LapsedMaxDays) {
		e.bound, e.boundSetting = float64(cfg.LapsedMaxDays), "lapsed_max_days"
	}
	e.recency, e.recencyKnown = p.Recency().Get()
	e.lapsed = e.recencyKnown && float64(e.recency) > e.bound
	if rs != nil {
		*rs = append(*rs,
			segment.Reason{Rule: "lapsed.rhythm", Label: Lapsed.String(), Field: "mean_gap_days", Value: gap,
				Known: gapKnown, Op: segment.Greater, Threshold: float64(cfg.LapsedDays) / cfg.LapsedGapFactor,
				Setting: "lapsed_gap_factor", Held: slow},
			segment.Reason{Rule: "lapsed", Label: Lapsed.String(), Field: "recency_days", Value: float64(e.recency),
				Known: e.recencyKnown, Op: segment.Greater, Threshold: e.bound, Setting: e.boundSetting, Held: e.lapsed})
	}
}

// daysLeft returns how many more days a buyer who has not lapsed can go
// without a purchase and stay active: 0 means the purchase is due today.
func (e *evaluation) daysLeft() segment.Opt[int] {
	if !e.recencyKnown || e.lapsed || e.recency < 0 {
		return segment.Opt[int]{}
	}
	return segment.Some(int(math.Floor(e.bound)) - e.recency)
}
