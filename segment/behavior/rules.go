package behavior

import (
	"math"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

// rules_plain.go is the plain path's copy of the rules (plainEvaluator):
// after editing the evaluator's methods here or in alive.go, run go
// generate (TestPlainEvaluatorIsGenerated fails until then).
//
//go:generate go run gen_plain.go

// evaluator decides the built-in rule of each type for one profile, in
// three-valued logic: a comparison on an unknown input is Unknown, never
// false. Facts every profile has (occasions, orders, revenue) are always
// known; a customer without a purchase has no recency, and rules that
// need one start with "occasions >= 1", so for a prospect they are false,
// not unknown. Explain runs it with the log; Classify runs
// plainEvaluator, the same methods without it.
type evaluator struct {
	cfg  *Config
	lim  *limits
	cuts *Cuts
	p    *segment.Profile
	rs   *reasons          // nil on the plain path
	log  *[numChecks]entry // rs's log; nil on the plain path

	occ          float64
	occOr1       float64 // occasions, a prospect counting as one: the divisor of the rates per purchase
	rec          float64
	recOK        bool
	gap          float64
	gapOK        bool
	tenure       float64
	tenureOK     bool
	churnKnown   bool
	churned      bool
	sleepBound   float64
	sleepByGap   bool    // the sleeping bound is the gap factor's, not sleeping_days
	byAlive      bool    // P(alive) decides sleeping and lost, not days (see alive.go)
	alive        float64 // P(alive), when byAlive
	aliveOK      bool    // alive is a probability
	regularTruth kleene  // Regular's built-in rule, for Fan
	inactive     kleene  // sleeping or lost, for UnderClient

	// The comparisons with the sleeping and lost bounds that several
	// rules share, worked out once (see activity), and "occasions >= 1",
	// which nine rules start with (see bought).
	sleepyK, goneK, activeK, notLostK, boughtK kleene

	// The truth of every type as two sets: the types whose rule holds,
	// and those whose rule is Unknown; the others are False. Sets, not an
	// array, so the result is built with a few bit operations.
	yes, unknown uint32
}

// limits are the integer settings the rules compare with, as float64:
// converted once, in New, rather than in every comparison.
type limits struct {
	potentialContacts, hotInquiryDays, newDays, rareGapDays, regularOccasions, goldTenureDays float64
	fanAdvocacy, pioneerMinOccasions, leadInfluence, sleepingDays, lostDays, dissatisfiedDays float64
	underClientMaxOccasions, problemComplaints, problemMinOrders, bargainMinOccasions         float64
}

func limitsOf(c *Config) limits {
	return limits{
		potentialContacts: float64(c.PotentialContacts), hotInquiryDays: float64(c.HotInquiryDays),
		newDays: float64(c.NewDays), rareGapDays: float64(c.RareGapDays), regularOccasions: float64(c.RegularOccasions),
		goldTenureDays: float64(c.GoldTenureDays), fanAdvocacy: float64(c.FanAdvocacy),
		pioneerMinOccasions: float64(c.PioneerMinOccasions), leadInfluence: float64(c.LeadInfluence),
		sleepingDays: float64(c.SleepingDays), lostDays: float64(c.LostDays), dissatisfiedDays: float64(c.DissatisfiedDays),
		underClientMaxOccasions: float64(c.UnderClientMaxOccasions), problemComplaints: float64(c.ProblemComplaints),
		problemMinOrders: float64(c.ProblemMinOrders), bargainMinOccasions: float64(c.BargainMinOccasions),
	}
}

// put replaces the truth of t.
func (e *evaluator) put(t Type, v rule.Truth) {
	bit := uint32(1) << t
	e.yes = e.yes&^bit | uint32(v>>1&1)<<t
	e.unknown = e.unknown&^bit | uint32(1^(v|v>>1)&1)<<t
}

// kleene is a truth in three-valued (Kleene) logic as the rules work it
// out: the low bit is set when the rule holds, the high bit when it may
// hold, so False is 0, Unknown 2 and True 3 (1 is never made), and a
// conjunction and a disjunction are the bitwise & and |, one instruction
// each, where rule.And and rule.Or take a table look-up and its index
// arithmetic. Reasons and the result have rule.Truth (see rule).
type kleene uint8

const (
	kFalse   kleene = 0
	kUnknown kleene = 2
	kTrue    kleene = 3
)

// rule returns k as a rule.Truth: False 1, Unknown 0, True 2.
func (k kleene) rule() rule.Truth { return rule.Truth(k&1*2 + 1 - k>>1) }

// of is True for true, False for false.
func of(b bool) kleene { return kleene(b2u(b) * 3) }

func and(a, b kleene) kleene { return a & b }

func or(a, b kleene) kleene { return a | b }

func and3(a, b, c kleene) kleene { return a & b & c }

// truths is the truth of every type, two bits per type (a kleene each),
// built in a local variable (a register) rather than through the
// evaluator in memory, and turned into the two sets once (see sets).
type truths struct{ packed uint64 }

// with returns a with the truth of t, which must not have been set yet:
// decide sets each type once. A shift and an or: the two sets cost five
// times that per type. A value, not a pointer, receiver: a truths whose
// address is taken lives in memory, stored to at every type.
func (a truths) with(t Type, v kleene) truths {
	a.packed |= uint64(v) << (2 * t)
	return a
}

// sets returns the types whose truth is True and those whose truth is
// Unknown: in each pair of bits, the low bit and the high bit without the
// low one. A type not set (Unknown, which has no rule, and those past the
// last) has the pair of False, so is in neither set.
func (a truths) sets() (yes, unknown uint32) {
	const evens = 0x5555555555555555
	holds, mayHold := a.packed&evens, a.packed>>1&evens
	return gatherEvens(holds), gatherEvens(mayHold &^ holds)
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
func (e *evaluator) init(cfg *Config, lim *limits, cuts *Cuts, pAlive func(p *segment.Profile) (float64, bool), p *segment.Profile, rs *reasons) {
	e.cfg, e.lim, e.cuts, e.p, e.rs, e.occ = cfg, lim, cuts, p, rs, float64(p.Occasions)
	e.occOr1 = float64(max(p.Occasions, 1)) // max of ints: float max is a dozen instructions for NaN and -0
	if rs != nil {
		e.log = &rs.log
	}
	r, ok := p.Recency().Get()
	e.rec, e.recOK = float64(r), ok
	e.gap, e.gapOK = p.MeanGap().Get()
	e.gapOK = b2u(e.gapOK)&b2u(!math.IsNaN(e.gap)) != 0
	t, ok := p.Tenure().Get()
	e.tenure, e.tenureOK = float64(t), ok
	e.churned, e.churnKnown = p.Signals.Churned.Get()

	// Sleeping: more than max(sleeping_days, factor × own mean gap) days
	// since the last purchase. A customer with one purchase has no gap:
	// the bound is sleeping_days.
	// Picked by a mask, not a branch: whether the gap decides varies
	// from customer to customer.
	days, byGap := lim.sleepingDays, cfg.SleepingGapFactor*e.gap
	e.sleepByGap = b2u(e.gapOK)&b2u(byGap > days) != 0
	m := -uint64(b2u(e.sleepByGap))
	e.sleepBound = math.Float64frombits(math.Float64bits(byGap)&m | math.Float64bits(days)&^m)
	if pAlive != nil { // without a model, no call
		e.initAlive(pAlive)
	}
	e.activity()
	// Sleeping or lost, for UnderClient: past the sleeping or the lost
	// bound (or P(alive) below one), which only a buyer can be, or marked
	// churned. The comparisons are activity's.
	e.boughtK = of(e.occ >= 1)
	e.inactive = and(e.boughtK, or(e.sleepyK, e.goneK)) | of(b2u(e.churnKnown)&b2u(e.churned) != 0)
}

// activity works out sleepy, gone, active and notLost for the plain path,
// once, where the rules of Regular, Gold, SuperConsumer, Sleeping and Lost
// would each compare recency (or P(alive)) with the bounds again. The
// comparisons are those of sleepyCmp, awakeCmp, goneCmp and notGoneCmp.
func (e *evaluator) activity() {
	var awake, notGone kleene
	if e.byAlive {
		a, sleeping, lost := e.alive, e.cfg.Alive.Sleeping, e.cfg.Alive.Lost
		e.sleepyK, awake = truthOf(e.aliveOK, a < sleeping), truthOf(e.aliveOK, !(a < sleeping))
		e.goneK, notGone = truthOf(e.aliveOK, a < lost), truthOf(e.aliveOK, !(a < lost))
	} else {
		lost := e.lim.lostDays
		e.sleepyK, awake = truthOf(e.recOK, e.rec > e.sleepBound), truthOf(e.recOK, e.rec <= e.sleepBound)
		e.goneK, notGone = truthOf(e.recOK, e.rec > lost), truthOf(e.recOK, e.rec <= lost)
	}
	// Not marked churned: True when the mark is unknown, which then plays
	// no part, as in activeCmp.
	notChurned := of(b2u(e.churnKnown)&b2u(e.churned) == 0)
	e.activeK = awake & notGone & notChurned
	e.notLostK = notGone & notChurned
}

// The comparisons, one method per operator: lt, le, gt, ge and eq
// compare an input with a threshold, Unknown when the input is not known
// (callers pass known false for NaN). Each is small enough to be inlined,
// so the plain path pays no call; on the Explain path they also note the
// comparison in the log, from which the reasons are built afterwards
// (plainEvaluator's copies have no log to test).
func (e *evaluator) le(id check, v float64, known bool, t float64) kleene {
	k := truthOf(known, v <= t)
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: segment.LessEq, truth: k.rule(), set: true}
	}
	return k
}

