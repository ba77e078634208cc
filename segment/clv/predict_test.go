package clv_test

import (
	"encoding/json"
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/clv"
)

var fhlModel = clv.Model{BGNBD: fhl, GammaGamma: fh}

func mustPredictor(t testing.TB, m clv.Model, h clv.Horizon) *clv.Predictor {
	t.Helper()
	p, err := clv.NewPredictor(m, h)
	require.NoError(t, err)
	return p
}

// Reference values: mpmath, summing over the steps the differences of the
// closed-form expected purchases (FHL equation 10), discounted from the
// end of each step, times the Gamma-Gamma expected spend; so they check
// the summation by parts, the step times and the discount factors as well
// as the quadrature.
func TestPredictWeeklyModel(t *testing.T) {
	p := mustPredictor(t, fhlModel, clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.1})
	undiscounted := mustPredictor(t, fhlModel, clv.Horizon{Length: 52})
	tests := []struct {
		s                                  segment.Summary
		pAlive, e52, value, clv, clvNoDisc float64
	}{
		{row("1", 2, 30.43, 38.86, 22.35), 0.72657857008067291192, 1.5587208064320879744, 24.663713910761155472, 36.653355096022024705, 38.443844036591934516},
		{row("3", 0, 0, 38.86, 0), 1, 0.25207302228245892684, 35.218978102189777147, 8.4542188136740400657, 8.8777542519187167022},
		{row("6", 7, 29.43, 38.86, 73.74), 0.64175634594610724836, 4.1988555849250434838, 71.469670896967084488, 286.3468852852942897, 300.09082679848508472},
	}
	for _, tt := range tests {
		got, err := p.Predict(tt.s)
		require.NoError(t, err)
		want := clv.Prediction{PAlive: tt.pAlive, ExpectedPurchases: tt.e52, ExpectedValue: tt.value, CLV: tt.clv}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return closeRel(a, b, 1e-10) })); diff != "" {
			t.Errorf("customer %s (-want +got):\n%s", tt.s.ID, diff)
		}
		got, err = undiscounted.Predict(tt.s)
		require.NoError(t, err)
		if !closeRel(got.CLV, tt.clvNoDisc, 1e-10) {
			t.Errorf("customer %s, no discount: CLV %.17g, want %.17g", tt.s.ID, got.CLV, tt.clvNoDisc)
		}
		if e := fhl.ExpectedPurchases(52, tt.s); e != got.ExpectedPurchases {
			t.Errorf("customer %s: Predict says %v purchases, ExpectedPurchases %v", tt.s.ID, got.ExpectedPurchases, e)
		}
	}
}

// lifetimes' customer_lifetime_value on a daily model: 12 months of 30
// days, monthly discount rate 1%. The same thing here is a 360-day
// horizon with a yearly rate of 1.01^(365/30) - 1. Reference: mpmath as
// above, with lifetimes' loop.
func TestPredictMatchesLifetimesDiscounting(t *testing.T) {
	daily := fhlModel
	daily.BGNBD.Alpha *= 7 // the same customers, time in days
	p := mustPredictor(t, daily, clv.Horizon{Length: 360, Unit: segment.Day, Discount: math.Pow(1.01, 365.0/30) - 1, StepDays: 30})
	for _, tt := range []struct {
		s    segment.Summary
		want float64
	}{
		{row("a", 14, 213.01, 272.02, 22.35), 125.92046109976439154},
		{row("b", 0, 0, 272.02, 0), 8.2682416385706843949},
	} {
		got, err := p.Predict(tt.s)
		require.NoError(t, err)
		if !closeRel(got.CLV, tt.want, 1e-10) {
			t.Errorf("customer %s: CLV %.17g, want %.17g", tt.s.ID, got.CLV, tt.want)
		}
	}
}

// Laws of the value: discounting lowers it, more discount lowers it more,
// the step does not matter without discount, and the value grows with
// the horizon.
func TestValueLaws(t *testing.T) {
	s := row("x", 3, 20, 38, 40)
	value := func(h clv.Horizon) float64 {
		t.Helper()
		got, err := mustPredictor(t, fhlModel, h).Predict(s)
		require.NoError(t, err)
		return got.CLV
	}
	none := value(clv.Horizon{Length: 52})
	if v := value(clv.Horizon{Length: 52, StepDays: 1}); v != none {
		t.Errorf("no discount, daily steps: %v, monthly: %v; want equal", v, none)
	}
	low := value(clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.05})
	high := value(clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.5})
	if !(high < low && low < none) {
		t.Errorf("values with 50%%, 5%% and no discount: %v, %v, %v; want increasing", high, low, none)
	}
	// Finer steps discount purchases from nearer their time: slightly more.
	fine := value(clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.5, StepDays: 1})
	if !(fine > high && fine < none) {
		t.Errorf("daily steps %v, monthly %v, none %v", fine, high, none)
	}
	if long := value(clv.Horizon{Length: 104, Unit: segment.Week, Discount: 0.1}); !(long > value(clv.Horizon{Length: 52, Unit: segment.Week, Discount: 0.1})) {
		t.Error("two years are not worth more than one")
	}
}

