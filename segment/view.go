package segment

import (
	"slices"

	"github.com/clientele-go/clientele/internal/fitroom"
)

// View is a ledger's customer base as of one date, for reading it on many
// goroutines at once: the customers that have a profile as of the date
// (those [Ledger.Each] visits), numbered 0 to Len()-1, each profile made
// on demand by [View.Profile]. A whole-base pass splits the numbers
// between workers instead of funnelling every profile through one
// goroutine, which is what [Ledger.Each] does.
//
// A View is safe for concurrent use. It reads the ledger's memory, so the
// ledger must not be changed (Add, AddOrders, SetSignals) while a View
// of it is in use.
type View struct {
	l       *Ledger
	asOf    Date
	byID    bool      // numbered in order of id
	sorted  bool      // the ledger's groups follow the order of id
	keys    []int32   // the customer key of each group of lines
	lines   []gline   // grouped by customer
	clines  []cline   // or these (see cline)
	offsets []int32   // group g: lines[offsets[g]:offsets[g+1]]
	at      []int32   // the groups of the view's customers, in its order; nil when customer i is group i (see groups)
	n       int       // the view's customers
	words   *groupIDs // the groups' ids, if the grouping wrote or copied them (see groupIDs)
	stats   Stats
}

// View groups the ledger's lines by customer, if that is not done yet, and
// returns the view as of asOf (zero means [Ledger.Latest]): the customers
// in order of first appearance, as [Ledger.Each] has them, and the same
// [Stats].
func (l *Ledger) View(asOf Date) *View {
	l.sort(false, true)
	return l.view(asOf, l.order)
}

// ViewByID is [View.ByID] of [Ledger.View], the customers in order of id,
// made for passes over the base in that order (output sorted by
// customer): it groups the ledger's lines in order of id, so that such a
// pass reads memory in order instead of jumping from customer to
// customer. Passes in order of first appearance ([Ledger.Each]) then
// jump, until lines are added.
func (l *Ledger) ViewByID(asOf Date) *View {
	l.sort(true, true)
	v := l.view(asOf, l.keys)
	v.byID = true
	return v
}

// view is the view as of asOf of the customers with keys, in that order.
func (l *Ledger) view(asOf Date, keys []int32) *View {
	if asOf.IsZero() {
		asOf = l.latest
	}
	v := &View{l: l, asOf: asOf, sorted: l.byID, keys: l.keys, lines: l.lines, clines: l.clines, offsets: l.offsets, words: l.words}
	v.stats = Stats{Lines: l.Len(), Customers: len(l.order)}
	switch {
	case asOf.n < l.latest.n || len(l.signals) > 0:
		v.at = l.groupsWithProfiles(make([]int32, 0, len(keys)), keys, asOf, &v.stats)
		v.n = len(v.at)
	case l.groupsFor(keys) == nil:
		// Without signals every customer has a line (only SetSignals
		// makes a customer without one), and so a profile as of the
		// latest day: the view is the grouping's order, whole, with no
		// pass over the offsets to tell (a millisecond a million
		// customers, with the CLI's other core idle).
		v.n = len(keys)
	default:
		v.at = l.groupsWithLines(make([]int32, 0, len(keys)), keys)
		v.n = len(v.at)
	}
	v.stats.Profiles = v.n
	v.stats.NotYet = len(keys) - v.n
	return v
}

// group returns the group of customer i of the view.
func (v *View) group(i int) int32 {
	if v.at == nil {
		return int32(i)
	}
	return v.at[i]
}

// groups returns the groups of the view's customers, in its order, in an
// array of their own. A view of every group of the grouping, in its
// order, keeps no array: one as of the ledger's latest date or later,
// of a ledger without signals whose every group has a line, over the
// grouping's own keys (as View and ViewByID make it). A million
// customers' array took 3 ms on one core of the CLI, between phases that
// use two.
func (v *View) groups() []int32 {
	if v.at != nil {
		return slices.Clone(v.at)
	}
	at := make([]int32, v.n)
	for i := range at {
		at[i] = int32(i)
	}
	return at
}

