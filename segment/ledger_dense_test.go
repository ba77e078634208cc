package segment

import (
	"fmt"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// denseMixIDs returns n ids of every kind a ledger whose first id is
// C0000000 meets: numbered ones of its form (kept by number), of its form
// past bulk.DenseLimit, of other forms and short, and long ones (all
// hashed into the table).
func denseMixIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		switch i % 5 {
		case 0:
			ids[i] = fmt.Sprintf("C%07d", i)
		case 1:
			ids[i] = fmt.Sprintf("C%07d", bulk.DenseLimit+i)
		case 2:
			ids[i] = fmt.Sprintf("%d", i)
		case 3:
			ids[i] = fmt.Sprintf("customer-%d@example.com", i)
		default:
			ids[i] = fmt.Sprintf("C%d", i)
		}
	}
	return ids
}

// A ledger finds every customer exactly once whatever the kind of its id,
// numbered (by number) or not (in the table): added one by one or in
// bulk, before and after grouping drops the tables and a look-up makes
// them again, and after more customers come.
func TestLedgerNumberedAndOtherIDs(t *testing.T) {
	const n = 20_000
	ids := denseMixIDs(n)
	day := MustParseDate("2024-01-01")
	orderOf := func(i, j int) Order { return Order{Customer: ids[i], Date: day.AddDays(j), Amount: float64(1 + i%7)} }
	for _, bulkAdd := range []bool{false, true} {
		l := NewLedger(&LedgerOptions{Customers: 300_000}) // tables mapped, which grouping drops
		var orders []Order
		for round := range 3 {
			for i := range n {
				if i%3 >= round { // customer i gets 1 + i%3 orders
					orders = append(orders, orderOf(i, round))
				}
			}
		}
		if bulkAdd {
			if _, err := l.AddOrders(orders); err != nil {
				t.Fatal(err)
			}
		} else {
			for _, o := range orders {
				if err := l.Add(o); err != nil {
					t.Fatal(err)
				}
			}
		}
		check := func(when string, extra int) {
			t.Helper()
			if got := l.Customers(); got != n+extra {
				t.Fatalf("bulk %v, %s: %d customers, want %d", bulkAdd, when, got, n+extra)
			}
			asOf := day.AddDays(10)
			for i, id := range ids {
				p, ok := l.Profile(id, asOf)
				if want := 1 + i%3; !ok || p.ID != id || p.Orders != want {
					t.Fatalf("bulk %v, %s: %q: found %v, id %q, %d orders, want %d", bulkAdd, when, id, ok, p.ID, p.Orders, want)
				}
			}
			for _, id := range []string{"C9999998", fmt.Sprintf("C%07d", n+5), "customer-x", "0", "C0"} {
				if _, ok := l.Profile(id, asOf); ok && !slices.Contains(ids, id) {
					t.Fatalf("bulk %v, %s: found %q, never added", bulkAdd, when, id)
				}
			}
		}
		check("loaded", 0)
		v := l.ViewByID(day.AddDays(10)) // groups: the tables go
		if !l.indexGone.Load() {
			t.Fatalf("bulk %v: grouping kept the tables", bulkAdd)
		}
		seen := make([]string, v.Len())
		for i := range seen {
			seen[i] = v.ID(i)
		}
		if want := slices.Sorted(slices.Values(ids)); !slices.Equal(seen, want) {
			t.Fatalf("bulk %v: the view's ids are not every id once, in order", bulkAdd)
		}
		check("grouped", 0) // a look-up makes the tables again
		for _, id := range []string{"C0019999", "C0020000", "newcomer", ids[0]} {
			if err := l.Add(Order{Customer: id, Date: day, Amount: 1}); err != nil {
				t.Fatal(err)
			}
		}
		if got := l.Customers(); got != n+3 { // all but ids[0] are new
			t.Fatalf("bulk %v: %d customers after adding, want %d", bulkAdd, got, n+3)
		}
	}
}
