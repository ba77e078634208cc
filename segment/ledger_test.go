package segment_test

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/junk"
	"github.com/clientele-go/clientele/segment"
)

var d = segment.MustParseDate

// handLedger is the order log whose profiles and summaries below were
// computed by hand.
func handLedger(t *testing.T, opts *segment.LedgerOptions) *segment.Ledger {
	t.Helper()
	l := segment.NewLedger(opts)
	disc := segment.Discounted
	for _, o := range []segment.Order{
		// A: several orders on one day, a day netted to zero, a return-only
		// day, a zero-amount day, an order after the as-of date.
		{Customer: "A", ID: "O1", Date: d("2024-01-10"), Amount: 100},
		{Customer: "A", ID: "O2", Date: d("2024-01-10"), Amount: 50},
		{Customer: "A", ID: "O3", Date: d("2024-01-20"), Amount: 80},
		{Customer: "A", ID: "R3", Date: d("2024-01-20"), Amount: -80},
		{Customer: "A", ID: "R9", Date: d("2024-02-05"), Amount: -30},
		{Customer: "A", ID: "O4", Date: d("2024-03-01"), Amount: 0},
		{Customer: "A", ID: "O5", Date: d("2024-03-15"), Amount: 200},
		{Customer: "A", ID: "O6", Date: d("2024-04-10"), Amount: 999},
		// B: a one-time buyer.
		{Customer: "B", Date: d("2023-12-01"), Amount: 40},
		// C: every order after the as-of date.
		{Customer: "C", Date: d("2024-04-02"), Amount: 10},
		// D: only a return.
		{Customer: "D", Date: d("2024-02-01"), Amount: -20},
		// E: a source that records the discount flag (and a flagged return
		// exported with a positive amount).
		{Customer: "E", Date: d("2024-03-01"), Amount: 10, Flags: disc, Known: disc | segment.Return},
		{Customer: "E", Date: d("2024-03-02"), Amount: 20, Known: disc | segment.Return},
		{Customer: "E", Date: d("2024-03-03"), Amount: 5, Flags: segment.Return, Known: disc | segment.Return},
		// F: decimals that cancel exactly, which float64 sums would not.
		{Customer: "F", Date: d("2024-03-05"), Amount: 10.1},
		{Customer: "F", Date: d("2024-03-05"), Amount: 5.2},
		{Customer: "F", Date: d("2024-03-05"), Amount: -15.3},
	} {
		require.NoError(t, l.Add(o))
	}
	return l
}

func TestProfilesHandComputed(t *testing.T) {
	l := handLedger(t, nil)
	asOf := d("2024-03-31")
	got, st := l.Profiles(asOf)
	want := []segment.Profile{
		{ID: "A", AsOf: asOf, Occasions: 2, Orders: 5, Returns: 2, Revenue: 320, Returned: 110,
			First: d("2024-01-10"), Last: d("2024-03-15")},
		{ID: "B", AsOf: asOf, Occasions: 1, Orders: 1, Revenue: 40, First: d("2023-12-01"), Last: d("2023-12-01")},
		{ID: "D", AsOf: asOf, Returns: 1, Revenue: -20, Returned: 20},
		{ID: "E", AsOf: asOf, Occasions: 2, Orders: 2, Returns: 1, Revenue: 25, Returned: 5,
			First: d("2024-03-01"), Last: d("2024-03-02"), Discounted: segment.Some(1)},
		{ID: "F", AsOf: asOf, Orders: 2, Returns: 1, Revenue: 0, Returned: 15.3},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Profiles (-want +got):\n%s", diff)
	}
	wantStats := segment.Stats{Lines: 17, AfterAsOf: 2, Customers: 6, Profiles: 5, NotYet: 1}
	if diff := cmp.Diff(wantStats, st); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
	if st.Profiles+st.NotYet != st.Customers {
		t.Errorf("customers not accounted for: %+v", st)
	}

	a := &got[0]
	metrics := []struct {
		name string
		got  any
		want any
	}{
		{"A recency", a.Recency(), segment.Some(16)},
		{"A tenure", a.Tenure(), segment.Some(81)},
		{"A mean gap", a.MeanGap(), segment.Some(65.0)},
		{"A average order value", a.AverageOrderValue(), segment.Some(160.0)},
		{"A return rate", a.ReturnRate(), segment.Some(0.4)},
		{"A discount share unknown", a.DiscountShare(), segment.Opt[float64]{}},
		{"B recency", got[1].Recency(), segment.Some(121)},
		{"B mean gap unknown with one occasion", got[1].MeanGap(), segment.Opt[float64]{}},
		{"D recency unknown without occasion", got[2].Recency(), segment.Opt[int]{}},
		{"D average order value unknown", got[2].AverageOrderValue(), segment.Opt[float64]{}},
		{"E discount share", got[3].DiscountShare(), segment.Some(0.5)},
		{"E new-product share unknown", got[3].NewProductShare(), segment.Opt[float64]{}},
	}
	for _, m := range metrics {
		if diff := cmp.Diff(m.want, m.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", m.name, diff)
		}
	}
}

