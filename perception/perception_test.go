package perception_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

var asOf = segment.MustParseDate("2025-06-30")

// customer is a customer with three purchases and the given signals.
func customer(set func(s *segment.Signals)) segment.Profile {
	p := segment.Profile{ID: "c", AsOf: asOf, Occasions: 3, Orders: 3, Revenue: 150,
		First: asOf.AddDays(-200), Last: asOf.AddDays(-20)}
	if set != nil {
		set(&p.Signals)
	}
	return p
}

// views is a customer whose engagement is video, audio and store visits
// with the given counts; a negative count leaves the format unknown.
func views(video, audio, store int) segment.Profile {
	return customer(func(s *segment.Signals) {
		if video >= 0 {
			s.VideoViews = segment.Some(video)
		}
		if audio >= 0 {
			s.AudioPlays = segment.Some(audio)
		}
		if store >= 0 {
			s.StoreVisits = segment.Some(store)
		}
	})
}

// recipes are the profiles that make each label with the defaults; the
// report to the data generator quotes them.
var recipes = map[perception.Channel]segment.Profile{
	perception.Unknown: customer(func(s *segment.Signals) { s.VideoViews = segment.Some(2) }),
	perception.Visual: customer(func(s *segment.Signals) {
		s.VideoViews, s.ImageViews = segment.Some(12), segment.Some(20)
		s.AudioPlays, s.Calls, s.StoreVisits = segment.Some(0), segment.Some(1), segment.Some(1)
	}),
	perception.Auditory: customer(func(s *segment.Signals) {
		s.AudioPlays, s.Calls, s.Webinars = segment.Some(6), segment.Some(4), segment.Some(2)
		s.VideoViews = segment.Some(3)
	}),
	perception.Kinesthetic: customer(func(s *segment.Signals) {
		s.StoreVisits, s.Samples, s.Tastings = segment.Some(4), segment.Some(3), segment.Some(2)
		s.VideoViews = segment.Some(2)
	}),
}

func mustNew(t testing.TB, cfg *perception.Config) *perception.Classifier {
	t.Helper()
	c, err := perception.New(cfg)
	require.NoError(t, err)
	return c
}

func TestConformance(t *testing.T) {
	var extra []segment.Profile
	for _, p := range recipes {
		extra = append(extra, p)
	}
	segmenttest.TestConformance(t, mustNew(t, nil), perception.Channels, extra...)
}

func TestEveryLabelReachable(t *testing.T) {
	c := mustNew(t, nil)
	for _, want := range append([]perception.Channel{perception.Unknown}, perception.Channels.Values()...) {
		p, ok := recipes[want]
		if !ok {
			t.Errorf("no recipe for %s", want)
			continue
		}
		if got := c.Classify(&p); got.Primary != want {
			t.Errorf("recipe for %s gives %s", want, got.Primary)
		}
	}
	seen := map[perception.Channel]bool{}
	for _, p := range segmenttest.Random(2000, 5) {
		seen[c.Classify(&p).Primary] = true
	}
	for _, l := range append(perception.Channels.Values(), perception.Unknown) {
		if !seen[l] {
			t.Errorf("label %s never primary over 2000 random profiles", l)
		}
	}
}

func TestChannels(t *testing.T) {
	c := mustNew(t, nil)
	type cs = segmenttest.Case[perception.Channel]
	segmenttest.Run(t, c,
		cs{Name: "zero profile", Profile: segment.Profile{}, Want: perception.Unknown, Why: "nothing known"},
		cs{Name: "no format known", Profile: customer(nil), Want: perception.Unknown, Why: "purchases say nothing about perception"},
		cs{Name: "every format known and zero", Want: perception.Unknown,
			Profile: customer(func(s *segment.Signals) {
				z := segment.Some(0)
				s.VideoViews, s.ImageViews, s.AudioPlays, s.Calls, s.Webinars = z, z, z, z, z
				s.StoreVisits, s.Samples, s.Tastings, s.TestDrives, s.MasterClasses = z, z, z, z, z
			}),
			Why: "no engagement at all is no evidence of a channel"},
		cs{Name: "two video views", Profile: recipes[perception.Unknown], Want: perception.Unknown,
			Why: "too thin to call anyone visual"},
		cs{Name: "watches and browses", Profile: recipes[perception.Visual], Want: perception.Visual,
			Why: "video and photos dominate"},
		cs{Name: "listens and calls", Profile: recipes[perception.Auditory], Want: perception.Auditory,
			Why: "audio, calls and webinars dominate"},
		cs{Name: "comes to try", Profile: recipes[perception.Kinesthetic], Want: perception.Kinesthetic,
			Why: "store visits, samples and tastings dominate"},
		cs{Name: "one test drive outweighs a few photos", Want: perception.Kinesthetic,
			Profile: customer(func(s *segment.Signals) {
				s.TestDrives, s.ImageViews = segment.Some(1), segment.Some(4)
			}),
			Why: "five engagements; weighted 5 for the test drive against 2 for the photos"},
		cs{Name: "even spread", Profile: views(10, 10, 10), Want: perception.Unknown,
			Why: "a third each: no channel leads"},
	)
}

