package batch

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Stage computes part of a record's output from a profile: it classifies
// p with one typology and stores the result in *out, or returns an error
// that rejects the customer. Stages run on several goroutines at once, so
// they must be safe for concurrent use and must not keep p or out after
// returning. [Classify] makes a stage of a classifier; [Chain] runs
// several as one, so a customer goes through every typology in one pass.
type Stage[T any] func(p *segment.Profile, out *T) error

// Classify returns a stage that classifies with c and stores the result
// in the field of the output that field points to:
//
//	batch.Classify(styles, func(r *Row) *segment.Result[decision.Style] { return &r.Decision })
//
// The stage does not allocate when c.Classify does not.
func Classify[T any, L segment.Label](c segment.Classifier[L], field func(out *T) *segment.Result[L]) Stage[T] {
	return func(p *segment.Profile, out *T) error {
		*field(out) = c.Classify(p)
		return nil
	}
}

// Chain returns a stage that runs stages in order and stops at the first
// error.
func Chain[T any](stages ...Stage[T]) Stage[T] {
	stages = slices.Clone(stages)
	return func(p *segment.Profile, out *T) error {
		for _, s := range stages {
			if err := s(p, out); err != nil {
				return err
			}
		}
		return nil
	}
}

// Record is one customer of a [Run], as handed to the emit callback. The
// pointers are valid only during the callback: the memory is reused for
// later records, so copy what you keep.
type Record[T any] struct {
	Index   int              // position in the input, from 0
	Profile *segment.Profile // Run's copy of the profile
	Out     *T               // what the stages wrote; the zero T when Err is not nil
	// Err is why the customer was rejected, nil when classified: an
	// invalid profile (wrapping the *segment.FieldError of
	// [segment.Profile.Validate], which names the customer, the field and
	// the value), a *StageError wrapping a stage's error or a *PanicError,
	// or ErrNilRecord.
	Err error
}

// set sets every field of r. Field by field: a composite literal was
// built on the stack 8 bytes at a time, then copied 16 at a time, loads
// the pending stores could not serve (2% of the CLI's CPU samples, on one
// instruction of that copy, a record a customer).
func (r *Record[T]) set(index int, p *segment.Profile, out *T, err error) {
	r.Index, r.Profile, r.Out, r.Err = index, p, out, err
}

// StageError reports a stage that failed or panicked on one customer.
type StageError struct {
	Customer string // the profile's ID
	Err      error  // the stage's error, or a *PanicError
}

// Error reads: batch: customer "C1": <cause>.
func (e *StageError) Error() string {
	return "batch: customer " + strconv.Quote(e.Customer) + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *StageError) Unwrap() error { return e.Err }

// Run puts every profile of src through stage on all cores and hands each
// customer's record to emit in input order, on the calling goroutine, as
// soon as it and every record before it are done. Nothing holds the whole
// base in memory: see [Map] for the bounds, the cancellation rules and how
// src is read.
//
// Every profile is accounted for. Unless opts.Trusted is set, a profile
// failing [segment.Profile.Validate] is rejected before any stage sees
// it; a stage's error or panic rejects the customer too, and the run goes
// on. Rejected customers still reach emit, with Record.Err saying why, and
// the returned [Stats] count them: Read = Classified + Rejected +
// Unfinished, Unfinished being zero unless the run stopped early.
//
// Run returns ctx.Err() when cancelled before the last record was
// delivered, or the first error emit returns; the Stats then say how far
// it got. The per-record path allocates nothing of its own; validation
// does allocate (see [segment.Profile.Validate]), which Trusted avoids for
// ledger-built profiles.
func Run[T any](ctx context.Context, src iter.Seq[*segment.Profile], stage Stage[T], emit func(r *Record[T]) error, opts *Options) (Stats, error) {
	if stage == nil {
		return Stats{}, errors.New("batch: nil stage")
	}
	if emit == nil {
		return Stats{}, errors.New("batch: nil emit callback")
	}
	fn := guarded(stage, opts != nil && opts.Trusted)
	var rec Record[T]
	return Map(ctx, src, fn, func(it *Item[segment.Profile, T]) error {
		rec.set(it.Index, it.In, it.Out, it.Err)
		if it.Err != nil {
			rec.Err = named(it.Err, it.In.ID)
		}
		return emit(&rec)
	}, opts)
}

