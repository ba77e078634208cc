package clv

import (
	"errors"
	"fmt"
	"math"

	"github.com/clientele-go/clientele/segment"
)

// BGNBD holds the four parameters of the BG/NBD model (Fader, Hardie and
// Lee, 2005) and the log-likelihood of the data they were fitted to.
// While alive, a customer buys at a rate λ drawn from a Gamma(r, α)
// distribution; after each repeat purchase they drop out for good with a
// probability p drawn from a Beta(a, b) distribution.
//
// α is a time: it is in the unit of the recency and T the model was
// fitted on (days or weeks, see [segment.Unit]), and predictions must use
// the same unit. A BGNBD is a plain value, safe for concurrent use; its
// JSON form is {"r":..,"alpha":..,"a":..,"b":..,"loglik":..}.
type BGNBD struct {
	R     float64 `json:"r"`
	Alpha float64 `json:"alpha"`
	A     float64 `json:"a"`
	B     float64 `json:"b"`
	// LogLik is the log-likelihood of the fitted data at these
	// parameters, as [BGNBD.LogLikelihood] computes it, recorded by
	// [FitBGNBD]. It plays no part in predictions.
	LogLik float64 `json:"loglik"`
}

// Validate reports whether the parameters are usable: r, α, a and b must
// be finite and positive.
func (m BGNBD) Validate() error {
	for _, p := range []struct {
		name string
		v    float64
	}{{"r", m.R}, {"alpha", m.Alpha}, {"a", m.A}, {"b", m.B}} {
		if !(p.v > 0 && p.v <= math.MaxFloat64) {
			return fmt.Errorf("clv: %w", &segment.FieldError{Record: "BG/NBD", Field: p.name, Value: formatFloat(p.v), Err: errors.New("must be finite and positive")})
		}
	}
	return nil
}

func (m *BGNBD) valid() bool {
	return m.R > 0 && m.Alpha > 0 && m.A > 0 && m.B > 0 &&
		m.R <= math.MaxFloat64 && m.Alpha <= math.MaxFloat64 && m.A <= math.MaxFloat64 && m.B <= math.MaxFloat64
}

// PAlive returns the probability that the customer is still active
// (has not dropped out) at T, given frequency x, recency t_x and T:
//
//	P(alive) = 1 / (1 + [x > 0] · a/(b+x-1) · ((α+T)/(α+t_x))^(r+x))
//
// For a one-time buyer (x = 0) it is exactly 1, however long ago the
// purchase was: in BG/NBD a customer can drop out only right after a
// repeat purchase, so someone who never came back has had no chance to
// leave. This is the model's definition, not a bug; rank one-time buyers
// by [BGNBD.ExpectedPurchases], which does fall as T grows.
//
// PAlive returns NaN when the model or the row is invalid (see
// [BGNBD.Validate] and [CheckSummaries]). It does not allocate.
func (m BGNBD) PAlive(s segment.Summary) float64 {
	if !m.valid() || !validRow(&s) {
		return math.NaN()
	}
	return m.pAlive(s.Frequency, s.Recency, s.T)
}

func (m *BGNBD) pAlive(x, tx, T float64) float64 {
	if x == 0 {
		return 1
	}
	// The odds of having dropped out, in logs: a/(b+x-1) can be huge or
	// tiny and the power overflows long before the probability is 0.
	logOdds := math.Log(m.A/(m.B+x-1)) + (m.R+x)*math.Log((m.Alpha+T)/(m.Alpha+tx))
	return 1 / (1 + math.Exp(logOdds))
}

// LogLikelihood returns the BG/NBD log-likelihood of the rows: the sum
// over customers of
//
//	ln[ B(a,b+x)/B(a,b) · Γ(r+x)α^r / (Γ(r)(α+T)^(r+x))
//	    + [x > 0] · B(a+1,b+x-1)/B(a,b) · Γ(r+x)α^r / (Γ(r)(α+t_x)^(r+x)) ]
//
// (Fader, Hardie and Lee, 2005, equation 6), computed in logs. It is what
// [FitBGNBD] maximises; rows with the same (x, t_x, T) are summed
// together, so the result does not depend on the order of the rows.
// Invalid rows or parameters are an error naming them.
func (m BGNBD) LogLikelihood(rows []segment.Summary) (float64, error) {
	if err := m.Validate(); err != nil {
		return 0, err
	}
	if err := CheckSummaries(rows); err != nil {
		return 0, err
	}
	return newBGData(rows).logLik(m.R, m.Alpha, m.A, m.B), nil
}
