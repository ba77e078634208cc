package segment

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/internal/hugepages"
	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// denseMixIDs returns n ids of every kind a ledger whose first id is
// form's of 0 (C0000000, or CU-0000000 for a long form) meets: numbered
// ones of its form (kept by number), of its form past bulk.DenseLimit, of
// other forms and short, and long ones (all hashed into the table).
func denseMixIDs(n int, form string) []string {
	ids := make([]string, n)
	for i := range ids {
		switch i % 5 {
		case 0:
			ids[i] = fmt.Sprintf(form, i)
		case 1:
			ids[i] = fmt.Sprintf(form, bulk.DenseLimit+i)
		case 2:
			ids[i] = fmt.Sprintf("%d", i)
		case 3:
			ids[i] = fmt.Sprintf("customer-%d@example.com", i)
		default:
			ids[i] = fmt.Sprintf("C%d", i)
		}
	}
	return ids
}

// addOrders adds orders to l: in bulk (AddOrders) or one by one (Add).
func addOrders(t *testing.T, l *Ledger, orders []Order, inBulk bool) {
	t.Helper()
	if inBulk {
		if _, err := l.AddOrders(orders); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
}

// A ledger finds every customer exactly once whatever the kind of its id,
// numbered (by number) or not (in the table): added one by one or in
// bulk, before and after grouping drops the tables and a look-up makes
// them again, and after more customers come.
func TestLedgerNumberedAndOtherIDs(t *testing.T) {
	for _, form := range []string{"C%07d", "CU-%07d"} {
		t.Run(form, func(t *testing.T) { testLedgerNumberedAndOtherIDs(t, form) })
	}
}

func testLedgerNumberedAndOtherIDs(t *testing.T, form string) {
	const n = 20_000
	ids := denseMixIDs(n, form)
	day := MustParseDate("2024-01-01")
	orderOf := func(i, j int) Order { return Order{Customer: ids[i], Date: day.AddDays(j), Amount: float64(1 + i%7)} }
	for _, bulkAdd := range []bool{false, true} {
		l := NewLedger(&LedgerOptions{Customers: 300_000}) // tables mapped, which grouping drops
		var orders []Order
		for round := range 3 {
			for i := range n {
				if i%3 >= round { // customer i gets 1 + i%3 orders
					orders = append(orders, orderOf(i, round))
				}
			}
		}
		addOrders(t, l, orders, bulkAdd)
		// One by one, the first id fixes the form; in bulk, any may.
		if h := l.hash(ids[0]); !bulkAdd && h&bulk.DenseMark == 0 {
			t.Fatalf("%q is not found by number", ids[0])
		}
		check := func(when string, extra int) {
			t.Helper()
			if got := l.Customers(); got != n+extra {
				t.Fatalf("bulk %v, %s: %d customers, want %d", bulkAdd, when, got, n+extra)
			}
			asOf := day.AddDays(10)
			for i, id := range ids {
				p, ok := l.Profile(id, asOf)
				if want := 1 + i%3; !ok || p.ID != id || p.Orders != want {
					t.Fatalf("bulk %v, %s: %q: found %v, id %q, %d orders, want %d", bulkAdd, when, id, ok, p.ID, p.Orders, want)
				}
			}
			for _, id := range []string{"C9999998", fmt.Sprintf("C%07d", n+5), "customer-x", "0", "C0"} {
				if _, ok := l.Profile(id, asOf); ok && !slices.Contains(ids, id) {
					t.Fatalf("bulk %v, %s: found %q, never added", bulkAdd, when, id)
				}
			}
		}
		check("loaded", 0)
		v := l.ViewByID(day.AddDays(10)) // groups: the tables go
		if !l.indexGone.Load() {
			t.Fatalf("bulk %v: grouping kept the tables", bulkAdd)
		}
		seen := make([]string, v.Len())
		for i := range seen {
			seen[i] = v.ID(i)
		}
		if want := slices.Sorted(slices.Values(ids)); !slices.Equal(seen, want) {
			t.Fatalf("bulk %v: the view's ids are not every id once, in order", bulkAdd)
		}
		check("grouped", 0) // a look-up makes the tables again
		for _, id := range []string{fmt.Sprintf(form, n-1), fmt.Sprintf(form, n), "newcomer", ids[0]} {
			if err := l.Add(Order{Customer: id, Date: day, Amount: 1}); err != nil {
				t.Fatal(err)
			}
		}
		if got := l.Customers(); got != n+3 { // all but ids[0] are new
			t.Fatalf("bulk %v: %d customers after adding, want %d", bulkAdd, got, n+3)
		}
	}
}

// A shard keeps customers with a dense hash by number and the others in
// its table, side by side: it finds each, gives its id back, tells which
// is which even when a table customer's kept hash is a dense index, and
// makes its table again without the dense ones.
func TestIDShardDense(t *testing.T) {
	defer slotsAsAdded()() // a bare shard: no ledger to make deferred slots
	var sh idShard
	dense := func(n uint64) uint64 { return n<<(64-bulk.DenseShardBits) | bulk.DenseMark | n>>bulk.DenseShardBits }
	type entry struct {
		id    string
		h     uint64
		dense bool
	}
	var entries []entry
	for i := range 3000 {
		n := uint64(i*4 + 1) // shard 1's numbers; spread over pages and directories
		if i%3 == 0 {
			n += 1 << 20 // far up the range
		}
		entries = append(entries, entry{fmt.Sprintf("C%07d", n), dense(n), true})
		// A table customer whose kept hash (low 32 bits) is a dense
		// customer's index.
		entries = append(entries, entry{fmt.Sprintf("t%d", i), uint64(n >> 2), false})
	}
	for c, e := range entries {
		k, added := sh.addID(e.id, e.h, 1)
		if !added || k != int32(c)<<shardBits|1 {
			t.Fatalf("add %q: key %d, added %v", e.id, k, added)
		}
	}
	check := func(when string) {
		t.Helper()
		for c, e := range entries {
			if k, added := sh.addID(e.id, e.h, 1); added || k != int32(c)<<shardBits|1 {
				t.Fatalf("%s: %q again: key %d, added %v", when, e.id, k, added)
			}
			if got, _, ok := sh.findID(e.id, e.h); !ok || got != int32(c) || sh.id(got) != e.id {
				t.Fatalf("%s: find %q: %d, %v", when, e.id, got, ok)
			}
			if got := sh.isDense(int32(c), *sh.byNumber(int32(c))); got != e.dense {
				t.Fatalf("%s: %q dense %v, want %v", when, e.id, got, e.dense)
			}
		}
		if _, _, ok := sh.findID("C9999999", dense(9_999_997)); ok {
			t.Fatalf("%s: found a number never added", when)
		}
		if int(sh.inTable) != len(entries)/2 {
			t.Fatalf("%s: %d customers in the table, want %d", when, sh.inTable, len(entries)/2)
		}
	}
	check("added")
	sh.keep = &hugepages.Mapping{} // as a mapped table, so that dropTable drops it
	sh.dropTable()
	sh.rebuildTable()
	check("rebuilt")
	placed := 0
	for _, v := range sh.slots {
		if v.key != 0 {
			placed++
		}
	}
	if placed != len(entries)/2 {
		t.Errorf("rebuilt table holds %d customers, want the %d not dense", placed, len(entries)/2)
	}
}

// A ledger of one customer stays small whatever its id: a numbered id
// costs its shard a page of 1 KiB and two directories of 512 bytes (and
// saves it a table), not a page directory the size of its number (a
// review measured 9.6 to 36.8 KB against 6.8 for the first version).
func TestOneCustomerLedgerStaysSmall(t *testing.T) {
	bytesOf := func(id string) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for range 20 {
			l := NewLedger(nil)
			if err := l.Add(Order{Customer: id, Date: MustParseDate("2024-01-01"), Amount: 1}); err != nil {
				t.Fatal(err)
			}
		}
		runtime.ReadMemStats(&after)
		return (after.TotalAlloc - before.TotalAlloc) / 20
	}
	plain := bytesOf("customer-one")
	for _, id := range []string{"C0000772", "100234", "C4194303", "4194303"} {
		if got := bytesOf(id); got > plain+1536 { // 744 more, as written

			t.Errorf("a ledger of %q alone takes %d bytes, one of a plain id %d", id, got, plain)
		}
	}
}

