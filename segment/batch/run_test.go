package batch_test

import (
	"context"
	"errors"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/internal/leaktest"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// row is what these tests compute per customer: two typologies at once.
type row struct {
	Tier     segment.Result[tier]
	Decision segment.Result[decision.Style]
}

func twoTypologies(t testing.TB) batch.Stage[row] {
	t.Helper()
	styles, err := decision.New(nil)
	require.NoError(t, err)
	return batch.Chain(
		batch.Classify(byRevenue, func(r *row) *segment.Result[tier] { return &r.Tier }),
		batch.Classify(styles, func(r *row) *segment.Result[decision.Style] { return &r.Decision }),
	)
}

// delivered is what a test's emit callback saw of one record.
type delivered struct {
	Index int
	ID    string
	Out   row
	Err   string
}

// collect runs Run and returns every record emit saw.
func collect(t testing.TB, ctx context.Context, ps []segment.Profile, stage batch.Stage[row], opts *batch.Options) ([]delivered, batch.Stats, error) {
	t.Helper()
	var got []delivered
	st, err := batch.Run(ctx, batch.FromSlice(ps), stage, func(r *batch.Record[row]) error {
		d := delivered{Index: r.Index, ID: r.Profile.ID, Out: *r.Out}
		if r.Err != nil {
			d.Err = r.Err.Error()
		}
		got = append(got, d)
		return nil
	}, opts)
	return got, st, err
}

// Every record is accounted for: classified + rejected = read, and each
// rejection says which customer and why.
func TestAccounting(t *testing.T) {
	leaktest.Check(t)
	ps := numbered(40)
	ps[3].Revenue = math.NaN()                                   // invalid: not finite
	ps[7].Occasions = -2                                         // invalid: negative
	ps[11].ID = "fails"                                          // the stage returns an error
	ps[19].ID = "panics"                                         // the stage panics
	ps[23].Last, ps[23].First = asOf.AddDays(5), asOf.AddDays(5) // invalid: bought after the as-of date
	stage := batch.Chain(twoTypologies(t), func(p *segment.Profile, out *row) error {
		switch p.ID {
		case "fails":
			return errors.New("no such customer in the CRM")
		case "panics":
			var ids []string
			_ = ids[len(p.ID)] // an index out of range: a bug in the stage
		}
		return nil
	})
	got, st, err := collect(t, context.Background(), ps, stage, &batch.Options{Workers: 3, Chunk: 4})
	require.NoError(t, err)

	want := batch.Stats{Read: 40, Classified: 35, Rejected: 5}
	st.Elapsed = 0
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
	wantErrs := map[int]string{
		3:  `batch: invalid profile: customer "C3": revenue "NaN": not a finite number`,
		7:  `batch: invalid profile: customer "C7": occasions "-2": out of range: must not be negative`,
		11: `batch: customer "fails": no such customer in the CRM`,
		19: `batch: customer "panics": panic: runtime error: index out of range [6] with length 0`,
		23: `batch: invalid profile: customer "C23": last "2025-07-05": after as_of 2025-06-30`,
	}
	gotErrs := map[int]string{}
	for i, d := range got {
		if d.Index != i {
			t.Fatalf("record %d delivered at position %d", d.Index, i)
		}
		if d.Err != "" {
			gotErrs[d.Index] = d.Err
			if d.Out != (row{}) {
				t.Errorf("rejected record %d carries output %+v, want the zero row", d.Index, d.Out)
			}
		}
	}
	if diff := cmp.Diff(wantErrs, gotErrs); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
}

// Rejections can be told apart with errors.As.
func TestRejectionTypes(t *testing.T) {
	ps := []segment.Profile{buyer("ok", 1, 10, 1), buyer("bad", 1, 10, 1), buyer("boom", 1, 10, 1)}
	ps[1].Returned = -1
	var errs []error
	_, err := batch.Run(context.Background(), func(yield func(*segment.Profile) bool) {
		for i := range ps {
			if !yield(&ps[i]) {
				return
			}
		}
		yield(nil)
	}, func(p *segment.Profile, out *row) error {
		if p.ID == "boom" {
			panic("boom")
		}
		return nil
	}, func(r *batch.Record[row]) error {
		errs = append(errs, r.Err)
		return nil
	}, nil)
	require.NoError(t, err)
	require.Len(t, errs, 4)
	if errs[0] != nil {
		t.Errorf("valid profile rejected: %v", errs[0])
	}
	var fe *segment.FieldError
	if !errors.As(errs[1], &fe) || fe.Field != "returned" {
		t.Errorf("invalid profile: got %v, want a FieldError on returned", errs[1])
	}
	var se *batch.StageError
	var pe *batch.PanicError
	if !errors.As(errs[2], &se) || se.Customer != "boom" || !errors.As(errs[2], &pe) || pe.Value != "boom" || len(pe.Stack) == 0 {
		t.Errorf("panic: got %#v, want a StageError for boom wrapping a PanicError with a stack", errs[2])
	}
	if !errors.Is(errs[3], batch.ErrNilRecord) {
		t.Errorf("nil record: got %v, want ErrNilRecord", errs[3])
	}
}

// Trusted skips validation: the stage sees the profile as it is.
func TestTrustedSkipsValidation(t *testing.T) {
	ps := []segment.Profile{buyer("odd", 1, 10, 1)}
	ps[0].Returned = -1
	got, st, err := collect(t, context.Background(), ps, twoTypologies(t), &batch.Options{Trusted: true})
	require.NoError(t, err)
	if st.Classified != 1 || got[0].Err != "" {
		t.Errorf("trusted run rejected the profile: %+v %+v", st, got)
	}
}

// jitter sleeps a pseudo-random few hundred microseconds per customer, so
// that workers finish out of order.
func jitter(p *segment.Profile, out *row) error {
	h := fnv.New32a()
	h.Write([]byte(p.ID))
	time.Sleep(time.Duration(h.Sum32()%4) * 150 * time.Microsecond)
	return nil
}

// Records reach emit in input order, however the workers finish, and each
// carries its own customer's results.
func TestOrderUnderParallelism(t *testing.T) {
	leaktest.Check(t)
	ps := numbered(1500)
	stage := batch.Chain(twoTypologies(t), jitter, func(p *segment.Profile, out *row) error {
		if p.ID == "C0" {
			time.Sleep(50 * time.Millisecond) // every later chunk finishes first
		}
		return nil
	})
	for _, opts := range []batch.Options{
		{Workers: 8, Chunk: 1},
		{Workers: 4, Chunk: 7},
		{Workers: 2, Chunk: 100},
	} {
		got, st, err := collect(t, context.Background(), ps, stage, &opts)
		require.NoError(t, err)
		if st.Classified != len(ps) || st.Read != len(ps) {
			t.Fatalf("%+v: stats %+v, want all %d classified", opts, st, len(ps))
		}
		for i, d := range got {
			if d.Index != i || d.ID != ps[i].ID {
				t.Fatalf("%+v: position %d holds record %d (%s), want %d (%s)", opts, i, d.Index, d.ID, i, ps[i].ID)
			}
			if want := byRevenue.Classify(&ps[i]); d.Out.Tier != want {
				t.Fatalf("%+v: %s got tier %v, want %v", opts, d.ID, d.Out.Tier.Primary, want.Primary)
			}
		}
	}
}

// The order of the input changes nothing about any customer's results.
func TestInputOrderDoesNotChangeResults(t *testing.T) {
	ps := segmenttest.Random(1000, 11)
	stage := twoTypologies(t)
	results := func(ps []segment.Profile) map[string]row {
		got, _, err := collect(t, context.Background(), ps, stage, &batch.Options{Workers: 4, Chunk: 16})
		require.NoError(t, err)
		m := make(map[string]row, len(got))
		for _, d := range got {
			m[d.ID] = d.Out
		}
		return m
	}
	want := results(ps)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3 {
		shuffled := append([]segment.Profile(nil), ps...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if diff := cmp.Diff(want, results(shuffled)); diff != "" {
			t.Fatalf("results depend on input order (-in order +shuffled):\n%s", diff)
		}
	}
	// And they are what the classifiers say one customer at a time.
	styles, _ := decision.New(nil)
	for i := range ps {
		p := &ps[i]
		if got := want[p.ID]; got.Tier != byRevenue.Classify(p) || got.Decision != styles.Classify(p) {
			t.Fatalf("%s: batch gives %+v, direct classification differs", p.ID, got)
		}
	}
}

// endless yields profiles until asked to stop.
func endless(yield func(*segment.Profile) bool) {
	for i := 0; ; i++ {
		p := buyer("E"+strconv.Itoa(i), 1, 50, 3)
		if !yield(&p) {
			return
		}
	}
}

// Cancelling stops an endless input, and the stats say how far it got:
// the delivered records are exactly the first ones, and what was read
// beyond them is counted as unfinished.
func TestCancelStopsAndReportsProgress(t *testing.T) {
	leaktest.Check(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const workers, chunk = 3, 8
	next := 0
	st, err := batch.Run(ctx, endless, func(p *segment.Profile, out *row) error { return nil }, func(r *batch.Record[row]) error {
		if r.Index != next {
			t.Fatalf("record %d delivered when %d was due", r.Index, next)
		}
		next++
		if r.Index == 500 {
			cancel()
		}
		return nil
	}, &batch.Options{Workers: workers, Chunk: chunk})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if st.Classified+st.Rejected != next {
		t.Errorf("stats count %d delivered, emit saw %d", st.Classified+st.Rejected, next)
	}
	if next < 501 || next > 501+chunk {
		t.Errorf("%d records delivered after cancelling at record 500; want the rest of that chunk at most", next)
	}
	if st.Unfinished != st.Read-next || st.Unfinished < 0 {
		t.Errorf("stats %+v do not account for %d delivered", st, next)
	}
	// Reading stops within the reorder window (4 chunks per worker) plus
	// the chunk being filled.
	if limit := next + (4*workers+1)*chunk; st.Read > limit {
		t.Errorf("read %d records, more than the window allows (%d)", st.Read, limit)
	}
}

// A cancellation from outside interrupts slow stages promptly: once the
// context is done, no worker starts more than the record it was already
// committed to. Counted, not timed, so a loaded machine cannot fail it.
func TestCancelFromOutsideIsPrompt(t *testing.T) {
	leaktest.Check(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	var late atomic.Int64
	slow := func(p *segment.Profile, out *row) error {
		if ctx.Err() != nil {
			late.Add(1)
		}
		time.Sleep(time.Millisecond)
		return nil
	}
	const workers = 2
	st, err := batch.Run(ctx, batch.FromSlice(numbered(20000)), slow, func(*batch.Record[row]) error { return nil },
		&batch.Options{Workers: workers, Chunk: 64})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	if n := late.Load(); n > workers {
		t.Errorf("%d records started after the deadline; want at most one per worker (%d)", n, workers)
	}
	if st.Read >= 20000 || st.Unfinished != st.Read-st.Classified-st.Rejected {
		t.Errorf("stats %+v after cancelling", st)
	}
}

func TestCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	st, err := batch.Run(ctx, func(yield func(*segment.Profile) bool) { called = true }, twoTypologies(t),
		func(*batch.Record[row]) error { return nil }, nil)
	if !errors.Is(err, context.Canceled) || st.Read != 0 || called {
		t.Errorf("got %+v, %v, input read: %v; want nothing read and Canceled", st, err, called)
	}
}

// Cancelling once every record is delivered does not fail a complete run.
func TestCancelAfterLastRecordIsComplete(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ps := numbered(100)
	st, err := batch.Run(ctx, batch.FromSlice(ps), twoTypologies(t), func(r *batch.Record[row]) error {
		if r.Index == len(ps)-1 {
			cancel()
		}
		return nil
	}, &batch.Options{Chunk: 10})
	if err != nil || st.Classified != 100 || st.Unfinished != 0 {
		t.Errorf("got %+v, %v; want a complete run", st, err)
	}
}

// An error from emit stops the run and is returned as is.
func TestEmitErrorStops(t *testing.T) {
	leaktest.Check(t)
	errDisk := errors.New("disk full")
	st, err := batch.Run(context.Background(), batch.FromSlice(numbered(5000)), twoTypologies(t), func(r *batch.Record[row]) error {
		if r.Index == 100 {
			return errDisk
		}
		return nil
	}, &batch.Options{Workers: 2, Chunk: 16})
	if err != errDisk {
		t.Fatalf("err = %v, want the emit error", err)
	}
	if st.Classified != 101 || st.Unfinished != st.Read-101 {
		t.Errorf("stats %+v; want 101 delivered (the failing one included) and the rest unfinished", st)
	}
}

// Progress comes at a bounded rate, not per record, ends with the final
// stats, and never goes backwards.
func TestProgress(t *testing.T) {
	ps := numbered(1000)
	var calls []batch.Stats
	st, err := batch.Run(context.Background(), batch.FromSlice(ps), twoTypologies(t), func(*batch.Record[row]) error { return nil },
		&batch.Options{Chunk: 10, Progress: func(s batch.Stats) { calls = append(calls, s) }, ProgressInterval: time.Nanosecond})
	require.NoError(t, err)
	if len(calls) < 2 || len(calls) > 1000/10+1 {
		t.Errorf("%d progress calls for 100 chunks; want between 2 and one per chunk plus the final one", len(calls))
	}
	for i := 1; i < len(calls); i++ {
		if calls[i].Classified < calls[i-1].Classified || calls[i].Read < calls[i-1].Read {
			t.Errorf("progress went backwards: %+v then %+v", calls[i-1], calls[i])
		}
	}
	if diff := cmp.Diff(st, calls[len(calls)-1]); diff != "" {
		t.Errorf("last progress call differs from the result (-result +progress):\n%s", diff)
	}

	calls = nil
	_, err = batch.Run(context.Background(), batch.FromSlice(ps), twoTypologies(t), func(*batch.Record[row]) error { return nil },
		&batch.Options{Chunk: 10, Progress: func(s batch.Stats) { calls = append(calls, s) }, ProgressInterval: time.Hour})
	require.NoError(t, err)
	if len(calls) != 1 || calls[0].Classified != 1000 {
		t.Errorf("with an hour between calls, got %d calls %+v; want only the final one", len(calls), calls)
	}
}

// A panic in the input is raised again on the caller's goroutine, after
// the workers have stopped.
func TestInputPanicReachesCaller(t *testing.T) {
	leaktest.Check(t)
	defer func() {
		v := recover()
		pe, ok := v.(*batch.PanicError)
		if !ok || pe.Value != "corrupt export" {
			t.Errorf("recovered %v, want the input's panic as a *PanicError", v)
		}
	}()
	_, _ = batch.Run(context.Background(), func(yield func(*segment.Profile) bool) {
		for i := range 100 {
			p := buyer("P"+strconv.Itoa(i), 1, 5, 1)
			if !yield(&p) {
				return
			}
		}
		panic("corrupt export")
	}, twoTypologies(t), func(*batch.Record[row]) error { return nil }, &batch.Options{Chunk: 8})
	t.Error("Run returned normally")
}

// A panic in emit propagates, and no goroutine is left behind.
func TestEmitPanicStopsWorkers(t *testing.T) {
	leaktest.Check(t)
	defer func() {
		if v := recover(); v != "emit bug" {
			t.Errorf("recovered %v, want the emit panic", v)
		}
	}()
	_, _ = batch.Run(context.Background(), endless, twoTypologies(t), func(r *batch.Record[row]) error {
		if r.Index == 50 {
			panic("emit bug")
		}
		return nil
	}, &batch.Options{Chunk: 4})
}

// A stage that calls runtime.Goexit (t.FailNow from a stage, say) ends
// the run with an error instead of hanging it.
func TestGoexitInStageDoesNotHang(t *testing.T) {
	leaktest.Check(t)
	st, err := batch.Run(context.Background(), batch.FromSlice(numbered(500)), func(p *segment.Profile, out *row) error {
		if p.ID == "C42" {
			runtime.Goexit()
		}
		return nil
	}, func(*batch.Record[row]) error { return nil }, &batch.Options{Workers: 2, Chunk: 8})
	if err == nil || !strings.Contains(err.Error(), "Goexit") {
		t.Fatalf("err = %v, want the Goexit error", err)
	}
	if st.Classified > 42 {
		t.Errorf("%d records delivered; the run should stop before C42", st.Classified)
	}
}

func TestOptionsAndArguments(t *testing.T) {
	noop := func(*batch.Record[row]) error { return nil }
	src := batch.FromSlice(numbered(3))
	for name, run := range map[string]func() error{
		"negative workers": func() error {
			_, err := batch.Run(context.Background(), src, twoTypologies(t), noop, &batch.Options{Workers: -1})
			return err
		},
		"negative chunk": func() error {
			_, err := batch.Run(context.Background(), src, twoTypologies(t), noop, &batch.Options{Chunk: -1})
			return err
		},
		"negative interval": func() error {
			_, err := batch.Run(context.Background(), src, twoTypologies(t), noop, &batch.Options{ProgressInterval: -time.Second})
			return err
		},
		"nil stage": func() error { _, err := batch.Run(context.Background(), src, nil, noop, nil); return err },
		"nil emit": func() error {
			_, err := batch.Run[row](context.Background(), src, twoTypologies(t), nil, nil)
			return err
		},
		"nil input": func() error { _, err := batch.Run(context.Background(), nil, twoTypologies(t), noop, nil); return err },
	} {
		if err := run(); err == nil || !strings.HasPrefix(err.Error(), "batch: ") {
			t.Errorf("%s: err = %v, want a batch: error", name, err)
		}
	}
}

// Map runs any record type; here, squares of integers.
func TestMap(t *testing.T) {
	in := make([]int, 1000)
	for i := range in {
		in[i] = i
	}
	var got []int
	st, err := batch.Map(context.Background(), batch.FromSlice(in), func(n *int, out *int) error {
		if *n == 13 {
			return errors.New("unlucky")
		}
		*out = *n * *n
		return nil
	}, func(it *batch.Item[int, int]) error {
		if it.Err == nil {
			got = append(got, *it.Out)
		}
		return nil
	}, &batch.Options{Workers: 3, Chunk: 5})
	require.NoError(t, err)
	if st.Classified != 999 || st.Rejected != 1 || len(got) != 999 {
		t.Fatalf("stats %+v, %d outputs", st, len(got))
	}
	for i, v := range got {
		n := i
		if i >= 13 {
			n++
		}
		if v != n*n {
			t.Fatalf("output %d = %d, want %d", i, v, n*n)
		}
	}
}

// FromLedger streams a ledger's profiles and hands back its accounting.
func TestFromLedger(t *testing.T) {
	l := segment.NewLedger(nil)
	for _, o := range []segment.Order{
		{Customer: "a", Date: asOf.AddDays(-10), Amount: 120},
		{Customer: "b", Date: asOf.AddDays(-5), Amount: 1500},
		{Customer: "c", Date: asOf.AddDays(3), Amount: 10}, // after the as-of date
	} {
		require.NoError(t, l.Add(o))
	}
	var ls segment.Stats
	var ids []string
	var tiersGot []tier
	st, err := batch.Run(context.Background(), batch.FromLedger(l, asOf, &ls), twoTypologies(t), func(r *batch.Record[row]) error {
		ids = append(ids, r.Profile.ID)
		tiersGot = append(tiersGot, r.Out.Tier.Primary)
		return r.Err
	}, &batch.Options{Trusted: true})
	require.NoError(t, err)
	if diff := cmp.Diff([]string{"a", "b"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]tier{silver, gold}, tiersGot); diff != "" {
		t.Errorf("tiers (-want +got):\n%s", diff)
	}
	if st.Read != 2 || ls.Profiles != 2 || ls.NotYet != 1 || ls.AfterAsOf != 1 {
		t.Errorf("stats %+v, ledger stats %+v", st, ls)
	}
}

func TestPerRecord(t *testing.T) {
	for _, c := range []struct {
		st   batch.Stats
		want time.Duration
	}{
		{batch.Stats{Classified: 3, Rejected: 1, Elapsed: 400 * time.Nanosecond}, 100 * time.Nanosecond},
		{batch.Stats{Read: 5, Unfinished: 5, Elapsed: time.Second}, 0},
	} {
		if got := c.st.PerRecord(); got != c.want {
			t.Errorf("%+v.PerRecord() = %v, want %v", c.st, got, c.want)
		}
	}
}
