package behavior_test

import (
	"encoding/json"
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// Segmenting a customer base: Fit computes the "top share" cuts over the
// base, then every customer is classified against them. With five buyers
// the top 20% holds one customer (anna) and the top 10% nobody: a top
// share holds at most floor(share × buyers) customers, so the super and
// status cuts sit at the highest value.
func Example() {
	asOf := segment.MustParseDate("2025-06-30")
	ledger := segment.NewLedger(nil)
	for _, o := range []segment.Order{
		{Customer: "anna", Date: asOf.AddDays(-400), Amount: 900},
		{Customer: "anna", Date: asOf.AddDays(-250), Amount: 1100},
		{Customer: "anna", Date: asOf.AddDays(-100), Amount: 700},
		{Customer: "anna", Date: asOf.AddDays(-20), Amount: 300},
		{Customer: "boris", Date: asOf.AddDays(-10), Amount: 40},
		{Customer: "vera", Date: asOf.AddDays(-300), Amount: 60},
		{Customer: "vera", Date: asOf.AddDays(-250), Amount: 80},
		{Customer: "gleb", Date: asOf.AddDays(-30), Amount: 30},
		{Customer: "gleb", Date: asOf.AddDays(-20), Amount: 30},
		{Customer: "gleb", Date: asOf.AddDays(-5), Amount: 30},
		{Customer: "egor", Date: asOf.AddDays(-600), Amount: 25},
		{Customer: "egor", Date: asOf.AddDays(-500), Amount: 25},
		{Customer: "egor", Date: asOf.AddDays(-450), Amount: 25},
		{Customer: "egor", Date: asOf.AddDays(-400), Amount: 25},
	} {
		if err := ledger.Add(o); err != nil {
			fmt.Println(err)
		}
	}
	_ = ledger.SetSignals("dina", segment.Signals{Inquiries: segment.Some(1), LastInquiry: segment.Some(asOf.AddDays(-2))})
	profiles, _ := ledger.Profiles(asOf)

	c, err := behavior.New(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c = c.Fit(profiles)
	cuts, _ := json.Marshal(c.Cuts())
	fmt.Println(string(cuts))
	for i := range profiles {
		r := c.Classify(&profiles[i])
		fmt.Printf("%-5s %-13s %v\n", profiles[i].ID, r.Primary, r.Tags.Labels())
	}
	// Output:
	// {"base":5,"gold_revenue":140,"super_revenue":3000,"super_occasions":4,"status_aov":750,"lead_revenue":140}
	// anna  gold          [regular gold]
	// boris new           [new]
	// vera  under_client  [sleeping under_client]
	// gleb  regular       [regular]
	// egor  lost          [lost]
	// dina  inquirer_hot  [potential inquirer_hot]
}

// A shop whose customers buy every few weeks calls them sleeping after 45
// days, not 90: the threshold is customised in JSON (as a CRM stores it)
// and the new boundary pinned down with the test kit. In a test, call
// segmenttest.Run(t, c, cases...) instead of Check.
func ExampleParseConfig() {
	cfg, err := behavior.ParseConfig([]byte(`{"sleeping_days": 45, "new_days": 45}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := behavior.New(&cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	asOf := segment.MustParseDate("2025-06-30")
	regular := func(lastDaysAgo int) segment.Profile {
		return segment.Profile{AsOf: asOf, Occasions: 6, Orders: 6, Revenue: 300,
			First: asOf.AddDays(-lastDaysAgo - 100), Last: asOf.AddDays(-lastDaysAgo)}
	}
	err = segmenttest.Check[behavior.Type](c,
		segmenttest.Case[behavior.Type]{Name: "45 days", Profile: regular(45), Want: behavior.Regular, Why: "the bound is inclusive"},
		segmenttest.Case[behavior.Type]{Name: "46 days", Profile: regular(46), Want: behavior.Sleeping, Why: "one day past it"},
	)
	fmt.Println("table:", err)
	fmt.Println("conformance:", segmenttest.Conformance[behavior.Type](c, behavior.Types))

	_, err = behavior.ParseConfig([]byte(`{"sleeping_days": 400}`))
	fmt.Println(err)
	// Output:
	// table: <nil>
	// conformance: <nil>
	// behavior: behavior config: lost_days "365": must be greater than sleeping_days (400): a customer would be lost before ever sleeping
}

// A Go predicate as an extra requirement: this shop counts as fans only
// regular customers who also posted about the brand at least 5 times.
func ExampleRequire() {
	c, err := behavior.New(nil, behavior.Require(behavior.Fan, "five_posts", func(p *segment.Profile) bool {
		return p.Signals.SocialPosts.Or(0) >= 5
	}))
	if err != nil {
		fmt.Println(err)
		return
	}
	asOf := segment.MustParseDate("2025-06-30")
	advocate := func(posts int) segment.Profile {
		p := segment.Profile{AsOf: asOf, Occasions: 4, Orders: 4, Revenue: 200,
			First: asOf.AddDays(-150), Last: asOf.AddDays(-10)}
		p.Signals.Referrals, p.Signals.SocialPosts = segment.Some(2), segment.Some(posts)
		return p
	}
	fmt.Println(segmenttest.Check[behavior.Type](c,
		segmenttest.Case[behavior.Type]{Name: "5 posts", Profile: advocate(5), Want: behavior.Fan},
		segmenttest.Case[behavior.Type]{Name: "4 posts", Profile: advocate(4), Want: behavior.Regular,
			Why: "refers others, but posts too little for this shop"},
	))
	fmt.Println(segmenttest.Conformance[behavior.Type](c, behavior.Types))
	// Output:
	// <nil>
	// <nil>
}

// The same kind of requirement stored as data: gold customers must also
// be in the loyalty programme. A customer whose membership is unknown is
// not called gold, and the answer is less certain.
func ExampleRequirements() {
	cfg, err := behavior.ParseConfig([]byte(`{"require": {"gold": {"field": "loyalty_member", "op": "eq", "value": true}}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := behavior.New(&cfg)
	c, _ = c.WithCuts(behavior.Cuts{GoldRevenue: segment.Some(1000.0)})
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{AsOf: asOf, Occasions: 6, Orders: 6, Revenue: 1800, First: asOf.AddDays(-500), Last: asOf.AddDays(-10)}
	for _, member := range []segment.Opt[bool]{segment.Some(true), segment.Some(false), {}} {
		p.Signals.LoyaltyMember = member
		r := c.Classify(&p)
		fmt.Printf("member %-7v → %s (confidence %.2f)\n", member, r.Primary, r.Confidence)
	}
	// Output:
	// member true    → gold (confidence 0.71)
	// member false   → regular (confidence 0.50)
	// member unknown → regular (confidence 0.42)
}

// One customer from a CRM, with cut values stored from an earlier Fit (or
// set by hand), and the reasons.
func ExampleClassifier_WithCuts() {
	var cuts behavior.Cuts
	_ = json.Unmarshal([]byte(`{"base": 12000, "gold_revenue": 1000, "super_revenue": 2500, "super_occasions": 12, "status_aov": 300, "lead_revenue": 1000}`), &cuts)
	c, _ := behavior.New(nil)
	c, err := c.WithCuts(cuts)
	if err != nil {
		fmt.Println(err)
		return
	}
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{AsOf: asOf, Occasions: 5, Orders: 5, Revenue: 1400, First: asOf.AddDays(-420), Last: asOf.AddDays(-12)}
	ex := c.Explain(&p)
	fmt.Print(ex.Text(segment.Russian))
	// Output:
	// Золотые (0.86)
	//   gold: покупок (визитов) = 5 >= 1 — да
	//   gold: чистая выручка = 1400 > 1000 (gold_revenue_top) — да
	//   gold: дней с первой покупки = 420 >= 365 (gold_tenure_days) — да
	//   gold: дней с последней покупки = 12 <= 204 (sleeping_gap_factor) — да
	//   gold: дней с последней покупки = 12 <= 365 (lost_days) — да
	//   gold: все условия = 1 — да
	//   regular: покупок (визитов) = 5 >= 3 (regular_occasions) — да
	//   regular: средний интервал между покупками, дней = 102 <= 180 (rare_gap_days) — да
	//   regular: дней с последней покупки = 12 <= 204 (sleeping_gap_factor) — да
	//   regular: дней с последней покупки = 12 <= 365 (lost_days) — да
	//   regular: все условия = 1 — да
}

// Check finds every problem in a configuration at once.
func ExampleConfig_Check() {
	cfg := behavior.Defaults()
	cfg.LostDays = 60
	cfg.GoldRevenueTop = 0.9
	cfg.Disabled = []behavior.Type{behavior.Potential}
	for _, issue := range cfg.Check() {
		fmt.Println(issue)
	}
	// Output:
	// invalid: behavior: behavior config: gold_revenue_top "0.9": out of range: want 0.001..0.5
	// invalid: behavior: behavior config: lost_days "60": must be greater than sleeping_days (90): a customer would be lost before ever sleeping
	// invalid: behavior: behavior config: new_days "90": must not exceed lost_days (60): a customer whose only purchase is still new would already be lost
	// warning: behavior: behavior config: disabled[0] "potential": potential is disabled and will never be assigned
}

// Risk flags ride along with any primary type.
func ExampleRisks() {
	c, _ := behavior.New(nil)
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{AsOf: asOf, Occasions: 10, Orders: 10, Revenue: 400,
		First: asOf.AddDays(-300), Last: asOf.AddDays(-5), Discounted: segment.Some(10)}
	r := c.Classify(&p)
	fmt.Println(r.Primary, behavior.Risks(r).Labels())
	// Output:
	// regular [bargain_only]
}
