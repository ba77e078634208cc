package segment

import (
	"math"
	"runtime"
	"slices"
	"sync/atomic"

	"github.com/clientele-go/clientele/internal/hugepages"
)

// sort groups lines by customer and, within a customer, by day, keeping
// input order among equal days. The groups follow the order of first
// appearance, or the order of id when byID is set; once grouped by id, the
// ledger stays so until lines are added (any order can be read through
// group and keys; byID only decides which order reads memory in order).
//
// It is a counting sort by customer, in parallel the way that reads each
// line only twice: worker w owns a contiguous share of the lines (in
// input order) and counts its own lines per customer; the counts give
// every worker its own slots in each customer's run, worker 0 first, so
// the runs keep input order; then each worker moves its lines into its
// slots. Each customer's run is then sorted by day, where needed. The
// last grouping's lines, when lines were added since, come first, and go
// run by run: a piece of a run is counted once and copied whole (see
// eachRun), its runs being sorted by day again.
//
// The counts are by customer key, not by group, so they need not wait
// for the order of the groups: grouping by id, the other cores count the
// lines and make the grouping's arrays (which fault in thousands of
// pages) while one sorts the ids (serial, and about as long), then every
// core copies the ids in group order for the view (see gatherIDs); or,
// when the customers are found by number (all but up to one in 16), a
// walk over the numbers lists the customers and writes their ids, the
// few others merged in (see keysByNumber): a padded form's in two parts,
// each walked by a core once it has counted its share of the lines, an
// unpadded form's beside the counting.
//
// forView drops the index's tables first (see dropTables): a view is for
// a pass over the whole base, which looks no id up, and the grouping's
// arrays then take the tables' memory. Other callers keep them, so that
// adding an order and asking for a profile, again and again, does not
// make them again each time.
func (l *Ledger) sort(byID, forView bool) {
	if l.sorted && (l.byID || !byID) {
		return
	}
	if l.clines != nil { // a narrow grouping, which the lines added since join
		l.lines, l.clines = l.widened(), nil
	}
	// The customers not found by number, read from the index's tables
	// before they are dropped.
	numbered, others := false, []int32(nil)
	if byID && l.inNumberOrder() {
		others, numbered = l.tableKeys()
	}
	if forView {
		l.dropTables()
	}
	g := newGrouping(l)
	g.narrow = forView && len(g.grouped) == 0 && allNarrow(g.blocks)
	keys := l.order
	var words *groupIDs
	switch {
	case !byID:
		g.count(g.workers, nil)
		g.makeArrays(len(keys))
	case numbered:
		// Each core walks a part of the numbers once it has counted its
		// share of the lines; a walk in one part goes beside the counting.
		walk := l.newKeysWalk(len(others))
		if parts := walk.parts(); parts > 1 && g.workers >= parts {
			g.count(g.workers, func(c int) {
				if c < parts {
					walk.walk(c)
				}
			})
		} else {
			walked := make(chan struct{})
			go func() {
				for part := range parts {
					walk.walk(part)
				}
				close(walked)
			}()
			g.count(g.workers, nil)
			<-walked
		}
		keys, words = walk.done(others)
		g.makeArrays(len(l.order))
	case g.workers > 1:
		keys = slices.Clone(l.order)
		idsSorted := make(chan struct{})
		go func() {
			inIDOrder(keys, l.id)
			close(idsSorted)
		}()
		g.count(g.workers-1, nil)
		g.makeArrays(len(keys))
		<-idsSorted
		if forView {
			words = l.gatherIDs(keys, g.keys, g.workers)
		}
	default:
		keys = slices.Clone(l.order)
		inIDOrder(keys, l.id)
		g.count(g.workers, nil)
		g.makeArrays(len(keys))
	}
	g.slotsFaulting(keys)
	g.move()
	g.grouped, g.blocks = nil, nil
	l.dropChunks() // moved: the next arrays take their memory
	if !g.daysInOrder() {
		if g.narrow {
			sortRunsByDayNarrow(g.cmoved, g.offsets, g.workers)
		} else {
			sortRunsByDay(g.moved, g.offsets, g.workers)
		}
	}
	for _, s := range g.scratch {
		s.put()
	}
	l.lines, l.clines = g.moved, g.cmoved
	l.wide.Store(nil)
	l.group.Store(nil)
	l.keySpace, l.keys, l.offsets, l.words = g.keys, keys, g.offsets, words
	l.sorted, l.byID = true, byID
}

