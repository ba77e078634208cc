package bulk

import (
	"math"
	"math/rand/v2"
	"testing"
)

// DecimalMicros (SeventhMicros for 7 decimals) is Micros of the amount
// parsed as a float64, the way the CSV reader parsed amounts before
// (mant / 10^frac, correctly rounded, then the sign), for every number of
// decimals, at the edges and at random: the integer path (up to 6
// decimals) must round back exactly.
func TestDecimalMicrosIsMicrosOfTheFloat(t *testing.T) {
	check := func(mant uint64, frac int, neg bool) {
		t.Helper()
		v := float64(mant) / math.Pow10(frac)
		if neg {
			v = -v
		}
		got := SeventhMicros(mant, neg)
		if frac <= 6 {
			got = DecimalMicros(mant, frac, b2u(neg))
		}
		if want := Micros(v); got != want {
			t.Fatalf("DecimalMicros(%d, %d, %v) = %d, want Micros(%v) = %d", mant, frac, neg, got, v, want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for frac := 0; frac <= 7; frac++ {
		for _, neg := range []bool{false, true} {
			for _, mant := range []uint64{0, 1, 5, 9, 10, 49, 50, 51, 99, 12345, 1e7 - 1, 1e7, 1e8 - 1} {
				check(mant, frac, neg)
			}
			for range 200_000 {
				check(r.Uint64N(1e8), frac, neg)
			}
		}
	}
}

// Micros is the ledger's fixed point: a millionth of a unit, halves away
// from zero, symmetric in the sign (which bulk lines of returns rely on).
func TestMicrosRoundsHalfAwayFromZero(t *testing.T) {
	for _, c := range []struct {
		amount float64
		want   int64
	}{{1, 1e6}, {22.45, 22_450_000}, {0.0000015, 2}, {-0.0000015, -2}, {0.0000004, 0}, {-0.0000004, 0}, {1e12, 1e18}} {
		if got := Micros(c.amount); got != c.want {
			t.Errorf("Micros(%v) = %d, want %d", c.amount, got, c.want)
		}
	}
}
