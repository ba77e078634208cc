package disc

import (
	"math"

	"github.com/clientele-go/clientele/segment"
)

// Classifier assigns DISC styles from behaviour, and combines behaviour
// with a questionnaire ([Classifier.Blend]). It is immutable and safe for
// concurrent use.
type Classifier struct {
	cfg Config
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
	return &Classifier{cfg: c}, nil
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
	var ev evidence
	c.observe(p, &ev, nil)
	*out = segment.Result[Style]{}
	ev.result(c.cfg.MinScore, out)
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
	total [numStyles]int     // indicators looked at, known or not
}

// coverage returns the share of style s's indicators that are known.
func (ev *evidence) coverage(s Style) float64 {
	if ev.total[s] == 0 {
		return 0
	}
	return float64(ev.known[s]) / float64(ev.total[s])
}

// meanCoverage is the coverage averaged over the styles, so that a style
// with many indicators does not outweigh one with few.
func (ev *evidence) meanCoverage() float64 {
	var c float64
	for s := Dominant; s <= Conscientious; s++ {
		c += ev.coverage(s)
	}
	return c / float64(numStyles-1)
}

// result turns the evidence into r, which must be zero: each style's
// score is the mean of its known indicators; a primary needs minScore; the
// confidence is the mean coverage times the primary's score.
func (ev *evidence) result(minScore float64, r *segment.Result[Style]) {
	for s := Dominant; s <= Conscientious; s++ {
		// With no indicator known this is 0/0, which Clamp01 turns into
		// the 0 asked for: no branch on what is known.
		r.Scores[s] = segment.Clamp01(ev.sum[s] / float64(ev.known[s]))
	}
	// The primary's score is rank's top, not r.Scores[r.Primary]: an
	// index would keep the compiler from picking the primary by
	// conditional moves.
	var top float32
	r.Primary, r.Secondary, top = rank(&r.Scores)
	if r.Primary == Unknown || top < float32(minScore) {
		r.Primary, r.Secondary = Unknown, Unknown
		return
	}
	r.Confidence = segment.Clamp01(ev.meanCoverage() * float64(top))
}

// rank returns the styles with the highest and the second highest positive
// score, and the highest score; ties go to the earlier style in D, I, S,
// C order.
//
// Scores are in [0, 1] (Clamp01 made them), so their bits order as they
// do and an Unknown pick holds the bits of 0, beaten by any positive
// score: the picks are conditional moves on the bits, not branches on
// scores that vary from customer to customer.
func rank(scores *segment.Scores) (primary, secondary Style, top float32) {
	// The picks are ints, not Styles: the compiler makes no conditional
	// move of a byte.
	var p, s int
	var first, second uint32 // the bits of the scores of p and s
	for st := int(Dominant); st <= int(Conscientious); st++ {
		b := math.Float32bits(scores[st])
		if b > second {
			s, second = st, b
		}
		if b > first {
			s, second = p, first
			p, first = st, b
		}
	}
	return Style(p), Style(s), math.Float32frombits(first)
}

// count reads a count signal: known, and not negative (an invalid profile
// is not evidence), else 0 and false. Without a branch: what is known
// varies from customer to customer.
func count(o segment.Opt[int]) (float64, bool) {
	v, ok := o.Get()
	k := b2u(ok) & b2u(v >= 0)
	return float64(v & -int(k)), k != 0
}

// amount reads a non-negative real: known, finite and not negative, else
// 0 and false. Without a branch, as count.
func amount(o segment.Opt[float64]) (float64, bool) {
	v, ok := o.Get()
	k := b2u(ok) & b2u(v >= 0) & b2u(v <= math.MaxFloat64)
	return math.Float64frombits(math.Float64bits(v) & -uint64(k)), k != 0
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// appendReason records the reason of one indicator; unknown, its value
// shows as 0. It is a function of its own so that note, which calls it
// only on the Explain path, stays small enough to inline.
func appendReason(rs *[]segment.Reason, style Style, rule, field, setting string, value float64, known bool, op segment.Op, threshold float64) {
	if !known {
		value = 0
	}
	*rs = append(*rs, segment.Reason{Rule: rule, Label: style.String(), Field: field, Value: value, Known: known,
		Op: op, Threshold: threshold, Setting: setting, Held: known && op.Holds(value, threshold)})
}

// observe scores every indicator of p into ev, and records a reason for
// each when rs is not nil. It is the one place the rules live, so Classify,
// Explain and Blend cannot disagree; the plain path passes nil and
// allocates nothing.
func (c *Classifier) observe(p *segment.Profile, ev *evidence, rs *[]segment.Reason) {
	cfg := &c.cfg
	note := func(style Style, rule, field, setting string, value float64, known bool, op segment.Op, threshold float64, score float32) {
		// An unknown indicator adds 0, which leaves the sum as it was to
		// the bit (it is never -0): no branch on what is known.
		k := b2u(known)
		ev.total[style]++
		ev.sum[style] += math.Float64frombits(math.Float64bits(float64(score)) & -uint64(k))
		ev.known[style] += int(k)
		if rs != nil {
			appendReason(rs, style, rule, field, setting, value, known, op, threshold)
		}
	}
	atLeast := func(style Style, rule, field, setting string, value float64, known bool, threshold float64) {
		note(style, rule, field, setting, value, known, segment.GreaterEq, threshold, segment.Ratio(value, threshold))
	}
	// atMost scores 1 up to the threshold and threshold/value beyond.
	atMost := func(style Style, rule, field, setting string, value float64, known bool, threshold float64) {
		score := float32(1)
		if value > threshold {
			score = segment.Ratio(threshold, value)
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
	memberScore, memberValue := float32(b2u(member)), float64(b2u(member)) // 1 for a member, else 0
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
