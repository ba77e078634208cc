package batch

import (
	"runtime/debug"
	"sync/atomic"

	"github.com/clientele-go/clientele/segment"
)

// recordWorker is a worker of WriteView and ReduceView. It takes the
// records of a chunk a group at a time: it makes the group's profiles,
// runs the stage on each, then hands each record on to take (format,
// add), which reads a record only during its call, so no record needs
// its own profile or output in the chunk, only in the group.
//
// A group at a time rather than a record at a time: the stage of a whole
// classification and a take that plans a playbook are each thousands of
// instructions and their own tables, more than a core's caches and
// branch predictors hold at once; run sixteen times in a row, each finds
// them as it left them. Interleaved per customer, strategy's
// Classify and PlanInto took 967–1,053 ns a customer on this project's
// two-core VM, in groups of sixteen 865–913 (see BenchmarkClassifyAndPlan
// and BenchmarkClassifyAndPlanGrouped); the shop example's playbooks of a
// million customers took 10% less user CPU time, its CSV segments the
// same.
type recordWorker[T any] struct {
	v       *segment.View
	stage   Stage[T] // guarded
	take    func(c *chunk[int32, struct{}], r *Record[T]) error
	reuse   bool
	stopped *atomic.Bool // the run's: stop at the next group, or before the next take

	ps   [group]segment.Profile
	outs [group]T
	errs [group]error
	rec  Record[T]
}

// group is the number of records a worker stages before taking them.
const group = 16

// newRecordWorker returns a worker of the pipeline r over v's customers,
// handing each record to take.
func newRecordWorker[T any](r *pipeline[int32, struct{}], v *segment.View, stage Stage[T], opts *Options, take func(c *chunk[int32, struct{}], r *Record[T]) error) *recordWorker[T] {
	return &recordWorker[T]{v: v, stage: guarded(stage, opts != nil && opts.Trusted), take: take,
		reuse: opts != nil && opts.Reuse, stopped: &r.stopped}
}

// chunk runs the stage on the records of c and hands each on, a group at
// a time, until take fails or the run stops.
func (rw *recordWorker[T]) chunk(c *chunk[int32, struct{}]) {
	c.text, c.taken, c.rejected, c.failed = c.text[:0], 0, 0, nil
	for from := 0; from < c.n && !rw.stopped.Load(); from += group {
		n := min(group, c.n-from)
		rw.stageGroup(c, from, n)
		if !rw.takeGroup(c, from, n) {
			return
		}
	}
}

// stageGroup makes the profiles of the n records of c from the one at
// from on, then runs the stage on each. A record the stage panics on is
// rejected with the panic, and the group goes on after it. The run's stop
// is not looked at here: after a stop, or an error of take, up to fifteen
// stages of the group have run for nothing.
func (rw *recordWorker[T]) stageGroup(c *chunk[int32, struct{}], from, n int) {
	for j := range n {
		rw.v.Profile(int(c.in[from+j]), &rw.ps[j])
	}
	for j := 0; j < n; j++ {
		var p *PanicError
		if j, p = rw.stageFrom(c, from, j, n); p != nil {
			var zero T
			// Named by the view, not by the profile, which the stage may
			// have changed; the profile made again for take.
			rw.outs[j], rw.errs[j] = zero, named(p, rw.v.ID(int(c.in[from+j])))
			rw.v.Profile(int(c.in[from+j]), &rw.ps[j])
		}
	}
}

// stageFrom runs the stage on the group's records from j on (a record
// the stage rejects gets the zero T and its profile made again, as the
// stage may have changed it). It returns n, or, when the stage panics,
// the record it panicked on with the panic: one deferred recover per
// group, not one per record.
func (rw *recordWorker[T]) stageFrom(c *chunk[int32, struct{}], from, j, n int) (at int, p *PanicError) {
	defer func() {
		if v := recover(); v != nil {
			p = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	var zero T
	for at = j; at < n; at++ {
		out := &rw.outs[at]
		if !rw.reuse {
			*out = zero
		}
		err := rw.stage(&rw.ps[at], out)
		rw.errs[at] = err
		if err != nil {
			*out = zero
			rw.v.Profile(int(c.in[from+at]), &rw.ps[at])
		}
	}
	return n, nil
}

// takeGroup hands the n staged records of c from the one at from on to
// take, counting them into c, and reports whether the chunk goes on: an
// error or a panic of take (which becomes c.failed, the panic in a
// *StageError naming the customer) or the run's stop ends it.
func (rw *recordWorker[T]) takeGroup(c *chunk[int32, struct{}], from, n int) (goOn bool) {
	j := 0
	defer func() {
		if v := recover(); v != nil {
			c.failed, goOn = named(&PanicError{Value: v, Stack: debug.Stack()}, rw.v.ID(int(c.in[from+j]))), false
		}
	}()
	for ; j < n; j++ {
		if rw.stopped.Load() {
			return false
		}
		rw.rec.set(c.start+from+j, &rw.ps[j], &rw.outs[j], rw.errs[j])
		if err := rw.take(c, &rw.rec); err != nil {
			c.failed = err
			return false
		}
		c.taken++
		if rw.errs[j] != nil {
			c.rejected++
		}
	}
	return true
}
