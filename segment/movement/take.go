package movement

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strconv"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

// Options tune [Take] and [Between]. The zero value (or nil) means the
// defaults of [batch.Options] and no reasons kept.
type Options struct {
	batch.Options // workers, chunk size, progress, Trusted (Take only)
	// Reasons makes Take keep every customer's reasons (Explain of each
	// typology) in the snapshot, so that events from [Compare] can say
	// why. It costs an explanation per customer and typology, and makes
	// the snapshot much larger.
	Reasons bool
	// Rejected, when set, is called for each rejected customer (an
	// invalid profile, a classifier that panics or returns a label out of
	// range) with its input position and the error, which names the
	// customer. Rejected customers are left out of snapshots and
	// matrices and counted in the returned Stats.
	Rejected func(index int, err error)
}

// errNoID rejects a profile without a customer id: a snapshot is keyed
// by id.
var errNoID = errors.New("movement: profile without an id")

// labels is one customer's labels (and reasons) across typologies, the
// per-record output of Take.
type labels struct {
	codes   [MaxTypologies]uint8
	reasons [][]segment.Reason
}

// Take classifies every profile of src by every typology of ts on all
// cores (see [batch.Run]) and returns the snapshot: each customer's label
// names, in input order. The profiles must share one as-of date, which
// becomes the snapshot's; a profile with another date, or a customer id
// seen before, stops Take with an error naming the customer, since either
// would make the snapshot wrong. A profile failing validation (unless
// opts.Trusted) or without an id, and a classifier that panics or answers
// a label out of range, reject that customer only: see Options.Rejected.
// An input with no classified profile gives an empty snapshot without a
// date.
func Take(ctx context.Context, src iter.Seq[*segment.Profile], ts []*Typology, opts *Options) (*Snapshot, batch.Stats, error) {
	if err := checkTypologies(ts, true); err != nil {
		return nil, batch.Stats{}, err
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.info.Name
	}
	snap, err := NewSnapshot(segment.Date{}, names...)
	if err != nil {
		return nil, batch.Stats{}, err
	}
	// Label values index the typology's own table, so a Take snapshot's
	// dictionaries are the tables in order and codes are label values.
	for j, t := range ts {
		for _, l := range t.labels {
			if _, err := snap.cols[j].intern(l.Name); err != nil {
				return nil, batch.Stats{}, fmt.Errorf("movement: typology %q: %w", t.info.Name, err)
			}
		}
		if len(snap.cols[j].dict) != len(t.labels) {
			return nil, batch.Stats{}, fmt.Errorf("movement: typology %q repeats a label name", t.info.Name)
		}
	}
	stage := func(p *segment.Profile, out *labels) (err error) {
		if p.ID == "" {
			return errNoID
		}
		for i, t := range ts {
			if out.codes[i], err = t.classifyChecked(p); err != nil {
				return err
			}
		}
		if o.Reasons {
			out.reasons = make([][]segment.Reason, len(ts))
			for i, t := range ts {
				out.reasons[i] = t.explain(p)
			}
		}
		return nil
	}
	first := true
	st, err := batch.Run(ctx, src, stage, func(r *batch.Record[labels]) error {
		if r.Err != nil {
			if o.Rejected != nil {
				o.Rejected(r.Index, r.Err)
			}
			return nil
		}
		p := r.Profile
		if first {
			snap.asOf, first = p.AsOf, false
		} else if p.AsOf != snap.asOf {
			return fmt.Errorf("movement: customer %q is as of %s, the snapshot as of %s", p.ID, p.AsOf, snap.asOf)
		}
		if snap.Has(p.ID) {
			return fmt.Errorf("movement: record %d: %w", r.Index,
				&segment.FieldError{Record: "customer " + strconv.Quote(p.ID), Field: "id", Value: p.ID, Err: errDuplicate})
		}
		snap.add(p.ID, r.Out.codes[:len(ts)], r.Out.reasons)
		return nil
	}, &o.Options)
	if err != nil {
		return nil, st, err
	}
	return snap, st, nil
}
