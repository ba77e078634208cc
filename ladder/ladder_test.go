package ladder_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

var asOf = segment.MustParseDate("2025-06-30")

// buyer is a customer with n purchases, the first firstAgo and the last
// lastAgo days before asOf, and the given signals.
func buyer(n, firstAgo, lastAgo int, set func(s *segment.Signals)) segment.Profile {
	p := segment.Profile{ID: fmt.Sprintf("buyer-%d", n), AsOf: asOf, Occasions: n, Orders: n, Revenue: float64(40 * n),
		First: asOf.AddDays(-firstAgo), Last: asOf.AddDays(-lastAgo)}
	if set != nil {
		set(&p.Signals)
	}
	return p
}

// prospect is a customer with no purchase and the given signals.
func prospect(set func(s *segment.Signals)) segment.Profile {
	p := segment.Profile{ID: "prospect", AsOf: asOf}
	if set != nil {
		set(&p.Signals)
	}
	return p
}

func mustNew(t testing.TB, cfg *ladder.Config) *ladder.Classifier {
	t.Helper()
	c, err := ladder.New(cfg)
	require.NoError(t, err)
	return c
}

// recipes are the simplest profiles that reach each label with the
// defaults; the report to the sample-data generator quotes them.
var recipes = map[ladder.Rung]segment.Profile{
	ladder.Unknown:     prospect(nil),
	ladder.Potential:   prospect(func(s *segment.Signals) { s.Inquiries = segment.Some(1) }),
	ladder.NewCustomer: buyer(1, 20, 20, nil),
	ladder.Regular:     buyer(3, 200, 20, nil),
	ladder.Advocate:    buyer(3, 200, 20, func(s *segment.Signals) { s.Referrals = segment.Some(1) }),
	ladder.Partner:     buyer(3, 200, 20, func(s *segment.Signals) { s.Ambassador = segment.Some(true) }),
	// 3 purchases over 200 days: mean gap 100, so the bound is
	// max(180, 2 x 100) = 200 days; the last purchase 201 days ago.
	ladder.Lapsed: buyer(3, 401, 201, nil),
}

func TestConformance(t *testing.T) {
	extra := recipeList()
	segmenttest.TestConformance(t, mustNew(t, nil), ladder.Rungs, extra...)
	// A configuration at the edges of its ranges keeps the laws too.
	edge := ladder.Config{InterestSiteVisits: 100000, RegularOccasions: 2, LapsedDays: 1, LapsedMaxDays: 1, LapsedGapFactor: 100}
	segmenttest.TestConformance(t, mustNew(t, &edge), ladder.Rungs, extra...)
}

func TestEveryLabelReachable(t *testing.T) {
	c := mustNew(t, nil)
	for _, want := range append([]ladder.Rung{ladder.Unknown}, ladder.Rungs.Values()...) {
		p, ok := recipes[want]
		if !ok {
			t.Errorf("no recipe for %s", want)
			continue
		}
		if got := c.Classify(&p).Primary; got != want {
			t.Errorf("recipe for %s gives %s", want, got)
		}
	}
	// And generated data reaches every label too.
	seen := map[ladder.Rung]int{}
	for _, p := range segmenttest.Random(2000, 11) {
		seen[c.Classify(&p).Primary]++
	}
	for _, r := range append([]ladder.Rung{ladder.Unknown}, ladder.Rungs.Values()...) {
		if seen[r] == 0 {
			t.Errorf("label %s never assigned over 2000 random profiles (%v)", r, seen)
		}
	}
}

// secondary checks the secondary label.
func secondary(want ladder.Rung) func(segment.Result[ladder.Rung]) error {
	return func(r segment.Result[ladder.Rung]) error {
		if r.Secondary != want {
			return fmt.Errorf("secondary %s, want %s", r.Secondary, want)
		}
		return nil
	}
}

