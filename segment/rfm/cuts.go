package rfm

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// Cuts are the four cut points of one dimension, in ascending order of the
// raw value (days since the last purchase, occasions, money). They split
// the values into five buckets, and each cut point is the inclusive upper
// bound of the bucket below it:
//
//	bucket 1: v <= c[0]
//	bucket 2: c[0] < v <= c[1]
//	bucket 3: c[1] < v <= c[2]
//	bucket 4: c[2] < v <= c[3]
//	bucket 5: c[3] < v
//
// Frequency and monetary scores are the bucket; the recency score is 6
// minus the bucket, since fewer days is better. So Cuts{30, 90, 180, 365}
// for recency read "R5 within 30 days, R4 within 90, R3 within 180, R2
// within a year, R1 beyond". A value equal to a cut point always falls in
// the bucket below it; that is what keeps equal values together.
//
// Equal neighbouring cut points are allowed in a fitted [Model] (they come
// from ties in the base) and leave the bucket between them empty. In JSON
// Cuts are an array of exactly four numbers.
type Cuts [4]float64

// bucket returns 1..5 for v. NaN is never passed in (unscorable inputs are
// rejected before).
func (c *Cuts) bucket(v float64) uint8 {
	// Counted without branches: which side of a cut a customer falls on
	// varies from customer to customer, so branches would be mispredicted.
	// Cut by cut rather than in a loop, which the compiler keeps.
	return 1 + b2u(v > c[0]) + b2u(v > c[1]) + b2u(v > c[2]) + b2u(v > c[3])
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// UnmarshalJSON reads exactly four numbers. Order and range are checked by
// [Model.Validate] and [Config.Validate], which can name the field.
func (c *Cuts) UnmarshalJSON(b []byte) error {
	var v []float64
	if err := json.Unmarshal(b, &v); err != nil {
		return errors.New("want an array of 4 numbers")
	}
	if len(v) != 4 {
		return fmt.Errorf("want 4 cut points, got %d", len(v))
	}
	copy(c[:], v)
	return nil
}

// String returns "[30 90 180 365]".
func (c Cuts) String() string {
	parts := make([]string, 4)
	for i, v := range c {
		parts[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// dim names a dimension and the smallest value its cut points may take:
// days since the last purchase are >= 0, and a scored customer has at
// least one occasion, so a lower cut point could only leave bucket 1
// empty by construction.
type dim struct {
	name string  // JSON field of the cut points, e.g. "recency"
	min  float64 // lowest sensible cut point; -Inf for money
}

var (
	recencyDim   = dim{"recency", 0}
	frequencyDim = dim{"frequency", 1}
	monetaryDim  = dim{"monetary", math.Inf(-1)}
)

// check reports the first cut point that is not finite, below the
// dimension's minimum, or out of order. strict demands strictly increasing
// cut points (for cut points a person chose: equal ones would leave a
// bucket empty on purpose, which is almost always a typing error); fitted
// cut points need only not decrease.
func (d dim) check(record string, c Cuts, strict bool) error {
	for i, v := range c {
		field := d.name + "[" + strconv.Itoa(i) + "]"
		bad := func(err error) error {
			return &segment.FieldError{Record: record, Field: field, Value: strconv.FormatFloat(v, 'g', -1, 64), Err: err}
		}
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			return bad(segment.ErrNotFinite)
		case v < d.min:
			return bad(fmt.Errorf("%w: want >= %g", segment.ErrRange, d.min))
		case i > 0 && strict && v <= c[i-1]:
			return bad(fmt.Errorf("cut points must increase: not above %s[%d] = %g", d.name, i-1, c[i-1]))
		case i > 0 && v < c[i-1]:
			return bad(fmt.Errorf("cut points must not decrease: below %s[%d] = %g", d.name, i-1, c[i-1]))
		}
	}
	return nil
}

// quantileRank returns the 0-based position, in the ascending sort of n
// values, of the k-th cut point (k = 1..4): ceil(k*n/5) - 1. The value
// there is the smallest value v with at least k/5 of the base at or below
// v, the lower 20k% quantile.
func quantileRank(k, n int) int {
	// In 64 bits: k*n passes the most an int of 32 bits holds from n of
	// 537 million on (MaxCustomers is 2^31-1).
	return int((int64(k)*int64(n)+4)/5 - 1)
}
