package clv

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/clientele-go/clientele/segment"
)

// GammaGamma holds the parameters of the Gamma-Gamma model of spend per
// purchase (Fader, Hardie and Lee, 2005; Fader and Hardie, "The
// Gamma-Gamma model of monetary value", 2013). A customer's purchases
// have amounts drawn from a Gamma(p, ν) distribution whose rate ν varies
// across customers as Gamma(q, v); so each customer has their own mean
// spend p/ν, and the population mean spend is p·v/(q-1).
//
// The model assumes that how much a customer spends per purchase is
// independent of how often they buy; fit it only where that holds
// ([SpendCorrelation] measures it). v is in the currency of the monetary
// values. A GammaGamma is a plain value, safe for concurrent use; its JSON
// form is {"p":..,"q":..,"v":..}.
type GammaGamma struct {
	P float64 `json:"p"`
	Q float64 `json:"q"`
	V float64 `json:"v"`
}

// Validate reports whether the parameters are usable: p, q and v must be
// finite and positive, and q greater than 1 (otherwise the mean spend is
// infinite and so is every expected value).
func (g GammaGamma) Validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"p", g.P}, {"q", g.Q}, {"v", g.V}} {
		if !(f.v > 0 && f.v <= math.MaxFloat64) {
			return fmt.Errorf("clv: %w", &segment.FieldError{Record: "Gamma-Gamma", Field: f.name, Value: formatFloat(f.v), Err: errors.New("must be finite and positive")})
		}
	}
	if !(g.Q > 1) {
		return fmt.Errorf("clv: %w", &segment.FieldError{Record: "Gamma-Gamma", Field: "q", Value: formatFloat(g.Q), Err: errors.New("must be greater than 1 for the mean spend to be finite")})
	}
	return nil
}

func (g *GammaGamma) valid() bool {
	return g.P > 0 && g.Q > 1 && g.V > 0 &&
		g.P <= math.MaxFloat64 && g.Q <= math.MaxFloat64 && g.V <= math.MaxFloat64
}

// Mean returns the population mean spend per purchase, p·v/(q-1): the
// expected spend of a customer we know nothing about.
func (g GammaGamma) Mean() float64 {
	if !g.valid() {
		return math.NaN()
	}
	return g.P * g.V / (g.Q - 1)
}

// ExpectedAverageValue returns the expected mean spend per purchase of the
// customer: for a repeat buyer with x repeat purchases of mean amount m
// (Frequency and MonetaryValue),
//
//	p·(v + x·m) / (p·x + q - 1),
//
// a weighted average of the population mean and the customer's own mean
// that trusts the latter more the more purchases it rests on. A one-time
// buyer (x = 0) has no repeat spend to go on and gets [GammaGamma.Mean].
//
// It returns NaN when the model or the row is invalid: see
// [GammaGamma.Validate] and [CheckSummaries], and a repeat buyer's
// MonetaryValue must be finite and positive. It does not allocate.
func (g GammaGamma) ExpectedAverageValue(s segment.Summary) float64 {
	if !g.valid() || !validRow(&s) {
		return math.NaN()
	}
	if s.Frequency == 0 {
		return g.P * g.V / (g.Q - 1)
	}
	if !(s.MonetaryValue > 0 && s.MonetaryValue <= math.MaxFloat64) {
		return math.NaN()
	}
	x := s.Frequency
	// p·(v + x·m) / (p·x + q - 1), divided through by p: the same value,
	// without p·(v + x·m) overflowing for a large p.
	return (g.V + x*s.MonetaryValue) / (x + (g.Q-1)/g.P)
}

