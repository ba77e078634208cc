package behavior

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"sync"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

// Classifier assigns behavioural types. It is immutable and safe for
// concurrent use; [Classifier.Fit] and [Classifier.WithCuts] return new
// classifiers.
type Classifier struct {
	cfg     Config
	lim     limits // cfg's settings as the rules compare them
	cuts    Cuts
	order   [numTypes]Type         // enabled types in priority order, risk flags last
	n       int                    // types in order
	rankSet [rankBytes][256]uint32 // rankSet[i][b]: the ranks of the types at bits 8i.. set in b, as a set (see eval)
	above   [numTypes]uint32       // above[i]: the set of order[:i]
	enabled segment.Set[Type]
	custom  segment.Set[Type] // enabled types with a condition or a predicate
	require [numTypes]*rule.Rule
	preds   [numTypes][]predicate
	pAlive  func(p *segment.Profile) (float64, bool) // WithModel, WithPAlive; nil: days decide
}

type predicate struct {
	name string
	test func(p *segment.Profile) bool
}

// Option customises a classifier beyond what a [Config] can store.
type Option func(c *Classifier) error

// Require adds a Go predicate that type t needs on top of its built-in
// rule (and of any condition in Config.Require): t is assigned only when
// pred returns true. name identifies the predicate in explanations (the
// reason's rule is "<type>.require.<name>") and must be unique per type.
// pred must be deterministic, must not modify the profile, and must be
// safe for concurrent use; it is called only when the rest of t's rule
// does not already fail.
func Require(t Type, name string, pred func(p *segment.Profile) bool) Option {
	return func(c *Classifier) error {
		switch {
		case t == Unknown || !Types.Valid(t):
			return fmt.Errorf("behavior: Require: %w", &segment.FieldError{Field: "type", Value: t.String(), Err: errors.New("not a type")})
		case name == "":
			return fmt.Errorf("behavior: Require %s: %w", t, &segment.FieldError{Field: "name", Err: segment.ErrEmpty})
		case pred == nil:
			return fmt.Errorf("behavior: Require %s: %w", t, &segment.FieldError{Field: "pred", Value: name, Err: errors.New("nil predicate")})
		}
		for _, p := range c.preds[t] {
			if p.name == name {
				return fmt.Errorf("behavior: Require %s: %w", t, &segment.FieldError{Field: "name", Value: name, Err: errors.New("given twice")})
			}
		}
		c.preds[t] = append(c.preds[t], predicate{name: name, test: pred})
		return nil
	}
}

// New returns a classifier with cfg (nil means [Defaults]; zero fields take
// their defaults) and opts, or the validation error (see
// [Config.Validate]). The classifier has no [Cuts] yet: the rules that
// compare with the customer base (gold, super-consumer, status by order
// value, lead user) are Unknown until [Classifier.Fit] or
// [Classifier.WithCuts].
func New(cfg *Config, opts ...Option) (*Classifier, error) {
	var c Config
	if cfg != nil {
		c = *cfg
	}
	c = c.withDefaults()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	cl := &Classifier{cfg: c, lim: limitsOf(&c)}
	var disabled segment.Set[Type]
	for _, t := range c.Disabled {
		disabled = disabled.With(t)
	}
	for _, risks := range []bool{false, true} {
		for _, t := range c.Priority {
			if t.IsRisk() == risks && !disabled.Has(t) {
				cl.order[cl.n] = t
				for b := range 256 {
					if b>>(t%8)&1 != 0 {
						cl.rankSet[t/8][b] |= 1 << cl.n
					}
				}
				cl.above[cl.n] = uint32(cl.enabled)
				cl.n++
				cl.enabled = cl.enabled.With(t)
			}
		}
	}
	for t, cond := range c.Require {
		r, err := rule.Compile(cond)
		if err != nil { // Validate compiled it already
			return nil, fmt.Errorf("behavior: %w", requireError(t, err))
		}
		cl.require[t] = r
	}
	for _, opt := range opts {
		if err := opt(cl); err != nil {
			return nil, err
		}
	}
	for _, t := range cl.order[:cl.n] {
		if cl.require[t] != nil || len(cl.preds[t]) > 0 {
			cl.custom = cl.custom.With(t)
		}
	}
	return cl, nil
}

// Config returns the configuration in use, defaults filled in. It is a
// copy: changing it does not change the classifier.
func (c *Classifier) Config() Config { return c.cfg.withDefaults() }

// Cuts returns the cut values in use.
func (c *Classifier) Cuts() Cuts { return c.cuts }

// Fit computes the [Cuts] of the top-share rules over base (see [Cuts] for
// the rule and how ties are kept together) and returns a classifier that
// uses them; c itself is unchanged. Profiles without a purchase or with a
// revenue that is not finite are not part of the base; Cuts.Base says how
// many were.
func (c *Classifier) Fit(base []segment.Profile) *Classifier {
	out := *c
	out.cuts = fitCuts(&c.cfg, base)
	return &out
}

