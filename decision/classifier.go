package decision

import "github.com/clientele-go/clientele/segment"

// Classifier assigns decision styles. It is immutable and safe for
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

// Classify returns the decision style of p. It does not allocate.
func (c *Classifier) Classify(p *segment.Profile) segment.Result[Style] {
	var r segment.Result[Style]
	c.eval(p, nil, &r)
	return r
}

// ClassifyInto stores the result of [Classifier.Classify] in *out,
// overwriting it: a caller that keeps results in place (as
// strategy.Classifiers does) saves copying one. It does not allocate.
func (c *Classifier) ClassifyInto(p *segment.Profile, out *segment.Result[Style]) {
	*out = segment.Result[Style]{}
	c.eval(p, nil, out)
}

// anyIndicatorKnown reports whether the input of some indicator may be
// known (eval counts an impulse share only for a buyer). The inputs are
// or-ed rather than tested in turn, which would be a branch each.
func anyIndicatorKnown(s *segment.Signals) bool {
	rational := b2u(s.ComparisonsViewed.Known()) | b2u(s.LongReads.Known()) | b2u(s.DaysToPurchase.Known())
	emotional := b2u(s.ImpulsePurchases.Known()) | b2u(s.ImageViews.Known()) | b2u(s.VideoViews.Known())
	return rational|emotional != 0
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// Explain returns the result with one reason per indicator and one for the
// combined rule.
func (c *Classifier) Explain(p *segment.Profile) segment.Explanation[Style] {
	reasons := make([]segment.Reason, 0, 8)
	var r segment.Result[Style]
	c.eval(p, &reasons, &r)
	return segment.Explanation[Style]{Result: r, Reasons: reasons}
}

// indicators is the number of indicators, known or not.
const indicators = 6

// eval computes the result into res, which must be zero, recording
// reasons when rs is not nil (the plain path passes nil and allocates
// nothing).
func (c *Classifier) eval(p *segment.Profile, rs *[]segment.Reason, res *segment.Result[Style]) {
	if rs == nil && !anyIndicatorKnown(&p.Signals) {
		// No indicator is known: the zero result, as the rest would find.
		// Customers known from an order log alone (the shop CLI's) take
		// this path.
		return
	}
	var sum [Combined + 1]float64
	var n [Combined + 1]int
	note := func(style Style, rule, field, setting string, value float64, known bool, op segment.Op, threshold float64, score float32) {
		if known {
			sum[style] += float64(score)
			n[style]++
		}
		if rs != nil {
			*rs = append(*rs, segment.Reason{Rule: rule, Label: style.String(), Field: field, Value: value, Known: known,
				Op: op, Threshold: threshold, Setting: setting, Held: known && op.Holds(value, threshold)})
		}
	}
	purchases := float64(max(p.Occasions, 1))
	// The scores are segment.Ratio without its test of the divisor: the
	// thresholds are validated positive (at least 0.01), and quick
	// divides only by days above its threshold.
	cfg := &c.cfg

	cmp, okCmp := p.Signals.ComparisonsViewed.Get()
	perCmp := float64(cmp) / purchases
	note(Rational, "rational.comparisons", "comparisons_viewed", "comparisons", perCmp, okCmp,
		segment.GreaterEq, cfg.Comparisons, segment.Clamp01(perCmp/cfg.Comparisons))

	reads, okReads := p.Signals.LongReads.Get()
	perRead := float64(reads) / purchases
	note(Rational, "rational.spec_reads", "long_reads", "spec_reads", perRead, okReads,
		segment.GreaterEq, cfg.SpecReads, segment.Clamp01(perRead/cfg.SpecReads))

	days, okDays := p.Signals.DaysToPurchase.Get()
	note(Rational, "rational.deliberation", "days_to_purchase", "deliberate_days", days, okDays,
		segment.GreaterEq, cfg.DeliberateDays, segment.Clamp01(days/cfg.DeliberateDays))

	impulse, okImp := p.Signals.ImpulsePurchases.Get()
	okImp = okImp && p.Occasions > 0
	share := float64(impulse) / purchases
	note(Emotional, "emotional.impulse", "impulse_purchases", "impulse_share", share, okImp,
		segment.GreaterEq, cfg.ImpulseShare, segment.Clamp01(share/cfg.ImpulseShare))

	quick := float32(1)
	if days > cfg.QuickDays {
		quick = segment.Clamp01(cfg.QuickDays / days)
	}
	note(Emotional, "emotional.quick", "days_to_purchase", "quick_days", days, okDays,
		segment.LessEq, cfg.QuickDays, quick)

	img, okImg := p.Signals.ImageViews.Get()
	vid, okVid := p.Signals.VideoViews.Get()
	// Added as numbers: two counts an int holds need not have a sum it
	// holds.
	perView := (float64(img) + float64(vid)) / purchases
	note(Emotional, "emotional.imagery", "image_views", "image_views", perView, okImg || okVid,
		segment.GreaterEq, cfg.ImageViews, segment.Clamp01(perView/cfg.ImageViews))

	known := n[Rational] + n[Emotional]
	if known == 0 {
		return
	}
	var rat, emo float64
	if n[Rational] > 0 {
		rat = sum[Rational] / float64(n[Rational])
	}
	if n[Emotional] > 0 {
		emo = sum[Emotional] / float64(n[Emotional])
	}
	comb := min(rat, emo)
	both := n[Rational] > 0 && n[Emotional] > 0 && comb >= cfg.CombinedMin
	if both {
		comb = max(rat, emo)
	}
	if rs != nil {
		*rs = append(*rs, segment.Reason{Rule: "combined", Label: Combined.String(), Field: "min(rational, emotional)",
			Value: min(rat, emo), Known: n[Rational] > 0 && n[Emotional] > 0, Op: segment.GreaterEq,
			Threshold: cfg.CombinedMin, Setting: "combined_min", Held: both,
			FieldEN: "the lower of the rational and emotional scores", FieldRU: "меньшая из рациональной и эмоциональной оценок"})
	}
	res.Scores[Rational] = segment.Clamp01(rat)
	res.Scores[Emotional] = segment.Clamp01(emo)
	res.Scores[Combined] = segment.Clamp01(comb)

	switch {
	case res.Scores[Rational] == 0 && res.Scores[Emotional] == 0:
		return // the known evidence points nowhere
	case both:
		res.Primary = Combined
		res.Secondary = Rational
		if emo > rat {
			res.Secondary = Emotional
		}
	case rat >= emo:
		res.Primary, res.Secondary = Rational, Emotional
	default:
		res.Primary, res.Secondary = Emotional, Rational
	}
	if res.Scores[res.Secondary] == 0 {
		res.Secondary = Unknown
	}
	res.Confidence = segment.Clamp01(float64(known) / indicators * float64(res.Scores[res.Primary]))
}
