package ladder_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
)

// The next step from every rung, as data and as text.
func TestNext(t *testing.T) {
	c := mustNew(t, nil)
	some := segment.Some[int]
	for _, tc := range []struct {
		name   string
		p      segment.Profile
		cfg    *ladder.Config
		want   ladder.Step
		en, ru string
	}{
		{
			name: "unknown: a first sign of interest",
			p:    prospect(nil),
			want: ladder.Step{From: ladder.Unknown, To: ladder.Potential, Field: "inquiries", Need: 1, Setting: "interest_inquiries"},
			en:   "a first inquiry", ru: "первое обращение",
		},
		{
			name: "potential: a first purchase",
			p:    prospect(func(s *segment.Signals) { s.SiteVisits = segment.Some(2) }),
			want: ladder.Step{From: ladder.Potential, To: ladder.NewCustomer, Field: "occasions", Need: 1},
			en:   "a first purchase", ru: "первая покупка",
		},
		{
			name: "new: one more purchase before lapsing",
			// Gap 100 days, so the bound is 200 days; 30 used, 170 left.
			p:    buyer(2, 130, 30, nil),
			want: ladder.Step{From: ladder.NewCustomer, To: ladder.Regular, Field: "occasions", Have: 2, Need: 1, Within: some(170), Setting: "regular_occasions"},
			en:   "one more purchase within 170 days", ru: "ещё одна покупка в течение 170 дней",
		},
		{
			name: "new: two more, the next within a day",
			p:    buyer(1, 179, 179, nil),
			want: ladder.Step{From: ladder.NewCustomer, To: ladder.Regular, Field: "occasions", Have: 1, Need: 2, Within: some(1), Setting: "regular_occasions"},
			en:   "2 more purchases, the next within 1 day", ru: "ещё 2 покупки, следующая — в течение 1 дня",
		},
		{
			name: "new: the last active day",
			p:    buyer(1, 180, 180, nil),
			want: ladder.Step{From: ladder.NewCustomer, To: ladder.Regular, Field: "occasions", Have: 1, Need: 2, Within: some(0), Setting: "regular_occasions"},
			en:   "2 more purchases, the next today", ru: "ещё 2 покупки, следующая — сегодня",
		},
		{
			name: "new: purchase dates unknown, so no deadline",
			p:    segment.Profile{AsOf: asOf, Occasions: 1, Orders: 1, Revenue: 10},
			want: ladder.Step{From: ladder.NewCustomer, To: ladder.Regular, Field: "occasions", Have: 1, Need: 2, Setting: "regular_occasions"},
			en:   "2 more purchases", ru: "ещё 2 покупки",
		},
		{
			name: "regular: a first referral",
			p:    buyer(3, 200, 20, nil),
			want: ladder.Step{From: ladder.Regular, To: ladder.Advocate, Field: "referrals", Need: 1, Setting: "advocate_referrals"},
			en:   "a first referral", ru: "первая рекомендация",
		},
		{
			name: "regular: the nearest indicator, one review short",
			p:    buyer(3, 200, 20, func(s *segment.Signals) { s.Referrals, s.PositiveReviews = segment.Some(0), segment.Some(1) }),
			want: ladder.Step{From: ladder.Regular, To: ladder.Advocate, Field: "positive_reviews", Have: 1, Need: 1, Setting: "advocate_positive_reviews"},
			en:   "one more positive review", ru: "ещё один положительный отзыв",
		},
		{
			name: "regular: posts, with a higher bar",
			p:    buyer(3, 200, 20, func(s *segment.Signals) { s.SocialPosts = segment.Some(1) }),
			cfg:  &ladder.Config{AdvocateSocialPosts: 5},
			want: ladder.Step{From: ladder.Regular, To: ladder.Advocate, Field: "social_posts", Have: 1, Need: 4, Setting: "advocate_social_posts"},
			en:   "4 more posts about the brand", ru: "ещё 4 публикации о бренде",
		},
		{
			name: "advocate: a first co-creation session",
			p:    buyer(3, 200, 20, func(s *segment.Signals) { s.Referrals = segment.Some(1) }),
			want: ladder.Step{From: ladder.Advocate, To: ladder.Partner, Field: "co_creation", Need: 1, Setting: "partner_co_creation"},
			en:   "a first co-creation session", ru: "первое участие в создании продуктов",
		},
		{
			name: "partner: stay involved, do not lapse",
			// Gap 90 days: 2 x 90 does not exceed 180, so 180 applies.
			p:    buyer(3, 200, 20, func(s *segment.Signals) { s.Ambassador = segment.Some(true) }),
			want: ladder.Step{From: ladder.Partner, To: ladder.Partner, Field: "occasions", Have: 3, Need: 1, Within: some(160), Setting: "lapsed_days"},
			en:   "the next purchase within 160 days", ru: "следующая покупка в течение 160 дней",
		},
		{
			name: "lapsed: come back to the rung reached",
			p:    buyer(3, 401, 201, nil),
			want: ladder.Step{From: ladder.Lapsed, To: ladder.Regular, Field: "occasions", Have: 3, Need: 1, Within: some(30), Setting: "win_back_days"},
			en:   "a purchase within 30 days", ru: "покупка в течение 30 дней",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cl := c
			if tc.cfg != nil {
				cl = mustNew(t, tc.cfg)
			}
			got := cl.Next(&tc.p)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Next (-want +got):\n%s", diff)
			}
			if r := cl.Classify(&tc.p); got.From != r.Primary {
				t.Errorf("step from %s, Classify says %s", got.From, r.Primary)
			}
			if diff := cmp.Diff(tc.en, got.Text(segment.English)); diff != "" {
				t.Errorf("English (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.ru, got.Text(segment.Russian)); diff != "" {
				t.Errorf("Russian (-want +got):\n%s", diff)
			}
		})
	}
}

