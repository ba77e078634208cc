package batch

import (
	"context"
	"errors"
	"io"
	"runtime/debug"
	"sync/atomic"

	"github.com/clientele-go/clientele/segment"
)

// WriteView is [RunView] for output written to w, a text per customer (a
// CSV row, a JSON line): it runs stage on every customer of v on all
// cores, and format right after it, on the same worker, which appends
// the record's text to its chunk's; the calling goroutine only writes
// whole chunks to w, in v's order. With RunView and an emit that writes,
// that goroutine took every record in turn, a few hundred instructions
// each and a copy of its text, for little else (on the shop example's
// million customers, 7% of the CPU time of the whole run).
//
// format gets every record, rejected ones too (Record.Err says why, and
// Out is the zero T), and returns buf with the record's text appended; it
// may append nothing. The Record and what it points to are valid only
// during the call, and format must be safe for concurrent use. An error
// from format stops the run: WriteView returns it (as format returned
// it: wrap it to name the customer), having written the text of every
// record before that one. A panic in format stops it too, with a
// [*StageError] naming the customer around a [*PanicError]; a panic in
// stage rejects the customer, as in RunView.
//
// The Stats are RunView's: a record is delivered once its text is
// written, so Classified + Rejected records, the first of v, are in w.
// An error from w stops the run; the records of the chunk it was writing
// count as Unfinished, though w may hold some of their text. Memory is
// bounded as in RunView, with a chunk's text instead of its records'
// outputs.
func WriteView[T any](ctx context.Context, v *segment.View, stage Stage[T], format func(r *Record[T], buf []byte) ([]byte, error), w io.Writer, opts *Options) (Stats, error) {
	switch {
	case v == nil:
		return Stats{}, errors.New("batch: nil view")
	case stage == nil:
		return Stats{}, errors.New("batch: nil stage")
	case format == nil:
		return Stats{}, errors.New("batch: nil format")
	case w == nil:
		return Stats{}, errors.New("batch: nil writer")
	}
	fn := guarded(stage, opts != nil && opts.Trusted)
	reuse := opts != nil && opts.Reuse
	return overNumbers(ctx, v.Len(), func(r *pipeline[int32, struct{}]) func(c *chunk[int32, struct{}]) {
		tw := &textWorker[T]{v: v, stage: fn, format: format, reuse: reuse, stopped: &r.stopped}
		return tw.chunk
	}, func(c *chunk[int32, struct{}], st *Stats) error {
		if len(c.text) > 0 {
			if _, err := w.Write(c.text); err != nil {
				return err
			}
		}
		st.Classified += c.formatted - c.rejected
		st.Rejected += c.rejected
		return c.failed
	}, opts)
}

// textWorker is a worker of WriteView. It keeps one profile and one
// output, for the record at hand: format reads them only during its call,
// so no record needs its own in the chunk.
type textWorker[T any] struct {
	v       *segment.View
	stage   Stage[T] // guarded
	format  func(r *Record[T], buf []byte) ([]byte, error)
	reuse   bool
	stopped *atomic.Bool // the run's: stop at the next record

	p   segment.Profile
	out T
	rec Record[T]
}

// chunk runs the stage and format on the records of c, leaving their text
// in c.text.
func (tw *textWorker[T]) chunk(c *chunk[int32, struct{}]) {
	c.text, c.formatted, c.rejected, c.failed = c.text[:0], 0, 0, nil
	var rejected error // of record i, on which the stage panicked
	for i := 0; i < c.n; {
		p, inFormat := tw.from(c, &i, rejected)
		switch {
		case p == nil:
			return
		case inFormat:
			c.failed = named(p, tw.p.ID)
			return
		}
		tw.v.Profile(int(c.in[i]), &tw.p) // the stage may have changed it
		rejected = named(p, tw.p.ID)
	}
}

// from runs the stage and format on the records of c from *i on,
// advancing *i past each record done; rejected, if not nil, is the error
// of the first, on which the stage panicked (it is not run again). It
// returns a panic of the stage or format, and whether it was format's:
// one deferred recover per chunk, as process has, not one per record.
func (tw *textWorker[T]) from(c *chunk[int32, struct{}], i *int, rejected error) (p *PanicError, inFormat bool) {
	defer func() {
		if v := recover(); v != nil {
			p = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	var zero T
	for ; *i < c.n; *i++ {
		if tw.stopped.Load() {
			return nil, false
		}
		inFormat = false
		tw.v.Profile(int(c.in[*i]), &tw.p)
		err := rejected
		if err == nil {
			if !tw.reuse {
				tw.out = zero
			}
			err = tw.stage(&tw.p, &tw.out)
		}
		if err != nil {
			tw.out = zero
			if rejected == nil { // the stage's own error: it may have changed the profile
				tw.v.Profile(int(c.in[*i]), &tw.p)
			}
		}
		rejected = nil
		inFormat = true
		tw.rec = Record[T]{Index: c.start + *i, Profile: &tw.p, Out: &tw.out, Err: err}
		text, ferr := tw.format(&tw.rec, c.text)
		if ferr != nil {
			c.failed = ferr
			return nil, false
		}
		c.text = text
		c.formatted++
		if err != nil {
			c.rejected++
		}
	}
	return nil, false
}
