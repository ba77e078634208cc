package segment_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// The typologies score a value against a threshold that their
// configuration validates to be positive as Clamp01(v/t), without Ratio's
// test of t: for every t > 0 the two must agree bit for bit.
func TestRatioOfAPositiveThresholdIsClamp01OfTheQuotient(t *testing.T) {
	specials := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 2, math.SmallestNonzeroFloat64, math.MaxFloat64,
		-math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 1 - 1e-16, 1 + 1e-15}
	thresholds := []float64{math.SmallestNonzeroFloat64, 0.01, 0.5, 1, 2, 3, 7, 365, 1e6, math.MaxFloat64, math.Inf(1)}
	rng := rand.New(rand.NewPCG(1, 9))
	values := append([]float64(nil), specials...)
	for range 20000 {
		values = append(values, (rng.Float64()-0.25)*math.Pow(10, float64(rng.IntN(12)-4)), float64(rng.IntN(2000)-100))
	}
	for range 200 {
		thresholds = append(thresholds, 0.01+rng.Float64()*1000, float64(1+rng.IntN(1000)))
	}
	for _, th := range thresholds {
		for _, v := range values {
			want, got := segment.Ratio(v, th), segment.Clamp01(v/th)
			if math.Float32bits(got) != math.Float32bits(want) {
				t.Fatalf("Clamp01(%v/%v) = %v, Ratio %v", v, th, got, want)
			}
		}
	}
}
