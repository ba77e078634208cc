package segment_test

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
)

func ExampleLedger() {
	l := segment.NewLedger(nil)
	for _, o := range []segment.Order{
		{Customer: "anna", Date: d("2025-01-10"), Amount: 40},
		{Customer: "anna", Date: d("2025-01-10"), Amount: 25}, // same day: one occasion
		{Customer: "anna", Date: d("2025-02-20"), Amount: 60},
		{Customer: "anna", Date: d("2025-02-25"), Amount: -60}, // a return-only day
		{Customer: "boris", Date: d("2025-03-01"), Amount: 15},
		{Customer: "boris", Date: d("2025-04-02"), Amount: 30}, // after the as-of date
	} {
		if err := l.Add(o); err != nil {
			fmt.Println(err)
		}
	}
	profiles, stats := l.Profiles(d("2025-03-31"))
	for _, p := range profiles {
		fmt.Printf("%s: %d occasions, revenue %.2f, last %s, recency %v days\n",
			p.ID, p.Occasions, p.Revenue, p.Last, p.Recency())
	}
	fmt.Printf("ignored %d line(s) after the as-of date\n", stats.AfterAsOf)
	// Output:
	// anna: 2 occasions, revenue 65.00, last 2025-02-20, recency 39 days
	// boris: 1 occasions, revenue 15.00, last 2025-03-01, recency 30 days
	// ignored 1 line(s) after the as-of date
}

func ExampleLedger_Summaries() {
	l := segment.NewLedger(nil)
	for _, o := range []segment.Order{
		{Customer: "anna", Date: d("2025-01-01"), Amount: 10},
		{Customer: "anna", Date: d("2025-01-15"), Amount: 20},
		{Customer: "anna", Date: d("2025-01-29"), Amount: 40},
	} {
		_ = l.Add(o)
	}
	rows, _, _ := l.Summaries(d("2025-02-12"), segment.Week)
	s := rows[0]
	fmt.Printf("frequency %v, recency %v weeks, T %v weeks, monetary value %v\n", s.Frequency, s.Recency, s.T, s.MonetaryValue)
	// Output:
	// frequency 2, recency 4 weeks, T 6 weeks, monetary value 30
}

func ExampleParseDate() {
	for _, s := range []string{"2025-03-15", "20250315", "2025-03-15T23:30:00-05:00", "15.03.2025"} {
		d, err := segment.ParseDate(s)
		fmt.Println(d, err)
	}
	// Output:
	// 2025-03-15 <nil>
	// 2025-03-15 <nil>
	// 2025-03-15 <nil>
	//  "15.03.2025": not a date in the form YYYY-MM-DD, YYYYMMDD or RFC 3339
}

func ExampleOpt() {
	var p segment.Profile
	fmt.Println("referrals:", p.Signals.Referrals) // nobody recorded them
	p.Signals.Referrals = segment.Some(0)          // recorded: none
	n, known := p.Signals.Referrals.Get()
	fmt.Println("referrals:", n, known)
	// Output:
	// referrals: unknown
	// referrals: 0 true
}

// A plain function becomes a classifier with Func; here a two-label
// typology of big spenders built on the tier enum of this package's tests.
func ExampleFunc() {
	big := segment.Func[tier](func(p *segment.Profile) segment.Result[tier] {
		var r segment.Result[tier]
		if p.Occasions == 0 {
			return r // unknown: no purchase to judge by
		}
		r.Primary, r.Confidence = tierBronze, 1
		if p.Revenue >= 1000 {
			r.Primary = tierGold
		}
		r.Scores[r.Primary] = 1
		return r
	})
	p := segment.Profile{Occasions: 3, Revenue: 1500}
	fmt.Println(big.Classify(&p).Primary.Title(segment.Russian))
	// Output:
	// Золотой клиент
}

func ExampleLookupField() {
	f, _ := segment.LookupField("recency_days")
	p := segment.Profile{AsOf: d("2025-03-31"), Occasions: 1, First: d("2025-03-01"), Last: d("2025-03-01")}
	v, known := f.Value(&p)
	fmt.Println(f.Title(segment.English), "=", v, known)
	// Output:
	// days since last purchase = 30 true
}
