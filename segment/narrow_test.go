package segment_test

import (
	"cmp"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment"
)

// A ledger whose lines all came in narrow blocks (amounts in whole cents,
// added in bulk) groups them for a view in 8 bytes a line; the same
// orders added one by one are grouped wide. Every answer is the same:
// the views' profiles (as of the latest day and earlier ones, and
// through ProfileOn), their accounting, and after the view Each,
// Profile and Summaries (which widen the narrow grouping), also once more
// lines are added and grouped again.
func TestNarrowGroupingKeepsAnswers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	defer segment.SetMinLinesPerWorker(500)()
	for _, inOrder := range []bool{true, false} {
		orders := randomOrders(24_000, 3_000, 31) // some lines a day or two before the one before
		if inOrder {
			slices.SortStableFunc(orders, func(a, b segment.Order) int { return cmp.Compare(a.Date.Sub(b.Date), 0) })
		}
		first, more := orders[:20_000], orders[20_000:]
		narrow, wide := segment.NewLedger(nil), segment.NewLedger(nil)
		if _, err := narrow.AddOrders(first); err != nil {
			t.Fatal(err)
		}
		for _, o := range first {
			if err := wide.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		latest := wide.Latest()
		for _, asOf := range []segment.Date{{}, latest.AddDays(-300), latest.AddDays(30)} {
			nv, wv := narrow.ViewByID(asOf), wide.ViewByID(asOf)
			if !segment.GroupedNarrow(narrow) {
				t.Fatal("bulk orders in whole cents: not grouped narrow")
			}
			if segment.GroupedNarrow(wide) {
				t.Fatal("orders added one by one: grouped narrow")
			}
			compareViews(t, nv, wv, latest)
			compareViews(t, narrow.View(asOf), wide.View(asOf), latest)
		}
		if w, n := stateOf(t, wide, first[5].Customer), stateOf(t, narrow, first[5].Customer); !reflect.DeepEqual(w, n) {
			t.Fatalf("in order %v: the ledger's answers after a narrow view (-wide +narrow):\n%s", inOrder, gocmp.Diff(w, n))
		}
		// More lines: the narrow grouping, widened, is grouped again with
		// them.
		if _, err := narrow.AddOrders(more); err != nil {
			t.Fatal(err)
		}
		for _, o := range more {
			if err := wide.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		compareViews(t, narrow.ViewByID(segment.Date{}), wide.ViewByID(segment.Date{}), wide.Latest())
		if w, n := stateOf(t, wide, more[3].Customer), stateOf(t, narrow, more[3].Customer); !reflect.DeepEqual(w, n) {
			t.Fatalf("in order %v: answers after more lines (-wide +narrow):\n%s", inOrder, gocmp.Diff(w, n))
		}
	}
}

// compareViews fails t unless got and want have the same customers,
// profiles (also through ProfileOn, on dates around latest) and
// accounting.
func compareViews(t *testing.T, got, want *segment.View, latest segment.Date) {
	t.Helper()
	if got.Stats() != want.Stats() {
		t.Fatalf("stats %+v, want %+v", got.Stats(), want.Stats())
	}
	if w, g := viewProfiles(want), viewProfiles(got); !slices.Equal(w, g) {
		t.Fatalf("profiles as of %s (-wide +narrow):\n%s", got.AsOf(), gocmp.Diff(w, g)) // only on failure: cmp is slow under -race
	}
	for _, on := range []segment.Date{latest.AddDays(-500), latest.AddDays(-40), latest, latest.AddDays(9)} {
		for i := range got.Len() {
			var g, w segment.Profile
			gotOK, wantOK := got.ProfileOn(i, on, &g), want.ProfileOn(i, on, &w)
			if gotOK != wantOK || g != w {
				t.Fatalf("ProfileOn(%d, %s): %v %+v, want %v %+v", i, on, gotOK, g, wantOK, w)
			}
		}
	}
}

// Ledger.Profile on several goroutines, which a Ledger does not promise
// but which grouping does not break, does not break once the lines are
// grouped narrow either: the first to need them wide widens them once
// (the race detector watches).
func TestNarrowGroupingWidensOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	defer segment.SetMinLinesPerWorker(500)()
	orders := randomOrders(12_000, 1_000, 41)
	l := segment.NewLedger(nil)
	if _, err := l.AddOrders(orders); err != nil {
		t.Fatal(err)
	}
	one := ledgerOf(t, orders, nil) // added one by one: grouped wide
	want := map[string]segment.Profile{}
	for _, o := range orders[:40] {
		want[o.Customer], _ = one.Profile(o.Customer, segment.Date{})
	}
	l.ViewByID(segment.Date{})
	if !segment.GroupedNarrow(l) {
		t.Fatal("not grouped narrow")
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id, w := range want {
				if p, ok := l.Profile(id, segment.Date{}); !ok || p != w {
					t.Errorf("Profile(%q) = %+v, %v; want %+v", id, p, ok, w)
				}
			}
		}()
	}
	wg.Wait()
}
