package disc

import (
	"math"

	"github.com/clientele-go/clientele/internal/ratio"
	"github.com/clientele-go/clientele/segment"
)

// Classifier assigns DISC styles from behaviour, and combines behaviour
// with a questionnaire ([Classifier.Blend]). It is immutable and safe for
// concurrent use.
type Classifier struct {
	cfg Config
	// The plain path's Steady indicators (see steadyFromPurchases),
	// made from cfg by New.
	repeats, tenure ratio.Table
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
	return &Classifier{cfg: c, repeats: ratio.New(c.RepeatOccasions), tenure: ratio.New(c.TenureDays)}, nil
}

// Config returns the configuration in use, defaults filled in.
func (c *Classifier) Config() Config { return c.cfg }

// Classify returns the DISC style of p as its behaviour shows it. It does
// not allocate.
func (c *Classifier) Classify(p *segment.Profile) segment.Result[Style] {
	var r segment.Result[Style]
	c.ClassifyInto(p, &r)
	return r
}

// ClassifyInto stores the result of [Classifier.Classify] in *out,
// overwriting it: a caller that keeps results in place (as
// strategy.Classifiers does) saves copying one. It does not allocate.
func (c *Classifier) ClassifyInto(p *segment.Profile, out *segment.Result[Style]) {
	*out = segment.Result[Style]{}
	if !anySignalKnown(p) {
		// Customers known from an order log alone (the shop CLI's) take
		// this path, which gives what observe and result give from their
		// purchases.
		c.steadyFromPurchases(p, out)
		return
	}
	var ev evidence
	c.observe(p, &ev, nil)
	ev.result(c.cfg.MinScore, out)
}

