package loyalty

import (
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/internal/profiletest"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// The reference is eval as it was before the plain path lost its
// branches (markers set only when known, a loop over the markers, a
// switch per kind for the confidence). Classify must agree with it bit
// for bit.

// refCount scores a count signal against its threshold, recording the reason.
func (r reasons) refCount(rule string, label Kind, field, setting string, o segment.Opt[int], threshold int) marker {
	v, ok := o.Get()
	r.add(rule, label, field, float64(v), ok, segment.GreaterEq, float64(threshold), setting, ok && v >= threshold)
	if !ok {
		return marker{}
	}
	return marker{segment.Ratio(float64(v), float64(threshold)), true}
}

// refEval fills res (which must be zero) for p, recording reasons when rs is
// not nil (the plain path passes nil and allocates nothing).
func (c *Classifier) refEval(p *segment.Profile, rs *[]segment.Reason, res *segment.Result[Kind]) {
	why := reasons{rs}
	var m [markers]marker
	c.refBehavioural(p, why, &m)
	c.refEmotional(p, why, &m)
	c.refPersonal(p, why, &m)

	// Behavioural and emotional loyalty last while the customer keeps
	// coming; after ActiveDays without a purchase they are gone.
	rec, recKnown := p.Recency().Get()
	inactive := recKnown && rec > c.cfg.ActiveDays
	if p.Occasions > 0 {
		why.add("active", Unknown, "recency_days", float64(rec), recKnown, segment.LessEq,
			float64(c.cfg.ActiveDays), "active_days", recKnown && !inactive)
	}

	var score [Personal + 1]float32
	var known, total [Personal + 1]int
	for i, mk := range m {
		k := kindOf[i]
		total[k]++
		if mk.known {
			known[k]++
			if mk.score > score[k] { // scores are clamped, never NaN: no need for max's NaN care
				score[k] = mk.score
			}
		}
	}
	if known[Behavioural]+known[Emotional]+known[Personal] == 0 {
		return // no evidence at all: Unknown
	}
	canRise := [Personal + 1]bool{Behavioural: !inactive, Emotional: !inactive, Personal: true}
	if inactive {
		score[Behavioural], score[Emotional] = 0, 0
	}
	strongest := score[Behavioural]
	if score[Emotional] > strongest {
		strongest = score[Emotional]
	}
	if score[Personal] > strongest {
		strongest = score[Personal]
	}
	score[None] = segment.Clamp01(1 - float64(strongest))
	why.add("none", None, "max(behavioural, emotional, personal)", float64(strongest), true, segment.Less, 0.5, "", strongest < 0.5)

	for k := None; k <= Personal; k++ {
		res.Scores[k] = segment.Clamp01(float64(score[k]))
	}
	// Primary: the highest score; on a tie the deeper kind, None last.
	order := [...]Kind{Personal, Emotional, Behavioural, None}
	res.Primary = order[0]
	for _, k := range order[1:] {
		if res.Scores[k] > res.Scores[res.Primary] {
			res.Primary = k
		}
	}
	// Secondary: the best other kind with a positive score.
	for _, k := range order[:3] {
		if k != res.Primary && res.Scores[k] > 0 && (res.Secondary == Unknown || res.Scores[k] > res.Scores[res.Secondary]) {
			res.Secondary = k
		}
	}

	// Confidence: the primary's score times the share of the evidence
	// that is in. Known markers of the primary kind (for None: every
	// known marker that can no longer rise) count for it; markers of the
	// kinds that could still outrank it count against while unknown.
	own, open, openKnown := 0, 0, 0
	top := res.Scores[res.Primary]
	for k := Behavioural; k <= Personal; k++ {
		switch {
		case k == res.Primary:
			own += known[k]
		case !canRise[k]:
			if res.Primary == None {
				own += known[k]
			}
		case res.Primary == None || top < 1 || k > res.Primary:
			open += total[k]
			openKnown += known[k]
		}
	}
	coverage := 1.0
	if own+open > 0 {
		coverage = float64(own+openKnown) / float64(own+open)
	}
	res.Confidence = segment.Clamp01(float64(top) * coverage)
}

// refBehavioural scores repeat purchases and the use of programme rewards.
func (c *Classifier) refBehavioural(p *segment.Profile, why reasons, m *[markers]marker) {
	cfg := &c.cfg
	// A customer who never bought shows no behavioural marker; their
	// loyalty is judged on signals alone.
	why.add("behavioural.repeat", Behavioural, "occasions", float64(p.Occasions), true, segment.GreaterEq,
		float64(cfg.RepeatOccasions), "repeat_occasions", p.Occasions >= cfg.RepeatOccasions)
	if p.Occasions > 0 {
		m[repeat] = marker{segment.Ratio(float64(p.Occasions), float64(cfg.RepeatOccasions)), true}
	}

	s := &p.Signals
	redeemed, okR := s.BonusRedeemed.Get()
	earned, okE := s.BonusEarned.Get()
	member, okM := s.LoyaltyMember.Get()
	switch {
	case okR && okE && earned > 0:
		share := redeemed / earned
		m[rewards] = marker{segment.Ratio(share, cfg.RedeemShare), true}
		why.add("behavioural.rewards", Behavioural, "bonus_redeemed/bonus_earned", share, true, segment.GreaterEq,
			cfg.RedeemShare, "redeem_share", share >= cfg.RedeemShare)
	case okR && okE: // nothing earned: no reward holds them
		m[rewards] = marker{0, true}
		why.add("behavioural.rewards", Behavioural, "bonus_earned", earned, true, segment.Greater, 0, "", false)
	case okM && !member: // outside the programme: no reward holds them
		m[rewards] = marker{0, true}
		why.add("behavioural.rewards", Behavioural, "loyalty_member", 0, true, segment.Equal, 1, "", false)
	default:
		// The share needs both amounts: a redemption alone says nothing
		// of how much of the benefit the customer takes.
		why.add("behavioural.rewards", Behavioural, "bonus_redeemed/bonus_earned", 0, false, segment.GreaterEq,
			cfg.RedeemShare, "redeem_share", false)
	}
}

// refEmotional scores personal recognition, status buying, and being known
// to the staff.
func (c *Classifier) refEmotional(p *segment.Profile, why reasons, m *[markers]marker) {
	cfg := &c.cfg
	s := &p.Signals
	m[recognition] = why.refCount("emotional.recognition", Emotional, "service_requests", "service_requests",
		s.ServiceRequests, cfg.ServiceRequests)

	share, ok := p.PremiumShare().Get()
	why.add("emotional.status", Emotional, "premium_share", share, ok, segment.GreaterEq, cfg.PremiumShare,
		"premium_share", ok && share >= cfg.PremiumShare)
	if ok {
		m[status] = marker{segment.Ratio(share, cfg.PremiumShare), true}
	}

	// Known to the staff: a long tenure and many personal contacts, the
	// customer the waiter asks "the usual?".
	tenure, okT := p.Tenure().Get()
	visits, okV := s.StoreVisits.Get()
	calls, okC := s.Calls.Get()
	contacts := float64(visits) + float64(calls) // an unknown Opt holds 0
	why.add("emotional.tenure", Emotional, "tenure_days", float64(tenure), okT, segment.GreaterEq,
		float64(cfg.TenureDays), "tenure_days", okT && tenure >= cfg.TenureDays)
	why.add("emotional.staff_contacts", Emotional, "store_visits+calls", contacts, okV || okC, segment.GreaterEq,
		float64(cfg.StaffContacts), "staff_contacts", (okV || okC) && contacts >= float64(cfg.StaffContacts))
	if okT && (okV || okC) {
		m[knownStaff] = marker{min(segment.Ratio(float64(tenure), float64(cfg.TenureDays)),
			segment.Ratio(contacts, float64(cfg.StaffContacts))), true}
	}
}

// refPersonal scores the customer's voice for the brand, the ambassador
// programme, and staying through the brand's failures.
func (c *Classifier) refPersonal(p *segment.Profile, why reasons, m *[markers]marker) {
	cfg := &c.cfg
	s := &p.Signals
	m[referred] = why.refCount("personal.referrals", Personal, "referrals", "referrals", s.Referrals, cfg.Referrals)
	m[posted] = why.refCount("personal.social_posts", Personal, "social_posts", "social_posts", s.SocialPosts, cfg.SocialPosts)
	m[reviewed] = why.refCount("personal.positive_reviews", Personal, "positive_reviews", "positive_reviews", s.PositiveReviews, cfg.PositiveReviews)

	amb, okA := s.Ambassador.Get()
	why.add("personal.ambassador", Personal, "ambassador", b2f(amb), okA, segment.Equal, 1, "", amb)
	if okA {
		m[ambassador] = marker{b2f32(amb), true}
	}

	m[stayed] = c.refStayed(p, why)
}

// refStayed is the marker of a fan: complained or wrote a
// negative review, and bought again after it (the last purchase after the
// latest complaint or the latest negative review). It scores like the
// repeat-purchase marker: keeping on buying. A later failure does not undo
// having stayed through an earlier one, so knowing more failures never
// lowers the marker. A customer known to have no failure has nothing to
// stay through and scores 0: known, but no evidence against, since a
// kind takes its strongest marker.
func (c *Classifier) refStayed(p *segment.Profile, why reasons) marker {
	const rule = "personal.stayed"
	s := &p.Signals
	since, dated := 0, false // days since the older of the two latest failures
	for _, d := range [...]segment.Opt[segment.Date]{s.LastComplaint, s.LastNegativeReview} {
		if days, ok := p.DaysSince(d).Get(); ok && (!dated || days > since) {
			since, dated = days, true
		}
	}
	if !dated {
		complaints, okC := s.Complaints.Get()
		negative, okN := s.NegativeReviews.Get()
		failures := float64(max(complaints, 0)) + float64(max(negative, 0))
		why.add(rule, Personal, "complaints+negative_reviews", failures, okC || okN, segment.Greater, 0, "", false)
		if (okC || okN) && failures == 0 {
			return marker{0, true} // nothing to stay through
		}
		return marker{} // no failure known, or not when it was
	}
	if p.Occasions <= 0 { // never bought, so never bought again
		why.add(rule, Personal, "occasions", 0, true, segment.Greater, 0, "", false)
		return marker{0, true}
	}
	rec, okRec := p.Recency().Get()
	after := okRec && rec < since
	why.add(rule, Personal, "recency_days", float64(rec), okRec, segment.Less, float64(since), "", after)
	switch {
	case !okRec:
		return marker{}
	case !after:
		return marker{0, true}
	}
	return marker{segment.Ratio(float64(p.Occasions), float64(c.cfg.RepeatOccasions)), true}
}

// Classify agrees with the reference on varied and extreme profiles,
// under the defaults and under random valid configurations.
func TestClassifyIsTheReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	cfgs := []*Config{nil}
	for range 20 {
		c := Config{
			RepeatOccasions: 2 + rng.IntN(6), RedeemShare: 0.01 + rng.Float64()*0.99, ActiveDays: 1 + rng.IntN(700),
			ServiceRequests: 1 + rng.IntN(5), PremiumShare: 0.01 + rng.Float64()*0.99, TenureDays: 1 + rng.IntN(900),
			StaffContacts: 1 + rng.IntN(30), Referrals: 1 + rng.IntN(5), SocialPosts: 1 + rng.IntN(8), PositiveReviews: 1 + rng.IntN(8),
		}
		cfgs = append(cfgs, &c)
	}
	profiles := append(segmenttest.Random(4000, 41), segmenttest.Extremes()...)
	profiles = append(profiles, profiletest.OrdersOnly(append(segmenttest.Random(500, 43), segmenttest.Extremes()...))...)
	for _, cfg := range cfgs {
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range profiles {
			p := &profiles[i]
			var want segment.Result[Kind]
			var reasons []segment.Reason
			c.refEval(p, &reasons, &want)
			if got := c.Classify(p); got != want {
				t.Fatalf("%s under %+v: Classify %+v, reference %+v", p.ID, cfg, got, want)
			}
			if got := c.Explain(p); got.Result != want || !profiletest.SameReasons(got.Reasons, reasons) {
				t.Fatalf("%s under %+v: Explain %+v, reference %+v", p.ID, cfg, got, reasons)
			}
		}
	}
}
