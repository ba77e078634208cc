package segment

import (
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// AddOrders adds orders as calling [Ledger.Add] on each in turn would, and
// stops at the first invalid one: it returns how many orders were added
// (those before it) and its error. The ledger ends up exactly as after
// those calls to Add; only the work is spread over the cores (up to
// GOMAXPROCS goroutines for a long slice).
//
// Like Add, it keeps a copy of the id of each new customer, so the orders
// may hold substrings of a large buffer (a block of an input file) without
// the ledger keeping the buffer alive.
func (l *Ledger) AddOrders(orders []Order) (int, error) {
	var err error
	for i := range orders {
		if e := orders[i].Validate(); e != nil {
			orders, err = orders[:i], e
			break
		}
	}
	n := len(orders)
	workers := min(runtime.GOMAXPROCS(0), numShards, 1+n/minOrdersPerWorker)
	if workers == 1 {
		for i := range orders {
			o := &orders[i]
			l.appendLine(lineOf(o, l.customer(o.Customer)))
			l.latest = later(l.latest, o.Date)
		}
		l.sorted = l.sorted && n == 0
		return n, err
	}
	l.hash("") // sets the seed before the goroutines read it
	l.addParallel(workers, n, func(i int, ln *line) (uint64, bool) {
		o := &orders[i]
		*ln = lineOf(o, 0)
		if i > 0 && o.Customer == orders[i-1].Customer {
			return 0, true // no need to hash it
		}
		return l.hash(o.Customer), false
	}, func(i int) string { return orders[i].Customer })
	return n, err
}

func init() {
	bulk.Seed = func(ledger any) maphash.Seed {
		l := ledger.(*Ledger)
		l.hash("")
		return l.seed
	}
	bulk.Add = func(ledger any, data []byte, lines []bulk.Line) { ledger.(*Ledger).addBulk(data, lines) }
}

// addBulk adds lines parsed by segment/ingest (see [bulk.Add]): as
// AddOrders, without an Order made of each.
func (l *Ledger) addBulk(data []byte, lines []bulk.Line) {
	// id is the customer id of line i. Its string shares data's bytes: the index
	// only compares it and copies it, and data is not changed while this
	// runs.
	id := func(i int) string {
		ln := &lines[i]
		return unsafe.String(&data[ln.From], ln.To-ln.From)
	}
	n := len(lines)
	workers := min(runtime.GOMAXPROCS(0), numShards, 1+n/minOrdersPerWorker)
	if workers == 1 {
		k := int32(0)
		for i := range lines {
			ln := &lines[i]
			if !ln.Repeat {
				k = l.customer(id(i))
			}
			l.appendLine(bulkLine(ln, k))
			l.latest = later(l.latest, Date{n: ln.Day})
		}
		l.sorted = l.sorted && n == 0
		return
	}
	l.addParallel(workers, n, func(i int, ln *line) (uint64, bool) {
		b := &lines[i]
		*ln = bulkLine(b, 0)
		return b.Hash, b.Repeat
	}, id)
}

// bulkLine is the ledger's line for b, of the customer with key k.
func bulkLine(b *bulk.Line, k int32) line {
	o := Order{Date: Date{n: b.Day}, Amount: b.Amount, Flags: Flags(b.Flags), Known: Flags(b.Known)}
	return lineOf(&o, k)
}

// addParallel adds n lines on the given number of goroutines. set(i, ln)
// fills in line i but its customer, and returns the hash of its customer
// id, or true if it is the customer of line i-1 (in which case the hash
// is not needed); id(i) is the customer id of line i.
func (l *Ledger) addParallel(workers, n int, set func(i int, ln *line) (uint64, bool), id func(i int) string) {
	lines := make([]line, n)
	l.more = append(l.more, lines)
	l.pending += n
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.hash = slices.Grow(sc.hash[:0], n)[:n]
	sc.shard = slices.Grow(sc.shard[:0], n)[:n]
	hash, shard := sc.hash, sc.shard
	latest := make([]int32, workers)
	// First by ranges of lines: the lines, and the shard of each id.
	parallel(workers, func(w int) {
		from, to := w*n/workers, (w+1)*n/workers
		last := int32(math.MinInt32)
		for i := from; i < to; i++ {
			h, rep := set(i, &lines[i])
			last = max(last, lines[i].day)
			if rep {
				// An order often follows another of the same customer
				// (the lines of one sale): no need to look it up.
				shard[i] = repeat
				continue
			}
			hash[i], shard[i] = h, shardOf(h)
		}
		latest[w] = last
	})
	fresh := l.lookupAll(workers, hash, shard, lines, id)
	// Last, in input order: the new customers join the order of first
	// appearance.
	for _, i := range fresh {
		l.order = append(l.order, lines[i].cust)
	}
	for _, d := range latest {
		if d != math.MinInt32 {
			l.latest = later(l.latest, Date{n: d})
		}
	}
	l.sorted = false
}

// scratch is the memory of addParallel that it does not keep: allocating
// it afresh for each block of an input would cost more than using it.
type scratch struct {
	hash  []uint64 // each line's id's hash
	shard []uint8  // each line's shard, or repeat
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// repeat marks, instead of a shard, a line of the same customer as the
// line before it.
const repeat = numShards

// lookupAll sets the customer key of each line, looking its id up (and
// adding it if new) in its shard, and returns the lines that brought a new
// customer, in input order. Each of the workers looks up the ids of the
// shards it owns, in input order, so each shard numbers its new customers
// in order of first appearance. A repeat line takes the key of the line
// before it, which has the same shard and so the same worker.
func (l *Ledger) lookupAll(workers int, hash []uint64, shard []uint8, lines []line, id func(i int) string) []int32 {
	fresh := make([][]int32, workers)
	parallel(workers, func(w int) {
		var mine []int32
		var warm uint64
		// In batches: first read the slots where the batch's look-ups
		// will start (the processor waits for those cache misses
		// together), then look up.
		const batch = 32
		last := uint8(0) // the shard of the last line that was not a repeat
		for from := 0; from < len(shard); from += batch {
			to := min(from+batch, len(shard))
			for i := from; i < to; i++ {
				if s := shard[i]; s != repeat && int(s)%workers == w {
					warm += l.shards[s].warm(hash[i])
				}
			}
			for i := from; i < to; i++ {
				s := shard[i]
				if s == repeat {
					if int(last)%workers == w {
						lines[i].cust = lines[i-1].cust
					}
					continue
				}
				last = s
				if int(s)%workers != w {
					continue
				}
				k, added := l.shards[s].add(id(i), hash[i], s)
				if added {
					mine = append(mine, int32(i))
				}
				lines[i].cust = k
			}
		}
		fresh[w] = mine
		warmed.Add(warm)
	})
	return mergeSorted(fresh)
}

// warmed takes the sum of the slots read ahead, so that the compiler
// keeps the reads.
var warmed atomic.Uint64

// mergeSorted merges ascending lists into one.
func mergeSorted(lists [][]int32) []int32 {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	out := make([]int32, 0, n)
	for len(out) < n {
		best := -1
		for j, l := range lists {
			if len(l) > 0 && (best < 0 || l[0] < lists[best][0]) {
				best = j
			}
		}
		out = append(out, lists[best][0])
		lists[best] = lists[best][1:]
	}
	return out
}

// minOrdersPerWorker keeps short slices on one goroutine, where starting
// more would cost more than it saves.
const minOrdersPerWorker = 16 << 10

// lineOf is the ledger's line for o, a valid order, of the customer with
// key k.
func lineOf(o *Order, k int32) line {
	return line{
		cust:  k,
		day:   o.Date.n,
		micro: int64(math.Round(o.Net() * microsPerUnit)),
		flags: o.Flags & o.Known,
		known: o.Known,
	}
}

// later returns the later of two dates.
func later(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}

// parallel runs fn(0) .. fn(workers-1) at once and waits for them all.
func parallel(workers int, fn func(w int)) {
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(w)
		}()
	}
	fn(0)
	wg.Wait()
}