func TestHorizonAndPredictErrors(t *testing.T) {
	for _, tt := range []struct {
		h     clv.Horizon
		field string
	}{
		{clv.Horizon{}, "length"},
		{clv.Horizon{Length: math.Inf(1)}, "length"},
		{clv.Horizon{Length: 52, Discount: -0.1, Unit: segment.Week}, "discount"},
		{clv.Horizon{Length: 52, Discount: math.NaN(), Unit: segment.Week}, "discount"},
		{clv.Horizon{Length: 52, Discount: 0.1}, "unit"},
		{clv.Horizon{Length: 52, StepDays: -1}, "step_days"},
		{clv.Horizon{Length: 1e9, Unit: segment.Day, Discount: 0.1}, "step_days"},
	} {
		_, err := clv.NewPredictor(fhlModel, tt.h)
		wantFieldError(t, err, tt.field, "clv horizon")
		if err := tt.h.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil", tt.h)
		}
	}
	if _, err := clv.NewPredictor(clv.Model{BGNBD: fhl}, clv.Horizon{Length: 1}); err == nil {
		t.Error("a model without Gamma-Gamma parameters was accepted")
	}
	p := mustPredictor(t, fhlModel, clv.Horizon{Length: 52})
	_, err := p.Predict(row("C1", 2, 40, 30, 10))
	wantFieldError(t, err, "recency", `customer "C1"`)
	_, err = p.Predict(row("C2", 2, 10, 30, 0))
	wantFieldError(t, err, "monetary_value", `customer "C2"`)
}

// The JSON form is the one the CLI prints.
func TestModelJSON(t *testing.T) {
	m := clv.Model{BGNBD: clv.BGNBD{R: 0.25, Alpha: 4.5, A: 0.75, B: 2.5, LogLik: -9582.5}, GammaGamma: clv.GammaGamma{P: 6.25, Q: 3.75, V: 15.5}}
	data, err := json.Marshal(m)
	require.NoError(t, err)
	want := `{"bgnbd":{"r":0.25,"alpha":4.5,"a":0.75,"b":2.5,"loglik":-9582.5},"gamma_gamma":{"p":6.25,"q":3.75,"v":15.5}}`
	if diff := cmp.Diff(want, string(data)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
	var back clv.Model
	require.NoError(t, json.Unmarshal(data, &back))
	if diff := cmp.Diff(m, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestFitOptions(t *testing.T) {
	o, err := clv.ParseFitOptions([]byte(`{"penalizer": 0.01}`))
	require.NoError(t, err)
	want := clv.DefaultFitOptions()
	want.Penalizer = 0.01
	if diff := cmp.Diff(want, o); diff != "" {
		t.Errorf("parsed options (-want +got):\n%s", diff)
	}
	data, err := json.Marshal(o)
	require.NoError(t, err)
	back, err := clv.ParseFitOptions(data)
	require.NoError(t, err)
	if diff := cmp.Diff(o, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	for _, tt := range []struct{ json, field string }{
		{`{"min_customers": -1}`, "min_customers"},
		{`{"penalizer": 1000}`, "penalizer"},
		{`{"max_evaluations": 10}`, "max_evaluations"},
		{`{"tolerance": 0.5}`, "tolerance"},
	} {
		_, err := clv.ParseFitOptions([]byte(tt.json))
		wantFieldError(t, err, tt.field, "clv fit options")
	}
	if _, err := clv.ParseFitOptions([]byte(`{"penaliser": 0.1}`)); err == nil {
		t.Error("a misspelt option was accepted")
	}
}

// Fit on a ledger: the whole path the CLI takes, on a small shop.
func TestFitFromLedger(t *testing.T) {
	l := segment.NewLedger(nil)
	start := segment.MustParseDate("2024-01-01")
	sim := simulate(400, clv4{0.8, 40, 0.7, 3}, 30, 360, 7)
	for i, s := range sim {
		id := "C" + strconv.Itoa(i)
		// First purchase so that T days later is the as-of date; repeat
		// purchases spread over the recency.
		first := start.AddDays(360 - int(s.T))
		require.NoError(t, l.Add(segment.Order{Customer: id, Date: first, Amount: 20 + float64(i%7)}))
		for k := 1; k <= int(s.Frequency); k++ {
			day := int(s.Recency * float64(k) / s.Frequency)
			require.NoError(t, l.Add(segment.Order{Customer: id, Date: first.AddDays(max(day, k)), Amount: 10 + float64((i*k)%50)}))
		}
	}
	rows, _, err := l.Summaries(start.AddDays(360), segment.Day)
	require.NoError(t, err)
	m, err := clv.Fit(rows, nil)
	require.NoError(t, err)
	p := mustPredictor(t, m, clv.Horizon{Length: 365, Unit: segment.Day, Discount: 0.1})
	for _, s := range rows {
		got, err := p.Predict(s)
		require.NoError(t, err)
		if !(got.PAlive >= 0 && got.PAlive <= 1 && got.ExpectedPurchases >= 0 && got.CLV >= 0 && got.ExpectedValue > 0) {
			t.Fatalf("%s: %+v", s.ID, got)
		}
	}
}