// A ledger is in number order exactly when its customers are found by
// number, all but up to one in 16, and either the form pads the numbers
// or they are dense enough; then keysByNumber lists the customers in
// order of id, the others merged in, and their ids. ViewByID's order is
// the ids' either way.
func TestKeysByNumber(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	numbers := r.Perm(300_000)[:120_000] // gaps, in no order
	for _, tc := range []struct {
		name, form string
		padded     bool     // the first id has a leading zero
		extra      []string // more customers
		want       bool
	}{
		{"short padded", "C%07d", true, nil, true},
		{"long padded", "CU-%07d", true, nil, true},
		{"digits padded", "%07d", true, nil, true},
		{"short unpadded", "C%d", false, nil, true},
		{"long unpadded", "CUSTOMER-%d", false, nil, true},
		{"digits unpadded", "%d", false, nil, true},
		{"unpadded and sparse", "C%d", false, []string{fmt.Sprintf("C%d", bulk.DenseLimit-1)}, false},
		// Customers in the table, merged: before, between and after the
		// numbered ones, and past the limit of numbers.
		{"and some in the table", "C%07d", true, []string{"anna@example.com", "C0000005x", "C", "B", "Z", "C00000050", "C0000005"}, true},
		{"unpadded and some in the table", "C%d", false, []string{"C01", "C1x", "C", "D", "C0"}, true},
		{"long and some in the table", "CU-%07d", true, []string{"CU-0000005", "CU-00000050", "CU-", "anna@example.com"}, true},
		{"long and one too long to copy", "CU-%07d", true, []string{"CU-0000005", strings.Repeat("CU-", 30)}, true},
		{"and one past the limit", "C%07d", true, []string{fmt.Sprintf("C%07d", bulk.DenseLimit+5)}, true},
		{"and many in the table", "C%07d", true, manyIDs("guest%d@example.com", 9_000), false},
	} {
		for _, inBulk := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/bulk=%v", tc.name, inBulk), func(t *testing.T) {
				l := NewLedger(nil)
				day := NewDate(2024, 1, 1)
				first := fmt.Sprintf(tc.form, 123457) // fixes the form: unpadded
				if tc.padded {
					first = fmt.Sprintf(tc.form, 1) // a leading zero: padded
				}
				orders := []Order{{Customer: first, Date: day, Amount: 1}}
				for _, n := range numbers {
					orders = append(orders, Order{Customer: fmt.Sprintf(tc.form, n), Date: day, Amount: 1})
				}
				for _, id := range tc.extra {
					orders = append(orders, Order{Customer: id, Date: day, Amount: 1})
				}
				addOrders(t, l, orders, inBulk)
				if got := l.tableCustomers(); got != 0 && tc.extra == nil {
					t.Fatalf("%d customers in the table, want none", got)
				}
				ok := l.inNumberOrder()
				if ok != tc.want {
					t.Fatalf("inNumberOrder: %v, want %v", ok, tc.want)
				}
				var keys []int32
				var words *groupIDs
				if ok {
					others, ok := l.tableKeys()
					if !ok || len(others) != l.tableCustomers() {
						t.Fatalf("tableKeys: %d keys, %v; %d customers in the table", len(others), ok, l.tableCustomers())
					}
					keys, words = l.keysByNumber(others)
				}
				var ids []string
				for _, k := range l.order {
					ids = append(ids, l.id(k))
				}
				slices.Sort(ids)
				if ok {
					got := make([]string, len(keys))
					for i, k := range keys {
						got[i] = l.id(k)
					}
					if !slices.Equal(got, ids) {
						t.Fatalf("keysByNumber lists %d ids, not the %d in order", len(got), len(ids))
					}
					wantWords := true
					for _, id := range tc.extra {
						wantWords = wantWords && len(id) <= maxGatheredID
					}
					if (words != nil) != wantWords {
						t.Fatalf("keysByNumber wrote the ids: %v, want %v", words != nil, wantWords)
					}
					for i := range got {
						if words != nil && words.id(int32(i)) != ids[i] {
							t.Fatalf("keysByNumber wrote id %d as %q, want %q", i, words.id(int32(i)), ids[i])
						}
					}
				}
				v := l.ViewByID(Date{})
				if v.Len() != len(ids) {
					t.Fatalf("the view has %d customers, want %d", v.Len(), len(ids))
				}
				var p Profile
				for i := range v.Len() {
					if v.Profile(i, &p); v.ID(i) != ids[i] || p.ID != ids[i] {
						t.Fatalf("customer %d of the view is %q (its profile's id %q), want %q", i, v.ID(i), p.ID, ids[i])
					}
				}
			})
		}
	}
}