// Each threshold on both sides.
func TestThresholdBoundaries(t *testing.T) {
	c := mustNew(t, nil)
	type cs = segmenttest.Case[perception.Channel]
	secondary := func(want perception.Channel) func(segment.Result[perception.Channel]) error {
		return func(r segment.Result[perception.Channel]) error {
			if r.Secondary != want {
				return errorf("secondary %s, want %s", r.Secondary, want)
			}
			return nil
		}
	}
	segmenttest.Run(t, c,
		cs{Name: "min_engagements: 5 views", Profile: views(5, -1, -1), Want: perception.Visual,
			Why: "five engagements reach min_engagements"},
		cs{Name: "min_engagements: 4 views", Profile: views(4, -1, -1), Want: perception.Unknown,
			Why: "four engagements are under min_engagements"},
		cs{Name: "min_share: 0.4", Profile: views(4, 3, 3), Want: perception.Visual,
			Why: "the leader's share is exactly min_share"},
		cs{Name: "min_share: 0.39", Profile: views(39, 31, 30), Want: perception.Unknown,
			Why: "the leader's share is under min_share"},
		cs{Name: "secondary_share: 0.25", Profile: views(15, 5, 0), Want: perception.Visual,
			Check: secondary(perception.Auditory), Why: "the runner-up's share is exactly secondary_share"},
		cs{Name: "secondary_share: 0.24", Profile: views(76, 24, 0), Want: perception.Visual,
			Check: secondary(perception.Unknown), Why: "the runner-up's share is under secondary_share"},
	)
	conf := func(p segment.Profile) float32 { return c.Classify(&p).Confidence }
	// clear_margin: a lead of exactly 0.25 no longer limits confidence, a
	// lead of 0.24 does (40 and 100 engagements: the amount is full both ways).
	if got := conf(views(25, 15, 0)); got != 1 {
		t.Errorf("lead 0.25 with full evidence: confidence %v, want 1", got)
	}
	if got := conf(views(62, 38, 0)); !(got < 1 && got > 0.9) {
		t.Errorf("lead 0.24: confidence %v, want just under 1", got)
	}
	// confident_engagements: 30 engagements are enough, 29 are not.
	if got := conf(views(30, 0, 0)); got != 1 {
		t.Errorf("30 engagements: confidence %v, want 1", got)
	}
	if got, want := conf(views(29, 0, 0)), float32(29.0/30); got != want {
		t.Errorf("29 engagements: confidence %v, want %v", got, want)
	}
}

// The source warns the channel is hard to tell: the confidence must follow
// the amount of evidence, the channels measured and the margin.
func TestConfidenceIsHonest(t *testing.T) {
	c := mustNew(t, nil)
	for _, tc := range []struct {
		name       string
		less, more segment.Profile
	}{
		{"more engagements, same shares", views(6, 0, 0), views(24, 0, 0)},
		{"rivals measured instead of unknown", views(12, -1, -1), views(12, 0, 0)},
		{"a clear lead instead of a close race", views(12, 10, 0), views(20, 2, 0)},
	} {
		l, m := c.Classify(&tc.less), c.Classify(&tc.more)
		if l.Primary != perception.Visual || m.Primary != perception.Visual {
			t.Errorf("%s: primaries %s and %s, want visual", tc.name, l.Primary, m.Primary)
		}
		if !(l.Confidence < m.Confidence) {
			t.Errorf("%s: confidence %v then %v, want it to rise", tc.name, l.Confidence, m.Confidence)
		}
	}
	// Six video views and nothing else: 6/30 × 1/3 × 1.
	p := views(6, -1, -1)
	if got, want := c.Classify(&p).Confidence, float32(6.0/30/3); got != want {
		t.Errorf("six views alone: confidence %v, want %v", got, want)
	}
	// Thin evidence still shows its lean, with no label and no confidence.
	thin := views(2, -1, -1)
	r := c.Classify(&thin)
	if r.Primary != perception.Unknown || r.Confidence != 0 || r.Scores[perception.Visual] != 1 {
		t.Errorf("two views: %s, confidence %v, visual score %v; want unknown, 0, 1", r.Primary, r.Confidence, r.Scores[perception.Visual])
	}
}

