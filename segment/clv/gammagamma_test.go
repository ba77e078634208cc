package clv_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/clv"
)

var fh = clv.GammaGamma{P: published.gg[0], Q: published.gg[1], V: published.gg[2]}

// Reference values: mpmath at 40 digits, from the likelihood and the
// conditional expectation in Fader and Hardie's note (2013), equations 1
// and 5, at the published CDNOW parameters.
func TestGammaGammaHandComputed(t *testing.T) {
	tests := []struct {
		x, m, ll, expected float64
	}{
		{2, 22.35, -3.5513167597317047066, 24.663713910761155472},
		{7, 73.74, -6.0548673107222289559, 71.469670896967084488},
		{1, 227.14, -10.053235817091377024, 168.64571746384870697},
		{29, 26.26, -3.5604573876342277375, 26.393418120550031385},
		{21, 299.63, -11.707108322819065631, 294.22298305843719186},
	}
	var rows []segment.Summary
	var total float64
	for _, c := range tests {
		s := row("", c.x, 1, 30, c.m)
		rows = append(rows, s)
		total += c.ll
		ll, err := fh.LogLikelihood([]segment.Summary{s})
		require.NoError(t, err)
		if !closeRel(ll, c.ll, 1e-12) {
			t.Errorf("x=%g m=%g: log-likelihood %.17g, want %.17g", c.x, c.m, ll, c.ll)
		}
		if got := fh.ExpectedAverageValue(s); !closeRel(got, c.expected, 1e-13) {
			t.Errorf("x=%g m=%g: expected average value %.17g, want %.17g", c.x, c.m, got, c.expected)
		}
	}
	// One-time buyers are skipped by the likelihood and get the mean.
	rows = append(rows, row("", 0, 0, 30, 0))
	ll, err := fh.LogLikelihood(rows)
	require.NoError(t, err)
	if !closeRel(ll, total, 1e-13) {
		t.Errorf("log-likelihood of all rows %.17g, want %.17g", ll, total)
	}
	if got, want := fh.ExpectedAverageValue(row("", 0, 0, 30, 0)), 35.218978102189777147; !closeRel(got, want, 1e-14) {
		t.Errorf("one-time buyer: %.17g, want the population mean %.17g", got, want)
	}
	if got := fh.Mean(); !closeRel(got, 35.218978102189777147, 1e-14) {
		t.Errorf("Mean() = %.17g", got)
	}
}

// Done when: the fit agrees with Fader and Hardie's note on the CDNOW
// data, p = 6.25, q = 3.74, v = 15.44. Tolerance: half a unit of the last
// digit published (0.005) for p and q; for v 0.01, since lifetimes
// reports 15.45 and the note 15.44 for the same data.
func TestFitGammaGammaCDNOW(t *testing.T) {
	rows := cdnow(t)
	g, err := clv.FitGammaGamma(rows, nil)
	require.NoError(t, err)
	got := [3]float64{g.P, g.Q, g.V}
	for i, tol := range []float64{0.005, 0.005, 0.01} {
		if math.Abs(got[i]-published.gg[i]) > tol {
			t.Errorf("parameter %d = %.5f, published %g", i, got[i], published.gg[i])
		}
	}
	// The note's summary of the repeat buyers' spend: mean $35.08, which
	// the model's mean spend comes close to.
	var sum, n float64
	for _, r := range rows {
		if r.Frequency > 0 {
			sum, n = sum+r.MonetaryValue, n+1
		}
	}
	if n != 946 || math.Abs(sum/n-35.08) > 0.005 {
		t.Errorf("%g repeat buyers spending %.4f on average; the note has 946 and $35.08", n, sum/n)
	}
	if mean := g.Mean(); math.Abs(mean-35.08) > 0.5 {
		t.Errorf("model mean spend %.2f, far from the sample mean 35.08", mean)
	}
	rev := slices.Clone(rows)
	slices.Reverse(rev)
	again, err := clv.FitGammaGamma(rev, nil)
	require.NoError(t, err)
	if diff := cmp.Diff(g, again); diff != "" {
		t.Errorf("reversed rows give another fit (-forward +reversed):\n%s", diff)
	}
	// On CDNOW spend and frequency are nearly independent, as the model
	// assumes (the note reports a correlation of 0.11).
	if c := clv.SpendCorrelation(rows); math.Abs(c-0.11) > 0.01 {
		t.Errorf("spend correlation %.3f, the note reports 0.11", c)
	}
}

func TestFitGammaGammaRefusesBadSpend(t *testing.T) {
	base := cdnow(t)[:200]
	tests := []struct {
		name    string
		bad     segment.Summary
		mention []string
	}{
		{"zero spend", row("C7", 2, 10, 30, 0), []string{`customer "C7"`, `"0"`, "must be positive"}},
		{"net return", row("C8", 1, 10, 30, -12.5), []string{`customer "C8"`, "-12.5"}},
		{"NaN spend", row("C9", 3, 10, 30, math.NaN()), []string{`customer "C9"`, "not a finite number"}},
		{"infinite spend", row("", 3, 10, 30, math.Inf(1)), []string{"row 201", "not a finite number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := clv.FitGammaGamma(append(slices.Clone(base), tt.bad), nil)
			wantFieldError(t, err, "monetary_value", tt.mention...)
			_, err = clv.Fit(append(slices.Clone(base), tt.bad), nil)
			wantFieldError(t, err, "monetary_value", tt.mention...)
		})
	}
	// A one-time buyer's monetary value is not used, whatever it is.
	if _, err := clv.FitGammaGamma(append(slices.Clone(base), row("C10", 0, 0, 30, -5)), nil); err != nil {
		t.Errorf("one-time buyer with monetary value -5: %v", err)
	}
	// Too few repeat buyers.
	var few []segment.Summary
	for _, r := range base {
		if r.Frequency == 0 || len(few) < 12 {
			few = append(few, r)
		}
	}
	if _, err := clv.FitGammaGamma(few, &clv.FitOptions{MinCustomers: 20}); !errors.Is(err, clv.ErrTooFewCustomers) {
		t.Errorf("error %v, want ErrTooFewCustomers", err)
	}
}

func TestGammaGammaInvalid(t *testing.T) {
	for _, g := range []clv.GammaGamma{{}, {P: 1, Q: 1, V: 1}, {P: 1, Q: 0.5, V: 1}, {P: math.NaN(), Q: 2, V: 1}, {P: 1, Q: 2, V: math.Inf(1)}} {
		if err := g.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil", g)
		}
		if v := g.ExpectedAverageValue(row("", 0, 0, 1, 0)); !math.IsNaN(v) {
			t.Errorf("%+v: expected value %g, want NaN", g, v)
		}
		if v := g.Mean(); !math.IsNaN(v) {
			t.Errorf("%+v: mean %g, want NaN", g, v)
		}
	}
	if err := (clv.GammaGamma{P: 1, Q: 1, V: 1}).Validate(); err != nil {
		wantFieldError(t, err, "q", "greater than 1")
	}
	for _, s := range []segment.Summary{row("", 1, 1, 2, 0), row("", 1, 1, 2, -3), row("", 1, 3, 2, 10)} {
		if v := fh.ExpectedAverageValue(s); !math.IsNaN(v) {
			t.Errorf("%+v: expected value %g, want NaN", s, v)
		}
	}
	if c := clv.SpendCorrelation([]segment.Summary{row("", 1, 1, 2, 5)}); !math.IsNaN(c) {
		t.Errorf("correlation of one row: %g, want NaN", c)
	}
}
