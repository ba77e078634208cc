package perception

import "github.com/clientele-go/clientele/segment"

// Classifier assigns perception channels. It is immutable and safe for
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

// Classify returns the perception channel of p: the leading channel as
// Primary (Unknown when the evidence is thin or no channel leads), the next
// as Secondary when its share is large enough, and each channel's weighted
// share of engagement as its score. It does not allocate.
func (c *Classifier) Classify(p *segment.Profile) segment.Result[Channel] {
	var r segment.Result[Channel]
	c.ClassifyInto(p, &r)
	return r
}

// ClassifyInto stores the result of [Classifier.Classify] in *out,
// overwriting it: a caller that keeps results in place (as
// strategy.Classifiers does) saves copying one. It does not allocate.
func (c *Classifier) ClassifyInto(p *segment.Profile, out *segment.Result[Channel]) {
	*out = segment.Result[Channel]{}
	if !anyEngagementKnown(&p.Signals) {
		// No share can be worked out, so no channel leads and every score
		// is 0: the zero result, as eval would find. Customers known from
		// an order export alone take this path.
		return
	}
	c.eval(p, nil, out)
}

// anyEngagementKnown reports whether some content format's engagement is
// known (see measure: a known count that is not negative).
func anyEngagementKnown(s *segment.Signals) bool {
	known := func(o segment.Opt[int]) bool { v, ok := o.Get(); return ok && v >= 0 }
	return known(s.VideoViews) || known(s.ImageViews) || known(s.AudioPlays) || known(s.Calls) || known(s.Webinars) ||
		known(s.StoreVisits) || known(s.Samples) || known(s.Tastings) || known(s.TestDrives) || known(s.MasterClasses)
}

// Explain returns the result of [Classifier.Classify] with one reason per
// content format, one per channel share, and one each for the amount of
// evidence, the margin and the secondary channel.
func (c *Classifier) Explain(p *segment.Profile) segment.Explanation[Channel] {
	reasons := make([]segment.Reason, 0, int(numFormats)+channels+3)
	var r segment.Result[Channel]
	c.eval(p, &reasons, &r)
	return segment.Explanation[Channel]{Result: r, Reasons: reasons}
}

// channels is the number of channels, Unknown excluded.
const channels = int(Kinesthetic)

// eval computes the result into res, which must be zero, recording
// reasons when rs is not nil (the plain path passes nil and allocates
// nothing).
func (c *Classifier) eval(p *segment.Profile, rs *[]segment.Reason, res *segment.Result[Channel]) {
	cfg := &c.cfg
	if rs != nil {
		var eng [numFormats]engagement
		measure(&p.Signals, &cfg.Weights, &eng)
		for id := range numFormats {
			*rs = append(*rs, eng[id].reason(id))
		}
	}
	var t totals
	t.addProfile(&p.Signals, &cfg.Weights)
	raw, weighted, observed := &t.raw, &t.weighted, &t.observed
	// The sums of the three channels, in channel order (they are never
	// -0, so adding them to a 0 first would change nothing), and the
	// channels observed counted without a branch.
	totalRaw := raw[Visual] + raw[Auditory] + raw[Kinesthetic]
	totalWeighted := weighted[Visual] + weighted[Auditory] + weighted[Kinesthetic]
	observedChannels := int(b2u(observed[Visual])) + int(b2u(observed[Auditory])) + int(b2u(observed[Kinesthetic]))

	// Shares in float64 for the thresholds; scores are their float32
	// images, and the ranking uses the scores so that no channel can score
	// above the primary.
	var share [Kinesthetic + 1]float64
	shared := totalWeighted > 0 && finite(totalWeighted)
	if shared {
		for ch := Visual; ch <= Kinesthetic; ch++ {
			share[ch] = weighted[ch] / totalWeighted
			res.Scores[ch] = segment.Clamp01(share[ch])
		}
	}
	// better reports whether a leads b: higher score, then more raw
	// engagements, then the order visual, auditory, kinesthetic.
	better := func(a, b Channel) bool {
		if res.Scores[a] != res.Scores[b] {
			return res.Scores[a] > res.Scores[b]
		}
		if raw[a] != raw[b] {
			return raw[a] > raw[b]
		}
		return a < b
	}
	first, second := Visual, Auditory
	if better(second, first) {
		first, second = second, first
	}
	if better(Kinesthetic, first) {
		first, second = Kinesthetic, first
	} else if better(Kinesthetic, second) {
		second = Kinesthetic
	}
	lead := share[first] - share[second]

	enough := totalRaw >= float64(cfg.MinEngagements)
	leads := shared && share[first] >= cfg.MinShare
	if rs != nil {
		for ch := Visual; ch <= Kinesthetic; ch++ {
			*rs = append(*rs, segment.Reason{Rule: ch.String() + ".share", Label: ch.String(), Field: ch.String() + "_share",
				Value: share[ch], Known: shared && observed[ch], Op: segment.GreaterEq, Threshold: cfg.MinShare,
				Setting: "min_share", Held: shared && observed[ch] && share[ch] >= cfg.MinShare,
				FieldEN: shareTitles[ch].EN, FieldRU: shareTitles[ch].RU})
		}
		*rs = append(*rs,
			segment.Reason{Rule: "engagements", Field: "engagements", Value: finiteOr0(totalRaw), Known: observedChannels > 0,
				Op: segment.GreaterEq, Threshold: float64(cfg.MinEngagements), Setting: "min_engagements", Held: enough,
				FieldEN: "engagements across the channels", FieldRU: "взаимодействий по всем каналам"},
			segment.Reason{Rule: "margin", Label: first.String(), Field: "lead_over_" + second.String(), Value: lead, Known: shared,
				Op: segment.GreaterEq, Threshold: cfg.ClearMargin, Setting: "clear_margin", Held: shared && lead >= cfg.ClearMargin,
				FieldEN: leadTitles[second].EN, FieldRU: leadTitles[second].RU},
			segment.Reason{Rule: "secondary", Label: second.String(), Field: second.String() + "_share", Value: share[second], Known: shared,
				Op: segment.GreaterEq, Threshold: cfg.SecondaryShare, Setting: "secondary_share", Held: shared && share[second] >= cfg.SecondaryShare,
				FieldEN: shareTitles[second].EN, FieldRU: shareTitles[second].RU},
		)
	}
	if !enough || !leads {
		return
	}
	res.Primary = first
	if share[second] >= cfg.SecondaryShare && res.Scores[second] > 0 {
		res.Secondary = second
	}
	// segment.Ratio without its test of the divisor: both settings are
	// validated positive.
	amount := float64(segment.Clamp01(totalRaw / float64(cfg.ConfidentEngagements)))
	coverage := float64(observedChannels) / float64(channels)
	margin := 0.5 + 0.5*float64(segment.Clamp01(lead/cfg.ClearMargin))
	res.Confidence = segment.Clamp01(amount * coverage * margin)
}

