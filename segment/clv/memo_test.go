package clv_test

import (
	"math"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/clv"
)

// A Predictor remembers the costly part of its predictions by frequency
// and T; whether it remembered it or computed it, a prediction is the
// same bit for bit, on several goroutines at once, and ExpectedPurchases
// is BGNBD.ExpectedPurchases over the horizon, bit for bit.
func TestPredictorRemembersBitForBit(t *testing.T) {
	rows := daily(simulate(3000, benchTruth, 30, 365, 7))
	for i := range rows {
		rows[i].ID = "c"
		rows[i].MonetaryValue = 5 + float64(i%17)
	}
	for _, h := range []clv.Horizon{
		{Length: 365},
		{Length: 365, Unit: segment.Day, Discount: 0.1},
	} {
		shared := mustPredictor(t, fhlModel, h)
		var wg sync.WaitGroup
		for g := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for pass := range 2 {
					for i, s := range rows {
						fresh := mustPredictor(t, fhlModel, h) // remembers nothing yet
						want, wantErr := fresh.Predict(s)
						got, err := shared.Predict(s)
						if (err == nil) != (wantErr == nil) || !sameBits(got, want) {
							t.Errorf("%+v goroutine %d pass %d row %d: %+v, %v; computed afresh %+v, %v", h, g, pass, i, got, err, want, wantErr)
							return
						}
						if got, want := shared.ExpectedPurchases(s), fhlModel.BGNBD.ExpectedPurchases(h.Length, s); math.Float64bits(got) != math.Float64bits(want) {
							t.Errorf("%+v row %d: ExpectedPurchases %v, BGNBD's %v", h, i, got, want)
							return
						}
					}
				}
			}()
		}
		wg.Wait()
	}
	p := mustPredictor(t, fhlModel, clv.Horizon{Length: 365})
	if got := p.ExpectedPurchases(segment.Summary{Frequency: 2, Recency: 9, T: 5}); !math.IsNaN(got) {
		t.Errorf("ExpectedPurchases of an invalid row (recency beyond T): %v, want NaN", got)
	}
}

func sameBits(a, b clv.Prediction) bool {
	for _, p := range [][2]float64{{a.PAlive, b.PAlive}, {a.ExpectedPurchases, b.ExpectedPurchases}, {a.ExpectedValue, b.ExpectedValue}, {a.CLV, b.CLV}} {
		if math.Float64bits(p[0]) != math.Float64bits(p[1]) {
			return false
		}
	}
	return true
}

// A remembered prediction allocates nothing; one of a new pair only as
// the memo's maps grow, a fraction of an allocation a prediction.
func TestPredictDoesNotAllocate(t *testing.T) {
	p := mustPredictor(t, fhlModel, clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.1})
	T := 38.0
	if n := testing.AllocsPerRun(5000, func() {
		T += 0.25 // a new pair every run: computed, then remembered
		s := row("c", 7, 29.43, T, 73.74)
		if _, err := p.Predict(s); err != nil {
			t.Fatal(err)
		}
		_ = p.ExpectedPurchases(s)
	}); n > 0.5 {
		t.Errorf("%v allocations a prediction of a new pair", n)
	}
	s := row("c", 7, 29.43, 38.86, 73.74)
	if n := testing.AllocsPerRun(200, func() {
		if _, err := p.Predict(s); err != nil {
			t.Fatal(err)
		}
		_ = p.ExpectedPurchases(s)
	}); n != 0 {
		t.Errorf("%v allocations a remembered prediction", n)
	}
}

// A copy of a used Predictor shares what the original remembers, locks
// and all: the two predicting on two goroutines at once neither race nor
// differ.
func TestPredictorCopiesShareTheMemo(t *testing.T) {
	p := mustPredictor(t, fhlModel, clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.1})
	for i := range 200 {
		if _, err := p.Predict(row("c", 3, 10, 20+float64(i)/4, 30)); err != nil {
			t.Fatal(err)
		}
	}
	q := *p
	got := make([][]clv.Prediction, 2)
	var wg sync.WaitGroup
	for g, pred := range []*clv.Predictor{p, &q} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 400 {
				pr, err := pred.Predict(row("c", 3, 10, 20+float64(i)/4, 30))
				if err != nil {
					t.Error(err)
					return
				}
				got[g] = append(got[g], pr)
			}
		}()
	}
	wg.Wait()
	for i := range got[0] {
		if !sameBits(got[0][i], got[1][i]) {
			t.Fatalf("prediction %d: the original %+v, the copy %+v", i, got[0][i], got[1][i])
		}
	}
}
