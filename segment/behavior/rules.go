package behavior

import (
	"math"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

// evaluator decides the built-in rule of each type for one profile, in
// three-valued logic: a comparison on an unknown input is Unknown, never
// false. Facts every profile has (occasions, orders, revenue) are always
// known; a customer without a purchase has no recency, and rules that
// need one start with "occasions >= 1", so for a prospect they are false,
// not unknown.
type evaluator struct {
	cfg  *Config
	cuts *Cuts
	p    *segment.Profile
	rs   *reasons          // nil on the plain path
	log  *[numChecks]entry // rs's log; nil on the plain path

	occ          float64
	rec          float64
	recOK        bool
	gap          float64
	gapOK        bool
	tenure       float64
	tenureOK     bool
	churnKnown   bool
	churned      bool
	sleepBound   float64
	sleepByGap   bool       // the sleeping bound is the gap factor's, not sleeping_days
	byAlive      bool       // P(alive) decides sleeping and lost, not days (see alive.go)
	alive        float64    // P(alive), when byAlive
	aliveOK      bool       // alive is a probability
	regularTruth rule.Truth // Regular's built-in rule, for Fan
	inactive     rule.Truth // sleeping or lost, for UnderClient

	// The truth of every type as two sets: the types whose rule holds,
	// and those whose rule is Unknown; the others are False. Sets, not an
	// array, so the result is built with a few bit operations.
	yes, unknown uint32
}

// put replaces the truth of t.
func (e *evaluator) put(t Type, v rule.Truth) {
	bit := uint32(1) << t
	e.yes = e.yes&^bit | uint32(v>>1&1)<<t
	e.unknown = e.unknown&^bit | uint32(1^(v|v>>1)&1)<<t
}

// truths is the truth of every type, two bits per type (a rule.Truth
// each), built in a local variable (a register) rather than through the
// evaluator in memory, and turned into the two sets once (see sets).
type truths struct{ packed uint64 }

// put sets the truth of t, which must not have been set yet: decide sets
// each type once. A shift and an or: the two sets cost five times that
// per type.
func (a *truths) put(t Type, v rule.Truth) { a.packed |= uint64(v&3) << (2 * t) }

// sets returns the types whose truth is True and those whose truth is
// Unknown. In each pair of bits True (2) has the high bit, False (1) the
// low one only and Unknown (0) neither; 3, which no rule makes, counts as
// True, as rule.And and rule.Or take it. The Unknown type is never set,
// so is in neither set.
func (a truths) sets() (yes, unknown uint32) {
	const evens = 0x5555555555555555
	const types = (1<<(2*numTypes) - 1) &^ 3 // the pairs of the types, Unknown's left out
	lo, hi := a.packed&evens, a.packed>>1&evens
	return gatherEvens(hi), gatherEvens(^(lo | hi) & evens & types)
}

// gatherEvens packs the even bits of x: bit 2i goes to bit i.
func gatherEvens(x uint64) uint32 {
	x = (x | x>>1) & 0x3333333333333333
	x = (x | x>>2) & 0x0f0f0f0f0f0f0f0f
	x = (x | x>>4) & 0x00ff00ff00ff00ff
	x = (x | x>>8) & 0x0000ffff0000ffff
	x = (x | x>>16) & 0x00000000ffffffff
	return uint32(x)
}

// get returns the truth of t.
func (e *evaluator) get(t Type) rule.Truth {
	switch bit := uint32(1) << t; {
	case e.yes&bit != 0:
		return rule.True
	case e.unknown&bit != 0:
		return rule.Unknown
	}
	return rule.False
}

// init sets up e, which must be zero, for p.
func (e *evaluator) init(cfg *Config, cuts *Cuts, pAlive func(p *segment.Profile) (float64, bool), p *segment.Profile, rs *reasons) {
	e.cfg, e.cuts, e.p, e.rs, e.occ = cfg, cuts, p, rs, float64(p.Occasions)
	if rs != nil {
		e.log = &rs.log
	}
	r, ok := p.Recency().Get()
	e.rec, e.recOK = float64(r), ok
	e.gap, e.gapOK = p.MeanGap().Get()
	e.gapOK = e.gapOK && !math.IsNaN(e.gap)
	t, ok := p.Tenure().Get()
	e.tenure, e.tenureOK = float64(t), ok
	e.churned, e.churnKnown = p.Signals.Churned.Get()

	// Sleeping: more than max(sleeping_days, factor × own mean gap) days
	// since the last purchase. A customer with one purchase has no gap:
	// the bound is sleeping_days.
	e.sleepBound = float64(cfg.SleepingDays)
	if e.gapOK && cfg.SleepingGapFactor*e.gap > e.sleepBound {
		e.sleepBound, e.sleepByGap = cfg.SleepingGapFactor*e.gap, true
	}
	sleeping, lost := rule.False, rule.False
	if e.occ >= 1 {
		sleeping, lost = rule.Unknown, rule.Unknown
		if e.recOK {
			sleeping = rule.Of(e.rec > e.sleepBound)
			lost = rule.Of(e.rec > float64(cfg.LostDays))
		}
	}
	if s, l, ok := e.initAlive(pAlive); ok {
		sleeping, lost = s, l
	}
	if e.churnKnown && e.churned {
		lost = rule.True
	}
	e.inactive = rule.Or(sleeping, lost)
}

// The comparisons, one method per operator: lt, le, gt, ge and eq
// compare an input with a threshold, Unknown when the input is not known
// (callers pass known false for NaN). Each is small enough to be inlined,
// so every call site gets its own well-predicted branches and the plain
// path pays no call; on the Explain path they also note the comparison in
// the log, from which the reasons are built afterwards.
func (e *evaluator) le(id check, v float64, known bool, t float64) rule.Truth {
	truth := truthOf(known, v <= t)
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: segment.LessEq, truth: truth, set: true}
	}
	return truth
}