// groupsWithProfiles appends to at the groups of the customers with keys
// that have a profile as of asOf, and counts their lines after it into
// st.
func (l *Ledger) groupsWithProfiles(at, keys []int32, asOf Date, st *Stats) []int32 {
	group := l.groupsFor(keys)
	for i, k := range keys {
		g := int32(i)
		if group != nil {
			g = group[k]
		}
		from, to := l.offsets[g], l.offsets[g+1]
		var after int
		if l.clines != nil {
			after = linesAfterNarrow(l.clines[from:to], asOf)
		} else {
			after = linesAfter(l.lines[from:to], asOf)
		}
		st.AfterAsOf += after
		if l.hasProfile(k, int(to-from), after) {
			at = append(at, g)
		}
	}
	return at
}

// groupsWithLines is groupsWithProfiles as of a date on or after every
// line of a ledger without signals: a customer has a profile when they
// have a line, and no line is after the date. Whether a customer has a
// line is told without a branch (it is nearly always so).
func (l *Ledger) groupsWithLines(at, keys []int32) []int32 {
	at = at[:len(keys)]
	n := 0
	group := l.groupsFor(keys)
	for i, k := range keys {
		g := int32(i)
		if group != nil {
			g = group[k]
		}
		at[n] = g
		n += int(b2u(l.offsets[g+1] > l.offsets[g]))
	}
	return at[:n]
}

// groupsFor returns what a walk over keys of a grouped ledger needs to
// find each customer's group: nil when keys are the grouping's keys
// themselves (l.keys, as View and ViewByID pass them when the lines are
// grouped in their order), customer i's group being i, else the groups by
// key (Ledger.groups), read at random, a cache miss a customer in a
// million.
func (l *Ledger) groupsFor(keys []int32) []int32 {
	if len(keys) > 0 && len(keys) == len(l.keys) && &keys[0] == &l.keys[0] {
		return nil
	}
	return l.groups()
}

// linesAfter counts the lines (sorted by day) dated after asOf.
func linesAfter(lines []gline, asOf Date) int {
	n := len(lines)
	for n > 0 && lines[n-1].day() > asOf.n {
		n--
	}
	return len(lines) - n
}

// hasProfile reports whether the customer with key k and n lines has a
// profile as of a date after which after of the lines fall: a line on or
// before it, or CRM signals, which count whatever the date.
func (l *Ledger) hasProfile(k int32, n, after int) bool {
	if after < n {
		return true
	}
	_, ok := l.signals[k]
	return ok
}

// Len returns the number of customers in the view.
func (v *View) Len() int { return v.n }

// AsOf returns the date of the view.
func (v *View) AsOf() Date { return v.asOf }

// Stats returns the accounting of the ledger's lines and customers as of
// the view's date, as [Ledger.Each] returns it after a full pass.
func (v *View) Stats() Stats { return v.stats }

// ID returns the id of customer i (0 ≤ i < Len()).
//
// A view in order of id of a large ledger keeps its customers' ids in
// one array, in that order, when none is over 64 bytes, and the ids it
// hands out (here and in [View.Profile]) share its memory: an id kept
// after the view is done with keeps the array, as many bytes a customer
// as the longest id. A program that keeps ids from many views of a
// large ledger (a map of ids kept across regroupings) should keep
// copies (strings.Clone).
func (v *View) ID(i int) string { return v.groupID(v.group(i)) }

// groupID returns the id of the customer of group g.
func (v *View) groupID(g int32) string {
	if v.words != nil {
		return v.words.id(g)
	}
	return v.l.id(v.keys[g])
}

// Profile fills p with the profile of customer i (0 ≤ i < Len()), the one
// [Ledger.Profile] returns for the customer's id. p.ID shares memory with
// the view as [View.ID] says.
func (v *View) Profile(i int, p *Profile) {
	if i%warmIDs == 0 && v.words == nil {
		v.warmIDs(i)
	}
	v.profile(v.group(i), v.asOf, p)
}