func TestProfilesDefaultAsOfIsLatestOrder(t *testing.T) {
	l := handLedger(t, nil)
	if got, want := l.Latest(), d("2024-04-10"); got != want {
		t.Fatalf("Latest = %s, want %s", got, want)
	}
	got, st := l.Profiles(segment.Date{})
	if st.AfterAsOf != 0 || st.NotYet != 0 || len(got) != 6 {
		t.Fatalf("with the default as-of every line counts; got %d profiles, %+v", len(got), st)
	}
	if got[0].Occasions != 3 || got[0].Revenue != 1319 {
		t.Errorf("A as of the latest order: %d occasions, revenue %v; want 3, 1319", got[0].Occasions, got[0].Revenue)
	}
}

func TestOccasionPeriod(t *testing.T) {
	l := segment.NewLedger(&segment.LedgerOptions{OccasionDays: 7})
	asOf := d("2024-03-31")
	for _, day := range []string{"2024-03-31", "2024-03-25", "2024-03-24", "2024-03-18"} {
		require.NoError(t, l.Add(segment.Order{Customer: "G", Date: d(day), Amount: 10}))
	}
	// Two orders six days apart, but in two periods.
	for _, day := range []string{"2024-03-20", "2024-03-26"} {
		require.NoError(t, l.Add(segment.Order{Customer: "H", Date: d(day), Amount: 10}))
	}
	// Periods counted back from the as-of day: [03-25, 03-31], [03-18, 03-24].
	got, _ := l.Profiles(asOf)
	if got[0].Occasions != 2 || got[0].First != d("2024-03-18") || got[0].Last != d("2024-03-31") {
		t.Errorf("7-day occasions: got %d occasions %s..%s, want 2 2024-03-18..2024-03-31",
			got[0].Occasions, got[0].First, got[0].Last)
	}
	if got[1].Occasions != 2 {
		t.Errorf("orders on 03-20 and 03-26 fall in two periods counted back from 03-31; got %d occasions", got[1].Occasions)
	}
}

func TestSummariesHandComputed(t *testing.T) {
	l := handLedger(t, nil)
	asOf := d("2024-03-31")
	days, st, err := l.Summaries(asOf, segment.Day)
	require.NoError(t, err)
	want := []segment.Summary{
		// Periods 01-10 (150), 01-20 (0), 02-05 (-30), 03-01 (0), 03-15 (200):
		// every transaction day counts, as in lifetimes.
		{ID: "A", Frequency: 4, Recency: 65, T: 81, MonetaryValue: 42.5},
		{ID: "B", Frequency: 0, Recency: 0, T: 121, MonetaryValue: 0},
		{ID: "D", Frequency: 0, Recency: 0, T: 59, MonetaryValue: 0},
		{ID: "E", Frequency: 2, Recency: 2, T: 30, MonetaryValue: 7.5},
		{ID: "F", Frequency: 0, Recency: 0, T: 26, MonetaryValue: 0},
	}
	if diff := cmp.Diff(want, days); diff != "" {
		t.Errorf("Summaries in days (-want +got):\n%s", diff)
	}
	if st.AfterAsOf != 2 || st.NotYet != 1 || st.Profiles != 5 {
		t.Errorf("Stats = %+v", st)
	}

	weeks, _, err := l.Summaries(asOf, segment.Week)
	require.NoError(t, err)
	if got := weeks[0]; got.Recency != 65.0/7 || got.T != 81.0/7 || got.Frequency != 4 || got.MonetaryValue != 42.5 {
		t.Errorf("A in weeks = %+v; want recency 65/7, T 81/7, frequency and value unchanged", got)
	}
	thirty, _, err := l.Summaries(asOf, segment.Unit(30))
	require.NoError(t, err)
	if got := thirty[1]; got.T != 121.0/30 {
		t.Errorf("B in 30-day units: T = %v, want 121/30", got.T)
	}
	if _, _, err := l.Summaries(asOf, -1); err == nil {
		t.Error("a negative unit must be an error")
	}
}

