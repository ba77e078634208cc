package segment_test

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

// sampleOrders reads the sample shop's order log.
func sampleOrders(t *testing.T) []segment.Order {
	t.Helper()
	r, err := ingest.NewOrderReader(sample.OrdersCSV(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var orders []segment.Order
	for o, err := range r.All() {
		if err != nil {
			t.Fatal(err)
		}
		orders = append(orders, o)
	}
	return orders
}

func ledgerOf(t *testing.T, orders []segment.Order, opts *segment.LedgerOptions) *segment.Ledger {
	t.Helper()
	l := segment.NewLedger(opts)
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

func byID(ps []segment.Profile) []segment.Profile {
	slices.SortFunc(ps, func(a, b segment.Profile) int { return cmp.Compare(a.ID, b.ID) })
	return ps
}

// The order in which an export lists its lines changes nothing but the
// order of the profiles: every customer's facts, the accounting and the
// BTYD rows are the same for any permutation (amounts are summed in fixed
// point, so even the sums are exact).
func TestLedgerIgnoresInputOrder(t *testing.T) {
	orders := sampleOrders(t)
	rng := rand.New(rand.NewPCG(8, 2026))
	for _, opts := range []*segment.LedgerOptions{nil, {OccasionDays: 7}} {
		base := ledgerOf(t, orders, opts)
		for range 2 {
			shuffled := slices.Clone(orders)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			l := ledgerOf(t, shuffled, opts)
			for _, asOf := range []segment.Date{{}, sample.AsOf.AddDays(-200)} {
				want, wantStats := base.Profiles(asOf)
				got, gotStats := l.Profiles(asOf)
				if gotStats != wantStats {
					t.Errorf("as of %s: stats %+v, in file order %+v", asOf, gotStats, wantStats)
				}
				if byID(want); !slices.Equal(want, byID(got)) {
					diff := gocmp.Diff(want, got) // only on failure: cmp is slow under -race
					t.Fatalf("as of %s, options %+v: shuffled orders give other profiles (-file order +shuffled):\n%s", asOf, opts, diff)
				}
				wantRows, _, err1 := base.Summaries(asOf, segment.Week)
				rows, _, err2 := l.Summaries(asOf, segment.Week)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				if rowsByID(wantRows); !slices.Equal(wantRows, rowsByID(rows)) {
					diff := gocmp.Diff(wantRows, rows)
					t.Fatalf("as of %s: shuffled orders give other BTYD rows:\n%s", asOf, diff)
				}
			}
		}
	}
}

func rowsByID(rows []segment.Summary) []segment.Summary {
	slices.SortFunc(rows, func(a, b segment.Summary) int { return cmp.Compare(a.ID, b.ID) })
	return rows
}

// Every order line is accounted for at every as-of date: lines in the
// profiles plus lines after the as-of date are all lines, and customers
// with a profile plus customers not yet buying are all customers.
func TestLedgerAccountsForEveryLine(t *testing.T) {
	orders := sampleOrders(t)
	l := ledgerOf(t, orders, nil)
	first, last := l.Latest(), l.Latest()
	for _, o := range orders {
		if o.Date.Before(first) {
			first = o.Date
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	span := last.Sub(first)
	for range 20 {
		asOf := first.AddDays(rng.IntN(span+30) - 15)
		ps, st := l.Profiles(asOf)
		lines := 0
		for _, p := range ps {
			lines += p.Orders + p.Returns
		}
		if lines+st.AfterAsOf != len(orders) || st.Lines != len(orders) {
			t.Errorf("as of %s: %d lines in profiles + %d after = %d, want %d (stats %+v)", asOf, lines, st.AfterAsOf, lines+st.AfterAsOf, len(orders), st)
		}
		if st.Profiles+st.NotYet != st.Customers || st.Profiles != len(ps) || st.Customers != l.Customers() {
			t.Errorf("as of %s: customers do not add up: %+v, %d profiles", asOf, st, len(ps))
		}
	}
}
