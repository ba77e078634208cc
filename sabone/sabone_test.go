package sabone_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

var asOf = segment.MustParseDate("2025-06-30")

// buyer is a customer with n purchases over the last 300 days (one 10 days
// ago when n is 1), nothing else known, changed by set.
func buyer(n int, set func(p *segment.Profile)) segment.Profile {
	p := segment.Profile{ID: "c", AsOf: asOf, Occasions: n, Orders: n, Revenue: float64(40 * n)}
	if n > 0 {
		p.First, p.Last = asOf.AddDays(-300), asOf.AddDays(-10)
		if n == 1 {
			p.First = p.Last
		}
	}
	if set != nil {
		set(&p)
	}
	return p
}

// recipes are the profiles that make each label with the defaults; the
// report to the data generator quotes them.
var recipes = map[sabone.Category]segment.Profile{
	sabone.Unknown: buyer(4, func(p *segment.Profile) { p.Signals.DistanceKm = segment.Some(25.0) }),
	sabone.Neighbourhood: buyer(4, func(p *segment.Profile) {
		p.Signals.DistanceKm = segment.Some(1.2)
	}),
	sabone.Active: buyer(4, func(p *segment.Profile) {
		p.NewProducts = segment.Some(2)
		p.Signals.SiteVisits = segment.Some(30)
	}),
	sabone.Budget: buyer(4, func(p *segment.Profile) {
		p.Discounted = segment.Some(3)
		p.Signals.BonusEarned, p.Signals.BonusRedeemed = segment.Some(200.0), segment.Some(190.0)
	}),
	sabone.Education: buyer(4, func(p *segment.Profile) {
		p.Signals.Courses, p.Signals.Webinars = segment.Some(1), segment.Some(3)
	}),
	sabone.Newcomer: buyer(1, func(p *segment.Profile) {
		p.Signals.ExperienceYears = segment.Some(0.5)
	}),
	sabone.Expert: buyer(4, func(p *segment.Profile) {
		p.Signals.ExperienceYears = segment.Some(12.0)
		p.PremiumBuys = segment.Some(3)
	}),
}

func mustNew(t testing.TB, cfg *sabone.Config) *sabone.Classifier {
	t.Helper()
	c, err := sabone.New(cfg)
	require.NoError(t, err)
	return c
}

func TestConformance(t *testing.T) {
	var extra []segment.Profile
	for _, p := range recipes {
		extra = append(extra, p)
	}
	segmenttest.TestConformance(t, mustNew(t, nil), sabone.Categories, extra...)
}

func TestEveryLabelReachable(t *testing.T) {
	c := mustNew(t, nil)
	for _, want := range append([]sabone.Category{sabone.Unknown}, sabone.Categories.Values()...) {
		p, ok := recipes[want]
		if !ok {
			t.Errorf("no recipe for %s", want)
			continue
		}
		if got := c.Classify(&p); got.Primary != want {
			t.Errorf("recipe for %s gives %s", want, got.Primary)
		}
	}
	// And on generated customers, not only on hand-made ones.
	seen := map[sabone.Category]bool{}
	for _, p := range segmenttest.Random(2000, 11) {
		seen[c.Classify(&p).Primary] = true
	}
	for _, l := range append(sabone.Categories.Values(), sabone.Unknown) {
		if !seen[l] {
			t.Errorf("label %s never primary over 2000 random profiles", l)
		}
	}
}

