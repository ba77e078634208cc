package loyalty

import (
	"math"

	"github.com/clientele-go/clientele/internal/ratio"
	"github.com/clientele-go/clientele/segment"
)

// Classifier tells the kind of a customer's loyalty. It is immutable and
// safe for concurrent use.
type Classifier struct {
	cfg     Config
	repeats ratio.Table // the repeat-purchase marker, occasions against RepeatOccasions, made by New
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
	return &Classifier{cfg: c, repeats: ratio.New(float64(c.RepeatOccasions))}, nil
}

// Config returns the configuration in use, defaults filled in.
func (c *Classifier) Config() Config { return c.cfg }

// Classify returns the loyalty kind of p. It does not allocate.
func (c *Classifier) Classify(p *segment.Profile) segment.Result[Kind] {
	var r segment.Result[Kind]
	c.eval(p, nil, &r)
	return r
}

// ClassifyInto stores the result of [Classifier.Classify] in *out,
// overwriting it: a caller that keeps results in place (as
// strategy.Classifiers does) saves copying one. It does not allocate.
func (c *Classifier) ClassifyInto(p *segment.Profile, out *segment.Result[Kind]) {
	*out = segment.Result[Kind]{}
	c.eval(p, nil, out)
}

// anySignalKnown reports whether an input of a marker other than repeat
// purchases is known: the signals the markers read and the premium
// buys. The inputs are or-ed rather than tested in turn, which would be
// a branch each, in two groups: the first holds signals most CRMs
// record, so that a customer with signals is usually told apart by it
// alone.
func anySignalKnown(p *segment.Profile) bool {
	s := &p.Signals
	if b2u(s.LoyaltyMember.Known())|b2u(s.Referrals.Known())|b2u(s.Complaints.Known())|b2u(s.Calls.Known()) != 0 {
		return true
	}
	rewards := b2u(s.BonusRedeemed.Known()) | b2u(s.BonusEarned.Known())
	emotional := b2u(s.ServiceRequests.Known()) | b2u(p.PremiumBuys.Known()) | b2u(s.StoreVisits.Known())
	voice := b2u(s.SocialPosts.Known()) | b2u(s.PositiveReviews.Known()) | b2u(s.Ambassador.Known())
	failures := b2u(s.LastComplaint.Known()) | b2u(s.LastNegativeReview.Known()) | b2u(s.NegativeReviews.Known())
	return rewards|emotional|voice|failures != 0
}

// evalPurchases is eval (without reasons) for a profile without a known
// signal (see anySignalKnown): the repeat-purchase marker is then the
// only known one, and the others score 0, so eval's ranking and
// confidence come down to three cases (purchasesCoverage), worked out
// here from the same numbers as there. Whether a customer is inactive
// and whether None leads vary from customer to customer, so the case is
// picked by conditional moves and an index, not by branches.
func (c *Classifier) evalPurchases(p *segment.Profile, res *segment.Result[Kind]) {
	if p.Occasions <= 0 {
		return // no known marker: Unknown
	}
	rec, recKnown := p.Recency().Get()
	inactive := b2u(recKnown) & b2u(rec > c.cfg.ActiveDays)
	repeats := c.repeats.Of(p.Occasions) // Clamp01(occasions / RepeatOccasions)
	// Behavioural loyalty is gone once inactive: 0, by a mask.
	repeats = math.Float32frombits(math.Float32bits(repeats) & (uint32(inactive) - 1))
	// repeats is in [0, 1], so 1 - repeats is too, exactly (+0 at
	// most), and Clamp01 would change nothing but the conversion.
	none := float32(1 - float64(repeats))
	res.Scores[None], res.Scores[Behavioural] = none, repeats
	// Scores are in [0, 1], so their bits order as they do.
	noneBits, repeatBits := math.Float32bits(none), math.Float32bits(repeats)
	noneLeads := b2u(noneBits > repeatBits)
	primary, secondary, top := int(Behavioural), int(Unknown), repeatBits
	if noneLeads != 0 {
		primary, top = int(None), noneBits
	}
	if noneLeads&b2u(repeatBits != 0) != 0 {
		secondary = int(Behavioural)
	}
	res.Primary, res.Secondary = Kind(primary), Kind(secondary)
	// A score in [0, 1] times a coverage in (0, 1]: in [0, 1], where
	// Clamp01 would change nothing but the conversion.
	res.Confidence = float32(float64(math.Float32frombits(top)) * purchasesCoverage[noneLeads+inactive])
}

