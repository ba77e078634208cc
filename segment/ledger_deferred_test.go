package segment

import (
	"fmt"
	"sync"
	"testing"
)

// deferredForms are forms of numbered ids whose slots a shard defers:
// short and long, padded and not.
var deferredForms = []string{"C%07d", "CU-%07d", "%d", "customer%08d", "customer-%07d"}

// numberedOrders returns orders of n customers of form, 1 + i%3 orders
// each, in an order that is not the numbers'.
func numberedOrders(n int, form string) []Order {
	day := MustParseDate("2024-01-01")
	var orders []Order
	for round := range 3 {
		for j := range n {
			i := (j*7919 + round) % n // every customer, not in number order
			if i%3 >= round {
				orders = append(orders, Order{Customer: fmt.Sprintf(form, i+1), Date: day.AddDays(round), Amount: float64(1 + i%7)})
			}
		}
	}
	return orders
}

// slotsOf returns the ids and slot keys a ledger's shards keep by number,
// made if deferred.
func slotsOf(l *Ledger) (ids [numShards][]string, keys [numShards][]uint64) {
	l.keepAllSlots()
	for s := range l.shards {
		sh := &l.shards[s]
		for c := range sh.n {
			v := sh.byNumber(c)
			ids[s] = append(ids[s], sh.slotID(v))
			keys[s] = append(keys[s], v.key)
		}
	}
	return ids, keys
}

// The slots a shard of numbered customers defers are, once made, those
// it keeps when it does not defer them: the same key (hash, number,
// length) and id for every customer, added in bulk or one by one, of
// short and long forms, padded or not.
func TestDeferredSlotsAreTheKeptOnes(t *testing.T) {
	for _, form := range deferredForms {
		for _, inBulk := range []bool{true, false} {
			orders := numberedOrders(5_000, form)
			kept := NewLedger(nil)
			restore := slotsAsAdded()
			addOrders(t, kept, orders, inBulk)
			restore()
			deferred := NewLedger(nil)
			addOrders(t, deferred, orders, inBulk)
			for s := range deferred.shards {
				if sh := &deferred.shards[s]; !sh.slotsDeferred() || len(sh.byNum) != 0 {
					t.Fatalf("%s, bulk %v: shard %d keeps %d chunks of slots, deferred %v", form, inBulk, s, len(sh.byNum), sh.slotsDeferred())
				}
				if kept.shards[s].slotsDeferred() {
					t.Fatalf("%s, bulk %v: shard %d deferred its slots when told not to", form, inBulk, s)
				}
			}
			wantIDs, wantKeys := slotsOf(kept)
			gotIDs, gotKeys := slotsOf(deferred)
			for s := range numShards {
				if len(gotIDs[s]) != len(wantIDs[s]) || len(wantIDs[s]) == 0 {
					t.Fatalf("%s, bulk %v: shard %d: %d slots, want %d", form, inBulk, s, len(gotIDs[s]), len(wantIDs[s]))
				}
				for c := range wantIDs[s] {
					if gotIDs[s][c] != wantIDs[s][c] || gotKeys[s][c] != wantKeys[s][c] {
						t.Fatalf("%s, bulk %v: shard %d, customer %d: id %q key %#x, want %q %#x",
							form, inBulk, s, c, gotIDs[s][c], gotKeys[s][c], wantIDs[s][c], wantKeys[s][c])
					}
				}
			}
			// And the ledger answers by id as the other does.
			for i := range 5_000 {
				id := fmt.Sprintf(form, i+1)
				p, ok := deferred.Profile(id, MustParseDate("2024-01-10"))
				if q, _ := kept.Profile(id, MustParseDate("2024-01-10")); !ok || p.ID != id || p != q {
					t.Fatalf("%s, bulk %v: profile of %q: %+v, want %+v", form, inBulk, id, p, q)
				}
			}
		}
	}
}

