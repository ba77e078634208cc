package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// base is a customer base fitted for classification: the classifiers and
// the view of the customers as of the as-of date they were fitted to.
type base struct {
	cs        *strategy.Classifiers
	rfmMap    *rfm.Map
	view      *segment.View // the customers as of the as-of date
	customers int           // profiles as of the as-of date
	stats     segment.Stats // the ledger's accounting as of the as-of date
	values    *values       // CLV per customer for the budget (-clv-budget), or nil
}

// fit fits the typologies that are relative to the base (RFM quintiles,
// the behavioural cuts) on every core, keeping only a few numbers per
// customer. With byID, the view and the ledger's memory follow the order
// of customer id, that of the per-customer outputs.
func fit(d *dataset, cfg *config, byID bool) (*base, error) {
	view := d.ledger.View
	if byID {
		view = d.ledger.ViewByID
	}
	v := view(d.asOf)
	cs, err := strategy.FitView(v, &cfg.settings)
	if errors.Is(err, rfm.ErrNoPurchases) {
		return nil, fmt.Errorf("%s: no customer has a purchase as of %s, so there is nothing to score RFM against", d.source, d.asOf)
	}
	if err != nil {
		return nil, err
	}
	return &base{cs: cs, rfmMap: cfg.rfmMap, view: v, customers: v.Len(), stats: v.Stats()}, nil
}

// record is one customer of a pass: the classification and, when the pass
// formats output, the bytes to write, formatted on the worker: in small
// when they fit, else in a buffer from bufs.
type record struct {
	c     strategy.Classification
	small [smallText]byte
	n     int     // bytes in small
	text  *[]byte // from bufs; nil when the text is in small or there is none
}

// smallText is room for a line of -out segments (about 200 bytes as CSV,
// 450 as JSON) inside the record: a pooled buffer per customer costs more
// than the line, as the buffers are taken on the workers and given back
// on the goroutine that writes.
const smallText = 640

// bytes returns the formatted text of r.
func (r *record) bytes() []byte {
	if r.text != nil {
		return *r.text
	}
	return r.small[:r.n]
}

// release gives r's buffer back, if it has one.
func (r *record) release() {
	if r.text != nil {
		bufs.Put(r.text)
		r.text = nil
	}
}

// bufs recycles the output buffers of records too long for small (a
// playbook): a record takes one on a worker, and release gives it back
// once the record is emitted.
var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// pass classifies every customer of v on all cores, making the profiles on
// the workers too. format, when not nil, writes a customer's output on the
// worker; emit gets each customer in v's order, with the formatted bytes
// (nil without format). A customer the batch rejects (a formatter's error,
// a panic) stops the pass with the error, which names the customer. The
// Stats account for every customer.
func (b *base) pass(stderr io.Writer, v *segment.View,
	format func(c *strategy.Classification, buf []byte) ([]byte, error),
	emit func(c *strategy.Classification, text []byte) error) (batch.Stats, error) {
	stage := b.stage(format)
	bar := newProgress(stderr, v.Len())
	st, err := batch.RunView(context.Background(), v, stage, func(r *batch.Record[record]) error {
		if r.Err != nil {
			return r.Err
		}
		// No defer: a panic in emit ends the pass, and a buffer it kept
		// is only one the pool makes again.
		err := emit(&r.Out.c, r.Out.bytes())
		r.Out.release()
		return err
	}, func() *batch.Options {
		o := batchOptions(bar)
		o.Reuse = true // the stage writes every field of the record
		return &o
	}())
	bar.done()
	return st, err
}

// stage classifies one customer and, with format, formats the output into
// the record: into its small array while the texts fit, else into a
// pooled buffer. Once one text has not fit (a playbook), the stage goes
// to the pool at once for the rest of the pass.
//
// The pass runs with batch.Options.Reuse, so out is what an earlier
// customer left: the stage writes every field of it that emit reads (the
// classification, Value included, and n; text is nil, as release left it).
func (b *base) stage(format func(c *strategy.Classification, buf []byte) ([]byte, error)) batch.Stage[record] {
	var large atomic.Bool
	return func(p *segment.Profile, out *record) error {
		out.c.Value = segment.Opt[float64]{}
		if b.values != nil {
			out.c.Value = b.values.of(p.ID)
		}
		b.cs.Classify(p, &out.c)
		out.n = 0
		if format == nil {
			return nil
		}
		if !large.Load() {
			text, err := format(&out.c, out.small[:0])
			if err != nil {
				return err
			}
			if len(text) == 0 || &text[0] == &out.small[0] {
				out.n = len(text)
				return nil
			}
			large.Store(true) // append moved it to a new array
		}
		buf := bufs.Get().(*[]byte)
		var err error
		if *buf, err = format(&out.c, (*buf)[:0]); err != nil {
			bufs.Put(buf)
			return err
		}
		out.text = buf
		return nil
	}
}

// byID runs format and emit for every customer in order of id, or for the
// one customer id when it is not empty (an unknown id is an error,
// returned before anything is emitted).
func (b *base) byID(stderr io.Writer, d *dataset, id string,
	format func(c *strategy.Classification, buf []byte) ([]byte, error),
	emit func(c *strategy.Classification, text []byte) error) error {
	if id == "" {
		_, err := b.pass(stderr, b.view.ByID(), format, emit) // ByID costs nothing after fit(..., true)
		return err
	}
	p, ok := d.ledger.Profile(id, d.asOf)
	if !ok {
		return fmt.Errorf("-id %q: no such customer as of %s", id, d.asOf)
	}
	var out record
	if err := b.stage(format)(&p, &out); err != nil {
		return fmt.Errorf("customer %q: %w", id, err)
	}
	defer out.release()
	return emit(&out.c, out.bytes())
}
