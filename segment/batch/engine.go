package batch

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
)

// Item is one record of a [Map] run, as handed to the emit callback. The
// pointers are valid only during the callback: the memory is reused for
// later records, so copy what you keep.
type Item[In, Out any] struct {
	Index int   // position in the input, from 0
	In    *In   // Map's copy of the input record
	Out   *Out  // what fn wrote; the zero Out when Err is not nil
	Err   error // fn's error or a *PanicError; nil when fn succeeded
}

// PanicError reports a panic recovered while processing one record. The
// run goes on: the record is rejected with this error.
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the stack of the goroutine that panicked
}

// Error returns "panic: " and the value.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// ErrNilRecord rejects a nil pointer yielded by the input.
var ErrNilRecord = errors.New("batch: the input yielded a nil record")

// errGoexit stops a run whose fn called runtime.Goexit (t.FailNow in a
// test, for instance), which cannot be recovered like a panic.
var errGoexit = errors.New("batch: a stage called runtime.Goexit; the run cannot go on")

// Map applies fn to every record of src on all cores and hands the
// results to emit one at a time, in input order, on the calling goroutine.
// It is the engine under [Run], for inputs that are not one profile per
// record (two profiles of one customer, say). Map copies each record
// before src's yield returns, so src may reuse its storage; fn gets a
// pointer to that copy and a zeroed *Out to fill (unless
// [Options].Reuse), and must be safe for concurrent use.
//
// A panic in fn is recovered and rejects the record with a [*PanicError];
// the run goes on. An error from fn rejects the record. Either way emit
// still gets the record, with Err set and the zero Out, so every record is
// accounted for (see [Stats]).
//
// Memory is bounded: at most 4 × Workers chunks of Chunk records are in
// flight, whatever the input's size, so a slow record holds up emission
// but never lets the rest of the input pile up.
//
// The run stops early when ctx is done (Map returns ctx.Err()) or emit
// returns an error (Map returns that error). Records are read from src on
// a goroutine of Map's own; src is asked for no further record once the
// run stops, but a src blocked inside its own code delays the return until
// it yields or ends. A panic in src is raised again on the calling
// goroutine once the workers have stopped.
func Map[In, Out any](ctx context.Context, src iter.Seq[*In], fn func(in *In, out *Out) error, emit func(it *Item[In, Out]) error, opts *Options) (Stats, error) {
	start := time.Now()
	o, err := opts.withDefaults()
	if err != nil {
		return Stats{}, err
	}
	switch {
	case src == nil:
		return Stats{}, errors.New("batch: nil input")
	case fn == nil:
		return Stats{}, errors.New("batch: nil stage")
	case emit == nil:
		return Stats{}, errors.New("batch: nil emit callback")
	}
	if err := ctx.Err(); err != nil {
		return Stats{Elapsed: time.Since(start)}, err
	}
	r := newPipeline[In, Out](&o)
	go r.produce(src)
	r.start(o.Workers, func() { r.workLoop(fn) })
	return r.consume(ctx, emitEach(emit), &o, start)
}

// newPipeline returns a pipeline for a run with options o (defaults
// filled in).
func newPipeline[In, Out any](o *Options) *pipeline[In, Out] {
	window := chunksPerWorker * o.Workers
	return &pipeline[In, Out]{
		reuse:  o.Reuse,
		chunk:  o.Chunk,
		window: window,
		free:   make(chan *chunk[In, Out], window),
		work:   make(chan *chunk[In, Out], window),
		done:   make(chan *chunk[In, Out], window),
		stop:   make(chan struct{}),
	}
}

// start starts workers goroutines running loop, and one that closes done
// once they have all returned.
func (r *pipeline[In, Out]) start(workers int, loop func()) {
	r.workers.Add(workers)
	for range workers {
		go func() {
			defer r.workers.Done()
			loop()
		}()
	}
	go func() {
		r.workers.Wait()
		close(r.done)
	}()
}

// chunk is a run of consecutive records, the unit of work. Its buffers are
// reused for later chunks, so the steady state allocates nothing.
type chunk[In, Out any] struct {
	seq     int // chunk number: the order of emission
	start   int // index of the first record
	n       int // records in use
	in      []In
	out     []Out
	errs    []error
	aborted bool // a worker left it half done (runtime.Goexit)

	// WriteView's and ReduceView's: the text of the records format took
	// (WriteView), how many records were handed on (all but when format
	// or add failed), how many of those were rejected, and the error.
	text     []byte
	taken    int
	rejected int
	failed   error
}