func (e *evaluator) lt(id check, v float64, known bool, t float64) rule.Truth {
	truth := truthOf(known, v < t)
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: segment.Less, truth: truth, set: true}
	}
	return truth
}

func (e *evaluator) gt(id check, v float64, known bool, t float64) rule.Truth {
	truth := truthOf(known, v > t)
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: segment.Greater, truth: truth, set: true}
	}
	return truth
}

func (e *evaluator) ge(id check, v float64, known bool, t float64) rule.Truth {
	truth := truthOf(known, v >= t)
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: segment.GreaterEq, truth: truth, set: true}
	}
	return truth
}

func (e *evaluator) eq(id check, v float64, known bool, t float64) rule.Truth {
	truth := truthOf(known, v == t)
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: segment.Equal, truth: truth, set: true}
	}
	return truth
}

// decided notes a truth derived from several inputs (a sum of signals,
// another type's rule).
func (e *evaluator) decided(id check, op segment.Op, v float64, t float64, truth rule.Truth) rule.Truth {
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: op, truth: truth, set: true}
	}
	return truth
}

// matters reports whether the rest of a conjunction whose first part is t
// must be evaluated: not when t is False, unless an explanation wants
// every comparison.
func (e *evaluator) matters(t rule.Truth) bool { return t != rule.False || e.log != nil }

