package rfm_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment/rfm"
)

// models to check the monotonic facts on: cut points by hand, cut points
// with ties (the tie-safe quintiles of a base where most bought once), and
// the fit of the sample shop.
func propertyModels(t *testing.T) map[string]rfm.Model {
	t.Helper()
	ps, err := sample.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	fitted, _, err := rfm.Fit(ps, nil)
	if err != nil {
		t.Fatal(err)
	}
	aov := rfm.Defaults()
	aov.Basis = rfm.AverageOrderValue
	fittedAOV, _, err := rfm.Fit(ps, &aov)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]rfm.Model{
		"hand":       {Recency: rfm.Cuts{30, 90, 180, 365}, Frequency: rfm.Cuts{1, 2, 3, 5}, Monetary: rfm.Cuts{50, 120, 300, 900}},
		"ties":       {Recency: rfm.Cuts{3, 3, 40, 200}, Frequency: rfm.Cuts{1, 1, 1, 2}, Monetary: rfm.Cuts{-5, 0.5, 20, 20}},
		"sample":     fitted,
		"sample-aov": fittedAOV,
	}
}

// All else equal, a more recent last purchase never lowers R, more
// purchase occasions never lower F, and more revenue never lowers M.
func TestScoresAreMonotonic(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 7))
	for name, m := range propertyModels(t) {
		compared := 0
		for range 3000 {
			days, occ, rev := rng.IntN(900), 1+rng.IntN(20), rng.Float64()*3000-100
			p := customer("p", days, occ, rev)
			c := m.Code(&p)
			if !c.Valid() {
				t.Fatalf("%s: %+v has no code", name, p)
			}
			more := customer("p", days-rng.IntN(days+1), occ, rev)
			if got := m.Code(&more); got.R < c.R {
				t.Fatalf("%s: last purchase %d days ago scores R%d, %d days ago R%d", name, days, c.R, more.Recency().Or(-1), got.R)
			}
			more = customer("p", days, occ+1+rng.IntN(10), rev)
			more.Last, more.First = p.Last, p.First
			if got := m.Code(&more); got.F < c.F {
				t.Fatalf("%s: %d occasions score F%d, %d score F%d", name, occ, c.F, more.Occasions, got.F)
			}
			more = customer("p", days, occ, rev+rng.Float64()*1000)
			if got := m.Code(&more); got.M < c.M {
				t.Fatalf("%s: revenue %v scores M%d, %v scores M%d", name, rev, c.M, more.Revenue, got.M)
			}
			compared++
		}
		if compared == 0 {
			t.Fatalf("%s: nothing compared", name)
		}
	}
}

// Every one of the 125 codes belongs to exactly one segment of the default
// map: as its partition lists them, and as the map looks them up.
func TestDefaultMapCoversEveryCodeOnce(t *testing.T) {
	checkCoverage(t, "default map", rfm.DefaultMap(), nil)
	p := rfm.DefaultPartition()
	seen := map[rfm.Code]string{}
	for _, s := range p.Segments {
		for _, c := range s.Codes {
			if other, dup := seen[c]; dup {
				t.Errorf("code %s is in %s and %s", c, other, s.Segment)
			}
			seen[c] = s.Segment
		}
	}
	if len(seen) != 125 {
		t.Errorf("default partition lists %d codes, want 125", len(seen))
	}
}

// Maps parsed from random rule sets give each code the segment of the
// first rule that contains it (or the fallback), list it under that
// segment only, and report a code without one as uncovered, never drop it.
func TestParsedRuleMapsCoverEveryCodeOnce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	names := []string{"Champions", "Loyal", "At Risk", "Lost", "New"}
	score := func() rfm.Range {
		if rng.IntN(3) == 0 {
			return rfm.Range{} // any score
		}
		lo := uint8(1 + rng.IntN(5))
		return rfm.Range{Lo: lo, Hi: lo + uint8(rng.IntN(int(6-lo)))}
	}
	parsed := 0
	for range 500 {
		var rs rfm.Rules
		if rng.IntN(2) == 0 {
			rs.Fallback = "Others"
		}
		for range 1 + rng.IntN(8) {
			rs.Rules = append(rs.Rules, rfm.Rule{Segment: names[rng.IntN(len(names))], R: score(), F: score(), M: score()})
		}
		data, err := json.Marshal(rs)
		if err != nil {
			t.Fatal(err)
		}
		m, err := rfm.ParseMap(data)
		if err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		parsed++
		checkCoverage(t, string(data), m, &rs)
	}
	if parsed == 0 {
		t.Fatal("no rule set parsed")
	}
}

// checkCoverage checks that each code is listed under exactly the segment
// Segment gives it (none when Unknown, then reported as uncovered), and,
// for rules, that the segment is the first matching rule's or the fallback.
func checkCoverage(t *testing.T, what string, m *rfm.Map, rs *rfm.Rules) {
	t.Helper()
	listed := map[rfm.Code]int{}
	for i := 1; i < m.Labels().Len(); i++ {
		for _, c := range m.Codes(rfm.Segment(i)) {
			listed[c]++
			if m.Segment(c) != rfm.Segment(i) {
				t.Fatalf("%s: code %s listed under %s, looked up as %s", what, c, m.Name(rfm.Segment(i)), m.Name(m.Segment(c)))
			}
		}
	}
	uncovered := map[rfm.Code]bool{}
	for _, f := range m.Findings() {
		if f.Index < 0 {
			for _, c := range f.Codes {
				uncovered[c] = true
			}
		}
	}
	for _, c := range allCodes() {
		s := m.Segment(c)
		switch {
		case s == rfm.Unknown && (listed[c] != 0 || !uncovered[c]):
			t.Fatalf("%s: code %s has no segment, listed %d times, reported uncovered: %v", what, c, listed[c], uncovered[c])
		case s != rfm.Unknown && listed[c] != 1:
			t.Fatalf("%s: code %s listed %d times", what, c, listed[c])
		}
		if rs == nil {
			continue
		}
		want := rs.Fallback
		for _, r := range rs.Rules {
			if contains(r.R, c.R) && contains(r.F, c.F) && contains(r.M, c.M) {
				want = r.Segment
				break
			}
		}
		if want == "" {
			if s != rfm.Unknown {
				t.Fatalf("%s: code %s in %q, no rule and no fallback take it", what, c, m.Name(s))
			}
			continue
		}
		if w, err := m.Labels().Parse(want); err != nil || w != s {
			t.Fatalf("%s: code %s in %q, the first matching rule says %q (%v)", what, c, m.Name(s), want, err)
		}
	}
}

func contains(r rfm.Range, s uint8) bool { return r.IsZero() || r.Lo <= s && s <= r.Hi }