func (e *evaluator) lt(id check, v float64, known bool, t float64) kleene {
	k := truthOf(known, v < t)
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: segment.Less, truth: k.rule(), set: true}
	}
	return k
}

func (e *evaluator) gt(id check, v float64, known bool, t float64) kleene {
	k := truthOf(known, v > t)
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: segment.Greater, truth: k.rule(), set: true}
	}
	return k
}

func (e *evaluator) ge(id check, v float64, known bool, t float64) kleene {
	k := truthOf(known, v >= t)
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: segment.GreaterEq, truth: k.rule(), set: true}
	}
	return k
}

func (e *evaluator) eq(id check, v float64, known bool, t float64) kleene {
	k := truthOf(known, v == t)
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: segment.Equal, truth: k.rule(), set: true}
	}
	return k
}

// decided notes a truth derived from several inputs (a sum of signals,
// another type's rule).
func (e *evaluator) decided(id check, op segment.Op, v float64, t float64, k kleene) kleene {
	if e.log != nil {
		e.log[id] = entry{v: v, t: t, op: op, truth: k.rule(), set: true}
	}
	return k
}

// matters reports whether the rest of a conjunction whose first part is k
// must be evaluated: not when k is False, unless an explanation wants
// every comparison.
func (e *evaluator) matters(k kleene) bool { return k != kFalse || e.log != nil }