// pipeline is one Map run. Chunks flow producer -> work -> workers -> done
// -> consumer -> free -> producer. At most window chunks exist, and every
// channel can hold them all, so only the producer waiting for a free
// chunk ever blocks on a send or receive other than its own input.
type pipeline[In, Out any] struct {
	chunk, window int
	made          atomic.Int32 // chunks allocated so far
	reuse         bool         // Options.Reuse: outputs are not zeroed before fn

	free, work, done chan *chunk[In, Out]
	stop             chan struct{} // closed when the consumer stops early
	stopped          atomic.Bool   // the same, cheap to poll per record
	workers          sync.WaitGroup

	read atomic.Int64 // records taken from the input so far

	// Written by the producer before it closes work (or by a worker
	// taking numbers, see mapNumbers), read by the consumer after done
	// is closed.
	exhausted atomic.Bool // the input ended by itself
	srcPanic  *PanicError

	// finish, if not nil, is called by the consumer once the chunks are
	// delivered or the run stopped (a panic in emit or Progress too),
	// before the final stats: WriteView's writes the text it holds back
	// (see chunkWriter).
	finish func(st *Stats) error
}

// produce reads src into chunks and queues them for the workers.
func (r *pipeline[In, Out]) produce(src iter.Seq[*In]) {
	n, seq := 0, 0
	defer close(r.work)
	defer func() {
		if v := recover(); v != nil {
			r.srcPanic = &PanicError{Value: v, Stack: debug.Stack()}
		}
		r.read.Store(int64(n))
	}()
	var c *chunk[In, Out]
	for rec := range src {
		if r.stopped.Load() {
			return
		}
		if c == nil {
			if c = r.acquire(); c == nil {
				return
			}
			c.seq, c.start, c.n = seq, n, 0
			seq++
		}
		if rec == nil {
			var zero In
			c.in[c.n], c.errs[c.n] = zero, ErrNilRecord
		} else {
			c.in[c.n], c.errs[c.n] = *rec, nil
		}
		c.n++
		n++
		if c.n == len(c.in) {
			r.read.Store(int64(n))
			r.work <- c
			c = nil
		}
	}
	if c != nil {
		r.read.Store(int64(n))
		r.work <- c
	}
	r.exhausted.Store(true)
}

// acquire returns a chunk to fill: a released one, a new one while fewer
// than window exist, or nil when the run stops while waiting.
func (r *pipeline[In, Out]) acquire() *chunk[In, Out] {
	select {
	case c := <-r.free:
		return c
	default:
	}
	// Counted only while below the window, so that it never wraps (it
	// ends at most a caller per goroutine past it).
	if r.made.Load() < int32(r.window) && r.made.Add(1) <= int32(r.window) {
		return &chunk[In, Out]{in: make([]In, r.chunk), out: make([]Out, r.chunk), errs: make([]error, r.chunk)}
	}
	select {
	case c := <-r.free:
		return c
	case <-r.stop:
		return nil
	}
}

// workLoop processes chunks until the producer is done.
func (r *pipeline[In, Out]) workLoop(fn func(*In, *Out) error) {
	for c := range r.work {
		r.guard(c, func(c *chunk[In, Out]) { r.process(c, fn) })
		r.done <- c
	}
}

// guard has work process c. Should work call runtime.Goexit, the
// deferred function still hands c back, marked aborted, so the run ends
// with an error instead of waiting forever for the chunk.
func (r *pipeline[In, Out]) guard(c *chunk[In, Out], work func(c *chunk[In, Out])) {
	finished := false
	defer func() {
		if !finished {
			c.aborted = true
			r.done <- c
		}
	}()
	work(c)
	finished = true
}

// process applies fn to the records of c.
func (r *pipeline[In, Out]) process(c *chunk[In, Out], fn func(*In, *Out) error) {
	// A panic ends processFrom, which goes on after the record that
	// panicked: one deferred recover per chunk, not one per record.
	for i := 0; i < c.n; i++ {
		var p *PanicError
		if i, p = r.processFrom(c, fn, i); p != nil {
			var zero Out
			c.errs[i], c.out[i] = p, zero
		}
	}
}

