package sample

import "github.com/clientele-go/clientele/segment"

// archetype is a kind of customer the sample shop has, with its share of
// the base and how its history and signals are drawn.
type archetype struct {
	name   string
	weight float64
	build  func(g *gen)
}

// The archetypes follow the behavioural types of the source article, so
// that a run on the sample shows every one of them.
var archetypes = []archetype{
	{"prospect", 6, func(g *gen) {
		s := &g.c.Signals
		if g.chance(0.3) {
			// Only subscribed: interest shown, nothing else known.
			s.Subscribed = segment.Some(true)
			g.quiet = true
			return
		}
		s.Inquiries = some(g.between(1, 4))
		if g.chance(0.5) {
			s.LastInquiry = segment.Some(ago(g.between(0, 13))) // hot
		} else {
			s.LastInquiry = segment.Some(ago(g.between(20, 200)))
		}
		s.SiteVisits = some(g.between(1, 30))
		s.Subscribed = segment.Some(g.chance(0.5))
	}},
	{"new", 8, func(g *gen) {
		g.aov = 45
		g.history(1, ago(g.between(0, 85)), AsOf)
	}},
	{"one-time", 11, func(g *gen) {
		g.aov = 40
		g.history(1, ago(g.between(100, 700)), AsOf)
		// Many one-time buyers are known by their order alone.
		g.quiet = g.chance(0.4)
	}},
	{"rare", 6, func(g *gen) {
		g.aov = 70
		n := g.between(2, 3)
		first := ago(g.between(200*n+50, 200*n+250))
		last := ago(g.between(20, 80))
		g.history(n, first, last)
	}},
	{"regular", 20, func(g *gen) {
		g.aov = 55
		g.history(g.between(4, 14), ago(g.between(200, 900)), ago(g.between(0, 45)))
		g.c.Signals.LoyaltyMember = segment.Some(g.chance(0.6))
	}},
	{"gold", 5, func(g *gen) {
		g.aov = 220
		g.premium = 0.2
		g.history(g.between(10, 30), ago(g.between(400, 1200)), ago(g.between(0, 30)))
		s := &g.c.Signals
		s.LoyaltyMember = segment.Some(true)
		s.BonusEarned = segment.Some(float64(g.between(500, 3000)))
		s.BonusRedeemed = segment.Some(float64(g.between(100, 1500)))
		s.ServiceRequests = some(g.between(2, 10))
	}},
	{"super-consumer", 3, func(g *gen) {
		g.aov = 180
		g.history(g.between(35, 70), ago(g.between(500, 1200)), ago(g.between(0, 10)))
		g.c.Signals.LoyaltyMember = segment.Some(true)
	}},
	{"status", 4, func(g *gen) {
		g.aov = 650
		g.premium = 0.8
		g.history(g.between(2, 6), ago(g.between(150, 700)), ago(g.between(0, 60)))
		g.c.Signals.ServiceRequests = some(g.between(1, 6))
	}},
	{"fan", 5, func(g *gen) {
		g.aov = 60
		g.history(g.between(5, 16), ago(g.between(300, 900)), ago(g.between(0, 40)))
		s := &g.c.Signals
		s.Referrals = some(g.between(1, 6))
		s.PositiveReviews = some(g.between(2, 10))
		s.SocialPosts = some(g.between(1, 12))
		s.NegativeReviews = some(0)
	}},
	{"partner", 1.5, func(g *gen) {
		g.aov = 80
		g.history(g.between(8, 20), ago(g.between(500, 1200)), ago(g.between(0, 30)))
		s := &g.c.Signals
		s.Referrals = some(g.between(2, 10))
		s.CoCreation = some(g.between(1, 4))
		s.Ambassador = segment.Some(g.chance(0.6))
		s.PositiveReviews = some(g.between(3, 12))
	}},
	{"pioneer", 4, func(g *gen) {
		g.aov = 90
		g.newProduct = 0.8
		g.history(g.between(3, 10), ago(g.between(200, 700)), ago(g.between(0, 40)))
		s := &g.c.Signals
		s.SiteVisits = some(g.between(20, 80))
		s.DaysToPurchase = segment.Some(0.5)
	}},
	{"lead user", 2, func(g *gen) {
		g.aov = 900
		g.history(g.between(6, 20), ago(g.between(400, 1100)), ago(g.between(0, 40)))
		s := &g.c.Signals
		s.B2B = segment.Some(true)
		s.Referrals = some(g.between(1, 5))
		s.ExperienceYears = segment.Some(float64(g.between(8, 25)))
	}},
	{"detail-seeker", 4, func(g *gen) {
		g.aov = 120
		g.history(g.between(2, 6), ago(g.between(200, 700)), ago(g.between(0, 60)))
		s := &g.c.Signals
		n := len(g.c.Orders)
		s.ComparisonsViewed = some(n*g.between(3, 6) + g.between(0, 4))
		s.LongReads = some(n*g.between(3, 8) + g.between(0, 5))
		s.DaysToPurchase = segment.Some(float64(g.between(10, 40)))
		s.Inquiries = some(g.between(3, 12))
	}},
	{"sleeping", 6, func(g *gen) {
		g.aov = 60
		g.history(g.between(4, 10), ago(g.between(500, 1000)), ago(g.between(120, 300)))
	}},
	{"lapsed vip", 2, func(g *gen) {
		// Bought often and big, then went quiet: the RFM "can't lose them".
		g.aov = 260
		g.premium = 0.3
		g.history(g.between(14, 30), ago(g.between(700, 1200)), ago(g.between(150, 300)))
		s := &g.c.Signals
		s.LoyaltyMember = segment.Some(true)
		s.ServiceRequests = some(g.between(1, 4))
	}},
	{"lost", 6, func(g *gen) {
		g.aov = 50
		g.history(g.between(2, 8), ago(g.between(800, 1250)), ago(g.between(380, 700)))
		if g.chance(0.3) {
			g.c.Signals.Churned = segment.Some(true)
		}
		if g.chance(0.3) {
			g.c.Signals.NeedGone = segment.Some(true)
		}
	}},
	{"under-client", 3, func(g *gen) {
		g.aov = 35
		g.history(g.between(2, 3), ago(g.between(300, 500)), ago(g.between(150, 280)))
	}},
	{"dissatisfied", 3, func(g *gen) {
		g.aov = 70
		g.history(g.between(3, 10), ago(g.between(300, 900)), ago(g.between(5, 60)))
		s := &g.c.Signals
		s.Complaints = some(g.between(1, 2))
		s.LastComplaint = segment.Some(ago(g.between(1, 60)))
		s.NegativeReviews = some(1)
		s.LastNegativeReview = segment.Some(ago(g.between(1, 60)))
	}},
	{"problem", 2, func(g *gen) {
		g.aov = 65
		g.returns = 0.6
		g.history(g.between(4, 10), ago(g.between(300, 800)), ago(g.between(0, 60)))
		s := &g.c.Signals
		s.Complaints = some(g.between(3, 8))
		s.LastComplaint = segment.Some(ago(g.between(100, 300)))
		s.NegativeReviews = some(g.between(2, 5))
	}},
	{"impossible", 1.5, func(g *gen) {
		g.aov = 75
		g.history(g.between(3, 8), ago(g.between(300, 800)), ago(g.between(0, 60)))
		s := &g.c.Signals
		s.SupportRequests = some(len(g.c.Orders)*g.between(3, 6) + 2)
		s.Inquiries = some(g.between(10, 30))
	}},
	{"bargain-only", 3, func(g *gen) {
		g.aov = 25
		g.discount = 1
		g.history(g.between(3, 9), ago(g.between(200, 800)), ago(g.between(0, 60)))
		s := &g.c.Signals
		s.BonusRedeemed = segment.Some(float64(g.between(200, 800)))
		s.LoyaltyMember = segment.Some(true)
	}},
}
