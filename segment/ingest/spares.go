package ingest

import (
	"sync"

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
}

// newSpares returns spares for up to n blocks in flight.
func newSpares(n int) *spares {
	return &spares{bufs: make(chan []byte, n), lines: make(chan []bulk.Line, n)}
}

// buffer returns an empty buffer with room for n bytes.
func (s *spares) buffer(n int) []byte {
	select {
	case b := <-s.bufs:
		if cap(b) >= n {
			return b
		}
	default:
	}
	if b, ok := buffers.Get().(*[]byte); ok && cap(*b) >= n {
		return (*b)[:0]
	}
	return make([]byte, 0, n)
}

// lineSlice returns an empty slice of lines, nil when there is none spare.
func (s *spares) lineSlice() []bulk.Line {
	select {
	case ls := <-s.lines:
		return ls
	default:
	}
	if ls, ok := lineSlices.Get().(*[]bulk.Line); ok {
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
