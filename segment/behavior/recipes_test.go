package behavior_test

import (
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// recipes is one customer per type for whom that type is primary with the
// default configuration and the test cuts. They are the recipes for
// generating sample data in which every type occurs.
func recipes() []tcase {
	return []tcase{
		{Name: "unknown", Want: behavior.Unknown, Profile: segment.Profile{AsOf: asOf},
			Why: "nothing known about a customer who never bought"},
		{Name: "dissatisfied", Want: behavior.Dissatisfied, Tags: []behavior.Type{behavior.Regular},
			Profile: buyer(3, 60, 5, signals(func(s *segment.Signals) { s.Complaints, s.LastComplaint = segment.Some(1), daysAgo(10) })),
			Why:     "a regular customer who complained 10 days ago: the complaint comes first"},
		{Name: "one_time", Want: behavior.OneTime, Tags: []behavior.Type{behavior.Sleeping, behavior.UnderClient},
			Profile: buyer(1, 120, 120), Why: "one purchase 120 days ago"},
		{Name: "under_client", Want: behavior.UnderClient, Tags: []behavior.Type{behavior.Sleeping},
			Profile: buyer(2, 350, 250), Why: "two purchases 100 days apart, the last 250 days ago (> 2 × 100)"},
		{Name: "lost", Want: behavior.Lost, Profile: buyer(5, 900, 400), Why: "five purchases, the last 400 days ago"},
		{Name: "lost by mark", Want: behavior.Lost,
			Profile: buyer(5, 300, 10, signals(func(s *segment.Signals) { s.Churned = segment.Some(true) })),
			Why:     "staff marked the customer churned"},
		{Name: "sleeping", Want: behavior.Sleeping, Profile: buyer(5, 400, 200),
			Why: "five purchases 50 days apart, the last 200 days ago (> max(90, 100))"},
		{Name: "super_consumer", Want: behavior.SuperConsumer, Tags: []behavior.Type{behavior.Regular},
			Profile: buyer(12, 200, 5, revenue(5000)), Why: "12 purchases (> 10) and revenue 5000 (> 2000), active"},
		{Name: "gold", Want: behavior.Gold, Tags: []behavior.Type{behavior.Regular},
			Profile: buyer(6, 500, 10, revenue(3000)), Why: "revenue 3000 (> 1000), first purchase 500 days ago, active"},
		{Name: "lead_user", Want: behavior.LeadUser,
			Profile: buyer(2, 100, 10, revenue(3000), signals(func(s *segment.Signals) { s.B2B = segment.Some(true) })),
			Why:     "a business with revenue 3000 (> 1000)"},
		{Name: "fan", Want: behavior.Fan, Tags: []behavior.Type{behavior.Regular},
			Profile: buyer(4, 150, 10, signals(func(s *segment.Signals) { s.Referrals = segment.Some(2) })),
			Why:     "a regular customer who brought two others"},
		{Name: "status by order value", Want: behavior.Status, Profile: buyer(2, 60, 5, revenue(800)),
			Why: "average order 400 (> 300)"},
		{Name: "status by premium", Want: behavior.Status,
			Profile: buyer(2, 60, 5, func(p *segment.Profile) { p.PremiumBuys = segment.Some(1) }),
			Why:     "half the purchases include a premium item"},
		{Name: "pioneer", Want: behavior.Pioneer,
			Profile: buyer(2, 60, 5, func(p *segment.Profile) { p.NewProducts = segment.Some(1) }),
			Why:     "one of two purchases includes a new product"},
		{Name: "regular", Want: behavior.Regular, Profile: buyer(3, 60, 5), Why: "three purchases a month apart, the last 5 days ago"},
		{Name: "rare", Want: behavior.Rare, Profile: buyer(2, 400, 10), Why: "two purchases 390 days apart"},
		{Name: "detail_seeker", Want: behavior.DetailSeeker, Tags: []behavior.Type{behavior.Newcomer},
			Profile: buyer(1, 10, 10, signals(func(s *segment.Signals) { s.ComparisonsViewed, s.LongReads = segment.Some(3), segment.Some(2) })),
			Why:     "five comparisons and spec sheets for one purchase"},
		{Name: "new", Want: behavior.Newcomer, Profile: buyer(1, 10, 10), Why: "one purchase 10 days ago"},
		{Name: "inquirer_hot", Want: behavior.HotInquirer, Tags: []behavior.Type{behavior.Potential},
			Profile: prospect(signals(func(s *segment.Signals) { s.Inquiries, s.LastInquiry = segment.Some(1), daysAgo(3) })),
			Why:     "asked 3 days ago, never bought"},
		{Name: "inquirer_cold", Want: behavior.ColdInquirer, Tags: []behavior.Type{behavior.Potential},
			Profile: prospect(signals(func(s *segment.Signals) { s.Inquiries, s.LastInquiry = segment.Some(1), daysAgo(30) })),
			Why:     "asked 30 days ago, never bought"},
		{Name: "potential", Want: behavior.Potential,
			Profile: prospect(signals(func(s *segment.Signals) { s.SiteVisits = segment.Some(3) })),
			Why:     "visited the site, never bought"},
		{Name: "problem", Want: behavior.Problem,
			Profile: buyer(2, 60, 5, signals(func(s *segment.Signals) { s.Complaints = segment.Some(3) })),
			Why:     "three complaints; two purchases with a short gap fit no other type"},
		{Name: "impossible", Want: behavior.Impossible,
			Profile: buyer(2, 60, 5, signals(func(s *segment.Signals) { s.SupportRequests = segment.Some(5) })),
			Why:     "2.5 support requests per purchase"},
		{Name: "bargain_only", Want: behavior.BargainOnly,
			Profile: buyer(2, 60, 5, func(p *segment.Profile) { p.Discounted = segment.Some(2) }),
			Why:     "both purchases on discount"},
	}
}

func TestEveryTypeReachableAsPrimary(t *testing.T) {
	c := mustNew(t, nil)
	cases := recipes()
	segmenttest.Run(t, c, cases...)
	seen := map[behavior.Type]bool{}
	for _, tc := range cases {
		seen[tc.Want] = true
	}
	for _, ty := range append(behavior.Types.Values(), behavior.Unknown) {
		if !seen[ty] {
			t.Errorf("no recipe makes %s primary", ty)
		}
	}
}