// score checks the score of one label.
func score(l ladder.Rung, want float32) func(segment.Result[ladder.Rung]) error {
	return func(r segment.Result[ladder.Rung]) error {
		if got := r.Scores[l]; fmt.Sprintf("%.4f", got) != fmt.Sprintf("%.4f", want) {
			return fmt.Errorf("score of %s %v, want %v", l, got, want)
		}
		return nil
	}
}

// Every threshold with a case on each side of it, at the defaults.
func TestThresholds(t *testing.T) {
	c := mustNew(t, nil)
	type C = segmenttest.Case[ladder.Rung]
	set := func(f func(s *segment.Signals)) func(s *segment.Signals) { return f }
	regular := func(f func(s *segment.Signals)) segment.Profile { return buyer(3, 200, 20, f) }
	segmenttest.Run(t, c,
		// Prospects: any interest makes Potential; the thresholds set the strength.
		C{Name: "no purchase, nothing known", Profile: prospect(nil), Want: ladder.Unknown,
			Why: "nothing to go on"},
		C{Name: "no purchase, every interest signal zero", Want: ladder.Unknown,
			Profile: prospect(set(func(s *segment.Signals) {
				s.Inquiries, s.SiteVisits, s.Subscribed, s.StoreVisits = segment.Some(0), segment.Some(0), segment.Some(false), segment.Some(0)
			})),
			Why: "known to show no interest: still nothing to place them by"},
		C{Name: "interest_inquiries: 1 inquiry", Want: ladder.Potential, Check: score(ladder.Potential, 1),
			Profile: prospect(set(func(s *segment.Signals) { s.Inquiries = segment.Some(1) })),
			Why:     "one question is a clear sign of interest"},
		C{Name: "interest_site_visits: 2 visits", Want: ladder.Potential, Check: score(ladder.Potential, 2.0/3),
			Profile: prospect(set(func(s *segment.Signals) { s.SiteVisits = segment.Some(2) })),
			Why:     "below the threshold of 3: Potential, with a weaker score"},
		C{Name: "interest_site_visits: 3 visits", Want: ladder.Potential, Check: score(ladder.Potential, 1),
			Profile: prospect(set(func(s *segment.Signals) { s.SiteVisits = segment.Some(3) })),
			Why:     "at the threshold: full interest"},
		C{Name: "subscribed", Want: ladder.Potential, Check: score(ladder.Potential, 1),
			Profile: prospect(set(func(s *segment.Signals) { s.Subscribed = segment.Some(true) })),
			Why:     "a subscription is interest"},
		C{Name: "interest_store_visits: 1 visit", Want: ladder.Potential, Check: score(ladder.Potential, 1),
			Profile: prospect(set(func(s *segment.Signals) { s.StoreVisits = segment.Some(1) })),
			Why:     "came to the store without buying"},

		// New and Regular: regular_occasions = 3.
		C{Name: "one purchase", Profile: buyer(1, 20, 20, nil), Want: ladder.NewCustomer,
			Check: score(ladder.Regular, 1.0/3), Why: "a first purchase, a third of the way to Regular"},
		C{Name: "regular_occasions: 2 purchases", Profile: buyer(2, 100, 20, nil), Want: ladder.NewCustomer,
			Check: score(ladder.Regular, 2.0/3), Why: "one purchase short of Regular"},
		C{Name: "regular_occasions: 3 purchases", Profile: buyer(3, 100, 20, nil), Want: ladder.Regular,
			Why: "the threshold: a habit forms"},

		// Advocate: any advocacy indicator at its threshold, on top of Regular.
		C{Name: "advocate_referrals: none", Want: ladder.Regular,
			Profile: regular(set(func(s *segment.Signals) { s.Referrals = segment.Some(0) })), Why: "no referral yet"},
		C{Name: "advocate_referrals: 1", Want: ladder.Advocate,
			Profile: regular(set(func(s *segment.Signals) { s.Referrals = segment.Some(1) })), Why: "brought a customer"},
		C{Name: "advocate_positive_reviews: 1", Want: ladder.Regular, Check: score(ladder.Advocate, 0.5),
			Profile: regular(set(func(s *segment.Signals) { s.PositiveReviews = segment.Some(1) })), Why: "half way to 2 reviews"},
		C{Name: "advocate_positive_reviews: 2", Want: ladder.Advocate,
			Profile: regular(set(func(s *segment.Signals) { s.PositiveReviews = segment.Some(2) })), Why: "two positive reviews"},
		C{Name: "advocate_social_posts: 1", Want: ladder.Regular,
			Profile: regular(set(func(s *segment.Signals) { s.SocialPosts = segment.Some(1) })), Why: "below 2 posts"},
		C{Name: "advocate_social_posts: 2", Want: ladder.Advocate,
			Profile: regular(set(func(s *segment.Signals) { s.SocialPosts = segment.Some(2) })), Why: "two posts about the brand"},
		C{Name: "recommends but not yet regular", Want: ladder.NewCustomer, Check: score(ladder.Advocate, 2.0/3),
			Profile: buyer(2, 100, 20, set(func(s *segment.Signals) { s.Referrals = segment.Some(5) })),
			Why:     "Advocate is a Regular who recommends; with 2 of 3 purchases Advocate is two thirds attained"},

		// Partner: involvement on top of Regular.
		C{Name: "partner_co_creation: none", Want: ladder.Advocate,
			Profile: regular(set(func(s *segment.Signals) { s.CoCreation, s.Referrals = segment.Some(0), segment.Some(1) })),
			Why:     "recommends, takes no part yet"},
		C{Name: "partner_co_creation: 1", Want: ladder.Partner,
			Profile: regular(set(func(s *segment.Signals) { s.CoCreation, s.Referrals = segment.Some(1), segment.Some(1) })),
			Why:     "took part in a co-creation session"},
		C{Name: "ambassador: no", Want: ladder.Regular,
			Profile: regular(set(func(s *segment.Signals) { s.Ambassador = segment.Some(false) })), Why: "not in the programme"},
		C{Name: "ambassador: yes, no advocacy known", Want: ladder.Partner, Check: score(ladder.Advocate, 0),
			Profile: regular(set(func(s *segment.Signals) { s.Ambassador = segment.Some(true) })),
			Why:     "Partner does not need the Advocate rung first"},
		C{Name: "ambassador but not yet regular", Want: ladder.NewCustomer,
			Profile: buyer(2, 100, 20, set(func(s *segment.Signals) { s.Ambassador = segment.Some(true) })),
			Why:     "a partner is a loyal buyer first"},

		// Lapsed: recency > min(365, max(180, 2 x mean gap)).
		C{Name: "lapsed_days: 180 days", Profile: buyer(1, 180, 180, nil), Want: ladder.NewCustomer,
			Check: score(ladder.Lapsed, 1), Why: "at the bound: still active, the allowance used up"},
		C{Name: "lapsed_days: 181 days", Profile: buyer(1, 181, 181, nil), Want: ladder.Lapsed,
			Check: secondary(ladder.NewCustomer), Why: "one day past the bound; the rung reached is kept"},
		C{Name: "lapsed_days bound for a fast buyer", Profile: buyer(5, 221, 181, nil), Want: ladder.Lapsed,
			Check: secondary(ladder.Regular), Why: "mean gap 10 days: 2x10 is under 180, so 180 applies"},
		C{Name: "lapsed_gap_factor: 240 days, gap 120", Profile: buyer(3, 480, 240, nil), Want: ladder.Regular,
			Why: "buys every 120 days: 240 days of silence is within 2 x 120"},
		C{Name: "lapsed_gap_factor: 241 days, gap 120", Profile: buyer(3, 481, 241, nil), Want: ladder.Lapsed,
			Check: secondary(ladder.Regular), Why: "past twice their own rhythm"},
		C{Name: "lapsed_max_days: 365 days, gap 300", Profile: buyer(3, 965, 365, nil), Want: ladder.Regular,
			Why: "2 x 300 = 600 is capped at 365; 365 is within it"},
		C{Name: "lapsed_max_days: 366 days, gap 300", Profile: buyer(3, 966, 366, nil), Want: ladder.Lapsed,
			Check: secondary(ladder.Regular), Why: "no rhythm excuses more than 365 days"},
		C{Name: "lapsed partner", Want: ladder.Lapsed, Check: secondary(ladder.Partner),
			Profile: buyer(4, 700, 400, set(func(s *segment.Signals) { s.Ambassador = segment.Some(true) })),
			Why:     "an ambassador who stopped buying is visibly inactive, and still known as a partner"},
		C{Name: "purchases without dates", Want: ladder.Regular,
			Profile: segment.Profile{AsOf: asOf, Occasions: 4, Orders: 4, Revenue: 100},
			Why:     "recency unknown is no evidence of lapsing"},
	)
}