func TestCategories(t *testing.T) {
	c := mustNew(t, nil)
	type cs = segmenttest.Case[sabone.Category]
	segmenttest.Run(t, c,
		cs{Name: "zero profile", Profile: segment.Profile{}, Want: sabone.Unknown,
			Why: "nothing known is no category"},
		cs{Name: "purchases only", Profile: buyer(5, nil), Want: sabone.Unknown,
			Why: "occasions and revenue are no SABONE evidence; tenure alone only supports Newcomer"},
		cs{Name: "far away", Profile: recipes[sabone.Unknown], Want: sabone.Unknown,
			Why: "25 km is not nearby, and a low score must not become a label"},
		cs{Name: "neighbour", Profile: recipes[sabone.Neighbourhood], Want: sabone.Neighbourhood,
			Tags: []sabone.Category{sabone.Neighbourhood}, Why: "1.2 km from the store"},
		cs{Name: "novelty buyer", Profile: recipes[sabone.Active], Want: sabone.Active,
			Why: "half the purchases include a new product"},
		cs{Name: "posts about the brand", Want: sabone.Active,
			Profile: buyer(0, func(p *segment.Profile) { p.Signals.SocialPosts = segment.Some(3) }),
			Why:     "a prospect who shares the brand's posts follows it online"},
		cs{Name: "discount hunter", Profile: recipes[sabone.Budget], Want: sabone.Budget,
			Why: "three of four purchases on discount, 95% of points redeemed"},
		cs{Name: "redeems everything", Want: sabone.Budget,
			Profile: buyer(4, func(p *segment.Profile) {
				p.Signals.BonusEarned, p.Signals.BonusRedeemed = segment.Some(50.0), segment.Some(50.0)
			}),
			Why: "without discount flags, redeeming every point is the budget evidence"},
		cs{Name: "student", Profile: recipes[sabone.Education], Want: sabone.Education,
			Why: "a course and three webinars"},
		cs{Name: "beginner", Profile: recipes[sabone.Newcomer], Want: sabone.Newcomer,
			Why: "half a year of experience"},
		cs{Name: "old hand buying premium", Profile: recipes[sabone.Expert], Want: sabone.Expert,
			Why: "twelve years of experience, premium in three of four purchases"},
		cs{Name: "new to the shop, experience unknown", Want: sabone.Unknown,
			Profile: buyer(1, func(p *segment.Profile) { p.Signals.SiteVisits = segment.Some(40) }),
			Why:     "a short tenure and browsing only support categories; they make none"},
		cs{Name: "middle experience", Want: sabone.Unknown,
			Profile: buyer(3, func(p *segment.Profile) { p.Signals.ExperienceYears = segment.Some(3.0) }),
			Why:     "three years is past newcomer and short of expert"},
	)
}