// worth reports whether the rules on some signals must be evaluated: not
// when none of them is known (anyKnown2 or 4 false), which makes their
// truth a constant (Unknown, see the callers), unless an explanation wants
// every comparison noted. Customers known from an order log alone have no
// signal at all, and these rules cost them calls and branches for it.
func (e *evaluator) worth(anyKnown bool) bool { return anyKnown || e.log != nil }

// anyKnown2 and anyKnown4 report whether any of their arguments (a
// signal's Known) is true, without a branch for each: signals are known
// at random.
func anyKnown2(a, b bool) bool { return b2u(a)|b2u(b) != 0 }

func anyKnown4(a, b, c, d bool) bool { return b2u(a)|b2u(b)|b2u(c)|b2u(d) != 0 }

// truthOf is Unknown when the input is not known, else True or False as
// the comparison holds: picked by a mask rather than a branch, which
// leaves 3 × holds, one instruction, where known is the constant true.
// The xors make the mask's one use pick between 3 × holds and Unknown:
// fewer instructions than 3×holds&m | Unknown&^m.
func truthOf(known, holds bool) kleene {
	m := -b2u(known) // all ones when known
	return kleene((3*b2u(holds)^uint8(kUnknown))&m ^ uint8(kUnknown))
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
func (e *evaluator) top(id check, v float64, cut segment.Opt[float64]) kleene {
	c, ok := cut.Get()
	k := truthOf(ok && v == v, v > c)
	if e.log != nil {
		e.log[id] = entry{v: v, t: c, op: segment.Greater, truth: k.rule(), set: true, noCut: !ok}
	}
	return k
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
func atLeast(total float64, missing bool, threshold float64) kleene {
	// It holds when reached and may hold when reached or a part is
	// missing: worked out without branches, as truthOf.
	reached := b2u(total >= threshold)
	return kleene(reached | (reached|b2u(missing))<<1)
}

// decide sets the built-in truth of every type (see put), in one pass of
// straight code: one call, not one per type, as call overhead would
// otherwise dominate Classify's cost. Regular comes before Fan, which uses
// it. Where a type's first, cheap conditions already fail, the plain path
// skips the rest (see matters); the result is the same, as False and
// anything is False.
func (e *evaluator) decide() {
	cfg, lim, p := e.cfg, e.lim, e.p
	var acc truths // in registers, stored once at the end
	{              // Potential
		noPurchase := e.eq(cPotentialNoPurchase, e.occ, true, 0)
		potential := kFalse
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
			min := lim.potentialContacts
			potential = and(noPurchase,
				e.decided(cPotentialContacts, segment.GreaterEq, contacts, min, atLeast(contacts, missing, min)))
		}
		acc = acc.with(Potential, potential)
	}
	{ // HotInquirer, ColdInquirer
		s := &p.Signals
		hot, cold := kUnknown, kUnknown // as inquirers finds with neither input
		if e.worth(anyKnown2(s.LastInquiry.Known(), s.Inquiries.Known())) {
			hot, cold = e.inquirers()
		}
		acc = acc.with(HotInquirer, hot)
		acc = acc.with(ColdInquirer, cold)
	}
	{ // Newcomer
		t := e.eq(cNewOccasions, e.occ, true, 1)
		if e.matters(t) {
			t = and(t, e.le(cNewRecency, e.rec, e.recOK, lim.newDays))
		}
		acc = acc.with(Newcomer, t)
	}
	{ // OneTime
		t := e.eq(cOneTimeOccasions, e.occ, true, 1)
		if e.matters(t) {
			t = and(t, e.gt(cOneTimeRecency, e.rec, e.recOK, lim.newDays))
		}
		acc = acc.with(OneTime, t)
	}
	{ // Rare
		acc = acc.with(Rare, and(e.ge(cRareOccasions, e.occ, true, 2), e.gt(cRareGap, e.gap, e.gapOK, lim.rareGapDays)))
	}
	{ // Regular
		t := e.ge(cRegularOccasions, e.occ, true, lim.regularOccasions)
		if e.matters(t) {
			t = and3(t, e.le(cRegularGap, e.gap, e.gapOK, lim.rareGapDays), e.active(regularActive))
		}
		e.regularTruth = t
		acc = acc.with(Regular, t)
	}
	{ // Gold
		t := and(e.bought(cGoldBought), e.top(cGoldRevenue, p.Revenue, e.cuts.GoldRevenue))
		if e.matters(t) {
			t = and3(t, e.ge(cGoldTenure, e.tenure, e.tenureOK, lim.goldTenureDays), e.active(goldActive))
		}
		acc = acc.with(Gold, t)
	}
	{ // SuperConsumer
		t := and(e.bought(cSuperBought), e.top(cSuperRevenue, p.Revenue, e.cuts.SuperRevenue))
		if e.matters(t) {
			t = and3(t, e.top(cSuperOccasions, e.occ, e.cuts.SuperOccasions), e.active(superActive))
		}
		acc = acc.with(SuperConsumer, t)
	}
	{ // Status
		aov, aovOK := p.AverageOrderValue().Get()
		premium, premiumOK := p.PremiumShare().Get()
		byAOV := e.gt(cStatusAOV, 0, false, 0)
		if aovOK {
			byAOV = e.top(cStatusAOV, aov, e.cuts.StatusAOV)
		}
		acc = acc.with(Status, and(
			e.bought(cStatusBought),
			or(byAOV, e.ge(cStatusPremium, premium, premiumOK, cfg.StatusPremiumShare))))
	}
	{ // Fan
		regular := e.decided(cFanRegular, segment.NoOp, b2f(e.regularTruth == kTrue), 0, e.regularTruth)
		fan := kFalse
		if e.matters(regular) {
			advocacy, missing := sum3(p.Signals.PositiveReviews, p.Signals.Referrals, p.Signals.SocialPosts)
			min := lim.fanAdvocacy
			fan = and(regular,
				e.decided(cFanAdvocacy, segment.GreaterEq, advocacy, min, atLeast(advocacy, missing, min)))
		}
		acc = acc.with(Fan, fan)
	}
	{ // Pioneer
		share, ok := p.NewProductShare().Get()
		acc = acc.with(Pioneer, and(
			e.ge(cPioneerOccasions, e.occ, true, lim.pioneerMinOccasions),
			e.ge(cPioneerShare, share, ok, cfg.PioneerNewShare)))
	}
	{ // LeadUser
		t := and(e.bought(cLeadBought), e.top(cLeadRevenue, p.Revenue, e.cuts.LeadRevenue))
		if e.matters(t) {
			b2b, b2bOK := p.Signals.B2B.Get()
			influence, missing := sum2(p.Signals.Referrals, p.Signals.SocialPosts)
			min := lim.leadInfluence
			t = and(t, or(
				e.eq(cLeadB2B, b2f(b2b), b2bOK, 1),
				e.decided(cLeadInfluence, segment.GreaterEq, influence, min, atLeast(influence, missing, min))))
		}
		acc = acc.with(LeadUser, t)
	}
	{ // DetailSeeker
		research, missing := sum2(p.Signals.ComparisonsViewed, p.Signals.LongReads)
		perPurchase := research / e.occOr1
		enough := kFalse
		if e.occ >= 1 {
			enough = atLeast(perPurchase, missing, cfg.DetailResearch)
		}
		acc = acc.with(DetailSeeker, and(
			e.bought(cDetailBought),
			e.decided(cDetailResearch, segment.GreaterEq, perPurchase, cfg.DetailResearch, enough)))
	}
	{ // Sleeping
		// All three parts, with no test of the first two: on the plain
		// path notLost is a load, cheaper than the branch, which followed
		// the customer's recency and was mispredicted.
		acc = acc.with(Sleeping, and3(e.bought(cSleepingBought), e.sleepy(cSleepingRecency), e.notLost()))
	}
	{ // Lost
		byRecency := and(e.bought(cLostBought), e.gone(cLostRecency))
		if e.churnKnown {
			byRecency = or(byRecency, e.eq(cLostChurned, b2f(e.churned), true, 1))
		}
		acc = acc.with(Lost, byRecency)
	}
	{ // Dissatisfied
		s := &p.Signals
		t := kUnknown // as recent finds with neither input, twice
		if e.worth(anyKnown4(s.LastComplaint.Known(), s.Complaints.Known(),
			s.LastNegativeReview.Known(), s.NegativeReviews.Known())) {
			t = or(
				e.recent(cComplaint, cComplaintCount, s.LastComplaint, s.Complaints),
				e.recent(cNegativeReview, cNegativeReviewCount, s.LastNegativeReview, s.NegativeReviews))
		}
		acc = acc.with(Dissatisfied, t)
	}
	{ // UnderClient
		acc = acc.with(UnderClient, and3(
			e.bought(cUnderBought),
			e.le(cUnderOccasions, e.occ, true, lim.underClientMaxOccasions),
			e.decided(cUnderInactive, segment.NoOp, b2f(e.inactive == kTrue), 0, e.inactive)))
	}
	{ // Problem
		complaints, ok := p.Signals.Complaints.Get()
		rate, rateOK := p.ReturnRate().Get()
		acc = acc.with(Problem, or(
			e.ge(cProblemComplaints, float64(complaints), ok, lim.problemComplaints),
			and(
				e.ge(cProblemOrders, float64(p.Orders), true, lim.problemMinOrders),
				e.gt(cProblemReturnRate, rate, rateOK, cfg.ProblemReturnRate))))
	}
	{ // Impossible
		support, ok := p.Signals.SupportRequests.Get()
		acc = acc.with(Impossible, and(
			e.bought(cImpossibleBought),
			e.gt(cImpossibleSupport, float64(support)/e.occOr1, ok, cfg.ImpossibleSupportPerOrder)))
	}
	{ // BargainOnly
		share, ok := p.DiscountShare().Get()
		acc = acc.with(BargainOnly, and(
			e.ge(cBargainOccasions, e.occ, true, lim.bargainMinOccasions),
			e.ge(cBargainShare, share, ok, cfg.BargainShare)))
	}
	e.yes, e.unknown = acc.sets()
}

// inquirers decides HotInquirer and ColdInquirer, which read the same
// inputs: the latest inquiry is at most (hot) or more than (cold)
// hot_inquiry_days old, and the customer has not bought since. With no
// date, a known zero inquiries decides "no"; anything else is unknown.
func (e *evaluator) inquirers() (hot, cold kleene) {
	days := e.lim.hotInquiryDays
	d, ok := e.p.DaysSince(e.p.Signals.LastInquiry).Get()
	if !ok {
		n, nOK := e.p.Signals.Inquiries.Get()
		// False only when known to be zero: the date is missing either way.
		return and(e.gt(cHotInquiries, float64(n), nOK, 0), e.le(cHotDays, 0, false, days)),
			and(e.gt(cColdInquiries, float64(n), nOK, 0), e.gt(cColdDays, 0, false, days))
	}
	hot, cold = e.le(cHotDays, float64(d), true, days), e.gt(cColdDays, float64(d), true, days)
	if e.occ >= 1 { // asked after the last purchase: still open
		hot = and(hot, e.lt(cHotOpen, float64(d), e.recOK, e.rec))
		cold = and(cold, e.lt(cColdOpen, float64(d), e.recOK, e.rec))
	}
	return hot, cold
}

// active is "neither sleeping nor lost": recency within the sleeping bound
// and within lost_days, and not marked churned. The churn mark is an
// annotation staff add; when the CRM has none, recency alone decides. The
// plain path takes it from activity, worked out once for Regular, Gold
// and SuperConsumer; the Explain path compares again (activeCmp), to note
// the comparisons under each type's checks.
func (e *evaluator) active(c activeChecks) kleene {
	if e.log != nil {
		return e.activeCmp(c)
	}
	return e.activeK
}

func (e *evaluator) activeCmp(c activeChecks) kleene {
	truth := and(
		e.awakeCmp(c.sleeping),
		e.notGoneCmp(c.lost))
	if e.churnKnown {
		truth = and(truth, e.eq(c.churned, b2f(e.churned), true, 0))
	}
	return truth
}

// bought is "occasions >= 1", the first condition of nine rules: worked
// out once, in init, for the plain path, where each rule compared again;
// compared (and noted under the rule's check id) on the Explain path.
func (e *evaluator) bought(id check) kleene {
	if e.log != nil {
		return e.ge(id, e.occ, true, 1)
	}
	return e.boughtK
}

// notLost is active's second half, for Sleeping; like active, from
// activity on the plain path.
func (e *evaluator) notLost() kleene {
	if e.log != nil {
		return e.notLostCmp()
	}
	return e.notLostK
}

func (e *evaluator) notLostCmp() kleene {
	truth := e.notGoneCmp(cSleepingNotLost)
	if e.churnKnown {
		truth = and(truth, e.eq(cSleepingNotChurned, b2f(e.churned), true, 0))
	}
	return truth
}

// recent is "the latest event (complaint, negative review) is at most
// dissatisfied_days old". With no date, a known count of zero decides
// "no"; anything else is unknown.
func (e *evaluator) recent(days, count check, date segment.Opt[segment.Date], n segment.Opt[int]) kleene {
	limit := e.lim.dissatisfiedDays
	if d, ok := e.p.DaysSince(date).Get(); ok {
		return e.le(days, float64(d), true, limit)
	}
	v, ok := n.Get()
	return and(e.gt(count, float64(v), ok, 0), e.le(days, 0, false, limit))
}