// The full result for one profile: attainment scores, the lapse warning,
// and a confidence that counts what is unknown.
func TestResult(t *testing.T) {
	c := mustNew(t, nil)
	// 3 purchases over 270 days (gap 135, so the bound is 2 x 135 = 270),
	// the last 30 days ago; one positive review of the 2 needed; posts
	// unknown.
	p := buyer(3, 300, 30, func(s *segment.Signals) {
		s.Referrals, s.PositiveReviews = segment.Some(0), segment.Some(1)
		s.CoCreation, s.Ambassador = segment.Some(0), segment.Some(false)
	})
	want := segment.Result[ladder.Rung]{Primary: ladder.Regular, Confidence: 6.0 / 7}
	want.Scores[ladder.Potential] = 1
	want.Scores[ladder.NewCustomer] = 1
	want.Scores[ladder.Regular] = 1
	want.Scores[ladder.Advocate] = 0.5
	want.Scores[ladder.Lapsed] = float32(30.0 / 270)
	if diff := cmp.Diff(want, c.Classify(&p)); diff != "" {
		t.Errorf("Classify (-want +got):\n%s", diff)
	}
}

func TestLapsedScores(t *testing.T) {
	c := mustNew(t, nil)
	// A regular three weeks past the 180-day bound: Lapsed at 1, the rung
	// reached faded to 180/201.
	p := buyer(5, 240, 201, nil)
	want := segment.Result[ladder.Rung]{Primary: ladder.Lapsed, Secondary: ladder.Regular, Confidence: 1}
	fade := float32(180.0 / 201)
	want.Scores[ladder.Potential], want.Scores[ladder.NewCustomer], want.Scores[ladder.Regular] = fade, fade, fade
	want.Scores[ladder.Lapsed] = 1
	if diff := cmp.Diff(want, c.Classify(&p)); diff != "" {
		t.Errorf("Classify (-want +got):\n%s", diff)
	}
	// The longer the silence, the fainter the rung.
	later := buyer(5, 500, 360, nil)
	if a, b := c.Classify(&p).Scores[ladder.Regular], c.Classify(&later).Scores[ladder.Regular]; !(b < a) {
		t.Errorf("regular score after 360 days %v, after 201 days %v; want it lower", b, a)
	}
}

