package segment

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/clientele-go/clientele/internal/junk"
)

// formerProfile is the profile as Ledger.profile made it before
// purchasesByDay and View.fitProfile (one loop per occasion period, a
// branch per line), kept as the reference they are held to.
func formerProfile(l *Ledger, k int32, id string, lines []gline, asOf Date) (p Profile, after int) {
	if len(l.signals) > 0 {
		p.Signals = l.signals[k]
	}
	p.ID, p.AsOf = id, asOf
	period := int32(max(l.opts.OccasionDays, 1))
	n := len(lines)
	for n > 0 && lines[n-1].day() > asOf.n {
		n--
	}
	after, lines = len(lines)-n, lines[:n]
	var known, occasions, discounted, newProducts, premium, orders, returns int
	var revenue, returned float64
	var first, latest Date
	for i := 0; i < len(lines); {
		last := asOf.n - (asOf.n-lines[i].day())/period*period
		var net int64
		var seen, set Flags
		overflow := int64(0)
		j := i
		for ; j < len(lines) && lines[j].day() <= last; j++ {
			ln := &lines[j]
			s := net + ln.micro()
			overflow |= (net ^ s) & (ln.micro() ^ s)
			net = s
			seen |= ln.known()
			set |= ln.flags()
			if ln.micro() < 0 || ln.flags()&Return != 0 {
				returns++
				returned -= float64(ln.micro())
			} else {
				orders++
			}
		}
		amount := float64(net)
		if overflow < 0 {
			amount = 0
			for k := i; k < j; k++ {
				amount += float64(lines[k].micro())
			}
		}
		revenue += amount
		known |= int(seen)
		if amount > 0 {
			if occasions == 0 {
				first = Date{n: lines[i].day()}
			}
			occasions++
			latest = Date{n: lines[j-1].day()}
			if set&Discounted != 0 {
				discounted++
			}
			if set&NewProduct != 0 {
				newProducts++
			}
			if set&Premium != 0 {
				premium++
			}
		}
		i = j
	}
	p.Occasions, p.Orders, p.Returns = occasions, orders, returns
	p.Revenue = revenue / microsPerUnit
	p.Returned = returned / microsPerUnit
	p.First, p.Last = first, latest
	p.Discounted = someIf(Flags(known)&Discounted != 0, discounted)
	p.NewProducts = someIf(Flags(known)&NewProduct != 0, newProducts)
	p.PremiumBuys = someIf(Flags(known)&Premium != 0, premium)
	return p, after
}

// formerView is the view's customers and stats as Ledger.view counted
// them before groupsWithLines: a customer has a profile with a line on or
// before asOf, or signals.
func formerView(l *Ledger, asOf Date, keys []int32) (at []int32, st Stats) {
	st = Stats{Lines: l.Len(), Customers: len(l.order)}
	for _, k := range keys {
		g := l.groups()[k]
		lines := l.widened()[l.offsets[g]:l.offsets[g+1]]
		n := len(lines)
		for n > 0 && lines[n-1].day() > asOf.n {
			n--
		}
		st.AfterAsOf += len(lines) - n
		if _, ok := l.signals[k]; n > 0 || ok {
			at = append(at, g)
		} else {
			st.NotYet++
		}
	}
	st.Profiles = len(at)
	return at, st
}

// randomAmount is an order line's amount: mostly cents, sometimes zero,
// negative, or large enough (up to MaxAmount) that sums are not exact in
// a float64, or overflow.
func randomAmount(r *rand.Rand) float64 {
	var a float64
	switch r.IntN(40) {
	case 0:
		a = 0
	case 1:
		a = MaxAmount * (1 - r.Float64()/1e3)
	case 2:
		a = math.Round(r.Float64()*1e13) / 100 // up to 10^11
	case 3:
		a = float64(r.IntN(1<<12)) * (1 << 20) / 1e6 // near the exactness bound
	default:
		a = float64(1+r.IntN(50000)) / 100
	}
	if r.IntN(6) == 0 {
		a = -a
	}
	return a
}

// randomLedger is a ledger of customers with a few to many lines on few
// distinct days (so that days and periods hold several lines), returns
// by sign and by flag, flags recorded or not, and signals for some
// customers, a few of whom never bought; the orders added one by one or
// (bulk) with AddOrders.
func randomLedger(r *rand.Rand, opts *LedgerOptions, bulk, signals bool) *Ledger {
	return randomLedgerOf(r, opts, bulk, signals, randomAmount)
}

