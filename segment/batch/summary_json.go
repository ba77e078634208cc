package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// The JSON forms below carry the exact sums a Summary and a Grid keep,
// not the derived metrics, so that summaries of shards can be written by
// one process (a worker of a distributed job) and read and merged by
// another with nothing lost: a merged summary read from JSON equals the
// summary of the whole base.

// tallyJSON is the wire form of a tally. Revenue is the exact sum in
// millionths of the currency unit, as a decimal string: it can exceed
// what a JSON number holds exactly.
type tallyJSON struct {
	Label     string `json:"label,omitempty"`
	Count     int64  `json:"count"`
	Tagged    int64  `json:"tagged,omitzero"`
	Occasions int64  `json:"occasions"`
	Revenue   string `json:"revenue_micros"`
	Buyers    int64  `json:"buyers"`
	Recency   int64  `json:"recency_days"`
	Conf      int64  `json:"confidence_units"`
}

func (t *tally) toJSON(label string) tallyJSON {
	return tallyJSON{Label: label, Count: t.count, Tagged: t.tagged, Occasions: t.occasions,
		Revenue: t.revenue.String(), Buyers: t.buyers, Recency: t.recency, Conf: t.conf}
}

// tally checks w (field names it in errors about record) and returns its
// tally.
func (w *tallyJSON) tally(record, field string) (tally, error) {
	bad := func(name, value string, err error) error {
		return fmt.Errorf("batch: %w", &segment.FieldError{Record: record, Field: field + "." + name, Value: value, Err: err})
	}
	for _, f := range []struct {
		name string
		v    int64
	}{{"count", w.Count}, {"tagged", w.Tagged}, {"occasions", w.Occasions}, {"buyers", w.Buyers}, {"recency_days", w.Recency}, {"confidence_units", w.Conf}} {
		if f.v < 0 {
			return tally{}, bad(f.name, strconv.FormatInt(f.v, 10), errNegative)
		}
	}
	if w.Buyers > w.Count {
		return tally{}, bad("buyers", strconv.FormatInt(w.Buyers, 10), fmt.Errorf("%w: more buyers than customers (%d)", segment.ErrRange, w.Count))
	}
	if w.Count <= math.MaxInt64/confScale && w.Conf > w.Count*confScale { // (past it, no Conf is too large)
		return tally{}, bad("confidence_units", strconv.FormatInt(w.Conf, 10), fmt.Errorf("%w: a confidence above 1 on average", segment.ErrRange))
	}
	rev, err := parseExactSum(w.Revenue)
	if err != nil {
		return tally{}, bad("revenue_micros", w.Revenue, err)
	}
	return tally{count: w.Count, tagged: w.Tagged, occasions: w.Occasions, revenue: rev, buyers: w.Buyers, recency: w.Recency, conf: w.Conf}, nil
}

// String returns the sum in millionths, in decimal.
func (s exactSum) String() string { return s.big().String() }

func (s exactSum) big() *big.Int {
	v := big.NewInt(s.hi)
	v.Lsh(v, 64)
	return v.Add(v, new(big.Int).SetUint64(s.lo))
}

var (
	minSum = new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 127))
	maxSum = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 127), big.NewInt(1))
	mask64 = new(big.Int).SetUint64(^uint64(0))
)

// parseExactSum reads a decimal integer within the 128 bits of an
// exactSum.
func parseExactSum(s string) (exactSum, error) {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return exactSum{}, errors.New("want a whole number of millionths in decimal")
	}
	if v.Cmp(minSum) < 0 || v.Cmp(maxSum) > 0 {
		return exactSum{}, fmt.Errorf("%w: beyond 128 bits", segment.ErrRange)
	}
	lo := new(big.Int).And(v, mask64).Uint64() // two's complement low word
	hi := new(big.Int).Rsh(v, 64).Int64()      // arithmetic shift
	return exactSum{hi: hi, lo: lo}, nil
}

// summaryJSON is the wire form of a Summary: the typology and the tallies
// of the labels with customers.
type summaryJSON struct {
	Kind   string      `json:"kind"`
	Total  tallyJSON   `json:"total"`
	Labels []tallyJSON `json:"labels"`
}

