package loyalty_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

var asOf = segment.MustParseDate("2025-06-30")

// buyer is a customer with n purchases, the first firstAgo and the last
// lastAgo days before asOf, and the given signals.
func buyer(n, firstAgo, lastAgo int, set func(p *segment.Profile)) segment.Profile {
	p := segment.Profile{ID: fmt.Sprintf("buyer-%d", n), AsOf: asOf, Occasions: n, Orders: n, Revenue: float64(40 * n),
		First: asOf.AddDays(-firstAgo), Last: asOf.AddDays(-lastAgo)}
	if set != nil {
		set(&p)
	}
	return p
}

// prospect is a customer with no purchase and the given signals.
func prospect(set func(p *segment.Profile)) segment.Profile {
	p := segment.Profile{ID: "prospect", AsOf: asOf}
	if set != nil {
		set(&p)
	}
	return p
}

func mustNew(t testing.TB, cfg *loyalty.Config) *loyalty.Classifier {
	t.Helper()
	c, err := loyalty.New(cfg)
	require.NoError(t, err)
	return c
}

// recipes are the simplest profiles that reach each label with the
// defaults; the report to the sample-data generator quotes them.
var recipes = map[loyalty.Kind]segment.Profile{
	loyalty.Unknown: prospect(nil),
	loyalty.None: buyer(1, 30, 30, func(p *segment.Profile) {
		p.Signals.LoyaltyMember, p.Signals.Referrals = segment.Some(false), segment.Some(0)
	}),
	loyalty.Behavioural: buyer(3, 200, 20, nil),
	loyalty.Emotional:   buyer(3, 200, 20, func(p *segment.Profile) { p.Signals.ServiceRequests = segment.Some(2) }),
	loyalty.Personal:    buyer(3, 200, 20, func(p *segment.Profile) { p.Signals.Referrals = segment.Some(2) }),
}

func recipeList() []segment.Profile {
	var out []segment.Profile
	for _, p := range recipes {
		out = append(out, p)
	}
	return out
}

func TestConformance(t *testing.T) {
	segmenttest.TestConformance(t, mustNew(t, nil), loyalty.Kinds, recipeList()...)
	edge := loyalty.Config{RepeatOccasions: 2, RedeemShare: 0.01, ActiveDays: 1, StaffContacts: 100000, PremiumShare: 1}
	segmenttest.TestConformance(t, mustNew(t, &edge), loyalty.Kinds, recipeList()...)
}

func TestEveryLabelReachable(t *testing.T) {
	c := mustNew(t, nil)
	all := append([]loyalty.Kind{loyalty.Unknown}, loyalty.Kinds.Values()...)
	for _, want := range all {
		p, ok := recipes[want]
		if !ok {
			t.Errorf("no recipe for %s", want)
			continue
		}
		if got := c.Classify(&p).Primary; got != want {
			t.Errorf("recipe for %s gives %s", want, got)
		}
	}
	// Generated data reaches every kind too. (It always knows some
	// signals, so never Unknown: the recipe above covers that.)
	seen := map[loyalty.Kind]int{}
	for _, p := range segmenttest.Random(2000, 17) {
		seen[c.Classify(&p).Primary]++
	}
	for _, k := range loyalty.Kinds.Values() {
		if seen[k] == 0 {
			t.Errorf("label %s never assigned over 2000 random profiles (%v)", k, seen)
		}
	}
}

func secondary(want loyalty.Kind) func(segment.Result[loyalty.Kind]) error {
	return func(r segment.Result[loyalty.Kind]) error {
		if r.Secondary != want {
			return fmt.Errorf("secondary %s, want %s", r.Secondary, want)
		}
		return nil
	}
}

func score(k loyalty.Kind, want float32) func(segment.Result[loyalty.Kind]) error {
	return func(r segment.Result[loyalty.Kind]) error {
		if got := r.Scores[k]; fmt.Sprintf("%.4f", got) != fmt.Sprintf("%.4f", want) {
			return fmt.Errorf("score of %s %v, want %v", k, got, want)
		}
		return nil
	}
}

