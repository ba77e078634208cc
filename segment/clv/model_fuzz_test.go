package clv_test

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/clv"
)

// FuzzParseFitOptions: a refusal names the option (or is a JSON syntax
// error); what is accepted validates and round trips unchanged.
func FuzzParseFitOptions(f *testing.F) {
	def, _ := json.Marshal(clv.DefaultFitOptions())
	for _, s := range []string{string(def), `{}`, `{"penalizer": 0.001}`, `{"tolerance": 0}`, `{"max_evaluations": 99}`, `{"penaliser": 1}`, `{"min_customers": 1e20}`, `[]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := clv.ParseFitOptions(data)
		if err != nil {
			var fe *segment.FieldError
			var se *json.SyntaxError
			if !errors.As(err, &fe) && !errors.As(err, &se) && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) &&
				!errors.Is(err, segment.ErrRange) && !strings.Contains(err.Error(), "trailing data") {
				t.Fatalf("ParseFitOptions(%q): %v names no field and is no JSON syntax error", data, err)
			}
			return
		}
		if err := o.Validate(); err != nil {
			t.Fatalf("accepted %q, Validate says %v", data, err)
		}
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		if back, err := clv.ParseFitOptions(b); err != nil || back != o {
			t.Fatalf("round trip of %s: %+v, %v", b, back, err)
		}
	})
}

// FuzzModelJSON: a stored model either fails Validate (naming the
// parameter) or gives a Predictor whose predictions keep their laws for
// valid rows: P(alive) in [0, 1], purchases, spend and CLV not negative,
// or an error; never a panic. Valid models round trip through JSON.
func FuzzModelJSON(f *testing.F) {
	fhlJSON, _ := json.Marshal(fhlModel)
	for _, s := range []string{
		string(fhlJSON),
		`{"bgnbd":{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426},"gamma_gamma":{"p":6.25,"q":3.74,"v":15.44}}`,
		`{"bgnbd":{"r":1e-300,"alpha":1e300,"a":1e-9,"b":1e9},"gamma_gamma":{"p":1e300,"q":1.0000001,"v":1e-300}}`,
		`{"bgnbd":{"r":0,"alpha":1,"a":1,"b":1},"gamma_gamma":{"p":1,"q":1,"v":1}}`,
		`{"bgnbd":{"r":-1}}`, `{}`, `null`,
	} {
		f.Add([]byte(s))
	}
	rows := []segment.Summary{
		row("one-time", 0, 0, 38.86, 0), row("repeat", 2, 30.43, 38.86, 22.35), row("busy", 50, 70, 71, 1e6),
		row("young", 1, 0.5, 0.5, 0.01), row("old", 3, 1, 1e4, 5),
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m clv.Model
		if json.Unmarshal(data, &m) != nil {
			return
		}
		if err := m.Validate(); err != nil {
			var fe *segment.FieldError
			if !errors.As(err, &fe) || fe.Field == "" {
				t.Fatalf("Validate of %s: %v names no parameter", data, err)
			}
			return
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back clv.Model
		if err := json.Unmarshal(b, &back); err != nil || !cmp.Equal(back, m) {
			t.Fatalf("round trip of %s: %+v, %v", b, back, err)
		}
		p, err := clv.NewPredictor(m, clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.1})
		if err != nil {
			t.Fatalf("valid model %s, NewPredictor: %v", data, err)
		}
		for _, s := range rows {
			pr, err := p.Predict(s)
			if err != nil {
				continue
			}
			if !(pr.PAlive >= 0 && pr.PAlive <= 1) || !(pr.ExpectedPurchases >= 0) || !(pr.ExpectedValue >= 0) || !(pr.CLV >= 0) || math.IsInf(pr.CLV, 0) && !math.IsInf(pr.ExpectedValue, 0) {
				t.Fatalf("model %s, row %+v: prediction %+v breaks its laws", data, s, pr)
			}
		}
	})
}

// Regression (found by FuzzModelJSON): a valid model with a huge
// Gamma-Gamma p made p·(v + x·m) overflow, so a busy customer's expected
// spend was +Inf and the CLV NaN, returned as a prediction. The spend is
// now computed without the overflow, and a model whose spend overflows
// for real is an error naming the customer.
func TestPredictNeverReturnsNaN(t *testing.T) {
	busy := row("busy", 50, 70, 71, 1e6)
	p, err := clv.NewPredictor(clv.Model{BGNBD: clv.BGNBD{R: 1, Alpha: 1, A: 1, B: 1e7}, GammaGamma: clv.GammaGamma{P: 1e301, Q: 10, V: 1}},
		clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	pr, err := p.Predict(busy)
	// (v + x·m) / (x + (q-1)/p) with (q-1)/p negligible.
	if want := (1 + 50*1e6) / 50.0; err != nil || math.Abs(pr.ExpectedValue-want)/want > 1e-12 || math.IsNaN(pr.CLV) {
		t.Errorf("p = 1e301: %+v, %v; want an expected spend of %v and a number for CLV", pr, err, want)
	}
	// A one-time buyer gets the population mean p·v/(q-1), here beyond
	// float64: an error, not +Inf.
	p, err = clv.NewPredictor(clv.Model{BGNBD: clv.BGNBD{R: 1, Alpha: 1, A: 1, B: 1}, GammaGamma: clv.GammaGamma{P: 1e301, Q: 1.5, V: 1e10}},
		clv.Horizon{Length: 52})
	if err != nil {
		t.Fatal(err)
	}
	var fe *segment.FieldError
	if pr, err := p.Predict(row("once", 0, 0, 30, 0)); !errors.As(err, &fe) || !strings.Contains(fe.Record, `"once"`) {
		t.Errorf("an overflowing population mean: %+v, %v; want a FieldError naming the customer", pr, err)
	}
}
