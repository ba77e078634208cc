package behavior_test

import (
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// Every threshold of the default configuration, one step on each side.
// Want is the expected primary; Tags and lacks pin the type under test
// when it is not primary.
func TestThresholdBoundaries(t *testing.T) {
	c := mustNew(t, nil)
	visits := func(n int) func(p *segment.Profile) {
		return signals(func(s *segment.Signals) { s.SiteVisits = segment.Some(n) })
	}
	asked := func(days int) func(p *segment.Profile) {
		return signals(func(s *segment.Signals) { s.Inquiries, s.LastInquiry = segment.Some(1), daysAgo(days) })
	}
	has := func(ts ...behavior.Type) []behavior.Type { return ts }
	segmenttest.Run(t, c,
		// potential_contacts = 1
		tcase{Name: "potential: no contact", Want: behavior.Unknown, Profile: prospect(func(p *segment.Profile) {
			p.Signals = allZero()
		}), Why: "every contact known to be zero"},
		tcase{Name: "potential: one contact", Want: behavior.Potential, Profile: prospect(func(p *segment.Profile) {
			p.Signals = allZero()
			p.Signals.SiteVisits = segment.Some(1)
		})},
		tcase{Name: "potential: a buyer is not", Want: behavior.Newcomer, Profile: buyer(1, 5, 5, visits(9)), Check: lacks(behavior.Potential)},
		tcase{Name: "potential: a dated inquiry counts as one", Want: behavior.ColdInquirer, Tags: has(behavior.Potential),
			Profile: prospect(signals(func(s *segment.Signals) { s.LastInquiry = daysAgo(40) }))},

		// hot_inquiry_days = 14
		tcase{Name: "hot: 14 days", Want: behavior.HotInquirer, Profile: prospect(asked(14))},
		tcase{Name: "cold: 15 days", Want: behavior.ColdInquirer, Profile: prospect(asked(15))},
		// no purchase since the inquiry
		tcase{Name: "hot: asked after the last purchase", Want: behavior.Newcomer, Tags: has(behavior.HotInquirer), Profile: buyer(1, 10, 10, asked(9))},
		tcase{Name: "hot: asked on the day of the purchase", Want: behavior.Newcomer, Profile: buyer(1, 10, 10, asked(10)), Check: lacks(behavior.HotInquirer, behavior.ColdInquirer)},
		tcase{Name: "inquiries known zero", Want: behavior.Unknown, Profile: prospect(signals(func(s *segment.Signals) { s.Inquiries = segment.Some(0) })), Check: lacks(behavior.HotInquirer, behavior.ColdInquirer)},

		// new_days = 90
		tcase{Name: "new: 90 days", Want: behavior.Newcomer, Profile: buyer(1, 90, 90)},
		tcase{Name: "one_time: 91 days", Want: behavior.OneTime, Profile: buyer(1, 91, 91), Check: lacks(behavior.Newcomer)},

		// rare_gap_days = 180 (for rare and for regular)
		tcase{Name: "rare: gap 180", Want: behavior.Unknown, Profile: buyer(2, 190, 10), Check: lacks(behavior.Rare)},
		tcase{Name: "rare: gap 181", Want: behavior.Rare, Profile: buyer(2, 191, 10)},
		tcase{Name: "regular: gap 180", Want: behavior.Regular, Profile: buyer(3, 370, 10)},
		tcase{Name: "regular: gap 181 is rare", Want: behavior.Rare, Profile: buyer(3, 372, 10), Check: lacks(behavior.Regular)},

		// regular_occasions = 3
		tcase{Name: "regular: 2 purchases", Want: behavior.Unknown, Profile: buyer(2, 60, 5), Check: lacks(behavior.Regular)},
		tcase{Name: "regular: 3 purchases", Want: behavior.Regular, Profile: buyer(3, 60, 5)},
		tcase{Name: "regular: not when sleeping", Want: behavior.Sleeping, Profile: buyer(4, 200, 91), Check: lacks(behavior.Regular)},

		// gold: revenue above the cut (1000), tenure_days 365
		tcase{Name: "gold: revenue at the cut", Want: behavior.Regular, Profile: buyer(6, 500, 10, revenue(1000)), Check: lacks(behavior.Gold)},
		tcase{Name: "gold: revenue above the cut", Want: behavior.Gold, Profile: buyer(6, 500, 10, revenue(1000.01))},
		tcase{Name: "gold: tenure 364", Want: behavior.LeadUser, Profile: buyer(6, 364, 10, revenue(3000), signals(func(s *segment.Signals) { s.B2B = segment.Some(true) })), Check: lacks(behavior.Gold)},
		tcase{Name: "gold: tenure 365", Want: behavior.Gold, Profile: buyer(6, 365, 10, revenue(3000))},
		tcase{Name: "gold: not when sleeping", Want: behavior.Sleeping, Profile: buyer(6, 500, 200, revenue(3000)), Check: lacks(behavior.Gold)},

		// super: purchases above 10 and revenue above 2000
		tcase{Name: "super: 10 purchases", Want: behavior.Regular, Profile: buyer(10, 200, 5, revenue(3000)), Check: lacks(behavior.SuperConsumer)},
		tcase{Name: "super: 11 purchases", Want: behavior.SuperConsumer, Profile: buyer(11, 200, 5, revenue(3300))},
		tcase{Name: "super: revenue 2000", Want: behavior.Regular, Profile: buyer(11, 200, 5, revenue(2000)), Check: lacks(behavior.SuperConsumer)},
		tcase{Name: "super: revenue 2000.5", Want: behavior.SuperConsumer, Profile: buyer(11, 200, 5, revenue(2000.5))},

		// status: average order above 300, or premium share 0.5
		tcase{Name: "status: average order 300", Want: behavior.Unknown, Profile: buyer(2, 60, 5, revenue(600)), Check: lacks(behavior.Status)},
		tcase{Name: "status: average order 300.5", Want: behavior.Status, Profile: buyer(2, 60, 5, revenue(601))},
		tcase{Name: "status: premium 0.5", Want: behavior.Status, Profile: buyer(4, 60, 5, premium(2))},
		tcase{Name: "status: premium 0.25", Want: behavior.Regular, Profile: buyer(4, 60, 5, premium(1)), Check: lacks(behavior.Status)},

		// lead: revenue above 1000 and (b2b or influence 3)
		tcase{Name: "lead: influence 2", Want: behavior.Fan, Profile: buyer(10, 60, 5, revenue(3000), influence(1, 1)), Check: lacks(behavior.LeadUser)},
		tcase{Name: "lead: influence 3", Want: behavior.LeadUser, Profile: buyer(10, 60, 5, revenue(3000), influence(2, 1))},
		tcase{Name: "lead: b2b at the cut", Want: behavior.Regular, Profile: buyer(10, 60, 5, revenue(1000), b2b()), Check: lacks(behavior.LeadUser)},
		tcase{Name: "lead: b2b above the cut", Want: behavior.LeadUser, Profile: buyer(10, 60, 5, revenue(1000.01), b2b())},

		// fan_advocacy = 2
		tcase{Name: "fan: advocacy 1", Want: behavior.Regular, Profile: buyer(4, 150, 10, advocacy(1, 0, 0)), Check: lacks(behavior.Fan)},
		tcase{Name: "fan: advocacy 2", Want: behavior.Fan, Profile: buyer(4, 150, 10, advocacy(1, 0, 1))},
		tcase{Name: "fan: not without being regular", Want: behavior.Unknown, Profile: buyer(2, 60, 10, advocacy(5, 5, 5)), Check: lacks(behavior.Fan)},

		// pioneer_new_share = 0.5, pioneer_min_occasions = 2
		tcase{Name: "pioneer: share 1/3", Want: behavior.Regular, Profile: buyer(3, 60, 5, newProducts(1)), Check: lacks(behavior.Pioneer)},
		tcase{Name: "pioneer: share 2/3", Want: behavior.Pioneer, Profile: buyer(3, 60, 5, newProducts(2))},
		tcase{Name: "pioneer: one purchase", Want: behavior.Newcomer, Profile: buyer(1, 5, 5, newProducts(1)), Check: lacks(behavior.Pioneer)},
		tcase{Name: "pioneer: two purchases", Want: behavior.Pioneer, Profile: buyer(2, 60, 5, newProducts(2))},

		// detail_research = 5 per purchase
		tcase{Name: "detail: 4.5 per purchase", Want: behavior.Unknown, Profile: buyer(2, 60, 5, research(5, 4)), Check: lacks(behavior.DetailSeeker)},
		tcase{Name: "detail: 5 per purchase", Want: behavior.DetailSeeker, Profile: buyer(2, 60, 5, research(6, 4))},

		// sleeping_days = 90, sleeping_gap_factor = 2, lost_days = 365
		tcase{Name: "sleeping: 90 days", Want: behavior.Regular, Profile: buyer(5, 200, 90), Check: lacks(behavior.Sleeping)},
		tcase{Name: "sleeping: 91 days", Want: behavior.Sleeping, Profile: buyer(5, 200, 91)},
		tcase{Name: "sleeping: 2 × gap 60 = 120 days", Want: behavior.Regular, Profile: buyer(5, 360, 120), Check: lacks(behavior.Sleeping)},
		tcase{Name: "sleeping: 121 days, gap 60", Want: behavior.Sleeping, Profile: buyer(5, 361, 121)},
		tcase{Name: "lost: 365 days", Want: behavior.Sleeping, Profile: buyer(5, 600, 365), Check: lacks(behavior.Lost)},
		tcase{Name: "lost: 366 days", Want: behavior.Lost, Profile: buyer(5, 600, 366), Check: lacks(behavior.Sleeping)},
		tcase{Name: "lost: marked churned false", Want: behavior.Regular, Profile: buyer(5, 200, 10, signals(func(s *segment.Signals) { s.Churned = segment.Some(false) })), Check: lacks(behavior.Lost)},

		// dissatisfied_days = 90
		tcase{Name: "dissatisfied: complaint 90 days ago", Want: behavior.Dissatisfied, Profile: buyer(3, 60, 5, complaint(90))},
		tcase{Name: "dissatisfied: complaint 91 days ago", Want: behavior.Regular, Profile: buyer(3, 60, 5, complaint(91)), Check: lacks(behavior.Dissatisfied)},
		tcase{Name: "dissatisfied: negative review 90 days ago", Want: behavior.Dissatisfied, Profile: buyer(3, 60, 5, negative(90))},
		tcase{Name: "dissatisfied: negative review 91 days ago", Want: behavior.Regular, Profile: buyer(3, 60, 5, negative(91)), Check: lacks(behavior.Dissatisfied)},
		tcase{Name: "dissatisfied: complaints unknown when", Want: behavior.Regular, Profile: buyer(3, 60, 5, signals(func(s *segment.Signals) { s.Complaints = segment.Some(1) })), Check: lacks(behavior.Dissatisfied)},

		// under_client_max_occasions = 3
		tcase{Name: "under: 3 purchases then sleeping", Want: behavior.UnderClient, Profile: buyer(3, 200, 101)},
		tcase{Name: "under: 4 purchases then sleeping", Want: behavior.Sleeping, Profile: buyer(4, 200, 100), Check: lacks(behavior.UnderClient)},
		tcase{Name: "under: 1 purchase, lost", Want: behavior.OneTime, Tags: has(behavior.UnderClient, behavior.Lost), Profile: buyer(1, 400, 400)},

		// problem_complaints = 3, problem_return_rate = 0.3, problem_min_orders = 3
		tcase{Name: "problem: 2 complaints", Want: behavior.Unknown, Profile: buyer(2, 60, 5, signals(func(s *segment.Signals) { s.Complaints = segment.Some(2) })), Check: lacks(behavior.Problem)},
		tcase{Name: "problem: 3 complaints", Want: behavior.Problem, Profile: buyer(2, 60, 5, signals(func(s *segment.Signals) { s.Complaints = segment.Some(3) }))},
		tcase{Name: "problem: return rate 0.3", Want: behavior.Unknown, Profile: orders(10, 3), Check: lacks(behavior.Problem)},
		tcase{Name: "problem: return rate 0.4", Want: behavior.Problem, Profile: orders(10, 4)},
		tcase{Name: "problem: 2 order lines", Want: behavior.Unknown, Profile: orders(2, 2), Check: lacks(behavior.Problem)},
		tcase{Name: "problem: 3 order lines", Want: behavior.Problem, Profile: orders(3, 2)},

		// impossible_support_per_order = 2
		tcase{Name: "impossible: 2 per purchase", Want: behavior.Unknown, Profile: buyer(2, 60, 5, support(4)), Check: lacks(behavior.Impossible)},
		tcase{Name: "impossible: 2.5 per purchase", Want: behavior.Impossible, Profile: buyer(2, 60, 5, support(5))},

		// bargain_share = 0.9, bargain_min_occasions = 2
		tcase{Name: "bargain: 8 of 10", Want: behavior.Regular, Profile: buyer(10, 300, 5, discounted(8)), Check: lacks(behavior.BargainOnly)},
		tcase{Name: "bargain: 9 of 10", Want: behavior.Regular, Tags: has(behavior.BargainOnly), Profile: buyer(10, 300, 5, discounted(9))},
		tcase{Name: "bargain: one purchase", Want: behavior.Newcomer, Profile: buyer(1, 5, 5, discounted(1)), Check: lacks(behavior.BargainOnly)},
	)
}

func b2b() func(p *segment.Profile) {
	return signals(func(s *segment.Signals) { s.B2B = segment.Some(true) })
}

func allZero() segment.Signals {
	var s segment.Signals
	for _, name := range segment.SignalNames() {
		if s.Set(name, "0") != nil {
			_ = s.Set(name, "false")
		}
	}
	return s
}

func premium(n int) func(p *segment.Profile) {
	return func(p *segment.Profile) { p.PremiumBuys = segment.Some(n) }
}

func newProducts(n int) func(p *segment.Profile) {
	return func(p *segment.Profile) { p.NewProducts = segment.Some(n) }
}

func discounted(n int) func(p *segment.Profile) {
	return func(p *segment.Profile) { p.Discounted = segment.Some(n) }
}

func influence(referrals, posts int) func(p *segment.Profile) {
	return signals(func(s *segment.Signals) { s.Referrals, s.SocialPosts = segment.Some(referrals), segment.Some(posts) })
}

func advocacy(reviews, referrals, posts int) func(p *segment.Profile) {
	return signals(func(s *segment.Signals) {
		s.PositiveReviews, s.Referrals, s.SocialPosts = segment.Some(reviews), segment.Some(referrals), segment.Some(posts)
	})
}

func research(comparisons, reads int) func(p *segment.Profile) {
	return signals(func(s *segment.Signals) {
		s.ComparisonsViewed, s.LongReads = segment.Some(comparisons), segment.Some(reads)
	})
}

func complaint(days int) func(p *segment.Profile) {
	return signals(func(s *segment.Signals) { s.Complaints, s.LastComplaint = segment.Some(1), daysAgo(days) })
}

func negative(days int) func(p *segment.Profile) {
	return signals(func(s *segment.Signals) { s.NegativeReviews, s.LastNegativeReview = segment.Some(1), daysAgo(days) })
}

func support(n int) func(p *segment.Profile) {
	return signals(func(s *segment.Signals) { s.SupportRequests = segment.Some(n) })
}

// orders is a two-purchase customer (no segment type) with the given order
// and return lines.
func orders(lines, returns int) segment.Profile {
	return profile{occasions: 2, firstAgo: 60, lastAgo: 5, orders: lines, returns: returns}.build()
}
