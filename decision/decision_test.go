package decision_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

var asOf = segment.MustParseDate("2025-06-30")

// buyer is a customer with n purchases and the given signals.
func buyer(n int, set func(s *segment.Signals)) segment.Profile {
	p := segment.Profile{AsOf: asOf, Occasions: n, Orders: n, Revenue: float64(50 * n)}
	if n > 0 {
		p.First, p.Last = asOf.AddDays(-300), asOf.AddDays(-10)
		if n == 1 {
			p.First = p.Last
		}
	}
	set(&p.Signals)
	return p
}

func mustNew(t testing.TB, cfg *decision.Config) *decision.Classifier {
	t.Helper()
	c, err := decision.New(cfg)
	require.NoError(t, err)
	return c
}

func TestConformance(t *testing.T) {
	segmenttest.TestConformance(t, mustNew(t, nil), decision.Styles)
}

func TestStyles(t *testing.T) {
	c := mustNew(t, nil)
	segmenttest.Run(t, c,
		segmenttest.Case[decision.Style]{
			Name: "nothing known", Profile: buyer(3, func(s *segment.Signals) {}), Want: decision.Unknown,
			Why: "unknown signals are no evidence either way",
		},
		segmenttest.Case[decision.Style]{
			Name: "compares and reads", Want: decision.Rational,
			Profile: buyer(2, func(s *segment.Signals) {
				s.ComparisonsViewed, s.LongReads, s.DaysToPurchase = segment.Some(4), segment.Some(4), segment.Some(10.0)
				s.ImpulsePurchases, s.ImageViews = segment.Some(0), segment.Some(2)
			}),
			Why: "two comparisons and two spec sheets per purchase, ten days to decide, no impulse buys",
		},
		segmenttest.Case[decision.Style]{
			Name: "impulse buyer", Want: decision.Emotional,
			Profile: buyer(4, func(s *segment.Signals) {
				s.ImpulsePurchases, s.DaysToPurchase, s.ImageViews, s.VideoViews = segment.Some(3), segment.Some(0.5), segment.Some(30), segment.Some(20)
				s.ComparisonsViewed = segment.Some(0)
			}),
			Why: "three of four purchases on impulse, decides within a day, many photos viewed",
		},
		segmenttest.Case[decision.Style]{
			Name: "both", Want: decision.Combined,
			Profile: buyer(2, func(s *segment.Signals) {
				s.ComparisonsViewed, s.LongReads = segment.Some(4), segment.Some(4)
				s.ImpulsePurchases, s.ImageViews = segment.Some(1), segment.Some(40)
			}),
			Why: "researches thoroughly and still buys half on impulse, moved by imagery",
		},
		segmenttest.Case[decision.Style]{
			Name: "prospect researching", Want: decision.Rational,
			Profile: buyer(0, func(s *segment.Signals) { s.ComparisonsViewed = segment.Some(3) }),
			Why:     "no purchase yet, but comparisons are evidence; impulse needs purchases and stays unknown",
		},
	)
}

// The combined rule at its boundary: both sides at CombinedMin is combined,
// a hair below on one side is not.
func TestCombinedBoundary(t *testing.T) {
	c := mustNew(t, nil)
	// Rational: comparisons 1 per purchase against 2 = 0.5 (the only known
	// rational indicator). Emotional: impulse 0.15 against 0.3 = 0.5.
	at := buyer(20, func(s *segment.Signals) { s.ComparisonsViewed, s.ImpulsePurchases = segment.Some(20), segment.Some(3) })
	below := buyer(20, func(s *segment.Signals) { s.ComparisonsViewed, s.ImpulsePurchases = segment.Some(19), segment.Some(3) })
	if got := c.Classify(&at); got.Primary != decision.Combined {
		t.Errorf("both at 0.5: got %v, want combined", got.Primary)
	}
	if got := c.Classify(&below); got.Primary != decision.Emotional || got.Secondary != decision.Rational {
		t.Errorf("rational at 0.475: got %v/%v, want emotional/rational", got.Primary, got.Secondary)
	}
}

// Each rational threshold at its boundary: one step under scores below
// one step over.
func TestThresholdBoundaries(t *testing.T) {
	c := mustNew(t, nil)
	score := func(days float64) float32 {
		p := buyer(1, func(s *segment.Signals) { s.DaysToPurchase = segment.Some(days) })
		return c.Classify(&p).Scores[decision.Rational]
	}
	if got := score(7); got != 1 {
		t.Errorf("deliberation at 7 days = %v, want 1", got)
	}
	if got := score(6.9); got >= 1 {
		t.Errorf("deliberation under 7 days = %v, want < 1", got)
	}
	quick := func(days float64) float32 {
		p := buyer(1, func(s *segment.Signals) { s.DaysToPurchase = segment.Some(days) })
		return c.Classify(&p).Scores[decision.Emotional]
	}
	if got := quick(1); got != 1 {
		t.Errorf("quick decision at 1 day = %v, want 1", got)
	}
	if got := quick(1.1); got >= 1 {
		t.Errorf("quick decision over 1 day = %v, want < 1", got)
	}
}