// guarded wraps stage with what Run promises for every customer: the
// profile validated unless trusted, a stage's error turned into a
// *StageError naming the customer. A panic is left to Map, which recovers
// it once per chunk rather than once per record; Run and RunView then wrap
// the *PanicError in a *StageError naming the customer (named).
func guarded[T any](stage Stage[T], trusted bool) Stage[T] {
	return func(p *segment.Profile, out *T) (err error) {
		if !trusted {
			if err := p.Validate(); err != nil {
				return fmt.Errorf("batch: invalid profile: %w", err)
			}
		}
		if err := stage(p, out); err != nil {
			return &StageError{Customer: p.ID, Err: err}
		}
		return nil
	}
}

// named returns err, a record's error from Map, with a panic in a stage
// wrapped in a *StageError naming customer id.
func named(err error, id string) error {
	if p, ok := err.(*PanicError); ok {
		return &StageError{Customer: id, Err: p}
	}
	return err
}

// RunView is [Run] over the customers of v, in v's order (Record.Index is
// the customer's number in v), with one difference that matters for a
// large base: the profiles are made on the workers, each from the
// ledger's lines, instead of being read one after another on a single
// goroutine as [FromLedger] does, so every core builds profiles as well as
// classifying them. The Stats, the accounting and the errors are Run's.
// Profiles from a ledger are valid: run them with [Options].Trusted.
func RunView[T any](ctx context.Context, v *segment.View, stage Stage[T], emit func(r *Record[T]) error, opts *Options) (Stats, error) {
	if err := viewArgs(v, stage); err != nil {
		return Stats{}, err
	}
	if emit == nil {
		return Stats{}, errors.New("batch: nil emit callback")
	}
	fn := guarded(stage, opts != nil && opts.Trusted)
	var rec Record[T]
	var again segment.Profile // a rejected customer's profile, made again for emit
	return mapNumbers(ctx, v.Len(), func(i *int32, out *viewOut[T]) error {
		v.Profile(int(*i), &out.p)
		return fn(&out.p, &out.t)
	}, func(it *Item[int32, viewOut[T]]) error {
		rec.set(it.Index, &it.Out.p, &it.Out.t, it.Err)
		if it.Err != nil { // Map zeroed the output, the profile with it
			v.Profile(int(*it.In), &again)
			rec.Profile, rec.Err = &again, named(it.Err, again.ID)
		}
		return emit(&rec)
	}, opts)
}

// viewArgs refuses the missing arguments RunView, WriteView and
// ReduceView share.
func viewArgs[T any](v *segment.View, stage Stage[T]) error {
	switch {
	case v == nil:
		return errors.New("batch: nil view")
	case stage == nil:
		return errors.New("batch: nil stage")
	}
	return nil
}

// viewOut is what RunView's workers make of one customer: the profile and
// the stages' output.
type viewOut[T any] struct {
	p segment.Profile
	t T
}

// FromView yields the numbers of v's customers, 0 to v.Len()-1: the input
// of [Map] when its fn makes the profiles itself, on the workers, with
// v.Profile or v.ProfileOn, as [RunView] does. It yields the same variable
// each time (Map copies it), so it allocates nothing per customer.
func FromView(v *segment.View) iter.Seq[*int32] {
	return func(yield func(*int32) bool) {
		var i int32 // declared outside the loop: one variable, not one per number
		for i = 0; int(i) < v.Len(); i++ {
			if !yield(&i) {
				return
			}
		}
	}
}

// FromSlice yields a pointer to each element of s in order, without
// copying: the input of [Run] for profiles in memory, and of [Map] for
// any slice.
func FromSlice[E any](s []E) iter.Seq[*E] {
	return func(yield func(*E) bool) {
		for i := range s {
			if !yield(&s[i]) {
				return
			}
		}
	}
}

// FromLedger yields the profile of every customer of l as of asOf (zero
// means [segment.Ledger.Latest]) through [segment.Ledger.Each], without
// materialising them all. When the iteration ends, the ledger's
// accounting is stored in *stats unless stats is nil. The ledger must not
// be modified while the sequence is in use. Profiles from a ledger are
// valid: run them with [Options].Trusted.
func FromLedger(l *segment.Ledger, asOf segment.Date, stats *segment.Stats) iter.Seq[*segment.Profile] {
	return func(yield func(*segment.Profile) bool) {
		st := l.Each(asOf, yield)
		if stats != nil {
			*stats = st
		}
	}
}
