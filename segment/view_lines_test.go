package segment_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

// A view as of the latest day of a ledger without signals takes every
// customer without looking at their lines (see Ledger.view): every way of
// adding customers without signals adds them with a line. Added one by
// one, in bulk on one goroutine and on several, and from CSV in blocks,
// every customer of every view has a line; a customer SetSignals made
// has none, and is in the view all the same, with its signals.
func TestEveryCustomerWithoutSignalsHasALine(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	r := rand.New(rand.NewPCG(3, 4))
	day := segment.MustParseDate("2024-01-01")
	orders := make([]segment.Order, 40_000)
	var csv bytes.Buffer
	csv.WriteString("customer_id,date,amount\n")
	for i := range orders {
		orders[i] = segment.Order{Customer: fmt.Sprintf("C%07d", r.IntN(9000)), Date: day.AddDays(i / 100), Amount: float64(1 + r.IntN(500))}
		fmt.Fprintf(&csv, "%s,%s,%.2f\n", orders[i].Customer, orders[i].Date, orders[i].Amount)
	}
	ledgers := map[string]*segment.Ledger{}
	one := segment.NewLedger(nil)
	for _, o := range orders[:3000] {
		if err := one.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	ledgers["Add"] = one
	for _, n := range []int{1000, len(orders)} { // one goroutine, then several
		l := segment.NewLedger(nil)
		if _, err := l.AddOrders(orders[:n]); err != nil {
			t.Fatal(err)
		}
		ledgers[fmt.Sprintf("AddOrders of %d", n)] = l
	}
	loaded := segment.NewLedger(nil)
	if _, err := ingest.LoadOrders(bytes.NewReader(csv.Bytes()), loaded, nil, false); err != nil {
		t.Fatal(err)
	}
	ledgers["LoadOrders"] = loaded
	for name, l := range ledgers {
		for _, byID := range []bool{false, true} {
			v := l.View(segment.Date{})
			if byID {
				v = l.ViewByID(segment.Date{})
			}
			if v.Len() != l.Customers() {
				t.Fatalf("%s (by id %v): a view of %d of %d customers", name, byID, v.Len(), l.Customers())
			}
			var p segment.Profile
			for i := range v.Len() {
				v.Profile(i, &p)
				if p.Orders+p.Returns == 0 {
					t.Fatalf("%s (by id %v): customer %q has no line", name, byID, p.ID)
				}
			}
		}
	}
	// A customer known by signals alone is in the view too, with no line.
	if err := loaded.SetSignals("lead-1", segment.Signals{Inquiries: segment.Some(2)}); err != nil {
		t.Fatal(err)
	}
	v := loaded.ViewByID(segment.Date{})
	found := false
	var p segment.Profile
	for i := range v.Len() {
		if v.Profile(i, &p); p.ID == "lead-1" {
			found = p.Orders == 0 && p.Signals.Inquiries == segment.Some(2)
		}
	}
	if v.Len() != loaded.Customers() || !found {
		t.Fatalf("with signals: a view of %d of %d customers, the lead found with its signals and no line: %v", v.Len(), loaded.Customers(), found)
	}
}
