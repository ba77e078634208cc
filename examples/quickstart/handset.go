package main

import (
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// handSet builds the classifiers without a customer base, from cut points
// chosen by hand: what "recent", "frequent", "big" and "top customer" mean
// in this shop. That is a decision about your shop, not a fact about it;
// when a base is at hand, fit on it instead (strategy.Fit), and store the
// fitted rfm.Model and behavior.Cuts (both plain JSON) to classify single
// customers later.
func handSet() (*strategy.Classifiers, error) {
	// RFM: four cut points per dimension split the values into scores
	// 1..5; a value equal to a cut point gets the lower score. Recency:
	// R5 within 30 days ... R1 beyond a year.
	fitter, err := strategy.NewFitter(&strategy.Settings{RFM: &rfm.Config{
		Recency:   segment.Some(rfm.Cuts{30, 90, 180, 365}),
		Frequency: segment.Some(rfm.Cuts{1, 2, 4, 8}),
		Monetary:  segment.Some(rfm.Cuts{100, 250, 500, 1000}),
	}})
	if err != nil {
		return nil, err
	}
	// With every RFM cut point given, fitting needs no customer.
	cs, err := fitter.Fit()
	if err != nil {
		return nil, err
	}
	// Behaviour: the "top share" rules (gold, super-consumer, status by
	// order value, lead user) compare with the value a customer must
	// exceed. Left unknown, those types stay unknown: never guessed.
	cs.Behavior, err = cs.Behavior.WithCuts(behavior.Cuts{
		GoldRevenue:    segment.Some(500.0),
		SuperRevenue:   segment.Some(1000.0),
		SuperOccasions: segment.Some(8.0),
		StatusAOV:      segment.Some(150.0),
		LeadRevenue:    segment.Some(500.0),
	})
	return cs, err
}
