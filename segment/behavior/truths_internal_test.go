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

// atLeast without branches is the switch it replaced, on every case.
func TestAtLeastIsTheSwitch(t *testing.T) {
	reference := func(total float64, missing bool, threshold float64) rule.Truth {
		switch {
		case total >= threshold:
			return rule.True
		case missing:
			return rule.Unknown
		}
		return rule.False
	}
	for _, total := range []float64{0, 1, 2, 2.5, 3, 1e9} {
		for _, threshold := range []float64{0, 1, 2, 3} {
			for _, missing := range []bool{false, true} {
				if got, want := atLeast(total, missing, threshold), reference(total, missing, threshold); got != want {
					t.Fatalf("atLeast(%v, %v, %v) = %v, want %v", total, missing, threshold, got, want)
				}
			}
		}
	}
	if b2f(true) != 1 || b2f(false) != 0 {
		t.Fatal("b2f is not 1 and 0")
	}
}
