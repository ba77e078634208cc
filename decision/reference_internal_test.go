package decision

import (
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/internal/profiletest"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// The reference is eval as it was before the scores were worked out
// without segment.Ratio's test of the divisor. Classify and Explain must
// agree with it bit for bit.

// eval computes the result into res, which must be zero, recording
// reasons when rs is not nil (the plain path passes nil and allocates
// nothing).
func (c *Classifier) refEval(p *segment.Profile, rs *[]segment.Reason, res *segment.Result[Style]) {
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
	cfg := &c.cfg

	cmp, okCmp := p.Signals.ComparisonsViewed.Get()
	perCmp := float64(cmp) / purchases
	note(Rational, "rational.comparisons", "comparisons_viewed", "comparisons", perCmp, okCmp,
		segment.GreaterEq, cfg.Comparisons, segment.Ratio(perCmp, cfg.Comparisons))

	reads, okReads := p.Signals.LongReads.Get()
	perRead := float64(reads) / purchases
	note(Rational, "rational.spec_reads", "long_reads", "spec_reads", perRead, okReads,
		segment.GreaterEq, cfg.SpecReads, segment.Ratio(perRead, cfg.SpecReads))

	days, okDays := p.Signals.DaysToPurchase.Get()
	note(Rational, "rational.deliberation", "days_to_purchase", "deliberate_days", days, okDays,
		segment.GreaterEq, cfg.DeliberateDays, segment.Ratio(days, cfg.DeliberateDays))

	impulse, okImp := p.Signals.ImpulsePurchases.Get()
	okImp = okImp && p.Occasions > 0
	share := float64(impulse) / purchases
	note(Emotional, "emotional.impulse", "impulse_purchases", "impulse_share", share, okImp,
		segment.GreaterEq, cfg.ImpulseShare, segment.Ratio(share, cfg.ImpulseShare))

	quick := float32(1)
	if days > cfg.QuickDays {
		quick = segment.Ratio(cfg.QuickDays, days)
	}
	note(Emotional, "emotional.quick", "days_to_purchase", "quick_days", days, okDays,
		segment.LessEq, cfg.QuickDays, quick)

	img, okImg := p.Signals.ImageViews.Get()
	vid, okVid := p.Signals.VideoViews.Get()
	perView := (float64(img) + float64(vid)) / purchases
	note(Emotional, "emotional.imagery", "image_views", "image_views", perView, okImg || okVid,
		segment.GreaterEq, cfg.ImageViews, segment.Ratio(perView, cfg.ImageViews))

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

func TestClassifyIsTheReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	cfgs := []*Config{nil}
	for range 20 {
		c := Config{
			Comparisons: 0.01 + rng.Float64()*20, SpecReads: 0.01 + rng.Float64()*20, DeliberateDays: 0.01 + rng.Float64()*60,
			ImpulseShare: 0.01 + rng.Float64()*0.99, QuickDays: 0.01 + rng.Float64()*30, ImageViews: 0.01 + rng.Float64()*100,
			CombinedMin: 0.01 + rng.Float64()*0.99,
		}
		cfgs = append(cfgs, &c)
	}
	profiles := append(segmenttest.Random(4000, 47), segmenttest.Extremes()...)
	profiles = append(profiles, profiletest.OrdersOnly(append(segmenttest.Random(500, 48), segmenttest.Extremes()...))...)
	for _, cfg := range cfgs {
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for i := range profiles {
			p := &profiles[i]
			var want segment.Result[Style]
			var reasons []segment.Reason
			c.refEval(p, &reasons, &want)
			if got := c.Classify(p); got != want {
				t.Fatalf("%s under %+v: Classify %+v, reference %+v", p.ID, cfg, got, want)
			}
			got := c.Explain(p)
			if got.Result != want || len(got.Reasons) != len(reasons) {
				t.Fatalf("%s under %+v: Explain %+v, reference %+v", p.ID, cfg, got, reasons)
			}
			for j := range reasons {
				if got.Reasons[j] != reasons[j] && !(got.Reasons[j].Value != got.Reasons[j].Value && reasons[j].Value != reasons[j].Value) {
					t.Fatalf("%s under %+v: reason %d %+v, reference %+v", p.ID, cfg, j, got.Reasons[j], reasons[j])
				}
			}
		}
	}
}
