package batch

import (
	"context"
	"errors"
	"sync"

	"github.com/clientele-go/clientele/segment"
)

// ReduceView is [RunView] for a result gathered from every customer, a
// summary of the base: it runs stage on every customer of v on all
// cores, and add right after it, on the same worker, which folds the
// record into that worker's accumulator (newAcc makes one per worker).
// Once every customer is in, the accumulators are merged into one, which
// ReduceView returns. With RunView, the emit that gathered a summary ran
// on one goroutine for every customer: on the shop example's million
// customers it took as much CPU time as the stages.
//
// add sees the records of a chunk in v's order, but the chunks in no
// order, and merge joins the accumulators in no order: what they gather
// must not depend on the order of the customers ([Summary] and [Grid]
// keep every sum as an integer for that). add gets every record, rejected
// ones too (Record.Err says why, and Out is the zero T); the Record and
// what it points to are valid only during the call. An error from add
// or merge stops the run, and ReduceView returns it with a zero result;
// so does a panic in add, as a [*StageError] naming the customer around a
// [*PanicError]; a panic in stage rejects the customer, as in RunView.
//
// The Stats are RunView's, a record being delivered once added. The
// result is that of every customer only when the error is nil.
func ReduceView[T, A any](ctx context.Context, v *segment.View, stage Stage[T], newAcc func() A, add func(acc A, r *Record[T]) error, merge func(into, from A) error, opts *Options) (A, Stats, error) {
	var zero A
	switch {
	case v == nil:
		return zero, Stats{}, errors.New("batch: nil view")
	case stage == nil:
		return zero, Stats{}, errors.New("batch: nil stage")
	case newAcc == nil || add == nil || merge == nil:
		return zero, Stats{}, errors.New("batch: nil newAcc, add or merge")
	}
	var mu sync.Mutex
	var accs []A // one a worker, in the order the workers started
	st, err := overNumbers(ctx, v.Len(), func(r *pipeline[int32, struct{}]) func(c *chunk[int32, struct{}]) {
		acc := newAcc()
		mu.Lock()
		accs = append(accs, acc)
		mu.Unlock()
		return newRecordWorker(r, v, stage, opts, func(_ *chunk[int32, struct{}], rec *Record[T]) error {
			return add(acc, rec)
		}).chunk
	}, func(c *chunk[int32, struct{}], st *Stats) error {
		delivered(c, st)
		return c.failed
	}, opts)
	if err != nil {
		return zero, st, err
	}
	if len(accs) == 0 { // no worker ran: an empty view
		return newAcc(), st, nil
	}
	for _, a := range accs[1:] {
		if err := merge(accs[0], a); err != nil {
			return zero, st, err
		}
	}
	return accs[0], st, nil
}