func TestConfidenceFallsWithMissingEvidence(t *testing.T) {
	c := mustNew(t, nil)
	allKnown := func(s *segment.Signals) {
		s.Referrals, s.PositiveReviews, s.SocialPosts = segment.Some(0), segment.Some(0), segment.Some(0)
		s.CoCreation, s.Ambassador = segment.Some(0), segment.Some(false)
	}
	for _, tc := range []struct {
		name       string
		more, less segment.Profile
	}{
		{"regular: advocacy and involvement unknown", buyer(3, 200, 20, allKnown), buyer(3, 200, 20, nil)},
		{"regular: one advocacy signal unknown", buyer(3, 200, 20, allKnown),
			buyer(3, 200, 20, func(s *segment.Signals) { allKnown(s); s.SocialPosts = segment.Opt[int]{} })},
		{"advocate: involvement unknown",
			buyer(3, 200, 20, func(s *segment.Signals) { allKnown(s); s.Referrals = segment.Some(1) }),
			buyer(3, 200, 20, func(s *segment.Signals) { s.Referrals = segment.Some(1) })},
		{"new: recency unknown", buyer(1, 20, 20, nil), segment.Profile{AsOf: asOf, Occasions: 1, Orders: 1, Revenue: 10}},
		{"potential: weaker interest", prospect(func(s *segment.Signals) { s.SiteVisits = segment.Some(3) }),
			prospect(func(s *segment.Signals) { s.SiteVisits = segment.Some(1) })},
	} {
		more, less := c.Classify(&tc.more), c.Classify(&tc.less)
		if more.Primary != less.Primary {
			t.Errorf("%s: the rungs differ (%s, %s); the test needs the same rung", tc.name, more.Primary, less.Primary)
		}
		if !(less.Confidence < more.Confidence) {
			t.Errorf("%s: confidence %v with less evidence, %v with more; want lower", tc.name, less.Confidence, more.Confidence)
		}
	}
	// What cannot change the rung does not lower confidence: a New
	// customer's advocacy is irrelevant until they are Regular.
	known := buyer(1, 20, 20, allKnown)
	unknown := buyer(1, 20, 20, nil)
	if a, b := c.Classify(&known).Confidence, c.Classify(&unknown).Confidence; a != 1 || b != 1 {
		t.Errorf("new customer confidence %v (signals known) and %v (unknown); want 1 and 1", a, b)
	}
}