// WithCuts returns a classifier that uses cuts given explicitly (stored
// from an earlier Fit, or set by hand), for classifying one customer
// without the base at hand; c itself is unchanged. Cuts that are not
// finite are an error.
func (c *Classifier) WithCuts(cuts Cuts) (*Classifier, error) {
	if err := cuts.validate(); err != nil {
		return nil, err
	}
	out := *c
	out.cuts = cuts
	return &out, nil
}

// Classify returns the types of p: every type whose rule holds in Tags
// (score 1), the first of them in priority order as Primary and the next
// as Secondary. Risk flags are tags like the others but come last in the
// priority, so they are primary only when no other type applies; use
// [Risks] to read them. Confidence is (1 + k) / (1 + m) where m types rank
// above the primary and k of them could be decided from known inputs: a
// type ranked above that might apply, had a signal been recorded, makes
// the primary less certain. Without a primary, Confidence is 0. Classify
// does not allocate.
func (c *Classifier) Classify(p *segment.Profile) segment.Result[Type] {
	var r segment.Result[Type]
	c.eval(p, nil, &r)
	return r
}

// ClassifyInto stores the result of [Classifier.Classify] in *out,
// overwriting it: a caller that keeps results in place (as
// strategy.Classifiers does) saves copying one. It does not allocate.
func (c *Classifier) ClassifyInto(p *segment.Profile, out *segment.Result[Type]) {
	*out = segment.Result[Type]{}
	c.eval(p, nil, out)
}

// Explain returns the result with the reasons of the types that apply,
// primary first: each comparison (input, value, threshold and the setting
// holding it, whether it held) and a final reason per type whose rule is
// the type's name.
func (c *Classifier) Explain(p *segment.Profile) segment.Explanation[Type] {
	return c.explain(p, false)
}

// ExplainAll is [Classifier.Explain] with the reasons of every enabled
// type, those that do not apply included (their final reason has Held
// false, and Known false when the inputs to decide were missing), in
// priority order.
func (c *Classifier) ExplainAll(p *segment.Profile) segment.Explanation[Type] {
	return c.explain(p, true)
}

func (c *Classifier) explain(p *segment.Profile, all bool) segment.Explanation[Type] {
	scratch := reasonScratch.Get().(*reasonLists)
	rs := reasons{reasonLists: reasonLists{all: scratch.all[:0], types: scratch.types[:0]}}
	var res segment.Result[Type]
	c.eval(p, &rs, &res)
	shown := func(t Type) bool { return all || res.Tags.Has(t) }
	n := 0
	for _, t := range rs.types {
		if shown(t) {
			n++
		}
	}
	out := make([]segment.Reason, 0, n)
	for _, t := range c.order[:c.n] {
		if !shown(t) {
			continue
		}
		for i, of := range rs.types {
			if of == t {
				out = append(out, rs.all[i])
			}
		}
	}
	clear(rs.all) // keep no strings alive in the pool
	*scratch = reasonLists{all: rs.all[:0], types: rs.types[:0]}
	reasonScratch.Put(scratch)
	return segment.Explanation[Type]{Result: res, Reasons: out}
}

// reasons collects the reasons of each type on the Explain path: the
// built-in comparisons noted in log, then the extra conditions, then the
// summary. They go into one list, each with its type, which explain then
// orders by type; lists of each type of their own, grown by append, were
// most of what explaining a base allocated (-out movement).
type reasons struct {
	log [numChecks]entry
	reasonLists
}

// reasonLists are the lists of a reasons, kept between calls in
// reasonScratch.
type reasonLists struct {
	all   []segment.Reason // in the order added
	types []Type           // the type each reason of all is evidence for
}

var reasonScratch = sync.Pool{New: func() any { return new(reasonLists) }}

func (rs *reasons) add(r segment.Reason, t Type) {
	rs.all = append(rs.all, r)
	rs.types = append(rs.types, t)
}

// typeFrom gives the reasons added to all from index from on the type t.
func (rs *reasons) typeFrom(from int, t Type) {
	for range len(rs.all) - from {
		rs.types = append(rs.types, t)
	}
}

