package segment

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/clientele-go/clientele/internal/hugepages"
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
	l.needIndex()
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
	key := l.hashKey() // sets the seed before the goroutines read it
	sc := scratchPool.Get().(*[]bulk.Line)
	defer scratchPool.Put(sc)
	ls := slices.Grow((*sc)[:0], n)[:n]
	*sc = ls
	parallel(workers, func(w int) {
		from, to := share(w, workers, n)
		for i := from; i < to; i++ {
			o := &orders[i]
			ls[i] = bulk.Line{Day: o.Date.n, Micros: micros(o.Amount), Flags: uint8(o.Flags), Known: uint8(o.Known)}
			if i > 0 && o.Customer == orders[i-1].Customer {
				ls[i].Repeat = true // no need to hash it
			} else {
				ls[i].Hash = bulk.HashString(key, o.Customer)
			}
		}
	})
	l.addLines(workers, ls, lineIDs{orders: orders})
	return n, err
}

// scratchPool holds AddOrders' slices of lines, which it does not keep:
// allocating them afresh for each call would cost more than using them.
var scratchPool = sync.Pool{New: func() any { return new([]bulk.Line) }}

func init() {
	bulk.KeyOf = func(ledger any) bulk.Key { return *ledger.(*Ledger).hashKey() }
	bulk.Stream = func(ledger any) bulk.Sink {
		return newBlockStream(ledger.(*Ledger), min(runtime.GOMAXPROCS(0), numShards))
	}
}

// addSerial adds lines parsed by segment/ingest (see [bulk.Sink]) on the
// calling goroutine: as AddOrders on one, without an Order made of each.
func (l *Ledger) addSerial(data []byte, lines []bulk.Line) {
	l.needIndex()
	ids := lineIDs{data: data}
	k := int32(0)
	for i := range lines {
		ln := &lines[i]
		if !ln.Repeat {
			k = l.addCustomer(ids.probe(i, ln), ln.Hash)
		}
		l.appendLine(bulkLine(ln, k))
		l.latest = later(l.latest, Date{n: ln.Day})
	}
	l.sorted = l.sorted && len(lines) == 0
}

// lineIDs gives the customer ids of a block's lines: of lines parsed by
// segment/ingest, an id of up to 8 bytes from the line itself and a
// longer one from the block's bytes, data (see bulk.Line.ID); else the
// orders'.
type lineIDs struct {
	data   []byte
	orders []Order
}

// probe returns the idProbe of the customer id of line i, b: an id of data
// read there only when over 8 bytes (a shorter one is in b), sharing its
// bytes, since the index only compares it and copies it, and data is not
// changed while the block is added.
func (ids *lineIDs) probe(i int, b *bulk.Line) idProbe {
	if ids.orders != nil {
		return probeOf(ids.orders[i].Customer, b.Hash)
	}
	if b.Short != 0 {
		return wordProbe(b.ID, int(b.Short), b.Hash)
	}
	from, to := b.Span()
	return probeOf(unsafe.String(&ids.data[from], to-from), b.Hash)
}

// bulkLine is the ledger's line for b, of the customer with key k.
// It is lineOf of the order, without the order: made and passed by
// pointer to lineOf, a whole Order was zeroed for every line. The amount
// comes in micros, and a return's positive amount counts negative, as
// Order.Net has it (the micros of the negated amount are the negated
// micros: rounding is symmetric).
func bulkLine(b *bulk.Line, k int32) line {
	m := b.Micros
	if b.Flags&uint8(Return) != 0 && m > 0 {
		m = -m
	}
	return newLine(k, b.Day, m, Flags(b.Flags&b.Known), Flags(b.Known))
}

// addLines adds ls, the customer id of line i being ids.probe(i, &ls[i]),
// on the given number of goroutines, each of which owns some shards of
// the customer index. Each looks up the ids of its shards (adding the new
// ones) in input order, so that each shard numbers its new customers in
// order of first appearance, and writes their lines. A repeat line is
// written by the owner of the line before it, with the same customer. The
// lines are dealt to their owners first (dealLines), so that each walks
// its own.
func (l *Ledger) addLines(workers int, ls []bulk.Line, ids lineIDs) {
	sc := dealPool.Get().(*[]int32)
	defer dealPool.Put(sc)
	*sc = slices.Grow((*sc)[:0], workers*len(ls))[:workers*len(ls)]
	lists, wide := dealLines(workers, ls, *sc)
	lines := l.blockRoom(ls, wide)
	if l.pending >= bulkTableLines {
		l.tablesAtLeast(hugeTableSlots, 0, 1)
	}
	fresh := l.scratch.freshLists(workers)
	latest := make([]int32, workers)
	parallel(workers, func(w int) {
		fresh[w], latest[w] = l.insertOwn(ls, lines, ids, lists, w, workers, fresh[w])
	})
	l.joinFresh(lines, fresh, latest)
}