// Every threshold with a case on each side of it, at the defaults.
func TestThresholds(t *testing.T) {
	c := mustNew(t, nil)
	type C = segmenttest.Case[loyalty.Kind]
	type P = segment.Profile
	some := segment.Some[int]
	// A regular buyer, active: behavioural at 1, the competitor for the
	// emotional and personal markers below.
	regular := func(set func(p *P)) P { return buyer(3, 200, 10, set) }
	segmenttest.Run(t, c,
		C{Name: "nothing known", Profile: prospect(nil), Want: loyalty.Unknown, Why: "no evidence either way"},
		C{Name: "zero profile", Profile: segment.Profile{}, Want: loyalty.Unknown, Why: "no evidence either way"},
		C{Name: "prospect outside the programme", Want: loyalty.None, Check: score(loyalty.None, 1),
			Profile: prospect(func(p *P) { p.Signals.LoyaltyMember = segment.Some(false) }),
			Why:     "known: nothing holds them"},
		C{Name: "a fan who never bought", Want: loyalty.Personal,
			Profile: prospect(func(p *P) { p.Signals.Referrals = some(4) }),
			Why:     "fans of a brand recommend it before they can afford it"},

		// repeat_occasions = 3.
		C{Name: "one purchase", Profile: buyer(1, 30, 30, nil), Want: loyalty.None, Check: score(loyalty.Behavioural, 1.0/3),
			Why: "a single purchase is no habit"},
		C{Name: "repeat_occasions: 2, against a reviewer", Want: loyalty.Personal, Check: secondary(loyalty.Behavioural),
			Profile: buyer(2, 100, 10, func(p *P) { p.Signals.PositiveReviews = some(2) }),
			Why:     "repeat 2/3 ties voice 2/3: the deeper bond wins"},
		C{Name: "repeat_occasions: 3, against a reviewer", Want: loyalty.Behavioural, Check: secondary(loyalty.Personal),
			Profile: buyer(3, 100, 10, func(p *P) { p.Signals.PositiveReviews = some(2) }),
			Why:     "a full habit outweighs two reviews of three"},

		// active_days = 365.
		C{Name: "active_days: 365 days", Profile: buyer(3, 400, 365, nil), Want: loyalty.Behavioural,
			Why: "still within the year"},
		C{Name: "active_days: 366 days", Profile: buyer(3, 401, 366, nil), Want: loyalty.None,
			Check: score(loyalty.Behavioural, 0), Why: "the habit is gone"},
		C{Name: "active_days: an emotional customer who left", Want: loyalty.None,
			Profile: buyer(5, 900, 400, func(p *P) { p.Signals.ServiceRequests = some(6) }),
			Why:     "recognition needs the customer to come"},
		C{Name: "active_days: a fan who paused", Want: loyalty.Personal,
			Profile: buyer(5, 900, 400, func(p *P) { p.Signals.Referrals = some(2) }),
			Why:     "personal loyalty outlasts a pause"},

		// redeem_share = 0.5.
		C{Name: "redeem_share: half redeemed", Want: loyalty.Behavioural, Check: score(loyalty.Behavioural, 1),
			Profile: prospect(func(p *P) { p.Signals.BonusEarned, p.Signals.BonusRedeemed = segment.Some(100.0), segment.Some(50.0) }),
			Why:     "uses the rewards: the benefit is obvious"},
		C{Name: "redeem_share: a little less", Want: loyalty.Behavioural, Check: score(loyalty.Behavioural, 0.98),
			Profile: prospect(func(p *P) { p.Signals.BonusEarned, p.Signals.BonusRedeemed = segment.Some(100.0), segment.Some(49.0) }),
			Why:     "49% of 50%"},
		C{Name: "a quarter redeemed: a kind from 0.5", Want: loyalty.Behavioural, Check: score(loyalty.None, 0.5),
			Profile: prospect(func(p *P) { p.Signals.BonusEarned, p.Signals.BonusRedeemed = segment.Some(100.0), segment.Some(25.0) }),
			Why:     "0.5 against None's 0.5: the kind wins the tie"},
		C{Name: "a fifth redeemed", Want: loyalty.None, Check: secondary(loyalty.Behavioural),
			Profile: prospect(func(p *P) { p.Signals.BonusEarned, p.Signals.BonusRedeemed = segment.Some(100.0), segment.Some(20.0) }),
			Why:     "0.4: the rewards barely hold them"},
		C{Name: "redeemed, earnings unknown", Want: loyalty.Unknown,
			Profile: prospect(func(p *P) { p.Signals.BonusRedeemed = segment.Some(10.0) }),
			Why:     "the share redeemed needs both amounts"},
		C{Name: "earned nothing", Want: loyalty.None,
			Profile: prospect(func(p *P) { p.Signals.BonusEarned, p.Signals.BonusRedeemed = segment.Some(0.0), segment.Some(0.0) }),
			Why:     "no reward holds them"},

		// service_requests = 2.
		C{Name: "service_requests: 1", Want: loyalty.Behavioural, Check: secondary(loyalty.Emotional),
			Profile: regular(func(p *P) { p.Signals.ServiceRequests = some(1) }), Why: "half way to recognition"},
		C{Name: "service_requests: 2", Want: loyalty.Emotional, Check: secondary(loyalty.Behavioural),
			Profile: regular(func(p *P) { p.Signals.ServiceRequests = some(2) }), Why: "asks for their person: the usual"},

		// premium_share = 0.5.
		C{Name: "premium_share: 4 of 10", Want: loyalty.Behavioural, Check: score(loyalty.Emotional, 0.8),
			Profile: buyer(10, 300, 10, func(p *P) { p.PremiumBuys = some(4) }), Why: "below the status share"},
		C{Name: "premium_share: 5 of 10", Want: loyalty.Emotional,
			Profile: buyer(10, 300, 10, func(p *P) { p.PremiumBuys = some(5) }), Why: "buys the premium end: status"},

		// tenure_days = 365, staff_contacts = 12.
		C{Name: "known to staff", Want: loyalty.Emotional,
			Profile: buyer(3, 365, 10, func(p *P) { p.Signals.StoreVisits = some(12) }), Why: "a year and twelve visits"},
		C{Name: "tenure_days: a day short", Want: loyalty.Behavioural,
			Profile: buyer(3, 364, 10, func(p *P) { p.Signals.StoreVisits = some(12) }), Why: "not yet a year"},
		C{Name: "staff_contacts: one short", Want: loyalty.Behavioural,
			Profile: buyer(3, 365, 10, func(p *P) { p.Signals.StoreVisits = some(11) }), Why: "eleven contacts"},
		C{Name: "staff_contacts: visits and calls add up", Want: loyalty.Emotional,
			Profile: buyer(3, 365, 10, func(p *P) { p.Signals.StoreVisits, p.Signals.Calls = some(6), some(6) }),
			Why:     "six visits and six calls"},

		// referrals = 2, social_posts = 3, positive_reviews = 3.
		C{Name: "referrals: 1", Want: loyalty.Behavioural, Check: secondary(loyalty.Personal),
			Profile: regular(func(p *P) { p.Signals.Referrals = some(1) }), Why: "half a fan"},
		C{Name: "referrals: 2", Want: loyalty.Personal, Check: secondary(loyalty.Behavioural),
			Profile: regular(func(p *P) { p.Signals.Referrals = some(2) }), Why: "recommends again and again"},
		C{Name: "social_posts: 2", Want: loyalty.Behavioural,
			Profile: regular(func(p *P) { p.Signals.SocialPosts = some(2) }), Why: "below 3 posts"},
		C{Name: "social_posts: 3", Want: loyalty.Personal,
			Profile: regular(func(p *P) { p.Signals.SocialPosts = some(3) }), Why: "speaks for the brand"},
		C{Name: "positive_reviews: 2", Want: loyalty.Behavioural,
			Profile: regular(func(p *P) { p.Signals.PositiveReviews = some(2) }), Why: "below 3 reviews"},
		C{Name: "positive_reviews: 3", Want: loyalty.Personal,
			Profile: regular(func(p *P) { p.Signals.PositiveReviews = some(3) }), Why: "praises the brand"},
		C{Name: "ambassador: no", Want: loyalty.Behavioural,
			Profile: regular(func(p *P) { p.Signals.Ambassador = segment.Some(false) }), Why: "not in the programme, no evidence against"},
		C{Name: "ambassador: yes", Want: loyalty.Personal,
			Profile: regular(func(p *P) { p.Signals.Ambassador = segment.Some(true) }), Why: "an ambassador"},

		// Staying through failures: the last purchase after the latest complaint.
		C{Name: "bought again after a complaint", Want: loyalty.Personal,
			Profile: regular(func(p *P) {
				p.Signals.Complaints, p.Signals.LastComplaint = some(1), segment.Some(asOf.AddDays(-11))
			}),
			Why: "complained 11 days ago, bought 10 days ago: stays through failures"},
		C{Name: "complained on the day of the last purchase", Want: loyalty.Behavioural,
			Profile: regular(func(p *P) {
				p.Signals.Complaints, p.Signals.LastComplaint = some(1), segment.Some(asOf.AddDays(-10))
			}),
			Why: "not bought since"},
		C{Name: "negative review after the last purchase", Want: loyalty.Behavioural,
			Profile: regular(func(p *P) {
				p.Signals.NegativeReviews, p.Signals.LastNegativeReview = some(1), segment.Some(asOf.AddDays(-3))
			}),
			Why: "the latest failure counts, and nothing was bought after it"},
		C{Name: "a later failure does not undo staying", Want: loyalty.Personal,
			Profile: regular(func(p *P) {
				p.Signals.LastComplaint, p.Signals.LastNegativeReview = segment.Some(asOf.AddDays(-30)), segment.Some(asOf.AddDays(-3))
			}),
			Why: "bought 10 days ago, after the complaint of 30 days ago"},
		C{Name: "a fan with 2 purchases stays through", Want: loyalty.Personal, Check: score(loyalty.Personal, 2.0/3),
			Profile: buyer(2, 100, 10, func(p *P) { p.Signals.LastComplaint = segment.Some(asOf.AddDays(-50)) }),
			Why:     "bought again after complaining; 2 of 3 purchases ties repeat purchases, the deeper bond wins"},
		C{Name: "complained, date unknown", Want: loyalty.Behavioural,
			Profile: regular(func(p *P) { p.Signals.Complaints = some(2) }),
			Why:     "cannot tell whether they came back after it"},
		C{Name: "no complaints", Want: loyalty.Behavioural, Check: score(loyalty.Personal, 0),
			Profile: regular(func(p *P) { p.Signals.Complaints = some(0) }),
			Why:     "nothing to stay through; no evidence against either"},
	)
}

