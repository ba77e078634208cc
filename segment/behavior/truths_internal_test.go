package behavior

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

// The packed truths give the sets that setting one bit per type in each
// gives (put on the evaluator), for random truths of every type.
func TestTruthsSetsAreThePutBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	for range 20000 {
		var acc truths
		var e evaluator
		for ty := Potential; ty < numTypes; ty++ {
			v := [...]kleene{kFalse, kUnknown, kTrue}[rng.IntN(3)]
			acc = acc.with(ty, v)
			e.put(ty, v.rule())
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
				if got, want := atLeast(total, missing, threshold).rule(), reference(total, missing, threshold); got != want {
					t.Fatalf("atLeast(%v, %v, %v) = %v, want %v", total, missing, threshold, got, want)
				}
			}
		}
	}
	if b2f(true) != 1 || b2f(false) != 0 {
		t.Fatal("b2f is not 1 and 0")
	}
}

// sum2 and sum3 are sum of two and of three, to the bit, on counts known
// or not, negative ones (which no valid profile has) included.
func TestSum2AndSum3AreSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	count := func() segment.Opt[int] {
		switch rng.IntN(4) {
		case 0:
			return segment.Opt[int]{}
		case 1:
			return segment.Some(-rng.IntN(5))
		}
		return segment.Some(rng.IntN(1 << rng.IntN(min(40, bits.UintSize-1)))) // up to 2^40 where an int holds it
	}
	same := func(got float64, gotMissing bool, want float64, wantMissing bool) bool {
		return math.Float64bits(got) == math.Float64bits(want) && gotMissing == wantMissing
	}
	for range 20000 {
		a, b, c := count(), count(), count()
		got, gotMissing := sum2(a, b)
		if want, wantMissing := sum(a, b); !same(got, gotMissing, want, wantMissing) {
			t.Fatalf("sum2(%v, %v) = %v, %v; sum %v, %v", a, b, got, gotMissing, want, wantMissing)
		}
		got, gotMissing = sum3(a, b, c)
		if want, wantMissing := sum(a, b, c); !same(got, gotMissing, want, wantMissing) {
			t.Fatalf("sum3(%v, %v, %v) = %v, %v; sum %v, %v", a, b, c, got, gotMissing, want, wantMissing)
		}
	}
}

// kleene's & and | are rule.And and rule.Or, of and truthOf are rule.Of
// and the comparison's truth, on every value.
func TestKleeneIsRuleTruth(t *testing.T) {
	all := []kleene{kFalse, kUnknown, kTrue}
	for _, a := range all {
		for _, b := range all {
			if got, want := and(a, b).rule(), rule.And(a.rule(), b.rule()); got != want {
				t.Errorf("and(%v, %v) = %v, want %v", a.rule(), b.rule(), got, want)
			}
			if got, want := or(a, b).rule(), rule.Or(a.rule(), b.rule()); got != want {
				t.Errorf("or(%v, %v) = %v, want %v", a.rule(), b.rule(), got, want)
			}
			for _, c := range all {
				if got, want := and3(a, b, c).rule(), rule.And(rule.And(a.rule(), b.rule()), c.rule()); got != want {
					t.Errorf("and3(%v, %v, %v) = %v, want %v", a.rule(), b.rule(), c.rule(), got, want)
				}
			}
		}
	}
	for _, b := range []bool{false, true} {
		if got, want := of(b).rule(), rule.Of(b); got != want {
			t.Errorf("of(%v) = %v, want %v", b, got, want)
		}
		if got, want := truthOf(false, b).rule(), rule.Unknown; got != want {
			t.Errorf("truthOf(false, %v) = %v, want %v", b, got, want)
		}
		if got, want := truthOf(true, b).rule(), rule.Of(b); got != want {
			t.Errorf("truthOf(true, %v) = %v, want %v", b, got, want)
		}
	}
}
