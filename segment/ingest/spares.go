package ingest

import (
	"sync"
	"sync/atomic"

	"github.com/clientele-go/clientele/internal/hugepages"
	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// Blocks' buffers and line slices are recycled: allocating them afresh
// for every block costs more than parsing it. A load keeps its own
// (spares) and leaves them in these pools when it ends, for the next.
var buffers, lineSlices sync.Pool

// spares keeps the buffers and line slices of a load's blocks for its
// later blocks. No more than a few blocks per core are in flight, so
// after the first few no block allocates; with the pools alone, which
// every garbage collection empties, a large load allocated (and faulted
// in, about 12 µs a page on this VM) fresh megabytes after each one.
type spares struct {
	bufs  chan []byte
	lines chan []bulk.Line
	ended atomic.Bool  // split has returned: the input is read, or the load stopped (see ready)
	made  atomic.Int32 // buffers made by buffer, for the tests
	// readying is closed when ready has returned; nil until split starts
	// it (startReady). Only split's goroutine reads it.
	readying chan struct{}
}

// startReady runs ready(n, size, lines) on a goroutine of its own, and
// from then on buffer and lineSlice wait for what it readies rather than
// make their own: a buffer made while ready faulted its first huge page
// took 128 faults of 4 KiB (10 µs each on the AMD host of 2026-12-07),
// a huge page of ready's gives four buffers, and the first blocks' made
// buffers and grown line slices were a thousand faults on the
// 1M-customer file.
func (s *spares) startReady(n, size, lines int) {
	done := make(chan struct{})
	s.readying = done
	go func() {
		defer close(done)
		s.ready(n, size, lines)
	}()
}

// next receives what c holds or, while ready runs (readying open), what
// it sends next; ok is false if there is nothing and ready has returned.
func next[T any](c chan T, readying chan struct{}) (v T, ok bool) {
	select {
	case v = <-c:
		return v, true
	default:
	}
	if readying == nil {
		return v, false
	}
	select {
	case v = <-c:
		return v, true
	case <-readying:
		select {
		case v = <-c:
			return v, true
		default:
			return v, false
		}
	}
}

// newSpares returns spares for up to n blocks in flight.
func newSpares(n int) *spares {
	return &spares{bufs: make(chan []byte, n), lines: make(chan []bulk.Line, n)}
}

// buffer returns an empty buffer with room for n bytes.
func (s *spares) buffer(n int) []byte {
	if b, ok := next(s.bufs, s.readying); ok && cap(b) >= n {
		return b
	}
	if b := pooledBuffer(n); b != nil {
		return b
	}
	s.made.Add(1)
	return make([]byte, 0, n)
}

// pooledBuffer returns an empty buffer with room for n bytes from the
// pool an earlier load left, nil if it has none (one too small is
// dropped).
func pooledBuffer(n int) []byte {
	if b, ok := buffers.Get().(*[]byte); ok && cap(*b) >= n {
		return (*b)[:0]
	}
	return nil
}

// ready puts up to n buffers of size bytes among the spares (at most
// maxReady), each with its memory faulted in, and as many slices with
// room for lines lines, until split returns. split starts it once its
// first read fills a block: until then the other cores have nothing to
// parse, while every read into a new buffer faulted its pages in as the
// kernel copied into them, on the goroutine every other waits for at the
// start of a load (a read of 512 KiB took 0.6 ms into a new buffer, 0.05
// into a used one, on this project's VM; the CLI on the 1M-customer file
// took 2% less time with them ready). Buffers and slices left by an
// earlier load (in the pools, those a ready made and faulted in) are
// taken first: their memory is in already. The others are carved from
// one array of each kind (hugepages.MakeInOrder), in huge pages where
// those are the cheaper to touch first: made one by one they took some
// 2,300 faults of 4 KiB on the 1M-customer file, each 10 µs on the AMD
// host of 2026-12-07.
func (s *spares) ready(n, size, lines int) {
	n = min(n, maxReady)
	if s.ended.Load() {
		return
	}
	var bufs [maxReady][]byte
	var slices [maxReady][]bulk.Line
	var pooled, pooledLs [maxReady]bool
	made, madeLines := 0, 0
	for i := range n {
		bufs[i] = pooledBuffer(size)
		slices[i] = pooledLines(lines)
		pooled[i], pooledLs[i] = bufs[i] != nil, slices[i] != nil
		if !pooled[i] {
			made++
		}
		if !pooledLs[i] {
			madeLines++
		}
	}
	slab := hugepages.MakeInOrder[byte](made*size, made*size)
	lineSlab := hugepages.MakeInOrder[bulk.Line](madeLines*lines, madeLines*lines)
	for i := range n {
		if !pooled[i] {
			bufs[i], slab = slab[:size:size], slab[size:]
		}
		if !pooledLs[i] {
			slices[i], lineSlab = lineSlab[:lines:lines], lineSlab[lines:]
		}
	}
	i := 0
	// What was taken from the pools and not readied goes back, as
	// release leaves spares; what was made and not readied is dropped,
	// its memory not in.
	defer func() {
		for ; i < n; i++ {
			if pooled[i] {
				b := bufs[i][:0]
				buffers.Put(&b)
			}
			if pooledLs[i] {
				ls := slices[i][:0]
				lineSlices.Put(&ls)
			}
		}
	}()
	for ; i < n && !s.ended.Load(); i++ {
		// What the pools gave has its memory in already.
		if !pooled[i] {
			hugepages.Fault(bufs[i], &s.ended)
		}
		if !pooledLs[i] {
			hugepages.Fault(slices[i], &s.ended)
		}
		select {
		case s.bufs <- bufs[i][:0]:
		default:
			return
		}
		select {
		case s.lines <- slices[i][:0]:
		default:
			ls := slices[i][:0]
			lineSlices.Put(&ls)
		}
	}
}

// lineSlice returns an empty slice of lines, nil when there is none spare.
func (s *spares) lineSlice() []bulk.Line {
	if ls, ok := next(s.lines, s.readying); ok {
		return ls
	}
	return pooledLines(0)
}

// pooledLines returns an empty slice with room for n lines from the pool
// an earlier load left, nil if it has none (one too small is dropped).
func pooledLines(n int) []bulk.Line {
	if ls, ok := lineSlices.Get().(*[]bulk.Line); ok && cap(*ls) >= n {
		return (*ls)[:0]
	}
	return nil
}

// recycle keeps b's buffer and orders for other blocks once they are in
// the ledger (which keeps copies of what it needs, not the orders).
func (s *spares) recycle(b *block) {
	select {
	case s.bufs <- b.data[:0]:
	default:
		data := b.data[:0]
		buffers.Put(&data)
	}
	select {
	case s.lines <- b.orders[:0]:
	default:
		orders := b.orders[:0]
		lineSlices.Put(&orders)
	}
	b.data, b.orders = nil, nil
}

// maxReady bounds the buffers ready readies: a many-core
// machine's spares are many (one a core and more), and a slow input (a
// pipe) never needs them all; on two cores the spares are eight, seven
// of them readied.
const maxReady = 16

// release leaves the spares in the pools, for the next load.
func (s *spares) release() {
	for {
		select {
		case b := <-s.bufs:
			buffers.Put(&b)
		case ls := <-s.lines:
			lineSlices.Put(&ls)
		default:
			return
		}
	}
}