// grouping is the work of one sort: the ledger's lines, those of the
// last grouping (grouped) then those added since (blocks), dealt to
// workers in contiguous shares.
type grouping struct {
	l       *Ledger
	grouped []gline // the last grouping's, in its runs (see Ledger)
	blocks  []lineBlock
	total   int // lines
	workers int
	keys    int // every customer key is below
	// counts[w][k] is the number of worker w's lines of the customer with
	// key k, then (after slots) the place of its next one: scratch, written
	// at random for every line, twice.
	counts  [][]int32
	scratch []*scratchArray
	days    []dayRange // of each worker's share of the lines, as count saw them

	// The grouping: see Ledger.
	offsets []int32
	moved   []gline
	narrow  bool // the lines are moved into cmoved (see cline)
	cmoved  []cline
}

func newGrouping(l *Ledger) *grouping {
	g := &grouping{l: l, grouped: l.lines, blocks: l.more, total: l.Len()}
	g.workers = min(runtime.GOMAXPROCS(0), 1+g.total/minLinesPerWorker)
	for s := range l.shards {
		g.keys = max(g.keys, int(l.shards[s].n)<<shardBits)
	}
	g.counts = make([][]int32, g.workers)
	g.scratch = make([]*scratchArray, g.workers)
	g.days = make([]dayRange, g.workers)
	return g
}

// each calls fn with worker w's share of the lines added since the last
// grouping, block by block.
func (g *grouping) each(w int, fn func(lineBlock)) {
	from, to := share(w, g.workers, g.total)
	at := len(g.grouped)
	for _, b := range g.blocks {
		lo, hi := max(from-at, 0), min(to-at, b.len())
		if lo < hi {
			fn(b.slice(lo, hi))
		}
		at += b.len()
	}
}

// eachRun calls fn with the runs of the last grouping's lines in worker
// w's share (the runs at its ends cut to it), and the key of each run's
// customer.
func (g *grouping) eachRun(w int, fn func(k int32, run []gline)) {
	from, to := share(w, g.workers, g.total)
	to = min(to, len(g.grouped))
	if from >= to {
		return
	}
	l := g.l
	// The group of line from: the last whose run starts at or before it.
	r, _ := slices.BinarySearch(l.offsets, int32(from)+1)
	for r--; r < len(l.keys) && int(l.offsets[r]) < to; r++ {
		lo, hi := max(int(l.offsets[r]), from), min(int(l.offsets[r+1]), to)
		if lo < hi {
			fn(l.keys[r], g.grouped[lo:hi])
		}
	}
}

// count counts every worker's lines per customer, on counters
// goroutines. Counter c then calls then(c), if then is not nil. (Whether
// the lines come in order of day, the move notes: it reads every line
// whole, where the count reads a narrow block's customers alone.)
func (g *grouping) count(counters int, then func(c int)) {
	parallel(counters, func(c int) {
		for w := c; w < g.workers; w += counters {
			count, s := scratchOf[int32](g.keys)
			clear(count)
			g.eachRun(w, func(k int32, run []gline) {
				count[k] += int32(len(run))
			})
			g.each(w, func(b lineBlock) {
				if b.narrow != nil {
					countCusts(count, b.custs)
				} else {
					countLines(count, b.wide)
				}
			})
			g.counts[w], g.scratch[w] = count, s
		}
		if then != nil {
			then(c)
		}
	})
}

// countLines adds b's lines to their customers' counts.
func countLines(count []int32, b []line) {
	for i := range b {
		count[b[i].cust]++
	}
}

// countCusts adds the lines of customers custs to their counts.
func countCusts(count []int32, custs []int32) {
	for _, k := range custs {
		count[k]++
	}
}

