package sabone

import (
	"math"

	"github.com/clientele-go/clientele/segment"
)

// role says what an indicator can do for its category.
type role uint8

const (
	// qualifies: the indicator holding is enough for the category to apply.
	qualifies role = iota
	// supports: the indicator strengthens a category that applies, and
	// counts for nothing otherwise.
	supports
)

// indicatorID names an indicator; it indexes [indicators].
type indicatorID uint8

// The indicators, grouped by category in acronym order. Reasons come out in
// this order.
const (
	nearStore indicatorID = iota
	novelties
	socialPosts
	siteVisits
	discounts
	bonusRedemption
	courses
	webinars
	reading
	littleExperience
	shortTenure
	longExperience
	premium
	numIndicators
)

// indicator is one comparison of a profile fact with a threshold.
type indicator struct {
	category Category
	rule     string     // reason rule id
	field    string     // the input, as named in segment.Fields
	setting  string     // the Config field (json name) holding the threshold
	op       segment.Op // GreaterEq or LessEq
	role     role
}

var indicators = [numIndicators]indicator{
	nearStore:        {Neighbourhood, "neighbourhood.distance", "distance_km", "near_km", segment.LessEq, qualifies},
	novelties:        {Active, "active.novelties", "new_product_share", "novelty_share", segment.GreaterEq, qualifies},
	socialPosts:      {Active, "active.social", "social_posts", "social_posts", segment.GreaterEq, qualifies},
	siteVisits:       {Active, "active.site_visits", "site_visits", "visits_per_purchase", segment.GreaterEq, supports},
	discounts:        {Budget, "budget.discounts", "discount_share", "discount_share", segment.GreaterEq, qualifies},
	bonusRedemption:  {Budget, "budget.bonus_redemption", "bonus_redeemed", "redeem_share", segment.GreaterEq, qualifies},
	courses:          {Education, "education.courses", "courses", "courses", segment.GreaterEq, qualifies},
	webinars:         {Education, "education.webinars", "webinars", "webinars", segment.GreaterEq, qualifies},
	reading:          {Education, "education.reading", "long_reads", "long_reads", segment.GreaterEq, supports},
	littleExperience: {Newcomer, "newcomer.experience", "experience_years", "newcomer_years", segment.LessEq, qualifies},
	shortTenure:      {Newcomer, "newcomer.tenure", "tenure_days", "newcomer_days", segment.LessEq, supports},
	longExperience:   {Expert, "expert.experience", "experience_years", "expert_years", segment.GreaterEq, qualifies},
	premium:          {Expert, "expert.premium", "premium_share", "premium_share", segment.GreaterEq, qualifies},
}

// input is one indicator's input and the threshold it is compared with.
type input struct {
	value, threshold float64
	known            bool
}

// measure reads the input of every indicator, with its threshold (scaled
// when the setting is a rate, so that the reason shows the raw input), for
// the reasons of the Explain path; tallyProfile reads the same inputs, in
// the same order, and tallies them as they come. It is straight-line code
// rather than a function value per indicator: a call through a function
// value would make the caller's profile escape to the heap, so Classify
// would allocate after all.
//
// An input is known only when it is usable (see [input.check]), so that
// [input.markAtMost] and [input.markAtLeast] need not test it: counts are
// finite and need only not be negative, and thresholds taken from the
// configuration are usable, as [Config.Validate] saw to (the visits
// threshold, a setting times a count of at least 1, is finite too).
func measure(p *segment.Profile, c *Config, in *[numIndicators]input) {
	s := &p.Signals
	in[nearStore] = optInput(s.DistanceKm, c.NearKm)
	in[novelties] = optInput(p.NewProductShare(), c.NoveltyShare)
	in[socialPosts] = intInput(s.SocialPosts, float64(c.SocialPosts))
	in[siteVisits] = visitsInput(p, c)
	in[discounts] = optInput(p.DiscountShare(), c.DiscountShare)
	in[bonusRedemption] = redemptionInput(s, c)
	in[courses] = intInput(s.Courses, float64(c.Courses))
	in[webinars] = intInput(s.Webinars, float64(c.Webinars))
	in[reading] = intInput(s.LongReads, float64(c.LongReads))
	in[littleExperience] = optInput(s.ExperienceYears, c.NewcomerYears)
	in[shortTenure] = intInput(p.Tenure(), float64(c.NewcomerDays))
	in[longExperience] = optInput(s.ExperienceYears, c.ExpertYears)
	in[premium] = optInput(p.PremiumShare(), c.PremiumShare)
}

// The inputs, without branches: which are known and usable varies from
// customer to customer.

func optInput(o segment.Opt[float64], t float64) input {
	v, ok := o.Get()
	return input{v, t, b2u(ok)&b2u(usable(v)) != 0}
}

