package batch

import (
	"context"
	"sync/atomic"
	"time"
)

// mapNumbers is [Map] over the numbers 0 to n-1 in order, with no
// goroutine of its own to read them: each worker takes the next chunk of
// numbers itself (claimLoop). RunView's input is such numbers. Read by a
// producer, they made one more goroutine to wake for every chunk, and the
// workers waited for it: a trace of the shop example's run over a million
// customers on two cores had one core idle for 30 ms in all while the
// producer was ready to run but not running.
func mapNumbers[Out any](ctx context.Context, n int, fn func(i *int32, out *Out) error, emit func(it *Item[int32, Out]) error, opts *Options) (Stats, error) {
	return overNumbers(ctx, n, func(r *pipeline[int32, Out]) func(c *chunk[int32, Out]) {
		return func(c *chunk[int32, Out]) { r.process(c, fn) }
	}, emitEach(emit), nil, opts)
}

// overNumbers runs a pipeline over the numbers 0 to n-1 in chunks, as
// mapNumbers, each of the workers processing its chunks with the function
// newWork(r) makes for it (so a worker may keep state of its own), and the
// caller's goroutine delivering them in order; then finish, if not nil
// (see pipeline.finish).
func overNumbers[Out any](ctx context.Context, n int, newWork func(r *pipeline[int32, Out]) func(c *chunk[int32, Out]), deliver func(c *chunk[int32, Out], st *Stats) error, finish func(st *Stats) error, opts *Options) (Stats, error) {
	start := time.Now()
	o, err := opts.withDefaults()
	if err != nil {
		return Stats{}, err
	}
	if err := ctx.Err(); err != nil {
		return Stats{Elapsed: time.Since(start)}, err
	}
	r := newPipeline[int32, Out](&o)
	r.finish = finish
	var next atomic.Int64 // the number of the next chunk to take
	r.start(o.Workers, func() { claimLoop(r, n, &next, newWork(r)) })
	return r.consume(ctx, deliver, &o, start)
}

// claimLoop takes the next chunk of the numbers below n and has work
// process it, until none is left or the run stops. A chunk is taken only
// once the worker holds the memory for it, so the chunks taken and not
// yet emitted are at most the window, as with a producer, and their
// numbers within a window of each other.
func claimLoop[Out any](r *pipeline[int32, Out], n int, next *atomic.Int64, work func(c *chunk[int32, Out])) {
	for !r.stopped.Load() {
		c := r.acquire()
		if c == nil {
			return
		}
		seq := int(next.Add(1) - 1)
		from := seq * r.chunk
		if from >= n {
			r.exhausted.Store(true) // n == 0, or another worker took the last
			r.free <- c             // never blocks: free can hold every chunk
			return
		}
		c.seq, c.start, c.n = seq, from, min(r.chunk, n-from)
		for j := range c.n {
			c.in[j], c.errs[j] = int32(from+j), nil
		}
		r.read.Add(int64(c.n))
		if from+c.n == n {
			// The last chunk: the input is read, as a producer would say
			// once it had handed it over (a cancellation after its last
			// record is then no error).
			r.exhausted.Store(true)
		}
		r.guard(c, work)
		r.done <- c
	}
}