// The laws a later property test relies on: more purchases never lower
// the rung reached; more referrals, reviews, posts or co-creation never
// lower the primary rung, and do not change whether a customer has lapsed.
func TestMonotone(t *testing.T) {
	c := mustNew(t, nil)
	// more adds d to n, or as much as an int holds: "every number huge"
	// has counts of 2^31-1, which is the most an int of 32 bits holds.
	more := func(n, d int) int { return min(n, math.MaxInt-d) + d }
	add := func(o segment.Opt[int], d int) segment.Opt[int] { return segment.Some(more(o.Or(0), d)) }
	grow := map[string]func(p *segment.Profile, d int){
		"referrals":        func(p *segment.Profile, d int) { p.Signals.Referrals = add(p.Signals.Referrals, d) },
		"positive_reviews": func(p *segment.Profile, d int) { p.Signals.PositiveReviews = add(p.Signals.PositiveReviews, d) },
		"social_posts":     func(p *segment.Profile, d int) { p.Signals.SocialPosts = add(p.Signals.SocialPosts, d) },
		"co_creation":      func(p *segment.Profile, d int) { p.Signals.CoCreation = add(p.Signals.CoCreation, d) },
	}
	for _, p := range append(segmenttest.Random(1500, 5), segmenttest.Extremes()...) {
		before := c.Classify(&p)
		for _, d := range []int{1, 2, 7, 100} {
			q := p
			q.Occasions = more(q.Occasions, d)
			if after := c.Classify(&q); ladder.Reached(after) < ladder.Reached(before) {
				t.Fatalf("%s: %d more purchases lower the rung reached from %s to %s", p.ID, d, ladder.Reached(before), ladder.Reached(after))
			}
			for name, g := range grow {
				q := p
				g(&q, d)
				after := c.Classify(&q)
				if after.Primary < before.Primary || ladder.Reached(after) < ladder.Reached(before) {
					t.Fatalf("%s: %d more %s lower the rung from %s/%s to %s/%s", p.ID, d, name,
						before.Primary, ladder.Reached(before), after.Primary, ladder.Reached(after))
				}
				if (after.Primary == ladder.Lapsed) != (before.Primary == ladder.Lapsed) {
					t.Fatalf("%s: %d more %s change lapsing: %s to %s", p.ID, d, name, before.Primary, after.Primary)
				}
			}
		}
	}
}

