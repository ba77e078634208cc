package segment_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment"
)

// randomOrders is a deterministic order log of n lines over about
// customers ids, in rough date order, with returns, repeat days, and
// flags some lines record and some do not.
func randomOrders(n, customers int, seed uint64) []segment.Order {
	r := rand.New(rand.NewPCG(seed, 7))
	start := segment.MustParseDate("2022-01-01")
	out := make([]segment.Order, n)
	for i := range out {
		o := segment.Order{
			Customer: fmt.Sprintf("C%07d", r.IntN(customers)),
			Date:     start.AddDays(i*1000/n + r.IntN(3)),
			Amount:   math.Round(r.Float64()*20000) / 100,
		}
		if r.IntN(20) == 0 {
			o.Amount = -o.Amount
		}
		if r.IntN(4) == 0 {
			o.ID = fmt.Sprintf("O%d", i)
			o.Known = segment.Discounted | segment.Premium | segment.Return
			o.Flags = segment.Flags(r.IntN(16))
		}
		out[i] = o
	}
	return out
}

// ledgerState is everything a ledger tells about itself.
type ledgerState struct {
	Len, Customers int
	Latest         segment.Date
	Profiles       []segment.Profile
	Stats          segment.Stats
	Earlier        []segment.Profile
	Summaries      []segment.Summary
	One            segment.Profile
}

func stateOf(t *testing.T, l *segment.Ledger, probe string) ledgerState {
	t.Helper()
	s := ledgerState{Len: l.Len(), Customers: l.Customers(), Latest: l.Latest()}
	s.Profiles, s.Stats = l.Profiles(segment.Date{})
	s.Earlier, _ = l.Profiles(l.Latest().AddDays(-200))
	var err error
	if s.Summaries, _, err = l.Summaries(segment.Date{}, segment.Day); err != nil {
		t.Fatal(err)
	}
	s.One, _ = l.Profile(probe, segment.Date{})
	return s
}

// AddOrders leaves the ledger exactly as Add one by one would, on one
// goroutine and on several, with signals set before and between, and when
// an invalid order stops it.
func TestAddOrdersIsAddOneByOne(t *testing.T) {
	for _, tc := range []struct {
		name      string
		n, custs  int
		procs     int
		badAt     int // index of an invalid order, -1 for none
		splitAt   int // AddOrders is called twice, split here
		signalsAt int // SetSignals between the two calls for these customers
	}{
		{"small serial", 500, 80, 2, -1, 200, 3},
		{"large parallel", 40_000, 10_000, 2, -1, 20_000, 100},
		{"large four cores", 70_000, 10_000, 4, -1, 5_000, 100},
		{"large one core", 40_000, 10_000, 1, -1, 10, 5},
		{"invalid order stops it", 40_000, 10_000, 2, 37_777, 2_000, 0},
		{"invalid first", 40_000, 10_000, 2, 35_000, 35_000, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(tc.procs))
			if raceDetector && (tc.procs != 2 || tc.badAt >= 0 && tc.badAt == tc.splitAt) {
				t.Skip("the race detector makes it slow; the two-core parallel cases cover the shared paths")
			}
			orders := randomOrders(tc.n, tc.custs, uint64(tc.n))
			if tc.badAt >= 0 {
				orders[tc.badAt].Amount = math.NaN()
			}
			signals := func(l *segment.Ledger) {
				for i := range tc.signalsAt {
					// New customers and known ones.
					id := fmt.Sprintf("C%07d", i*7)
					if i%2 == 1 {
						id = fmt.Sprintf("S%d", i)
					}
					if err := l.SetSignals(id, segment.Signals{Referrals: segment.Some(i)}); err != nil {
						t.Fatal(err)
					}
				}
			}

			want := segment.NewLedger(nil)
			signals(want)
			var wantErr error
			wantAdded := 0
			for i := range orders {
				if i == tc.splitAt {
					signals(want)
				}
				if wantErr = want.Add(orders[i]); wantErr != nil {
					break
				}
				wantAdded++
			}

			got := segment.NewLedger(nil)
			signals(got)
			added, err := got.AddOrders(orders[:tc.splitAt])
			if err == nil {
				signals(got)
				var more int
				more, err = got.AddOrders(orders[tc.splitAt:])
				added += more
			}
			if added != wantAdded || fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("added %d, %v; want %d, %v", added, err, wantAdded, wantErr)
			}
			probe := orders[tc.n/2].Customer
			// cmp.Diff only on a difference: it is slow on 100k profiles.
			if w, g := stateOf(t, want, probe), stateOf(t, got, probe); !reflect.DeepEqual(w, g) {
				t.Errorf("ledger state (-Add +AddOrders):\n%s", cmp.Diff(w, g))
			}
		})
	}
}

