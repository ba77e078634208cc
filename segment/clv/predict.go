package clv

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// ExpectedPurchases returns the expected number of purchases the customer
// makes in the next t time units (after T), given frequency x, recency
// t_x and T: P(alive) times the expected purchases of an alive customer,
// whose purchase rate now has a Gamma(r+x, α+T) distribution and whose
// dropout probability a Beta(a, b+x) one. It equals equation 10 of Fader,
// Hardie and Lee (2005), computed without its hypergeometric function
// (see the package documentation) so it stays accurate for a near 1 and
// for long horizons.
//
// With the zero Summary (x = t_x = T = 0) it is the expected number of
// repeat purchases of a new customer in their first t units, E[X(t)].
//
// t is in the model's time unit. It returns NaN when the model or the row
// is invalid (see [BGNBD.Validate] and [CheckSummaries]) or t is negative
// or not finite. It does not allocate.
func (m BGNBD) ExpectedPurchases(t float64, s segment.Summary) float64 {
	if !m.valid() || !validRow(&s) || !(t >= 0 && t <= math.MaxFloat64) {
		return math.NaN()
	}
	if t == 0 {
		return 0
	}
	e, _ := m.alivePurchases(s.Frequency, s.T, t, nil, nil)
	return m.pAlive(s.Frequency, s.Recency, s.T) * e
}

// alivePurchases returns the expected purchases of a customer still alive
// with frequency x and age T over horizon, and their sum over the
// discounting steps times and coef (0 without steps): betaExpect of the
// purchase integrand, what a prediction spends its time on.
func (m *BGNBD) alivePurchases(x, T, horizon float64, times, coef []float64) (end, weighted float64) {
	f := purchaseIntegrand{r: m.R + x, alpha: m.Alpha + T, horizon: horizon, times: times, coef: coef}
	return betaExpect(m.A, m.B+x, &f)
}

// Model is the pair of models a customer lifetime value needs: BG/NBD for
// how many purchases, Gamma-Gamma for how much each. Its JSON form is
//
//	{"bgnbd":{"r":..,"alpha":..,"a":..,"b":..,"loglik":..},"gamma_gamma":{"p":..,"q":..,"v":..}}
type Model struct {
	BGNBD      BGNBD      `json:"bgnbd"`
	GammaGamma GammaGamma `json:"gamma_gamma"`
}

// Fit fits both models to the rows: [FitBGNBD] on every customer and
// [FitGammaGamma] on the repeat buyers, with the same options.
func Fit(rows []segment.Summary, opts *FitOptions) (Model, error) {
	bg, err := FitBGNBD(rows, opts)
	if err != nil {
		return Model{}, err
	}
	gg, err := FitGammaGamma(rows, opts)
	if err != nil {
		return Model{}, err
	}
	return Model{BGNBD: bg, GammaGamma: gg}, nil
}

// Validate reports whether both models are usable.
func (m Model) Validate() error {
	if err := m.BGNBD.Validate(); err != nil {
		return err
	}
	return m.GammaGamma.Validate()
}

// Horizon says over how long, and with what discounting, a customer's
// value is counted.
//
// The horizon of Length model time units is cut into steps of StepDays
// days, the last one shortened to end at the horizon. The purchases
// expected during a step are valued at the customer's expected spend and
// discounted from the end of the step by (1+Discount)^(-days/365), days
// being the time from T to the end of the step. With StepDays = 30,
// Length = 360 days and Discount = (1+m)^(365/30) - 1 this is exactly
// lifetimes' customer_lifetime_value with a monthly discount_rate m over
// 12 months. With no discount the steps do not matter and the value is
// the expected spend times [BGNBD.ExpectedPurchases] over the horizon.
type Horizon struct {
	// Length of the horizon in the model's time unit (the unit of the
	// summaries it was fitted on): 52 for a year of a weekly model, 365
	// of a daily one. Must be positive.
	Length float64 `json:"length"`
	// Unit is the length of one model time unit in days ([segment.Day],
	// [segment.Week]); it converts the yearly Discount. Required when
	// Discount is not 0.
	Unit segment.Unit `json:"unit"`
	// Discount is the yearly discount rate: 0.1 means money a year from
	// now is worth 1/1.1 of money today. 0 (the default) means none.
	Discount float64 `json:"discount"`
	// StepDays is the length of a discounting step in days. 0 means 30,
	// lifetimes' month.
	StepDays float64 `json:"step_days"`
}

