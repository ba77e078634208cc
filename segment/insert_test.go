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
		ls[i].Micros = int64(r.IntN(2_000_000)-1_000_000) * microsPerCent // narrowable
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
				// A line whose amount is not whole cents, in some of the
				// runs, anywhere: the block must be wide.
				wantWide := n > 0 && r.IntN(3) == 0
				if wantWide {
					ls[r.IntN(n)].Micros = 12_345
				}
				lists, wide := dealLines(workers, ls, scratch)
				// Sprint: an empty list may be nil or not.
				got := fmt.Sprint(lists)
				if want := fmt.Sprint(dealtByRule(workers, ls)); got != want {
					t.Fatalf("%d lines, repeats %v, %d workers:\n got %v\nwant %v", n, repeat, workers, got, want)
				}
				if wide != wantWide {
					t.Fatalf("%d lines, %d workers: wide %v, want %v", n, workers, wide, wantWide)
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
		ls[i].SetID([]byte(o.Customer), len(data))
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

// A block keeps its lines narrow only when every amount is a whole
// number of cents within 31 bits: addLines over blocks of amounts at and
// past those bounds, returns among them, leaves every line, to the micro,
// as adding the orders one by one does (whose lines are always wide), and
// groups them so.
func TestNarrowBlocks(t *testing.T) {
	narrow := []float64{0, 0.01, -0.01, 12.34, 99.9, 21_474_836.47, -21_474_836.48, 5_000}
	wide := []float64{21_474_836.48, -21_474_836.49, -21_474_836.50, 0.001, 0.000001, -12.345, MaxAmount, -MaxAmount}
	if !narrowable(micros(-21_474_836.48)) || narrowable(micros(-21_474_836.49)) || narrowable(micros(21_474_836.48)) {
		t.Fatal("the bounds of narrowable moved")
	}
	r := rand.New(rand.NewPCG(9, 10))
	for round := range 20 {
		orders := runOrders(r, 2_000, 300, 0.3)
		for i := range orders {
			orders[i].Amount = narrow[r.IntN(len(narrow))]
			if r.IntN(4) == 0 {
				orders[i].Flags, orders[i].Known = Return, Return
			}
		}
		// Every other block gets an amount that is not narrowable.
		var blocks []int
		for from := 0; from < len(orders); {
			to := blockEnd(orders, from, 1+r.IntN(400))
			if len(blocks)%2 == 1 {
				orders[from+r.IntN(to-from)].Amount = wide[r.IntN(len(wide))]
			}
			blocks = append(blocks, to)
			from = to
		}
		want := addedOneByOne(t, orders)
		wantIDs, wantRuns := referenceGrouping(want, true)
		workers := 1 + round%numShards
		got := NewLedger(nil)
		from, narrowed := 0, 0
		for _, to := range blocks {
			data, ls := bulkOf(got, orders[from:to])
			got.addLines(workers, ls, lineIDs{data: data})
			if got.more[len(got.more)-1].narrow != nil {
				narrowed++
			}
			from = to
		}
		if narrowed == 0 || narrowed == len(blocks) {
			t.Fatalf("round %d: %d of %d blocks narrow, want some of each", round, narrowed, len(blocks))
		}
		ids, runs := referenceGrouping(got, true)
		if fmt.Sprint(ids, runs) != fmt.Sprint(wantIDs, wantRuns) {
			t.Fatalf("round %d, %d workers: the lines differ from those added one by one", round, workers)
		}
		got.sort(true, false)
		requireGrouping(t, fmt.Sprintf("round %d", round), got, wantIDs, wantRuns)
		if w, g := ledgerSummary(want), ledgerSummary(got); w != g {
			t.Fatalf("round %d:\n got %s\nwant %s", round, g, w)
		}
	}
}
