package sabone

import (
	"math"

	"github.com/clientele-go/clientele/segment"
)

// Classifier assigns SABONE categories. It is immutable and safe for
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

// Classify returns the SABONE categories of p: the strongest as Primary,
// the next as Secondary, every category that applies in Tags. It does not
// allocate.
func (c *Classifier) Classify(p *segment.Profile) segment.Result[Category] {
	var r segment.Result[Category]
	c.classify(p, &r)
	return r
}

// ClassifyInto stores the result of [Classifier.Classify] in *out,
// overwriting it: a caller that keeps results in place (as
// strategy.Classifiers does) saves copying one. It does not allocate.
func (c *Classifier) ClassifyInto(p *segment.Profile, out *segment.Result[Category]) {
	*out = segment.Result[Category]{}
	c.classify(p, out)
}

// classify is Classify into out, which must be zero.
func (c *Classifier) classify(p *segment.Profile, out *segment.Result[Category]) {
	if !anyQualifierKnown(p) {
		// No category can apply, and every score is 0: the zero result,
		// as eval would find. Most customers of an order export without
		// CRM signals take this path.
		return
	}
	c.eval(p, nil, out)
}

// anyQualifierKnown reports whether the input of some qualifying indicator
// (see measure) may be known. When none is, no category applies. The
// inputs are or-ed rather than tested in turn: which are known varies
// from customer to customer, so each test would be a branch mispredicted
// often.
func anyQualifierKnown(p *segment.Profile) bool {
	s := &p.Signals
	signals := b2u(s.DistanceKm.Known()) | b2u(s.SocialPosts.Known()) | b2u(s.BonusRedeemed.Known()) |
		b2u(s.Courses.Known()) | b2u(s.Webinars.Known()) | b2u(s.ExperienceYears.Known())
	purchases := b2u(p.NewProducts.Known()) | b2u(p.Discounted.Known()) | b2u(p.PremiumBuys.Known())
	return signals|purchases&b2u(p.Occasions != 0) != 0
}

// Explain returns the result of [Classifier.Classify] with one reason per
// indicator, known or not, in category order.
func (c *Classifier) Explain(p *segment.Profile) segment.Explanation[Category] {
	reasons := make([]segment.Reason, 0, numIndicators)
	var r segment.Result[Category]
	c.eval(p, &reasons, &r)
	return segment.Explanation[Category]{Result: r, Reasons: reasons}
}

// tally sums one category's indicators: the known ones and the sum of
// their scores twice, over the qualifying indicators (index 0) and over
// all (index 1), so that the score reads the pair it needs by indexing
// with applies rather than by a branch or a pick.
type tally struct {
	known   [2]int     // known indicators
	sum     [2]float64 // sum of known indicator scores
	held    int        // how many known indicators held
	applies uint8      // 1 when a qualifying indicator held
}

// The halves of tally: the qualifying indicators and all of them.
const (
	qualifying = 0
	all        = 1
)

// qualify counts a qualifying indicator and support a supporting one:
// known and held are 0 or 1, and score is 0 when not known.
func (t *tally) qualify(known, held uint8, score float64) {
	t.support(known, held, score)
	t.known[qualifying] += int(known)
	t.sum[qualifying] += score
	t.applies |= held
}

func (t *tally) support(known, held uint8, score float64) {
	t.known[all] += int(known)
	t.held += int(held)
	t.sum[all] += score
}

// tallyProfile adds every indicator's input (see measure) to its
// category's tally, as [indicators] says (category, operator and role;
// see TestTallyProfileFollowsIndicators), in the order of indicators, so
// each sum adds its scores in that order. Straight-line code rather than
// a loop over the table: the table is fixed, and a loop would read each
// indicator's category, operator and role and branch on the role for
// every customer. Each input goes from the profile to its tally in
// registers, without the array measure fills for the reasons.
func tallyProfile(p *segment.Profile, c *Config, t *[Expert + 1]tally) {
	s := &p.Signals
	t[Neighbourhood].qualify(optInput(s.DistanceKm, c.NearKm).markAtMost())
	t[Active].qualify(optInput(p.NewProductShare(), c.NoveltyShare).markAtLeast())
	t[Active].qualify(intInput(s.SocialPosts, float64(c.SocialPosts)).markAtLeast())
	t[Active].support(visitsInput(p, c).markAtLeast())
	t[Budget].qualify(optInput(p.DiscountShare(), c.DiscountShare).markAtLeast())
	t[Budget].qualify(redemptionInput(s, c).markAtLeast())
	t[Education].qualify(intInput(s.Courses, float64(c.Courses)).markAtLeast())
	t[Education].qualify(intInput(s.Webinars, float64(c.Webinars)).markAtLeast())
	t[Education].support(intInput(s.LongReads, float64(c.LongReads)).markAtLeast())
	t[Newcomer].qualify(optInput(s.ExperienceYears, c.NewcomerYears).markAtMost())
	t[Newcomer].support(intInput(p.Tenure(), float64(c.NewcomerDays)).markAtMost())
	t[Expert].qualify(optInput(s.ExperienceYears, c.ExpertYears).markAtLeast())
	t[Expert].qualify(optInput(p.PremiumShare(), c.PremiumShare).markAtLeast())
}