// randomNarrowLedger is randomLedger in whole cents (see cline), added in
// bulk on two goroutines, so that its views group it narrow; a customer
// may have 600 lines of large amounts, whose sums are not exact.
func randomNarrowLedger(r *rand.Rand, opts *LedgerOptions, signals bool) *Ledger {
	defer func(old int) { minOrdersPerWorker = old }(minOrdersPerWorker)
	minOrdersPerWorker = 1
	return randomLedgerOf(r, opts, true, signals, func(r *rand.Rand) float64 {
		a := float64(1+r.IntN(50000)) / 100
		switch r.IntN(30) {
		case 0:
			a = 0
		case 1:
			a = math.MaxInt32 / 100 // the largest an nline keeps
		}
		if r.IntN(6) == 0 {
			a = -a
		}
		return a
	})
}

func randomLedgerOf(r *rand.Rand, opts *LedgerOptions, bulk, signals bool, amount func(*rand.Rand) float64) *Ledger {
	l := NewLedger(opts)
	var orders []Order
	start := MustParseDate("2024-01-01")
	customers := 1 + r.IntN(60)
	for c := range customers {
		id := fmt.Sprintf("C%03d", c)
		lines := []int{0, 1, 1, 2, 3, 5, 8, 40, 600}[r.IntN(9)]
		if lines == 600 && r.IntN(8) != 0 {
			lines = 4
		}
		if signals && (lines == 0 || r.IntN(10) == 0) {
			if err := l.SetSignals(id, Signals{Referrals: Some(1 + r.IntN(3))}); err != nil {
				panic(err)
			}
		}
		span := 1 + r.IntN(60)
		for range lines {
			o := Order{Customer: id, Date: start.AddDays(r.IntN(span)), Amount: amount(r)}
			if r.IntN(3) == 0 {
				o.Known = Flags(r.IntN(16))
				o.Flags = Flags(r.IntN(16)) & o.Known
			}
			orders = append(orders, o)
		}
	}
	r.Shuffle(len(orders), func(i, j int) { orders[i], orders[j] = orders[j], orders[i] })
	if bulk {
		if _, err := l.AddOrders(orders); err != nil {
			panic(err)
		}
		return l
	}
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			panic(err)
		}
	}
	return l
}

// asOfDates are the as-of dates a test takes for l: before its lines,
// inside them, on its latest day, after it, and zero (the latest).
func asOfDates(r *rand.Rand, l *Ledger) []Date {
	latest := l.Latest()
	if latest.IsZero() {
		latest = MustParseDate("2024-01-01")
	}
	return []Date{{}, latest, latest.AddDays(1 + r.IntN(400)), latest.AddDays(-1 - r.IntN(30)), MustParseDate("2023-06-01")}
}

// Every profile (View.Profile, Ledger.Profile, Each, ProfileOn) and the
// view's customers and stats are what the former code made, on random
// ledgers: random days, amounts of every size and sign, returns, flags,
// signals, as-of dates before, inside and after the lines, occasion
// periods of one day and more. fitProfile's fields are the profile's
// (its ID may be left empty).
func TestProfilesAsFormerly(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2)) // for bulk adds on two goroutines (see randomNarrowLedger)
	r := rand.New(rand.NewPCG(11, 17))
	for round := range 300 {
		opts := &LedgerOptions{OccasionDays: []int{0, 1, 1, 2, 7, 30}[round%6]}
		// Without signals, a view as of the latest date is of every group.
		l := randomLedger(r, opts, round%2 == 1, round%4 < 2)
		narrow := round%3 == 2
		if narrow {
			l = randomNarrowLedger(r, opts, round%4 < 2)
		}
		for j, asOf := range asOfDates(r, l) {
			for _, byID := range []bool{false, true} {
				checkView(t, l, asOf, byID)
				// Grouped again in another order, the lines are wide.
				if j == 0 && !byID && narrow && l.Len() > 0 && l.clines == nil {
					t.Fatal("a ledger of whole cents added in bulk is not grouped narrow")
				}
			}
		}
		if t.Failed() {
			t.Fatalf("round %d, occasion days %d", round, opts.OccasionDays)
		}
	}
}

// checkByID holds v.ByID() to v's customers sorted by id.
func checkByID(t *testing.T, v *View) {
	t.Helper()
	want := make([]string, v.Len())
	for i := range want {
		want[i] = v.ID(i)
	}
	slices.Sort(want)
	b := v.ByID()
	got := make([]string, b.Len())
	for i := range got {
		got[i] = b.ID(i)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("ByID: %q, want %q", got, want)
	}
}

