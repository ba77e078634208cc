package clv

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// The likelihood is summed in chunks on several goroutines and the parts
// added in chunk order, so it is the same bit for bit whatever GOMAXPROCS
// is; the fit, a deterministic search over it, then is too. Checked on
// the likelihood itself (not a whole fit) so that it stays quick under
// -race.
func TestLogLikIndependentOfGOMAXPROCS(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rows := make([]segment.Summary, 40000)
	for i := range rows {
		T := float64(30 + rng.IntN(700))
		tx := math.Floor(rng.Float64() * T)
		x := float64(rng.IntN(40))
		if x == 0 {
			tx = 0
		}
		rows[i] = segment.Summary{Frequency: x, Recency: tx, T: T}
	}
	d := newBGData(rows)
	if len(d.partial) < 2 {
		t.Fatalf("%d cells make %d chunk(s); the test needs the concurrent path", len(d.cells), len(d.partial))
	}
	params := [][4]float64{{0.6, 20, 0.9, 3}, {0.24, 4.4, 0.79, 2.4}, {5, 100, 0.1, 50}}
	many := make([]float64, len(params))
	for i, p := range params {
		many[i] = d.logLik(p[0], p[1], p[2], p[3])
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for i, p := range params {
		if one := d.logLik(p[0], p[1], p[2], p[3]); math.Float64bits(one) != math.Float64bits(many[i]) {
			t.Errorf("params %v: GOMAXPROCS=1 gives %v, more gives %v", p, one, many[i])
		}
	}
}