func TestAddRejectsBadOrders(t *testing.T) {
	cases := []struct {
		name  string
		order segment.Order
		field string
		cause error
	}{
		{"empty customer", segment.Order{Date: d("2024-01-01"), Amount: 1}, "customer", segment.ErrEmpty},
		{"no date", segment.Order{Customer: "A", Amount: 1}, "date", segment.ErrEmpty},
		{"before 1900", segment.Order{Customer: "A", Date: segment.NewDate(1899, 12, 30), Amount: 1}, "date", segment.ErrRange},
		{"NaN", segment.Order{Customer: "A", Date: d("2024-01-01"), Amount: math.NaN()}, "amount", segment.ErrNotFinite},
		{"+Inf", segment.Order{Customer: "A", Date: d("2024-01-01"), Amount: math.Inf(1)}, "amount", segment.ErrNotFinite},
		{"overflowing", segment.Order{Customer: "A", Date: d("2024-01-01"), Amount: -2e12}, "amount", segment.ErrRange},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := segment.NewLedger(nil)
			err := l.Add(tc.order)
			var fe *segment.FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field || !errors.Is(err, tc.cause) {
				t.Fatalf("Add = %v; want a FieldError on %q wrapping %v", err, tc.field, tc.cause)
			}
			if l.Len() != 0 {
				t.Errorf("a rejected order was recorded")
			}
		})
	}
}

func TestAmountOverflowOnOneDay(t *testing.T) {
	// Ten lines of the largest amount on one day overflow int64 micros;
	// the ledger must fall back, not wrap to a negative revenue.
	l := segment.NewLedger(nil)
	for i := 0; i < 10; i++ {
		require.NoError(t, l.Add(segment.Order{Customer: "X", Date: d("2024-01-01"), Amount: segment.MaxAmount}))
	}
	// And ten returns of it, the other way.
	for i := 0; i < 10; i++ {
		require.NoError(t, l.Add(segment.Order{Customer: "Y", Date: d("2024-01-01"), Amount: -segment.MaxAmount}))
	}
	got, _ := l.Profiles(segment.Date{})
	if got[0].Revenue != 10*segment.MaxAmount || got[0].Occasions != 1 {
		t.Errorf("revenue %v occasions %d; want 1e13 and 1", got[0].Revenue, got[0].Occasions)
	}
	if got[1].Revenue != -10*segment.MaxAmount || got[1].Occasions != 0 || got[1].Returns != 10 {
		t.Errorf("returns: revenue %v occasions %d returns %d; want -1e13, 0 and 10", got[1].Revenue, got[1].Occasions, got[1].Returns)
	}
}

func TestEachAndProfileAgreeWithProfiles(t *testing.T) {
	l := handLedger(t, nil)
	asOf := d("2024-03-31")
	all, st := l.Profiles(asOf)
	var seen []segment.Profile
	st2 := l.Each(asOf, func(p *segment.Profile) bool {
		seen = append(seen, *p)
		return true
	})
	if diff := cmp.Diff(all, seen); diff != "" {
		t.Errorf("Each (-Profiles +Each):\n%s", diff)
	}
	if st != st2 {
		t.Errorf("stats differ: %+v vs %+v", st, st2)
	}
	for _, want := range all {
		got, ok := l.Profile(want.ID, asOf)
		if !ok {
			t.Errorf("Profile(%s) not found", want.ID)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Profile(%s) (-want +got):\n%s", want.ID, diff)
		}
	}
	if _, ok := l.Profile("C", asOf); ok {
		t.Error("C has only orders after the as-of date: no profile")
	}
	if _, ok := l.Profile("nobody", asOf); ok {
		t.Error("unknown customer found")
	}
	n := 0
	l.Each(asOf, func(*segment.Profile) bool { n++; return n < 2 })
	if n != 2 {
		t.Errorf("Each did not stop when fn returned false: %d calls", n)
	}
}

// A profile made into a Profile that held anything (every field filled
// by reflection, so fields added later are covered) is the one made into
// a zero Profile, with and without signals in the ledger.
func TestProfileOverwritesEveryField(t *testing.T) {
	for _, withSignals := range []bool{false, true} {
		l := handLedger(t, nil)
		if withSignals {
			require.NoError(t, l.SetSignals("A", segment.Signals{Referrals: segment.Some(2)}))
		}
		v := l.View(d("2024-03-31"))
		for i := range v.Len() {
			var want, got segment.Profile
			v.Profile(i, &want)
			junk.Fill(&got)
			v.Profile(i, &got)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("signals %v, customer %d:\n got %+v\nwant %+v", withSignals, i, got, want)
			}
		}
	}
}