// A pass over a view by id, which writes the ids from their numbers,
// leaves the slots deferred (the memory the deferral saves); a view in
// the order of first appearance, which reads them, makes them.
func TestViewByIDLeavesSlotsDeferred(t *testing.T) {
	l := NewLedger(nil)
	addOrders(t, l, numberedOrders(20_000, "C%07d"), true)
	asOf := MustParseDate("2024-01-10")
	v := l.ViewByID(asOf)
	var p Profile
	for i := range v.Len() {
		v.Profile(i, &p)
		if want := fmt.Sprintf("C%07d", i+1); p.ID != want || v.ID(i) != want {
			t.Fatalf("customer %d: id %q (view %q), want %q", i, p.ID, v.ID(i), want)
		}
		v.fitProfile(i, &p)
	}
	for s := range l.shards {
		if !l.shards[s].slotsDeferred() {
			t.Fatalf("shard %d: a pass over the view by id made the slots", s)
		}
	}
	// A look-up by id gives the id back from its slot: made now.
	if q, ok := l.Profile("C0000007", asOf); !ok || q.ID != "C0000007" {
		t.Fatalf("profile of C0000007: found %v, id %q", ok, q.ID)
	}
	if l.shards[shardOf(l.hash("C0000007"))].slotsDeferred() {
		t.Fatal("a look-up by id left its shard's slots deferred")
	}
}

// A customer that goes in the table of a shard whose slots are deferred
// comes after them: the shard makes them first, and every customer keeps
// its number and id, whichever way it was added.
func TestTableCustomerAfterDeferredSlots(t *testing.T) {
	defer func(old int) { minOrdersPerWorker = old }(minOrdersPerWorker)
	minOrdersPerWorker = 1 // the few orders after, too, through the bulk inserters
	for _, inBulk := range []bool{true, false} {
		l := NewLedger(nil)
		orders := numberedOrders(3_000, "C%07d")
		addOrders(t, l, orders, inBulk)
		others := []Order{
			{Customer: "newcomer", Date: MustParseDate("2024-01-05"), Amount: 5},
			{Customer: "C12", Date: MustParseDate("2024-01-05"), Amount: 5}, // not of the form: hashed
			{Customer: "C0000007", Date: MustParseDate("2024-01-05"), Amount: 5},
			{Customer: "C9000001", Date: MustParseDate("2024-01-05"), Amount: 5}, // of the form, new
		}
		addOrders(t, l, others, inBulk)
		if got, want := l.Customers(), 3_000+3; got != want {
			t.Fatalf("bulk %v: %d customers, want %d", inBulk, got, want)
		}
		asOf := MustParseDate("2024-01-10")
		for _, id := range []string{"newcomer", "C12", "C0000007", "C9000001", "C0000001", "C0003000"} {
			if p, ok := l.Profile(id, asOf); !ok || p.ID != id {
				t.Fatalf("bulk %v: %q: found %v, id %q", inBulk, id, ok, p.ID)
			}
		}
		seen := map[string]bool{}
		l.Each(asOf, func(p *Profile) bool {
			if seen[p.ID] {
				t.Fatalf("bulk %v: %q twice", inBulk, p.ID)
			}
			seen[p.ID] = true
			return true
		})
		if len(seen) != 3_000+3 {
			t.Fatalf("bulk %v: %d customers walked, want %d", inBulk, len(seen), 3_000+3)
		}
	}
}

// Passes over a view on several goroutines at once make deferred slots
// once, safely (run with -race).
func TestDeferredSlotsMadeByConcurrentPasses(t *testing.T) {
	l := NewLedger(nil)
	addOrders(t, l, numberedOrders(20_000, "CU-%07d"), true)
	v := l.View(MustParseDate("2024-01-10"))
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var p Profile
			for i := w; i < v.Len(); i += 4 {
				v.Profile(i, &p)
				if p.ID != v.ID(i) || len(p.ID) != len("CU-0000000") {
					errs <- fmt.Errorf("customer %d: id %q, view's %q", i, p.ID, v.ID(i))
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
	for s := range l.shards {
		if l.shards[s].slotsDeferred() {
			t.Fatalf("shard %d: the passes read ids with the slots deferred", s)
		}
	}
}
