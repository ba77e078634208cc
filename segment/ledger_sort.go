package segment

import (
	"runtime"
	"slices"

	"github.com/clientele-go/clientele/internal/hugepages"
)

// sort groups lines by customer and, within a customer, by day, keeping
// input order among equal days. The groups follow the order of first
// appearance, or the order of id when byID is set; once grouped by id, the
// ledger stays so until lines are added (any order can be read through
// group and keys; byID only decides which order reads memory in order).
//
// It is a counting sort by the customer's position, in parallel the way
// that reads each line only twice: worker w owns a contiguous share of
// the lines (in input order) and counts its own lines per customer; the
// counts give every worker its own slots in each customer's run, worker 0
// first, so the runs keep input order; then each worker moves its lines
// into its slots. Each customer's run is then sorted by day, where needed.
func (l *Ledger) sort(byID bool) {
	if l.sorted && (l.byID || !byID) {
		return
	}
	n := len(l.order)
	keys := l.order
	if byID {
		keys = inIDOrder(append(hugepages.Make[int32](0, n), l.order...), l.id)
	}
	names := l.namesOf(keys)
	size := 0
	for s := range l.shards {
		size = max(size, int(l.shards[s].n)<<shardBits)
	}
	// New, not reused: views read the old one. Huge pages: it is read at
	// random for every line, twice.
	pos := hugepages.Make[int32](size, size)
	for g, k := range keys {
		pos[k] = int32(g)
	}
	total := l.Len()
	blocks := append([][]line{l.lines}, l.more...)
	workers := min(runtime.GOMAXPROCS(0), 1+total/minLinesPerWorker)
	// each(w, fn) calls fn with worker w's share of the lines, block by
	// block.
	each := func(w int, fn func([]line)) {
		from, to := share(w, workers, total)
		at := 0
		for _, b := range blocks {
			lo, hi := max(from-at, 0), min(to-at, len(b))
			if lo < hi {
				fn(b[lo:hi])
			}
			at += len(b)
		}
	}
	slot := make([][]int32, workers) // worker w's next slot for each position
	parallel(workers, func(w int) {
		count := hugepages.Make[int32](n, n) // written at random for every line, twice
		each(w, func(b []line) {
			for i := range b {
				count[pos[b[i].cust]]++
			}
		})
		slot[w] = count
	})
	offsets := hugepages.Make[int32](n+1, n+1)
	at := int32(0)
	for p := range n {
		offsets[p] = at
		for w := range workers {
			c := slot[w][p]
			slot[w][p] = at
			at += c
		}
	}
	offsets[n] = at
	sorted := hugepages.Make[line](total, total)
	parallel(workers, func(w int) {
		next := slot[w]
		each(w, func(b []line) {
			for _, ln := range b {
				p := pos[ln.cust]
				sorted[next[p]] = ln
				next[p]++
			}
		})
	})
	byDay := func(a, b line) int { return int(a.day()) - int(b.day()) }
	parallel(workers, func(w int) {
		from, to := share(w, workers, n)
		for i := from; i < to; i++ {
			// Logs usually come in date order: check before sorting.
			if run := sorted[offsets[i]:offsets[i+1]]; !slices.IsSortedFunc(run, byDay) {
				slices.SortStableFunc(run, byDay)
			}
		}
	})
	l.lines, l.more, l.pending, l.spare, l.chunks = sorted, nil, 0, nil, nil
	l.group, l.keys, l.names, l.offsets = pos, keys, names, offsets
	l.sorted, l.byID = true, byID
}

// linesOf returns the lines of the customer with key k, once grouped.
func (l *Ledger) linesOf(k int32) []line {
	g := l.group[k]
	return l.lines[l.offsets[g]:l.offsets[g+1]]
}

// namesOf returns the ids of the customers with keys, on every core.
func (l *Ledger) namesOf(keys []int32) []string {
	names := hugepages.Make[string](len(keys), len(keys))
	workers := min(runtime.GOMAXPROCS(0), 1+len(keys)/minLinesPerWorker)
	parallel(workers, func(w int) {
		from, to := share(w, workers, len(keys))
		for i := from; i < to; i++ {
			names[i] = l.id(keys[i])
		}
	})
	return names
}

// minLinesPerWorker keeps small ledgers on one goroutine. A variable so
// that tests can group small ledgers on several.
var minLinesPerWorker = 64 << 10