func TestConfidenceFallsWithMissingEvidence(t *testing.T) {
	c := mustNew(t, nil)
	full := buyer(2, func(s *segment.Signals) {
		s.ComparisonsViewed, s.LongReads, s.DaysToPurchase = segment.Some(4), segment.Some(4), segment.Some(10.0)
		s.ImpulsePurchases, s.ImageViews = segment.Some(0), segment.Some(0)
	})
	part := buyer(2, func(s *segment.Signals) { s.ComparisonsViewed = segment.Some(4) })
	f, p := c.Classify(&full), c.Classify(&part)
	if f.Primary != decision.Rational || p.Primary != decision.Rational {
		t.Fatalf("both should be rational: %v %v", f.Primary, p.Primary)
	}
	if !(p.Confidence < f.Confidence) {
		t.Errorf("confidence with one indicator %v, with all %v; want less with less evidence", p.Confidence, f.Confidence)
	}
}

func TestEveryLabelReachable(t *testing.T) {
	c := mustNew(t, nil)
	seen := map[decision.Style]bool{}
	for _, p := range segmenttest.Random(2000, 3) {
		seen[c.Classify(&p).Primary] = true
	}
	for _, s := range append(decision.Styles.Values(), decision.Unknown) {
		if !seen[s] {
			t.Errorf("label %s never assigned over 2000 random profiles", s)
		}
	}
}

func TestConfig(t *testing.T) {
	cfg, err := decision.ParseConfig([]byte(`{"comparisons": 3}`))
	require.NoError(t, err)
	want := decision.Defaults()
	want.Comparisons = 3
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("ParseConfig (-want +got):\n%s", diff)
	}
	// What a CRM stores, it loads back unchanged.
	b, err := json.Marshal(cfg)
	require.NoError(t, err)
	back, err := decision.ParseConfig(b)
	require.NoError(t, err)
	if diff := cmp.Diff(cfg, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}

	for _, bad := range []struct{ json, field string }{
		{`{"combined_min": 1.5}`, "combined_min"},
		{`{"quick_days": -1}`, "quick_days"},
		{`{"impulse": 0.3}`, "impulse"},
	} {
		_, err := decision.ParseConfig([]byte(bad.json))
		if err == nil {
			t.Errorf("%s accepted", bad.json)
			continue
		}
		var fe *segment.FieldError
		if errors.As(err, &fe) && fe.Field != bad.field {
			t.Errorf("%s: error names %q, want %q", bad.json, fe.Field, bad.field)
		}
	}
	if _, err := decision.New(&decision.Config{ImpulseShare: 2}); err == nil {
		t.Error("New accepted an impulse share of 2")
	}
}

func TestExplain(t *testing.T) {
	c := mustNew(t, nil)
	p := buyer(2, func(s *segment.Signals) { s.ComparisonsViewed = segment.Some(4) })
	ex := c.Explain(&p)
	var held []string
	for _, r := range ex.Held() {
		held = append(held, r.Rule)
	}
	if diff := cmp.Diff([]string{"rational.comparisons"}, held); diff != "" {
		t.Errorf("held reasons (-want +got):\n%s", diff)
	}
	if len(ex.Reasons) != 7 {
		t.Errorf("%d reasons, want one per indicator and the combined rule", len(ex.Reasons))
	}
}

// Photo and video views are added as numbers, not as ints: two counts
// that an int holds each need not have a sum it holds (2^31-1 each where
// an int has 32 bits, as segmenttest's "every number huge" has them),
// and a sum that wrapped around was a negative count of views.
func TestViewsPastAnInt(t *testing.T) {
	c := mustNew(t, nil)
	p := buyer(1, func(s *segment.Signals) {
		s.ImageViews, s.VideoViews = segment.Some(math.MaxInt), segment.Some(math.MaxInt)
	})
	ex := c.Explain(&p)
	for _, r := range ex.Reasons {
		if r.Rule != "emotional.imagery" {
			continue
		}
		if want := 2 * float64(math.MaxInt); r.Value != want || !r.Held {
			t.Errorf("imagery: %v views a purchase, held %v; want %v, held", r.Value, r.Held, want)
		}
		if got := c.Classify(&p); got.Primary != decision.Emotional {
			t.Errorf("primary %s, want emotional", got.Primary)
		}
		return
	}
	t.Fatal("no imagery reason")
}

func BenchmarkClassify(b *testing.B) {
	c := mustNew(b, nil)
	p := buyer(5, func(s *segment.Signals) {
		s.ComparisonsViewed, s.LongReads, s.DaysToPurchase = segment.Some(4), segment.Some(4), segment.Some(3.0)
		s.ImpulsePurchases, s.ImageViews = segment.Some(1), segment.Some(12)
	})
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Classify(&p)
	}
}