// thresholds pins every indicator on both sides of its default threshold.
// For a qualifying indicator the category applies at the threshold and not
// past it; for a supporting one the indicator holds or not, and the
// category's score follows.
func TestThresholdBoundaries(t *testing.T) {
	c := mustNew(t, nil)
	type boundary struct {
		rule     string
		category sabone.Category
		supports bool
		at, past segment.Profile
	}
	sig := func(n int, set func(s *segment.Signals)) segment.Profile {
		return buyer(n, func(p *segment.Profile) { set(&p.Signals) })
	}
	for _, b := range []boundary{
		{rule: "neighbourhood.distance", category: sabone.Neighbourhood,
			at:   sig(2, func(s *segment.Signals) { s.DistanceKm = segment.Some(3.0) }),
			past: sig(2, func(s *segment.Signals) { s.DistanceKm = segment.Some(3.01) })},
		{rule: "active.novelties", category: sabone.Active,
			at:   buyer(10, func(p *segment.Profile) { p.NewProducts = segment.Some(3) }),
			past: buyer(100, func(p *segment.Profile) { p.NewProducts = segment.Some(29) })},
		{rule: "active.social", category: sabone.Active,
			at:   sig(2, func(s *segment.Signals) { s.SocialPosts = segment.Some(2) }),
			past: sig(2, func(s *segment.Signals) { s.SocialPosts = segment.Some(1) })},
		{rule: "active.site_visits", category: sabone.Active, supports: true,
			at:   buyer(4, func(p *segment.Profile) { p.NewProducts, p.Signals.SiteVisits = segment.Some(2), segment.Some(20) }),
			past: buyer(4, func(p *segment.Profile) { p.NewProducts, p.Signals.SiteVisits = segment.Some(2), segment.Some(19) })},
		{rule: "budget.discounts", category: sabone.Budget,
			at:   buyer(10, func(p *segment.Profile) { p.Discounted = segment.Some(5) }),
			past: buyer(100, func(p *segment.Profile) { p.Discounted = segment.Some(49) })},
		{rule: "budget.bonus_redemption", category: sabone.Budget,
			at:   sig(3, func(s *segment.Signals) { s.BonusEarned, s.BonusRedeemed = segment.Some(100.0), segment.Some(80.0) }),
			past: sig(3, func(s *segment.Signals) { s.BonusEarned, s.BonusRedeemed = segment.Some(100.0), segment.Some(79.9) })},
		{rule: "education.courses", category: sabone.Education,
			at:   sig(2, func(s *segment.Signals) { s.Courses = segment.Some(1) }),
			past: sig(2, func(s *segment.Signals) { s.Courses = segment.Some(0) })},
		{rule: "education.webinars", category: sabone.Education,
			at:   sig(2, func(s *segment.Signals) { s.Webinars = segment.Some(2) }),
			past: sig(2, func(s *segment.Signals) { s.Webinars = segment.Some(1) })},
		{rule: "education.reading", category: sabone.Education, supports: true,
			at:   sig(2, func(s *segment.Signals) { s.Courses, s.LongReads = segment.Some(1), segment.Some(10) }),
			past: sig(2, func(s *segment.Signals) { s.Courses, s.LongReads = segment.Some(1), segment.Some(9) })},
		{rule: "newcomer.experience", category: sabone.Newcomer,
			at:   sig(2, func(s *segment.Signals) { s.ExperienceYears = segment.Some(1.0) }),
			past: sig(2, func(s *segment.Signals) { s.ExperienceYears = segment.Some(1.01) })},
		{rule: "newcomer.tenure", category: sabone.Newcomer, supports: true,
			at: buyer(1, func(p *segment.Profile) {
				p.First, p.Last = asOf.AddDays(-180), asOf.AddDays(-180)
				p.Signals.ExperienceYears = segment.Some(0.5)
			}),
			past: buyer(1, func(p *segment.Profile) {
				p.First, p.Last = asOf.AddDays(-181), asOf.AddDays(-181)
				p.Signals.ExperienceYears = segment.Some(0.5)
			})},
		{rule: "expert.experience", category: sabone.Expert,
			at:   sig(2, func(s *segment.Signals) { s.ExperienceYears = segment.Some(5.0) }),
			past: sig(2, func(s *segment.Signals) { s.ExperienceYears = segment.Some(4.99) })},
		{rule: "expert.premium", category: sabone.Expert,
			at:   buyer(10, func(p *segment.Profile) { p.PremiumBuys = segment.Some(5) }),
			past: buyer(100, func(p *segment.Profile) { p.PremiumBuys = segment.Some(49) })},
	} {
		t.Run(b.rule, func(t *testing.T) {
			at, past := c.Explain(&b.at), c.Explain(&b.past)
			if !held(at.Reasons, b.rule) {
				t.Errorf("at the threshold, %s does not hold:\n%s", b.rule, at.Text(segment.English))
			}
			if held(past.Reasons, b.rule) {
				t.Errorf("past the threshold, %s holds:\n%s", b.rule, past.Text(segment.English))
			}
			if b.supports {
				// The category applies either way; the support moves its score.
				if at.Result.Primary != b.category || past.Result.Primary != b.category {
					t.Errorf("primary %s / %s, want %s both sides", at.Result.Primary, past.Result.Primary, b.category)
				}
				if !(at.Result.Scores[b.category] > past.Result.Scores[b.category]) {
					t.Errorf("score %v at, %v past; want higher at the threshold", at.Result.Scores[b.category], past.Result.Scores[b.category])
				}
				return
			}
			if at.Result.Primary != b.category {
				t.Errorf("at the threshold: primary %s, want %s", at.Result.Primary, b.category)
			}
			if past.Result.Primary != sabone.Unknown {
				t.Errorf("past the threshold: primary %s, want unknown", past.Result.Primary)
			}
			if s := past.Result.Scores[b.category]; !(s >= 0 && s < 0.5) {
				t.Errorf("past the threshold: score %v, want in [0, 0.5): not applying", s)
			}
		})
	}
}

