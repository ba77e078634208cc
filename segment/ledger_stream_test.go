package segment

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/internal/leaktest"
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
		want := addedOneByOne(t, orders)
		for workers := 1; workers <= numShards; workers++ {
			got := addedOneByOne(t, orders[:100])
			s := newBlockStream(got, workers)
			added, released := 0, 0
			releasedAt := map[int]int{}
			for from := 100; from < len(orders); {
				to := blockEnd(orders, from, 1+r.IntN(c.maxBlock))
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

// A stream asked for more owners than shards takes one a shard, and loads
// as the others do.
func TestBlockStreamMoreWorkersThanShards(t *testing.T) {
	orders := runOrders(rand.New(rand.NewPCG(11, 12)), 2_000, 300, 0.2)
	want := addedOneByOne(t, orders)
	got := NewLedger(nil)
	s := newBlockStream(got, numShards+3)
	if s.workers != numShards {
		t.Fatalf("%d workers asked: %d owners, want %d", numShards+3, s.workers, numShards)
	}
	addBlocks(s, got, orders, 500)
	s.Close()
	if w, g := ledgerSummary(want), ledgerSummary(got); w != g {
		t.Fatalf("got %.300s\nwant %.300s", g, w)
	}
}

// addBlocks adds orders to l through s, in blocks of about size orders.
func addBlocks(s *blockStream, l *Ledger, orders []Order, size int) {
	for from := 0; from < len(orders); {
		to := blockEnd(orders, from, size)
		data, ls := bulkOf(l, orders[from:to])
		s.Add(data, ls, func() {})
		from = to
	}
}

// A panic on an owner (here a line whose id is outside its block's data)
// is raised again on the caller, by Add or by Close, once, and leaves no
// owner running.
func TestBlockStreamRaisesAnOwnersPanic(t *testing.T) {
	leaktest.Check(t)
	orders := runOrders(rand.New(rand.NewPCG(13, 14)), 400, 100, 0)
	l := NewLedger(nil)
	s := newBlockStream(l, 2)
	var raised any
	func() {
		defer func() { raised = recover() }()
		defer s.Close() // as ingest defers it: runs while the panic unwinds
		for from := 0; from < len(orders); from += 100 {
			data, ls := bulkOf(l, orders[from:from+100])
			if from == 100 {
				// An id over 8 bytes: the index reads it in data (a
				// shorter one it takes from the line).
				ls[3].ID, ls[3].Short = uint64(len(data)+10)|uint64(len(data)+20)<<32, 0
			}
			s.Add(data, ls, func() {})
		}
	}()
	p, ok := raised.(*ownerPanic)
	if !ok {
		t.Fatalf("recovered %v (%T), want the owner's panic", raised, raised)
	}
	if !strings.Contains(p.Error(), "out of range") {
		t.Errorf("the panic says %q", p.Error())
	}
}
