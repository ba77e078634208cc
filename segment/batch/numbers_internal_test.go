package batch

import (
	"context"
	"math"
	"sync/atomic"
	"testing"
	"time"
)

// runNumbers runs mapNumbers' pipeline r over n numbers on workers
// goroutines with fn, emitting through emit, and fails the test if it
// has not returned within a minute (a hang, not a slow machine).
func runNumbers(t *testing.T, r *pipeline[int32, int32], o *Options, n int, fn func(*int32, *int32) error, emit func(*Item[int32, int32]) error) (Stats, error) {
	t.Helper()
	var next atomic.Int64
	r.start(o.Workers, func() { claimLoop(r, n, &next, func(c *chunk[int32, int32]) { r.process(c, fn) }) })
	done := make(chan struct{})
	var st Stats
	var err error
	go func() {
		defer close(done)
		st, err = r.consume(context.Background(), emitEach(emit), o, time.Now())
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("the run hung")
	}
	return st, err
}

// However long a run, acquire makes no more chunks than the window: its
// count of them stops at the window instead of wrapping round (found by
// a review: counting every acquire that found no free chunk, it wrapped
// after 2^31 of them and made chunks past the window, which collide in
// the consumer's ring).
func TestAcquireCountNeverWraps(t *testing.T) {
	const n = 3000
	o, _ := (&Options{Workers: 2, Chunk: 1}).withDefaults()
	r := newPipeline[int32, int32](&o)
	r.made.Store(math.MaxInt32 - 1) // as after 2^31 acquires past the window
	for range r.window {
		r.free <- &chunk[int32, int32]{in: make([]int32, r.chunk), out: make([]int32, r.chunk), errs: make([]error, r.chunk)}
	}
	got := 0
	st, err := runNumbers(t, r, &o, n, func(i *int32, out *int32) error { *out = *i; return nil }, func(it *Item[int32, int32]) error {
		if it.Index != got || *it.Out != int32(got) {
			t.Fatalf("record %d (out %d) emitted when %d was due", it.Index, *it.Out, got)
		}
		got++
		time.Sleep(20 * time.Microsecond) // the consumer is the slow side
		return nil
	})
	if got != n || err != nil || st.Classified != n {
		t.Errorf("emitted %d of %d, stats %+v, err %v", got, n, st, err)
	}
	if m := r.made.Load(); m != math.MaxInt32-1 {
		t.Errorf("made went from MaxInt32-1 to %d", m)
	}
}

// A worker takes a number only once it holds a chunk for it, so no number
// being worked on is a window or more ahead of the next one to emit, with
// many workers and a slow consumer; and no more chunks are made than the
// window.
func TestNumbersStayWithinTheWindow(t *testing.T) {
	const n = 4000
	o, _ := (&Options{Workers: 8, Chunk: 1}).withDefaults()
	r := newPipeline[int32, int32](&o)
	var emitted atomic.Int64
	var worst atomic.Int64
	st, err := runNumbers(t, r, &o, n, func(i *int32, out *int32) error {
		ahead := int64(*i) - emitted.Load()
		for w := worst.Load(); ahead > w && !worst.CompareAndSwap(w, ahead); w = worst.Load() {
		}
		*out = *i
		return nil
	}, func(it *Item[int32, int32]) error {
		if it.Index%7 == 0 {
			time.Sleep(10 * time.Microsecond)
		}
		emitted.Add(1)
		return nil
	})
	if err != nil || st.Classified != n {
		t.Fatalf("stats %+v, err %v", st, err)
	}
	if w := worst.Load(); w >= int64(r.window) {
		t.Errorf("a number was worked on %d ahead of the next to emit; the window is %d", w, r.window)
	}
	if m := r.made.Load(); m > int32(r.window+o.Workers) {
		t.Errorf("made counted %d chunks, window %d", m, r.window)
	}
}