// eval decides every type and builds the result in res, which must be
// zero; rs is nil on the plain path, which allocates nothing.
func (c *Classifier) eval(p *segment.Profile, rs *reasons, res *segment.Result[Type]) {
	var e evaluator
	e.init(&c.cfg, &c.lim, &c.cuts, c.pAlive, p, rs)
	if rs == nil {
		(*plainEvaluator)(&e).decide() // the same rules without the log
	} else {
		e.decide()
	}
	if rs != nil {
		for id := range rs.log {
			if en := &rs.log[id]; en.set {
				rs.add(e.reason(check(id), en), checks[id].label)
			}
		}
	}
	if c.custom != 0 {
		for _, t := range c.order[:c.n] {
			if c.custom.Has(t) {
				e.put(t, c.extra(&e, t, e.get(t)))
			}
		}
	}
	if rs != nil {
		for t := Potential; t < numTypes; t++ {
			e.summary(t, e.get(t))
		}
	}

	// Every type whose rule holds is a tag; the primary is the tag ranked
	// first, the secondary the next. A customer has few tags.
	res.Tags = segment.Set[Type](e.yes) & c.enabled
	tags := uint32(res.Tags)
	// The scores, and the ranks of the tags as a set, by table look-ups
	// rather than a loop over the tags: their count varies from customer
	// to customer, so the loop's end was a mispredicted branch.
	setScores(&res.Scores, tags)
	ranks := c.rankSet[0][tags&0xff] | c.rankSet[1][tags>>8&0xff] | c.rankSet[2][tags>>16&0xff]
	// The two lowest ranks, c.n (no type) when missing: bit operations
	// rather than comparisons, which would be mispredicted branches. c.n
	// is a rank no tag has, and order[c.n] is Unknown: Unknown is never
	// enabled, so fewer than numTypes types are.
	first := bits.TrailingZeros32(ranks | 1<<c.n)
	second := bits.TrailingZeros32(ranks&(ranks-1) | 1<<c.n)
	res.Primary, res.Secondary = c.order[first], c.order[second]
	if first < c.n {
		// Confidence: the share of types ranked above the primary that
		// could be decided, counting the primary itself.
		decided := bits.OnesCount32(c.above[first] &^ e.unknown)
		res.Confidence = confidences[first][decided]
	}
}

// setScores sets the score of every type to 1 if it is in tags, else 0,
// eight types at a time from a table, in straight code.
func setScores(s *segment.Scores, tags uint32) {
	*(*[8]float32)(s[0:8]) = scoreOctets[tags&0xff]
	*(*[8]float32)(s[8:16]) = scoreOctets[tags>>8&0xff]
	*(*[8]float32)(s[16:24]) = scoreOctets[tags>>16&0xff]
}

const _ = uint(24 - numTypes) // a compile error if setScores misses a type

// rankBytes is the number of bytes of a set of types: eval looks up
// three.
const rankBytes = (numTypes + 7) / 8

const _ = uint(3 - rankBytes) // a compile error if eval misses a byte

// scoreOctets[b] are the scores of eight types whose tags are the bits
// of b: 1 for a tag, else 0.
var scoreOctets = func() (out [256][8]float32) {
	for b := range out {
		for i := range out[b] {
			out[b][i] = float32(b >> i & 1)
		}
	}
	return out
}()

// confidences[first][decided] is the confidence of a primary ranked first
// with decided of the types above it decided: (1 + decided) / (1 +
// first), worked out once instead of divided per customer.
var confidences = func() (out [numTypes][numTypes]float32) {
	for first := range numTypes {
		for decided := 0; decided <= first; decided++ {
			out[first][decided] = segment.Clamp01(float64(1+decided) / float64(1+first))
		}
	}
	return out
}()

// extra applies t's condition from the configuration and its Go
// predicates.
func (c *Classifier) extra(e *evaluator, t Type, truth rule.Truth) rule.Truth {
	if r := c.require[t]; r != nil {
		if e.rs != nil {
			var got rule.Truth
			from := len(e.rs.all)
			e.rs.all, got = r.AppendReasons(e.rs.all, e.p, t.String()+".require", t.String())
			e.rs.typeFrom(from, t)
			truth = rule.And(truth, got)
		} else if truth != rule.False {
			truth = rule.And(truth, r.Test(e.p))
		}
	}
	for _, pred := range c.preds[t] {
		if truth == rule.False && e.rs == nil {
			break
		}
		held := pred.test(e.p)
		truth = rule.And(truth, rule.Of(held))
		if e.rs != nil {
			e.rs.add(segment.Reason{Rule: t.String() + ".require." + pred.name, Label: t.String(),
				Field: pred.name, FieldEN: pred.name, FieldRU: pred.name, Value: b2f(held), Known: true, Held: held}, t)
		}
	}
	return truth
}

// Enabled returns the types c can assign, in priority order (risk flags
// last).
func (c *Classifier) Enabled() []Type { return slices.Clone(c.order[:c.n]) }

// b2f is 1 for true, 0 for false, by a conversion rather than a branch:
// the plain path works out its arguments too, on facts that vary from
// customer to customer.
func b2f(b bool) float64 { return float64(b2u(b)) }