func intInput(o segment.Opt[int], t float64) input {
	v, ok := o.Get()
	return input{float64(v), t, b2u(ok)&b2u(v >= 0) != 0}
}

// visitsInput is site visits per purchase, a prospect counting as one.
func visitsInput(p *segment.Profile, c *Config) input {
	return intInput(p.Signals.SiteVisits, c.VisitsPerPurchase*float64(max(p.Occasions, 1)))
}

// redemptionInput is the bonus points redeemed, against a share of those
// earned: redemption says nothing until there were points to redeem.
func redemptionInput(s *segment.Signals, c *Config) input {
	earned, okEarned := s.BonusEarned.Get()
	redeemed, okRedeemed := s.BonusRedeemed.Get()
	t := c.RedeemShare * earned
	ok := b2u(okRedeemed)&b2u(okEarned)&b2u(earned > 0) != 0
	return input{redeemed, t, b2u(ok)&b2u(usable(redeemed))&b2u(usable(t)) != 0}
}

// check compares the input with its threshold: whether it is known,
// whether the indicator holds, and its score (1 when it holds, in
// proportion otherwise, 0 unknown). An input that is negative or not
// finite cannot come from a valid profile (see [segment.Profile.Validate])
// and is treated as unknown, not as evidence.
func (in *input) check(op segment.Op) (known, held bool, score float64) {
	// One branch, not five: which inputs are known varies from customer
	// to customer, so each branch here would be mispredicted often.
	v, t := in.value, in.threshold
	if b2u(in.known)&b2u(v >= 0)&b2u(v <= math.MaxFloat64)&b2u(t >= 0)&b2u(t <= math.MaxFloat64) == 0 {
		return false, false, 0
	}
	// Not held, the input is on the wrong side of a threshold that is
	// finite and >= 0, so the ratio (segment.Ratio) is in [0, 1] and
	// needs neither its zero test nor its clamp: the quotient, rounded to
	// a score's float32, is what Ratio returns (Abs turns a -0 input
	// into the 0 Ratio gives).
	var ratio float64
	if op == segment.LessEq {
		ratio = float64(float32(math.Abs(t) / v))
	} else {
		ratio = float64(float32(math.Abs(v) / t))
	}
	if op.Holds(v, t) {
		return true, true, 1
	}
	return true, false, ratio
}

// markAtMost and markAtLeast are check without a branch, for the plain
// path, on an input from measure (known only when usable), for the
// operators LessEq and GreaterEq: known and held as 0 or 1, and the
// score. Each is small enough to inline. The score is picked by its bits
// (see pick), so the quotient of an unknown input, which may be a
// division by zero, never reaches it. Unlike check they need no Abs: a
// known input is at least -0, and a threshold from measure is positive,
// so the only difference is a score of -0 for an input of -0, which adds
// to a sum exactly as 0 does (sums are never -0 themselves).
func (in input) markAtMost() (known, held uint8, score float64) {
	known = b2u(in.known)
	held = b2u(in.value <= in.threshold) & known
	return known, held, pick(in.threshold/in.value, known, held)
}

func (in input) markAtLeast() (known, held uint8, score float64) {
	known = b2u(in.known)
	held = b2u(in.value >= in.threshold) & known
	return known, held, pick(in.value/in.threshold, known, held)
}

// pick returns the score of an indicator whose ratio to its threshold is
// q: 1 when held, 0 when not known, else q rounded to a score's float32
// (what segment.Ratio gives for a ratio in [0, 1], as q is when known
// and not held), chosen by masks rather than branches.
//
// The masks work on the float32's bits, whose constants fit in the
// instructions (the float64's would each take a register), and the
// float32 picked widens exactly.
func pick(q float64, known, held uint8) float64 {
	const one = 0x3f800000 // the bits of float32 1
	h := -uint32(held)
	s := math.Float32bits(float32(q))&^h | one&h
	return float64(math.Float32frombits(s & -uint32(known)))
}

// reason returns the evidence of indicator id as data. Unknown inputs show
// as 0 and an unusable threshold as 0, so that explanations always encode
// as JSON (which has no NaN).
func (in *input) reason(id indicatorID, known, held bool) segment.Reason {
	ind := &indicators[id]
	r := segment.Reason{Rule: ind.rule, Label: ind.category.String(), Field: ind.field, Known: known,
		Op: ind.op, Setting: ind.setting, Held: held}
	if known {
		r.Value = in.value
	}
	if usable(in.threshold) {
		r.Threshold = in.threshold
	}
	return r
}

// b2u is 1 for true: a comparison turned into a number, without a branch.
func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// usable reports whether x is a finite number >= 0 (the test check makes
// without branches).
func usable(x float64) bool { return b2u(x >= 0)&b2u(x <= math.MaxFloat64) != 0 }
