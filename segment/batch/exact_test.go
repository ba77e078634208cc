package batch

import (
	"math"
	"math/rand/v2"
	"testing"
)

func sumOf(vs ...float64) exactSum {
	var s exactSum
	for _, v := range vs {
		s.add(v)
	}
	return s
}

func TestExactSumValues(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{0.1, 0.2}, 0.3}, // 0.1 + 0.2 is 0.30000000000000004 in float64
		{[]float64{10.10, 5.20, -15.30}, 0},
		{[]float64{-2.5, -0.000001}, -2.500001},
		{[]float64{MaxAmount, MaxAmount, -MaxAmount}, MaxAmount},
		{[]float64{-MaxAmount, -MaxAmount}, -2 * MaxAmount},
		{[]float64{1e-7}, 0}, // below a millionth: rounds to zero
		{[]float64{0x1p64 / 1e6}, 0x1p64 / 1e6},
	} {
		if got := sumOf(c.in...).float(); got != c.want {
			t.Errorf("sum of %v = %v, want %v", c.in, got, c.want)
		}
	}
}

// Integer sums are associative: any grouping and order gives the same
// state, which is what makes merged summaries equal.
func TestExactSumAssociative(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	vs := make([]float64, 2000)
	for i := range vs {
		switch i % 4 {
		case 0:
			vs[i] = math.Round(rng.NormFloat64()*1e6) / 100
		case 1:
			vs[i] = rng.Float64() * MaxAmount * float64(1-2*rng.IntN(2))
		case 2:
			vs[i] = rng.Float64() * 1e-3
		default:
			vs[i] = -math.Round(rng.Float64()*1e9) / 1e6
		}
	}
	whole := sumOf(vs...)
	for range 20 {
		rng.Shuffle(len(vs), func(i, j int) { vs[i], vs[j] = vs[j], vs[i] })
		cut := rng.IntN(len(vs))
		a, b := sumOf(vs[:cut]...), sumOf(vs[cut:]...)
		b.merge(a)
		if b != whole {
			t.Fatalf("sum depends on order and grouping: %+v vs %+v", b, whole)
		}
	}
}

func TestInRange(t *testing.T) {
	for v, want := range map[float64]bool{
		0: true, MaxAmount: true, -MaxAmount: true, math.Nextafter(MaxAmount, math.Inf(1)): false,
		math.NaN(): false, math.Inf(1): false, math.Inf(-1): false,
	} {
		if inRange(v) != want {
			t.Errorf("inRange(%v) = %v", v, !want)
		}
	}
}

func TestConfUnits(t *testing.T) {
	for c, want := range map[float32]int64{0: 0, 1: confScale, 0.5: confScale / 2, 0.75: 3 * confScale / 4} {
		if got := confUnits(c); got != want {
			t.Errorf("confUnits(%v) = %d, want %d", c, got, want)
		}
	}
}
