package behavior

import (
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment/rule"
)

// The packed truths give the sets that setting one bit per type in each
// gives (put on the evaluator), for random truths of every type, the
// value 3 that no rule makes included.
func TestTruthsSetsAreThePutBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	for range 20000 {
		var acc truths
		var e evaluator
		for ty := Potential; ty < numTypes; ty++ {
			v := rule.Truth(rng.IntN(4))
			acc.put(ty, v)
			e.put(ty, v)
		}
		yes, unknown := acc.sets()
		if yes != e.yes || unknown != e.unknown {
			t.Fatalf("packed %#x: sets %#x %#x, put bits %#x %#x", acc.packed, yes, unknown, e.yes, e.unknown)
		}
	}
}