// dayRange is what the move saw of the days of a worker's share of the
// lines: the first and the last, and whether a line came before the one
// before it.
type dayRange struct {
	first, last int32 // MaxInt32 and MinInt32 for no line
	back        bool
}

// daysInOrder reports whether every line came in order of day (as order
// logs usually do): then every customer's run, which keeps the order of
// the lines, is in order of day too, and need not be sorted, nor even
// read again to tell.
func (g *grouping) daysInOrder() bool {
	last := int32(math.MinInt32)
	for _, d := range g.days {
		if d.back || d.first < last {
			return false
		}
		last = max(last, d.last)
	}
	return true
}

// makeArrays makes the arrays of a grouping of groups customers. New, not
// reused: views read the old ones. The offsets are written in order, in
// the pages cheaper to touch first (makeLarge). The lines are written at
// random, which huge pages serve better, and a huge page's first touch can
// cost far more where the host has taken the memory back (the Intel host
// of BENCHMARKS.md's tenth round; see hugepages.MapInOrder): they get huge
// pages when most customers are in the index's table, whose growth has
// just given back huge pages they then take (on the 1M file with ids of 10
// bytes, 0.875 s back to back and 0.88 s cold with huge pages, 0.90 and
// 0.95 s without), and 4 KiB pages when most are found by number, with no
// such pages to take (with ids of 8, 0.515 and 0.59 s with huge pages,
// 0.525 and 0.54 s without) — unless huge pages are the cheaper to touch
// first here (hugepages.HugeFirstTouch; on the AMD host of 2026-12-07 the
// grouping of the 1M file took 0.23–0.25 CPU-s in 4 KiB pages, 0.10–0.20
// in huge ones). The idle core faults them in while slots runs
// (slotsFaulting).
func (g *grouping) makeArrays(groups int) {
	g.offsets = makeLarge[int32](groups+1, groups+1)
	switch huge := g.l.tableCustomers() > len(g.l.order)/2 || hugepages.HugeFirstTouch(); {
	case g.narrow && huge:
		g.cmoved = hugepages.Make[cline](g.total, g.total)
	case g.narrow:
		g.cmoved = make([]cline, g.total)
	case huge:
		g.moved = hugepages.Make[gline](g.total, g.total)
	default:
		g.moved = make([]gline, g.total)
	}
}

// slots fills where each group's run of lines starts (and, last, the end
// of the last), and turns the counts into every worker's first place in
// each run. Where each customer key's group is, Ledger.groups makes when
// something first needs it: a pass over a view does not (it walks the
// groups in order), and filling it was a random write a customer into
// 4 MB.
func (g *grouping) slots(keys []int32) {
	offsets, counts := g.offsets, g.counts
	at := int32(0)
	for i, k := range keys {
		offsets[i] = at
		for _, count := range counts {
			c := count[k]
			count[k] = at
			at += c
		}
	}
	offsets[len(keys)] = at
}

// slotsFaulting is slots, serial, while another core faults in the array
// the lines are about to be moved into (see hugepages.Fault), stopping
// when slots is done.
func (g *grouping) slotsFaulting(keys []int32) {
	if g.workers == 1 {
		g.slots(keys)
		return
	}
	var stop atomic.Bool
	faulted := make(chan struct{})
	go func() {
		if g.narrow {
			hugepages.Fault(g.cmoved, &stop)
		} else {
			hugepages.Fault(g.moved, &stop)
		}
		close(faulted)
	}()
	g.slots(keys)
	stop.Store(true)
	<-faulted
}

