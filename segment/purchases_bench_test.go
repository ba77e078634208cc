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
	profileEach(b, l.ViewByID(segment.Date{}))
}
