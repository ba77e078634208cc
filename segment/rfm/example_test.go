package rfm_test

import (
	"fmt"
	"strconv"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// buyer is a customer whose last purchase was days before 2025-06-30.
func buyer(id string, days, occasions int, revenue float64) segment.Profile {
	asOf := segment.MustParseDate("2025-06-30")
	last := asOf.AddDays(-days)
	return segment.Profile{ID: id, AsOf: asOf, Occasions: occasions, Orders: occasions, Revenue: revenue,
		First: last.AddDays(-20 * (occasions - 1)), Last: last}
}

func Example() {
	base := []segment.Profile{
		buyer("ann", 3, 9, 900), buyer("bob", 20, 4, 310), buyer("cat", 45, 2, 120),
		buyer("dan", 200, 6, 640), buyer("eve", 400, 1, 25), buyer("fay", 5, 1, 60),
		{ID: "gus", AsOf: segment.MustParseDate("2025-06-30")}, // never bought
	}
	model, stats, err := rfm.Fit(base, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := rfm.New(model, nil)
	for i := range base {
		p := &base[i]
		r := c.Classify(p)
		fmt.Printf("%s %s %s (%s)\n", p.ID, c.Code(p), r.Primary, r.Primary.Title(segment.Russian))
	}
	fmt.Printf("scored %d, unscored %d\n", stats.Scored, stats.Unscored)
	// Output:
	// ann 555 champions (Чемпионы)
	// bob 433 potential_loyalist (Потенциально лояльные)
	// cat 322 about_to_sleep (Засыпающие)
	// dan 244 at_risk (В зоне риска)
	// eve 111 lost (Потерянные)
	// fay 511 new_customers (Новые клиенты)
	// gus none unknown (Не определён)
	// scored 6, unscored 1
}

// Ties never split: six of ten customers bought once, and all six get F1.
// The buckets are then uneven: F2 and F3 are empty, and a second purchase
// already earns F4.
func ExampleFit_ties() {
	var base []segment.Profile
	for i, n := range []int{1, 1, 1, 1, 1, 1, 2, 2, 3, 5} {
		base = append(base, buyer("C"+strconv.Itoa(i), 10+i, n, float64(20*n)))
	}
	model, stats, _ := rfm.Fit(base, nil)
	fmt.Println("frequency cut points:", model.Frequency)
	fmt.Println("customers per F score:", stats.Frequency)
	// Output:
	// frequency cut points: [1 1 1 2]
	// customers per F score: [6 0 0 2 2]
}

// The default map of the R package rfm, checked: three segments can never
// be assigned and 36 codes fall through to "Others".
func ExampleRules_Check() {
	rules, err := rfm.ParseRules([]byte(`{"fallback": "Others", "rules": [
		{"segment": "Champions",          "r": [4, 5], "f": [4, 5], "m": [4, 5]},
		{"segment": "Loyal Customers",    "r": [2, 5], "f": [3, 5], "m": [3, 5]},
		{"segment": "Potential Loyalist", "r": [3, 5], "f": [1, 3], "m": [1, 3]},
		{"segment": "New Customers",      "r": [4, 5], "f": [1, 1], "m": [1, 1]},
		{"segment": "Promising",          "r": [3, 4], "f": [1, 1], "m": [1, 1]},
		{"segment": "Need Attention",     "r": [2, 3], "f": [2, 3], "m": [2, 3]},
		{"segment": "About To Sleep",     "r": [2, 3], "f": [1, 2], "m": [1, 2]},
		{"segment": "At Risk",            "r": [1, 2], "f": [2, 5], "m": [2, 5]},
		{"segment": "Can't Lose Them",    "r": [1, 1], "f": [4, 5], "m": [4, 5]},
		{"segment": "Lost",               "r": [1, 2], "f": [1, 2], "m": [1, 2]}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	findings, _ := rules.Check()
	for _, f := range findings {
		fmt.Println(f)
	}
	// Output:
	// rules[3] "New Customers" r 4-5 f 1 m 1 never matches: earlier rules take all its 2 codes: rules[2] "Potential Loyalist" takes r 4-5 f 1 m 1
	// rules[4] "Promising" r 3-4 f 1 m 1 never matches: earlier rules take all its 2 codes: rules[2] "Potential Loyalist" takes r 3-4 f 1 m 1
	// rules[8] "Can't Lose Them" r 1 f 4-5 m 4-5 never matches: earlier rules take all its 4 codes: rules[7] "At Risk" takes r 1 f 4-5 m 4-5
	// 36 codes are covered by no rule: r 3-5 f 1-2 m 4-5, r 3-5 f 4-5 m 1-2, r 1-2 f 1 m 3-5, r 1-2 f 3-5 m 1; the fallback "Others" takes them
}

// A shop that thinks in days sets the recency cut points itself; F and M
// still come from the base.
func ExampleParseConfig() {
	cfg, err := rfm.ParseConfig([]byte(`{"recency": [30, 90, 180, 365]}`))
	fmt.Println(cfg.Recency, err)
	_, err = rfm.ParseConfig([]byte(`{"recency": [30, 90, 60, 365]}`))
	fmt.Println(err)
	// Output:
	// [30 90 180 365] <nil>
	// rfm: rfm config: recency[2] "60": cut points must increase: not above recency[1] = 90
}

// Two shards of a base fit exactly as the whole: their distributions merge
// by adding counts.
func ExampleDistribution_Merge() {
	var base []segment.Profile
	for i := range 50 {
		base = append(base, buyer("C"+strconv.Itoa(i), i*7%120, 1+i%6, float64(10+i*i%300)))
	}
	whole, _, _ := rfm.Fit(base, nil)

	east, _ := rfm.NewFitter(nil, 0)
	west, _ := rfm.NewFitter(nil, 0)
	for i := range base {
		if i%3 == 0 {
			_ = east.Add(&base[i])
		} else {
			_ = west.Add(&base[i])
		}
	}
	merged := east.Distribution()
	if err := merged.Merge(west.Distribution()); err != nil {
		fmt.Println(err)
		return
	}
	model, _, _ := merged.Fit(nil)
	fmt.Println(model == whole, model.Frequency)
	// Output:
	// true [2 3 4 5]
}

func ExampleClassifier_Explain() {
	model := rfm.Model{
		Recency:   rfm.Cuts{30, 90, 180, 365},
		Frequency: rfm.Cuts{1, 2, 4, 8},
		Monetary:  rfm.Cuts{50, 100, 200, 400},
	}
	c, _ := rfm.New(model, nil)
	p := buyer("cat", 45, 3, 120)
	fmt.Print(c.Explain(&p).Text(segment.English))
	// Output:
	// Potential Loyalist (1.00)
	//   R4: days since last purchase = 45 > 30 (recency[0]) — yes
	//   R4: days since last purchase = 45 <= 90 (recency[1]) — yes
	//   F3: purchase occasions = 3 > 2 (frequency[1]) — yes
	//   F3: purchase occasions = 3 <= 4 (frequency[2]) — yes
	//   M3: net revenue = 120 > 100 (monetary[1]) — yes
	//   M3: net revenue = 120 <= 200 (monetary[2]) — yes
	//   potential_loyalist: RFM code = 433 — yes
}

// A shop keeps three segments of its own, stored as JSON, and pins them
// down with the test kit.
func ExampleParseMap() {
	m, err := rfm.ParseMap([]byte(`{"fallback": "Everyone else", "rules": [
		{"segment": "VIP",      "r": [4, 5], "f": [5, 5]},
		{"segment": "Win back", "r": [1, 2], "f": [3, 5]}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	model := rfm.Model{Recency: rfm.Cuts{30, 90, 180, 365}, Frequency: rfm.Cuts{1, 2, 4, 8}, Monetary: rfm.Cuts{50, 100, 200, 400}}
	c, _ := rfm.New(model, m)
	vip, _ := m.Labels().Parse("VIP")
	winBack, _ := m.Labels().Parse("win back")
	err = segmenttest.Check[rfm.Segment](c,
		segmenttest.Case[rfm.Segment]{Name: "weekly buyer", Profile: buyer("a", 7, 12, 900), Want: vip},
		segmenttest.Case[rfm.Segment]{Name: "gone quiet", Profile: buyer("b", 300, 5, 400), Want: winBack},
	)
	fmt.Println("table:", err)
	fmt.Println("conformance:", segmenttest.Conformance[rfm.Segment](c, m.Labels()))
	p := buyer("c", 60, 1, 30)
	fmt.Println(c.Code(&p), m.Name(c.Classify(&p).Primary))
	for _, f := range m.Findings() {
		fmt.Println(f)
	}
	// Output:
	// table: <nil>
	// conformance: <nil>
	// 411 everyone else
	// 85 codes are covered by no rule: r 3-5 f 1-4 m 1-5, r 1-2 f 1-2 m 1-5, r 3 f 5 m 1-5; the fallback "Everyone else" takes them
}

// Fitting straight from an order log, one profile at a time, without
// materialising the profiles; then scoring a customer.
func ExampleFitter() {
	l := segment.NewLedger(nil)
	day := segment.MustParseDate("2025-01-01")
	for i := range 40 {
		for k := 0; k <= i%5; k++ { // customer i buys 1 + i%5 times
			_ = l.Add(segment.Order{Customer: "C" + strconv.Itoa(i), Date: day.AddDays(3*i + 7*k), Amount: float64(10 + i)})
		}
	}
	_ = l.SetSignals("prospect", segment.Signals{Inquiries: segment.Some(2)})

	f, _ := rfm.NewFitter(nil, l.Customers())
	var err error
	l.Each(segment.Date{}, func(p *segment.Profile) bool {
		err = f.Add(p)
		return err == nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	model, stats, _ := f.Fit()
	fmt.Println("frequency cut points:", model.Frequency)
	fmt.Println("scored", stats.Scored, "unscored", stats.Unscored)

	c, _ := rfm.New(model, nil)
	p, _ := l.Profile("C39", segment.Date{})
	fmt.Println(c.Code(&p), c.Classify(&p).Primary)
	// Output:
	// frequency cut points: [1 2 3 4]
	// scored 40 unscored 1
	// 555 champions
}