// purchasesCoverage is eval's coverage (the known markers that count for
// the primary and those of the kinds that could still outrank it, over
// the markers that count for it and all of those kinds', see kindOf) in
// evalPurchases' three cases: Behavioural leads on its known repeat
// marker and the deeper kinds could outrank it, none of their markers
// known; None leads an active customer and every kind could outrank it,
// the repeat marker alone known; None leads an inactive one, the repeat
// marker known and no longer able to rise counting for it, Personal's
// markers, none known, against.
var purchasesCoverage = [3]float64{
	1.0 / (1 + emotionalMarkers + personalMarkers),
	1.0 / (behaviouralMarkers + emotionalMarkers + personalMarkers),
	1.0 / (1 + personalMarkers),
}

// The markers of each kind, known or not.
const (
	behaviouralMarkers = recognition - repeat
	emotionalMarkers   = referred - recognition
	personalMarkers    = markers - referred
)

// Explain returns the result of Classify with the reasons behind it: one
// per input of every marker, the activity test for buyers, and the rule
// that decides between a kind and None.
func (c *Classifier) Explain(p *segment.Profile) segment.Explanation[Kind] {
	reasons := make([]segment.Reason, 0, 16)
	var r segment.Result[Kind]
	c.eval(p, &reasons, &r)
	return segment.Explanation[Kind]{Result: r, Reasons: reasons}
}

// The markers: signs of one kind of loyalty each, scored in [0, 1].
const (
	repeat      = iota // behavioural: repeat purchases
	rewards            // behavioural: uses the programme's rewards
	recognition        // emotional: asks for personal service
	status             // emotional: buys the premium end
	knownStaff         // emotional: long tenure and many personal contacts
	referred           // personal: brings customers
	posted             // personal: posts about the brand
	reviewed           // personal: praises the brand in reviews
	ambassador         // personal: in the ambassador programme
	stayed             // personal: kept buying after complaining
	markers
)

// kindOf is the kind each marker is a sign of.
var kindOf = [markers]Kind{
	repeat: Behavioural, rewards: Behavioural,
	recognition: Emotional, status: Emotional, knownStaff: Emotional,
	referred: Personal, posted: Personal, reviewed: Personal, ambassador: Personal, stayed: Personal,
}

// marker is one marker's score, and whether its inputs are known.
type marker struct {
	score float32
	known bool
}

// reasons records reasons when wanted; the plain path has a nil recorder
// and every method returns at once.
type reasons struct{ rs *[]segment.Reason }

// add records one reason; label Unknown means a rule that is evidence for
// no single kind.
// It is small enough to inline, so the plain path pays one test per
// reason and no call; its arguments are still worked out on the plain
// path, so those that combine conditions do it without && and || (b2u),
// which would be branches.
func (r reasons) add(rule string, label Kind, field string, value float64, known bool, op segment.Op, threshold float64, setting string, held bool) {
	if r.rs != nil {
		r.record(rule, label, field, value, known, op, threshold, setting, held)
	}
}

func (r reasons) record(rule string, label Kind, field string, value float64, known bool, op segment.Op, threshold float64, setting string, held bool) {
	name := ""
	if label != Unknown {
		name = label.String()
	}
	t := derived[field]
	*r.rs = append(*r.rs, segment.Reason{Rule: rule, Label: name, Field: field, Value: value, Known: known,
		Op: op, Threshold: threshold, Setting: setting, Held: held, FieldEN: t[0], FieldRU: t[1]})
}

// derived holds the English and Russian titles of the inputs this package
// computes from several fields, which [segment.Fields] does not list.
var derived = map[string][2]string{
	"bonus_redeemed/bonus_earned":           {"share of earned bonus redeemed", "доля списанных бонусов от начисленных"},
	"store_visits+calls":                    {"store visits and calls", "визитов в магазин и звонков"},
	"complaints+negative_reviews":           {"complaints and negative reviews", "жалоб и негативных отзывов"},
	"max(behavioural, emotional, personal)": {"score of the strongest kind of loyalty", "оценка сильнейшего вида лояльности"},
}

