package clv_test

import (
	"math"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/clv"
)

// Any row: the checks agree with each other, nothing panics, and valid
// rows get predictions within their laws.
func FuzzPredict(f *testing.F) {
	f.Add(2.0, 30.43, 38.86, 22.35, 52.0)
	f.Add(0.0, 0.0, 0.0, 0.0, 1.0)
	f.Add(1.0, 1e-300, 1e300, 1e-300, 1e6)
	f.Add(5e8, 3.0, 3.0, 7.0, 0.5)
	f.Add(math.NaN(), 1.0, 2.0, 3.0, 4.0)
	f.Add(2.5, -1.0, math.Inf(1), -3.0, 0.0)
	p := mustPredictor(f, fhlModel, clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.1})
	f.Fuzz(func(t *testing.T, x, tx, T, m, h float64) {
		s := row("F", x, tx, T, m)
		checkErr := clv.CheckSummaries([]segment.Summary{s})
		pa := fhl.PAlive(s)
		if (checkErr == nil) == math.IsNaN(pa) {
			t.Fatalf("%+v: CheckSummaries %v but P(alive) %v", s, checkErr, pa)
		}
		pr, err := p.Predict(s)
		if checkErr != nil {
			if err == nil {
				t.Fatalf("%+v: CheckSummaries %v, Predict no error", s, checkErr)
			}
			return
		}
		if !(pa >= 0 && pa <= 1) {
			t.Fatalf("%+v: P(alive) %v", s, pa)
		}
		e := fhl.ExpectedPurchases(h, s)
		if h >= 0 && h <= math.MaxFloat64 && !(e >= 0) {
			t.Fatalf("%+v: expected purchases in %v = %v", s, h, e)
		}
		if err != nil {
			if x == 0 || m > 0 && m <= math.MaxFloat64 {
				t.Fatalf("%+v: valid row, Predict error %v", s, err)
			}
			return
		}
		if pr.PAlive != pa || !(pr.ExpectedPurchases >= 0) || !(pr.ExpectedValue > 0) || !(pr.CLV >= 0) {
			t.Fatalf("%+v: %+v", s, pr)
		}
	})
}

// A Predictor is safe for concurrent use and gives every goroutine the
// same answers.
func TestPredictorConcurrent(t *testing.T) {
	rows := cdnow(t)[:200]
	p := mustPredictor(t, fhlModel, clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.1})
	want := make([]clv.Prediction, len(rows))
	for i, s := range rows {
		want[i], _ = p.Predict(s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, s := range rows {
				if got, _ := p.Predict(s); got != want[i] {
					errs <- s.ID
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for id := range errs {
		t.Errorf("customer %s: another answer under concurrency", id)
	}
}
