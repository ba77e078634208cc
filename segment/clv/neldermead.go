package clv

import "math"

// nmSettings tune [nelderMead].
type nmSettings struct {
	step     float64 // edge of the first simplex along each axis
	xTol     float64 // converged when every vertex is within xTol of the best in each coordinate
	fTol     float64 // and the values differ by at most fTol*(1+|best|)
	maxEvals int     // budget of function evaluations, restarts included
	restarts int     // fresh simplices around the best point after convergence
	stall    int     // give up when the best value has not improved by fTol in this many evaluations
}

// nmResult is the outcome of [nelderMead].
type nmResult struct {
	x         []float64
	f         float64
	evals     int
	converged bool // the last simplex met both tolerances within the budget
	stalled   bool // the value stopped improving while the simplex was still wide: a flat direction
}

// nelderMead minimises f from x0 with the Nelder-Mead simplex method, using
// the dimension-adaptive coefficients of Gao and Han (2012), which keep the
// method effective beyond two or three dimensions. NaN values of f count as
// +Inf, so f can refuse points outside its domain by returning +Inf.
//
// A simplex can collapse onto a line or stall far from a minimum (McKinnon,
// 1998); after each convergence the search restarts from a fresh simplex
// around the best point and stops when a restart no longer improves the
// value by more than the tolerance.
//
// Everything is done in a fixed order with no randomness, so the same f and
// x0 give the same result bit for bit.
func nelderMead(f func([]float64) float64, x0 []float64, s nmSettings) nmResult {
	n := len(x0)
	evals := 0
	eval := func(x []float64) float64 {
		evals++
		v := f(x)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	nd := float64(n)
	var (
		reflect  = 1.0
		expand   = 1 + 2/nd
		contract = 0.75 - 1/(2*nd)
		shrink   = 1 - 1/nd
	)
	if n == 1 {
		expand, contract, shrink = 2, 0.5, 0.5
	}

	// Storage: n+1 vertices and four trial points, allocated once.
	buf := make([]float64, (n+1+4)*n)
	simplex := make([][]float64, n+1)
	for i := range simplex {
		simplex[i] = buf[i*n : (i+1)*n]
	}
	centroid := buf[(n+1)*n : (n+2)*n]
	xr := buf[(n+2)*n : (n+3)*n]
	xe := buf[(n+3)*n : (n+4)*n]
	xc := buf[(n+4)*n : (n+5)*n]
	fs := make([]float64, n+1)

	best := append([]float64(nil), x0...)
	fBest := eval(best)
	converged, stalled := false, false
	// Progress: the best value seen and the evaluation count when it last
	// improved by more than the tolerance.
	progressF, progressAt := fBest, 0
	for round := 0; round <= s.restarts && evals < s.maxEvals; round++ {
		// A fresh simplex around the best point so far.
		copy(simplex[0], best)
		fs[0] = fBest
		for i := 1; i <= n; i++ {
			copy(simplex[i], best)
			simplex[i][i-1] += s.step
			fs[i] = eval(simplex[i])
		}
		converged = false
		for evals < s.maxEvals {
			sortSimplex(simplex, fs)
			if spread(simplex) <= s.xTol && fs[n]-fs[0] <= s.fTol*(1+math.Abs(fs[0])) {
				converged = true
				break
			}
			if progressF-fs[0] > s.fTol*(1+math.Abs(fs[0])) {
				progressF, progressAt = fs[0], evals
			} else if s.stall > 0 && evals-progressAt > s.stall {
				stalled = true
				break
			}
			// Centroid of all vertices but the worst.
			for j := range centroid {
				var sum float64
				for i := 0; i < n; i++ {
					sum += simplex[i][j]
				}
				centroid[j] = sum / nd
			}
			worst := simplex[n]
			along(xr, centroid, worst, -reflect) // c + ρ(c - w)
			fr := eval(xr)
			switch {
			case fr < fs[0]:
				along(xe, centroid, xr, expand) // c + χ(r - c)
				if fe := eval(xe); fe < fr {
					copy(worst, xe)
					fs[n] = fe
				} else {
					copy(worst, xr)
					fs[n] = fr
				}
				continue
			case fr < fs[n-1]:
				copy(worst, xr)
				fs[n] = fr
				continue
			case fr < fs[n]:
				along(xc, centroid, xr, contract) // outside: c + γ(r - c)
				if fc := eval(xc); fc <= fr {
					copy(worst, xc)
					fs[n] = fc
					continue
				}
			default:
				along(xc, centroid, worst, contract) // inside: c + γ(w - c)
				if fc := eval(xc); fc < fs[n] {
					copy(worst, xc)
					fs[n] = fc
					continue
				}
			}
			// Shrink towards the best vertex.
			for i := 1; i <= n; i++ {
				along(simplex[i], simplex[0], simplex[i], shrink)
				fs[i] = eval(simplex[i])
			}
		}
		sortSimplex(simplex, fs)
		improved := fBest-fs[0] > s.fTol*(1+math.Abs(fs[0]))
		if fs[0] <= fBest {
			copy(best, simplex[0])
			fBest = fs[0]
		}
		if stalled || (round > 0 && !improved) {
			break
		}
	}
	return nmResult{x: best, f: fBest, evals: evals, converged: converged, stalled: stalled}
}

// along sets dst to from + t*(to - from). dst may be to.
func along(dst, from, to []float64, t float64) {
	for j := range dst {
		dst[j] = from[j] + t*(to[j]-from[j])
	}
}

// sortSimplex orders the vertices by value, keeping the order of equal
// values (insertion sort: n is tiny, and stability makes ties
// deterministic).
func sortSimplex(simplex [][]float64, fs []float64) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j] < fs[j-1]; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
			simplex[j], simplex[j-1] = simplex[j-1], simplex[j]
		}
	}
}

// spread is the largest coordinate distance of a vertex from the best.
func spread(simplex [][]float64) float64 {
	var d float64
	for _, v := range simplex[1:] {
		for j := range v {
			d = max(d, math.Abs(v[j]-simplex[0][j]))
		}
	}
	return d
}