// maxSteps bounds the discounting steps of a horizon, which each cost a
// little in every prediction.
const maxSteps = 10000

// Validate reports the first unusable field of the horizon.
func (h Horizon) Validate() error {
	_, _, err := h.steps()
	return err
}

// steps returns the ends of the discounting steps in model units and the
// coefficient of the expected purchases up to each end (see Predict).
func (h Horizon) steps() (times, coef []float64, err error) {
	bad := func(field, value string, err error) error {
		return fmt.Errorf("clv: %w", &segment.FieldError{Record: "clv horizon", Field: field, Value: value, Err: err})
	}
	stepDays := h.StepDays
	if stepDays == 0 {
		stepDays = 30
	}
	switch {
	case !(h.Length > 0 && h.Length <= math.MaxFloat64):
		return nil, nil, bad("length", formatFloat(h.Length), errors.New("must be finite and positive"))
	case !(h.Discount >= 0 && h.Discount <= 100):
		return nil, nil, bad("discount", formatFloat(h.Discount), fmt.Errorf("%w: want a yearly rate 0..100", segment.ErrRange))
	case !(stepDays > 0 && stepDays <= math.MaxFloat64):
		return nil, nil, bad("step_days", formatFloat(h.StepDays), errors.New("must be finite and positive"))
	case h.Unit < 0 || (h.Unit == 0 && h.Discount > 0):
		return nil, nil, bad("unit", strconv.Itoa(int(h.Unit)), errors.New("must be the model's time unit in days (segment.Day, segment.Week) to apply a yearly discount"))
	}
	if h.Discount == 0 {
		// Telescoping: Σ (G(t_k) - G(t_k-1)) = G(Length).
		return []float64{h.Length}, []float64{1}, nil
	}
	unitDays := float64(h.Unit)
	step := stepDays / unitDays
	n := math.Ceil(h.Length/step - 1e-9)
	if n > maxSteps {
		return nil, nil, bad("step_days", formatFloat(stepDays), fmt.Errorf("%w: %g steps in the horizon, at most %d", segment.ErrRange, n, maxSteps))
	}
	steps := max(int(n), 1)
	times = make([]float64, steps)
	coef = make([]float64, steps)
	perUnit := math.Log1p(h.Discount) * unitDays / 365 // continuous rate per model unit
	for k := range steps {
		times[k] = min(float64(k+1)*step, h.Length)
	}
	times[steps-1] = h.Length // exactly, whatever the rounding of the steps
	// Σ_k d_k (G(t_k) - G(t_k-1)) = Σ_k (d_k - d_k+1) G(t_k), d_n+1 = 0.
	for k := range steps {
		d := math.Exp(-perUnit * times[k])
		next := 0.0
		if k+1 < steps {
			next = math.Exp(-perUnit * times[k+1])
		}
		coef[k] = d - next
	}
	return times, coef, nil
}

// Prediction is what the models say about one customer over a horizon.
type Prediction struct {
	// PAlive is the probability the customer is still active
	// ([BGNBD.PAlive]); 1 for one-time buyers, by the model's definition.
	PAlive float64 `json:"p_alive"`
	// ExpectedPurchases over the horizon, not discounted
	// ([BGNBD.ExpectedPurchases]).
	ExpectedPurchases float64 `json:"expected_purchases"`
	// ExpectedValue is the expected spend per purchase
	// ([GammaGamma.ExpectedAverageValue]).
	ExpectedValue float64 `json:"expected_value"`
	// CLV is the discounted expected spend over the horizon: the
	// expected spend per purchase times the discounted expected
	// purchases.
	CLV float64 `json:"clv"`
}