// processFrom applies fn to the records of c from the one at from on. It
// returns c.n, or, when fn panics, the record it panicked on with the
// panic as a *PanicError.
func (r *pipeline[In, Out]) processFrom(c *chunk[In, Out], fn func(*In, *Out) error, from int) (i int, p *PanicError) {
	defer func() {
		if v := recover(); v != nil {
			p = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	var zero Out
	for i = from; i < c.n; i++ {
		if r.stopped.Load() {
			return c.n, nil
		}
		if c.errs[i] != nil {
			c.out[i] = zero
			continue // rejected by the producer
		}
		if !r.reuse {
			c.out[i] = zero
		}
		if err := fn(&c.in[i], &c.out[i]); err != nil {
			c.errs[i] = err
			c.out[i] = zero
		}
	}
	return i, nil
}

// consume receives processed chunks, puts them back in input order and
// delivers them, on the caller's goroutine: deliver adds the records it
// delivered to st, and its error stops the run.
func (r *pipeline[In, Out]) consume(ctx context.Context, deliver func(c *chunk[In, Out], st *Stats) error, o *Options, start time.Time) (st Stats, err error) {
	ring := make([]*chunk[In, Out], r.window) // chunk seq lives at seq % window
	next := 0
	halted, byContext := false, false
	halt := func(e error) {
		if !halted {
			halted, err = true, e
			r.stopped.Store(true)
			close(r.stop)
		}
	}
	returned := false
	defer func() {
		if !returned { // emit or Progress panicked: stop the goroutines first
			halt(nil)
			for range r.done {
			}
			if r.finish != nil { // the text held back of what was delivered
				_ = r.finish(&st)
			}
		}
	}()
	stats := func() Stats {
		s := st
		s.Read = int(r.read.Load())
		s.Unfinished = s.Read - s.Classified - s.Rejected
		s.Elapsed = time.Since(start)
		return s
	}
	lastProgress := start
	ctxDone := ctx.Done()
	for alive := true; alive; {
		select {
		case <-ctxDone:
			ctxDone = nil
			if !halted {
				byContext = true
			}
			halt(ctx.Err())
		case c, ok := <-r.done:
			if !ok {
				alive = false
				break
			}
			if halted {
				continue
			}
			if c.aborted {
				halt(errGoexit)
				continue
			}
			ring[c.seq%r.window] = c
			for !halted {
				c := ring[next%r.window]
				if c == nil || c.seq != next {
					break
				}
				if e := ctx.Err(); e != nil {
					byContext = true
					halt(e)
					break
				}
				ring[next%r.window] = nil
				if e := deliver(c, &st); e != nil {
					halt(e)
					break
				}
				r.free <- c
				next++
				if o.Progress != nil {
					if now := time.Now(); now.Sub(lastProgress) >= o.ProgressInterval {
						lastProgress = now
						o.Progress(stats())
					}
				}
			}
		}
	}
	returned = true
	if r.srcPanic != nil {
		panic(r.srcPanic)
	}
	if r.finish != nil {
		if e := r.finish(&st); e != nil {
			err = errors.Join(err, e) // a cancelled run's text may fail to be written too
		}
	}
	st = stats()
	if byContext && r.exhausted.Load() && st.Unfinished == 0 {
		err = nil // cancelled after the last record was delivered: the run is complete
	}
	if o.Progress != nil {
		o.Progress(st)
	}
	return st, err
}

// emitEach delivers a chunk by calling emit with each of its records in
// turn, as Map promises.
func emitEach[In, Out any](emit func(*Item[In, Out]) error) func(c *chunk[In, Out], st *Stats) error {
	var item Item[In, Out]
	return func(c *chunk[In, Out], st *Stats) error {
		for i := 0; i < c.n; i++ {
			item = Item[In, Out]{Index: c.start + i, In: &c.in[i], Out: &c.out[i], Err: c.errs[i]}
			e := emit(&item)
			if c.errs[i] != nil { // not item.Err, which emit may have rewritten
				st.Rejected++
			} else {
				st.Classified++
			}
			if e != nil {
				return e
			}
		}
		return nil
	}
}