// An unknown format is not zero engagement: leaving a rival unmeasured
// never lowers the leader's share; measuring it at zero only raises the
// confidence.
func TestUnknownIsNotEvidenceAgainst(t *testing.T) {
	c := mustNew(t, nil)
	unknown, zero := views(12, -1, -1), views(12, 0, 0)
	u, z := c.Classify(&unknown), c.Classify(&zero)
	if u.Scores != z.Scores {
		t.Errorf("scores with rivals unknown %v, with rivals at zero %v; want equal", u.Scores, z.Scores)
	}
	if !(u.Confidence < z.Confidence) {
		t.Errorf("confidence with rivals unknown %v, at zero %v; want lower when unknown", u.Confidence, z.Confidence)
	}
	// Over generated customers: forgetting one format (making it unknown)
	// never lowers the share of another channel.
	formats := []struct {
		ch    perception.Channel
		clear func(s *segment.Signals)
	}{
		{perception.Visual, func(s *segment.Signals) { s.VideoViews = segment.Opt[int]{} }},
		{perception.Auditory, func(s *segment.Signals) { s.Calls = segment.Opt[int]{} }},
		{perception.Kinesthetic, func(s *segment.Signals) { s.Tastings = segment.Opt[int]{} }},
	}
	for _, p := range segmenttest.Random(300, 9) {
		before := c.Classify(&p)
		for _, f := range formats {
			q := p
			f.clear(&q.Signals)
			after := c.Classify(&q)
			for ch := perception.Visual; ch <= perception.Kinesthetic; ch++ {
				if ch != f.ch && after.Scores[ch] < before.Scores[ch] {
					t.Errorf("%s: forgetting a %s format lowered %s from %v to %v", p.ID, f.ch, ch, before.Scores[ch], after.Scores[ch])
				}
			}
		}
	}
}

func TestExplainEncodesHostileProfiles(t *testing.T) {
	c := mustNew(t, nil)
	for _, p := range segmenttest.Extremes() {
		if _, err := json.Marshal(c.Explain(&p)); err != nil {
			t.Errorf("profile %q: %v", p.ID, err)
		}
	}
	neg := customer(func(s *segment.Signals) { s.VideoViews, s.AudioPlays = segment.Some(-50), segment.Some(6) })
	r := c.Classify(&neg)
	if r.Primary != perception.Auditory || r.Scores[perception.Visual] != 0 {
		t.Errorf("a negative count must be unknown, not negative engagement: %s, visual %v", r.Primary, r.Scores[perception.Visual])
	}
}

func TestClassifyDoesNotAllocate(t *testing.T) {
	c := mustNew(t, nil)
	recipe := recipes[perception.Kinesthetic]
	allocs := testing.AllocsPerRun(200, func() {
		p := recipe
		_ = c.Classify(&p)
	})
	if allocs != 0 {
		t.Errorf("Classify allocates %v times per call", allocs)
	}
}

func BenchmarkClassify(b *testing.B) {
	c := mustNew(b, nil)
	p := customer(func(s *segment.Signals) {
		s.VideoViews, s.ImageViews, s.AudioPlays, s.Calls, s.Webinars = segment.Some(8), segment.Some(30), segment.Some(2), segment.Some(3), segment.Some(1)
		s.StoreVisits, s.Samples, s.Tastings = segment.Some(4), segment.Some(1), segment.Some(0)
	})
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Classify(&p)
	}
}