// LogLikelihood returns the Gamma-Gamma log-likelihood of the repeat
// buyers among rows (Frequency > 0; the others are skipped): the sum of
//
//	ln[ Γ(px+q) / (Γ(px)Γ(q)) · v^q · m^(px-1) · x^(px) / (v + x·m)^(px+q) ]
//
// over them, m being MonetaryValue. It is what [FitGammaGamma] maximises.
// Invalid rows (see [FitGammaGamma]) or parameters are an error naming
// them.
func (g GammaGamma) LogLikelihood(rows []segment.Summary) (float64, error) {
	for _, f := range []struct {
		name string
		v    float64
	}{{"p", g.P}, {"q", g.Q}, {"v", g.V}} {
		if !(f.v > 0 && f.v <= math.MaxFloat64) {
			return 0, fmt.Errorf("clv: %w", &segment.FieldError{Record: "Gamma-Gamma", Field: f.name, Value: formatFloat(f.v), Err: errors.New("must be finite and positive")})
		}
	}
	d, err := newGGData(rows)
	if err != nil {
		return 0, err
	}
	return d.logLik(g.P, g.Q, g.V), nil
}

// FitGammaGamma fits the Gamma-Gamma model by maximum likelihood to the
// repeat buyers among rows (Frequency > 0); one-time buyers have no
// repeat spend and are skipped, whatever their MonetaryValue. Like
// [FitBGNBD] it searches the log-parameters with Nelder-Mead, starting at
// p = q = 1 and v = the mean spend, and is deterministic.
//
// Every row must pass [CheckSummaries], and a repeat buyer's
// MonetaryValue must be finite and positive: a customer whose repeat
// purchases net to zero or less (returns, free orders) is refused with an
// error naming them, not dropped silently; filter such customers out, or
// fix their amounts, before the fit. Fewer repeat buyers than
// opts.MinCustomers is [ErrTooFewCustomers]; a fit whose q is not above 1
// (the mean spend would be infinite) is [ErrUnidentified].
func FitGammaGamma(rows []segment.Summary, opts *FitOptions) (GammaGamma, error) {
	o, err := resolve(opts)
	if err != nil {
		return GammaGamma{}, err
	}
	d, err := newGGData(rows)
	if err != nil {
		return GammaGamma{}, err
	}
	if d.n < float64(o.MinCustomers) {
		return GammaGamma{}, fmt.Errorf("clv: Gamma-Gamma: %w: %d repeat buyers, need at least %d (FitOptions.MinCustomers)", ErrTooFewCustomers, int(d.n), o.MinCustomers)
	}
	x0 := []float64{0, 0, math.Log(d.meanM)}
	objective := func(x []float64) float64 {
		for i := range x {
			if math.Abs(x[i]-x0[i]) > logBound {
				return math.Inf(1)
			}
		}
		p, q, v := math.Exp(x[0]), math.Exp(x[1]), math.Exp(x[2])
		f := -d.logLik(p, q, v) / d.n
		if o.Penalizer > 0 {
			f += o.Penalizer * (p*p + q*q + v*v)
		}
		return f
	}
	res := nelderMead(objective, x0, o.settings())
	g := GammaGamma{P: math.Exp(res.x[0]), Q: math.Exp(res.x[1]), V: math.Exp(res.x[2])}
	if err := checkFit("Gamma-Gamma", []string{"p", "q", "v"}, res, x0); err != nil {
		return g, err
	}
	if !(g.Q > 1) {
		return g, fmt.Errorf("clv: Gamma-Gamma: %w: q = %s is not above 1, so the mean spend would be infinite (a few extreme amounts?)", ErrUnidentified, formatFloat(g.Q))
	}
	return g, nil
}

// SpendCorrelation returns the Pearson correlation between Frequency and
// MonetaryValue over the repeat buyers among rows whose MonetaryValue is
// finite and positive, or NaN when fewer than two such rows vary. The
// Gamma-Gamma model assumes the two are independent; a correlation far
// from 0 (as a rule of thumb, beyond ±0.3) means its expected values and
// the CLV built on them are biased.
func SpendCorrelation(rows []segment.Summary) float64 {
	var n, sx, sm float64
	for _, r := range rows {
		if usableSpend(&r) {
			n++
			sx += r.Frequency
			sm += r.MonetaryValue
		}
	}
	if n < 2 {
		return math.NaN()
	}
	mx, mm := sx/n, sm/n
	var cxx, cmm, cxm float64
	for _, r := range rows {
		if usableSpend(&r) {
			dx, dm := r.Frequency-mx, r.MonetaryValue-mm
			cxx += dx * dx
			cmm += dm * dm
			cxm += dx * dm
		}
	}
	if cxx == 0 || cmm == 0 {
		return math.NaN()
	}
	return cxm / math.Sqrt(cxx*cmm)
}