// The full result for one profile, with the confidence worked by hand.
func TestResult(t *testing.T) {
	c := mustNew(t, nil)
	p := buyer(3, 200, 10, func(p *segment.Profile) {
		s := &p.Signals
		s.ServiceRequests, s.Referrals, s.Ambassador, s.Complaints = segment.Some(1), segment.Some(0), segment.Some(false), segment.Some(0)
		s.LoyaltyMember, s.BonusEarned, s.BonusRedeemed = segment.Some(true), segment.Some(100.0), segment.Some(30.0)
	})
	// Markers: repeat 1, rewards 0.3/0.5 = 0.6; recognition 0.5, status
	// and staff unknown; referrals 0, posts and reviews unknown,
	// ambassador 0, stayed 0 (no complaint). Confidence: the 2
	// behavioural markers known, against those plus the 8 markers of the
	// deeper kinds, 4 of them known: (2+4)/(2+8).
	want := segment.Result[loyalty.Kind]{Primary: loyalty.Behavioural, Secondary: loyalty.Emotional, Confidence: 0.6}
	want.Scores[loyalty.Behavioural] = 1
	want.Scores[loyalty.Emotional] = 0.5
	if diff := cmp.Diff(want, c.Classify(&p)); diff != "" {
		t.Errorf("Classify (-want +got):\n%s", diff)
	}
}

