// Command quickstart is the shortest path through clientele: one customer
// in, every typology and a marketing playbook out.
//
//	go run ./examples/quickstart            # English
//	go run ./examples/quickstart -lang ru   # Russian
//	go run ./examples/quickstart -no-base   # hand-set cut points, no customer base
//
// Read run from top to bottom: build the customer, get classifiers, classify,
// plan, print.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

func main() {
	lang := flag.String("lang", "en", "language of the output: en or ru")
	noBase := flag.Bool("no-base", false, "use hand-set cut points instead of fitting on the sample shop")
	flag.Parse()
	l, err := segment.ParseLang(*lang)
	if err == nil {
		err = run(os.Stdout, l, *noBase)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, lang segment.Lang, noBase bool) error {
	// 1. One customer: see customer below.
	anna, err := customer()
	if err != nil {
		return err
	}

	// 2. Classifiers. RFM scores and the behavioural "top 20% by revenue"
	// rules are relative to a customer base: one customer alone is
	// neither top nor bottom of anything. The honest way is to fit them
	// on a base, here the sample shop that ships with clientele (2500
	// customers; package sample is internal to this repository). In your
	// service, load your own orders (segment/ingest), fit once and keep
	// the result. Without a base, see handSet: cut points chosen by hand.
	var classifiers *strategy.Classifiers
	if noBase {
		classifiers, err = handSet()
	} else {
		var base []segment.Profile
		if base, err = sample.Profiles(); err == nil {
			classifiers, err = strategy.Fit(base, nil)
		}
	}
	if err != nil {
		return err
	}

	// 3. Classify by every typology, then turn that into a playbook with
	// the default strategy (nil config).
	var c strategy.Classification
	classifiers.Classify(&anna, &c)
	engine, err := strategy.New(nil)
	if err != nil {
		return err
	}
	playbook := engine.Plan(&c)

	// 4. Print: each typology's answer and why, then the playbook.
	fmt.Fprintf(w, "%s %s, %s\n\n", anna.ID, anna.AsOf, describe(&anna, lang))
	printAnswers(w, classifiers, &c, lang)
	fmt.Fprintln(w)
	fmt.Fprint(w, playbook.Text(lang))
	return nil
}

// customer returns the profile of one customer as of 2025-06-30.
func customer() (segment.Profile, error) {
	// One customer as a shop and its CRM know her: a few orders (the
	// flags say which lines had a discount, a new or a premium product;
	// Known says the shop records those flags at all) and a few signals.
	// A signal left out is unknown, which is not the same as zero.
	asOf := segment.NewDate(2025, time.June, 30)
	flags := segment.Discounted | segment.NewProduct | segment.Premium
	ledger := segment.NewLedger(nil)
	for _, o := range []segment.Order{
		{Customer: "anna", Date: segment.NewDate(2024, time.March, 2), Amount: 84.50, Known: flags},
		{Customer: "anna", Date: segment.NewDate(2024, time.June, 15), Amount: 129.90, Flags: segment.NewProduct, Known: flags},
		{Customer: "anna", Date: segment.NewDate(2024, time.October, 4), Amount: 64.00, Known: flags},
		{Customer: "anna", Date: segment.NewDate(2025, time.January, 20), Amount: 210.00, Flags: segment.Premium, Known: flags},
		{Customer: "anna", Date: segment.NewDate(2025, time.May, 28), Amount: 95.40, Flags: segment.Discounted, Known: flags},
	} {
		if err := ledger.Add(o); err != nil {
			return segment.Profile{}, err // the error names the order and the field at fault
		}
	}
	err := ledger.SetSignals("anna", segment.Signals{
		PositiveReviews:  segment.Some(2),
		Referrals:        segment.Some(1),
		Subscribed:       segment.Some(true),
		ImageViews:       segment.Some(40),
		VideoViews:       segment.Some(12),
		LongReads:        segment.Some(3),
		ImpulsePurchases: segment.Some(2),
	})
	if err != nil {
		return segment.Profile{}, err
	}
	anna, _ := ledger.Profile("anna", asOf)
	return anna, nil
}