// anySignalKnown reports whether an input of an indicator other than
// tenure and repeat purchases (Steady's) is known: the signals observe
// reads and the new-product and premium buys. The inputs are or-ed
// rather than tested in turn, which would be a branch each, in two
// groups: the first holds signals most CRMs record, so that a customer
// with signals is usually told apart by it alone.
func anySignalKnown(p *segment.Profile) bool {
	s := &p.Signals
	if b2u(s.LoyaltyMember.Known())|b2u(s.Referrals.Known())|b2u(s.Complaints.Known())|b2u(s.Calls.Known()) != 0 {
		return true
	}
	dominant := b2u(s.DaysToPurchase.Known()) | b2u(p.NewProducts.Known()) | b2u(p.PremiumBuys.Known())
	influential := b2u(s.SocialPosts.Known()) | b2u(s.PositiveReviews.Known()) | b2u(s.Webinars.Known())
	conscientious := b2u(s.ComparisonsViewed.Known()) | b2u(s.LongReads.Known()) | b2u(s.Inquiries.Known())
	return dominant|influential|conscientious != 0
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// steadyFromPurchases is observe and result (without reasons) for a
// profile without a known signal (see anySignalKnown): Steady's tenure
// and repeat indicators are then the only ones that can be known, so
// Steady is the only style that can score, with no secondary.
func (c *Classifier) steadyFromPurchases(p *segment.Profile, r *segment.Result[Style]) {
	if p.Occasions <= 0 {
		return // neither is known
	}
	cfg := &c.cfg
	// Tenure counts from the second occasion on (see observe): counted
	// by a factor of 0 or 1 rather than a branch, as about half of an
	// order log's customers buy once. Scores are finite and not
	// negative, so adding 0 times one changes no bit of the sum, and
	// the sum is observe's (addition is commutative).
	tenure, ok := p.Tenure().Get()
	n := b2u(ok) & b2u(tenure >= 0) & b2u(p.Occasions >= 2)
	counted := float64(n)
	sum := float64(c.repeats.Of(p.Occasions)) + counted*float64(c.tenure.Of(tenure))
	// Each part of sum is in [0, 1] and 1+n counts them, so sum / (1+n),
	// the product below, is in [0, 1], where Clamp01 would change nothing
	// but the conversion.
	score := float32(sum * perKnown[n&1])
	r.Scores[Steady] = score
	// Steady is primary when it scores enough: set by a factor of 0 or 1
	// rather than a branch, which the scores of an order log's customers
	// (one purchase or several, at random) made a mispredicted one. The
	// confidence is then meanCoverage, the other styles' coverage being
	// 0, and +0 without a primary (a finite, non-negative value times 0).
	// The coverage is at most 2/5/4 and score in [0, 1], so the clamp
	// meanCoverage takes changes nothing but the conversion to float32.
	hit := b2u(score > 0) & b2u(score >= float32(cfg.MinScore))
	r.Primary = Steady * Style(hit)
	r.Confidence = float32(hit) * float32(steadyCoverage[n&1]*float64(score))
}

// perKnown[n] is 1 / (1+n): dividing by 1 or 2 and multiplying by 1 or
// 1/2 round alike (both are exact but for the rounding of the one real
// result), without a division's latency.
var perKnown = [2]float64{1, 0.5}

// steadyCoverage[n] is known / indicatorsOf[Steady] / (numStyles-1) for
// known = 1+n, worked out as steadyFromPurchases did per customer.
var steadyCoverage = [2]float64{
	1 / indicatorsOf[Steady] / float64(numStyles-1),
	2 / indicatorsOf[Steady] / float64(numStyles-1),
}

// Explain returns the result of [Classifier.Classify] with one reason per
// indicator, known or not.
func (c *Classifier) Explain(p *segment.Profile) segment.Explanation[Style] {
	reasons := make([]segment.Reason, 0, indicators)
	var ev evidence
	c.observe(p, &ev, &reasons)
	var r segment.Result[Style]
	ev.result(c.cfg.MinScore, &r)
	return segment.Explanation[Style]{Result: r, Reasons: reasons}
}

// indicators is the number of behavioural indicators, known or not.
const indicators = 16

// evidence accumulates indicator scores per style.
type evidence struct {
	sum   [numStyles]float64 // sum of the scores of known indicators
	known [numStyles]int     // indicators known
}

// indicatorsOf is the number of behavioural indicators of each style,
// known or not (TestIndicatorsOfEachStyle): observe looks at the same ones
// for every customer, so they need not be counted per customer.
var indicatorsOf = [numStyles]float64{Dominant: 3, Influential: 5, Steady: 5, Conscientious: 3}

// coverage returns the share of style s's indicators that are known; s is
// a style, not Unknown.
func (ev *evidence) coverage(s Style) float64 {
	return float64(ev.known[s]) / indicatorsOf[s]
}

// meanCoverage is the coverage averaged over the styles, so that a style
// with many indicators does not outweigh one with few.
func (ev *evidence) meanCoverage() float64 {
	c := ev.coverage(Dominant) + ev.coverage(Influential) + ev.coverage(Steady) + ev.coverage(Conscientious)
	return c / float64(numStyles-1)
}

// result turns the evidence into r, which must be zero: each style's
// score is the mean of its known indicators; a primary needs minScore; the
// confidence is the mean coverage times the primary's score.
func (ev *evidence) result(minScore float64, r *segment.Result[Style]) {
	// Style by style rather than in a loop, here and in rank: each style
	// gets branches of its own, which predict better than branches shared
	// by styles whose indicators are known independently of each other.
	score := func(s Style) {
		if ev.known[s] > 0 {
			r.Scores[s] = segment.Clamp01(ev.sum[s] / float64(ev.known[s]))
		}
	}
	score(Dominant)
	score(Influential)
	score(Steady)
	score(Conscientious)
	r.Primary, r.Secondary = rank(&r.Scores)
	if r.Primary == Unknown || r.Scores[r.Primary] < float32(minScore) {
		r.Primary, r.Secondary = Unknown, Unknown
		return
	}
	r.Confidence = segment.Clamp01(ev.meanCoverage() * float64(r.Scores[r.Primary]))
}

// rank returns the styles with the highest and the second highest positive
// score; ties go to the earlier style in D, I, S, C order.
func rank(scores *segment.Scores) (primary, secondary Style) {
	consider := func(s Style) {
		switch v := scores[s]; {
		case v <= 0:
		case primary == Unknown || v > scores[primary]:
			primary, secondary = s, primary
		case secondary == Unknown || v > scores[secondary]:
			secondary = s
		}
	}
	consider(Dominant)
	consider(Influential)
	consider(Steady)
	consider(Conscientious)
	return primary, secondary
}

// count reads a count signal: known, and not negative (an invalid profile
// is not evidence).
func count(o segment.Opt[int]) (float64, bool) {
	v, ok := o.Get()
	if !ok || v < 0 {
		return 0, false
	}
	return float64(v), true
}

// amount reads a non-negative real: known, finite and not negative.
func amount(o segment.Opt[float64]) (float64, bool) {
	v, ok := o.Get()
	if !ok || !(v >= 0) || math.IsInf(v, 1) {
		return 0, false
	}
	return v, true
}

// observe scores every indicator of p into ev, and records a reason for
// each when rs is not nil. It is the one place the rules live, so Classify,
// Explain and Blend cannot disagree; the plain path passes nil and
// allocates nothing.
func (c *Classifier) observe(p *segment.Profile, ev *evidence, rs *[]segment.Reason) {
	cfg := &c.cfg
	note := func(style Style, rule, field, setting string, value float64, known bool, op segment.Op, threshold float64, score float32) {
		if known {
			ev.sum[style] += float64(score)
			ev.known[style]++
		}
		if rs != nil {
			if !known {
				value = 0
			}
			*rs = append(*rs, segment.Reason{Rule: rule, Label: style.String(), Field: field, Value: value, Known: known,
				Op: op, Threshold: threshold, Setting: setting, Held: known && op.Holds(value, threshold)})
		}
	}
	// atLeast and atMost are segment.Ratio without its test of the
	// divisor: the thresholds are validated positive (at least 0.01), and
	// atMost divides only by a value above its threshold.
	atLeast := func(style Style, rule, field, setting string, value float64, known bool, threshold float64) {
		note(style, rule, field, setting, value, known, segment.GreaterEq, threshold, segment.Clamp01(value/threshold))
	}
	// atMost scores 1 up to the threshold and threshold/value beyond.
	atMost := func(style Style, rule, field, setting string, value float64, known bool, threshold float64) {
		score := float32(1)
		if value > threshold {
			score = segment.Clamp01(threshold / value)
		}
		note(style, rule, field, setting, value, known, segment.LessEq, threshold, score)
	}

	days, okDays := amount(p.Signals.DaysToPurchase)
	newShare, okNew := amount(p.NewProductShare())

	// Dominant.
	atMost(Dominant, "dominant.quick", "days_to_purchase", "quick_days", days, okDays, cfg.QuickDays)
	atLeast(Dominant, "dominant.novelty", "new_product_share", "new_product_share", newShare, okNew, cfg.NewProductShare)
	premium, okPremium := amount(p.PremiumShare())
	atLeast(Dominant, "dominant.premium", "premium_share", "premium_share", premium, okPremium, cfg.PremiumShare)

	// Influential.
	v, ok := count(p.Signals.SocialPosts)
	atLeast(Influential, "influential.social", "social_posts", "social_posts", v, ok, cfg.SocialPosts)
	v, ok = count(p.Signals.Referrals)
	atLeast(Influential, "influential.referrals", "referrals", "referrals", v, ok, cfg.Referrals)
	v, ok = count(p.Signals.PositiveReviews)
	atLeast(Influential, "influential.reviews", "positive_reviews", "positive_reviews", v, ok, cfg.PositiveReviews)
	v, ok = count(p.Signals.Calls)
	atLeast(Influential, "influential.calls", "calls", "calls", v, ok, cfg.Calls)
	v, ok = count(p.Signals.Webinars)
	atLeast(Influential, "influential.webinars", "webinars", "webinars", v, ok, cfg.Webinars)

	// Steady. One purchase tells when a customer came, not that they
	// stayed: tenure is evidence only from the second occasion on, and a
	// prospect's repeat buying is not known yet.
	tenure, okTenure := p.Tenure().Get()
	atLeast(Steady, "steady.tenure", "tenure_days", "tenure_days", float64(tenure), okTenure && tenure >= 0 && p.Occasions >= 2, cfg.TenureDays)
	atLeast(Steady, "steady.repeat", "occasions", "repeat_occasions", float64(p.Occasions), p.Occasions > 0, cfg.RepeatOccasions)
	member, okMember := p.Signals.LoyaltyMember.Get()
	memberScore, memberValue := float32(0), 0.0
	if member {
		memberScore, memberValue = 1, 1
	}
	note(Steady, "steady.loyalty", "loyalty_member", "", memberValue, okMember, segment.Equal, 1, memberScore)
	conservative := float32(1)
	if newShare > cfg.ConservativeShare {
		conservative = segment.Clamp01((1 - newShare) / (1 - cfg.ConservativeShare))
	}
	note(Steady, "steady.conservative", "new_product_share", "conservative_share", newShare, okNew, segment.LessEq, cfg.ConservativeShare, conservative)
	// No complaints says something only about a customer who has bought:
	// a prospect has had nothing to complain about yet.
	v, ok = count(p.Signals.Complaints)
	atMost(Steady, "steady.patience", "complaints", "max_complaints", v, ok && (p.Occasions > 0 || v > cfg.MaxComplaints), cfg.MaxComplaints)

	// Conscientious. A prospect's research so far counts toward their
	// first purchase.
	comparisons, okCmp := count(p.Signals.ComparisonsViewed)
	reads, okReads := count(p.Signals.LongReads)
	research := (comparisons + reads) / float64(max(p.Occasions, 1))
	atLeast(Conscientious, "conscientious.research", "research_per_purchase", "research_per_purchase", research, okCmp || okReads, cfg.ResearchPerPurchase)
	atLeast(Conscientious, "conscientious.deliberation", "days_to_purchase", "deliberate_days", days, okDays, cfg.DeliberateDays)
	v, ok = count(p.Signals.Inquiries)
	atLeast(Conscientious, "conscientious.questions", "inquiries", "inquiries", v, ok, cfg.Inquiries)
}
