package clv

import (
	"math"
	"testing"
)

// The optimiser is tested on functions whose minima are known exactly.
func TestNelderMeadKnownMinima(t *testing.T) {
	settings := nmSettings{step: 0.5, xTol: 1e-10, fTol: 1e-15, maxEvals: 20000, restarts: 10}
	tests := []struct {
		name  string
		f     func([]float64) float64
		x0    []float64
		want  []float64
		fWant float64
		xTol  float64
	}{
		{
			name: "quadratic bowl, off-centre and scaled",
			f: func(x []float64) float64 {
				return 3*sq(x[0]-1) + 0.5*sq(x[1]+2) + 10*sq(x[2]-0.25)
			},
			x0: []float64{0, 0, 0}, want: []float64{1, -2, 0.25}, xTol: 1e-7,
		},
		{
			name: "Rosenbrock, classic start (-1.2, 1)",
			f:    rosenbrock, x0: []float64{-1.2, 1}, want: []float64{1, 1}, xTol: 1e-6,
		},
		{
			name: "Rosenbrock in 4 dimensions",
			f:    rosenbrock, x0: []float64{-1.2, 1, -1.2, 1}, want: []float64{1, 1, 1, 1}, xTol: 1e-5,
		},
		{
			name: "Beale: minimum 0 at (3, 0.5)",
			f: func(x []float64) float64 {
				a, b := x[0], x[1]
				return sq(1.5-a+a*b) + sq(2.25-a+a*b*b) + sq(2.625-a+a*b*b*b)
			},
			x0: []float64{1, 1}, want: []float64{3, 0.5}, xTol: 1e-6,
		},
		{
			name: "Powell's singular function: minimum 0 at the origin, Hessian singular there",
			f: func(x []float64) float64 {
				return sq(x[0]+10*x[1]) + 5*sq(x[2]-x[3]) + math.Pow(x[1]-2*x[2], 4) + 10*math.Pow(x[0]-x[3], 4)
			},
			x0: []float64{3, -1, 0, 1}, want: []float64{0, 0, 0, 0}, xTol: 2e-3,
		},
		{
			name: "domain restricted by +Inf: minimum on the feasible side",
			f: func(x []float64) float64 {
				if x[0] < 0.5 {
					return math.Inf(1)
				}
				return sq(x[0]-0.7) + sq(x[1])
			},
			x0: []float64{2, 1}, want: []float64{0.7, 0}, xTol: 1e-7,
		},
		{
			name: "NaN counts as +Inf",
			f: func(x []float64) float64 {
				if x[0] > 3 {
					return math.NaN()
				}
				return sq(x[0]-2) + sq(x[1]-1)
			},
			x0: []float64{0, 0}, want: []float64{2, 1}, xTol: 1e-7,
		},
		{
			name: "one dimension",
			f:    func(x []float64) float64 { return math.Cosh(x[0] - 4) },
			x0:   []float64{0}, want: []float64{4}, fWant: 1, xTol: 1e-7,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := nelderMead(tt.f, tt.x0, settings)
			if !got.converged {
				t.Errorf("not converged after %d evaluations", got.evals)
			}
			for i := range tt.want {
				if math.Abs(got.x[i]-tt.want[i]) > tt.xTol {
					t.Errorf("x = %v, want %v within %g", got.x, tt.want, tt.xTol)
					break
				}
			}
			if math.Abs(got.f-tt.fWant) > 1e-9 {
				t.Errorf("f = %g, want %g", got.f, tt.fWant)
			}
		})
	}
}

// The same problem gives the same answer bit for bit, and the budget is
// respected.
func TestNelderMeadDeterministicAndBounded(t *testing.T) {
	s := nmSettings{step: 0.5, xTol: 1e-12, fTol: 1e-16, maxEvals: 5000, restarts: 10}
	a := nelderMead(rosenbrock, []float64{-1.2, 1, -1.2, 1}, s)
	b := nelderMead(rosenbrock, []float64{-1.2, 1, -1.2, 1}, s)
	for i := range a.x {
		if math.Float64bits(a.x[i]) != math.Float64bits(b.x[i]) {
			t.Fatalf("two runs differ: %v and %v", a.x, b.x)
		}
	}
	if a.evals != b.evals || a.f != b.f {
		t.Fatalf("two runs differ: %d/%g and %d/%g evaluations/values", a.evals, a.f, b.evals, b.f)
	}

	s.maxEvals = 50
	c := nelderMead(rosenbrock, []float64{-1.2, 1, -1.2, 1}, s)
	if c.converged {
		t.Error("converged on Rosenbrock-4 within 50 evaluations: the budget is not honoured or the test is wrong")
	}
	// A few evaluations past the budget are possible: one step of the
	// simplex is finished (at most n+1 points for a shrink).
	if c.evals > 50+5 {
		t.Errorf("%d evaluations, budget 50", c.evals)
	}
	if c.f > rosenbrock([]float64{-1.2, 1, -1.2, 1}) {
		t.Errorf("the result %g is worse than the start", c.f)
	}
}

func rosenbrock(x []float64) float64 {
	var s float64
	for i := 0; i+1 < len(x); i++ {
		s += 100*sq(x[i+1]-x[i]*x[i]) + sq(1-x[i])
	}
	return s
}

func sq(x float64) float64 { return x * x }
