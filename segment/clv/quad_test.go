package clv

import (
	"math"
	"testing"
)

// The quadrature stops when two successive levels agree to 1e-8, on the
// grounds that its error is then much smaller still. Check the
// rule against the same quadrature forced to its finest level, over a
// grid of Beta shapes, purchase rates and horizons far wider than fits
// produce: the answers must agree to 1e-10.
func TestQuadratureStoppingRule(t *testing.T) {
	worst := 0.0
	for _, a := range []float64{0.01, 0.1, 0.5, 0.793, 1, 2, 10, 100} {
		for _, b := range []float64{0.05, 0.5, 2.4, 12, 300, 5000} {
			for _, r := range []float64{0.05, 0.5, 5, 60} {
				for _, h := range []float64{0.1, 5, 52, 5000} {
					f := purchaseIntegrand{r: r, alpha: 10, horizon: h, times: []float64{h / 3, h}, coef: []float64{0.3, 0.6}}
					e, w := betaExpect(a, b, &f)
					eRef, wRef := betaExpectTol(a, b, &f, 0, quadMaxLevel)
					for _, pair := range [][2]float64{{e, eRef}, {w, wRef}} {
						rel := math.Abs(pair[0]-pair[1]) / math.Abs(pair[1])
						worst = max(worst, rel)
						if !(rel <= 1e-10) {
							t.Errorf("a=%g b=%g r=%g t=%g: %.17g, finest level %.17g (relative %.1e)", a, b, r, h, pair[0], pair[1], rel)
						}
					}
				}
			}
		}
	}
	t.Logf("worst relative difference %.1e", worst)
}

// Known expectations: E[g] for g ≡ constant-rate limit. As α grows the
// integrand tends to r·t/α whatever p is, so E → r·t/α; and with r = 1,
// t/α = c, E[(1 - 1/(1+cp))/p] = E[c/(1+cp)], which for Beta(1, 1) is
// ln(1+c).
func TestQuadratureKnownValues(t *testing.T) {
	f := purchaseIntegrand{r: 1, alpha: 1, horizon: 3}
	if e, _ := betaExpect(1, 1, &f); math.Abs(e-math.Log(4)) > 1e-13 {
		t.Errorf("uniform p, c = 3: %.17g, want ln 4 = %.17g", e, math.Log(4))
	}
	f = purchaseIntegrand{r: 2, alpha: 1e12, horizon: 5}
	if e, _ := betaExpect(0.3, 7, &f); math.Abs(e-1e-11) > 1e-22 {
		t.Errorf("tiny rate: %.17g, want r·t/α = 1e-11", e)
	}
}
