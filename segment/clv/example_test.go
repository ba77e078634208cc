package clv_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/clv"
)

// Each customer's probability of being alive, expected purchases and
// lifetime value over the next year, from a model fitted to the CDNOW
// sample (recency and T in weeks). In a shop the rows come from the order
// log: rows, _, err := ledger.Summaries(asOf, segment.Week).
func Example() {
	rows := cdnowRows()
	model, err := clv.Fit(rows, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := clv.NewPredictor(model, clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, i := range []int{0, 1, 2, 5} {
		s := rows[i]
		pr, err := p.Predict(s)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %2.0f repeats, last at week %5.2f of %.2f: P(alive) %.2f, %.2f purchases next year, CLV $%.2f\n",
			s.ID, s.Frequency, s.Recency, s.T, pr.PAlive, pr.ExpectedPurchases, pr.CLV)
	}
	// Output:
	// 1:  2 repeats, last at week 30.43 of 38.86: P(alive) 0.73, 1.56 purchases next year, CLV $36.64
	// 2:  1 repeats, last at week  1.71 of 38.86: P(alive) 0.21, 0.26 purchases next year, CLV $4.68
	// 3:  0 repeats, last at week  0.00 of 38.86: P(alive) 1.00, 0.25 purchases next year, CLV $8.43
	// 6:  7 repeats, last at week 29.43 of 38.86: P(alive) 0.64, 4.20 purchases next year, CLV $286.34
}

// The parameters Fader, Hardie and Lee (2005) publish for CDNOW, and
// what they say about their worked example: a customer with 2 repeat
// purchases, the last at week 30.43 of 38.86.
func ExampleBGNBD_PAlive() {
	m := clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	s := segment.Summary{Frequency: 2, Recency: 30.43, T: 38.86}
	fmt.Printf("P(alive) %.3f, %.3f purchases in the next 39 weeks\n", m.PAlive(s), m.ExpectedPurchases(39, s))
	// A one-time buyer is alive by definition, but expected to buy less
	// and less as the silence lasts.
	for _, T := range []float64{4, 39, 78} {
		s := segment.Summary{T: T}
		fmt.Printf("one-time buyer, T=%2.0f: P(alive) %.0f, %.3f purchases\n", T, m.PAlive(s), m.ExpectedPurchases(39, s))
	}
	// Output:
	// P(alive) 0.727, 1.226 purchases in the next 39 weeks
	// one-time buyer, T= 4: P(alive) 1, 0.758 purchases
	// one-time buyer, T=39: P(alive) 1, 0.195 purchases
	// one-time buyer, T=78: P(alive) 1, 0.108 purchases
}

// Fitting the CDNOW sample reproduces the published parameters.
func ExampleFitBGNBD() {
	rows := cdnowRows()
	m, err := clv.FitBGNBD(rows, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r=%.3f alpha=%.3f a=%.3f b=%.3f LL=%.1f\n", m.R, m.Alpha, m.A, m.B, m.LogLik)
	// Output:
	// r=0.243 alpha=4.414 a=0.793 b=2.426 LL=-9582.4
}

// Gamma-Gamma on the repeat buyers of CDNOW; first check the assumption
// that spend does not depend on frequency.
func ExampleFitGammaGamma() {
	rows := cdnowRows()
	fmt.Printf("correlation %.2f\n", clv.SpendCorrelation(rows))
	g, _ := clv.FitGammaGamma(rows, nil)
	fmt.Printf("p=%.2f q=%.2f v=%.2f, mean spend %.2f\n", g.P, g.Q, g.V, g.Mean())
	// A net return is not a spend the model can take: the error says whose.
	rows = append(rows, segment.Summary{ID: "R1", Frequency: 1, Recency: 3, T: 9, MonetaryValue: -20})
	_, err := clv.FitGammaGamma(rows, nil)
	var fe *segment.FieldError
	fmt.Println(errors.As(err, &fe), fe.Record, fe.Field)
	// Output:
	// correlation 0.11
	// p=6.25 q=3.74 v=15.45, mean spend 35.17
	// true customer "R1" monetary_value
}

// The parameters as the CLI prints them.
func ExampleModel() {
	m := clv.Model{
		BGNBD:      clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426, LogLik: -9582.4},
		GammaGamma: clv.GammaGamma{P: 6.25, Q: 3.74, V: 15.44},
	}
	_ = json.NewEncoder(os.Stdout).Encode(m)
	// Output:
	// {"bgnbd":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426,"loglik":-9582.4},"gamma_gamma":{"p":6.25,"q":3.74,"v":15.44}}
}

// lifetimes' customer_lifetime_value(time=12, discount_rate=0.01) on a
// daily model, expressed as a Horizon.
func ExampleHorizon() {
	h := clv.Horizon{Length: 360, Unit: segment.Day, StepDays: 30, Discount: 0.1287}
	fmt.Println(h.Validate())
	fmt.Println(clv.Horizon{Length: 52, Discount: 0.1}.Validate())
	// Output:
	// <nil>
	// clv: clv horizon: unit "0": must be the model's time unit in days (segment.Day, segment.Week) to apply a yearly discount
}

func ExampleParseFitOptions() {
	o, err := clv.ParseFitOptions([]byte(`{"penalizer": 0.001, "min_customers": 50}`))
	fmt.Println(o.Penalizer, o.MinCustomers, o.MaxEvaluations, err)
	_, err = clv.ParseFitOptions([]byte(`{"tolerance": 1}`))
	fmt.Println(err)
	// Output:
	// 0.001 50 20000 <nil>
	// clv: clv fit options: tolerance "1": out of range: want 1e-12..0.01
}

// Summaries from elsewhere (a CSV, another system) are checked before
// use; the error names the customer, the field and the value.
func ExampleCheckSummaries() {
	rows := []segment.Summary{
		{ID: "A", Frequency: 2, Recency: 30, T: 40},
		{ID: "B", Frequency: 1, Recency: 45, T: 40},
	}
	fmt.Println(clv.CheckSummaries(rows))
	// Output:
	// clv: customer "B": recency "45": out of range: greater than T (40)
}
