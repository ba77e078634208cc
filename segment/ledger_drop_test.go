package segment

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// dropLedger returns a ledger whose index tables are mapped outside the
// heap (a size hint for 300,000 customers makes tables of 4 MiB), which
// grouping drops, holding n customers, and a ledger of the same orders
// with small tables, which grouping keeps.
func dropLedger(t *testing.T, n int) (large, small *Ledger) {
	t.Helper()
	large, small = NewLedger(&LedgerOptions{Customers: 300_000}), NewLedger(nil)
	for i := range n {
		for j := range 1 + i%3 {
			o := Order{Customer: fmt.Sprintf("c%d", i*7919%n), Date: MustParseDate("2024-01-01").AddDays(i%50 + j), Amount: float64(10 + j)}
			if err := large.Add(o); err != nil {
				t.Fatal(err)
			}
			if err := small.Add(o); err != nil {
				t.Fatal(err)
			}
		}
	}
	return large, small
}

// Grouping a large ledger drops its index tables; looking a customer up,
// or adding one, afterwards makes them again, and every answer is as if
// they had never gone.
func TestGroupingDropsTheIndexAndNeedingItMakesItAgain(t *testing.T) {
	large, small := dropLedger(t, 2000)
	asOf := MustParseDate("2024-03-01")
	if large.indexGone.Load() {
		t.Fatal("the index is gone before grouping")
	}
	large.ViewByID(asOf)
	if !large.indexGone.Load() {
		t.Fatal("grouping a ledger with mapped tables kept them")
	}
	small.ViewByID(asOf)
	if small.indexGone.Load() {
		t.Fatal("grouping dropped tables on the heap")
	}
	sizes := [numShards]int{}
	for s := range large.shards {
		sizes[s] = large.shards[s].gone
	}

	check := func(ids ...string) {
		t.Helper()
		for _, id := range ids {
			got, gotOK := large.Profile(id, asOf)
			want, wantOK := small.Profile(id, asOf)
			if gotOK != wantOK || !cmp.Equal(got, want) {
				t.Fatalf("Profile(%q) = %v, %v; want %v, %v", id, got, gotOK, want, wantOK)
			}
		}
	}
	check("c0", "c1999", "c1000", "nobody")
	if large.indexGone.Load() {
		t.Fatal("a look-up left the index gone")
	}
	for s := range large.shards {
		if got := len(large.shards[s].slots); got != sizes[s] {
			t.Errorf("shard %d: table of %d slots made again, was %d", s, got, sizes[s])
		}
	}

	// Adding after grouping (which drops the tables again): an existing
	// customer, a new one, and a batch of orders.
	for _, l := range []*Ledger{large, small} {
		l.ViewByID(asOf)
		if err := l.Add(Order{Customer: "c5", Date: asOf, Amount: 3}); err != nil {
			t.Fatal(err)
		}
		l.ViewByID(asOf)
		if err := l.SetSignals("new", Signals{Inquiries: Some(2)}); err != nil {
			t.Fatal(err)
		}
		l.ViewByID(asOf)
		orders := make([]Order, 3*minOrdersPerWorker)
		for i := range orders {
			orders[i] = Order{Customer: fmt.Sprintf("c%d", 1990+i%20), Date: asOf, Amount: 1}
		}
		if n, err := l.AddOrders(orders); n != len(orders) || err != nil {
			t.Fatalf("AddOrders = %d, %v", n, err)
		}
	}
	if got, want := large.Customers(), small.Customers(); got != want || got != 2011 {
		t.Fatalf("Customers() = %d, want %d and 2011", got, want)
	}
	check("c5", "new", "c1990", "c2009", "c0", "nobody")
	if got, want := large.ViewByID(asOf).Len(), small.ViewByID(asOf).Len(); got != want {
		t.Fatalf("views of %d and %d customers", got, want)
	}
}