// blockRoom returns where the lines of a block go (see bulkBlock), once
// the ledger counts them: wide if an amount of the block is not
// narrowable (see lineBlock), as dealLines tells.
func (l *Ledger) blockRoom(ls []bulk.Line, wide bool) lineBlock {
	if len(ls) > 0 && ls[0].Repeat {
		panic("segment: the first line of a block is a repeat")
	}
	var lines lineBlock
	if wide {
		lines.wide = l.bulkBlock(len(ls))
	} else {
		// Three wide lines' room holds four narrow ones: the customers,
		// then (from a boundary of 8 bytes) the rest. The chunks hold no
		// pointers, so their memory may be read as these.
		n := len(ls)
		custBytes := (n*int(unsafe.Sizeof(int32(0))) + 7) &^ 7
		room := l.bulkBlock((custBytes + n*int(unsafe.Sizeof(cline{})) + int(unsafe.Sizeof(line{})) - 1) / int(unsafe.Sizeof(line{})))
		at := unsafe.Pointer(unsafe.SliceData(room))
		lines.custs = unsafe.Slice((*int32)(at), n)
		lines.narrow = unsafe.Slice((*cline)(unsafe.Add(at, custBytes)), n)
	}
	l.more = append(l.more, lines)
	l.pending += len(ls)
	l.sorted = false
	return lines
}

// insertOwn adds the lines of ls that owner w of workers adds, in
// lists[w], lists[w+workers], and so on (a range's lists for each owner),
// into lines. It returns fresh's array with the lines of new customers,
// and the latest day of the lines (MinInt32 for none).
func (l *Ledger) insertOwn(ls []bulk.Line, lines lineBlock, ids lineIDs, lists []dealt, w, workers int, fresh []int32) ([]int32, int32) {
	in := inserter{l: l, ls: ls, wide: lines.wide, custs: lines.custs, narrow: lines.narrow, ids: ids, last: math.MinInt32, fresh: fresh[:0]}
	for i := w; i < len(lists); i += workers {
		in.addDealt(lists[i])
	}
	return in.fresh, in.last
}

// joinFresh ends the adding of a block's lines, on one goroutine, in
// input order of the blocks: the new customers (each owner's list of
// their lines, fresh) join the order of first appearance, and the latest
// days (MinInt32 for none) the ledger's.
func (l *Ledger) joinFresh(lines lineBlock, fresh [][]int32, latest []int32) {
	added := l.scratch.merge(fresh)
	l.order = growLarge(l.order, len(added))
	for _, i := range added {
		l.order = append(l.order, lines.cust(int(i)))
	}
	for _, d := range latest {
		if d != math.MinInt32 {
			l.latest = later(l.latest, Date{n: d})
		}
	}
}

// bulkBlock returns room for a block of n lines, carved from a chunk
// that grows with the ledger, up to maxChunkLines. A block of a CSV file
// (a megabyte) holds some forty thousand lines, 640 KiB wide, 480 KiB
// narrow. Chunks of 2 MiB
// and more are mapped outside the heap (hugepages.MapInOrder), so that
// grouping can give their memory back the moment it has copied their
// lines (dropChunks), and in 4 KiB pages unless huge ones are the cheaper
// to touch first (hugepages.MapInOrder): they are written in order, and
// a huge page's first touch can cost more where the host has taken the
// memory back (on the 1M-customer file, the chunks in huge pages made a
// run seconds after another program's 0.1 s slower on the Intel host of
// BENCHMARKS.md's tenth round), or less where each 4 KiB fault is an exit
// to the hypervisor (on the AMD host of 2026-12-07 the load took 0.45–
// 0.5 s in 4 KiB pages, 0.3–0.4 in huge ones). Blocks are capped at n so
// that appendLine never writes into the next block's room.
func (l *Ledger) bulkBlock(n int) []line {
	if cap(l.spare)-len(l.spare) < n {
		size := max(n, min(l.pending, maxChunkLines))
		if l.pending+n >= hugeChunkFrom {
			size = max(size, hugeChunkLines)
		}
		chunk, keep := hugepages.MapInOrder[line](size)
		l.noteUsed()
		l.spare, l.chunks = chunk[:0], append(l.chunks, lineChunk{keep: keep})
	}
	at := len(l.spare)
	l.spare = l.spare[:at+n]
	return l.spare[at : at+n : at+n]
}

// A ledger that has taken bulkTableLines lines in bulk gets index tables
// of hugeTableSlots slots at least, a huge page each (2 MiB): a table
// doubling from 64 slots to that size took some 2,000 faults of 4 KiB on
// the 1M-customer file, in the heap's reused memory, and a huge page
// takes one. Small ledgers (a CRM's, of one customer) keep small tables.
const (
	bulkTableLines = 64 << 10
	hugeTableSlots = hugepages.Size / int(unsafe.Sizeof(slot{}))
)

// tablesAtLeast grows the tables of shards from, from+step, and so on to
// size slots, if smaller.
func (l *Ledger) tablesAtLeast(size, from, step int) {
	for s := from; s < numShards; s += step {
		if sh := &l.shards[s]; len(sh.slots) < size {
			sh.growTo(size)
		}
	}
}