// MarshalJSON writes the summary's exact sums (not the derived metrics),
// per label by name, labels without customers left out:
//
//	{"kind":"rung","total":{"count":3,...,"revenue_micros":"120500000",...},"labels":[{"label":"client","count":2,...},...]}
//
// [Summary.UnmarshalJSON] reads it back into a summary of the same
// typology, which then merges and reports exactly as the original.
func (s *Summary[L]) MarshalJSON() ([]byte, error) {
	w := summaryJSON{Kind: s.labels.Kind(), Total: s.total.toJSON(""), Labels: []tallyJSON{}}
	for i := range s.labels.Len() {
		t := &s.by[i]
		if t.count == 0 && t.tagged == 0 {
			continue
		}
		w.Labels = append(w.Labels, t.toJSON(s.labels.Name(L(i))))
	}
	return json.Marshal(w)
}

// UnmarshalJSON replaces the sums of s, made with [NewSummary] for the
// label table the JSON was written with, by those the JSON holds. Another
// typology, an unknown label, a negative or inconsistent count (the
// labels must add up to the total) is an error naming the field, and s is
// then unchanged.
func (s *Summary[L]) UnmarshalJSON(data []byte) error {
	if s.labels == nil {
		return errors.New("batch: unmarshal into a Summary made with NewSummary")
	}
	var w summaryJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("batch: summary: %w", err)
	}
	if w.Kind != s.labels.Kind() {
		return fmt.Errorf("batch: a summary of %q read into a summary of %q", w.Kind, s.labels.Kind())
	}
	const record = "summary"
	out := Summary[L]{labels: s.labels}
	var err error
	if out.total, err = w.Total.tally(record, "total"); err != nil {
		return err
	}
	var sum tally
	wraps := 0 // of the revenue's sum, see exactSum.wraps
	for i := range w.Labels {
		field := "labels[" + strconv.Itoa(i) + "]"
		l, err := s.labels.Parse(w.Labels[i].Label)
		if err != nil {
			return fmt.Errorf("batch: %w", &segment.FieldError{Record: record, Field: field + ".label", Value: w.Labels[i].Label, Err: err})
		}
		if out.by[l] != (tally{}) {
			return fmt.Errorf("batch: %w", &segment.FieldError{Record: record, Field: field + ".label", Value: w.Labels[i].Label, Err: errors.New("label given twice")})
		}
		if out.by[l], err = w.Labels[i].tally(record, field); err != nil {
			return err
		}
		tagged := out.by[l].tagged
		if !sum.countsFit(&out.by[l]) { // a sum that wrapped around could match the total
			return fmt.Errorf("batch: %w", &segment.FieldError{Record: record, Field: field, Value: fmt.Sprintf("%+v", w.Labels[i]),
				Err: fmt.Errorf("%w: the labels add up past 2^63-1", segment.ErrRange)})
		}
		wraps += sum.revenue.wraps(out.by[l].revenue)
		sum.merge(&out.by[l])
		sum.tagged -= tagged // tags are not part of the total
	}
	if wraps != 0 { // a revenue that wrapped around could match the total
		return fmt.Errorf("batch: %w", &segment.FieldError{Record: record, Field: "labels", Value: fmt.Sprintf("%d labels", len(w.Labels)),
			Err: fmt.Errorf("%w: the labels' revenue adds up past 2^127-1 millionths", segment.ErrRange)})
	}
	if sum != out.total {
		return fmt.Errorf("batch: %w", &segment.FieldError{Record: record, Field: "total", Value: fmt.Sprintf("%+v", w.Total),
			Err: errors.New("the labels do not add up to the total")})
	}
	*s = out
	return nil
}

// cellJSON is the wire form of a grid cell.
type cellJSON struct {
	R       uint8  `json:"r,omitempty"`
	F       uint8  `json:"f,omitempty"`
	Count   int64  `json:"count"`
	Revenue string `json:"revenue_micros"`
	M       int64  `json:"m_sum,omitzero"`
}

type gridJSON struct {
	Cells    []cellJSON `json:"cells"`
	Unscored cellJSON   `json:"unscored"`
}

