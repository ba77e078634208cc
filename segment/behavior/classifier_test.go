package behavior_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rule"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

func TestConformance(t *testing.T) {
	extra := make([]segment.Profile, 0, 32)
	for _, tc := range recipes() {
		extra = append(extra, tc.Profile)
	}
	unfitted, err := behavior.New(nil)
	require.NoError(t, err)
	t.Run("not fitted", func(t *testing.T) { segmenttest.TestConformance(t, unfitted, behavior.Types, extra...) })
	t.Run("fitted", func(t *testing.T) {
		segmenttest.TestConformance(t, unfitted.Fit(segmenttest.Random(500, 9)), behavior.Types, extra...)
	})
	t.Run("customised", func(t *testing.T) {
		cfg := behavior.Defaults()
		cfg.RegularOccasions = 2
		cfg.Disabled = []behavior.Type{behavior.Rare, behavior.Potential}
		cfg.Require = behavior.Requirements{behavior.Gold: rule.Flag("loyalty_member", true)}
		c := mustNew(t, &cfg, behavior.Require(behavior.Fan, "posts", func(p *segment.Profile) bool {
			return p.Signals.SocialPosts.Or(0) > 0
		}))
		segmenttest.TestConformance(t, c, behavior.Types, extra...)
	})
}

// Every type occurs on the test kit's random profiles too, fitted on
// themselves: the default rules do not depend on hand-made recipes.
func TestEveryTypeOccursOnRandomProfiles(t *testing.T) {
	base := segmenttest.Random(5000, 21)
	c, err := behavior.New(nil)
	require.NoError(t, err)
	c = c.Fit(base)
	tagged := map[behavior.Type]bool{}
	for i := range base {
		for _, ty := range c.Classify(&base[i]).Tags.Labels() {
			tagged[ty] = true
		}
	}
	for _, ty := range behavior.Types.Values() {
		if !tagged[ty] {
			t.Errorf("%s never assigned over 5000 random profiles", ty)
		}
	}
}

func TestNotFittedIsUnknownNotFalse(t *testing.T) {
	c, err := behavior.New(nil)
	require.NoError(t, err)
	gold := buyer(6, 500, 10, revenue(3000))
	r := c.Classify(&gold)
	if r.Primary != behavior.Regular || r.Tags.Has(behavior.Gold) {
		t.Fatalf("unfitted: got %v %v, want regular without gold", r.Primary, r.Tags.Labels())
	}
	fitted := mustNew(t, nil)
	f := fitted.Classify(&gold)
	if f.Primary != behavior.Gold {
		t.Fatalf("fitted: got %v, want gold", f.Primary)
	}
	// Not knowing the cuts makes "regular" less certain than knowing
	// them and finding the customer is not gold.
	notGold := buyer(6, 500, 10, revenue(500))
	if u, k := c.Classify(&notGold), fitted.Classify(&notGold); !(u.Confidence < k.Confidence) || u.Primary != k.Primary {
		t.Errorf("unfitted %v (%v), fitted %v (%v); want the same primary, lower confidence unfitted", u.Primary, u.Confidence, k.Primary, k.Confidence)
	}
	var why []string
	for _, reason := range c.ExplainAll(&gold).Reasons {
		if reason.Rule == "gold.revenue" {
			why = append(why, reason.Text(segment.English))
		}
	}
	if diff := cmp.Diff([]string{"gold: cut for the top share by net revenue (not fitted) unknown (threshold > 0, gold_revenue_top) — no"}, why); diff != "" {
		t.Errorf("explanation of an unfitted cut (-want +got):\n%s", diff)
	}
}

