package disc

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/internal/profiletest"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// The reference is observe and result as they were before atLeast and
// atMost scored without segment.Ratio's test of the divisor. Classify and
// Explain must agree with it bit for bit.

// result turns the evidence into r, which must be zero: each style's
// score is the mean of its known indicators; a primary needs minScore; the
// confidence is the mean coverage times the primary's score.
func (ev *evidence) refResult(minScore float64, r *segment.Result[Style]) {
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

// count reads a count signal: known, and not negative (an invalid profile
// is not evidence).
func refCount(o segment.Opt[int]) (float64, bool) {
	v, ok := o.Get()
	if !ok || v < 0 {
		return 0, false
	}
	return float64(v), true
}

// amount reads a non-negative real: known, finite and not negative.
func refAmount(o segment.Opt[float64]) (float64, bool) {
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
func (c *Classifier) refObserve(p *segment.Profile, ev *evidence, rs *[]segment.Reason) {
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

	days, okDays := refAmount(p.Signals.DaysToPurchase)
	newShare, okNew := refAmount(p.NewProductShare())

	// Dominant.
	atMost(Dominant, "dominant.quick", "days_to_purchase", "quick_days", days, okDays, cfg.QuickDays)
	atLeast(Dominant, "dominant.novelty", "new_product_share", "new_product_share", newShare, okNew, cfg.NewProductShare)
	premium, okPremium := refAmount(p.PremiumShare())
	atLeast(Dominant, "dominant.premium", "premium_share", "premium_share", premium, okPremium, cfg.PremiumShare)

	// Influential.
	v, ok := refCount(p.Signals.SocialPosts)
	atLeast(Influential, "influential.social", "social_posts", "social_posts", v, ok, cfg.SocialPosts)
	v, ok = refCount(p.Signals.Referrals)
	atLeast(Influential, "influential.referrals", "referrals", "referrals", v, ok, cfg.Referrals)
	v, ok = refCount(p.Signals.PositiveReviews)
	atLeast(Influential, "influential.reviews", "positive_reviews", "positive_reviews", v, ok, cfg.PositiveReviews)
	v, ok = refCount(p.Signals.Calls)
	atLeast(Influential, "influential.calls", "calls", "calls", v, ok, cfg.Calls)
	v, ok = refCount(p.Signals.Webinars)
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
	v, ok = refCount(p.Signals.Complaints)
	atMost(Steady, "steady.patience", "complaints", "max_complaints", v, ok && (p.Occasions > 0 || v > cfg.MaxComplaints), cfg.MaxComplaints)

	// Conscientious. A prospect's research so far counts toward their
	// first purchase.
	comparisons, okCmp := refCount(p.Signals.ComparisonsViewed)
	reads, okReads := refCount(p.Signals.LongReads)
	research := (comparisons + reads) / float64(max(p.Occasions, 1))
	atLeast(Conscientious, "conscientious.research", "research_per_purchase", "research_per_purchase", research, okCmp || okReads, cfg.ResearchPerPurchase)
	atLeast(Conscientious, "conscientious.deliberation", "days_to_purchase", "deliberate_days", days, okDays, cfg.DeliberateDays)
	v, ok = refCount(p.Signals.Inquiries)
	atLeast(Conscientious, "conscientious.questions", "inquiries", "inquiries", v, ok, cfg.Inquiries)
}

func TestClassifyIsTheReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 3))
	cfgs := []*Config{nil, {MinScore: 1}} // a score of 1 is common: on the bound
	for range 20 {
		c := Config{
			QuickDays: 0.01 + rng.Float64()*60, NewProductShare: 0.01 + rng.Float64()*0.99, PremiumShare: 0.01 + rng.Float64()*0.99,
			SocialPosts: 1 + rng.Float64()*20, Referrals: 1 + rng.Float64()*5, PositiveReviews: 1 + rng.Float64()*8,
			Calls: 1 + rng.Float64()*10, Webinars: 1 + rng.Float64()*5, TenureDays: 1 + rng.Float64()*900,
			RepeatOccasions: 1 + rng.Float64()*10, ConservativeShare: 0.01 + rng.Float64()*0.98, MaxComplaints: 1 + rng.Float64()*5,
			ResearchPerPurchase: 0.01 + rng.Float64()*10, DeliberateDays: 0, Inquiries: 1 + rng.Float64()*10,
			MinScore: 0.01 + rng.Float64()*0.99,
		}
		c.ConservativeShare = 0.01 + rng.Float64()*max(c.NewProductShare-0.02, 0)
		c.DeliberateDays = c.QuickDays + 0.01 + rng.Float64()*60
		cfgs = append(cfgs, &c)
	}
	profiles := append(segmenttest.Random(4000, 43), segmenttest.Extremes()...)
	profiles = append(profiles, profiletest.OrdersOnly(append(segmenttest.Random(500, 44), segmenttest.Extremes()...))...)
	for _, cfg := range cfgs {
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range profiles {
			p := &profiles[i]
			var ev evidence
			var reasons []segment.Reason
			c.refObserve(p, &ev, &reasons)
			var want segment.Result[Style]
			ev.refResult(c.cfg.MinScore, &want)
			if got := c.Classify(p); got != want {
				t.Fatalf("%s under %+v: Classify %+v, reference %+v", p.ID, cfg, got, want)
			}
			got := c.Explain(p)
			if got.Result != want || len(got.Reasons) != len(reasons) {
				t.Fatalf("%s under %+v: Explain %+v, reference %+v", p.ID, cfg, got, reasons)
			}
			for j := range reasons {
				if got.Reasons[j] != reasons[j] {
					t.Fatalf("%s under %+v: reason %d %+v, reference %+v", p.ID, cfg, j, got.Reasons[j], reasons[j])
				}
			}
		}
	}
}