// Predictor predicts for customers with one model over one horizon. It is
// safe for concurrent use: to score a large customer base faster, split
// it across goroutines. A prediction costs a few microseconds without
// discount and grows with the number of discounting steps (about 40 µs
// for 13 monthly steps on a 2-core machine), but the costly part depends
// only on the customer's frequency and T, and a Predictor remembers it for
// each pair it has seen (up to about a million pairs): a whole base in
// whole days, whose customers share a few tens of thousands of pairs,
// costs a small fraction of that. Remembered or not, a prediction is the
// same bit for bit. A copy of a Predictor shares what it remembers.
type Predictor struct {
	model       Model
	times, coef []float64
	memo        *predictorMemo
}

// predictorMemo is what a Predictor remembers, behind a pointer so that
// copies of the Predictor share it (and its locks).
type predictorMemo struct {
	purchases purchaseMemo // betaExpect for Predict, by (x, T)
	ends      purchaseMemo // betaExpect for ExpectedPurchases, by (x, T)
}

// NewPredictor checks the model and the horizon and prepares the
// discounting steps.
func NewPredictor(m Model, h Horizon) (*Predictor, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	times, coef, err := h.steps()
	if err != nil {
		return nil, err
	}
	return &Predictor{model: m, times: times, coef: coef, memo: new(predictorMemo)}, nil
}

// Predict returns the prediction for one customer, or an error naming the
// customer when the row is invalid ([CheckSummaries]), for a repeat
// buyer, the monetary value is not finite and positive, or the model's
// expected spend overflows for this customer (parameters far outside any
// fit), so that no NaN or infinite value passes for a prediction. It does
// not allocate unless it returns an error or remembers a new pair (see
// Predictor), whose maps grow now and then.
func (p *Predictor) Predict(s segment.Summary) (Prediction, error) {
	if !validRow(&s) {
		return Prediction{}, checkRow("customer "+strconv.Quote(s.ID), &s)
	}
	if s.Frequency > 0 && !(s.MonetaryValue > 0 && s.MonetaryValue <= math.MaxFloat64) {
		return Prediction{}, checkSpend("customer "+strconv.Quote(s.ID), &s)
	}
	bg, gg := &p.model.BGNBD, &p.model.GammaGamma
	x := s.Frequency
	end, discounted := p.memo.purchases.get(x, s.T, func() (float64, float64) {
		return bg.alivePurchases(x, s.T, p.times[len(p.times)-1], p.times, p.coef)
	})
	alive := bg.pAlive(x, s.Recency, s.T)
	value := gg.ExpectedAverageValue(s)
	pr := Prediction{
		PAlive:            alive,
		ExpectedPurchases: alive * end,
		ExpectedValue:     value,
		CLV:               value * alive * discounted,
	}
	if math.IsInf(value, 0) || math.IsNaN(pr.CLV) || math.IsInf(pr.CLV, 0) {
		return Prediction{}, fmt.Errorf("clv: %w", &segment.FieldError{Record: "customer " + strconv.Quote(s.ID),
			Field: "expected_value", Value: formatFloat(value), Err: fmt.Errorf("%w: the model's expected spend overflows", segment.ErrRange)})
	}
	return pr, nil
}

// ExpectedPurchases is [BGNBD.ExpectedPurchases] of the predictor's model
// over its horizon (Horizon.Length), the same bit for bit, with the costly
// part remembered by frequency and T as Predict's is: for the customers
// Predict cannot value (a one-time buyer has no spend for Gamma-Gamma),
// whose expected purchases a whole base's export still wants. It returns
// NaN for an invalid row.
func (p *Predictor) ExpectedPurchases(s segment.Summary) float64 {
	bg := &p.model.BGNBD
	horizon := p.times[len(p.times)-1]
	if !validRow(&s) {
		return math.NaN()
	}
	x := s.Frequency
	end, _ := p.memo.ends.get(x, s.T, func() (float64, float64) {
		return bg.alivePurchases(x, s.T, horizon, nil, nil)
	})
	return bg.pAlive(x, s.Recency, s.T) * end
}
