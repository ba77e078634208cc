package segment

import (
	"fmt"
	"runtime/debug"
	"slices"
	"sync/atomic"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// blockStream adds the blocks of a CSV load (see bulk.Stream) on
// long-lived owners, one goroutine per worker, each of which owns the
// shards s with s%workers == w, as addLines' workers do, but with no
// barrier between blocks: an owner goes on with the next block while the
// other finishes this one. With addLines, the caller waited at every
// block for the later of the two (the other core often busy with a parser
// when it started), and a core was idle for a fifth of the load. The
// caller deals each block's lines to the owners and, once both are done
// with a block, joins its new customers to the order of first appearance,
// in block order.
type blockStream struct {
	l       *Ledger
	workers int
	owner   [numShards]uint8
	queues  []chan *streamBlock
	queued  []*streamBlock // added, not yet finished, in order
	free    []*streamBlock
	owners  chan struct{}                // an owner sends once it has returned
	panics  []atomic.Pointer[ownerPanic] // by owner
	raised  bool                         // a panic of an owner has been raised again
	closed  bool
}

// maxQueued is how many blocks may be in the owners' hands when Add
// returns: the slack between them, and blocks whose buffers the load
// keeps. On the 1M-customer file one or two loaded in 7-12% less time
// than addLines' barrier at every block; three to ten took longer than
// two (more memory in flight).
const maxQueued = bulk.SinkBlocks

// streamBlock is one block on its way through the owners.
type streamBlock struct {
	ls      []bulk.Line
	ids     lineIDs
	lines   lineBlock
	grow    bool // grow the owner's tables first (see tablesAtLeast)
	room    []int32
	lists   []dealt // by owner
	fresh   [][]int32
	latest  []int32
	done    chan struct{} // one send per owner once it is done with the block
	release func()
}

// newBlockStream returns a stream adding blocks to l on workers owners,
// at most numShards (each owns a shard at least); one adds them on the
// caller's goroutine.
func newBlockStream(l *Ledger, workers int) *blockStream {
	l.needIndex()
	s := &blockStream{l: l, workers: min(max(workers, 1), numShards)}
	if s.workers == 1 {
		return s
	}
	s.panics = make([]atomic.Pointer[ownerPanic], s.workers)
	s.owner = ownersOf(s.workers)
	s.owners = make(chan struct{}, s.workers)
	s.queues = make([]chan *streamBlock, s.workers)
	for w := range s.queues {
		s.queues[w] = make(chan *streamBlock, maxQueued+1)
		go s.own(w)
	}
	return s
}

// own adds the lines of owner w of each block of its queue. A panic (a
// ledger past its limits) is kept for the caller, which raises it again
// (see finish): on an owner's goroutine it would end the program. The
// owner then only drains its queue.
func (s *blockStream) own(w int) {
	defer func() { s.owners <- struct{}{} }()
	for b := range s.queues[w] {
		if s.panics[w].Load() == nil {
			s.ownBlock(w, b)
		}
		b.done <- struct{}{}
	}
}

// ownBlock adds the lines of owner w of b, keeping a panic in panics[w].
func (s *blockStream) ownBlock(w int, b *streamBlock) {
	defer func() {
		if v := recover(); v != nil {
			s.panics[w].Store(&ownerPanic{value: v, stack: debug.Stack()})
		}
	}()
	l := s.l
	if b.grow {
		l.tablesAtLeast(hugeTableSlots, w, s.workers)
	}
	b.fresh[w], b.latest[w] = l.insertOwn(b.ls, b.lines, b.ids, b.lists, w, s.workers, b.fresh[w])
}

// ownerPanic is a panic of an owner, raised again on the caller.
type ownerPanic struct {
	value any
	stack []byte
}

func (p *ownerPanic) Error() string {
	return fmt.Sprintf("segment: adding a block: panic: %v\n\n%s", p.value, p.stack)
}

// Add hands a block to the owners, then finishes the blocks they are
// done with, waiting for the oldest if too many are queued.
func (s *blockStream) Add(data []byte, ls []bulk.Line, release func()) {
	if s.closed {
		panic("segment: a block added to a closed stream")
	}
	if s.workers == 1 || len(ls) == 0 {
		s.l.addSerial(data, ls)
		release()
		return
	}
	l, n := s.l, len(ls)
	b := s.block()
	b.ls, b.ids, b.release = ls, lineIDs{data: data}, release
	b.room = slices.Grow(b.room[:0], s.workers*n)[:s.workers*n]
	wide := dealRange(&s.owner, ls, 0, n, b.room, b.lists)
	b.lines = l.blockRoom(ls, wide)
	b.grow = l.pending >= bulkTableLines
	for _, q := range s.queues {
		q <- b
	}
	s.queued = append(s.queued, b)
	for len(s.queued) > maxQueued {
		s.finish()
	}
	s.raise()
}

// raise panics again with an owner's panic, the first time one is seen.
func (s *blockStream) raise() {
	if p := s.panicked(); p != nil && !s.raised {
		s.raised = true
		panic(p)
	}
}

// panicked returns the panic of an owner, nil if none has.
func (s *blockStream) panicked() *ownerPanic {
	for w := range s.panics {
		if p := s.panics[w].Load(); p != nil {
			return p
		}
	}
	return nil
}

// block returns a spare block, or a new one.
func (s *blockStream) block() *streamBlock {
	if k := len(s.free); k > 0 {
		b := s.free[k-1]
		s.free = s.free[:k-1]
		return b
	}
	return &streamBlock{lists: make([]dealt, s.workers), fresh: make([][]int32, s.workers),
		latest: make([]int32, s.workers), done: make(chan struct{}, s.workers)}
}

// finish waits for the owners to be done with the oldest queued block,
// joins its new customers to the order of first appearance, and releases
// it.
func (s *blockStream) finish() {
	b := s.queued[0]
	s.queued = s.queued[1:]
	for range s.workers {
		<-b.done
	}
	if s.panicked() == nil { // else the block is half added, and raise says so
		s.l.joinFresh(b.lines, b.fresh, b.latest)
	}
	release := b.release
	b.ls, b.ids, b.lines, b.release = nil, lineIDs{}, lineBlock{}, nil
	s.free = append(s.free, b)
	release()
}

// Close finishes every block and stops the owners, then raises an
// owner's panic that Add has not.
func (s *blockStream) Close() {
	if s.closed {
		return
	}
	s.closed = true
	for len(s.queued) > 0 {
		s.finish()
	}
	for _, q := range s.queues {
		close(q)
	}
	for range s.queues {
		<-s.owners
	}
	s.raise()
}
