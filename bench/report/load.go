package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// record is what one tool says about one customer.
type record struct {
	present   bool
	seg       uint8 // segment number; 0 when the tool's name is not in the map
	r, f, m   uint8 // scores; 0 when the tool does not write them
	recency   int32 // days from the last occasion to the as-of date
	frequency int32 // purchase occasions
	cents     int64 // net revenue in cents
}

// toolData is one tool's output, indexed like comparison.ids.
type toolData struct {
	run       *toolRun
	recs      []record
	hasRaw    bool           // writes recency, frequency, monetary
	hasScores bool           // writes r, f, m
	unknown   map[string]int // segment names not in the map, with counts
	dupes     int            // customers listed more than once
	unscored  int            // rows whose segment says the customer has none
}

// comparison is every tool's output over one index of customers.
type comparison struct {
	m     *segMap
	runs  []toolRun
	ids   []string    // customer ids; a customer's index is its place here
	tools []*toolData // parallel to runs; nil for a tool that did not run
}

// load reads the output of every tool that ran.
func load(m *segMap, runs []toolRun, oursSegCol string) (*comparison, error) {
	c := &comparison{m: m, runs: runs, tools: make([]*toolData, len(runs))}
	index := map[string]int32{}
	for i := range runs {
		if !runs[i].ok() {
			continue
		}
		col := ""
		if runs[i].Name == "ours" {
			col = oursSegCol
		}
		t, err := c.read(&runs[i], index, col)
		if err != nil {
			return nil, err
		}
		c.tools[i] = t
	}
	for _, t := range c.tools {
		if t != nil {
			t.recs = slices.Grow(t.recs, len(c.ids)-len(t.recs))[:len(c.ids)]
		}
	}
	return c, nil
}

// read reads one tool's CSV. segCol names the segment column, or is empty
// for the first of rfm_segment, rfm, segment.
func (c *comparison) read(run *toolRun, index map[string]int32, segCol string) (*toolData, error) {
	f, err := os.Open(run.Output)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", run.Name, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %s: no header: %w", run.Name, run.Output, err)
	}
	header = slices.Clone(header) // ReuseRecord would overwrite it
	col := columns(header)
	seg := -1
	if segCol != "" {
		seg = col(segCol)
	} else {
		for _, name := range []string{"rfm_segment", "rfm", "segment"} {
			if seg = col(name); seg >= 0 {
				break
			}
		}
	}
	id := col("customer_id")
	raw := [3]int{col("recency"), col("frequency"), col("monetary")}
	scores := [3]int{col("r"), col("f"), col("m")}
	code := col("rfm_code")
	t := &toolData{run: run, unknown: map[string]int{},
		hasRaw:    !slices.Contains(raw[:], -1),
		hasScores: !slices.Contains(scores[:], -1) || code >= 0}
	switch {
	case id < 0 || seg < 0:
		return nil, fmt.Errorf("%s: %s: want the columns customer_id and a segment column, have %s",
			run.Name, run.Output, strings.Join(header, ","))
	case run.Name != "ours" && !(t.hasRaw && t.hasScores):
		return nil, fmt.Errorf("%s: %s: a peer writes customer_id,recency,frequency,monetary,r,f,m,segment, have %s",
			run.Name, run.Output, strings.Join(header, ","))
	}
	names := map[string]uint8{} // segment name as written -> number
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", run.Name, run.Output, err)
		}
		line, _ := r.FieldPos(0)
		bad := func(field string, err error) error {
			return fmt.Errorf("%s: %s:%d: %s: %w", run.Name, run.Output, line, field, err)
		}
		k, ok := index[row[id]]
		if !ok {
			k = int32(len(c.ids))
			c.ids = append(c.ids, row[id])
			index[row[id]] = k
		}
		if int(k) >= len(t.recs) {
			t.recs = slices.Grow(t.recs, int(k)+1-len(t.recs))[:k+1]
		}
		rec := &t.recs[k]
		if rec.present {
			t.dupes++
			continue
		}
		if unscored(row[seg]) {
			// A tool may list customers without a purchase occasion with
			// no segment; the definitions leave them out.
			t.unscored++
			continue
		}
		rec.present = true
		n, known := names[row[seg]]
		if !known {
			n, _ = c.m.segment(row[seg])
			names[strings.Clone(row[seg])] = n
		}
		rec.seg = n
		if n == 0 {
			t.unknown[strings.Clone(row[seg])]++
		}
		if t.hasRaw {
			if rec.recency, err = parseInt32(row[raw[0]]); err != nil {
				return nil, bad("recency", err)
			}
			if rec.frequency, err = parseInt32(row[raw[1]]); err != nil {
				return nil, bad("frequency", err)
			}
			if rec.cents, err = parseCents(row[raw[2]]); err != nil {
				return nil, bad("monetary", err)
			}
		}
		switch {
		case t.hasScores && code >= 0 && scores[0] < 0:
			s := row[code]
			if len(s) != 3 || strings.Trim(s, "12345") != "" {
				return nil, bad(header[code], fmt.Errorf("%q: want three digits 1..5, e.g. 545", s))
			}
			rec.r, rec.f, rec.m = s[0]-'0', s[1]-'0', s[2]-'0'
		case t.hasScores:
			for j, p := range []*uint8{&rec.r, &rec.f, &rec.m} {
				v, err := strconv.Atoi(row[scores[j]])
				if err != nil || v < 1 || v > 5 {
					return nil, bad(header[scores[j]], fmt.Errorf("%q: want a score 1..5", row[scores[j]]))
				}
				*p = uint8(v)
			}
		}
	}
	return t, nil
}

// unscored reports whether a segment cell says "no segment": empty, or
// the library's Unknown label ("unknown", "Не определён").
func unscored(s string) bool {
	switch normalise(s) {
	case "", "unknown", "none", "неопределён":
		return true
	}
	return false
}

// columns returns a lookup of a header's column positions, -1 for absent.
func columns(header []string) func(string) int {
	pos := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := pos[h]; !dup {
			pos[h] = i
		}
	}
	return func(name string) int {
		if i, ok := pos[name]; ok {
			return i
		}
		return -1
	}
}

// parseInt32 reads a whole number, also written as a float with a zero
// fraction ("48.0"), as some writers do.
func parseInt32(s string) (int32, error) {
	if v, err := strconv.ParseInt(s, 10, 32); err == nil {
		return int32(v), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return 0, fmt.Errorf("%q: want a whole number", s)
	}
	return int32(f), nil
}

// parseCents reads an amount in currency units as whole cents: "8.96",
// "8.960", "896e-2" and 8.96 printed as the float 8.959999999999999 are
// all 896.
func parseCents(s string) (int64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e15 {
		return 0, fmt.Errorf("%q: want an amount", s)
	}
	return int64(math.Round(f * 100)), nil
}