// Unknown signals never count against a type; they lower confidence.
func TestConfidence(t *testing.T) {
	c := mustNew(t, nil)
	known := buyer(3, 60, 5, func(p *segment.Profile) {
		p.Signals = allZero()
		p.PremiumBuys, p.NewProducts, p.Discounted = segment.Some(0), segment.Some(0), segment.Some(0)
	})
	unknown := buyer(3, 60, 5)
	k, u := c.Classify(&known), c.Classify(&unknown)
	if k.Primary != behavior.Regular || u.Primary != behavior.Regular {
		t.Fatalf("primaries %v, %v; want regular for both", k.Primary, u.Primary)
	}
	if k.Confidence != 1 {
		t.Errorf("everything known: confidence %v, want 1", k.Confidence)
	}
	if !(u.Confidence < k.Confidence) || u.Confidence <= 0 {
		t.Errorf("signals unknown: confidence %v, want in (0, %v)", u.Confidence, k.Confidence)
	}
	// The top type is certain whatever else is unknown.
	angry := buyer(3, 60, 5, signals(func(s *segment.Signals) { s.LastComplaint = daysAgo(3) }))
	if r := c.Classify(&angry); r.Primary != behavior.Dissatisfied || r.Confidence != 1 {
		t.Errorf("dissatisfied: %v at %v, want dissatisfied at 1", r.Primary, r.Confidence)
	}
	if r := c.Classify(&segment.Profile{}); r.Primary != behavior.Unknown || r.Confidence != 0 || r.Tags != 0 {
		t.Errorf("zero profile: %+v", r)
	}
}

func TestSecondaryAndRisks(t *testing.T) {
	c := mustNew(t, nil)
	p := buyer(10, 300, 5, discounted(10), signals(func(s *segment.Signals) { s.Referrals = segment.Some(3) }))
	r := c.Classify(&p)
	if r.Primary != behavior.Fan || r.Secondary != behavior.Regular {
		t.Errorf("got %v/%v, want fan/regular", r.Primary, r.Secondary)
	}
	if diff := cmp.Diff([]behavior.Type{behavior.BargainOnly}, behavior.Risks(r).Labels()); diff != "" {
		t.Errorf("risks (-want +got):\n%s", diff)
	}
	// A risk flag alone is primary.
	only := buyer(2, 60, 5, discounted(2), support(9))
	r = c.Classify(&only)
	if r.Primary != behavior.Impossible || r.Secondary != behavior.BargainOnly {
		t.Errorf("got %v/%v, want impossible/bargain_only", r.Primary, r.Secondary)
	}
}

func TestCustomPriority(t *testing.T) {
	cfg := behavior.Defaults()
	cfg.Priority = []behavior.Type{behavior.Regular, behavior.Fan}
	c := mustNew(t, &cfg)
	p := buyer(4, 150, 10, signals(func(s *segment.Signals) { s.Referrals = segment.Some(2) }))
	r := c.Classify(&p)
	if r.Primary != behavior.Regular || r.Secondary != behavior.Fan {
		t.Errorf("got %v/%v, want regular/fan", r.Primary, r.Secondary)
	}
	if diff := cmp.Diff([]behavior.Type{behavior.Regular, behavior.Fan}, c.Enabled()); diff != "" {
		t.Errorf("types left out of the priority are not assigned (-want +got):\n%s", diff)
	}
	sleepy := buyer(4, 200, 100)
	if r := c.Classify(&sleepy); r.Primary != behavior.Unknown || r.Tags != 0 {
		t.Errorf("sleeping is not listed, so not assigned: %v", r.Tags.Labels())
	}
}