// move moves every line to its place (narrow for a narrow grouping), on
// every core, noting the days of each worker's share.
func (g *grouping) move() {
	moved, cmoved := g.moved, g.cmoved
	parallel(g.workers, func(w int) {
		next := g.counts[w]
		days := dayRange{first: math.MaxInt32, last: math.MinInt32}
		g.eachRun(w, func(k int32, run []gline) {
			next[k] += int32(copy(moved[next[k]:], run))
			// The runs are each in order of day, not one after another:
			// the grouping's runs are sorted again.
			days.first, days.last, days.back = min(days.first, run[0].day()), max(days.last, run[len(run)-1].day()), true
		})
		g.each(w, func(b lineBlock) {
			days.start(b)
			var back bool
			// Written out for each kind of line: a generic function calls
			// the methods of its type's lines through a dictionary, a call
			// each.
			switch {
			case g.narrow:
				days.last, back = moveNarrow(cmoved, next, b.custs, b.narrow, days.last)
			case b.narrow != nil:
				days.last, back = moveNarrowWide(moved, next, b.custs, b.narrow, days.last)
			default:
				days.last, back = moveWide(moved, next, b.wide, days.last)
			}
			days.back = days.back || back
		})
		g.days[w] = days
	})
}

// start starts d at the first line of b, if d has no line yet.
func (d *dayRange) start(b lineBlock) {
	if d.last == math.MinInt32 {
		day := b.line(0).day()
		d.first, d.last = day, day
	}
}

// moveWide moves the lines of b to their customers' next places, and
// returns the day of the last and whether one came before the one before
// it (last is the day before the first).
func moveWide(moved []gline, next []int32, b []line, last int32) (int32, bool) {
	back := int32(0)
	for i := range b {
		ln := &b[i]
		moved[next[ln.cust]] = ln.grouped()
		next[ln.cust]++
		d := ln.day()
		back |= d - last // negative once a day is before the last (days are below 2^24)
		last = d
	}
	return last, back < 0
}

// moveNarrowWide is moveWide for the lines of a narrow block, of
// customers custs, grouped wide.
func moveNarrowWide(moved []gline, next []int32, custs []int32, b []cline, last int32) (int32, bool) {
	back := int32(0)
	for i := range b {
		ln, k := &b[i], custs[i]
		moved[next[k]] = ln.grouped()
		next[k]++
		d := ln.day()
		back |= d - last
		last = d
	}
	return last, back < 0
}

// sortRunsByDay sorts each run of lines (run i is
// lines[offsets[i]:offsets[i+1]]) by day, keeping the order of equal
// days, on workers goroutines.
func sortRunsByDay(lines []gline, offsets []int32, workers int) {
	byDay := func(a, b gline) int { return int(a.day()) - int(b.day()) }
	runs := len(offsets) - 1
	parallel(workers, func(w int) {
		from, to := share(w, workers, runs)
		for i := from; i < to; i++ {
			// Logs usually come in date order: check before sorting.
			if run := lines[offsets[i]:offsets[i+1]]; !inDayOrder(run) {
				slices.SortStableFunc(run, byDay)
			}
		}
	})
}

// inDayOrder reports whether run is sorted by day: slices.IsSortedFunc,
// without a call per line.
func inDayOrder(run []gline) bool {
	for i := 1; i < len(run); i++ {
		if run[i].day() < run[i-1].day() {
			return false
		}
	}
	return true
}

// linesOf returns the lines of the customer with key k, once grouped.
func (l *Ledger) linesOf(k int32) []gline {
	g := l.groups()[k]
	return l.widened()[l.offsets[g]:l.offsets[g+1]]
}

// groups returns, once grouped, the group of each customer key (keys[g]
// is k for g = groups()[k]), making it on first use. It is made under a
// lock and read through an atomic pointer, so that calls that only read a
// grouped ledger (Profile on several goroutines, which a Ledger does not
// promise but did not break) stay free of races.
func (l *Ledger) groups() []int32 {
	if g := l.group.Load(); g != nil {
		return *g
	}
	if !l.sorted {
		return nil
	}
	l.groupMu.Lock()
	defer l.groupMu.Unlock()
	if g := l.group.Load(); g != nil {
		return *g
	}
	group := hugepages.Make[int32](l.keySpace, l.keySpace)
	for g, k := range l.keys {
		group[k] = int32(g)
	}
	l.group.Store(&group)
	return group
}

// minLinesPerWorker keeps small ledgers on one goroutine. A variable so
// that tests can group small ledgers on several.
var minLinesPerWorker = 64 << 10