// knowsAbout reports whether a reason about category c is known.
func knowsAbout(rs []segment.Reason, c sabone.Category) bool {
	for _, r := range rs {
		if r.Label == c.String() && r.Known {
			return true
		}
	}
	return false
}

func held(rs []segment.Reason, rule string) bool {
	for _, r := range rs {
		if r.Rule == rule {
			return r.Held
		}
	}
	return false
}

// An unknown input is never evidence against a category: replacing it by
// the least favourable known value can only lower the category's score,
// while leaving it unknown lowers only the confidence.
func TestUnknownIsNotEvidenceAgainst(t *testing.T) {
	c := mustNew(t, nil)
	worst := []struct {
		name     string
		category sabone.Category
		set      func(p *segment.Profile)
	}{
		{"distance", sabone.Neighbourhood, func(p *segment.Profile) { p.Signals.DistanceKm = segment.Some(1e6) }},
		{"new products", sabone.Active, func(p *segment.Profile) { p.NewProducts = segment.Some(0) }},
		{"social posts", sabone.Active, func(p *segment.Profile) { p.Signals.SocialPosts = segment.Some(0) }},
		{"site visits", sabone.Active, func(p *segment.Profile) { p.Signals.SiteVisits = segment.Some(0) }},
		{"discounts", sabone.Budget, func(p *segment.Profile) { p.Discounted = segment.Some(0) }},
		{"bonus", sabone.Budget, func(p *segment.Profile) {
			p.Signals.BonusEarned, p.Signals.BonusRedeemed = segment.Some(100.0), segment.Some(0.0)
		}},
		{"courses", sabone.Education, func(p *segment.Profile) { p.Signals.Courses = segment.Some(0) }},
		{"webinars", sabone.Education, func(p *segment.Profile) { p.Signals.Webinars = segment.Some(0) }},
		{"long reads", sabone.Education, func(p *segment.Profile) { p.Signals.LongReads = segment.Some(0) }},
		{"premium", sabone.Expert, func(p *segment.Profile) { p.PremiumBuys = segment.Some(0) }},
	}
	compared := 0
	for _, base := range recipes {
		for _, w := range worst {
			unknown := base
			// Make the input unknown in the base (recipes may know it).
			switch w.name {
			case "distance":
				unknown.Signals.DistanceKm = segment.Opt[float64]{}
			case "new products":
				unknown.NewProducts = segment.Opt[int]{}
			case "social posts":
				unknown.Signals.SocialPosts = segment.Opt[int]{}
			case "site visits":
				unknown.Signals.SiteVisits = segment.Opt[int]{}
			case "discounts":
				unknown.Discounted = segment.Opt[int]{}
			case "bonus":
				unknown.Signals.BonusEarned, unknown.Signals.BonusRedeemed = segment.Opt[float64]{}, segment.Opt[float64]{}
			case "courses":
				unknown.Signals.Courses = segment.Opt[int]{}
			case "webinars":
				unknown.Signals.Webinars = segment.Opt[int]{}
			case "long reads":
				unknown.Signals.LongReads = segment.Opt[int]{}
			case "premium":
				unknown.PremiumBuys = segment.Opt[int]{}
			}
			bad := unknown
			w.set(&bad)
			ue := c.Explain(&unknown)
			if !knowsAbout(ue.Reasons, w.category) {
				continue // no evidence either way: the score is 0 by definition
			}
			u, k := ue.Result, c.Classify(&bad)
			compared++
			if k.Scores[w.category] > u.Scores[w.category] {
				t.Errorf("%s of %q: score %v with the worst value, %v unknown; unknown must not count against",
					w.name, base.ID, k.Scores[w.category], u.Scores[w.category])
			}
			if k.Confidence > u.Confidence && k.Primary == u.Primary && u.Primary == w.category {
				t.Errorf("%s: knowing the worst value raised the confidence in %s", w.name, u.Primary)
			}
		}
	}
	if compared < 10 {
		t.Errorf("only %d comparisons had evidence to compare; the recipes lost their signals", compared)
	}
}