func TestExplain(t *testing.T) {
	c := mustNew(t, nil)
	p := buyer(3, 200, 20, func(s *segment.Signals) { s.Referrals, s.Ambassador = segment.Some(2), segment.Some(false) })
	ex := c.Explain(&p)
	if diff := cmp.Diff(c.Classify(&p), ex.Result); diff != "" {
		t.Errorf("Explain disagrees with Classify (-classify +explain):\n%s", diff)
	}
	var rules, held []string
	for _, r := range ex.Reasons {
		rules = append(rules, r.Rule)
		if r.Held {
			held = append(held, r.Rule)
		}
	}
	wantRules := []string{"new", "regular", "advocate.referrals", "advocate.positive_reviews", "advocate.social_posts",
		"partner.co_creation", "partner.ambassador", "lapsed.rhythm", "lapsed"}
	if diff := cmp.Diff(wantRules, rules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"new", "regular", "advocate.referrals"}, held); diff != "" {
		t.Errorf("held (-want +got):\n%s", diff)
	}
	// The reasons as data: input, value, comparison, threshold and the
	// setting that holds it.
	wantReasons := []string{
		"new[new] occasions=3 >= 1 - true",
		"regular[regular] occasions=3 >= 3 regular_occasions true",
		"advocate.referrals[advocate] referrals=2 >= 1 advocate_referrals true",
		"advocate.positive_reviews[advocate] positive_reviews=? >= 2 advocate_positive_reviews false",
		"advocate.social_posts[advocate] social_posts=? >= 2 advocate_social_posts false",
		"partner.co_creation[partner] co_creation=? >= 1 partner_co_creation false",
		"partner.ambassador[partner] ambassador=0 == 1 - false",
		"lapsed.rhythm[lapsed] mean_gap_days=90 > 90 lapsed_gap_factor false",
		"lapsed[lapsed] recency_days=20 > 180 lapsed_days false",
	}
	if diff := cmp.Diff(wantReasons, briefs(ex.Reasons)); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}

	// A slow buyer: the rhythm sets the bound, and the reason names it.
	slow := buyer(3, 500, 100, nil)
	got := briefs(c.Explain(&slow).Reasons)
	wantTail := []string{
		"lapsed.rhythm[lapsed] mean_gap_days=200 > 90 lapsed_gap_factor true",
		"lapsed[lapsed] recency_days=100 > 365 lapsed_max_days false",
	}
	if diff := cmp.Diff(wantTail, got[len(got)-2:]); diff != "" {
		t.Errorf("slow buyer's activity reasons (-want +got):\n%s", diff)
	}

	pr := prospect(func(s *segment.Signals) { s.SiteVisits = segment.Some(1) })
	var prules []string
	for _, r := range c.Explain(&pr).Reasons {
		prules = append(prules, r.Rule)
	}
	if diff := cmp.Diff([]string{"potential.inquiries", "potential.site_visits", "potential.subscribed", "potential.store_visits"}, prules); diff != "" {
		t.Errorf("prospect rules (-want +got):\n%s", diff)
	}
}

