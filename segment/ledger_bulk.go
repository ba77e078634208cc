package segment

import (
	"math"
	"runtime"
	"sync"
)

// AddOrders adds orders as calling [Ledger.Add] on each in turn would, and
// stops at the first invalid one: it returns how many orders were added
// (those before it) and its error. The ledger ends up exactly as after
// those calls to Add; only the work is spread over the cores (up to
// GOMAXPROCS goroutines for a long slice).
//
// Unlike Add, it keeps a copy of the id of each new customer, so the orders
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
	// The ids of new customers are copied at the end, all of a shard into
	// one string: a million small strings would cost the garbage
	// collector more than the bytes.
	var before [numShards]int
	for s := range l.shards {
		before[s] = len(l.shards[s].ids)
	}
	workers := min(runtime.GOMAXPROCS(0), numShards, 1+n/minOrdersPerWorker)
	if workers == 1 {
		for i := range orders {
			o := &orders[i]
			h := l.hash(o.Customer)
			s := shardOf(h)
			k, added := l.shards[s].add(o.Customer, h, s)
			if added {
				l.order = append(l.order, k)
			}
			l.appendLine(lineOf(o, k))
			l.latest = later(l.latest, o.Date)
		}
		for s := range l.shards {
			l.shards[s].copyIDs(before[s])
		}
		l.sorted = l.sorted && n == 0
		return n, err
	}

	lines := make([]line, n)
	l.more = append(l.more, lines)
	l.pending += n
	l.hash("")                // sets the seed before the goroutines read it
	hash := make([]uint64, n) // each order's id's hash
	shard := make([]uint8, n) // each order's shard
	fresh := make([]bool, n)  // whether the order brings a new customer
	latest := make([]Date, workers)
	// First by ranges of orders: the lines, and the shard of each id.
	parallel(workers, func(w int) {
		from, to := w*n/workers, (w+1)*n/workers
		for i := from; i < to; i++ {
			o := &orders[i]
			hash[i] = l.hash(o.Customer)
			shard[i] = shardOf(hash[i])
			lines[i] = lineOf(o, 0)
			latest[w] = later(latest[w], o.Date)
		}
	})
	// Then by shards: each worker looks up the ids of the shards it owns,
	// in input order, so each shard numbers its new customers in order of
	// first appearance.
	parallel(workers, func(w int) {
		for i, s := range shard {
			if int(s)%workers != w {
				continue
			}
			k, added := l.shards[s].add(orders[i].Customer, hash[i], s)
			fresh[i] = added
			lines[i].cust = k
		}
		for s := w; s < numShards; s += workers {
			l.shards[s].copyIDs(before[s])
		}
	})
	// Last, in input order: the new customers join the order of first
	// appearance.
	for i, f := range fresh {
		if f {
			l.order = append(l.order, lines[i].cust)
		}
	}
	for _, d := range latest {
		l.latest = later(l.latest, d)
	}
	l.sorted = false
	return n, err
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
