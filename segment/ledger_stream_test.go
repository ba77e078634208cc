package segment

import (
	"math/rand/v2"
	"testing"
)

// A blockStream on any number of owners leaves the ledger as adding the
// orders one by one would, over a ledger that already knows some
// customers, with empty blocks among the others and, in one case, enough
// lines for the owners to grow their tables (bulkTableLines). It releases
// every block once, and only once the ledger is done with it: the test
// scribbles over a block's ids and lines when it is released.
func TestBlockStream(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, c := range []struct {
		orders, customers int
		repeat            float64
		maxBlock          int
	}{
		{3_000, 700, 0.3, 1_000},
		{5_000, 4_000, 0, 300},
		{2_000, 50, 0.95, 2_500},
		{bulkTableLines + 20_000, 30_000, 0.2, 9_000},
	} {
		orders := runOrders(r, c.orders, c.customers, c.repeat)
		want := NewLedger(nil)
		for _, o := range orders {
			if err := want.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		for workers := 1; workers <= numShards; workers++ {
			got := NewLedger(nil)
			for _, o := range orders[:100] {
				if err := got.Add(o); err != nil {
					t.Fatal(err)
				}
			}
			s := newBlockStream(got, workers)
			added, released := 0, 0
			releasedAt := map[int]int{}
			for from := 100; from < len(orders); {
				to := min(from+1+r.IntN(c.maxBlock), len(orders))
				for to < len(orders) && orders[to].Customer == orders[to-1].Customer {
					to++ // a block never starts with a repeat
				}
				if r.IntN(8) == 0 {
					to = from // an empty block
				}
				data, ls := bulkOf(got, orders[from:to])
				block := added
				added++
				s.Add(data, ls, func() {
					releasedAt[block]++
					released++
					for i := range data {
						data[i] = '#'
					}
					for i := range ls {
						ls[i] = ls[0]
					}
				})
				if held := added - released; held > maxQueued {
					t.Fatalf("%d workers: %d blocks held after Add, want at most %d", workers, held, maxQueued)
				}
				from = to
			}
			s.Close()
			s.Close() // again: nothing more
			if released != added || len(releasedAt) != added {
				t.Fatalf("%d workers: %d blocks added, %d releases of %d blocks", workers, added, released, len(releasedAt))
			}
			if w, g := ledgerSummary(want), ledgerSummary(got); w != g {
				t.Fatalf("%d orders, %d workers:\n got %.300s\nwant %.300s", c.orders, workers, g, w)
			}
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("%d workers: Add after Close did not panic", workers)
					}
				}()
				s.Add(nil, nil, func() {})
			}()
		}
	}
}
