package main

import (
	"context"
	"errors"
	"fmt"
	"io"

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

// options are the batch options of a pass over the base (write,
// summarise): the classify stage writes every field of its output, so
// the outputs are reused unzeroed.
func (b *base) options(bar *progress) *batch.Options {
	o := batchOptions(bar)
	o.Reuse = true
	// Chunks of 1,024 customers rather than the default 256: a quarter
	// of the hand-offs between the workers and the writer (each one a
	// goroutine parked and woken) and of the writes. On the 1M file, to
	// /dev/null and to a new file alike, 3–4% of the wall time (12
	// alternating runs each); 4,096 was slower, its texts (500 KB a
	// chunk) no longer in the core's cache when written.
	o.Chunk = 1024
	return &o
}

// classify is the stage of every pass: the classification of p, with the
// customer's value when the budget uses CLV. It writes every field of out.
func (b *base) classify(p *segment.Profile, out *strategy.Classification) error {
	out.Value = segment.Opt[float64]{}
	if b.values != nil {
		out.Value = b.values.of(p.ID)
	}
	b.cs.Classify(p, out)
	return nil
}

// write writes head, then what format makes of every customer to w, in
// order of id (whole chunks of a few hundred customers at a time: w needs
// no buffer), or of the one customer id when it is not empty (an unknown
// id is an error, returned before anything is written). The customers are
// classified and formatted on every core (batch.WriteView); a customer
// the batch rejects (a formatter's error, a panic) stops the output with
// the error, which names the customer.
func (b *base) write(stderr io.Writer, d *dataset, id, head string,
	format func(c *strategy.Classification, buf []byte) ([]byte, error), w io.Writer) error {
	if id != "" {
		p, ok := d.ledger.Profile(id, d.asOf)
		if !ok {
			return fmt.Errorf("-id %q: no such customer as of %s", id, d.asOf)
		}
		var c strategy.Classification
		if err := b.classify(&p, &c); err != nil {
			return fmt.Errorf("customer %q: %w", id, err)
		}
		text, err := format(&c, []byte(head))
		if err != nil {
			return fmt.Errorf("customer %q: %w", id, err)
		}
		_, err = w.Write(text)
		return err
	}
	if _, err := io.WriteString(w, head); err != nil {
		return err
	}
	v := b.view.ByID() // costs nothing after fit(..., true)
	bar := newProgress(stderr, v.Len())
	_, err := batch.WriteView(context.Background(), v, b.classify, func(r *batch.Record[strategy.Classification], buf []byte) ([]byte, error) {
		if r.Err != nil {
			return buf, r.Err
		}
		n := len(buf)
		buf, err := format(r.Out, buf)
		if err != nil {
			return buf[:n], &batch.StageError{Customer: r.Profile.ID, Err: err}
		}
		return buf, nil
	}, w, b.options(bar))
	bar.done()
	return err
}
