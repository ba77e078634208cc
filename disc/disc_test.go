package disc_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

var asOf = segment.MustParseDate("2025-06-30")

// prospect is a customer with no purchase and the given signals.
func prospect(set func(s *segment.Signals)) segment.Profile {
	p := segment.Profile{ID: "prospect", AsOf: asOf}
	set(&p.Signals)
	return p
}

// buyer is a customer with n purchase occasions, the first tenure days
// before asOf and the last 10 days before (the same day when n is 1);
// set fills in the rest.
func buyer(n, tenure int, set func(p *segment.Profile)) segment.Profile {
	p := segment.Profile{ID: "buyer", AsOf: asOf, Occasions: n, Orders: n, Revenue: float64(40 * n)}
	if n > 0 {
		p.First, p.Last = asOf.AddDays(-tenure), asOf.AddDays(-10)
		if n == 1 {
			p.Last = p.First
		}
	}
	set(&p)
	return p
}

func mustNew(t testing.TB, cfg *disc.Config) *disc.Classifier {
	t.Helper()
	c, err := disc.New(cfg)
	require.NoError(t, err)
	return c
}

func TestConformance(t *testing.T) {
	segmenttest.TestConformance(t, mustNew(t, nil), disc.Styles, recipes()...)
	strict := disc.Defaults()
	strict.MinScore, strict.QuickDays, strict.DeliberateDays = 1, 0.01, 3650
	segmenttest.TestConformance(t, mustNew(t, &strict), disc.Styles, recipes()...)
}

// recipes are the profiles that make each style with the defaults; the
// package's report to the sample-data generator describes them in words.
func recipes() []segment.Profile {
	return []segment.Profile{
		buyer(4, 300, func(p *segment.Profile) {
			p.ID = "dominant"
			p.NewProducts, p.PremiumBuys = segment.Some(2), segment.Some(2)
			p.Signals.DaysToPurchase = segment.Some(1.0)
		}),
		buyer(5, 400, func(p *segment.Profile) {
			p.ID = "influential"
			p.Signals.SocialPosts, p.Signals.Referrals, p.Signals.PositiveReviews = segment.Some(3), segment.Some(1), segment.Some(2)
		}),
		buyer(6, 730, func(p *segment.Profile) {
			p.ID = "steady"
			p.Signals.LoyaltyMember, p.Signals.Complaints = segment.Some(true), segment.Some(0)
		}),
		buyer(2, 200, func(p *segment.Profile) {
			p.ID = "conscientious"
			p.Signals.ComparisonsViewed, p.Signals.LongReads = segment.Some(4), segment.Some(2)
			p.Signals.DaysToPurchase, p.Signals.Inquiries = segment.Some(10.0), segment.Some(3)
		}),
		buyer(1, 400, func(p *segment.Profile) { p.ID = "unknown" }),
	}
}