// manyIDs returns n ids of a form.
func manyIDs(form string, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(form, i)
	}
	return ids
}

// A ledger whose customers are all found by number takes the walk again
// after a view dropped the index's tables (a reviewer's case: then a
// look-up of the tables' customers cannot be made, and none is needed).
func TestKeysByNumberAfterAView(t *testing.T) {
	l := NewLedger(&LedgerOptions{Customers: 300_000}) // tables large enough to be dropped
	day := NewDate(2024, 1, 1)
	for i := 1; i < 2000; i++ {
		if err := l.Add(Order{Customer: fmt.Sprintf("C%07d", i), Date: day, Amount: 1}); err != nil {
			t.Fatal(err)
		}
	}
	l.View(Date{})
	if !l.indexGone.Load() {
		t.Fatal("the view dropped no table")
	}
	if v := l.ViewByID(Date{}); v.words == nil || v.words.size != 8 {
		t.Fatal("grouping by id after a view did not walk the numbers")
	}
}

// The two parts of a padded form's walk take pages from their ends until
// they meet, in whatever order they come: each order of their steps,
// and the parts at once, list the customers and their ids as the walk
// in one part does.
func TestKeysWalkPartsMeetAnywhere(t *testing.T) {
	for _, form := range []string{"C%07d", "CU-%07d"} {
		l := NewLedger(nil)
		day := NewDate(2024, 1, 1)
		var orders []Order
		for _, n := range rand.New(rand.NewPCG(3, 9)).Perm(200_000)[:60_000] {
			orders = append(orders, Order{Customer: fmt.Sprintf(form, n), Date: day, Amount: 1})
		}
		addOrders(t, l, append([]Order{{Customer: fmt.Sprintf(form, 1), Date: day, Amount: 1}}, orders...), true)
		if !l.inNumberOrder() {
			t.Fatalf("%s: not in number order", form)
		}
		var ids []string
		for _, k := range l.order {
			ids = append(ids, l.id(k))
		}
		slices.Sort(ids)
		check := func(how string, w *keysWalk) {
			t.Helper()
			keys, words := w.done(nil)
			if len(keys) != len(ids) {
				t.Fatalf("%s, %s: %d keys, want %d", form, how, len(keys), len(ids))
			}
			for i, k := range keys {
				if l.id(k) != ids[i] || words.id(int32(i)) != ids[i] {
					t.Fatalf("%s, %s: customer %d is %q (written %q), want %q", form, how, i, l.id(k), words.id(int32(i)), ids[i])
				}
			}
		}
		w := l.newKeysWalk(0)
		if w.parts() != 2 || len(w.pages) < 8*walkPages {
			t.Fatalf("%s: %d parts over %d pages, want 2 over %d or more", form, w.parts(), len(w.pages), 8*walkPages)
		}
		for _, order := range [][2]int{{0, 1}, {1, 0}} {
			w := l.newKeysWalk(0)
			w.walk(order[0])
			w.walk(order[1])
			check(fmt.Sprintf("part %d, then %d", order[0], order[1]), w)
		}
		r := rand.New(rand.NewPCG(5, 5))
		for round := range 20 {
			w := l.newKeysWalk(0)
			downShare := r.Float64()
			for w.step(r.Float64() < downShare) {
			}
			check(fmt.Sprintf("steps in random order %d", round), w)
		}
		w = l.newKeysWalk(0)
		done := make(chan struct{})
		go func() {
			w.walk(1)
			close(done)
		}()
		w.walk(0)
		<-done
		check("parts at once", w)
	}
}