// bases[applies] is the part of the score that does not depend on the
// indicators: 0.5 when the category applies.
var bases = [2]float64{0, 0.5}

// score is the category's score: 0.5 plus half the mean of all its known
// indicators when it applies, so it is above 0.5; otherwise half the mean
// of its qualifying indicators (none held, so below 0.5), or 0 with none
// known.
func (t *tally) score() float32 {
	// The mean's sum and count are read by index, not by a branch on
	// whether the category applies, which varies from customer to
	// customer, so one division serves both cases; the 0.5 added when it
	// applies is read the same way, and adding 0 leaves the half mean as
	// Clamp01 takes it (only a -0 would change, to the 0 Clamp01 makes of
	// it). With no qualifying indicator known the half mean is 0/0, which
	// Clamp01 turns into the 0 asked for.
	a := t.applies & 1 // all when the category applies, else qualifying
	return segment.Clamp01(bases[a] + 0.5*t.sum[a]/float64(t.known[a]))
}

// eval computes the result into res, which must be zero, recording
// reasons when rs is not nil (the plain path passes nil and allocates
// nothing).
func (c *Classifier) eval(p *segment.Profile, rs *[]segment.Reason, res *segment.Result[Category]) {
	if rs != nil {
		var inputs [numIndicators]input
		measure(p, &c.cfg, &inputs)
		for id := range numIndicators {
			known, held, _ := inputs[id].check(indicators[id].op)
			*rs = append(*rs, inputs[id].reason(id, known, held))
		}
	}
	// Without a branch on what is known or held: that varies from
	// customer to customer, so branches would be mispredicted often. An
	// unknown indicator adds 0, which leaves a sum as it was to the bit
	// (sums are never -0).
	var tallies [Expert + 1]tally
	tallyProfile(p, &c.cfg, &tallies)
	res.Scores[Neighbourhood] = tallies[Neighbourhood].score()
	res.Scores[Active] = tallies[Active].score()
	res.Scores[Budget] = tallies[Budget].score()
	res.Scores[Education] = tallies[Education].score()
	res.Scores[Newcomer] = tallies[Newcomer].score()
	res.Scores[Expert] = tallies[Expert].score()
	// The categories that apply, ranked: higher score, then more
	// indicators held, then acronym order. That order is the order of a
	// key made of the score's bits (scores are in [0, 1], so their bits
	// order as they do), the count held (at most numIndicators, five
	// bits) and the category reversed; a category that does not apply
	// has key 0 and never ranks. The top two are kept by conditional
	// moves, without branches on which apply and on scores, which vary
	// from customer to customer.
	// The picks are ints, not Categories: the compiler makes no
	// conditional move of a byte, nor of a value later used as an index
	// (so the primary's sum is picked along with it, as bits).
	var first, second uint64 // the keys of the primary and the secondary
	var primary, secondary int
	var primarySum uint64
	// Category by category rather than in a loop (here and for the
	// confidence): the indices are constants, and no loop is kept.
	rank := func(cat Category) {
		t := &tallies[cat]
		res.Tags |= segment.Set[Category](t.applies) << cat
		key := (uint64(math.Float32bits(res.Scores[cat]))<<8 | uint64(t.held)<<3 | uint64(Expert+1-cat)) & -uint64(t.applies)
		sum := math.Float64bits(t.sum[all])
		if key > second {
			secondary, second = int(cat), key
		}
		if key > first {
			secondary, second = primary, first
			primary, first, primarySum = int(cat), key, sum
		}
	}
	rank(Neighbourhood)
	rank(Active)
	rank(Budget)
	rank(Education)
	rank(Newcomer)
	rank(Expert)
	res.Primary, res.Secondary = Category(primary), Category(secondary)
	if primary == int(Unknown) {
		return
	}
	// Confidence: the evidence in hand, out of every indicator: each known
	// indicator of another category (it rules a rival in or out) and the
	// primary's own indicators by their scores (so a fact against the
	// primary, scoring 0, can never raise it); times the primary's score less half
	// the runner-up's, applying or not (a close rival makes the choice of
	// primary less certain). The primary counts 0 among the others,
	// which changes neither sum nor maximum, so no branch skips it.
	var runnerUp uint32 // the bits of the runner-up's score
	evidence := math.Float64frombits(primarySum)
	rival := func(cat Category) {
		other := -uint32(b2u(int(cat) != primary))
		if b := math.Float32bits(res.Scores[cat]) & other; b > runnerUp {
			runnerUp = b
		}
		evidence += float64(uint32(tallies[cat].known[all]) & other)
	}
	rival(Neighbourhood)
	rival(Active)
	rival(Budget)
	rival(Education)
	rival(Newcomer)
	rival(Expert)
	coverage := evidence / float64(numIndicators)
	score := math.Float32frombits(uint32(first >> 8)) // the primary's, from its key
	res.Confidence = segment.Clamp01(coverage * (float64(score) - float64(math.Float32frombits(runnerUp))/2))
}