func TestStyles(t *testing.T) {
	c := mustNew(t, nil)
	r := recipes()
	segmenttest.Run(t, c,
		segmenttest.Case[disc.Style]{Name: "dominant recipe", Profile: r[0], Want: disc.Dominant,
			Why: "half the purchases new and premium, decides within a day: every D indicator is full"},
		segmenttest.Case[disc.Style]{Name: "influential recipe", Profile: r[1], Want: disc.Influential,
			Why: "posts, refers and reviews at the thresholds; tenure and repeat buying give S only 0.64"},
		segmenttest.Case[disc.Style]{Name: "steady recipe", Profile: r[2], Want: disc.Steady,
			Why: "six purchases over two years, in the loyalty programme, no complaints"},
		segmenttest.Case[disc.Style]{Name: "conscientious recipe", Profile: r[3], Want: disc.Conscientious,
			Why: "three comparisons and spec sheets per purchase, ten days to decide, three questions"},
		segmenttest.Case[disc.Style]{Name: "one-time buyer", Profile: r[4], Want: disc.Unknown,
			Why: "one purchase is repeat score 1/6, under min_score; nothing else is known"},
		segmenttest.Case[disc.Style]{Name: "nothing known", Profile: segment.Profile{AsOf: asOf}, Want: disc.Unknown,
			Why: "unknown signals are no evidence either way"},
		segmenttest.Case[disc.Style]{Name: "known and all zero", Want: disc.Unknown,
			Profile: prospect(func(s *segment.Signals) {
				s.SocialPosts, s.Referrals, s.Inquiries, s.ComparisonsViewed = segment.Some(0), segment.Some(0), segment.Some(0), segment.Some(0)
			}),
			Why:   "known zeros are evidence, but for no style",
			Check: confidence(0, 0)},
		segmenttest.Case[disc.Style]{Name: "influential and steady tie", Want: disc.Influential,
			Profile: buyer(6, 730, func(p *segment.Profile) {
				p.Signals.SocialPosts, p.Signals.LoyaltyMember = segment.Some(3), segment.Some(true)
			}),
			Why:   "both score 1; I comes before S in the tie order",
			Check: secondary(disc.Steady)},
		segmenttest.Case[disc.Style]{Name: "conscientious loses a tie to steady", Want: disc.Steady,
			Profile: buyer(6, 730, func(p *segment.Profile) {
				p.Signals.ComparisonsViewed, p.Signals.LoyaltyMember = segment.Some(18), segment.Some(true)
			}),
			Why:   "S and C both score 1; S comes before C",
			Check: secondary(disc.Conscientious)},
		segmenttest.Case[disc.Style]{Name: "prospect without complaints", Want: disc.Unknown,
			Profile: prospect(func(s *segment.Signals) { s.Complaints = segment.Some(0) }),
			Why:     "no purchase, nothing to complain about: no evidence of patience"},
		segmenttest.Case[disc.Style]{Name: "complaining prospect", Want: disc.Unknown,
			Profile: prospect(func(s *segment.Signals) { s.Complaints, s.SocialPosts = segment.Some(4), segment.Some(0) }),
			Why:     "complaints beyond max_complaints count against S even before a purchase",
			Check: func(r segment.Result[disc.Style]) error {
				if r.Scores[disc.Steady] != 0.25 {
					return fmt.Errorf("steady scores %v, want 1/4", r.Scores[disc.Steady])
				}
				return nil
			}},
		segmenttest.Case[disc.Style]{Name: "researching prospect", Want: disc.Conscientious,
			Profile: prospect(func(s *segment.Signals) { s.LongReads = segment.Some(3) }),
			Why:     "a prospect's research so far counts toward the first purchase; comparisons unknown count as none"},
	)
}

func secondary(want disc.Style) func(segment.Result[disc.Style]) error {
	return func(r segment.Result[disc.Style]) error {
		if r.Secondary != want {
			return fmt.Errorf("secondary %s, want %s", r.Secondary, want)
		}
		return nil
	}
}

func confidence(lo, hi float32) func(segment.Result[disc.Style]) error {
	return func(r segment.Result[disc.Style]) error {
		if r.Confidence < lo || r.Confidence > hi {
			return fmt.Errorf("confidence %v, want %v..%v", r.Confidence, lo, hi)
		}
		return nil
	}
}

// side is one side of a threshold: the profile, whether the rule's test
// holds there, and the style the customer gets.
type side struct {
	p    segment.Profile
	held bool
	want disc.Style
}

// edge is a threshold with a profile on each side of it.
type edge struct {
	setting, rule string
	style         disc.Style
	at, beyond    side
}

