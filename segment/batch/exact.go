package batch

import (
	"fmt"
	"math"
	"math/bits"
)

// MaxAmount bounds the absolute value of one amount a [Summary] or a
// [Grid] adds up (a customer's net revenue). It is far beyond any real
// customer (a million order lines at [segment.MaxAmount] each) and keeps
// every sum exact; larger values are rejected, never clamped.
const MaxAmount = 1e18

// micros is the fixed-point scale of sums: millionths of the currency
// unit, the precision a segment.Ledger keeps amounts in.
const micros = 1e6

// Sum is a sum of amounts in currency units (a profile's revenue, say)
// that does not depend on the order of its terms: it keeps them exactly,
// in millionths (the precision of a ledger), as [Summary] and [Grid]
// keep theirs, so sums gathered on several workers or machines and
// merged equal the sum over the whole, to the last digit. A float64 sum
// differs in its last digits with the order. The zero Sum is 0.
type Sum struct{ s exactSum }

// Add adds v, rounded to a millionth, and reports an error (adding
// nothing) for a v that is not finite or beyond ±[MaxAmount].
func (s *Sum) Add(v float64) error {
	if !inRange(v) {
		return fmt.Errorf("batch: amount %v: %w", v, errAmount)
	}
	s.s.add(v)
	return nil
}

// Merge adds o to s.
func (s *Sum) Merge(o Sum) { s.s.merge(o.s) }

// Float returns the sum in currency units, correctly rounded to within a
// unit in the last place.
func (s Sum) Float() float64 { return s.s.float() }

// exactSum is a sum of amounts kept exactly, in millionths of the
// currency unit, as a 128-bit two's-complement integer. Floating-point
// addition is not associative, so a float sum over shards merged together
// differs in the last digits from a sum over the whole base; integer
// addition is associative, so a merged summary is exactly the summary of
// the union, whatever the sharding and the order.
//
// Each amount is bounded by MaxAmount (< 2^80 millionths), so 2^47
// amounts fit before the 128 bits could overflow.
type exactSum struct {
	hi int64
	lo uint64
}

// inRange reports whether v can be added: finite and within ±MaxAmount.
func inRange(v float64) bool { return v >= -MaxAmount && v <= MaxAmount }

// add adds v, rounded to a millionth. The caller has checked inRange(v).
func (s *exactSum) add(v float64) {
	w := math.Round(v * micros)
	neg := w < 0
	if neg {
		w = -w
	}
	// Split the whole number w < 2^80 into two 64-bit words; both steps
	// are exact, as w is an integer and scaling by 2^64 only moves the
	// exponent.
	h := math.Floor(w / 0x1p64)
	hi, lo := uint64(h), uint64(w-h*0x1p64)
	if neg {
		lo, hi = negate128(lo, hi)
	}
	s.addWords(hi, lo)
}

func (s *exactSum) addWords(hi, lo uint64) {
	var carry uint64
	s.lo, carry = bits.Add64(s.lo, lo, 0)
	s.hi = int64(uint64(s.hi) + hi + carry)
}

// merge adds o to s.
func (s *exactSum) merge(o exactSum) { s.addWords(uint64(o.hi), o.lo) }

// fits reports whether o merges into s without the sum passing the 128
// bits, where it would wrap around to the other sign: amounts added one
// at a time cannot get there (see exactSum), but sums read back from a
// file can.
func (s exactSum) fits(o exactSum) bool { return s.wraps(o) == 0 }

// wraps says which way adding o to s wraps around the 128 bits: +1 past
// the top, -1 past the bottom, 0 not at all. Reading sums back adds them
// in the file's order, where terms of either sign may pass the bounds
// and come back: only the wraps' balance says whether the whole does.
func (s exactSum) wraps(o exactSum) int {
	t := s
	t.merge(o)
	// Two's-complement addition overflows exactly when both terms have
	// one sign and the result the other.
	switch {
	case (s.hi < 0) != (o.hi < 0) || (t.hi < 0) == (s.hi < 0):
		return 0
	case o.hi < 0:
		return -1
	}
	return 1
}

// float returns the sum in currency units, correctly rounded to within a
// unit in the last place.
func (s exactSum) float() float64 {
	hi, lo := uint64(s.hi), s.lo
	neg := s.hi < 0
	if neg {
		lo, hi = negate128(lo, hi)
	}
	v := (float64(hi)*0x1p64 + float64(lo)) / micros
	if neg {
		return -v
	}
	return v
}

// negate128 returns the two's complement of the 128-bit value (hi, lo).
func negate128(lo, hi uint64) (uint64, uint64) {
	lo, borrow := bits.Sub64(0, lo, 0)
	hi, _ = bits.Sub64(0, hi, borrow)
	return lo, hi
}

// confScale is the fixed-point scale of confidence sums: confidences are
// float32 in [0, 1], whose resolution near 1 is 2^-24.
const confScale = 1 << 24

// confUnits returns c, a confidence in [0, 1], in units of 2^-24.
func confUnits(c float32) int64 { return int64(math.Round(float64(c) * confScale)) }