func TestConfig(t *testing.T) {
	cfg, err := ladder.ParseConfig([]byte(`{"regular_occasions": 4, "lapsed_days": 90}`))
	require.NoError(t, err)
	want := ladder.Defaults()
	want.RegularOccasions, want.LapsedDays = 4, 90
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("ParseConfig (-want +got):\n%s", diff)
	}
	// What a CRM stores, it loads back unchanged.
	b, err := json.Marshal(cfg)
	require.NoError(t, err)
	back, err := ladder.ParseConfig(b)
	require.NoError(t, err)
	if diff := cmp.Diff(cfg, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// The settings change the answers.
	c := mustNew(t, &cfg)
	p := buyer(3, 200, 20, nil)
	if got := c.Classify(&p).Primary; got != ladder.NewCustomer {
		t.Errorf("with regular_occasions 4, 3 purchases give %s; want new", got)
	}
	q := buyer(1, 91, 91, nil)
	if got := c.Classify(&q).Primary; got != ladder.Lapsed {
		t.Errorf("with lapsed_days 90, 91 days give %s; want lapsed", got)
	}
}

func TestInvalidConfig(t *testing.T) {
	for _, tc := range []struct{ json, field, value string }{
		{`{"interest_inquiries": -1}`, "interest_inquiries", "-1"},
		{`{"interest_site_visits": 100001}`, "interest_site_visits", "100001"},
		{`{"interest_store_visits": 1001}`, "interest_store_visits", "1001"},
		{`{"regular_occasions": 1}`, "regular_occasions", "1"},
		{`{"advocate_referrals": -2}`, "advocate_referrals", "-2"},
		{`{"advocate_positive_reviews": 5000}`, "advocate_positive_reviews", "5000"},
		{`{"advocate_social_posts": -1}`, "advocate_social_posts", "-1"},
		{`{"partner_co_creation": 1001}`, "partner_co_creation", "1001"},
		{`{"lapsed_days": 4000}`, "lapsed_days", "4000"},
		{`{"lapsed_gap_factor": 0.5}`, "lapsed_gap_factor", "0.5"},
		{`{"lapsed_max_days": -30}`, "lapsed_max_days", "-30"},
		{`{"win_back_days": 9999}`, "win_back_days", "9999"},
		// Ordered thresholds: the floor may not exceed the ceiling.
		{`{"lapsed_days": 400}`, "lapsed_days", "400"},
		{`{"lapsed_days": 200, "lapsed_max_days": 100}`, "lapsed_days", "200"},
		// Wrong types and misspellings are named too.
		{`{"regular_occasions": "3"}`, "regular_occasions", "string"},
		{`{"regular_ocassions": 3}`, "", ""},
	} {
		_, err := ladder.ParseConfig([]byte(tc.json))
		if err == nil {
			t.Errorf("%s accepted", tc.json)
			continue
		}
		var fe *segment.FieldError
		switch {
		case tc.field == "":
			if !errors.As(err, &fe) && err.Error() == "" {
				t.Errorf("%s: empty error", tc.json)
			}
		case !errors.As(err, &fe):
			t.Errorf("%s: error %q is not a FieldError", tc.json, err)
		case fe.Field != tc.field || fe.Value != tc.value:
			t.Errorf("%s: error names %s=%q, want %s=%q (%v)", tc.json, fe.Field, fe.Value, tc.field, tc.value, err)
		}
	}
	_, err := ladder.New(&ladder.Config{LapsedDays: 500, LapsedMaxDays: 400})
	if err == nil || err.Error() != `ladder: ladder config: lapsed_days "500": out of range: must not exceed lapsed_max_days (400)` {
		t.Errorf("New with lapsed_days > lapsed_max_days: %v", err)
	}
	if !errors.Is(err, segment.ErrRange) {
		t.Errorf("the error does not wrap segment.ErrRange: %v", err)
	}
}