func TestConfidence(t *testing.T) {
	c := mustNew(t, nil)
	only := buyer(0, func(p *segment.Profile) { p.Signals.DistanceKm = segment.Some(1.0) })
	more := buyer(4, func(p *segment.Profile) {
		p.Signals.DistanceKm = segment.Some(1.0)
		p.Discounted, p.NewProducts, p.PremiumBuys = segment.Some(0), segment.Some(0), segment.Some(0)
		p.Signals.Courses, p.Signals.Webinars, p.Signals.ExperienceYears = segment.Some(0), segment.Some(0), segment.Some(3.0)
	})
	o, m := c.Classify(&only), c.Classify(&more)
	if o.Primary != sabone.Neighbourhood || m.Primary != sabone.Neighbourhood {
		t.Fatalf("both are neighbours: got %s and %s", o.Primary, m.Primary)
	}
	if !(o.Confidence > 0 && o.Confidence < m.Confidence) {
		t.Errorf("confidence %v knowing only the distance, %v knowing more; want 0 < less < more", o.Confidence, m.Confidence)
	}
	// A prospect: one known indicator of thirteen, fully held, no rival.
	if want := float32(1.0 / 13); o.Confidence != want {
		t.Errorf("confidence with only the distance = %v, want %v", o.Confidence, want)
	}
	// A rival category as strong as the primary halves its confidence.
	tied := only
	tied.Signals.SocialPosts = segment.Some(2) // Active, as strong
	tr := c.Classify(&tied)
	if tr.Primary != sabone.Neighbourhood || tr.Secondary != sabone.Active {
		t.Errorf("tie: %s/%s, want neighbourhood/active", tr.Primary, tr.Secondary)
	}
	if want := float32(2.0 / 13 * 0.5); tr.Confidence != want {
		t.Errorf("confidence with a tied rival = %v, want %v", tr.Confidence, want)
	}
	var unknown sabone.Category
	if r := c.Classify(&segment.Profile{}); r.Primary != unknown || r.Confidence != 0 {
		t.Errorf("zero profile: %s with confidence %v, want unknown with 0", r.Primary, r.Confidence)
	}
}

