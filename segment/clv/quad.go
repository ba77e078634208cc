package clv

import (
	"math"
	"sync"
)

// Expected purchases need an expectation over the dropout probability p,
// which has a Beta distribution. The closed form of Fader, Hardie and Lee
// (2005, equation 10) goes through the Gauss hypergeometric function and
// divides by a-1, so it loses all precision near a = 1, a value fits
// often reach, and its series converges slowly for long horizons. This
// file computes the same expectation directly, by double-exponential
// (tanh-sinh) quadrature, which is accurate for any a, b > 0 and any
// horizon: the substitution p = (1 + tanh(π/2·sinh s))/2 turns the Beta
// density's endpoint singularities into a double-exponentially decaying
// integrand, and the trapezoid rule on it converges double-exponentially.
// Logs of p and 1-p are computed from s directly, so neither underflows
// to a 0 whose logarithm would be -Inf.
//
// The nodes do not depend on a and b, so those of the first levels are
// computed once, in a table.

const (
	quadH0         = 0.5  // step of the first level
	quadMaxLevel   = 9    // halvings of the step at most (h = 1/1024)
	quadMinLevel   = 2    // halvings at least (h = 1/8) before trusting agreement
	quadTableLevel = 6    // nodes of levels up to this one come from the table
	quadRelTol     = 1e-8 // successive levels agreeing this closely: converged (the error of the finer is then far smaller: 1e-12 on a wide grid of shapes, see the tests)
	quadMaxS       = 12.0 // |s| beyond this holds no mass for any a, b ≥ 1e-9
	quadNegl       = 1e-18
)

// quadNode is the substitution at one s ≥ 0; the node at -s swaps p and
// q = 1-p.
type quadNode struct {
	lnP, lnQ, p, q float64
	w              float64 // dp/ds / (p(1-p)) = π·cosh s
}

func newQuadNode(s float64) quadNode {
	u := math.Pi / 2 * math.Sinh(s) // s ≥ 0, so u ≥ 0
	e := math.Exp(-2 * u)
	lnP, lnQ := -math.Log1p(e), -2*u-math.Log1p(e)
	return quadNode{lnP: lnP, lnQ: lnQ, p: math.Exp(lnP), q: math.Exp(lnQ), w: math.Pi * math.Cosh(s)}
}

var quadTable = sync.OnceValue(func() []quadNode {
	hMin := quadH0 / (1 << quadTableLevel)
	n := int(quadMaxS/hMin) + 2
	t := make([]quadNode, n)
	for i := range t {
		t[i] = newQuadNode(float64(i) * hMin)
	}
	return t
})

// quadNodeAt returns the node at s = k·h0/2^level, k of either sign.
func quadNodeAt(table []quadNode, k, level int) (nd quadNode, neg bool) {
	if k < 0 {
		k, neg = -k, true
	}
	if level <= quadTableLevel {
		if i := k << (quadTableLevel - level); i < len(table) {
			return table[i], neg
		}
	}
	return newQuadNode(float64(k) * quadH0 / float64(int(1)<<level)), neg
}

// purchaseIntegrand is the expected number of purchases of an alive
// customer with dropout probability p: E over the posterior purchase rate
// λ ~ Gamma(r, alpha) of (1 - e^(-λpt))/p, which is
//
//	g(p, t) = (1 - (1 + p·t/alpha)^(-r)) / p,
//
// at the end of the horizon (the first output), and the weighted sum
// Σ_k coef[k]·g(p, times[k]) (the second), used for discounting.
type purchaseIntegrand struct {
	r, alpha float64
	horizon  float64
	times    []float64
	coef     []float64
}

func (f *purchaseIntegrand) g(p, t float64) float64 {
	if p < 0x1p-1000 {
		// The limit as p → 0 (relative error about p·t/alpha). It also
		// keeps subnormal p, which has too few significant bits for the
		// ratio below, out of the formula.
		return f.r * t / f.alpha
	}
	return -math.Expm1(-f.r*math.Log1p(p*t/f.alpha)) / p
}

func (f *purchaseIntegrand) eval(p float64) (end, weighted float64) {
	end = f.g(p, f.horizon)
	for k, t := range f.times {
		weighted += f.coef[k] * f.g(p, t)
	}
	return end, weighted
}

// betaExpect returns E[f.eval(p)] for p ~ Beta(a, b).
func betaExpect(a, b float64, f *purchaseIntegrand) (end, weighted float64) {
	return betaExpectTol(a, b, f, quadRelTol, quadMinLevel)
}

func betaExpectTol(a, b float64, f *purchaseIntegrand, relTol float64, minLevel int) (end, weighted float64) {
	table := quadTable()
	lnB := lgamma(a) + lgamma(b) - lgamma(a+b)
	var sumE, sumW float64
	// node adds the trapezoid term at s = k·h0/2^level and returns its
	// density weight.
	node := func(k, level int) float64 {
		nd, neg := quadNodeAt(table, k, level)
		lnP, lnQ, p := nd.lnP, nd.lnQ, nd.p
		if neg {
			lnP, lnQ, p = lnQ, lnP, nd.q
		}
		w := nd.w * math.Exp(a*lnP+b*lnQ-lnB)
		if w == 0 {
			return 0
		}
		e, d := f.eval(p)
		sumE += w * e
		sumW += w * d
		return w
	}
	// Level 0: walk out from 0 on each side while the weight matters or
	// is still rising towards a mode away from the centre.
	node(0, 0)
	kLo, kHi := 0, 0
	kMax := int(quadMaxS / quadH0)
	for _, dir := range [2]int{-1, 1} {
		prev := math.Inf(-1)
		for k := dir; k*dir <= kMax; k += dir {
			w := node(k, 0)
			if dir < 0 {
				kLo = k
			} else {
				kHi = k
			}
			if w < quadNegl && w <= prev {
				break
			}
			prev = w
		}
	}
	h := quadH0
	end, weighted = h*sumE, h*sumW
	for level := 1; level <= quadMaxLevel; level++ {
		h /= 2
		for k := kLo<<level + 1; k < kHi<<level; k += 2 {
			node(k, level)
		}
		e, w := h*sumE, h*sumW
		done := level >= minLevel &&
			math.Abs(e-end) <= relTol*math.Abs(e) &&
			math.Abs(w-weighted) <= relTol*math.Abs(w)
		end, weighted = e, w
		if done {
			break
		}
	}
	return end, weighted
}