func TestRungText(t *testing.T) {
	for _, r := range append([]ladder.Rung{ladder.Unknown}, ladder.Rungs.Values()...) {
		b, err := r.MarshalText()
		require.NoError(t, err)
		var back ladder.Rung
		require.NoError(t, back.UnmarshalText(b))
		if back != r {
			t.Errorf("%s round-trips to %s", r, back)
		}
		var fromTitle ladder.Rung
		if err := fromTitle.UnmarshalText([]byte(r.Title(segment.Russian))); err != nil || fromTitle != r {
			t.Errorf("Russian title %q parses to %s, %v", r.Title(segment.Russian), fromTitle, err)
		}
		g := r.Goal()
		if (r == ladder.Unknown) != (g.ID == "") || (g.ID != "" && (g.Text(segment.English) == "" || g.Text(segment.Russian) == "")) {
			t.Errorf("goal of %s: %+v", r, g)
		}
	}
	if got := ladder.NewCustomer.String(); got != "new" {
		t.Errorf("NewCustomer is %q in text, want %q", got, "new")
	}
	if got := ladder.Rung(42).String(); got != "Rung(42)" {
		t.Errorf("out of range: %q", got)
	}
	if _, err := ladder.Rung(42).MarshalText(); err == nil {
		t.Error("an out-of-range rung marshals")
	}
	var r ladder.Rung
	if err := r.UnmarshalText([]byte("ADVOCATE")); err != nil || r != ladder.Advocate {
		t.Errorf("case-insensitive parse: %s, %v", r, err)
	}
	if err := r.UnmarshalText([]byte("champion")); err == nil {
		t.Error("an unknown name parses")
	}
	res := segment.Result[ladder.Rung]{Primary: ladder.Lapsed, Secondary: ladder.Advocate}
	if got := ladder.Reached(res); got != ladder.Advocate {
		t.Errorf("Reached(lapsed advocate) = %s", got)
	}
	// A result travels as JSON with rungs by name and comes back whole.
	c := mustNew(t, nil)
	lapsed := recipes[ladder.Lapsed]
	want := c.Classify(&lapsed)
	b, err := json.Marshal(want)
	require.NoError(t, err)
	var back segment.Result[ladder.Rung]
	require.NoError(t, json.Unmarshal(b, &back))
	if diff := cmp.Diff(want, back); diff != "" {
		t.Errorf("result JSON %s round trip (-want +got):\n%s", b, diff)
	}
}

func TestNoAllocations(t *testing.T) {
	c := mustNew(t, nil)
	for name, p := range recipes {
		if n := testing.AllocsPerRun(100, func() { _ = c.Classify(&p) }); n != 0 {
			t.Errorf("Classify(%s) allocates %v times", name, n)
		}
		if n := testing.AllocsPerRun(100, func() { _ = c.Next(&p) }); n != 0 {
			t.Errorf("Next(%s) allocates %v times", name, n)
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	c := mustNew(b, nil)
	p := buyer(5, 300, 20, func(s *segment.Signals) {
		s.Referrals, s.PositiveReviews, s.SocialPosts = segment.Some(0), segment.Some(1), segment.Some(1)
		s.CoCreation, s.Ambassador = segment.Some(0), segment.Some(false)
	})
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Classify(&p)
	}
}

func BenchmarkNext(b *testing.B) {
	c := mustNew(b, nil)
	p := buyer(2, 100, 20, nil)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Next(&p)
	}
}

// briefs renders reasons compactly as data, independent of the core's
// text renderer: rule[label] field=value op threshold setting held, with
// "?" for an unknown value and "-" for no setting.
func briefs(rs []segment.Reason) []string {
	var out []string
	for _, r := range rs {
		v, setting := "?", r.Setting
		if r.Known {
			v = strconv.FormatFloat(r.Value, 'g', 6, 64)
		}
		if setting == "" {
			setting = "-"
		}
		out = append(out, fmt.Sprintf("%s[%s] %s=%s %s %s %s %t", r.Rule, r.Label, r.Field, v, r.Op,
			strconv.FormatFloat(r.Threshold, 'g', 6, 64), setting, r.Held))
	}
	return out
}

func recipeList() []segment.Profile {
	var out []segment.Profile
	for _, p := range recipes {
		out = append(out, p)
	}
	return out
}

func extremeAndRandom() []segment.Profile {
	return append(segmenttest.Extremes(), segmenttest.Random(500, 9)...)
}
