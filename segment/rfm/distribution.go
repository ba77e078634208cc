package rfm

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Histogram is the exact distribution of one dimension: the distinct
// values in ascending order and how many customers have each. Two
// histograms of disjoint parts of a base merge exactly by adding counts
// ([Histogram.Merge]), and the quintile cut points of the merged
// histogram are those of the whole base: nothing is approximated.
//
// Days and occasions take few distinct values, so their histograms stay
// small whatever the size of the base. Money takes about as many distinct
// values as there are customers; its histogram is exact but large.
type Histogram struct {
	Values []float64 `json:"values"`
	Counts []int     `json:"counts"`
}

// histogramOf sorts a copy of values and counts the runs of each
// float64 (int64s past 2^53 that are one float64 are one run, so that the
// values strictly increase).
func histogramOf[T int64 | float64](values []T) Histogram {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	var h Histogram
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && float64(sorted[j]) == float64(sorted[i]) {
			j++
		}
		h.Values = append(h.Values, float64(sorted[i]))
		h.Counts = append(h.Counts, j-i)
		i = j
	}
	return h
}

// Total returns the number of customers counted.
func (h Histogram) Total() int {
	n := 0
	for _, c := range h.Counts {
		n += c
	}
	return n
}

// validate checks that values and counts pair up, values are finite,
// strictly increasing and possible for the dimension (whole days >= 0,
// whole occasions >= 1), and counts are positive.
func (h Histogram) validate(d dim, whole bool) error {
	field := d.name
	bad := func(i int, value string, err error) error {
		return &segment.FieldError{Record: "rfm distribution", Field: field + "[" + strconv.Itoa(i) + "]", Value: value, Err: err}
	}
	if len(h.Values) != len(h.Counts) {
		return &segment.FieldError{Record: "rfm distribution", Field: field, Value: fmt.Sprintf("%d values, %d counts", len(h.Values), len(h.Counts)),
			Err: fmt.Errorf("values and counts must pair up")}
	}
	n := 0
	for i, v := range h.Values {
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			return bad(i, strconv.FormatFloat(v, 'g', -1, 64), segment.ErrNotFinite)
		case i > 0 && v <= h.Values[i-1]:
			return bad(i, strconv.FormatFloat(v, 'g', -1, 64), fmt.Errorf("values must strictly increase"))
		case v < d.min || whole && v != math.Trunc(v):
			return bad(i, strconv.FormatFloat(v, 'g', -1, 64), fmt.Errorf("%w: not a possible %s value", segment.ErrRange, d.name))
		case h.Counts[i] <= 0:
			return bad(i, strconv.Itoa(h.Counts[i]), fmt.Errorf("%w: counts must be positive", segment.ErrRange))
		case h.Counts[i] > MaxCustomers-n:
			return bad(i, strconv.Itoa(h.Counts[i]), errTooMany)
		}
		n += h.Counts[i]
	}
	return nil
}

// MaxCustomers is the most customers a Distribution counts, scored and
// unscored (the bound behavior.Base puts on a base read back): their
// counts and sums then fit an int wherever it has 32 bits, where counts
// past it wrapped around (a total that wrapped let histograms of
// different customers pass as the same). A Fitter of more customers fits,
// but its Distribution does not validate.
const MaxCustomers = math.MaxInt32

var errTooMany = fmt.Errorf("%w: more than %d customers in one distribution", segment.ErrRange, MaxCustomers)

// Merge returns the histogram of both parts.
func (h Histogram) Merge(o Histogram) Histogram {
	out := Histogram{
		Values: make([]float64, 0, len(h.Values)+len(o.Values)),
		Counts: make([]int, 0, len(h.Values)+len(o.Values)),
	}
	i, j := 0, 0
	for i < len(h.Values) || j < len(o.Values) {
		switch {
		case j == len(o.Values) || i < len(h.Values) && h.Values[i] < o.Values[j]:
			out.Values, out.Counts = append(out.Values, h.Values[i]), append(out.Counts, h.Counts[i])
			i++
		case i == len(h.Values) || o.Values[j] < h.Values[i]:
			out.Values, out.Counts = append(out.Values, o.Values[j]), append(out.Counts, o.Counts[j])
			j++
		default:
			out.Values, out.Counts = append(out.Values, h.Values[i]), append(out.Counts, h.Counts[i]+o.Counts[j])
			i++
			j++
		}
	}
	return out
}

// cuts returns the quintile cut points by the rule of [Cuts]: the k-th is
// the smallest value with at least ceil(k*n/5) customers at or below it.
// It is the same number [Fitter.Fit] finds by selection.
func (h Histogram) cuts() Cuts {
	n := h.Total()
	var c Cuts
	k, seen := 0, 0
	for i, count := range h.Counts {
		seen += count
		for k < 4 && seen > quantileRank(k+1, n) {
			c[k] = h.Values[i]
			k++
		}
	}
	return c
}

// count adds the customers of h per score to dst.
func (h Histogram) count(dst *[5]int, c *Cuts, reversed bool) {
	for i, v := range h.Values {
		score := int(c.bucket(v))
		if reversed {
			score = 6 - score
		}
		dst[score-1] += h.Counts[i]
	}
}

