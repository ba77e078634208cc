package segment

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/internal/hugepages"
)

// referenceGrouping is grouping done the plain way: the lines (in their
// order in the ledger, lines then more) of each customer, in the order of
// first appearance or of id, each customer's stably sorted by day.
func referenceGrouping(l *Ledger, byID bool) (ids []string, runs [][]gline) {
	keys := slices.Clone(l.order)
	if byID {
		slices.SortFunc(keys, func(a, b int32) int { return cmp.Compare(l.id(a), l.id(b)) })
	}
	byKey := map[int32][]gline{}
	for g := range len(l.offsets) - 1 { // the last grouping's runs, a customer's each
		k := l.keys[g]
		byKey[k] = append(byKey[k], l.lines[l.offsets[g]:l.offsets[g+1]]...)
	}
	for _, b := range l.more {
		for i := range b.len() {
			ln := b.line(i)
			byKey[ln.cust] = append(byKey[ln.cust], ln.grouped())
		}
	}
	for _, k := range keys {
		run := byKey[k]
		slices.SortStableFunc(run, func(a, b gline) int { return cmp.Compare(a.day(), b.day()) })
		ids, runs = append(ids, l.id(k)), append(runs, run)
	}
	return ids, runs
}

// grouped is what a grouping leaves for views, copied.
type grouped struct {
	keys, group, offsets []int32
	ids                  []string // the view's customers', in its order
	lines                []gline
}

// requireGrouping fails unless l is grouped as referenceGrouping says
// (ids and runs), with keys, group and offsets telling the same.
func requireGrouping(t *testing.T, name string, l *Ledger, ids []string, runs [][]gline) {
	t.Helper()
	if len(l.more) != 0 || l.pending != 0 || len(l.keys) != len(ids) || len(l.offsets) != len(ids)+1 {
		t.Fatalf("%s: %d keys, %d offsets, %d blocks more for %d customers", name, len(l.keys), len(l.offsets), len(l.more), len(ids))
	}
	if l.offsets[0] != 0 || int(l.offsets[len(ids)]) != len(l.lines) {
		t.Fatalf("%s: offsets from %d to %d for %d lines", name, l.offsets[0], l.offsets[len(ids)], len(l.lines))
	}
	for g, id := range ids {
		k := l.keys[g]
		if l.id(k) != id || l.groups()[k] != int32(g) {
			t.Fatalf("%s: group %d is key %d, id %q, group %d, want %q", name, g, k, l.id(k), l.groups()[k], id)
		}
		if got := l.lines[l.offsets[g]:l.offsets[g+1]]; !slices.Equal(got, runs[g]) {
			t.Fatalf("%s: customer %q has lines\n%v\nwant\n%v", name, id, got, runs[g])
		}
	}
}

// randomID returns one of several shapes of customer id: numbers that
// share their first bytes, ids that differ only after 8 bytes, and random
// bytes (which take the slower path of the id order).
func randomID(r *rand.Rand, shape, customers int) string {
	switch shape {
	case 0:
		return fmt.Sprintf("C%07d", r.IntN(customers))
	case 1:
		return fmt.Sprintf("SHOP-01-%d", r.IntN(customers))
	default:
		n := r.IntN(customers)
		return fmt.Sprintf("%c%x", 'a'+byte(n%7), uint64(n)*2654435761%1_000_003)
	}
}

// Grouping on any number of cores, in order of first appearance or of
// id, again after more lines arrive (some of them back in time, many on
// the same days), gives what a plain grouping gives.
func TestSortMatchesReference(t *testing.T) {
	defer SetMinLinesPerWorker(300)()
	r := rand.New(rand.NewPCG(6, 12))
	for round := range 36 {
		procs := 1 + round%4
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			shape, customers := round%3, []int{1, 40, 900, 5000}[round/3%4]
			l := NewLedger(nil)
			for step := range 5 {
				orders := make([]Order, 200+r.IntN(3000))
				for i := range orders {
					orders[i] = Order{
						Customer: randomID(r, shape, customers),
						Date:     MustParseDate("2024-03-01").AddDays(step*20 - r.IntN(40)),
						Amount:   float64(r.IntN(1_000_000)) / 100,
					}
				}
				addOrders(t, l, orders, step%2 == 0)
				byID := r.IntN(3) != 0
				ids, runs := referenceGrouping(l, byID)
				l.sort(byID, false)
				requireGrouping(t, fmt.Sprintf("round %d (%d cores, shape %d), step %d, by id %v", round, procs, shape, step, byID), l, ids, runs)
			}
		}()
	}
}