// Categories mix: the primary is the strongest, the secondary the next,
// every applying category is a tag; ties go to more indicators held, then
// to the acronym order.
func TestMixAndTieOrder(t *testing.T) {
	c := mustNew(t, nil)
	type mix struct {
		name               string
		p                  segment.Profile
		primary, secondary sabone.Category
		tags               []sabone.Category
	}
	for _, m := range []mix{
		{"neighbour on a budget: a tie goes to the acronym order",
			buyer(4, func(p *segment.Profile) { p.Signals.DistanceKm, p.Discounted = segment.Some(1.0), segment.Some(3) }),
			sabone.Neighbourhood, sabone.Budget, []sabone.Category{sabone.Neighbourhood, sabone.Budget}},
		{"a tie goes to more indicators held",
			buyer(4, func(p *segment.Profile) {
				p.Signals.DistanceKm, p.Discounted = segment.Some(1.0), segment.Some(3)
				p.Signals.BonusEarned, p.Signals.BonusRedeemed = segment.Some(10.0), segment.Some(9.0)
			}),
			sabone.Budget, sabone.Neighbourhood, []sabone.Category{sabone.Neighbourhood, sabone.Budget}},
		{"expert bargain hunter: the stronger evidence wins",
			buyer(10, func(p *segment.Profile) {
				p.Signals.ExperienceYears, p.PremiumBuys = segment.Some(8.0), segment.Some(2)
				p.Discounted = segment.Some(10)
			}),
			sabone.Budget, sabone.Expert, []sabone.Category{sabone.Budget, sabone.Expert}},
		{"three categories",
			buyer(4, func(p *segment.Profile) {
				p.Signals.Courses, p.Signals.Webinars, p.Signals.LongReads = segment.Some(2), segment.Some(4), segment.Some(20)
				p.Signals.ExperienceYears = segment.Some(0.2)
				p.Signals.DistanceKm = segment.Some(2.0)
				p.First = asOf.AddDays(-400)
			}),
			sabone.Education, sabone.Neighbourhood, []sabone.Category{sabone.Neighbourhood, sabone.Education, sabone.Newcomer}},
	} {
		r := c.Classify(&m.p)
		if r.Primary != m.primary || r.Secondary != m.secondary {
			t.Errorf("%s: got %s/%s, want %s/%s", m.name, r.Primary, r.Secondary, m.primary, m.secondary)
		}
		if got := r.Tags.Labels(); !equal(got, m.tags) {
			t.Errorf("%s: tags %v, want %v", m.name, got, m.tags)
		}
	}
}

func equal(a, b []sabone.Category) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Hostile values are not evidence.
func TestInvalidInputsAreUnknown(t *testing.T) {
	c := mustNew(t, nil)
	for name, p := range map[string]segment.Profile{
		"negative distance": buyer(2, func(p *segment.Profile) { p.Signals.DistanceKm = segment.Some(-1.0) }),
		"NaN experience":    buyer(2, func(p *segment.Profile) { p.Signals.ExperienceYears = segment.Some(nanValue()) }),
		"negative courses":  buyer(2, func(p *segment.Profile) { p.Signals.Courses = segment.Some(-3) }),
	} {
		r := c.Explain(&p)
		if r.Result.Primary != sabone.Unknown || r.Result.Confidence != 0 {
			t.Errorf("%s: %s with confidence %v, want unknown", name, r.Result.Primary, r.Result.Confidence)
		}
		for _, reason := range r.Reasons {
			if reason.Known && reason.Field != "tenure_days" {
				t.Errorf("%s: reason %s counts as known", name, reason.Rule)
			}
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	c := mustNew(b, nil)
	p := buyer(6, func(p *segment.Profile) {
		p.Discounted, p.NewProducts, p.PremiumBuys = segment.Some(2), segment.Some(3), segment.Some(1)
		s := &p.Signals
		s.DistanceKm, s.SocialPosts, s.SiteVisits = segment.Some(4.0), segment.Some(1), segment.Some(25)
		s.BonusEarned, s.BonusRedeemed = segment.Some(300.0), segment.Some(120.0)
		s.Courses, s.Webinars, s.LongReads, s.ExperienceYears = segment.Some(1), segment.Some(0), segment.Some(6), segment.Some(7.0)
	})
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Classify(&p)
	}
}

// Explanations of hostile profiles still encode as JSON (NaN would not).
func TestExplainEncodesHostileProfiles(t *testing.T) {
	c := mustNew(t, nil)
	for _, p := range segmenttest.Extremes() {
		if _, err := json.Marshal(c.Explain(&p)); err != nil {
			t.Errorf("profile %q: %v", p.ID, err)
		}
	}
}

// Classify leaves the caller's profile on the stack: no allocation even
// when the profile is a fresh local each time.
func TestClassifyDoesNotAllocate(t *testing.T) {
	c := mustNew(t, nil)
	recipe := recipes[sabone.Budget]
	allocs := testing.AllocsPerRun(200, func() {
		p := recipe
		_ = c.Classify(&p)
	})
	if allocs != 0 {
		t.Errorf("Classify allocates %v times per call", allocs)
	}
}
