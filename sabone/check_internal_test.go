package sabone

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// referenceCheck is check as first written, with a branch per test and
// segment.Ratio for the score: the fast check must agree with it on every
// input.
func referenceCheck(in *input, op segment.Op) (known, held bool, score float64) {
	if !usable(in.value) || !usable(in.threshold) || !in.known {
		return false, false, 0
	}
	switch {
	case op.Holds(in.value, in.threshold):
		return true, true, 1
	case op == segment.LessEq:
		return true, false, float64(segment.Ratio(in.threshold, in.value))
	}
	return true, false, float64(segment.Ratio(in.value, in.threshold))
}

func TestCheckIsTheReference(t *testing.T) {
	specials := []float64{0, math.Copysign(0, -1), 1e-300, 0.5, 1, 2, 3, 1 - 1e-16, 1 + 1e-15, 1e300,
		math.MaxFloat64, math.SmallestNonzeroFloat64, -1, math.Inf(1), math.Inf(-1), math.NaN()}
	rng := rand.New(rand.NewPCG(7, 7))
	values := append([]float64(nil), specials...)
	for range 300 {
		values = append(values, rng.Float64()*10, float64(rng.IntN(20)), math.Nextafter(float64(rng.IntN(5)), 10))
	}
	n := 0
	for _, op := range []segment.Op{segment.GreaterEq, segment.LessEq} {
		for _, v := range values {
			for _, th := range values {
				for _, known := range []bool{true, false} {
					in := input{value: v, threshold: th, known: known}
					k1, h1, s1 := in.check(op)
					k2, h2, s2 := referenceCheck(&in, op)
					if k1 != k2 || h1 != h2 || math.Float64bits(s1) != math.Float64bits(s2) {
						t.Fatalf("%v %v %v known %v: check %v %v %v, reference %v %v %v", v, op, th, known, k1, h1, s1, k2, h2, s2)
					}
					n++
				}
			}
		}
	}
	t.Logf("%d inputs", n)
}
