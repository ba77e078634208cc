package segment_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// referenceClamp01 is Clamp01 as first written, a branch per case.
func referenceClamp01(x float64) float32 {
	switch {
	case x > 0 && x < 1:
		return float32(x)
	case x >= 1:
		return 1
	}
	return 0
}

// Clamp01 without branches gives the reference's answer bit for bit: at
// the edges (±0, the float32 rounding just below 1, subnormals, ±Inf,
// NaN, values whose float32 rounds to an edge), on a million values
// around [0, 1] and on a million random bit patterns.
func TestClamp01IsTheReference(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, math.Nextafter(1, 0), math.Nextafter(1, 2),
		1 - 1e-9, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, math.MaxFloat64, -math.MaxFloat64,
		math.Inf(1), math.Inf(-1), math.NaN(), -math.NaN(),
		// where the float32 that Clamp01 clamps rounds: to 1, to ±0, to
		// ±Inf, to a subnormal; NaNs of every sign and kind
		1 - 0x1p-25, 1 - 0x1p-24, 1 + 0x1p-24, 1 + 0x1p-23, 0x1p-150, -0x1p-150, 0x1p-149, -0x1p-149,
		math.SmallestNonzeroFloat32, math.MaxFloat32, math.Nextafter(math.MaxFloat32, math.Inf(1)), 2 * math.MaxFloat32,
		-2 * math.MaxFloat32, math.Float64frombits(0x7ff0000000000001), math.Float64frombits(0xfff0000000000001),
		math.Float64frombits(0xfff8000000000000)}
	rng := rand.New(rand.NewPCG(1, 1))
	for range 1_000_000 {
		values = append(values, rng.Float64()*3-1, math.Float64frombits(rng.Uint64()))
	}
	for _, x := range values {
		if got, want := segment.Clamp01(x), referenceClamp01(x); math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("Clamp01(%v) = %v, want %v", x, got, want)
		}
	}
}
