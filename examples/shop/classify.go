package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"sync"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// base is a customer base fitted for classification: the classifiers and,
// when an output lists customers by id, the ids in that order.
type base struct {
	cs        *strategy.Classifiers
	rfmMap    *rfm.Map
	ids       []string      // sorted; nil when not asked for
	customers int           // profiles as of the as-of date
	stats     segment.Stats // the ledger's accounting of the fitting pass
	values    *values       // CLV per customer for the budget (-clv-budget), or nil
}

// fit reads the base once to fit the typologies that are relative to it
// (RFM quintiles, the behavioural cuts), keeping only a few numbers per
// customer and, with sorted, the ids (which share the ledger's memory).
func fit(d *dataset, cfg *config, sorted bool) (*base, error) {
	f, err := strategy.NewFitter(&cfg.settings)
	if err != nil {
		return nil, err
	}
	b := &base{rfmMap: cfg.rfmMap}
	if sorted {
		b.ids = make([]string, 0, d.ledger.Customers())
	}
	var addErr error
	b.stats = d.ledger.Each(d.asOf, func(p *segment.Profile) bool {
		if addErr = f.Add(p); addErr != nil {
			return false
		}
		if sorted {
			b.ids = append(b.ids, p.ID)
		}
		return true
	})
	if addErr != nil {
		return nil, addErr
	}
	b.customers = b.stats.Profiles
	b.cs, err = f.Fit()
	if errors.Is(err, rfm.ErrNoPurchases) {
		return nil, fmt.Errorf("%s: no customer has a purchase as of %s, so there is nothing to score RFM against", d.source, d.asOf)
	}
	if err != nil {
		return nil, err
	}
	slices.Sort(b.ids)
	return b, nil
}

// inIDOrder yields the profiles of the customers in b.ids, or of the one
// customer id when it is not empty (an unknown id is an error, returned
// before anything is yielded).
func (b *base) inIDOrder(d *dataset, id string) (iter.Seq[*segment.Profile], error) {
	if id != "" {
		p, ok := d.ledger.Profile(id, d.asOf)
		if !ok {
			return nil, fmt.Errorf("-id %q: no such customer as of %s", id, d.asOf)
		}
		return func(yield func(*segment.Profile) bool) { yield(&p) }, nil
	}
	return func(yield func(*segment.Profile) bool) {
		var p segment.Profile
		for _, id := range b.ids {
			var ok bool
			if p, ok = d.ledger.Profile(id, d.asOf); ok && !yield(&p) {
				return
			}
		}
	}, nil
}

// record is one customer of a pass: the classification and, when the pass
// formats output, the bytes to write, formatted on the worker.
type record struct {
	c    strategy.Classification
	text *[]byte // from bufs; nil when nothing is formatted
}

// bufs recycles the output buffers of records: batch.Run zeroes each
// record, so a buffer inside it would be allocated for every customer.
var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// pass classifies every profile of src on all cores. format, when not nil,
// writes a customer's output on the worker; emit gets each customer in
// input order, with the formatted bytes (nil without format). A customer
// the batch rejects (a formatter's error, a panic) stops the pass with the
// error, which names the customer. The Stats account for every customer.
func (b *base) pass(stderr io.Writer, src iter.Seq[*segment.Profile], total int,
	format func(c *strategy.Classification, buf []byte) ([]byte, error),
	emit func(c *strategy.Classification, text []byte) error) (batch.Stats, error) {
	stage := func(p *segment.Profile, out *record) error {
		if b.values != nil {
			out.c.Value = b.values.of(p.ID)
		}
		b.cs.Classify(p, &out.c)
		if format == nil {
			return nil
		}
		buf := bufs.Get().(*[]byte)
		var err error
		*buf, err = format(&out.c, (*buf)[:0])
		if err != nil {
			bufs.Put(buf)
			return err
		}
		out.text = buf
		return nil
	}
	bar := newProgress(stderr, total)
	st, err := batch.Run(context.Background(), src, stage, func(r *batch.Record[record]) error {
		if r.Err != nil {
			return r.Err
		}
		var text []byte
		if r.Out.text != nil {
			text = *r.Out.text
			defer bufs.Put(r.Out.text)
		}
		return emit(&r.Out.c, text)
	}, func() *batch.Options { o := batchOptions(bar); return &o }())
	bar.done()
	return st, err
}