// truthOf is Unknown when the input is not known, else True or False as
// the comparison holds: Unknown 0, False 1, True 2, without branches.
func truthOf(known, holds bool) rule.Truth {
	return rule.Truth(b2u(known) * (1 + b2u(holds)))
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// entry is one comparison noted on the Explain path.
type entry struct {
	v, t  float64
	op    segment.Op
	truth rule.Truth
	set   bool  // the comparison was made
	noCut bool  // a top-share comparison without a cut (not fitted)
	alive uint8 // the comparison was on P(alive): aliveSleeping or aliveLost
}

// reason turns a noted comparison into its reason.
func (e *evaluator) reason(id check, en *entry) segment.Reason {
	c := &checks[id]
	known := en.truth != rule.Unknown
	r := segment.Reason{Rule: c.rule, Label: c.label.String(), Field: c.field, FieldEN: c.en, FieldRU: c.ru,
		Known: known, Op: en.op, Threshold: en.t, Setting: c.setting, Held: en.truth == rule.True}
	if known {
		r.Value = en.v
	}
	switch {
	case c.sleep && e.sleepByGap:
		r.Setting = "sleeping_gap_factor"
	case c.sleep:
		r.Setting = "sleeping_days"
	case en.noCut:
		r.Field = c.field + "_cut"
		r.FieldEN = "cut for the top share by " + segment.FieldTitle(c.field, segment.English) + " (not fitted)"
		r.FieldRU = "порог верхней доли по показателю «" + segment.FieldTitle(c.field, segment.Russian) + "» (не рассчитан)"
		r.Threshold = 0
	}
	if en.alive != aliveNone {
		aliveReason(&r, en.alive)
	}
	return r
}

// summary records whether t applies.
func (e *evaluator) summary(t Type, truth rule.Truth) {
	e.rs.add(segment.Reason{Rule: t.String(), Label: t.String(), Field: "applies",
		FieldEN: "all conditions", FieldRU: "все условия", Value: b2f(truth == rule.True),
		Known: truth != rule.Unknown, Held: truth == rule.True}, t)
}

// top is "v is above the cut": in the top share of the base. Without a
// cut (not fitted) it is Unknown.
func (e *evaluator) top(id check, v float64, cut segment.Opt[float64]) rule.Truth {
	c, ok := cut.Get()
	truth := truthOf(ok && v == v, v > c)
	if e.log != nil {
		e.log[id] = entry{v: v, t: c, op: segment.Greater, truth: truth, set: true, noCut: !ok}
	}
	return truth
}

// sum adds the known counts among opts and reports whether any is
// unknown.
func sum(opts ...segment.Opt[int]) (total float64, missing bool) {
	known := uint8(1)
	for _, o := range opts { // without branches: signals are known at random
		total += float64(o.Or(0))
		known &= b2u(o.Known())
	}
	return total, known == 0
}

// sum2 and sum3 are sum of two and of three counts, to the bit, without
// the slice and the loop: they are on every buyer's path, where sum of
// fourteen is on a prospect's only.
func sum2(a, b segment.Opt[int]) (total float64, missing bool) {
	return float64(a.Or(0)) + float64(b.Or(0)), b2u(a.Known())&b2u(b.Known()) == 0
}

func sum3(a, b, c segment.Opt[int]) (total float64, missing bool) {
	return float64(a.Or(0)) + float64(b.Or(0)) + float64(c.Or(0)), b2u(a.Known())&b2u(b.Known())&b2u(c.Known()) == 0
}

// atLeast is a threshold on a sum with unknown parts: True when the known
// part reaches it, else Unknown while a part is unknown, else False.
func atLeast(total float64, missing bool, threshold float64) rule.Truth {
	// True (2) when reached; else False (1) unless a part is missing,
	// Unknown (0): worked out without branches, as truthOf.
	reached := b2u(total >= threshold)
	return rule.Truth(2*reached + (1^reached)&(1^b2u(missing)))
}

func and3(a, b, c rule.Truth) rule.Truth { return rule.And(rule.And(a, b), c) }

// decide sets the built-in truth of every type (see put), in one pass of
// straight code: one call, not one per type, as call overhead would
// otherwise dominate Classify's cost. Regular comes before Fan, which uses
// it. Where a type's first, cheap conditions already fail, the plain path
// skips the rest (see matters); the result is the same, as False and
// anything is False.
func (e *evaluator) decide() {
	cfg, p := e.cfg, e.p
	var acc truths // in registers, stored once at the end
	{              // Potential
		noPurchase := e.eq(cPotentialNoPurchase, e.occ, true, 0)
		potential := rule.False
		if e.matters(noPurchase) { // a buyer is not potential: fourteen signals not to add up

			inquiries := p.Signals.Inquiries
			if !inquiries.Known() && p.DaysSince(p.Signals.LastInquiry).Known() {
				inquiries = segment.Some(1) // a dated inquiry is at least one
			}
			contacts, missing := sum(inquiries, p.Signals.SiteVisits, p.Signals.Calls, p.Signals.StoreVisits,
				p.Signals.Webinars, p.Signals.VideoViews, p.Signals.ImageViews, p.Signals.LongReads, p.Signals.AudioPlays,
				p.Signals.Samples, p.Signals.Tastings, p.Signals.TestDrives, p.Signals.MasterClasses, p.Signals.ComparisonsViewed)
			if sub, ok := p.Signals.Subscribed.Get(); !ok {
				missing = true
			} else if sub {
				contacts++
			}
			min := float64(cfg.PotentialContacts)
			potential = rule.And(noPurchase,
				e.decided(cPotentialContacts, segment.GreaterEq, contacts, min, atLeast(contacts, missing, min)))
		}
		acc.put(Potential, potential)
	}
	{ // HotInquirer
		acc.put(HotInquirer, e.inquirer(cHotInquiries, cHotDays, cHotOpen, false))
	}
	{ // ColdInquirer
		acc.put(ColdInquirer, e.inquirer(cColdInquiries, cColdDays, cColdOpen, true))
	}
	{ // Newcomer
		t := e.eq(cNewOccasions, e.occ, true, 1)
		if e.matters(t) {
			t = rule.And(t, e.le(cNewRecency, e.rec, e.recOK, float64(cfg.NewDays)))
		}
		acc.put(Newcomer, t)
	}
	{ // OneTime
		t := e.eq(cOneTimeOccasions, e.occ, true, 1)
		if e.matters(t) {
			t = rule.And(t, e.gt(cOneTimeRecency, e.rec, e.recOK, float64(cfg.NewDays)))
		}
		acc.put(OneTime, t)
	}
	{ // Rare
		acc.put(Rare, rule.And(e.ge(cRareOccasions, e.occ, true, 2), e.gt(cRareGap, e.gap, e.gapOK, float64(cfg.RareGapDays))))
	}
	{ // Regular
		t := e.ge(cRegularOccasions, e.occ, true, float64(cfg.RegularOccasions))
		if e.matters(t) {
			t = and3(t, e.le(cRegularGap, e.gap, e.gapOK, float64(cfg.RareGapDays)), e.active(regularActive))
		}
		e.regularTruth = t
		acc.put(Regular, t)
	}
	{ // Gold
		t := rule.And(e.ge(cGoldBought, e.occ, true, 1), e.top(cGoldRevenue, p.Revenue, e.cuts.GoldRevenue))
		if e.matters(t) {
			t = and3(t, e.ge(cGoldTenure, e.tenure, e.tenureOK, float64(cfg.GoldTenureDays)), e.active(goldActive))
		}
		acc.put(Gold, t)
	}
	{ // SuperConsumer
		t := rule.And(e.ge(cSuperBought, e.occ, true, 1), e.top(cSuperRevenue, p.Revenue, e.cuts.SuperRevenue))
		if e.matters(t) {
			t = and3(t, e.top(cSuperOccasions, e.occ, e.cuts.SuperOccasions), e.active(superActive))
		}
		acc.put(SuperConsumer, t)
	}
	{ // Status
		aov, aovOK := p.AverageOrderValue().Get()
		premium, premiumOK := p.PremiumShare().Get()
		byAOV := e.gt(cStatusAOV, 0, false, 0)
		if aovOK {
			byAOV = e.top(cStatusAOV, aov, e.cuts.StatusAOV)
		}
		acc.put(Status, rule.And(
			e.ge(cStatusBought, e.occ, true, 1),
			rule.Or(byAOV, e.ge(cStatusPremium, premium, premiumOK, cfg.StatusPremiumShare))))
	}
	{ // Fan
		regular := e.decided(cFanRegular, segment.NoOp, b2f(e.regularTruth == rule.True), 0, e.regularTruth)
		fan := rule.False
		if e.matters(regular) {
			advocacy, missing := sum3(p.Signals.PositiveReviews, p.Signals.Referrals, p.Signals.SocialPosts)
			min := float64(cfg.FanAdvocacy)
			fan = rule.And(regular,
				e.decided(cFanAdvocacy, segment.GreaterEq, advocacy, min, atLeast(advocacy, missing, min)))
		}
		acc.put(Fan, fan)
	}
	{ // Pioneer
		share, ok := p.NewProductShare().Get()
		acc.put(Pioneer, rule.And(
			e.ge(cPioneerOccasions, e.occ, true, float64(cfg.PioneerMinOccasions)),
			e.ge(cPioneerShare, share, ok, cfg.PioneerNewShare)))
	}
	{ // LeadUser
		t := rule.And(e.ge(cLeadBought, e.occ, true, 1), e.top(cLeadRevenue, p.Revenue, e.cuts.LeadRevenue))
		if e.matters(t) {
			b2b, b2bOK := p.Signals.B2B.Get()
			influence, missing := sum2(p.Signals.Referrals, p.Signals.SocialPosts)
			min := float64(cfg.LeadInfluence)
			t = rule.And(t, rule.Or(
				e.eq(cLeadB2B, b2f(b2b), b2bOK, 1),
				e.decided(cLeadInfluence, segment.GreaterEq, influence, min, atLeast(influence, missing, min))))
		}
		acc.put(LeadUser, t)
	}
	{ // DetailSeeker
		research, missing := sum2(p.Signals.ComparisonsViewed, p.Signals.LongReads)
		perPurchase := research / max(e.occ, 1)
		enough := rule.False
		if e.occ >= 1 {
			enough = atLeast(perPurchase, missing, cfg.DetailResearch)
		}
		acc.put(DetailSeeker, rule.And(
			e.ge(cDetailBought, e.occ, true, 1),
			e.decided(cDetailResearch, segment.GreaterEq, perPurchase, cfg.DetailResearch, enough)))
	}
	{ // Sleeping
		t := rule.And(e.ge(cSleepingBought, e.occ, true, 1), e.sleepy(cSleepingRecency))
		if e.matters(t) {
			t = rule.And(t, e.notLost())
		}
		acc.put(Sleeping, t)
	}
	{ // Lost
		byRecency := rule.And(e.ge(cLostBought, e.occ, true, 1), e.gone(cLostRecency))
		if e.churnKnown {
			byRecency = rule.Or(byRecency, e.eq(cLostChurned, b2f(e.churned), true, 1))
		}
		acc.put(Lost, byRecency)
	}
	{ // Dissatisfied
		acc.put(Dissatisfied, rule.Or(
			e.recent(cComplaint, cComplaintCount, p.Signals.LastComplaint, p.Signals.Complaints),
			e.recent(cNegativeReview, cNegativeReviewCount, p.Signals.LastNegativeReview, p.Signals.NegativeReviews)))
	}
	{ // UnderClient
		acc.put(UnderClient, and3(
			e.ge(cUnderBought, e.occ, true, 1),
			e.le(cUnderOccasions, e.occ, true, float64(cfg.UnderClientMaxOccasions)),
			e.decided(cUnderInactive, segment.NoOp, b2f(e.inactive == rule.True), 0, e.inactive)))
	}
	{ // Problem
		complaints, ok := p.Signals.Complaints.Get()
		rate, rateOK := p.ReturnRate().Get()
		acc.put(Problem, rule.Or(
			e.ge(cProblemComplaints, float64(complaints), ok, float64(cfg.ProblemComplaints)),
			rule.And(
				e.ge(cProblemOrders, float64(p.Orders), true, float64(cfg.ProblemMinOrders)),
				e.gt(cProblemReturnRate, rate, rateOK, cfg.ProblemReturnRate))))
	}
	{ // Impossible
		support, ok := p.Signals.SupportRequests.Get()
		acc.put(Impossible, rule.And(
			e.ge(cImpossibleBought, e.occ, true, 1),
			e.gt(cImpossibleSupport, float64(support)/max(e.occ, 1), ok, cfg.ImpossibleSupportPerOrder)))
	}
	{ // BargainOnly
		share, ok := p.DiscountShare().Get()
		acc.put(BargainOnly, rule.And(
			e.ge(cBargainOccasions, e.occ, true, float64(cfg.BargainMinOccasions)),
			e.ge(cBargainShare, share, ok, cfg.BargainShare)))
	}
	e.yes, e.unknown = acc.sets()
}

// inquirer decides HotInquirer or ColdInquirer: the latest inquiry is at
// most (hot) or more than (cold) hot_inquiry_days old, and the customer
// has not bought since. With no date, a known zero inquiries decides "no";
// anything else is unknown.
func (e *evaluator) inquirer(count, days, open check, cold bool) rule.Truth {
	hot := float64(e.cfg.HotInquiryDays)
	d, ok := e.p.DaysSince(e.p.Signals.LastInquiry).Get()
	age := func(v float64, known bool) rule.Truth {
		if cold {
			return e.gt(days, v, known, hot)
		}
		return e.le(days, v, known, hot)
	}
	if !ok {
		n, nOK := e.p.Signals.Inquiries.Get()
		// False only when known to be zero: the date is missing either way.
		return rule.And(e.gt(count, float64(n), nOK, 0), age(0, false))
	}
	truth := age(float64(d), true)
	if e.occ >= 1 { // asked after the last purchase: still open
		truth = rule.And(truth, e.lt(open, float64(d), e.recOK, e.rec))
	}
	return truth
}

// active is "neither sleeping nor lost": recency within the sleeping bound
// and within lost_days, and not marked churned. The churn mark is an
// annotation staff add; when the CRM has none, recency alone decides.
func (e *evaluator) active(c activeChecks) rule.Truth {
	truth := rule.And(
		e.awake(c.sleeping),
		e.notGone(c.lost))
	if e.churnKnown {
		truth = rule.And(truth, e.eq(c.churned, b2f(e.churned), true, 0))
	}
	return truth
}

// notLost is active's second half, for Sleeping.
func (e *evaluator) notLost() rule.Truth {
	truth := e.notGone(cSleepingNotLost)
	if e.churnKnown {
		truth = rule.And(truth, e.eq(cSleepingNotChurned, b2f(e.churned), true, 0))
	}
	return truth
}

// recent is "the latest event (complaint, negative review) is at most
// dissatisfied_days old". With no date, a known count of zero decides
// "no"; anything else is unknown.
func (e *evaluator) recent(days, count check, date segment.Opt[segment.Date], n segment.Opt[int]) rule.Truth {
	limit := float64(e.cfg.DissatisfiedDays)
	if d, ok := e.p.DaysSince(date).Get(); ok {
		return e.le(days, float64(d), true, limit)
	}
	v, ok := n.Get()
	return rule.And(e.gt(count, float64(v), ok, 0), e.le(days, 0, false, limit))
}