// totals is the engagement with each channel's formats: raw, weighted,
// and whether any is known.
type totals struct {
	raw, weighted [Kinesthetic + 1]float64
	observed      [Kinesthetic + 1]bool
}

// add counts the engagement with one format of channel ch, when known.
func (t *totals) add(ch Channel, e engagement) {
	if e.known {
		t.observed[ch] = true
		t.raw[ch] += e.count
		t.weighted[ch] += e.count * e.weight
	}
}

// addProfile counts every format's engagement (see measure) into its
// channel, as [formats] says (TestAddProfileFollowsFormats), in the order
// of formats, each read from the signals as it comes rather than stored
// in the array measure fills for the reasons. Straight-line code rather
// than a loop over the table: the table is fixed, and each format gets a
// branch of its own on whether it is known, which predicts better than
// one branch shared by every format in a loop (formats are known or not
// independently of each other).
func (t *totals) addProfile(s *segment.Signals, w *Weights) {
	t.add(Visual, engagementOf(s.VideoViews, w.VideoViews))
	t.add(Visual, engagementOf(s.ImageViews, w.ImageViews))
	t.add(Auditory, engagementOf(s.AudioPlays, w.AudioPlays))
	t.add(Auditory, engagementOf(s.Calls, w.Calls))
	t.add(Auditory, engagementOf(s.Webinars, w.Webinars))
	t.add(Kinesthetic, engagementOf(s.StoreVisits, w.StoreVisits))
	t.add(Kinesthetic, engagementOf(s.Samples, w.Samples))
	t.add(Kinesthetic, engagementOf(s.Tastings, w.Tastings))
	t.add(Kinesthetic, engagementOf(s.TestDrives, w.TestDrives))
	t.add(Kinesthetic, engagementOf(s.MasterClasses, w.MasterClasses))
}

// finiteOr0 returns x, or 0 when x is not finite (explanations must encode
// as JSON).
func finiteOr0(x float64) float64 {
	if finite(x) {
		return x
	}
	return 0
}

// Titles of the derived inputs in reasons, by channel: the channel's
// share of the engagements, and the lead of the leading channel's share
// over it.
var (
	shareTitles = [...]struct{ EN, RU string }{
		Visual:      {"share of visual engagements", "доля визуальных взаимодействий"},
		Auditory:    {"share of auditory engagements", "доля аудиальных взаимодействий"},
		Kinesthetic: {"share of kinesthetic engagements", "доля кинестетических взаимодействий"},
	}
	leadTitles = [...]struct{ EN, RU string }{
		Visual:      {"lead over the visual share", "отрыв от доли визуального канала"},
		Auditory:    {"lead over the auditory share", "отрыв от доли аудиального канала"},
		Kinesthetic: {"lead over the kinesthetic share", "отрыв от доли кинестетического канала"},
	}
)
