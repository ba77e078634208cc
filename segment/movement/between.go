package movement

import (
	"context"
	"errors"
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

// pair is one customer of a ledger on two dates.
type pair struct {
	prev, cur segment.Profile
	hasPrev   bool // the customer has a profile on the earlier date
}

// verdict is what Between computes for one customer: the profiles on
// both dates and their labels.
type verdict struct {
	pair
	prev, cur [MaxTypologies]uint8
	events    []Event
}

// Between gives, for each typology of ts, the transition matrix of the
// customers of ledger l from the earlier date since to the later date
// asOf (zero means [segment.Ledger.Latest]), in one parallel pass over the
// ledger (see [batch.Map]): each customer is profiled on both dates and
// classified twice, on the workers (through a [segment.View]). A customer whose first order comes after since has
// joined; with one ledger and since before asOf nobody leaves. A customer
// with CRM signals has a profile on any date, as the ledger attaches
// signals whatever the date (see [segment.Signals]), so such a customer
// never joins: before the first order they count under the label their
// signals alone give (a prospect, say).
//
// When events is not nil it is called for every change, in ledger order,
// with the reasons on both sides: Explain of the typology on the
// customer's profile as of since (Before) and as of asOf (After), computed
// on the workers for the customers who changed only. An error from events
// stops the pass and is returned.
//
// since must be before asOf. The ledger must not be modified during the
// call. A classifier that panics or answers a label out of range rejects
// that customer (see Options.Rejected); the Stats count every customer.
func Between(ctx context.Context, l *segment.Ledger, since, asOf segment.Date, ts []*Typology, events func(e *Event) error, opts *Options) ([]*Matrix, batch.Stats, error) {
	if err := checkTypologies(ts, true); err != nil {
		return nil, batch.Stats{}, err
	}
	if asOf.IsZero() {
		asOf = l.Latest()
	}
	if since.IsZero() || !since.Before(asOf) {
		return nil, batch.Stats{}, fmt.Errorf("movement: the earlier date %q must be before the later date %q", since, asOf)
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	ms := make([]*Matrix, len(ts))
	for i, t := range ts {
		ms[i] = newMatrix(t, since, asOf)
	}
	v := l.View(asOf)
	fn := func(i *int32, out *verdict) error {
		v.Profile(int(*i), &out.pair.cur)
		out.hasPrev = v.ProfileOn(int(*i), since, &out.pair.prev)
		if err := classifyPair(&out.pair, out, ts, events != nil, since, asOf); err != nil {
			return &batch.StageError{Customer: out.pair.cur.ID, Err: err}
		}
		return nil
	}
	st, err := batch.Map(ctx, batch.FromView(v), fn, func(it *batch.Item[int32, verdict]) error {
		if it.Err != nil {
			var se *batch.StageError
			if !errors.As(it.Err, &se) { // a panic Map recovered
				it.Err = &batch.StageError{Customer: v.ID(int(*it.In)), Err: it.Err}
			}
			if o.Rejected != nil {
				o.Rejected(it.Index, it.Err)
			}
			return nil
		}
		for k := range ts {
			to := it.Out.cur[k]
			if it.Out.hasPrev {
				ms[k].Counts[it.Out.prev[k]][to]++
			} else {
				ms[k].Joined[to]++
			}
		}
		if events != nil {
			for i := range it.Out.events {
				if err := events(&it.Out.events[i]); err != nil {
					return err
				}
			}
		}
		return nil
	}, &o.Options)
	if err != nil {
		return nil, st, err
	}
	return ms, st, nil
}

// classifyPair classifies both profiles of a customer by every typology
// and, when events are wanted, explains the changes.
func classifyPair(in *pair, out *verdict, ts []*Typology, withEvents bool, since, asOf segment.Date) error {
	for k, t := range ts {
		var err error
		if out.cur[k], err = t.classifyChecked(&in.cur); err != nil {
			return err
		}
		if in.hasPrev {
			if out.prev[k], err = t.classifyChecked(&in.prev); err != nil {
				return err
			}
			if out.prev[k] == out.cur[k] {
				continue
			}
		}
		if !withEvents {
			continue
		}
		e := Event{Customer: in.cur.ID, Kind: Joined, Typology: t.info, To: t.labels[out.cur[k]],
			Since: since, AsOf: asOf, After: t.explain(&in.cur)}
		if in.hasPrev {
			e.Kind, e.From, e.Before = Moved, t.labels[out.prev[k]], t.explain(&in.prev)
		}
		out.events = append(out.events, e)
	}
	return nil
}
