package clv_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// published are the BG/NBD parameters Fader, Hardie and Lee (2005) report
// for the CDNOW calibration data, to the precision they print.
var published = struct {
	bg clv4
	gg [3]float64
}{
	bg: clv4{0.243, 4.414, 0.793, 2.426},
	gg: [3]float64{6.25, 3.74, 15.44},
}

type clv4 = [4]float64

// row makes a summary row.
func row(id string, x, tx, T, m float64) segment.Summary {
	return segment.Summary{ID: id, Frequency: x, Recency: tx, T: T, MonetaryValue: m}
}

// closeRel reports whether got is within tol of want, relatively (or
// absolutely when want is 0).
func closeRel(got, want, tol float64) bool {
	if want == 0 {
		return math.Abs(got) <= tol
	}
	return math.Abs(got-want) <= tol*math.Abs(want)
}

// wantFieldError checks that err is a *segment.FieldError for field whose
// message contains every part.
func wantFieldError(t *testing.T, err error, field string, parts ...string) {
	t.Helper()
	var fe *segment.FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v is not a *segment.FieldError", err)
	}
	if fe.Field != field {
		t.Errorf("field %q, want %q (error %v)", fe.Field, field, err)
	}
	if !strings.HasPrefix(err.Error(), "clv: ") {
		t.Errorf("error %q lacks the clv: prefix", err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}

// simulate draws n customers from the BG/NBD process with the given
// parameters, each observed for a T drawn uniformly from [tMin, tMax], in
// continuous time (no grouping by day), from a fixed seed.
func simulate(n int, p clv4, tMin, tMax float64, seed uint64) []segment.Summary {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	r, alpha, a, b := p[0], p[1], p[2], p[3]
	rows := make([]segment.Summary, n)
	for i := range rows {
		lambda := gammaRand(rng, r) / alpha
		ga := gammaRand(rng, a)
		drop := ga / (ga + gammaRand(rng, b))
		T := tMin + (tMax-tMin)*rng.Float64()
		var x, tx, now float64
		for {
			now += rng.ExpFloat64() / lambda
			if now > T {
				break
			}
			x, tx = x+1, now
			if rng.Float64() < drop {
				break
			}
		}
		rows[i] = segment.Summary{Frequency: x, Recency: tx, T: T}
	}
	return rows
}

// gammaRand draws from Gamma(shape, 1) (Marsaglia and Tsang, 2000, with
// the usual boost for shape < 1).
func gammaRand(rng *rand.Rand, shape float64) float64 {
	if shape < 1 {
		return gammaRand(rng, shape+1) * math.Pow(rng.Float64(), 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := rng.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := rng.Float64()
		if math.Log(u) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return d * v
		}
	}
}
