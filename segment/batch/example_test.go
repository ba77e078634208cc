package batch_test

import (
	"context"
	"fmt"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

// A nightly run: every customer of an order log through a typology and a
// shop rule of its own in one pass, results in input order, and a summary
// per label.
func ExampleRun() {
	l := segment.NewLedger(nil)
	day := segment.MustParseDate("2025-06-30")
	for _, o := range []segment.Order{
		{Customer: "anna", Date: day.AddDays(-40), Amount: 120},
		{Customer: "anna", Date: day.AddDays(-3), Amount: 80},
		{Customer: "boris", Date: day.AddDays(-200), Amount: 15},
		{Customer: "vera", Date: day.AddDays(-1), Amount: 900},
	} {
		if err := l.Add(o); err != nil {
			fmt.Println(err)
		}
	}
	_ = l.SetSignals("anna", segment.Signals{ComparisonsViewed: segment.Some(6), DaysToPurchase: segment.Some(9.0)})
	_ = l.SetSignals("vera", segment.Signals{ImpulsePurchases: segment.Some(1), DaysToPurchase: segment.Some(0.5)})

	// What we compute per customer.
	type Row struct {
		Style     segment.Result[decision.Style]
		BigTicket bool // the shop's own rule
	}
	styles, _ := decision.New(nil)
	stage := batch.Chain(
		batch.Classify(styles, func(r *Row) *segment.Result[decision.Style] { return &r.Style }),
		func(p *segment.Profile, out *Row) error {
			out.BigTicket = p.AverageOrderValue().Or(0) >= 500
			return nil
		},
	)

	summary := batch.NewSummary(decision.Styles)
	stats, err := batch.Run(context.Background(), batch.FromLedger(l, day, nil), stage,
		func(r *batch.Record[Row]) error {
			if r.Err != nil {
				fmt.Println("rejected:", r.Err)
				return nil
			}
			fmt.Printf("%d %-5s %-9s big ticket: %v\n", r.Index, r.Profile.ID, r.Out.Style.Primary, r.Out.BigTicket)
			return summary.Add(r.Profile, &r.Out.Style)
		},
		&batch.Options{Trusted: true}) // ledger profiles are valid
	fmt.Println(err, stats.Read, stats.Classified, stats.Rejected)
	for _, row := range summary.Rows() {
		if row.Count > 0 {
			fmt.Printf("%-9s %d customers, %.0f%% of revenue\n", row.Label, row.Count, 100*row.RevenueShare.Or(0))
		}
	}
	// Output:
	// 0 anna  rational  big ticket: false
	// 1 boris unknown   big ticket: false
	// 2 vera  emotional big ticket: true
	// <nil> 3 3 0
	// rational  1 customers, 18% of revenue
	// emotional 1 customers, 81% of revenue
	// unknown   1 customers, 1% of revenue
}

// Invalid profiles from outside (a CRM request, a file) are rejected one
// by one, with the customer and the field named; the run goes on.
func ExampleRun_rejected() {
	day := segment.MustParseDate("2025-06-30")
	profiles := []segment.Profile{
		{ID: "c1", AsOf: day, Occasions: 1, Orders: 1, Revenue: 50, First: day, Last: day},
		{ID: "c2", AsOf: day, Occasions: 2, Orders: 2, Revenue: 80}, // no dates
	}
	styles, _ := decision.New(nil)
	stage := batch.Classify(styles, func(r *segment.Result[decision.Style]) *segment.Result[decision.Style] { return r })
	stats, _ := batch.Run(context.Background(), batch.FromSlice(profiles), stage,
		func(r *batch.Record[segment.Result[decision.Style]]) error {
			if r.Err != nil {
				fmt.Println(r.Err)
			}
			return nil
		}, nil)
	fmt.Printf("read %d = classified %d + rejected %d\n", stats.Read, stats.Classified, stats.Rejected)
	// Output:
	// batch: invalid profile: customer "c2": first "": required when occasions > 0
	// read 2 = classified 1 + rejected 1
}

// Map runs any record type through the same engine: here, order totals
// with tax, in input order.
func ExampleMap() {
	amounts := []float64{100, 250, 40}
	_, err := batch.Map(context.Background(), batch.FromSlice(amounts),
		func(in *float64, out *float64) error {
			*out = *in * 1.2
			return nil
		},
		func(it *batch.Item[float64, float64]) error {
			fmt.Printf("%d: %.2f\n", it.Index, *it.Out)
			return nil
		}, nil)
	fmt.Println(err)
	// Output:
	// 0: 120.00
	// 1: 300.00
	// 2: 48.00
	// <nil>
}

// Summaries of two shards (two machines, two goroutines) merge into the
// summary of the whole base.
func ExampleSummary_Merge() {
	day := segment.MustParseDate("2025-06-30")
	styles, _ := decision.New(nil)
	customer := func(id string, revenue float64, comparisons int) segment.Profile {
		p := segment.Profile{ID: id, AsOf: day, Occasions: 1, Orders: 1, Revenue: revenue, First: day, Last: day}
		p.Signals.ComparisonsViewed = segment.Some(comparisons)
		return p
	}
	east, west := batch.NewSummary(decision.Styles), batch.NewSummary(decision.Styles)
	for _, p := range []segment.Profile{customer("e1", 10.10, 4), customer("e2", 5.20, 0)} {
		r := styles.Classify(&p)
		_ = east.Add(&p, &r)
	}
	p := customer("w1", 84.70, 3)
	r := styles.Classify(&p)
	_ = west.Add(&p, &r)

	_ = east.Merge(west)
	rational := east.Row(decision.Rational)
	fmt.Printf("%d customers, %d rational, revenue %.2f, mean %.2f\n",
		east.Count(), rational.Count, rational.Revenue, rational.MeanRevenue.Or(0))
	// Output:
	// 3 customers, 2 rational, revenue 94.80, mean 47.40
}

// The RFM grid from scores (here given; in practice from segment/rfm).
func ExampleGrid() {
	var g batch.Grid
	for _, c := range []struct {
		r, f, m uint8
		revenue float64
	}{{5, 5, 5, 900}, {5, 4, 4, 400}, {5, 5, 3, 300}, {1, 5, 4, 700}, {0, 0, 0, 0}} {
		if err := g.Add(c.r, c.f, c.m, c.revenue); err != nil {
			fmt.Println(err)
		}
	}
	champions := g.Cell(5, 5)
	fmt.Printf("R5 F5: %d customers, %.0f%% of revenue, mean M %.1f\n", champions.Count, 100*champions.RevenueShare.Or(0), champions.MeanM.Or(0))
	slipping := g.Cell(1, 5)
	fmt.Printf("R1 F5: %d customer, %.0f%% of revenue\n", slipping.Count, 100*slipping.RevenueShare.Or(0))
	n, _ := g.Unscored()
	fmt.Println("without a score:", n)
	fmt.Println(g.Add(6, 1, 1, 10))
	// Output:
	// R5 F5: 2 customers, 52% of revenue, mean M 4.0
	// R1 F5: 1 customer, 30% of revenue
	// without a score: 1
	// r_score "6": out of range: want 1..5 (or 0, 0, 0 for a customer without a score)
}