// Lines that come in order of day (as order logs do) are grouped without
// sorting the runs; lines in order within each core's share but not
// across the shares (the later days first) are sorted, as are lines out
// of order within a share. Either way the grouping is the plain one.
func TestSortRunsOnlyWhenDaysAreOutOfOrder(t *testing.T) {
	defer SetMinLinesPerWorker(100)()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	day0 := MustParseDate("2024-03-01")
	for _, tc := range []struct {
		name    string
		day     func(i, n int) int // of line i of n
		inOrder bool
	}{
		{"in order", func(i, n int) int { return i / 7 }, true},
		{"one day", func(i, n int) int { return 0 }, true},
		// Three workers: the days drop where share 1 starts, at n/3.
		{"shares in order, later days first", func(i, n int) int { return (i + n - n/3) % n }, false},
		{"one line back", func(i, n int) int { return i - 2*b2i(i == n-5) }, false},
	} {
		for _, byID := range []bool{false, true} {
			l := NewLedger(nil)
			const n = 3000
			orders := make([]Order, n)
			for i := range orders {
				orders[i] = Order{Customer: fmt.Sprintf("C%07d", (i*7919)%230), Date: day0.AddDays(tc.day(i, n)), Amount: float64(i % 97)}
			}
			if _, err := l.AddOrders(orders); err != nil {
				t.Fatal(err)
			}
			g := newGrouping(l)
			g.count(g.workers, nil)
			g.makeArrays(len(l.order))
			g.slots(l.order)
			g.move() // which notes the days
			if g.workers < 2 || g.daysInOrder() != tc.inOrder {
				t.Fatalf("%s: %d workers, days in order %v, want %v", tc.name, g.workers, g.daysInOrder(), tc.inOrder)
			}
			for _, s := range g.scratch {
				s.put()
			}
			ids, runs := referenceGrouping(l, byID)
			l.sort(byID, false)
			requireGrouping(t, fmt.Sprintf("%s, by id %v", tc.name, byID), l, ids, runs)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// The groups by key are made when first needed, not by grouping; Profile
// on several goroutines over a grouped ledger, the first of them making
// them, gives every customer its profile, and the race detector (CI runs
// the tests under it) nothing to report.
func TestGroupsMadeOnceForConcurrentProfiles(t *testing.T) {
	orders := make([]Order, 3000)
	for i := range orders {
		orders[i] = Order{Customer: fmt.Sprintf("C%05d", i*7%600), Date: MustParseDate("2024-01-01").AddDays(i % 90), Amount: float64(1 + i%50)}
	}
	build := func() *Ledger {
		l := NewLedger(nil)
		for _, o := range orders {
			if err := l.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		l.ViewByID(Date{}) // groups by id
		return l
	}
	want := build()
	l := build()
	if l.group.Load() != nil {
		t.Fatal("grouping made the groups by key")
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range 600 {
				id := fmt.Sprintf("C%05d", (c+150*w)%600)
				got, ok := l.Profile(id, Date{})
				exp, _ := want.Profile(id, Date{})
				if !ok || !reflect.DeepEqual(got, exp) {
					t.Errorf("customer %s: %+v, want %+v", id, got, exp)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// viewIDs returns the ids of v's customers, in its order.
func viewIDs(v *View) []string {
	ids := make([]string, v.Len())
	for i := range ids {
		ids[i] = v.ID(i)
	}
	return ids
}

func groupedEqual(a, b grouped) bool {
	return slices.Equal(a.keys, b.keys) && slices.Equal(a.group, b.group) && slices.Equal(a.offsets, b.offsets) &&
		slices.Equal(a.ids, b.ids) && slices.Equal(a.lines, b.lines)
}

// A grouping kept by a view stays as it was after the ledger is grouped
// again (with more lines, on several cores) and memory is collected.
func TestOlderGroupingUnchanged(t *testing.T) {
	defer SetMinLinesPerWorker(300)()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	r := rand.New(rand.NewPCG(1, 3))
	l := NewLedger(nil)
	var views []*View
	var want []grouped
	for step := range 6 {
		orders := make([]Order, 5000)
		for i := range orders {
			orders[i] = Order{Customer: randomID(r, 0, 3000), Date: MustParseDate("2024-01-01").AddDays(r.IntN(300)), Amount: float64(i)}
		}
		if _, err := l.AddOrders(orders); err != nil {
			t.Fatal(err)
		}
		v := l.View(Date{})
		if step%2 == 1 {
			v = l.ViewByID(Date{})
		}
		views = append(views, v)
		want = append(want, grouped{slices.Clone(v.keys), nil, slices.Clone(v.offsets), viewIDs(v), slices.Clone(v.lines)})
		runtime.GC()
	}
	for i, v := range views {
		got := grouped{v.keys, nil, v.offsets, viewIDs(v), v.lines}
		if !groupedEqual(got, want[i]) {
			t.Fatalf("view %d: its grouping changed", i)
		}
	}
}

// Scratch arrays have the length asked, whatever was put back before, and
// one in use is never handed out again.
func TestScratchOf(t *testing.T) {
	var held []*scratchArray
	var arrays [][]int32
	for _, n := range []int{0, 1, 100, hugepages.Size / 4, 1_000_492, 10, 3 * hugepages.Size / 4} {
		a, s := scratchOf[int32](n)
		k, sk := scratchOf[idKey](n / 2)
		if len(a) != n || len(k) != n/2 {
			t.Fatalf("scratchOf(%d): %d and %d elements", n, len(a), len(k))
		}
		clear(a)
		for i := range a {
			a[i] = int32(n + i)
		}
		for i := range k {
			k[i] = idKey{prefix: uint64(i)}
		}
		sk.put()
		held, arrays = append(held, s), append(arrays, a)
	}
	for i, a := range arrays {
		n := len(a)
		for j, v := range a {
			if v != int32(n+j) {
				t.Fatalf("array %d (%d elements): element %d overwritten", i, n, j)
			}
		}
		held[i].put()
	}
}
