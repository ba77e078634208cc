package clv

import (
	"fmt"
	"math"

	"github.com/clientele-go/clientele/segment"
)

// logBound limits how far, in natural-log units, the optimiser may move a
// parameter from its starting value (a factor of about 10^10). A
// parameter that ends more than logUnidentified from its start (a factor
// of 10^4: r or a of 0.0001, b of 10000, α ten thousand times the mean
// T) has run away along a direction where the likelihood no longer
// changes, rather than settled; no customer base has such parameters.
const (
	logBound        = 23.0
	logUnidentified = 9.2
)

// FitBGNBD fits the BG/NBD model to the rows by maximum likelihood: a
// Nelder-Mead search over the logarithms of r, α, a and b (so they stay
// positive), started at r = a = b = 1 and α = the mean T, restarted until
// it no longer improves. The result is deterministic: the same rows, in
// any order, give the same parameters bit for bit.
//
// Every row must pass [CheckSummaries]; MonetaryValue is ignored. The fit
// refuses data that cannot support it: fewer than opts.MinCustomers rows
// ([ErrTooFewCustomers]), no repeat buyer ([ErrNoRepeatBuyers]), a
// parameter running off to zero or infinity ([ErrUnidentified]), or no
// convergence within the budget ([ErrNotConverged]).
func FitBGNBD(rows []segment.Summary, opts *FitOptions) (BGNBD, error) {
	o, err := resolve(opts)
	if err != nil {
		return BGNBD{}, err
	}
	if err := CheckSummaries(rows); err != nil {
		return BGNBD{}, err
	}
	if len(rows) < o.MinCustomers {
		return BGNBD{}, fmt.Errorf("clv: BG/NBD: %w: %d, need at least %d (FitOptions.MinCustomers)", ErrTooFewCustomers, len(rows), o.MinCustomers)
	}
	d := newBGData(rows)
	if d.repeat == 0 {
		return BGNBD{}, fmt.Errorf("clv: BG/NBD: %w among %d customers: nothing shows how often customers buy or when they leave", ErrNoRepeatBuyers, len(rows))
	}
	start := [4]float64{1, max(d.meanT, 1e-3), 1, 1}
	var x0 [4]float64
	for i, v := range start {
		x0[i] = math.Log(v)
	}
	objective := func(x []float64) float64 {
		for i := range x {
			if math.Abs(x[i]-x0[i]) > logBound {
				return math.Inf(1)
			}
		}
		r, alpha, a, b := math.Exp(x[0]), math.Exp(x[1]), math.Exp(x[2]), math.Exp(x[3])
		f := -d.logLik(r, alpha, a, b) / d.n
		if o.Penalizer > 0 {
			f += o.Penalizer * (r*r + alpha*alpha + a*a + b*b)
		}
		return f
	}
	res := nelderMead(objective, x0[:], o.settings())
	m := BGNBD{R: math.Exp(res.x[0]), Alpha: math.Exp(res.x[1]), A: math.Exp(res.x[2]), B: math.Exp(res.x[3])}
	if err := checkFit("BG/NBD", []string{"r", "alpha", "a", "b"}, res, x0[:]); err != nil {
		return m, err
	}
	m.LogLik = d.logLik(m.R, m.Alpha, m.A, m.B)
	return m, nil
}

// checkFit turns an optimiser result into ErrUnidentified when a
// parameter ran away, or ErrNotConverged when the budget ran out.
func checkFit(model string, names []string, res nmResult, x0 []float64) error {
	for i, name := range names {
		if math.Abs(res.x[i]-x0[i]) > logUnidentified {
			return fmt.Errorf("clv: %s: %w: %s ran to %s (more data, or a FitOptions.Penalizer, may help)", model, ErrUnidentified, name, formatFloat(math.Exp(res.x[i])))
		}
	}
	// A stall within that range is a likelihood flat to the last digits
	// around its maximum: the value has converged, and the parameters are
	// as precise as the data and the arithmetic allow.
	if !res.converged && !res.stalled {
		return fmt.Errorf("clv: %s: %w within %d evaluations (FitOptions.MaxEvaluations)", model, ErrNotConverged, res.evals)
	}
	return nil
}