func TestConfidenceFallsWithMissingEvidence(t *testing.T) {
	c := mustNew(t, nil)
	allKnown := func(p *segment.Profile) {
		s := &p.Signals
		s.ServiceRequests, s.StoreVisits, s.Calls = segment.Some(0), segment.Some(0), segment.Some(0)
		s.Referrals, s.SocialPosts, s.PositiveReviews = segment.Some(0), segment.Some(0), segment.Some(0)
		s.Ambassador, s.Complaints, s.LoyaltyMember = segment.Some(false), segment.Some(0), segment.Some(false)
		p.PremiumBuys = segment.Some(0)
	}
	without := func(drop func(p *segment.Profile)) func(p *segment.Profile) {
		return func(p *segment.Profile) { allKnown(p); drop(p) }
	}
	for _, tc := range []struct {
		name       string
		more, less segment.Profile
	}{
		{"behavioural: deeper kinds unknown", buyer(3, 200, 10, allKnown), buyer(3, 200, 10, nil)},
		{"behavioural: referrals unknown", buyer(3, 200, 10, allKnown),
			buyer(3, 200, 10, without(func(p *segment.Profile) { p.Signals.Referrals = segment.Opt[int]{} }))},
		{"none: service requests unknown", buyer(1, 10, 10, allKnown),
			buyer(1, 10, 10, without(func(p *segment.Profile) { p.Signals.ServiceRequests = segment.Opt[int]{} }))},
		{"emotional: personal markers unknown",
			buyer(3, 200, 10, without(func(p *segment.Profile) { p.Signals.ServiceRequests = segment.Some(2) })),
			buyer(3, 200, 10, func(p *segment.Profile) { p.Signals.ServiceRequests = segment.Some(2) })},
	} {
		more, less := c.Classify(&tc.more), c.Classify(&tc.less)
		if more.Primary != less.Primary {
			t.Errorf("%s: the kinds differ (%s, %s); the test needs the same kind", tc.name, more.Primary, less.Primary)
		}
		if !(less.Confidence < more.Confidence) {
			t.Errorf("%s: confidence %v with less evidence, %v with more; want lower", tc.name, less.Confidence, more.Confidence)
		}
	}
	// A full personal marker cannot be outranked: what else is unknown
	// does not matter.
	fan := buyer(3, 200, 10, func(p *segment.Profile) { p.Signals.Referrals = segment.Some(2) })
	if got := c.Classify(&fan).Confidence; got != 1 {
		t.Errorf("fan's confidence %v, want 1", got)
	}
}