// Every threshold, on both sides: at the threshold the rule holds, one
// step beyond it does not, and the style's score is lower.
func TestThresholdBoundaries(t *testing.T) {
	withShare := func(n int, flag func(p *segment.Profile) *segment.Opt[int], k int) segment.Profile {
		return buyer(n, 300, func(p *segment.Profile) { *flag(p) = segment.Some(k) })
	}
	newProducts := func(p *segment.Profile) *segment.Opt[int] { return &p.NewProducts }
	premium := func(p *segment.Profile) *segment.Opt[int] { return &p.PremiumBuys }
	days := func(d float64) segment.Profile {
		return prospect(func(s *segment.Signals) { s.DaysToPurchase = segment.Some(d) })
	}
	signal := func(set func(s *segment.Signals, n int), n int) segment.Profile {
		return prospect(func(s *segment.Signals) { set(s, n) })
	}
	social := func(s *segment.Signals, n int) { s.SocialPosts = segment.Some(n) }
	referrals := func(s *segment.Signals, n int) { s.Referrals = segment.Some(n) }
	reviews := func(s *segment.Signals, n int) { s.PositiveReviews = segment.Some(n) }
	calls := func(s *segment.Signals, n int) { s.Calls = segment.Some(n) }
	webinars := func(s *segment.Signals, n int) { s.Webinars = segment.Some(n) }
	complaints := func(s *segment.Signals, n int) { s.Complaints = segment.Some(n) }
	inquiries := func(s *segment.Signals, n int) { s.Inquiries = segment.Some(n) }
	member := func(b bool) segment.Profile {
		return prospect(func(s *segment.Signals) { s.LoyaltyMember = segment.Some(b) })
	}
	nothing := func(p *segment.Profile) {}

	edges := []edge{
		{"quick_days", "dominant.quick", disc.Dominant,
			side{days(2), true, disc.Dominant}, side{days(2.01), false, disc.Dominant}},
		{"new_product_share", "dominant.novelty", disc.Dominant,
			side{withShare(100, newProducts, 50), true, disc.Dominant}, side{withShare(100, newProducts, 49), false, disc.Dominant}},
		{"premium_share", "dominant.premium", disc.Dominant,
			side{withShare(100, premium, 50), true, disc.Dominant}, side{withShare(100, premium, 49), false, disc.Dominant}},
		{"social_posts", "influential.social", disc.Influential,
			side{signal(social, 3), true, disc.Influential}, side{signal(social, 2), false, disc.Influential}},
		{"referrals", "influential.referrals", disc.Influential,
			side{signal(referrals, 1), true, disc.Influential}, side{signal(referrals, 0), false, disc.Unknown}},
		{"positive_reviews", "influential.reviews", disc.Influential,
			side{signal(reviews, 2), true, disc.Influential}, side{signal(reviews, 1), false, disc.Influential}},
		{"calls", "influential.calls", disc.Influential,
			side{signal(calls, 3), true, disc.Influential}, side{signal(calls, 2), false, disc.Influential}},
		{"webinars", "influential.webinars", disc.Influential,
			side{signal(webinars, 2), true, disc.Influential}, side{signal(webinars, 1), false, disc.Influential}},
		{"tenure_days", "steady.tenure", disc.Steady,
			side{buyer(2, 730, nothing), true, disc.Steady}, side{buyer(2, 729, nothing), false, disc.Steady}},
		{"repeat_occasions", "steady.repeat", disc.Steady,
			side{buyer(6, 100, nothing), true, disc.Steady}, side{buyer(5, 100, nothing), false, disc.Steady}},
		{"", "steady.loyalty", disc.Steady, // a flag: no setting, two sides
			side{member(true), true, disc.Steady}, side{member(false), false, disc.Unknown}},
		{"conservative_share", "steady.conservative", disc.Steady,
			side{withShare(100, newProducts, 20), true, disc.Steady}, side{withShare(100, newProducts, 21), false, disc.Steady}},
		{"max_complaints", "steady.patience", disc.Steady,
			side{buyer(1, 0, func(p *segment.Profile) { complaints(&p.Signals, 1) }), true, disc.Steady},
			side{buyer(1, 0, func(p *segment.Profile) { complaints(&p.Signals, 2) }), false, disc.Steady}},
		{"research_per_purchase", "conscientious.research", disc.Conscientious,
			side{buyer(10, 100, func(p *segment.Profile) {
				p.Signals.ComparisonsViewed, p.Signals.LongReads = segment.Some(20), segment.Some(10)
			}), true, disc.Conscientious},
			side{buyer(10, 100, func(p *segment.Profile) {
				p.Signals.ComparisonsViewed, p.Signals.LongReads = segment.Some(20), segment.Some(9)
			}), false, disc.Conscientious}},
		{"deliberate_days", "conscientious.deliberation", disc.Conscientious,
			side{days(7), true, disc.Conscientious}, side{days(6.99), false, disc.Conscientious}},
		{"inquiries", "conscientious.questions", disc.Conscientious,
			side{signal(inquiries, 3), true, disc.Conscientious}, side{signal(inquiries, 2), false, disc.Conscientious}},
	}
	c := mustNew(t, nil)
	var cases []segmenttest.Case[disc.Style]
	for _, e := range edges {
		beyondScore := c.Classify(&e.beyond.p).Scores[e.style]
		for _, s := range []struct {
			name string
			side side
		}{{"at", e.at}, {"beyond", e.beyond}} {
			p := s.side.p
			cases = append(cases, segmenttest.Case[disc.Style]{
				Name: e.rule + "/" + s.name, Profile: p, Want: s.side.want,
				Why: fmt.Sprintf("%s: the rule holds at the threshold and not one step beyond", e.rule),
				Check: func(r segment.Result[disc.Style]) error {
					got, ok := reason(c.Explain(&p), e.rule)
					if !ok {
						return fmt.Errorf("no reason %s", e.rule)
					}
					if got.Setting != e.setting || got.Held != s.side.held {
						return fmt.Errorf("reason %+v; want setting %s held %v", got, e.setting, s.side.held)
					}
					if s.name == "at" && !(r.Scores[e.style] > beyondScore) {
						return fmt.Errorf("%s scores %v at the threshold, %v beyond; want more at it", e.style, r.Scores[e.style], beyondScore)
					}
					return nil
				},
			})
		}
	}
	segmenttest.Run(t, c, cases...)
}

