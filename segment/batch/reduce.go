package batch

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/clientele-go/clientele/segment"
)

// ReduceView is [RunView] for a result gathered from the whole base, a
// summary: it runs stage on every customer of v on all cores, and add
// after it, on the same worker (a group of sixteen customers' stages,
// then their adds: see recordWorker), which folds the record into that
// worker's accumulator (newAcc makes one per worker, on the caller's
// goroutine before the run). Once every customer is in, the accumulators
// are merged into one, which ReduceView returns. With RunView, the emit
// that gathered a summary ran on one goroutine for every customer: on
// the shop example's million customers it took as much CPU time as the
// stages.
//
// add sees the records of a chunk in v's order, but the chunks in no
// order: what the accumulators gather must not depend on the order of
// the customers ([Summary], [Grid] and [Sum] keep every sum exactly for
// that). add gets every record, rejected ones too (Record.Err says why,
// and Out is the zero T); the Record and what it points to are valid
// only during the call. An error from add or merge stops the run, and
// ReduceView returns it and a nil result; so does a panic in add, as a
// [*StageError] naming the customer around a [*PanicError]; a panic in
// stage rejects the customer, as in RunView. A panic in newAcc or merge
// is the caller's: they run on its goroutine.
//
// The Stats are RunView's, a record being delivered once added. The
// result is that of every customer only when the error is nil.
func ReduceView[T, A any](ctx context.Context, v *segment.View, stage Stage[T], newAcc func() *A, add func(acc *A, r *Record[T]) error, merge func(into, from *A) error, opts *Options) (*A, Stats, error) {
	if err := viewArgs(v, stage); err != nil {
		return nil, Stats{}, err
	}
	if newAcc == nil || add == nil || merge == nil {
		return nil, Stats{}, errors.New("batch: nil newAcc, add or merge")
	}
	o, err := opts.withDefaults()
	if err != nil {
		return nil, Stats{}, err
	}
	accs := make([]*A, o.Workers)
	for w := range accs {
		accs[w] = newAcc()
	}
	var started atomic.Int32 // workers given an accumulator
	st, err := overNumbers(ctx, v.Len(), func(r *pipeline[int32, struct{}]) func(c *chunk[int32, struct{}]) {
		acc := accs[started.Add(1)-1]
		return newRecordWorker(r, v, stage, &o, func(_ *chunk[int32, struct{}], rec *Record[T]) error {
			return add(acc, rec)
		}).chunk
	}, func(c *chunk[int32, struct{}], st *Stats) error {
		delivered(c, st)
		return c.failed
	}, nil, &o)
	if err != nil {
		return nil, st, err
	}
	for _, a := range accs[1:] {
		if err := merge(accs[0], a); err != nil {
			return nil, st, err
		}
	}
	return accs[0], st, nil
}