// Unknown signals are never evidence against a kind: making a signal
// known can only raise a kind's score.
func TestUnknownIsNoEvidenceAgainst(t *testing.T) {
	c := mustNew(t, nil)
	names := segment.SignalNames()
	for _, p := range segmenttest.Random(300, 23) {
		before := c.Classify(&p)
		for _, name := range names {
			q := p
			if err := q.Signals.Set(name, ""); err != nil {
				t.Fatal(err)
			}
			after := c.Classify(&q) // q knows less than p
			for _, k := range []loyalty.Kind{loyalty.Behavioural, loyalty.Emotional, loyalty.Personal} {
				if after.Scores[k] > before.Scores[k] {
					t.Fatalf("%s: forgetting %s raises %s from %v to %v", p.ID, name, k, before.Scores[k], after.Scores[k])
				}
			}
		}
	}
}

func TestExplain(t *testing.T) {
	c := mustNew(t, nil)
	p := buyer(3, 200, 10, func(p *segment.Profile) {
		p.Signals.ServiceRequests, p.Signals.Referrals = segment.Some(2), segment.Some(1)
	})
	ex := c.Explain(&p)
	if diff := cmp.Diff(c.Classify(&p), ex.Result); diff != "" {
		t.Errorf("Explain disagrees with Classify (-classify +explain):\n%s", diff)
	}
	want := []string{
		"behavioural.repeat[behavioural] occasions=3 >= 3 repeat_occasions true",
		"behavioural.rewards[behavioural] bonus_redeemed/bonus_earned=? >= 0.5 redeem_share false",
		"emotional.recognition[emotional] service_requests=2 >= 2 service_requests true",
		"emotional.status[emotional] premium_share=? >= 0.5 premium_share false",
		"emotional.tenure[emotional] tenure_days=200 >= 365 tenure_days false",
		"emotional.staff_contacts[emotional] store_visits+calls=? >= 12 staff_contacts false",
		"personal.referrals[personal] referrals=1 >= 2 referrals false",
		"personal.social_posts[personal] social_posts=? >= 3 social_posts false",
		"personal.positive_reviews[personal] positive_reviews=? >= 3 positive_reviews false",
		"personal.ambassador[personal] ambassador=? == 1 - false",
		"personal.stayed[personal] complaints+negative_reviews=? > 0 - false",
		"active[] recency_days=10 <= 365 active_days true",
		"none[none] max(behavioural, emotional, personal)=1 < 0.5 - false",
	}
	if diff := cmp.Diff(want, briefs(ex.Reasons)); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	// Derived inputs carry their own titles.
	for _, r := range ex.Reasons {
		if _, registered := segment.LookupField(r.Field); !registered && (r.FieldEN == "" || r.FieldRU == "") {
			t.Errorf("reason %s: input %q has no titles", r.Rule, r.Field)
		}
	}
	if ex.Result.Primary != loyalty.Emotional || ex.Result.Secondary != loyalty.Behavioural {
		t.Errorf("got %s/%s, want emotional/behavioural", ex.Result.Primary, ex.Result.Secondary)
	}
}

