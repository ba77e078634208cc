package strategy_test

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// One customer, every typology, the playbook. RFM is relative to a
// customer base; without one at hand, fixed cut points (here: the shop's
// own idea of recent, frequent and big) stand in for the quintiles, and
// the behavioural "top share" types stay unknown rather than guessed.
func Example() {
	l := segment.NewLedger(nil)
	for _, o := range []struct {
		date   string
		amount float64
	}{{"2025-01-10", 80}, {"2025-02-14", 120}, {"2025-03-20", 95}, {"2025-05-02", 110}} {
		if err := l.Add(segment.Order{Customer: "anna", Date: segment.MustParseDate(o.date), Amount: o.amount}); err != nil {
			panic(err)
		}
	}
	_ = l.SetSignals("anna", segment.Signals{Referrals: segment.Some(2)})
	asOf := segment.MustParseDate("2025-06-30")
	p, ok := l.Profile("anna", asOf)
	if !ok {
		panic("no profile")
	}

	fitter, err := strategy.NewFitter(&strategy.Settings{RFM: &rfm.Config{
		Recency:   segment.Some(rfm.Cuts{30, 60, 120, 365}),
		Frequency: segment.Some(rfm.Cuts{1, 2, 3, 6}),
		Monetary:  segment.Some(rfm.Cuts{50, 150, 300, 1000}),
	}})
	if err != nil {
		panic(err)
	}
	classifiers, err := fitter.Fit()
	if err != nil {
		panic(err)
	}
	engine, err := strategy.New(nil)
	if err != nil {
		panic(err)
	}

	var c strategy.Classification
	classifiers.Classify(&p, &c)
	pb := engine.Plan(&c)
	fmt.Println("segment:", c.Segment.Primary)
	fmt.Println("rfm:", c.RFM.Primary)
	fmt.Println("rung:", c.Rung.Primary)
	fmt.Println("objective:", pb.Objective.Text(segment.English))
	first := &pb.Actions[0]
	fmt.Println("first action:", first.Action.Title(segment.English))
	for _, r := range pb.Reasons(first, segment.English) {
		fmt.Println("  because", r.Rule+":", r.Because)
	}
	fmt.Println("tone:", pb.Tone.Text(segment.English))
	// Output:
	// segment: fan
	// rfm: loyal
	// rung: advocate
	// objective: Reach Partner: a first co-creation session
	// first action: Rewards for advocates
	//   because segment.fan.advocate_rewards: [segment: Fans]
	//   because rung.advocate.advocate_rewards: [loyalty ladder: Brand advocate]
	//   because loyalty.personal.advocate_rewards: [loyalty kind: Personal loyalty]
	// tone: social and shareable: events, stories, something to post
}