// profile fills p with the profile of group g as of asOf, from its lines
// narrow or wide, and returns how many of them are after asOf.
func (v *View) profile(g int32, asOf Date, p *Profile) (after int) {
	k, from, to := v.keys[g], v.offsets[g], v.offsets[g+1]
	if v.clines != nil {
		return v.l.profileNarrow(k, v.groupID(g), v.clines[from:to], asOf, p)
	}
	return v.l.profile(k, v.groupID(g), v.lines[from:to], asOf, p)
}

// warmIDs is how many customers' ids Profile and fitProfile read ahead
// at once.
//
// Unless the grouping wrote or copied the ids in group order (see
// groupIDs), a profile's ID comes from the customer index, where the ids
// sit in order of first appearance: in the view's order each is a cache
// miss, which one customer's work cannot hide (the CSV writer's first
// read of an id took 7% of the CLI's time). Reading the slots of the
// next warmIDs ids in one short loop lets the processor wait for their
// misses together.
const warmIDs = 32

// warmIDs reads the slots that hold the ids of customers i to
// i+warmIDs-1 (the bytes of an id of up to 8 bytes, and where a longer
// one is).
func (v *View) warmIDs(i int) {
	v.l.keepAllSlots()
	keys, shards := v.keys, &v.l.shards
	var sum uint64
	for j := i; j < min(i+warmIDs, v.n); j++ {
		k := keys[v.group(j)]
		sum += shards[k&(numShards-1)].byNumber(k >> shardBits).key
	}
	warmed.Add(sum)
}

func init() {
	fitroom.Profile = func(view any, i int, p any) { view.(*View).fitProfile(i, p.(*Profile)) }
	fitroom.Room = func(view any, n int) ([][]float64, func()) { return view.(*View).fitRoom(n) }
}

// fitProfile fills what strategy.FitView's fitters read of customer i's
// profile into p: AsOf, Occasions, Revenue and Last, as Profile fills
// them; the other fields may be left as they were, or filled too. Most
// of a profile is of no use to a fit (the signals alone are 520 bytes to
// zero), nor are the returns and the flags. The ID is left empty (see
// fitroom.Profile): read from the index in the view's order an id is a
// cache miss, which took a fifth of the fit's CPU samples on the
// 1M-customer file, for the name of a customer the fitters never refuse
// on a ledger's profiles.
func (v *View) fitProfile(i int, p *Profile) {
	g := v.group(i)
	from, to := v.offsets[g], v.offsets[g+1]
	var ok bool
	switch {
	case v.l.opts.OccasionDays > 1:
	case v.clines != nil:
		ok = occasionsByDayNarrow(v.clines[from:to], v.asOf, p)
	default:
		ok = occasionsByDay(v.lines[from:to], v.asOf, p)
	}
	if !ok {
		v.Profile(i, p)
		return
	}
	p.ID, p.AsOf = "", v.asOf
}

// ProfileOn fills p with the profile of customer i (0 ≤ i < Len()) as of
// another date, on (zero means the view's), and reports whether the
// customer has a profile then: false when every line of the customer is
// after on and there are no signals (p is then the empty profile). It is
// how a pass compares each customer on two dates without a second view.
func (v *View) ProfileOn(i int, on Date, p *Profile) bool {
	if on.IsZero() {
		on = v.asOf
	}
	g := v.group(i)
	after := v.profile(g, on, p)
	if !v.l.hasProfile(v.keys[g], int(v.offsets[g+1]-v.offsets[g]), after) {
		*p = Profile{}
		return false
	}
	return true
}

// ByID returns a view of the same customers numbered in order of id
// (byte-wise, as Go compares strings), for output sorted by customer.
// The sort uses every core. See [Ledger.ViewByID] for a pass over the
// whole base in this order.
func (v *View) ByID() *View {
	if v.byID {
		return v
	}
	byID := *v
	byID.byID = true
	if v.sorted { // the groups are in order of id already
		if v.at != nil {
			byID.at = slices.Clone(v.at)
			slices.Sort(byID.at)
		}
		return &byID
	}
	byID.at = inIDOrder(v.groups(), v.groupID)
	return &byID
}
