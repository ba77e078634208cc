package segment_test

import (
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// BenchmarkViewProfilePlain is BenchmarkViewProfile's id-order-grouped
// case on the same log without flags, as a CSV of customer, date and
// amount gives it.
func BenchmarkViewProfilePlain(b *testing.B) {
	orders := randomOrders(benchLines, benchCustomers, 1)
	for i := range orders {
		orders[i].Flags, orders[i].Known = 0, 0
	}
	l := segment.NewLedger(nil)
	if _, err := l.AddOrders(orders); err != nil {
		b.Fatal(err)
	}
	v := l.ViewByID(segment.Date{})
	var p segment.Profile
	b.ReportAllocs()
	for b.Loop() {
		for i := range v.Len() {
			v.Profile(i, &p)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*v.Len()), "ns/customer")
}
