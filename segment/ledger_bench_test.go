package segment_test

import (
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// The ledger benchmarks run on a log of 1,000,000 lines over 250,000
// customers in rough date order, the shape of an order export; per-line
// and per-customer costs are reported as metrics.
const (
	benchLines     = 1_000_000
	benchCustomers = 250_000
)

var benchLog = func() func() []segment.Order {
	var orders []segment.Order
	return func() []segment.Order {
		if orders == nil {
			orders = randomOrders(benchLines, benchCustomers, 1)
		}
		return orders
	}
}()

// BenchmarkLedgerAdd adds the log one order at a time.
func BenchmarkLedgerAdd(b *testing.B) {
	orders := benchLog()
	b.ReportAllocs()
	for b.Loop() {
		l := segment.NewLedger(nil)
		for i := range orders {
			if err := l.Add(orders[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchLines, "ns/line")
}

// BenchmarkLedgerAddOrders adds the log in blocks of 64k orders, as
// segment/ingest does, on every core.
func BenchmarkLedgerAddOrders(b *testing.B) {
	orders := benchLog()
	b.ReportAllocs()
	for b.Loop() {
		l := segment.NewLedger(nil)
		for from := 0; from < len(orders); from += 64 << 10 {
			if _, err := l.AddOrders(orders[from:min(from+64<<10, len(orders))]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchLines, "ns/line")
}

// benchLedger returns a new ledger holding the benchmark log.
func benchLedger(b *testing.B) *segment.Ledger {
	l := segment.NewLedger(nil)
	if _, err := l.AddOrders(benchLog()); err != nil {
		b.Fatal(err)
	}
	return l
}

// BenchmarkLedgerEach is the aggregation: every customer's profile from
// the loaded log, the grouping by customer included (a fresh ledger each
// time, since the grouping is done once per ledger).
func BenchmarkLedgerEach(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		l := benchLedger(b)
		b.StartTimer()
		n := 0
		l.Each(segment.Date{}, func(p *segment.Profile) bool { n += p.Occasions; return true })
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchCustomers, "ns/customer")
}

// BenchmarkLedgerEachSorted is Each again on a ledger already grouped: the
// cost of the profiles alone, per as-of date.
func BenchmarkLedgerEachSorted(b *testing.B) {
	l := benchLedger(b)
	l.Each(segment.Date{}, func(*segment.Profile) bool { return false })
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		l.Each(segment.Date{}, func(p *segment.Profile) bool { n += p.Occasions; return true })
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchCustomers, "ns/customer")
}

func BenchmarkProfileValidate(b *testing.B) {
	p := fullProfile()
	b.ReportAllocs()
	for b.Loop() {
		if err := p.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOrderValidate(b *testing.B) {
	o := segment.Order{Customer: "C0000001", ID: "O1", Date: d("2024-01-01"), Amount: 12.5}
	b.ReportAllocs()
	for b.Loop() {
		if err := o.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
