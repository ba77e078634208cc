package main

import (
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/segment/rule"
	"github.com/clientele-go/clientele/strategy"
)

// inGo is the rule set of rules/*.json written as Go values: what a
// programmer writes when the rules live in code rather than in a CRM.
// TestJSONAndGoAgree checks the two never drift apart.
func inGo() (*ruleSet, error) {
	var rs ruleSet
	var err error

	// Tiers: a collector buys the premium range (at least half of their
	// purchases) and often (six purchases or more).
	rs.tiers, err = TierRules{Rules: []TierRule{
		{Collector, rule.All(rule.Compare("premium_share", rule.Ge, 0.5), rule.Compare("occasions", rule.Ge, 6))},
		{Explorer, rule.All(rule.Compare("new_product_share", rule.Ge, 0.5), rule.Compare("occasions", rule.Ge, 3))},
		{Casual, rule.Compare("occasions", rule.Ge, 1)},
	}}.compile()
	if err != nil {
		return nil, err
	}

	// Wine is bought seasonally: a customer is new for longer, sleeps
	// later and is lost only after a year and a half; status by order
	// value takes the top 5% (bottles are dear); gold also needs four
	// purchases.
	rs.behavior = behavior.Config{
		NewDays:      120,
		RareGapDays:  240,
		SleepingDays: 150,
		LostDays:     540,
		StatusAOVTop: 0.05,
		Require:      behavior.Requirements{behavior.Gold: rule.Compare("occasions", rule.Ge, 4)},
	}

	// RFM: recency and frequency cut by hand (R5 within 45 days, F5 from
	// seven purchases); money is fitted to the base.
	rs.rfm = rfm.Config{
		Recency:   segment.Some(rfm.Cuts{45, 120, 240, 540}),
		Frequency: segment.Some(rfm.Cuts{1, 2, 3, 6}),
	}
	rs.rfmMap, err = rfm.Rules{Rules: []rfm.Rule{
		{Segment: "Cellar Keepers", R: rfm.Range{Lo: 4, Hi: 5}, F: rfm.Range{Lo: 4, Hi: 5}, M: rfm.Range{Lo: 4, Hi: 5}},
		{Segment: "Loyal", R: rfm.Range{Lo: 3, Hi: 5}, F: rfm.Range{Lo: 3, Hi: 5}},
		{Segment: "New Customers", R: rfm.Range{Lo: 4, Hi: 5}, F: rfm.Range{Lo: 1, Hi: 1}},
		{Segment: "Gift Buyers", F: rfm.Range{Lo: 1, Hi: 2}, M: rfm.Range{Lo: 5, Hi: 5}},
		{Segment: "Promising", R: rfm.Range{Lo: 3, Hi: 5}, F: rfm.Range{Lo: 1, Hi: 2}},
		{Segment: "Slipping", R: rfm.Range{Lo: 2, Hi: 2}},
		{Segment: "Lost", R: rfm.Range{Lo: 1, Hi: 1}},
	}}.Compile()
	if err != nil {
		return nil, err
	}

	// Strategy: one action of the shop's own, planned for status buyers
	// and for those who like to try things, and status privileges
	// weighted down (the preview is the privilege).
	rs.strategy = strategy.Config{Patch: strategy.Patch{
		AddActions: []strategy.Action{{
			ID: "cellar_preview", Source: "wine shop", Channel: "event", Format: "tasting",
			Cost: strategy.Medium, Kind: strategy.Develop,
			EN: strategy.Text{Title: "Cellar preview", Text: "Invite them to taste the new vintages with the sommelier before they go on sale."},
			RU: strategy.Text{Title: "Закрытая дегустация", Text: "Пригласите попробовать новые вина с сомелье до начала продаж."},
		}},
		AddTreatments: []strategy.Treatment{
			{ID: "segment.status.cellar_preview", When: []strategy.Match{{Typology: "segment", Label: "status"}}, Action: "cellar_preview", Weight: 8},
			{ID: "perception.kinesthetic.cellar_preview", When: []strategy.Match{{Typology: "perception", Label: "kinesthetic"}}, Action: "cellar_preview", Weight: 2},
		},
		Reweight: map[string]float64{"segment.status.status_privileges": 2},
	}}
	return &rs, nil
}