// Distribution is the exact, mergeable summary of a customer base for
// RFM: the histogram of each dimension and the count of customers with no
// purchase. Split a base into parts (shards, days, goroutines), take each
// part's Distribution with [Fitter.Distribution], [Distribution.Merge]
// them, and [Distribution.Fit] gives the model a single Fitter over the
// whole base would give. It is plain data and travels as JSON.
type Distribution struct {
	Basis     Basis     `json:"monetary_basis,omitzero"`
	Recency   Histogram `json:"recency"`
	Frequency Histogram `json:"frequency"`
	Monetary  Histogram `json:"monetary"`
	Unscored  int       `json:"unscored"`
}

// Validate checks each histogram (values finite and strictly increasing,
// counts positive and paired with values), that the three count the same
// customers, and that the basis is known.
func (d Distribution) Validate() error {
	if int(d.Basis) >= len(basisNames) {
		return fmt.Errorf("rfm: %w", &segment.FieldError{Record: "rfm distribution", Field: "monetary_basis", Value: d.Basis.String(), Err: segment.ErrRange})
	}
	for _, h := range []struct {
		dim   dim
		h     Histogram
		whole bool
	}{{recencyDim, d.Recency, true}, {frequencyDim, d.Frequency, true}, {monetaryDim, d.Monetary, false}} {
		if err := h.h.validate(h.dim, h.whole); err != nil {
			return fmt.Errorf("rfm: %w", err)
		}
	}
	r, f, m := d.Recency.Total(), d.Frequency.Total(), d.Monetary.Total()
	if r != f || r != m {
		return fmt.Errorf("rfm: %w", &segment.FieldError{Record: "rfm distribution", Field: "counts",
			Value: fmt.Sprintf("recency %d, frequency %d, monetary %d", r, f, m), Err: fmt.Errorf("the histograms must count the same customers")})
	}
	if d.Unscored < 0 {
		return fmt.Errorf("rfm: %w", &segment.FieldError{Record: "rfm distribution", Field: "unscored", Value: strconv.Itoa(d.Unscored), Err: segment.ErrRange})
	}
	if d.Unscored > MaxCustomers-r {
		return fmt.Errorf("rfm: %w", &segment.FieldError{Record: "rfm distribution", Field: "unscored", Value: strconv.Itoa(d.Unscored), Err: errTooMany})
	}
	return nil
}

// Merge adds the customers of o to d. Both must be valid and on the same
// monetary basis.
func (d *Distribution) Merge(o Distribution) error {
	if err := cmp.Or(d.Validate(), o.Validate()); err != nil {
		return err
	}
	if d.Basis != o.Basis {
		return fmt.Errorf("rfm: cannot merge distributions of %s and %s", d.Basis, o.Basis)
	}
	// Each is at most MaxCustomers, so the sum fits an int64 anywhere.
	if n := int64(d.Recency.Total()+d.Unscored) + int64(o.Recency.Total()+o.Unscored); n > MaxCustomers {
		return fmt.Errorf("rfm: %w", &segment.FieldError{Record: "rfm distribution", Field: "counts", Value: strconv.FormatInt(n, 10), Err: errTooMany})
	}
	d.Recency = d.Recency.Merge(o.Recency)
	d.Frequency = d.Frequency.Merge(o.Frequency)
	d.Monetary = d.Monetary.Merge(o.Monetary)
	d.Unscored += o.Unscored
	return nil
}

// Fit returns the model of the base d describes, exactly as [Fitter.Fit]
// would over the same customers. cfg (nil means defaults) supplies cut
// points chosen by hand; its monetary basis must be d's.
func (d Distribution) Fit(cfg *Config) (Model, Stats, error) {
	var c Config
	if cfg != nil {
		c = *cfg
	}
	if err := cmp.Or(c.Validate(), d.Validate()); err != nil {
		return Model{}, Stats{}, err
	}
	if c.Basis != d.Basis {
		return Model{}, Stats{}, fmt.Errorf("rfm: the config measures M as %s, the distribution as %s", c.Basis, d.Basis)
	}
	n := d.Recency.Total()
	m := Model{Basis: d.Basis}
	for _, x := range []struct {
		fixed segment.Opt[Cuts]
		h     Histogram
		dst   *Cuts
	}{{c.Recency, d.Recency, &m.Recency}, {c.Frequency, d.Frequency, &m.Frequency}, {c.Monetary, d.Monetary, &m.Monetary}} {
		cuts, ok := x.fixed.Get()
		if !ok {
			if n == 0 {
				return Model{}, Stats{}, ErrNoPurchases
			}
			cuts = x.h.cuts()
		}
		*x.dst = cuts
	}
	st := Stats{Scored: n, Unscored: d.Unscored}
	d.Recency.count(&st.Recency, &m.Recency, true)
	d.Frequency.count(&st.Frequency, &m.Frequency, false)
	d.Monetary.count(&st.Monetary, &m.Monetary, false)
	// A distribution read from JSON may hold values no profile gives
	// (negative days); the model then says so.
	if err := m.Validate(); err != nil {
		return Model{}, Stats{}, err
	}
	return m, st, nil
}
