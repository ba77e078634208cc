package perception

import (
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// The reference is eval and measure as they were before the plain path
// lost its branch on which formats are known. Classify must agree with it
// bit for bit.

// refMeasure reads every format's engagement and weight. It is straight-line
// code rather than a function value per format: a call through a function
// value would make the caller's profile escape to the heap, so Classify
// would allocate after all. A negative count cannot come from a valid
// profile (see [segment.Profile.Validate]) and is treated as unknown.
func refMeasure(s *segment.Signals, w *Weights, out *[numFormats]engagement) {
	set := func(id formatID, o segment.Opt[int], weight float64) {
		v, ok := o.Get()
		out[id] = engagement{float64(v), weight, ok && v >= 0}
	}
	set(videoViews, s.VideoViews, w.VideoViews)
	set(imageViews, s.ImageViews, w.ImageViews)
	set(audioPlays, s.AudioPlays, w.AudioPlays)
	set(calls, s.Calls, w.Calls)
	set(webinars, s.Webinars, w.Webinars)
	set(storeVisits, s.StoreVisits, w.StoreVisits)
	set(samples, s.Samples, w.Samples)
	set(tastings, s.Tastings, w.Tastings)
	set(testDrives, s.TestDrives, w.TestDrives)
	set(masterClasses, s.MasterClasses, w.MasterClasses)
}

// refEval computes the result into res, which must be zero, recording
// reasons when rs is not nil (the plain path passes nil and allocates
// nothing).
func (c *Classifier) refEval(p *segment.Profile, rs *[]segment.Reason, res *segment.Result[Channel]) {
	cfg := &c.cfg
	var eng [numFormats]engagement
	refMeasure(&p.Signals, &cfg.Weights, &eng)

	var raw, weighted [Kinesthetic + 1]float64
	var observed [Kinesthetic + 1]bool
	for id := range numFormats {
		e := &eng[id]
		if rs != nil {
			*rs = append(*rs, e.reason(id))
		}
		if !e.known {
			continue
		}
		ch := formats[id].channel
		observed[ch] = true
		raw[ch] += e.count
		weighted[ch] += e.count * e.weight
	}
	var totalRaw, totalWeighted float64
	observedChannels := 0
	for ch := Visual; ch <= Kinesthetic; ch++ {
		totalRaw += raw[ch]
		totalWeighted += weighted[ch]
		if observed[ch] {
			observedChannels++
		}
	}

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
	amount := float64(segment.Ratio(totalRaw, float64(cfg.ConfidentEngagements)))
	coverage := float64(observedChannels) / float64(channels)
	margin := 0.5 + 0.5*float64(segment.Ratio(lead, cfg.ClearMargin))
	res.Confidence = segment.Clamp01(amount * coverage * margin)
}

// Classify agrees with the reference on varied and extreme profiles,
// under the defaults and under random valid configurations.
func TestClassifyIsTheReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 8))
	cfgs := []*Config{nil}
	for range 20 {
		c := Defaults()
		c.MinEngagements = 1 + rng.IntN(10)
		c.ConfidentEngagements = c.MinEngagements + rng.IntN(40)
		c.MinShare = 0.01 + rng.Float64()*0.9
		c.SecondaryShare = 0.01 + rng.Float64()*0.9
		c.ClearMargin = 0.01 + rng.Float64()*0.9
		c.Weights.ImageViews = 0.01 + rng.Float64()*3
		c.Weights.Calls = 0.01 + rng.Float64()*3
		c.Weights.StoreVisits = 0.01 + rng.Float64()*3
		cfgs = append(cfgs, &c)
	}
	profiles := append(segmenttest.Random(4000, 61), segmenttest.Extremes()...)
	for i := range profiles {
		// Some counts negative, which no valid profile has: not evidence.
		s := &profiles[i].Signals
		switch i % 7 {
		case 1:
			s.Calls = segment.Some(-3)
		case 2:
			s.ImageViews = segment.Some(-1)
		case 3:
			s.StoreVisits, s.VideoViews = segment.Some(-2), segment.Some(-5)
		}
	}
	for _, cfg := range cfgs {
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range profiles {
			p := &profiles[i]
			var want segment.Result[Channel]
			c.refEval(p, nil, &want)
			if got := c.Classify(p); got != want {
				t.Fatalf("%s under %+v: Classify %+v, reference %+v", p.ID, cfg, got, want)
			}
		}
	}
}