// An order of the same customer as the one before it is not looked up
// again: AddOrders still equals Add one by one when runs of a customer's
// orders cross the ranges and shards of the goroutines.
func TestAddOrdersRuns(t *testing.T) {
	orders := randomOrders(50_000, 5_000, 9)
	r := rand.New(rand.NewPCG(9, 9))
	for i := 1; i < len(orders); i++ {
		if r.IntN(3) > 0 {
			orders[i].Customer = orders[i-1].Customer
		}
	}
	want := segment.NewLedger(nil)
	for _, o := range orders {
		if err := want.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	for _, procs := range []int{2, 3} {
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			got := segment.NewLedger(nil)
			for from := 0; from < len(orders); from += 33_333 {
				if _, err := got.AddOrders(orders[from:min(from+33_333, len(orders))]); err != nil {
					t.Fatal(err)
				}
			}
			probe := orders[len(orders)/2].Customer
			if w, g := stateOf(t, want, probe), stateOf(t, got, probe); !reflect.DeepEqual(w, g) {
				t.Errorf("%d cores: ledger state (-Add +AddOrders):\n%s", procs, cmp.Diff(w, g))
			}
		}()
	}
}

// AddOrders copies new customers' ids: the orders' strings may be reused.
func TestAddOrdersCopiesIDs(t *testing.T) {
	buf := []byte("C1C2")
	text := string(buf)
	l := segment.NewLedger(nil)
	d := segment.MustParseDate("2024-01-01")
	if _, err := l.AddOrders([]segment.Order{{Customer: text[:2], Date: d, Amount: 1}, {Customer: text[2:], Date: d, Amount: 2}}); err != nil {
		t.Fatal(err)
	}
	ps, _ := l.Profiles(segment.Date{})
	if len(ps) != 2 || ps[0].ID != "C1" || ps[1].ID != "C2" {
		t.Fatalf("profiles %+v", ps)
	}
}

// The grouping of lines by customer runs on several cores for a large
// ledger; it gives what it gives on one, also for a log out of date order.
func TestGroupingOnSeveralCores(t *testing.T) {
	orders := randomOrders(70_000, 10_000, 3)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(orders)/2, func(i, j int) { orders[i], orders[j] = orders[j], orders[i] })
	states := map[int]ledgerState{}
	for _, procs := range []int{1, 3} {
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			l := segment.NewLedger(nil)
			for _, o := range orders {
				if err := l.Add(o); err != nil {
					t.Fatal(err)
				}
			}
			states[procs] = stateOf(t, l, orders[0].Customer)
		}()
	}
	if !reflect.DeepEqual(states[1], states[3]) {
		t.Errorf("one core (-) and three (+):\n%s", cmp.Diff(states[1], states[3]))
	}
}

// Blocks added in bulk share chunks of memory (Ledger.bulkBlock); orders
// added one by one between them, and after a grouping, must neither
// overwrite a block nor be lost: mixing bulk and single adds, with a
// grouping in the middle, leaves the ledger as single adds would.
func TestBulkBlocksAndSingleAdds(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector makes it slow; TestAddOrdersIsAddOneByOne covers the shared paths")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	orders := randomOrders(200_000, 30_000, 11)
	want := segment.NewLedger(nil)
	for _, o := range orders {
		if err := want.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	got := segment.NewLedger(nil)
	// Bulk runs of different sizes (all large enough for the parallel
	// path, and later ones smaller than the lines so far, so that they
	// share a chunk), each followed by a few single adds.
	at := 0
	for i, size := range []int{40_000, 20_000, 17_000, 30_000, 20_000} {
		if _, err := got.AddOrders(orders[at : at+size]); err != nil {
			t.Fatal(err)
		}
		at += size
		for range 3 {
			if err := got.Add(orders[at]); err != nil {
				t.Fatal(err)
			}
			at++
		}
		if i == 2 {
			got.Profiles(segment.Date{}) // groups the lines so far
		}
	}
	if _, err := got.AddOrders(orders[at:]); err != nil {
		t.Fatal(err)
	}
	probe := orders[len(orders)/2].Customer
	if w, g := stateOf(t, want, probe), stateOf(t, got, probe); !reflect.DeepEqual(w, g) {
		t.Errorf("ledger state (-Add +mixed):\n%s", cmp.Diff(w, g))
	}
}
