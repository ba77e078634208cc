package segment

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkAddLinesKnown adds a block of 40,000 lines, the size of a
// megabyte of CSV, on two workers to a ledger that knows their 100,000
// customers, as the load does once the index has filled up; 14% of the
// lines repeat the customer of the line before, as in bench/gen's log.
// The ledger forgets each block's lines before the next.
func BenchmarkAddLinesKnown(b *testing.B) {
	const customers, n = 100_000, 40_000
	l := NewLedger(nil)
	start := MustParseDate("2022-01-01")
	for c := range customers {
		if err := l.Add(Order{Customer: fmt.Sprintf("C%07d", c), Date: start, Amount: 1}); err != nil {
			b.Fatal(err)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	orders := make([]Order, n)
	for i := range orders {
		orders[i] = Order{Customer: fmt.Sprintf("C%07d", r.IntN(customers)),
			Date: start.AddDays(i / 100), Amount: float64(r.IntN(10_000)) / 100}
		if i > 0 && r.IntN(100) < 14 {
			orders[i].Customer = orders[i-1].Customer
		}
	}
	data, ls := bulkOf(l, orders)
	ids := lineIDs{data: data}
	l.Profiles(Date{}) // groups the lines so far, once
	more, pending := l.more, l.pending
	l.addLines(2, ls, ids) // makes a chunk for the block, reused
	spare := l.spare[:0]
	b.ReportAllocs()
	for b.Loop() {
		l.more, l.pending, l.spare = more, pending, spare
		l.addLines(2, ls, ids)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/line")
}