func TestRequireJSON(t *testing.T) {
	cfg, err := behavior.ParseConfig([]byte(`{"require": {"gold": {"field": "loyalty_member", "op": "eq", "value": true}}}`))
	require.NoError(t, err)
	c := mustNew(t, &cfg)
	member := func(v segment.Opt[bool]) segment.Profile {
		return buyer(6, 500, 10, revenue(1800), signals(func(s *segment.Signals) { s.LoyaltyMember = v }))
	}
	segmenttest.Run(t, c,
		tcase{Name: "member", Profile: member(segment.Some(true)), Want: behavior.Gold},
		tcase{Name: "not a member", Profile: member(segment.Some(false)), Want: behavior.Regular, Check: lacks(behavior.Gold)},
		tcase{Name: "membership unknown", Profile: member(segment.Opt[bool]{}), Want: behavior.Regular, Check: lacks(behavior.Gold)},
	)
	p := member(segment.Opt[bool]{})
	if r, full := c.Classify(&p), mustNew(t, &cfg).Classify(ptr(member(segment.Some(false)))); !(r.Confidence < full.Confidence) {
		t.Errorf("unknown membership should lower confidence: %v vs %v", r.Confidence, full.Confidence)
	}
	var rules []string
	for _, reason := range c.ExplainAll(&p).Reasons {
		if strings.HasPrefix(reason.Rule, "gold.require") {
			rules = append(rules, reason.Text(segment.English))
		}
	}
	if diff := cmp.Diff([]string{"gold: loyalty programme member unknown (threshold == 1) — no"}, rules); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func ptr[T any](v T) *T { return &v }

func TestRequireGo(t *testing.T) {
	calls := 0
	c := mustNew(t, nil, behavior.Require(behavior.Fan, "instagram", func(p *segment.Profile) bool {
		calls++
		return p.Signals.SocialPosts.Or(0) >= 5
	}))
	fan := func(posts int) segment.Profile {
		return buyer(4, 150, 10, signals(func(s *segment.Signals) {
			s.Referrals, s.SocialPosts = segment.Some(2), segment.Some(posts)
		}))
	}
	segmenttest.Run(t, c,
		tcase{Name: "5 posts", Profile: fan(5), Want: behavior.Fan},
		tcase{Name: "4 posts", Profile: fan(4), Want: behavior.Regular, Check: lacks(behavior.Fan)},
	)
	calls = 0
	p := buyer(1, 5, 5)
	c.Classify(&p)
	if calls != 0 {
		t.Error("the predicate was called although fan's own rule already failed")
	}
	ex := c.Explain(ptr(fan(5)))
	found := false
	for _, r := range ex.Reasons {
		if r.Rule == "fan.require.instagram" && r.Held {
			found = true
		}
	}
	if !found {
		t.Errorf("no reason for the predicate: %+v", ex.Reasons)
	}
	for _, bad := range []behavior.Option{
		behavior.Require(behavior.Unknown, "x", func(*segment.Profile) bool { return true }),
		behavior.Require(behavior.Fan, "", func(*segment.Profile) bool { return true }),
		behavior.Require(behavior.Fan, "x", nil),
	} {
		if _, err := behavior.New(nil, bad); err == nil {
			t.Error("a bad Require was accepted")
		}
	}
	twice := behavior.Require(behavior.Fan, "x", func(*segment.Profile) bool { return true })
	if _, err := behavior.New(nil, twice, twice); err == nil {
		t.Error("the same predicate name twice was accepted")
	}
}

func TestExplain(t *testing.T) {
	c := mustNew(t, nil)
	p := buyer(4, 150, 10, signals(func(s *segment.Signals) { s.Referrals = segment.Some(2) }))
	ex := c.Explain(&p)
	var lines []string
	for _, r := range ex.Reasons {
		lines = append(lines, r.Text(segment.English))
	}
	want := []string{
		"fan: regular customer = 1 — yes",
		"fan: positive reviews, referrals and social posts = 2 >= 2 (fan_advocacy) — yes",
		"fan: all conditions = 1 — yes",
		"regular: purchase occasions = 4 >= 3 (regular_occasions) — yes",
		"regular: mean days between purchases = 46.6667 <= 180 (rare_gap_days) — yes",
		"regular: days since last purchase = 10 <= 93.3333 (sleeping_gap_factor) — yes",
		"regular: days since last purchase = 10 <= 365 (lost_days) — yes",
		"regular: all conditions = 1 — yes",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("Explain (-want +got):\n%s", diff)
	}
	all := c.ExplainAll(&p)
	if all.Result != ex.Result || len(all.Reasons) <= len(ex.Reasons) {
		t.Errorf("ExplainAll: %d reasons, Explain %d", len(all.Reasons), len(ex.Reasons))
	}
	summaries := 0
	for _, r := range all.Reasons {
		if !strings.Contains(r.Rule, ".") {
			summaries++
		}
	}
	if summaries != len(behavior.Types.Values()) {
		t.Errorf("%d summary reasons, want one per type", summaries)
	}
	if got := ex.Text(segment.Russian); !strings.HasPrefix(got, "Фанаты (") {
		t.Errorf("Russian text starts %q", got)
	}
}

func TestFit(t *testing.T) {
	c, err := behavior.New(nil)
	require.NoError(t, err)
	var base []segment.Profile
	for i := 1; i <= 10; i++ { // revenue 100..1000, i purchases
		base = append(base, buyer(i, 400, 5, revenue(float64(100*i))))
	}
	base = append(base, prospect(), buyer(3, 60, 5, revenue(math.NaN())))
	fitted := c.Fit(base)
	want := behavior.Cuts{
		Base:           10,
		GoldRevenue:    segment.Some(800.0), // top 2: 900, 1000
		SuperRevenue:   segment.Some(900.0), // top 1
		SuperOccasions: segment.Some(9.0),
		StatusAOV:      segment.Some(100.0), // every average is 100: nobody stands out
		LeadRevenue:    segment.Some(800.0),
	}
	if diff := cmp.Diff(want, fitted.Cuts()); diff != "" {
		t.Errorf("cuts (-want +got):\n%s", diff)
	}
	if c.Cuts() != (behavior.Cuts{}) {
		t.Error("Fit changed the original classifier")
	}
	// The cuts are data: JSON round trip.
	b, err := json.Marshal(fitted.Cuts())
	require.NoError(t, err)
	var back behavior.Cuts
	require.NoError(t, json.Unmarshal(b, &back))
	if diff := cmp.Diff(fitted.Cuts(), back); diff != "" {
		t.Errorf("cuts round trip (-want +got):\n%s", diff)
	}
	empty := c.Fit(nil).Cuts()
	if empty != (behavior.Cuts{}) {
		t.Errorf("an empty base gives %+v, want unknown cuts", empty)
	}
}

// Customers with equal values always get the same answer, and the top
// never holds more than its share.
func TestFitTiesNeverSplit(t *testing.T) {
	c, err := behavior.New(nil)
	require.NoError(t, err)
	for _, tc := range []struct {
		name     string
		revenues []float64
		top      int // customers in the top 20% by revenue
	}{
		{"distinct", []float64{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, 2},
		{"tie straddles the cut", []float64{10, 20, 30, 40, 50, 60, 70, 90, 90, 90}, 0},
		{"tie inside the top", []float64{10, 20, 30, 40, 50, 60, 70, 80, 100, 100}, 2},
		{"tie just below", []float64{10, 20, 30, 40, 50, 60, 80, 80, 90, 100}, 2},
		{"everyone equal", []float64{5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, 0},
		{"too few for one", []float64{10, 20, 30, 40}, 0},
		{"five", []float64{10, 20, 30, 40, 50}, 1},
	} {
		base := make([]segment.Profile, len(tc.revenues))
		for i, v := range tc.revenues {
			base[i] = buyer(1, 5, 5, revenue(v))
		}
		cut, ok := c.Fit(base).Cuts().GoldRevenue.Get()
		require.True(t, ok)
		in := map[float64]int{}
		n := 0
		for _, v := range tc.revenues {
			if v > cut {
				n++
				in[v]++
			}
		}
		if n != tc.top {
			t.Errorf("%s: %d in the top 20%% (cut %v), want %d", tc.name, n, cut, tc.top)
		}
		if float64(n) > 0.2*float64(len(tc.revenues)) {
			t.Errorf("%s: the top holds %d of %d", tc.name, n, len(tc.revenues))
		}
		for _, v := range tc.revenues {
			if (v > cut) != (in[v] > 0) {
				t.Errorf("%s: customers with revenue %v split", tc.name, v)
			}
		}
	}
}

// Ties never split through Classify either: equal revenue and frequency,
// equal answer, on a base full of ties.
func TestClassifyTies(t *testing.T) {
	c, err := behavior.New(nil)
	require.NoError(t, err)
	var base []segment.Profile
	for i := 0; i < 100; i++ {
		base = append(base, buyer(1+i%4, 400, 5, revenue(float64(100*(1+i%7)))))
	}
	c = c.Fit(base)
	byKey := map[[2]float64]segment.Result[behavior.Type]{}
	for i := range base {
		key := [2]float64{float64(base[i].Occasions), base[i].Revenue}
		r := c.Classify(&base[i])
		if prev, ok := byKey[key]; ok && prev != r {
			t.Fatalf("equal customers classified differently: %+v vs %+v", prev, r)
		}
		byKey[key] = r
	}
}

func TestWithCuts(t *testing.T) {
	c, err := behavior.New(nil)
	require.NoError(t, err)
	for _, bad := range []behavior.Cuts{
		{GoldRevenue: segment.Some(math.NaN())},
		{StatusAOV: segment.Some(math.Inf(1))},
		{Base: -1},
	} {
		if _, err := c.WithCuts(bad); err == nil || !strings.HasPrefix(err.Error(), "behavior: ") {
			t.Errorf("WithCuts(%+v) = %v, want an error", bad, err)
		}
	}
	var cuts behavior.Cuts
	require.NoError(t, json.Unmarshal([]byte(`{"gold_revenue": 1000}`), &cuts))
	g, err := c.WithCuts(cuts)
	require.NoError(t, err)
	p := buyer(6, 500, 10, revenue(3000))
	if r := g.Classify(&p); r.Primary != behavior.Gold {
		t.Errorf("a gold cut set by hand: got %v", r.Primary)
	}
}

func TestHostileProfilesStaySane(t *testing.T) {
	c := mustNew(t, nil)
	nan := buyer(3, 60, 5, revenue(math.NaN()))
	if r := c.Classify(&nan); r.Tags.Has(behavior.Gold) || r.Tags.Has(behavior.Status) {
		t.Errorf("NaN revenue made a top customer: %v", r.Tags.Labels())
	}
}

func TestClassifyDoesNotAllocate(t *testing.T) {
	cfg := behavior.Defaults()
	cfg.Require = behavior.Requirements{behavior.Gold: rule.Flag("loyalty_member", true)}
	c := mustNew(t, &cfg)
	profiles := append(segmenttest.Extremes(), segmenttest.Random(50, 3)...)
	for i := range profiles {
		if n := testing.AllocsPerRun(10, func() { _ = c.Classify(&profiles[i]) }); n != 0 {
			t.Fatalf("Classify allocates %v times for %s", n, profiles[i].ID)
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	c := mustNew(b, nil)
	p := buyer(6, 500, 10, revenue(3000), signals(func(s *segment.Signals) {
		s.Referrals, s.PositiveReviews, s.LastComplaint = segment.Some(1), segment.Some(3), daysAgo(200)
	}))
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Classify(&p)
	}
}

func BenchmarkClassifyRandom(b *testing.B) {
	c, _ := behavior.New(nil)
	profiles := segmenttest.Random(1024, 1)
	c = c.Fit(profiles)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_ = c.Classify(&profiles[i&1023])
		i++
	}
}

func BenchmarkExplain(b *testing.B) {
	c := mustNew(b, nil)
	p := buyer(6, 500, 10, revenue(3000))
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Explain(&p)
	}
}

func BenchmarkFit1M(b *testing.B) {
	c, _ := behavior.New(nil)
	base := segmenttest.Random(1_000_000, 2)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Fit(base)
	}
}
