package segment_test

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment"
)

// viewProfiles reads every profile of v in its numbering.
func viewProfiles(v *segment.View) []segment.Profile {
	out := make([]segment.Profile, v.Len())
	for i := range out {
		v.Profile(i, &out[i])
	}
	return out
}

// A View has exactly the customers, profiles and accounting of Each, for
// as-of dates before, inside and after the log, with signals-only
// customers and customers known only after the date.
func TestViewIsEach(t *testing.T) {
	l := segment.NewLedger(nil)
	if _, err := l.AddOrders(randomOrders(20000, 3000, 5)); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"only-signals", "C0000007"} {
		if err := l.SetSignals(id, segment.Signals{Referrals: segment.Some(2)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, asOf := range []segment.Date{{}, segment.MustParseDate("2021-12-31"), segment.MustParseDate("2023-01-15"), segment.MustParseDate("2030-01-01")} {
		want, wantStats := l.Profiles(asOf)
		v := l.View(asOf)
		if diff := cmp.Diff(want, viewProfiles(v)); diff != "" {
			t.Fatalf("as of %v: View profiles differ from Profiles (-want +got):\n%s", asOf, diff)
		}
		if v.Stats() != wantStats {
			t.Errorf("as of %v: View stats %+v, Each %+v", asOf, v.Stats(), wantStats)
		}
		for i, p := range want {
			if v.ID(i) != p.ID {
				t.Fatalf("ID(%d) = %q, want %q", i, v.ID(i), p.ID)
			}
		}
		if wantAsOf := asOf; !asOf.IsZero() && v.AsOf() != wantAsOf {
			t.Errorf("AsOf() = %v, want %v", v.AsOf(), wantAsOf)
		}
	}
	if v := l.View(segment.Date{}); v.AsOf() != l.Latest() {
		t.Errorf("zero as-of: AsOf() = %v, want the latest order %v", v.AsOf(), l.Latest())
	}
}

// ByID numbers the same customers in the order of their ids, whatever
// their lengths and shared prefixes, on one core and on several.
func TestViewByID(t *testing.T) {
	ids := []string{"a", "a\x00", "a\x00\x00", "", "b", "abcdefgh", "abcdefgh0", "abcdefgg9",
		"abcdefghi", "ab", "\xff\xff\xff\xff\xff\xff\xff\xff\xff", "Z", "абв", "C1", "C10", "C2"}
	for i := range 40000 {
		ids = append(ids, fmt.Sprintf("%x", uint32(i)*2654435761), fmt.Sprintf("shared-prefix-%d", i))
	}
	l := segment.NewLedger(nil)
	day := segment.MustParseDate("2024-01-01")
	for _, id := range ids {
		if id == "" {
			continue // the ledger refuses an empty id
		}
		if err := l.Add(segment.Order{Customer: id, Date: day, Amount: 1}); err != nil {
			t.Fatal(err)
		}
	}
	v := l.View(day)
	sorted := v.ByID()
	got := make([]string, sorted.Len())
	for i := range got {
		got[i] = sorted.ID(i)
	}
	if !slices.IsSorted(got) {
		t.Fatal("ByID is not in order of id")
	}
	want := make([]string, v.Len())
	for i := range want {
		want[i] = v.ID(i)
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("ByID has other customers (-want +got):\n%s", diff)
	}
	if sorted.Stats() != v.Stats() || sorted.AsOf() != v.AsOf() {
		t.Error("ByID changed the accounting or the date")
	}
	var p segment.Profile
	sorted.Profile(0, &p)
	if p.ID != got[0] {
		t.Errorf("Profile(0) is %q, ID(0) %q", p.ID, got[0])
	}
	if v.ID(0) != ids[0] {
		t.Error("ByID reordered the view it was called on")
	}
}

// Many goroutines read one view at once (run with -race).
func TestViewConcurrentReads(t *testing.T) {
	l := segment.NewLedger(nil)
	if _, err := l.AddOrders(randomOrders(5000, 800, 9)); err != nil {
		t.Fatal(err)
	}
	v := l.View(segment.Date{})
	want := viewProfiles(v)
	var wg sync.WaitGroup
	errs := make([]string, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var p segment.Profile
			for i := w; i < v.Len(); i += 4 {
				v.Profile(i, &p)
				if !cmp.Equal(p, want[i]) {
					errs[w] = fmt.Sprintf("customer %d differs", i)
					return
				}
			}
		}()
	}
	wg.Wait()
	if msg := strings.Join(errs, ""); msg != "" {
		t.Error(msg)
	}
}

// Grouping on several cores, with lines already grouped by an earlier
// view and more added since (whose days go back in time), gives what one
// core gives: each worker's share of the lines crosses blocks.
func TestGroupingAgainAfterMoreOrders(t *testing.T) {
	defer segment.SetMinLinesPerWorker(500)()
	orders := randomOrders(30_000, 2_000, 11)
	slices.Reverse(orders[20_000:]) // later lines run back in time
	profiles := map[int][]segment.Profile{}
	for _, procs := range []int{1, 2, 3} {
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			l := segment.NewLedger(nil)
			for _, part := range [][]segment.Order{orders[:9_000], orders[9_000:10_000], orders[10_000:23_000], orders[23_000:]} {
				if _, err := l.AddOrders(part); err != nil {
					t.Fatal(err)
				}
				l.View(segment.Date{}) // groups what is there so far
			}
			profiles[procs] = viewProfiles(l.View(segment.Date{}))
		}()
	}
	for _, procs := range []int{2, 3} {
		if diff := cmp.Diff(profiles[1], profiles[procs]); diff != "" {
			t.Fatalf("%d cores differ from one (-1 +%d):\n%s", procs, procs, diff)
		}
	}
}

