package segment

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// dealtByRule is dealLines done plainly: each line's owner from its
// customer's shard, a repeat's from the last line before it that is not
// one.
func dealtByRule(workers int, ls []bulk.Line) []dealt {
	lists := make([]dealt, workers*workers)
	for r := range workers {
		from, to := share(r, workers, len(ls))
		for i := from; i < to; i++ {
			d := &lists[r*workers+int(shardOf(ls[lastLookup(ls, i)].Hash))%workers]
			if ls[i].Repeat {
				d.repeats = append([]int32{int32(i)}, d.repeats...)
			} else {
				d.lookups = append(d.lookups, int32(i))
			}
		}
	}
	return lists
}

// randomLines returns n lines with random hashes, where a line repeats the
// customer of the one before with probability repeat; a repeat's Hash is
// garbage, as the producers need not set it.
func randomLines(r *rand.Rand, n int, repeat float64) []bulk.Line {
	ls := make([]bulk.Line, n)
	for i := range ls {
		ls[i].Hash = r.Uint64()
		ls[i].Repeat = i > 0 && r.Float64() < repeat
	}
	return ls
}

// dealLines puts each line in the list of its owner, in order, for every
// number of workers, with no repeats, some, and runs long enough to span
// a range.
func TestDealLines(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 3, 7, 100, 5_000} {
		for _, repeat := range []float64{0, 0.14, 0.7, 0.999} {
			for workers := 1; workers <= numShards; workers++ {
				ls := randomLines(r, n, repeat)
				scratch := make([]int32, workers*n)
				for i := range scratch {
					scratch[i] = -1 // stale: the lists must not hold it
				}
				// Sprint: an empty list may be nil or not.
				got := fmt.Sprint(dealLines(workers, ls, scratch))
				if want := fmt.Sprint(dealtByRule(workers, ls)); got != want {
					t.Fatalf("%d lines, repeats %v, %d workers:\n got %v\nwant %v", n, repeat, workers, got, want)
				}
			}
		}
	}
}

// addLines on any number of workers leaves the ledger as adding the
// orders one by one would, with runs of a customer's lines crossing the
// ranges of dealLines and the blocks, over a ledger that already knows
// some customers, short ids and long.
func TestAddLinesWorkers(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, repeat := range []float64{0, 0.3, 0.95} {
		orders := runOrders(r, 3_000, 700, repeat)
		want := addedOneByOne(t, orders)
		for workers := 1; workers <= numShards; workers++ {
			got := addedOneByOne(t, orders[:100])
			for from := 100; from < len(orders); {
				to := blockEnd(orders, from, 1+r.IntN(1_000))
				// The ids from a block's bytes, as segment/ingest
				// gives them, and from orders, as AddOrders does.
				data, ls := bulkOf(got, orders[from:to])
				ids := lineIDs{data: data}
				if r.IntN(2) == 0 {
					ids = lineIDs{orders: orders[from:to]}
				}
				got.addLines(workers, ls, ids)
				from = to
			}
			if w, g := ledgerSummary(want), ledgerSummary(got); w != g {
				t.Errorf("repeats %v, %d workers:\n got %s\nwant %s", repeat, workers, g, w)
			}
		}
	}
}

// addedOneByOne returns a ledger of orders added one by one with Add.
func addedOneByOne(t *testing.T, orders []Order) *Ledger {
	t.Helper()
	l := NewLedger(nil)
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// blockEnd returns where a block of about size orders from from ends: no
// further than the orders' end, and not before a repeat of the customer
// before it, with which a block never starts.
func blockEnd(orders []Order, from, size int) int {
	to := min(from+size, len(orders))
	for to < len(orders) && orders[to].Customer == orders[to-1].Customer {
		to++
	}
	return to
}

// runOrders returns n orders over about customers ids, each the customer
// of the order before with probability repeat.
func runOrders(r *rand.Rand, n, customers int, repeat float64) []Order {
	start := MustParseDate("2022-01-01")
	out := make([]Order, n)
	for i := range out {
		out[i] = Order{Customer: fmt.Sprintf("C%d", r.IntN(customers)),
			Date: start.AddDays(r.IntN(900)), Amount: float64(r.IntN(10_000)) / 100}
		if i%7 == 0 {
			out[i].Customer += "-with-a-long-id"
		}
		if i > 0 && r.Float64() < repeat {
			out[i].Customer = out[i-1].Customer
		}
	}
	return out
}

// bulkOf returns orders as segment/ingest would parse them for l: their
// ids in data, and their lines.
func bulkOf(l *Ledger, orders []Order) ([]byte, []bulk.Line) {
	var data []byte
	ls := make([]bulk.Line, len(orders))
	for i, o := range orders {
		ls[i] = bulk.Line{Day: o.Date.n, Micros: micros(o.Amount), Flags: uint8(o.Flags), Known: uint8(o.Known)}
		if i > 0 && o.Customer == orders[i-1].Customer {
			ls[i].Repeat = true
			ls[i].Hash = 0xdead_beef_dead_beef // not set: anything
			continue
		}
		ls[i].From, ls[i].To = uint32(len(data)), uint32(len(data)+len(o.Customer))
		if len(o.Customer) <= 8 {
			ls[i].Word = bulk.WordOf(o.Customer)
		}
		ls[i].Hash = l.hash(o.Customer)
		data = append(data, o.Customer...)
	}
	return data, ls
}

// ledgerSummary prints a ledger's size, latest date and the profiles of
// its customers in order of first appearance.
func ledgerSummary(l *Ledger) string {
	ps, _ := l.Profiles(Date{})
	return fmt.Sprint(l.Len(), l.Customers(), l.Latest(), ps)
}

// mergeSorted gives what sorting the lists together gives, for up to
// numShards lists, empty ones among them.
func TestMergeSorted(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 500 {
		lists := make([][]int32, 1+r.IntN(numShards))
		var want []int32
		next := int32(0)
		for range r.IntN(60) {
			next += 1 + int32(r.IntN(3))
			j := r.IntN(len(lists))
			lists[j] = append(lists[j], next)
			want = append(want, next)
		}
		in := fmt.Sprint(lists)
		if got := mergeSorted(lists); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("mergeSorted(%s) = %v, want %v", in, got, want)
		}
	}
}