// The stay-through-failure marker, reason by reason.
func TestExplainStayed(t *testing.T) {
	c := mustNew(t, nil)
	for _, tc := range []struct {
		name string
		p    segment.Profile
		want string
	}{
		{"no failure", buyer(3, 200, 10, func(p *segment.Profile) { p.Signals.Complaints = segment.Some(0) }),
			"personal.stayed[personal] complaints+negative_reviews=0 > 0 - false"},
		{"bought after", buyer(3, 200, 10, func(p *segment.Profile) { p.Signals.LastComplaint = segment.Some(asOf.AddDays(-40)) }),
			"personal.stayed[personal] recency_days=10 < 40 - true"},
		{"not since", buyer(3, 200, 10, func(p *segment.Profile) { p.Signals.LastNegativeReview = segment.Some(asOf.AddDays(-5)) }),
			"personal.stayed[personal] recency_days=10 < 5 - false"},
		{"never bought", prospect(func(p *segment.Profile) { p.Signals.LastComplaint = segment.Some(asOf.AddDays(-5)) }),
			"personal.stayed[personal] occasions=0 > 0 - false"},
		// Added as numbers: as ints the two wrapped around to -2.
		{"failures past an int", buyer(3, 200, 10, func(p *segment.Profile) {
			p.Signals.Complaints, p.Signals.NegativeReviews = segment.Some(math.MaxInt), segment.Some(math.MaxInt)
		}), "personal.stayed[personal] complaints+negative_reviews=" + strconv.FormatFloat(2*float64(math.MaxInt), 'g', 6, 64) + " > 0 - false"},
	} {
		var got string
		for _, b := range briefs(c.Explain(&tc.p).Reasons) {
			if strings.HasPrefix(b, "personal.stayed") {
				got = b
			}
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
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

func TestConfig(t *testing.T) {
	cfg, err := loyalty.ParseConfig([]byte(`{"referrals": 3, "redeem_share": 0.3}`))
	require.NoError(t, err)
	want := loyalty.Defaults()
	want.Referrals, want.RedeemShare = 3, 0.3
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("ParseConfig (-want +got):\n%s", diff)
	}
	b, err := json.Marshal(cfg)
	require.NoError(t, err)
	back, err := loyalty.ParseConfig(b)
	require.NoError(t, err)
	if diff := cmp.Diff(cfg, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// The settings change the answers.
	c := mustNew(t, &cfg)
	p := recipes[loyalty.Personal] // 2 referrals: a fan at the default of 2, not at 3
	if got := c.Classify(&p).Primary; got != loyalty.Behavioural {
		t.Errorf("with referrals 3, two referrals give %s; want behavioural", got)
	}
}

func TestInvalidConfig(t *testing.T) {
	for _, tc := range []struct{ json, field, value string }{
		{`{"repeat_occasions": 1}`, "repeat_occasions", "1"},
		{`{"repeat_occasions": 1001}`, "repeat_occasions", "1001"},
		{`{"redeem_share": 1.5}`, "redeem_share", "1.5"},
		{`{"redeem_share": 0.001}`, "redeem_share", "0.001"},
		{`{"active_days": -1}`, "active_days", "-1"},
		{`{"service_requests": 1001}`, "service_requests", "1001"},
		{`{"premium_share": 2}`, "premium_share", "2"},
		{`{"tenure_days": 4000}`, "tenure_days", "4000"},
		{`{"staff_contacts": -12}`, "staff_contacts", "-12"},
		{`{"referrals": -1}`, "referrals", "-1"},
		{`{"social_posts": 10001}`, "social_posts", "10001"},
		{`{"positive_reviews": -3}`, "positive_reviews", "-3"},
		{`{"referrals": "two"}`, "referrals", "string"},
	} {
		_, err := loyalty.ParseConfig([]byte(tc.json))
		var fe *segment.FieldError
		switch {
		case err == nil:
			t.Errorf("%s accepted", tc.json)
		case !errors.As(err, &fe):
			t.Errorf("%s: error %q is not a FieldError", tc.json, err)
		case fe.Field != tc.field || fe.Value != tc.value:
			t.Errorf("%s: error names %s=%q, want %s=%q (%v)", tc.json, fe.Field, fe.Value, tc.field, tc.value, err)
		}
	}
	if _, err := loyalty.ParseConfig([]byte(`{"referals": 2}`)); err == nil {
		t.Error("a misspelt setting is accepted")
	}
	_, err := loyalty.New(&loyalty.Config{PremiumShare: 1.2})
	if err == nil || err.Error() != `loyalty: loyalty config: premium_share "1.2": out of range: want 0.01..1` {
		t.Errorf("New with premium_share 1.2: %v", err)
	}
}

func TestKindText(t *testing.T) {
	for _, k := range append([]loyalty.Kind{loyalty.Unknown}, loyalty.Kinds.Values()...) {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back loyalty.Kind
		require.NoError(t, back.UnmarshalText(b))
		if back != k {
			t.Errorf("%s round-trips to %s", k, back)
		}
		if err := back.UnmarshalText([]byte(k.Title(segment.Russian))); err != nil || back != k {
			t.Errorf("Russian title %q parses to %s, %v", k.Title(segment.Russian), back, err)
		}
	}
	if got := loyalty.Kind(9).String(); got != "Kind(9)" {
		t.Errorf("out of range: %q", got)
	}
	var k loyalty.Kind
	if err := k.UnmarshalText([]byte("Personal Loyalty")); err != nil || k != loyalty.Personal {
		t.Errorf("case-insensitive title: %s, %v", k, err)
	}
	// A result travels as JSON with kinds by name and comes back whole.
	c := mustNew(t, nil)
	p := recipes[loyalty.Emotional]
	want := c.Classify(&p)
	b, err := json.Marshal(want)
	require.NoError(t, err)
	var back segment.Result[loyalty.Kind]
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
	}
}

func BenchmarkClassify(b *testing.B) {
	c := mustNew(b, nil)
	p := buyer(5, 400, 10, func(p *segment.Profile) {
		s := &p.Signals
		s.ServiceRequests, s.StoreVisits, s.Referrals, s.PositiveReviews = segment.Some(1), segment.Some(8), segment.Some(1), segment.Some(2)
		s.Ambassador, s.Complaints, s.LastComplaint = segment.Some(false), segment.Some(1), segment.Some(asOf.AddDays(-30))
		s.LoyaltyMember, s.BonusEarned, s.BonusRedeemed = segment.Some(true), segment.Some(120.0), segment.Some(40.0)
		p.PremiumBuys = segment.Some(1)
	})
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Classify(&p)
	}
}