// Profile, which only reads a grouped ledger, may be called on several
// goroutines at once (the race detector checks the tables made again).
func TestProfilesAtOnceMakeTheIndexOnce(t *testing.T) {
	large, small := dropLedger(t, 500)
	asOf := MustParseDate("2024-03-01")
	large.ViewByID(asOf)
	small.ViewByID(asOf)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < 500; i += 8 {
				id := fmt.Sprintf("c%d", i)
				got, ok := large.Profile(id, asOf)
				want, _ := small.Profile(id, asOf)
				if !ok || !cmp.Equal(got, want) {
					errs <- fmt.Errorf("Profile(%q) = %v, %v; want %v", id, got, ok, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// A look-up in a dropped table panics rather than find nothing: every way
// into the index must make the tables again first.
func TestDroppedTableRefusesLookUps(t *testing.T) {
	large, _ := dropLedger(t, 10)
	large.ViewByID(Date{})
	for _, use := range map[string]func(sh *idShard){
		"find":  func(sh *idShard) { sh.findID("c1", 1) },
		"start": func(sh *idShard) { sh.start(1) },
		"add":   func(sh *idShard) { sh.addID("c1", 1, 0) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("a dropped table was used without a panic")
				}
			}()
			use(&large.shards[0])
		}()
	}
}

// A CSV load into a ledger grouped since it last grew (its tables
// dropped) makes them again before the owners look ids up.
func TestBlockStreamAfterGrouping(t *testing.T) {
	orders := runOrders(rand.New(rand.NewPCG(15, 16)), 6_000, 900, 0.2)
	want := addedOneByOne(t, orders)
	for workers := 1; workers <= numShards; workers++ {
		got := NewLedger(&LedgerOptions{Customers: 300_000})
		for _, o := range orders[:500] {
			if err := got.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		got.ViewByID(Date{})
		if !got.indexGone.Load() {
			t.Fatal("grouping kept the tables")
		}
		s := newBlockStream(got, workers)
		addBlocks(s, got, orders[500:], 700)
		s.Close()
		if w, g := ledgerSummary(want), ledgerSummary(got); w != g {
			t.Fatalf("%d workers: got %.300s\nwant %.300s", workers, g, w)
		}
	}
}

// BenchmarkIndexRebuild is what the first look-up after a grouping costs
// a large ledger (250,000 customers): making the dropped tables again.
func BenchmarkIndexRebuild(b *testing.B) {
	const customers = 250_000
	l := NewLedger(nil)
	if _, err := l.AddOrders(runOrders(rand.New(rand.NewPCG(17, 18)), 1_000_000, customers, 0.2)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		l.dropTables()
		if !l.indexGone.Load() {
			b.Fatal("no table dropped")
		}
		l.needIndex()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/customers, "ns/customer")
}

// Only a view drops the tables: adding an order and asking for a profile
// (or every profile), again and again, never makes them again (a review
// measured a large ledger's Add and Profile taking half as long again
// when every grouping dropped them).
func TestProfilesKeepTheIndex(t *testing.T) {
	large, _ := dropLedger(t, 300)
	asOf := MustParseDate("2024-03-01")
	for i := range 5 {
		if err := large.Add(Order{Customer: fmt.Sprintf("c%d", i), Date: asOf, Amount: 1}); err != nil {
			t.Fatal(err)
		}
		if _, ok := large.Profile("c7", asOf); !ok {
			t.Fatal("c7 unknown")
		}
		large.Each(asOf, func(*Profile) bool { return true })
		large.Summaries(asOf, Day)
		if large.indexGone.Load() {
			t.Fatalf("round %d: the tables were dropped without a view", i)
		}
	}
	large.View(asOf) // grouped already: nothing to do
	if large.indexGone.Load() {
		t.Fatal("a view of a grouped ledger dropped the tables")
	}
	if err := large.Add(Order{Customer: "c1", Date: asOf, Amount: 1}); err != nil {
		t.Fatal(err)
	}
	large.View(asOf)
	if !large.indexGone.Load() {
		t.Fatal("a view that grouped kept the tables")
	}
}