// Russian numerals govern the noun: 1 and 21 one form, 2-4 and 22-24
// another, 5-20 and 11-14 the third.
func TestStepRussianPlurals(t *testing.T) {
	step := func(need, days int) ladder.Step {
		return ladder.Step{From: ladder.NewCustomer, To: ladder.Regular, Field: "occasions", Have: 1, Need: need, Within: segment.Some(days)}
	}
	for _, tc := range []struct {
		step ladder.Step
		want string
	}{
		{step(5, 11), "ещё 5 покупок, следующая — в течение 11 дней"},
		{step(12, 21), "ещё 12 покупок, следующая — в течение 21 дня"},
		{step(21, 2), "ещё 21 покупка, следующая — в течение 2 дней"},
		{step(22, 101), "ещё 22 покупки, следующая — в течение 101 дня"},
		{step(111, 111), "ещё 111 покупок, следующая — в течение 111 дней"},
		{ladder.Step{From: ladder.Regular, To: ladder.Advocate, Field: "positive_reviews", Have: 0, Need: 3}, "ещё 3 положительных отзыва"},
		{ladder.Step{From: ladder.Regular, To: ladder.Advocate, Field: "positive_reviews", Have: 0, Need: 7}, "ещё 7 положительных отзывов"},
		{ladder.Step{From: ladder.Advocate, To: ladder.Partner, Field: "co_creation", Have: 1, Need: 1}, "ещё одно участие в создании продуктов"},
		{ladder.Step{}, ""},
	} {
		if diff := cmp.Diff(tc.want, tc.step.Text(segment.Russian)); diff != "" {
			t.Errorf("%+v (-want +got):\n%s", tc.step, diff)
		}
	}
	if got := (ladder.Step{From: ladder.Regular, To: ladder.Advocate, Field: "referrals", Have: 2, Need: 3}).String(); got != "3 more referrals" {
		t.Errorf("String = %q", got)
	}
}

func TestStepJSON(t *testing.T) {
	c := mustNew(t, nil)
	p := buyer(2, 130, 30, nil)
	b, err := json.Marshal(c.Next(&p))
	require.NoError(t, err)
	want := `{"from":"new","to":"regular","field":"occasions","have":2,"need":1,"within":170,"setting":"regular_occasions"}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
	var back ladder.Step
	require.NoError(t, json.Unmarshal(b, &back))
	if diff := cmp.Diff(c.Next(&p), back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// No deadline: the field is left out.
	q := prospect(func(s *segment.Signals) { s.Inquiries = segment.Some(3) })
	b, err = json.Marshal(c.Next(&q))
	require.NoError(t, err)
	if diff := cmp.Diff(`{"from":"potential","to":"new","field":"occasions","have":0,"need":1}`, string(b)); diff != "" {
		t.Errorf("JSON without a deadline (-want +got):\n%s", diff)
	}
}

// Next never panics and always names a step, on any profile.
func TestNextTotal(t *testing.T) {
	c := mustNew(t, nil)
	for _, p := range append(recipeList(), extremeAndRandom()...) {
		st := c.Next(&p)
		if st.Field == "" || st.Need < 1 || st.Text(segment.English) == "" || st.Text(segment.Russian) == "" {
			t.Errorf("%s: empty or invalid step %+v", p.ID, st)
		}
		if w, ok := st.Within.Get(); ok && w < 0 {
			t.Errorf("%s: negative deadline %+v", p.ID, st)
		}
	}
}
