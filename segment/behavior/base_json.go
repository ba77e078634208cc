package behavior

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// baseJSON is the wire form of a Base: one histogram per statistic the
// cuts are taken from. Each cut is an order statistic of one statistic
// alone, so the three need not stay paired per customer, and a histogram
// (distinct values, ascending, with counts) holds the same multiset
// exactly in less room: occasions take few distinct values whatever the
// size of the base.
type baseJSON struct {
	Revenue   histogram `json:"revenue"`
	Occasions histogram `json:"occasions"`
	AOV       histogram `json:"average_order_value"`
}

// histogram is a multiset of values: distinct values, strictly
// increasing, and how many times each occurs.
type histogram struct {
	Values []float64 `json:"values"`
	Counts []int     `json:"counts"`
}

// histogramOf sorts a copy of values and counts the runs.
func histogramOf(values []float64) histogram {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	h := histogram{Values: []float64{}, Counts: []int{}}
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j] == sorted[i] {
			j++
		}
		h.Values = append(h.Values, sorted[i])
		h.Counts = append(h.Counts, j-i)
		i = j
	}
	return h
}

// expand checks h and returns its values, each repeated count times.
func (h histogram) expand(field string) ([]float64, error) {
	n, err := h.check(field, false)
	if err != nil {
		return nil, err
	}
	out := make([]float64, 0, n)
	for i, v := range h.Values {
		for range h.Counts[i] {
			out = append(out, v)
		}
	}
	return out, nil
}

// check checks h and returns how many values it counts. whole requires
// whole numbers from 1 to 2^63 (occasions: 2^63 is the float64 of the
// largest int64s). The total is bounded so that a few bytes of JSON
// claiming a huge count are an error rather than an attempt to allocate
// it.
func (h histogram) check(field string, whole bool) (int, error) {
	bad := func(i int, value string, err error) error {
		return fmt.Errorf("behavior: %w", &segment.FieldError{Record: "base", Field: field + "[" + strconv.Itoa(i) + "]", Value: value, Err: err})
	}
	if len(h.Values) != len(h.Counts) {
		return 0, fmt.Errorf("behavior: %w", &segment.FieldError{Record: "base", Field: field,
			Value: fmt.Sprintf("%d values, %d counts", len(h.Values), len(h.Counts)), Err: fmt.Errorf("values and counts must pair up")})
	}
	n := 0
	for i, v := range h.Values {
		text := strconv.FormatFloat(v, 'g', -1, 64)
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			return 0, bad(i, text, segment.ErrNotFinite)
		case i > 0 && v <= h.Values[i-1]:
			return 0, bad(i, text, fmt.Errorf("values must strictly increase"))
		case whole && (v < 1 || v != math.Trunc(v) || v > 1<<63):
			return 0, bad(i, text, fmt.Errorf("%w: occasions are whole numbers from 1 to 2^63", segment.ErrRange))
		case h.Counts[i] <= 0:
			return 0, bad(i, strconv.Itoa(h.Counts[i]), fmt.Errorf("%w: counts must be positive", segment.ErrRange))
		case h.Counts[i] > math.MaxInt32-n:
			return 0, bad(i, strconv.Itoa(h.Counts[i]), fmt.Errorf("%w: more than %d buyers in one base", segment.ErrRange, math.MaxInt32))
		}
		n += h.Counts[i]
	}
	return n, nil
}

// MarshalJSON writes the base as three histograms (revenue, occasions,
// average order value) of its buyers:
//
//	{"revenue":{"values":[10,25.5],"counts":[3,1]},"occasions":{...},"average_order_value":{...}}
//
// The values are written in the shortest form that reads back to the same
// float64, so a base read back with [Base.UnmarshalJSON] gives exactly
// the same cuts: shards of a base can be collected on several machines,
// shipped as JSON and merged without losing anything.
//
// The size grows with the number of distinct revenues and order values
// (up to one per buyer), not with the number of orders.
func (b Base) MarshalJSON() ([]byte, error) {
	return json.Marshal(baseJSON{
		Revenue:   histogramOf(b.revenue),
		Occasions: b.occasionsHistogram(),
		AOV:       histogramOf(b.aov),
	})
}

// UnmarshalJSON replaces b with the base written by [Base.MarshalJSON].
// Values that are not finite or not increasing, counts that are not
// positive, occasions that are not whole numbers from 1 to 2^63, or
// histograms that count different numbers of buyers are an error naming
// the field; b is then unchanged.
func (b *Base) UnmarshalJSON(data []byte) error {
	var w baseJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("behavior: base: %w", err)
	}
	revenue, err := w.Revenue.expand("revenue")
	if err != nil {
		return err
	}
	occasions, err := w.Occasions.check("occasions", true)
	if err != nil {
		return err
	}
	aov, err := w.AOV.expand("average_order_value")
	if err != nil {
		return err
	}
	if len(revenue) != occasions || len(revenue) != len(aov) {
		return fmt.Errorf("behavior: %w", &segment.FieldError{Record: "base", Field: "counts",
			Value: fmt.Sprintf("revenue %d, occasions %d, average_order_value %d", len(revenue), occasions, len(aov)),
			Err:   fmt.Errorf("the histograms must count the same buyers")})
	}
	*b = Base{revenue: revenue, aov: aov}
	for i, v := range w.Occasions.Values {
		n := int64(math.MaxInt64) // for 2^63, which no int64 is: the float64 of the largest
		if v < 1<<63 {
			n = int64(v)
		}
		b.occasions.AddN(n, w.Occasions.Counts[i])
	}
	return nil
}

// occasionsHistogram returns the occasions as histogramOf returns
// float64s (see tally.EachFloat64).
func (b *Base) occasionsHistogram() histogram {
	h := histogram{Values: []float64{}, Counts: []int{}}
	b.occasions.EachFloat64(func(v float64, count int) {
		h.Values = append(h.Values, v)
		h.Counts = append(h.Counts, count)
	})
	return h
}