func reason(ex segment.Explanation[disc.Style], rule string) (segment.Reason, bool) {
	for _, r := range ex.Reasons {
		if r.Rule == rule {
			return r, true
		}
	}
	return segment.Reason{}, false
}

// An indicator alone at its threshold scores its style 1; min_score
// decides, on both sides, whether weak evidence names a style.
func TestMinScoreBoundary(t *testing.T) {
	c := mustNew(t, &disc.Config{SocialPosts: 10})
	posts := func(n int) segment.Profile {
		return prospect(func(s *segment.Signals) { s.SocialPosts = segment.Some(n) })
	}
	segmenttest.Run(t, c,
		segmenttest.Case[disc.Style]{Name: "at min_score", Profile: posts(3), Want: disc.Influential,
			Why: "3 of 10 posts scores 0.3, exactly min_score"},
		segmenttest.Case[disc.Style]{Name: "below min_score", Profile: posts(2), Want: disc.Unknown,
			Why: "2 of 10 posts scores 0.2: too weak to name a style", Check: func(r segment.Result[disc.Style]) error {
				if r.Scores[disc.Influential] != 0.2 || r.Secondary != disc.Unknown || r.Confidence != 0 {
					return fmt.Errorf("got %+v; want the score kept, no secondary, no confidence", r)
				}
				return nil
			}},
		segmenttest.Case[disc.Style]{Name: "full", Profile: posts(10), Want: disc.Influential,
			Check: func(r segment.Result[disc.Style]) error {
				if r.Scores[disc.Influential] != 1 {
					return fmt.Errorf("score %v, want 1", r.Scores[disc.Influential])
				}
				return nil
			}},
	)
}

// The defaults must let every style occur, and not only in hand-made
// profiles: over varied generated profiles each one turns up.
func TestEveryLabelReachable(t *testing.T) {
	c := mustNew(t, nil)
	seen := map[disc.Style]int{}
	for _, p := range segmenttest.Random(3000, 11) {
		seen[c.Classify(&p).Primary]++
	}
	for _, p := range recipes() {
		if got, want := c.Classify(&p).Primary.String(), p.ID; got != want {
			t.Errorf("recipe %s gives %s", want, got)
		}
	}
	// Random profiles know a lot about everyone, so Unknown comes from the
	// recipes (checked above) and the table in TestStyles.
	for _, s := range disc.Styles.Values() {
		if seen[s] == 0 {
			t.Errorf("style %s never assigned over 3000 random profiles (%v)", s, seen)
		}
	}
}