// dropChunks forgets the lines added since the last grouping, once
// grouping has copied them, and unmaps the chunks bulk blocks were carved
// from (see hugepages.Mapping.Release), so that the process does not
// keep them, but for those a fit's room takes (see roomLoan), which the
// ledger keeps to lend. Only grouping reads the chunks' lines, and a
// Ledger is not copied, so nothing else can. The unmapping goes on a
// goroutine of its own: on the 1M-customer file it took 3.5 ms of the
// kernel's time, with the CLI's other core idle.
func (l *Ledger) dropChunks() {
	l.noteUsed()
	loan, rest := keepRoom(l.chunks, len(l.order))
	l.more, l.pending, l.spare, l.chunks = nil, 0, nil, nil
	if old := l.loan.Swap(loan); old != nil {
		// The last grouping's loan, not lent (a fit that has it gives it
		// back, or unmaps it, itself): unmapped here, as a ledger grouped
		// again for a view is no batch load's hurry.
		old.release()
	}
	if len(rest) == 0 {
		return
	}
	go func() {
		for _, c := range rest {
			c.keep.Release()
		}
	}()
}

// noteUsed notes how much of the last chunk the blocks have taken.
func (l *Ledger) noteUsed() {
	if n := len(l.chunks); n > 0 {
		l.chunks[n-1].used = len(l.spare) * int(unsafe.Sizeof(line{}))
	}
}

// maxChunkLines bounds the chunks of bulkBlock (32 MiB): the last chunk's
// unused room is address space, not memory, until written.
const maxChunkLines = 2 << 20

// A ledger whose bulk lines reach hugeChunkFrom (a quarter of a huge
// page of lines) gets chunks of a huge page at least: the chunks growing
// from a block's size to a huge page took some 400 faults of 4 KiB on
// the 1M-customer file, 10 µs each on the AMD host of 2026-12-07. Small
// loads keep small chunks.
const (
	hugeChunkLines = hugepages.Size / int(unsafe.Sizeof(line{}))
	hugeChunkFrom  = hugeChunkLines / 4
)

// warmed takes the sum of what is read ahead (by prefetchByLoads and by
// View.warmIDs), so that the compiler keeps the reads.
var warmed atomic.Uint64

// bulkScratch is what addLines keeps from block to block: each worker's
// list of the lines with a new customer, and their merge. Made afresh for
// every block of a large load, they were garbage a block later, and the
// heap's churn cost some 2,000 page faults on the 1M-customer file.
type bulkScratch struct {
	fresh  [][]int32
	merged []int32
}

// freshLists returns a list for each of the workers, emptied.
func (sc *bulkScratch) freshLists(workers int) [][]int32 {
	for len(sc.fresh) < workers {
		sc.fresh = append(sc.fresh, nil)
	}
	return sc.fresh[:workers]
}

// merge merges ascending lists into one, reusing its last merge's array.
func (sc *bulkScratch) merge(lists [][]int32) []int32 {
	if len(lists) != 2 {
		return mergeSorted(lists)
	}
	sc.merged = mergeInto(sc.merged[:0], lists[0], lists[1])
	return sc.merged
}

// mergeSorted merges ascending lists into one, in pairs.
func mergeSorted(lists [][]int32) []int32 {
	switch len(lists) {
	case 0:
		return nil
	case 1:
		return lists[0]
	}
	half := len(lists) / 2
	return merge(mergeSorted(lists[:half]), mergeSorted(lists[half:]))
}

// merge merges two ascending lists into a new one. It takes the lesser
// head without a branch: which list has it is as random as the lines'
// shards.
func merge(a, b []int32) []int32 { return mergeInto(nil, a, b) }

// mergeInto is merge into dst's array, if it has the room.
func mergeInto(dst, a, b []int32) []int32 {
	out := slices.Grow(dst[:0], len(a)+len(b))[:len(a)+len(b)]
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		fromA := int(bit(x < y))
		out[k] = min(x, y)
		i, j, k = i+fromA, j+1-fromA, k+1
	}
	k += copy(out[k:], a[i:])
	copy(out[k:], b[j:])
	return out
}

// minOrdersPerWorker keeps AddOrders' short slices on one goroutine,
// where starting more would cost more than it saves. A variable so that
// tests can add short slices in bulk.
var minOrdersPerWorker = 4 << 10

// lineOf is the ledger's line for o, a valid order, of the customer with
// key k.
func lineOf(o *Order, k int32) line {
	return newLine(k, o.Date.n, micros(o.Net()), o.Flags&o.Known, o.Known)
}

// micros is an amount in the ledger's fixed point (microsPerUnit a unit).
func micros(amount float64) int64 { return bulk.Micros(amount) }

// later returns the later of two dates.
func later(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}

// share returns worker w's part [from, to) of n items split between
// workers in contiguous, nearly equal parts, in order.
func share(w, workers, n int) (from, to int) { return w * n / workers, (w + 1) * n / workers }

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