// MarshalJSON writes the grid's exact sums, the empty cells left out:
//
//	{"cells":[{"r":5,"f":5,"count":40,"revenue_micros":"...","m_sum":180},...],"unscored":{"count":3,"revenue_micros":"0"}}
func (g *Grid) MarshalJSON() ([]byte, error) {
	w := gridJSON{Cells: []cellJSON{}, Unscored: cellJSON{Count: g.unscored.count, Revenue: g.unscored.revenue.String()}}
	for r := range g.cells {
		for f := range g.cells[r] {
			if c := &g.cells[r][f]; c.count > 0 {
				w.Cells = append(w.Cells, cellJSON{R: uint8(r + 1), F: uint8(f + 1), Count: c.count, Revenue: c.revenue.String(), M: c.m})
			}
		}
	}
	return json.Marshal(w)
}

// UnmarshalJSON replaces g with the grid the JSON holds. A score outside
// 1..5, a cell given twice, a negative count, a monetary sum no scores
// of 1..5 could make, or cells whose counts or sums add up past what
// the grid holds (2^63-1; 2^127-1 millionths of revenue) is an error
// naming the field, and g is then unchanged.
func (g *Grid) UnmarshalJSON(data []byte) error {
	var w gridJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("batch: grid: %w", err)
	}
	var out Grid
	cell := func(c *cellJSON, field string) (gridCell, error) {
		bad := func(name, value string, err error) error {
			return fmt.Errorf("batch: %w", &segment.FieldError{Record: "grid", Field: field + "." + name, Value: value, Err: err})
		}
		if c.Count < 0 {
			return gridCell{}, bad("count", strconv.FormatInt(c.Count, 10), errNegative)
		}
		rev, err := parseExactSum(c.Revenue)
		if err != nil {
			return gridCell{}, bad("revenue_micros", c.Revenue, err)
		}
		return gridCell{count: c.Count, revenue: rev, m: c.M}, nil
	}
	var err error
	if out.unscored, err = cell(&w.Unscored, "unscored"); err != nil {
		return err
	}
	if w.Unscored.M != 0 || w.Unscored.R != 0 || w.Unscored.F != 0 {
		return fmt.Errorf("batch: %w", &segment.FieldError{Record: "grid", Field: "unscored", Value: fmt.Sprintf("%+v", w.Unscored),
			Err: errors.New("unscored customers have no scores")})
	}
	wraps := 0 // of the scored revenue's sum, see exactSum.wraps
	for i := range w.Cells {
		c := &w.Cells[i]
		field := "cells[" + strconv.Itoa(i) + "]"
		for _, s := range [2]struct {
			name  string
			value uint8
		}{{"r", c.R}, {"f", c.F}} {
			if s.value < 1 || s.value > 5 {
				return fmt.Errorf("batch: %w", &segment.FieldError{Record: "grid", Field: field + "." + s.name, Value: strconv.Itoa(int(s.value)), Err: errScore})
			}
		}
		dst := &out.cells[c.R-1][c.F-1]
		if *dst != (gridCell{}) {
			return fmt.Errorf("batch: %w", &segment.FieldError{Record: "grid", Field: field, Value: fmt.Sprintf("r %d, f %d", c.R, c.F), Err: errors.New("cell given twice")})
		}
		if c.M < c.Count || c.Count <= math.MaxInt64/5 && c.M > 5*c.Count {
			return fmt.Errorf("batch: %w", &segment.FieldError{Record: "grid", Field: field + ".m_sum", Value: strconv.FormatInt(c.M, 10),
				Err: fmt.Errorf("%w: want between 1 and 5 per customer (%d)", segment.ErrRange, c.Count)})
		}
		if *dst, err = cell(c, field); err != nil {
			return err
		}
		if !out.scored.countsFit(dst) {
			return fmt.Errorf("batch: %w", &segment.FieldError{Record: "grid", Field: field, Value: fmt.Sprintf("r %d, f %d", c.R, c.F), Err: errGridFull})
		}
		wraps += out.scored.revenue.wraps(dst.revenue)
		out.scored.merge(dst)
	}
	if wraps != 0 { // revenue is summed in the file's order: only the whole must fit
		return fmt.Errorf("batch: %w", &segment.FieldError{Record: "grid", Field: "cells", Value: fmt.Sprintf("%d cells", len(w.Cells)), Err: errGridFull})
	}
	*g = out
	return nil
}