// Unknown signals are never evidence against a style: forgetting a signal
// that scored 0 for a style can only raise that style's score, and lowers
// the confidence only through the share of evidence known.
func TestUnknownIsNotEvidenceAgainst(t *testing.T) {
	c := mustNew(t, nil)
	known := prospect(func(s *segment.Signals) {
		s.SocialPosts, s.Referrals, s.Calls = segment.Some(3), segment.Some(0), segment.Some(0)
	})
	forgotten := prospect(func(s *segment.Signals) { s.SocialPosts = segment.Some(3) })
	k, f := c.Classify(&known), c.Classify(&forgotten)
	if !(f.Scores[disc.Influential] > k.Scores[disc.Influential]) {
		t.Errorf("influential with zeros known %v, with them unknown %v; want unknown to score higher", k.Scores[disc.Influential], f.Scores[disc.Influential])
	}
	if f.Primary != disc.Influential || f.Scores[disc.Influential] != 1 {
		t.Errorf("one full indicator and nothing else known: got %+v", f)
	}
}

func TestConfidenceFallsWithMissingEvidence(t *testing.T) {
	c := mustNew(t, nil)
	full := recipes()[0]
	full.Signals.SocialPosts, full.Signals.Referrals, full.Signals.PositiveReviews = segment.Some(0), segment.Some(0), segment.Some(0)
	full.Signals.Calls, full.Signals.Webinars, full.Signals.LoyaltyMember = segment.Some(0), segment.Some(0), segment.Some(false)
	full.Signals.Complaints, full.Signals.ComparisonsViewed, full.Signals.Inquiries = segment.Some(0), segment.Some(0), segment.Some(0)
	part := recipes()[0]
	f, p := c.Classify(&full), c.Classify(&part)
	if f.Primary != disc.Dominant || p.Primary != disc.Dominant {
		t.Fatalf("both should be dominant: %v %v", f.Primary, p.Primary)
	}
	if !(p.Confidence < f.Confidence) {
		t.Errorf("confidence with part of the evidence %v, with all %v; want less", p.Confidence, f.Confidence)
	}
	if f.Confidence != 1 {
		t.Errorf("every indicator known and D full: confidence %v, want 1", f.Confidence)
	}
}

func TestExplain(t *testing.T) {
	c := mustNew(t, nil)
	p := recipes()[3]
	ex := c.Explain(&p)
	if diff := cmp.Diff(c.Classify(&p), ex.Result); diff != "" {
		t.Errorf("Explain and Classify disagree (-want +got):\n%s", diff)
	}
	var held []string
	for _, r := range ex.Held() {
		held = append(held, r.Rule)
	}
	// Complaints are unknown, so steady.patience must not hold although
	// "no complaints known" would pass a careless <= test.
	want := []string{"conscientious.research", "conscientious.deliberation", "conscientious.questions"}
	if diff := cmp.Diff(want, held); diff != "" {
		t.Errorf("held reasons (-want +got):\n%s", diff)
	}
	if len(ex.Reasons) != 16 {
		t.Errorf("%d reasons, want one per indicator (16)", len(ex.Reasons))
	}
	for _, r := range ex.Reasons {
		if _, ok := segment.LookupField(r.Field); !ok {
			t.Errorf("reason %s names field %q, which segment does not know", r.Rule, r.Field)
		}
	}
	first := ex.Reasons[0].Text(segment.Russian)
	if want := "dominant: дней от первого просмотра до покупки = 10 <= 2 (quick_days) — нет"; first != want {
		t.Errorf("first reason in Russian:\n got %s\nwant %s", first, want)
	}
}

func BenchmarkClassify(b *testing.B) {
	c := mustNew(b, nil)
	p := recipes()[0]
	p.Signals.SocialPosts, p.Signals.ComparisonsViewed, p.Signals.LoyaltyMember = segment.Some(1), segment.Some(4), segment.Some(true)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Classify(&p)
	}
}

func TestClassifyDoesNotAllocate(t *testing.T) {
	c := mustNew(t, nil)
	p := recipes()[0]
	if n := testing.AllocsPerRun(100, func() { _ = c.Classify(&p) }); n != 0 {
		t.Errorf("Classify allocates %v times per call", n)
	}
}