func usableSpend(r *segment.Summary) bool {
	return validRow(r) && r.Frequency > 0 && r.MonetaryValue > 0 && r.MonetaryValue <= math.MaxFloat64
}

// ggData holds the repeat buyers prepared for the Gamma-Gamma likelihood:
// equal (x, m) pairs become one weighted cell.
type ggData struct {
	cells []ggCell
	xs    []float64 // distinct frequencies, ascending
	n     float64   // repeat buyers
	meanM float64

	lnX, scratch []float64 // per distinct x
}

type ggCell struct {
	k      int32   // index into xs
	lnM    float64 // ln m
	xm     float64 // x·m
	weight float64 // customers in the cell
}

func newGGData(rows []segment.Summary) (*ggData, error) {
	if err := CheckSummaries(rows); err != nil {
		return nil, err
	}
	type key struct{ x, m float64 }
	keys := make([]key, 0, len(rows))
	for i := range rows {
		r := &rows[i]
		if r.Frequency == 0 {
			continue
		}
		if !(r.MonetaryValue > 0 && r.MonetaryValue <= math.MaxFloat64) {
			return nil, checkSpend(rowRecord(i, r), r)
		}
		keys = append(keys, key{r.Frequency, r.MonetaryValue})
	}
	d := &ggData{n: float64(len(keys))}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		return cmp.Compare(a.m, b.m)
	})
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		k := keys[i]
		if len(d.xs) == 0 || d.xs[len(d.xs)-1] != k.x {
			d.xs = append(d.xs, k.x)
		}
		d.cells = append(d.cells, ggCell{k: int32(len(d.xs) - 1), lnM: math.Log(k.m), xm: k.x * k.m, weight: float64(j - i)})
		i = j
	}
	var sum float64 // over the sorted keys, so the order of the rows changes nothing
	for _, k := range keys {
		sum += k.m
	}
	if len(keys) > 0 {
		d.meanM = sum / d.n
	}
	d.lnX = make([]float64, len(d.xs))
	for k, x := range d.xs {
		d.lnX[k] = math.Log(x)
	}
	d.scratch = make([]float64, len(d.xs))
	return d, nil
}

func checkSpend(rec string, r *segment.Summary) error {
	m := r.MonetaryValue
	if m > 0 && m <= math.MaxFloat64 {
		return nil
	}
	err := segment.ErrNotFinite
	if !math.IsNaN(m) && !math.IsInf(m, 0) {
		err = fmt.Errorf("%w: a repeat buyer's mean spend must be positive for Gamma-Gamma (returns or free orders netting to %s?)", segment.ErrRange, formatFloat(m))
	}
	return fmt.Errorf("clv: %w", &segment.FieldError{Record: rec, Field: "monetary_value", Value: formatFloat(m), Err: err})
}

// logLik is the Gamma-Gamma log-likelihood; not safe for concurrent use.
func (d *ggData) logLik(p, q, v float64) float64 {
	lgQ, lnV := lgamma(q), math.Log(v)
	for k, x := range d.xs {
		px := p * x
		d.scratch[k] = lgamma(px+q) - lgamma(px) - lgQ + q*lnV + px*d.lnX[k]
	}
	var ll float64
	for i := range d.cells {
		c := &d.cells[i]
		px := p * d.xs[c.k]
		ll += c.weight * (d.scratch[c.k] + (px-1)*c.lnM - (px+q)*math.Log(v+c.xm))
	}
	return ll
}