// Grouping the lines in order of id changes no answer: ViewByID has the
// customers and profiles of View(...).ByID(), and Each, Profiles, Profile
// and Summaries answer as before, also after more lines are added; a view
// made before the regrouping stays valid.
func TestViewByIDGroupsWithoutChangingAnswers(t *testing.T) {
	defer segment.SetMinLinesPerWorker(500)()
	orders := randomOrders(12_000, 1_500, 21)
	build := func() *segment.Ledger {
		l := segment.NewLedger(nil)
		if _, err := l.AddOrders(orders[:10_000]); err != nil {
			t.Fatal(err)
		}
		if err := l.SetSignals("signals-only", segment.Signals{Inquiries: segment.Some(1)}); err != nil {
			t.Fatal(err)
		}
		return l
	}
	type answers struct {
		Profiles  []segment.Profile
		Stats     segment.Stats
		Summaries []segment.Summary
		One       segment.Profile
	}
	answer := func(l *segment.Ledger) answers {
		var a answers
		a.Profiles, a.Stats = l.Profiles(segment.Date{})
		var err error
		if a.Summaries, _, err = l.Summaries(segment.Date{}, segment.Day); err != nil {
			t.Fatal(err)
		}
		a.One, _ = l.Profile(orders[7].Customer, segment.Date{})
		return a
	}
	plain, grouped := build(), build()
	before := grouped.View(segment.Date{})
	wantBefore := viewProfiles(before)
	byID := grouped.ViewByID(segment.Date{})
	if diff := cmp.Diff(viewProfiles(plain.View(segment.Date{}).ByID()), viewProfiles(byID)); diff != "" {
		t.Fatalf("ViewByID (-View.ByID +ViewByID):\n%s", diff)
	}
	if byID.ByID() != byID {
		t.Error("ByID of a view by id made a new view")
	}
	if diff := cmp.Diff(wantBefore, viewProfiles(before)); diff != "" {
		t.Fatalf("a view made before regrouping changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(viewProfiles(plain.View(segment.Date{}).ByID()), viewProfiles(grouped.View(segment.Date{}).ByID())); diff != "" {
		t.Fatalf("ByID of a view of a ledger grouped by id (-plain +grouped):\n%s", diff)
	}
	if diff := cmp.Diff(answer(plain), answer(grouped)); diff != "" {
		t.Fatalf("answers after grouping by id (-plain +grouped):\n%s", diff)
	}
	for _, l := range []*segment.Ledger{plain, grouped} {
		if _, err := l.AddOrders(orders[10_000:]); err != nil {
			t.Fatal(err)
		}
	}
	grouped.ViewByID(segment.Date{})
	if diff := cmp.Diff(answer(plain), answer(grouped)); diff != "" {
		t.Fatalf("answers after more lines (-plain +grouped):\n%s", diff)
	}
}

// An empty ledger has empty views, in both orders.
func TestViewOfEmptyLedger(t *testing.T) {
	for _, l := range []*segment.Ledger{segment.NewLedger(nil), {}} {
		for _, v := range []*segment.View{l.View(segment.Date{}), l.ViewByID(segment.Date{}), l.View(segment.MustParseDate("2025-01-01")).ByID()} {
			if v.Len() != 0 || v.Stats() != (segment.Stats{}) {
				t.Errorf("empty ledger: view of %d customers, stats %+v", v.Len(), v.Stats())
			}
		}
	}
}

// ProfileOn is Ledger.Profile on another date, for every customer of a
// view and dates before, within and after the log.
func TestViewProfileOn(t *testing.T) {
	l := segment.NewLedger(nil)
	if _, err := l.AddOrders(randomOrders(4000, 600, 17)); err != nil {
		t.Fatal(err)
	}
	if err := l.SetSignals("only-signals", segment.Signals{Referrals: segment.Some(1)}); err != nil {
		t.Fatal(err)
	}
	v := l.View(segment.Date{})
	for _, on := range []segment.Date{{}, segment.MustParseDate("2021-06-01"), segment.MustParseDate("2022-09-01"), segment.MustParseDate("2031-01-01")} {
		for i := range v.Len() {
			var got segment.Profile
			ok := v.ProfileOn(i, on, &got)
			date := on
			if date.IsZero() {
				date = v.AsOf()
			}
			want, wantOK := l.Profile(v.ID(i), date)
			if ok != wantOK || !cmp.Equal(got, want) {
				t.Fatalf("customer %s on %v: ProfileOn = %v %+v, Ledger.Profile = %v %+v", v.ID(i), on, ok, got, wantOK, want)
			}
		}
	}
}