// checkView holds the view of l as of asOf, its profiles and fit
// profiles, to formerView and formerProfile.
func checkView(t *testing.T, l *Ledger, asOf Date, byID bool) {
	t.Helper()
	v := l.View(asOf)
	keys := l.order
	if byID {
		v, keys = l.ViewByID(asOf), l.keys
	}
	date := asOf
	if date.IsZero() {
		date = l.Latest()
	}
	at, st := formerView(l, date, keys)
	if got := v.groups(); !reflect.DeepEqual(got, at) && len(at)+len(got) > 0 || v.Stats() != st {
		t.Fatalf("as of %s: view %v %+v, formerly %v %+v", asOf, got, v.Stats(), at, st)
	}
	if every := date.n >= l.latest.n && len(l.signals) == 0 && l.groupsFor(keys) == nil && v.Len() == len(keys); (v.at == nil) != every {
		t.Fatalf("as of %s: a view of every group keeps an array %t, of some %t", asOf, v.at != nil, !every)
	}
	checkByID(t, v)
	lines := v.lines
	if v.clines != nil {
		lines = widen(v.clines)
	}
	for i := range v.Len() {
		g := v.group(i)
		want, _ := formerProfile(l, v.keys[g], l.id(v.keys[g]), lines[v.offsets[g]:v.offsets[g+1]], date)
		var got, fit Profile
		junk.Fill(&got)
		v.Profile(i, &got)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("as of %s, customer %s:\n got %+v\nwant %+v", asOf, want.ID, got, want)
		}
		if p, ok := l.Profile(want.ID, asOf); !ok || !reflect.DeepEqual(p, want) {
			t.Fatalf("Ledger.Profile as of %s, customer %s:\n got %+v\nwant %+v", asOf, want.ID, p, want)
		}
		junk.Fill(&fit)
		v.fitProfile(i, &fit)
		if fit.ID != want.ID && fit.ID != "" || fit.AsOf != want.AsOf || fit.Occasions != want.Occasions ||
			math.Float64bits(fit.Revenue) != math.Float64bits(want.Revenue) || fit.Last != want.Last {
			t.Fatalf("fitProfile as of %s, customer %s:\n got %+v\nwant %+v", asOf, want.ID, fit, want)
		}
		on := date.AddDays(-3)
		wantOn, after := formerProfile(l, v.keys[g], l.id(v.keys[g]), lines[v.offsets[g]:v.offsets[g+1]], on)
		_, signals := l.signals[v.keys[g]]
		if after == int(v.offsets[g+1]-v.offsets[g]) && !signals {
			wantOn = Profile{}
		}
		if ok := v.ProfileOn(i, on, &got); !reflect.DeepEqual(got, wantOn) || ok != (wantOn.ID != "") {
			t.Fatalf("ProfileOn %s, customer %s:\n got %+v\nwant %+v", on, want.ID, got, wantOn)
		}
	}
	var each []Profile
	l.Each(asOf, func(p *Profile) bool { each = append(each, *p); return true })
	for _, p := range each {
		k, _ := l.lookup(p.ID)
		g := l.groups()[k]
		want, _ := formerProfile(l, k, p.ID, l.widened()[l.offsets[g]:l.offsets[g+1]], date)
		if !reflect.DeepEqual(p, want) {
			t.Fatalf("Each as of %s:\n got %+v\nwant %+v", asOf, p, want)
		}
	}
}

// purchasesByDay takes exactly the amounts whose sums are exact, and
// gives purchasesByPeriod's facts for them, at the bound and either side
// of it, for every number of lines up to 70.
func TestPurchasesByDayAtTheExactnessBound(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	asOf := MustParseDate("2024-12-31")
	for n := 1; n <= 70; n++ {
		bound := int64(1) << (53 - bitsLen(n))
		for _, top := range []int64{bound - 2, bound - 1, bound, bound + 1, 1 << 52, 1e18} {
			lines := make([]gline, n)
			day := asOf.n - 40
			for i := range lines {
				day += int32(r.IntN(2))
				micro := r.Int64N(top + 1)
				if r.IntN(3) == 0 {
					micro = -micro
				}
				known := Flags(r.IntN(16))
				ln := newLine(0, day, micro, Flags(r.IntN(16))&known&^Return, known)
				lines[i] = ln.grouped()
			}
			at := r.IntN(n) // the largest amount present
			ln := newLine(0, lines[at].day(), top, lines[at].flags(), lines[at].known())
			lines[at] = ln.grouped()
			var byDay, byPeriod Profile
			ok := purchasesByDay(lines, &byDay)
			purchasesByPeriod(lines, asOf, 1, &byPeriod)
			if wantOK := top < bound; ok != wantOK {
				t.Fatalf("%d lines up to %d: took them %v, want %v", n, top, ok, wantOK)
			}
			if ok && !reflect.DeepEqual(byDay, byPeriod) {
				t.Fatalf("%d lines up to %d:\n by day    %+v\n by period %+v", n, top, byDay, byPeriod)
			}
		}
	}
}

func bitsLen(n int) int {
	b := 0
	for ; n > 0; n >>= 1 {
		b++
	}
	return b
}
