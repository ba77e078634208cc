package clv_test

import (
	"math"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/clv"
)

// benchTruth are the parameters of the simulated shops: a year of daily
// data, customers observed 30 to 365 days.
var benchTruth = clv4{0.6, 20, 0.9, 3}

// daily rounds simulated times to whole days, as a ledger's summaries
// are: many customers then share a row, which the likelihood exploits.
func daily(rows []segment.Summary) []segment.Summary {
	for i := range rows {
		r := &rows[i]
		r.T = math.Round(r.T)
		if r.Frequency > 0 {
			r.Recency = min(max(math.Round(r.Recency), 1), r.T)
		}
	}
	return rows
}

// Fit on 100,000 customers. "daily" is the realistic case (times in whole
// days, as from a ledger); "continuous" the worst case, every row
// distinct.
func BenchmarkFitBGNBD100k(b *testing.B) {
	for _, bc := range []struct {
		name string
		rows []segment.Summary
	}{
		{"daily", daily(simulate(100000, benchTruth, 30, 365, 2))},
		{"continuous", simulate(100000, benchTruth, 30, 365, 2)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := clv.FitBGNBD(bc.rows, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFitGammaGamma100k(b *testing.B) {
	rows := daily(simulate(100000, benchTruth, 30, 365, 2))
	for i := range rows {
		if rows[i].Frequency > 0 {
			rows[i].MonetaryValue = 10 + float64(i%97)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := clv.FitGammaGamma(rows, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// P(alive) per customer.
func BenchmarkPAlive(b *testing.B) {
	s := row("c", 7, 29.43, 38.86, 0)
	b.ReportAllocs()
	var sink float64
	for b.Loop() {
		sink += fhl.PAlive(s)
	}
	_ = sink
}

// P(alive) for a whole base of 100,000 simulated customers with their
// fitted model, one-time buyers (P(alive) 1 without computation)
// included; ns/customer is the cost per customer.
func BenchmarkPAlive100k(b *testing.B) {
	rows := daily(simulate(100000, benchTruth, 30, 365, 2))
	m, err := clv.FitBGNBD(rows, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var sink float64
	for b.Loop() {
		for i := range rows {
			sink += m.PAlive(rows[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(rows)), "ns/customer")
	if math.IsNaN(sink) {
		b.Fatal("NaN P(alive)")
	}
}

// Expected purchases per customer: one quadrature.
func BenchmarkExpectedPurchases(b *testing.B) {
	s := row("c", 7, 29.43, 38.86, 0)
	b.ReportAllocs()
	var sink float64
	for b.Loop() {
		sink += fhl.ExpectedPurchases(52, s)
	}
	_ = sink
}

// A full prediction per customer over a year of a weekly model: without
// discount, and with a yearly discount in 30-day steps (13 steps);
// "computed" for a pair of frequency and T the predictor has not seen
// (every iteration another T), "remembered" for one it has.
func BenchmarkPredict(b *testing.B) {
	for _, bc := range []struct {
		name string
		h    clv.Horizon
	}{
		{"no-discount", clv.Horizon{Length: 52}},
		{"discount-monthly-steps", clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.1}},
	} {
		for _, fresh := range []bool{true, false} {
			name := bc.name + "/remembered"
			if fresh {
				name = bc.name + "/computed"
			}
			p := mustPredictor(b, fhlModel, bc.h)
			b.Run(name, func(b *testing.B) {
				s := row("c", 7, 29.43, 38.86, 73.74)
				b.ReportAllocs()
				for b.Loop() {
					if fresh {
						s.T = math.Nextafter(s.T, math.Inf(1))
					}
					if _, err := p.Predict(s); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// Predictions for a whole base of 100,000 simulated customers in whole
// days (a year's horizon, discounted monthly), with a new Predictor each
// time, as an export makes one: the customers share pairs of frequency
// and T, whose costly part the predictor computes once each. ns/op is
// per customer.
func BenchmarkPredictBase100k(b *testing.B) {
	rows := daily(simulate(100_000, benchTruth, 30, 365, 3))
	for i := range rows {
		rows[i].MonetaryValue = 20
	}
	h := clv.Horizon{Length: 365, Unit: segment.Day, Discount: 0.1}
	b.ReportAllocs()
	for b.Loop() {
		p := mustPredictor(b, fhlModel, h)
		for _, s := range rows {
			if _, err := p.Predict(s); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(rows)), "ns/customer")
}