// count records the reason of a count signal scored against its
// threshold (see countMarker). Apart from the score, it is small enough to
// inline, as add is: the plain path pays one test, not a call and the
// passing of the reason's strings.
func (r reasons) count(rule string, label Kind, field, setting string, o segment.Opt[int], threshold int) {
	if r.rs != nil {
		r.recordCount(rule, label, field, setting, o, threshold)
	}
}

func (r reasons) recordCount(rule string, label Kind, field, setting string, o segment.Opt[int], threshold int) {
	v, ok := o.Get()
	r.record(rule, label, field, float64(v), ok, segment.GreaterEq, float64(threshold), setting, ok && v >= threshold)
}

// countMarker scores a count signal against its threshold. An unknown Opt
// holds 0, which scores 0: no branch on whether the signal is known,
// which varies from customer to customer.
func countMarker(o segment.Opt[int], threshold int) marker {
	v, ok := o.Get()
	// segment.Ratio without its test of the divisor, here and in the
	// other markers: every threshold is a setting validated positive.
	return marker{segment.Clamp01(float64(v) / float64(threshold)), ok}
}

// eval fills res (which must be zero) for p, recording reasons when rs is
// not nil (the plain path passes nil and allocates nothing).
func (c *Classifier) eval(p *segment.Profile, rs *[]segment.Reason, res *segment.Result[Kind]) {
	if rs == nil && !anySignalKnown(p) {
		// Customers known from an order log alone (the shop CLI's) take
		// this path, which gives what the rest gives from their
		// purchases.
		c.evalPurchases(p, res)
		return
	}
	why := reasons{rs}
	var m [markers]marker
	c.behavioural(p, why, &m)
	c.emotional(p, why, &m)
	c.personal(p, why, &m)

	// Behavioural and emotional loyalty last while the customer keeps
	// coming; after ActiveDays without a purchase they are gone.
	rec, recKnown := p.Recency().Get()
	inactive := b2u(recKnown)&b2u(rec > c.cfg.ActiveDays) != 0
	if p.Occasions > 0 {
		why.add("active", Unknown, "recency_days", float64(rec), recKnown, segment.LessEq,
			float64(c.cfg.ActiveDays), "active_days", b2u(recKnown)&^b2u(inactive) != 0)
	}

	// Each kind scores its strongest known marker. An unknown marker
	// scores 0, so that the strongest of all of a kind's markers is the
	// strongest known one. Scores are in [0, 1], so their bits order as
	// they do: the maximum is taken on the bits, by conditional moves,
	// marker by marker rather than by a loop (the kinds' markers are fixed:
	// see kindOf).
	var score [Personal + 1]float32
	var known [Personal + 1]int
	total := [Personal + 1]int{Behavioural: recognition - repeat, Emotional: referred - recognition, Personal: markers - referred}
	scoreOf := func(i int) uint32 { return math.Float32bits(m[i].score) }
	knownOf := func(i int) int { return int(b2u(m[i].known)) }
	score[Behavioural] = math.Float32frombits(max(scoreOf(repeat), scoreOf(rewards)))
	known[Behavioural] = knownOf(repeat) + knownOf(rewards)
	score[Emotional] = math.Float32frombits(max(scoreOf(recognition), scoreOf(status), scoreOf(knownStaff)))
	known[Emotional] = knownOf(recognition) + knownOf(status) + knownOf(knownStaff)
	score[Personal] = math.Float32frombits(max(scoreOf(referred), scoreOf(posted), scoreOf(reviewed), scoreOf(ambassador), scoreOf(stayed)))
	known[Personal] = knownOf(referred) + knownOf(posted) + knownOf(reviewed) + knownOf(ambassador) + knownOf(stayed)
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

	// Every score is in [0, 1] already (markers score by Clamp01 of a ratio,
	// 0 or 1, and None is clamped): clamping again would change no bit.
	res.Scores[None], res.Scores[Behavioural], res.Scores[Emotional], res.Scores[Personal] =
		score[None], score[Behavioural], score[Emotional], score[Personal]
	// Primary: the highest score; on a tie the deeper kind, None last.
	// Secondary: the best other kind with a positive score. Scores are in
	// [0, 1], so their bits order as they do: the picks are conditional
	// moves on the bits, not branches on scores that vary from customer
	// to customer.
	// The picks are ints, not Kinds: the compiler makes no conditional
	// move of a byte, nor of a value later used as an index (so the
	// primary's score is kept as bits, not read back by its kind).
	bitsOf := func(k Kind) uint32 { return math.Float32bits(res.Scores[k]) }
	primary, first := int(Personal), bitsOf(Personal)
	if b := bitsOf(Emotional); b > first {
		primary, first = int(Emotional), b
	}
	if b := bitsOf(Behavioural); b > first {
		primary, first = int(Behavioural), b
	}
	if b := bitsOf(None); b > first {
		primary, first = int(None), b
	}
	secondary, second := int(Unknown), uint32(0)
	if b := bitsOf(Personal); b2u(primary != int(Personal))&b2u(b > second) != 0 {
		secondary, second = int(Personal), b
	}
	if b := bitsOf(Emotional); b2u(primary != int(Emotional))&b2u(b > second) != 0 {
		secondary, second = int(Emotional), b
	}
	if b := bitsOf(Behavioural); b2u(primary != int(Behavioural))&b2u(b > second) != 0 {
		secondary = int(Behavioural)
	}
	res.Primary, res.Secondary = Kind(primary), Kind(secondary)

	// Confidence: the primary's score times the share of the evidence
	// that is in. Known markers of the primary kind (for None: every
	// known marker that can no longer rise) count for it; markers of the
	// kinds that could still outrank it count against while unknown.
	// Worked out as 0 or 1 per kind rather than by a switch: the
	// conditions vary from customer to customer.
	own, open, openKnown := 0, 0, 0
	top := math.Float32frombits(first)
	none, short := b2u(primary == int(None)), b2u(top < 1)
	weigh := func(k Kind) { // kind by kind rather than in a loop: the indices are constants
		isPrimary, rises := b2u(int(k) == primary), b2u(canRise[k])
		forIt := int(isPrimary | (rises^1)&none)                                         // the primary's own; for None, what can no longer rise
		against := int((isPrimary ^ 1) & rises & (none | short | b2u(int(k) > primary))) // could still outrank it
		own += forIt * known[k]
		open += against * total[k]
		openKnown += against * known[k]
	}
	weigh(Behavioural)
	weigh(Emotional)
	weigh(Personal)
	coverage := 1.0
	if own+open > 0 {
		coverage = float64(own+openKnown) / float64(own+open)
	}
	res.Confidence = segment.Clamp01(float64(top) * coverage)
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// behavioural scores repeat purchases and the use of programme rewards.
func (c *Classifier) behavioural(p *segment.Profile, why reasons, m *[markers]marker) {
	cfg := &c.cfg
	// A customer who never bought shows no behavioural marker; their
	// loyalty is judged on signals alone.
	why.add("behavioural.repeat", Behavioural, "occasions", float64(p.Occasions), true, segment.GreaterEq,
		float64(cfg.RepeatOccasions), "repeat_occasions", p.Occasions >= cfg.RepeatOccasions)
	m[repeat] = marker{segment.Clamp01(float64(p.Occasions) / float64(cfg.RepeatOccasions)), p.Occasions > 0} // 0 without a purchase

	s := &p.Signals
	redeemed, okR := s.BonusRedeemed.Get()
	earned, okE := s.BonusEarned.Get()
	member, okM := s.LoyaltyMember.Get()
	switch {
	case okR && okE && earned > 0:
		share := redeemed / earned
		m[rewards] = marker{segment.Clamp01(share / cfg.RedeemShare), true}
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

// emotional scores personal recognition, status buying, and being known
// to the staff.
func (c *Classifier) emotional(p *segment.Profile, why reasons, m *[markers]marker) {
	cfg := &c.cfg
	s := &p.Signals
	why.count("emotional.recognition", Emotional, "service_requests", "service_requests", s.ServiceRequests, cfg.ServiceRequests)
	m[recognition] = countMarker(s.ServiceRequests, cfg.ServiceRequests)

	share, ok := p.PremiumShare().Get()
	why.add("emotional.status", Emotional, "premium_share", share, ok, segment.GreaterEq, cfg.PremiumShare,
		"premium_share", b2u(ok)&b2u(share >= cfg.PremiumShare) != 0)
	m[status] = marker{segment.Clamp01(share / cfg.PremiumShare), ok} // an unknown share is 0

	// Known to the staff: a long tenure and many personal contacts, the
	// customer the waiter asks "the usual?".
	tenure, okT := p.Tenure().Get()
	visits, okV := s.StoreVisits.Get()
	calls, okC := s.Calls.Get()
	contacts := float64(visits) + float64(calls) // an unknown Opt holds 0
	why.add("emotional.tenure", Emotional, "tenure_days", float64(tenure), okT, segment.GreaterEq,
		float64(cfg.TenureDays), "tenure_days", b2u(okT)&b2u(tenure >= cfg.TenureDays) != 0)
	anyContacts := b2u(okV)|b2u(okC) != 0
	why.add("emotional.staff_contacts", Emotional, "store_visits+calls", contacts, anyContacts, segment.GreaterEq,
		float64(cfg.StaffContacts), "staff_contacts", b2u(anyContacts)&b2u(contacts >= float64(cfg.StaffContacts)) != 0)
	// Unknown, the tenure or the contacts are 0, and so is the score.
	m[knownStaff] = marker{min(segment.Clamp01(float64(tenure)/float64(cfg.TenureDays)),
		segment.Clamp01(contacts/float64(cfg.StaffContacts))), b2u(okT)&(b2u(okV)|b2u(okC)) != 0}
}

// personal scores the customer's voice for the brand, the ambassador
// programme, and staying through the brand's failures.
func (c *Classifier) personal(p *segment.Profile, why reasons, m *[markers]marker) {
	cfg := &c.cfg
	s := &p.Signals
	why.count("personal.referrals", Personal, "referrals", "referrals", s.Referrals, cfg.Referrals)
	m[referred] = countMarker(s.Referrals, cfg.Referrals)
	why.count("personal.social_posts", Personal, "social_posts", "social_posts", s.SocialPosts, cfg.SocialPosts)
	m[posted] = countMarker(s.SocialPosts, cfg.SocialPosts)
	why.count("personal.positive_reviews", Personal, "positive_reviews", "positive_reviews", s.PositiveReviews, cfg.PositiveReviews)
	m[reviewed] = countMarker(s.PositiveReviews, cfg.PositiveReviews)

	amb, okA := s.Ambassador.Get()
	why.add("personal.ambassador", Personal, "ambassador", b2f(amb), okA, segment.Equal, 1, "", amb)
	m[ambassador] = marker{b2f32(amb), okA} // an unknown Opt holds false

	m[stayed] = c.stayedThroughFailure(p, why)
}

// stayedThroughFailure is the marker of a fan: complained or wrote a
// negative review, and bought again after it (the last purchase after the
// latest complaint or the latest negative review). It scores like the
// repeat-purchase marker: keeping on buying. A later failure does not undo
// having stayed through an earlier one, so knowing more failures never
// lowers the marker. A customer known to have no failure has nothing to
// stay through and scores 0: known, but no evidence against, since a
// kind takes its strongest marker.
func (c *Classifier) stayedThroughFailure(p *segment.Profile, why reasons) marker {
	const rule = "personal.stayed"
	s := &p.Signals
	since, dated := 0, false // days since the older of the two latest failures
	older := func(d segment.Opt[segment.Date]) {
		if days, ok := p.DaysSince(d).Get(); ok && (!dated || days > since) {
			since, dated = days, true
		}
	}
	older(s.LastComplaint)
	older(s.LastNegativeReview)
	if !dated {
		complaints, okC := s.Complaints.Get()
		negative, okN := s.NegativeReviews.Get()
		// Added as numbers: two counts an int holds need not have a sum
		// it holds.
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
	return marker{segment.Clamp01(float64(p.Occasions) / float64(c.cfg.RepeatOccasions)), true}
}

// b2f is 1 for true, 0 for false, by a conversion rather than a branch
// on a fact that varies from customer to customer.
func b2f(b bool) float64 { return float64(b2u(b)) }

func b2f32(b bool) float32 { return float32(b2f(b)) }
