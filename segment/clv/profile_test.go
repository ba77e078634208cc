package clv_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/clv"
)

func TestSummaryOf(t *testing.T) {
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{ID: "C1", AsOf: asOf, Occasions: 5, First: asOf.AddDays(-88), Last: asOf.AddDays(-60), Revenue: 500}
	for _, tc := range []struct {
		unit segment.Unit
		want segment.Summary
	}{
		{0, segment.Summary{ID: "C1", Frequency: 4, Recency: 28, T: 88}},
		{segment.Day, segment.Summary{ID: "C1", Frequency: 4, Recency: 28, T: 88}},
		{segment.Week, segment.Summary{ID: "C1", Frequency: 4, Recency: 4, T: 88.0 / 7}},
	} {
		got, ok := clv.SummaryOf(&p, tc.unit)
		if !ok {
			t.Fatalf("unit %v: not ok", tc.unit)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("unit %v (-want +got):\n%s", tc.unit, diff)
		}
	}
	once := segment.Profile{ID: "C2", AsOf: asOf, Occasions: 1, First: asOf.AddDays(-10), Last: asOf.AddDays(-10)}
	if got, ok := clv.SummaryOf(&once, segment.Day); !ok || got != (segment.Summary{ID: "C2", T: 10}) {
		t.Errorf("one-time buyer: %+v %v", got, ok)
	}
	for name, bad := range map[string]segment.Profile{
		"no purchase":         {AsOf: asOf},
		"no as-of":            {Occasions: 2, First: asOf.AddDays(-9), Last: asOf},
		"no first":            {AsOf: asOf, Occasions: 2, Last: asOf},
		"last before first":   {AsOf: asOf, Occasions: 2, First: asOf, Last: asOf.AddDays(-1)},
		"as-of before last":   {AsOf: asOf.AddDays(-2), Occasions: 2, First: asOf.AddDays(-9), Last: asOf},
		"one purchase, dates": {AsOf: asOf, Occasions: 1, First: asOf.AddDays(-9), Last: asOf},
	} {
		if got, ok := clv.SummaryOf(&bad, segment.Day); ok {
			t.Errorf("%s: %+v accepted", name, got)
		}
	}
	if _, ok := clv.SummaryOf(&p, -1); ok {
		t.Error("negative unit accepted")
	}
}

// On the sample shop, the profile's summary is the ledger's for every
// customer without returns (the documented condition), and every row it
// gives passes CheckSummaries.
func TestSummaryOfMatchesLedger(t *testing.T) {
	l, err := sample.Ledger()
	require.NoError(t, err)
	for _, unit := range []segment.Unit{segment.Day, segment.Week} {
		rows, _, err := l.Summaries(sample.AsOf, unit)
		require.NoError(t, err)
		byID := make(map[string]segment.Summary, len(rows))
		for _, r := range rows {
			r.MonetaryValue = 0 // not derivable from a profile
			byID[r.ID] = r
		}
		profiles, _ := l.Profiles(sample.AsOf)
		var mine []segment.Summary
		compared := 0
		for i := range profiles {
			p := &profiles[i]
			s, ok := clv.SummaryOf(p, unit)
			if ok {
				mine = append(mine, s)
			}
			if p.Returns > 0 {
				continue
			}
			compared++
			want, has := byID[p.ID]
			if ok != has || s != want {
				t.Errorf("unit %v, %s: SummaryOf %+v (%v), ledger %+v (%v)", unit, p.ID, s, ok, want, has)
			}
		}
		if compared < len(profiles)/2 {
			t.Errorf("only %d of %d customers compared", compared, len(profiles))
		}
		require.NoError(t, clv.CheckSummaries(mine))
	}
}

// Score one customer from their profile, without the ledger at hand.
func ExampleSummaryOf() {
	asOf := segment.MustParseDate("2025-06-30")
	p := segment.Profile{ID: "anna", AsOf: asOf, Occasions: 5, First: asOf.AddDays(-88), Last: asOf.AddDays(-60)}
	s, _ := clv.SummaryOf(&p, segment.Week)
	model := clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426} // CDNOW, in weeks
	fmt.Printf("x=%v t_x=%v T=%.2f P(alive)=%.2f\n", s.Frequency, s.Recency, s.T, model.PAlive(s))
	// Output: x=4 t_x=4 T=12.57 P(alive)=0.26
}
