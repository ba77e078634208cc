package sample

import "github.com/clientele-go/clientele/segment"

// traits adds the signals the attitude typologies read (perception channel,
// decision style, SABONE category, loyalty kind and, through them, DISC),
// independently of the archetype, and leaves a realistic share of the
// base with little known about it.
func (g *gen) traits() {
	s := &g.c.Signals
	occasions := len(g.c.Orders) + 1

	// A third of the base has no engagement tracking at all.
	if g.chance(0.66) {
		switch g.rng.IntN(4) {
		case 0: // visual
			s.VideoViews = some(g.between(5, 40))
			s.ImageViews = some(g.between(10, 80))
			s.AudioPlays, s.Calls = some(g.between(0, 2)), some(g.between(0, 1))
		case 1: // auditory
			s.AudioPlays = some(g.between(5, 30))
			s.Calls = some(g.between(3, 12))
			s.Webinars = some(g.between(1, 6))
			s.VideoViews = some(g.between(0, 3))
		case 2: // kinesthetic
			s.StoreVisits = some(g.between(4, 20))
			s.Samples = some(g.between(1, 6))
			s.Tastings = some(g.between(0, 4))
			s.TestDrives = some(g.between(0, 2))
			s.MasterClasses = some(g.between(0, 3))
			s.ImageViews = some(g.between(0, 4))
		case 3: // thin: a few views of anything
			s.VideoViews = some(g.between(0, 2))
			s.Calls = some(g.between(0, 1))
		}
	}

	// Decision style evidence.
	if g.chance(0.6) {
		switch g.rng.IntN(3) {
		case 0: // rational
			if !s.ComparisonsViewed.Known() {
				s.ComparisonsViewed = some(occasions * g.between(2, 5))
			}
			if !s.LongReads.Known() {
				s.LongReads = some(occasions * g.between(1, 4))
			}
			if !s.DaysToPurchase.Known() {
				s.DaysToPurchase = segment.Some(float64(g.between(7, 30)))
			}
			s.ImpulsePurchases = some(0)
		case 1: // emotional
			s.ImpulsePurchases = some(occasions/2 + 1)
			if !s.DaysToPurchase.Known() {
				s.DaysToPurchase = segment.Some(float64(g.between(0, 1)))
			}
			if !s.ImageViews.Known() {
				s.ImageViews = some(occasions * g.between(10, 20))
			}
			s.ComparisonsViewed = some(0)
		case 2: // combined
			s.ComparisonsViewed = some(occasions * g.between(2, 4))
			s.LongReads = some(occasions * g.between(2, 4))
			s.ImpulsePurchases = some(occasions/2 + 1)
			s.ImageViews = some(occasions * g.between(10, 20))
		}
	}

	// SABONE: where they live, what they know.
	if g.chance(0.7) {
		if g.chance(0.3) {
			s.DistanceKm = segment.Some(float64(g.between(1, 19)) / 10)
		} else {
			s.DistanceKm = segment.Some(float64(g.between(3, 60)))
		}
	}
	if g.chance(0.5) {
		switch g.rng.IntN(3) {
		case 0:
			s.ExperienceYears = segment.Some(float64(g.between(0, 1)))
		case 1:
			s.ExperienceYears = segment.Some(float64(g.between(2, 9)))
		default:
			if !s.ExperienceYears.Known() {
				s.ExperienceYears = segment.Some(float64(g.between(10, 30)))
			}
		}
	}
	if g.chance(0.25) {
		s.Courses = some(g.between(1, 6))
		if !s.Webinars.Known() {
			s.Webinars = some(g.between(1, 5))
		}
	}
	if g.chance(0.4) && !s.SiteVisits.Known() {
		s.SiteVisits = some(g.between(0, 60))
	}
	if g.chance(0.3) && !s.SocialPosts.Known() {
		s.SocialPosts = some(g.between(0, 3))
	}
	if g.chance(0.5) && !s.LoyaltyMember.Known() {
		s.LoyaltyMember = segment.Some(g.chance(0.4))
	}
	if s.LoyaltyMember.Or(false) && !s.BonusEarned.Known() {
		s.BonusEarned = segment.Some(float64(g.between(50, 800)))
		s.BonusRedeemed = segment.Some(float64(g.between(0, 400)))
	}
	if g.chance(0.15) && !s.ServiceRequests.Known() {
		s.ServiceRequests = some(g.between(1, 5))
	}
	if g.chance(0.5) {
		if !s.Complaints.Known() {
			s.Complaints = some(0)
		}
		if !s.Referrals.Known() {
			s.Referrals = some(0)
		}
		if !s.PositiveReviews.Known() {
			s.PositiveReviews = some(g.between(0, 2))
		}
	}
}
