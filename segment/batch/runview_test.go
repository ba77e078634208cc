package batch_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/leaktest"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

// viewLedger has customers with purchases, one with only a return, and
// one whose only order is after the as-of date.
func viewLedger(t testing.TB, n int) *segment.Ledger {
	t.Helper()
	l := segment.NewLedger(nil)
	for i := range n {
		amount := float64(10 + i%1500)
		if i%97 == 5 {
			amount = -amount
		}
		require.NoError(t, l.Add(segment.Order{Customer: fmt.Sprintf("v%05d", i), Date: asOf.AddDays(-(i % 400)), Amount: amount}))
	}
	require.NoError(t, l.Add(segment.Order{Customer: "later", Date: asOf.AddDays(3), Amount: 10}))
	return l
}

// keeper returns an emit callback that keeps what it sees in *got and
// *profiles.
func keeper(got *[]delivered, profiles *[]segment.Profile) func(r *batch.Record[row]) error {
	return func(r *batch.Record[row]) error {
		d := delivered{Index: r.Index, ID: r.Profile.ID, Out: *r.Out}
		if r.Err != nil {
			d.Err = r.Err.Error()
		}
		*got = append(*got, d)
		*profiles = append(*profiles, *r.Profile)
		return nil
	}
}

// viewRecords runs RunView and returns what emit saw, with the profiles.
func viewRecords(t *testing.T, ctx context.Context, v *segment.View, stage batch.Stage[row], opts *batch.Options) ([]delivered, []segment.Profile, batch.Stats, error) {
	t.Helper()
	var got []delivered
	var profiles []segment.Profile
	st, err := batch.RunView(ctx, v, stage, keeper(&got, &profiles), opts)
	return got, profiles, st, err
}

// RunView delivers what Run over the ledger's Each delivers: the same
// records in the same order, the same profiles, errors and accounting,
// whichever customers a stage rejects or panics on.
func TestRunViewIsRunOverEach(t *testing.T) {
	l := viewLedger(t, 5000)
	stage := twoTypologies(t)
	failing := batch.Stage[row](func(p *segment.Profile, out *row) error {
		switch p.ID {
		case "v00042":
			return errors.New("refused")
		case "v00043":
			panic("boom")
		}
		return stage(p, out)
	})
	for _, opts := range []*batch.Options{{Trusted: true}, {Chunk: 7, Workers: 3}} {
		var want []delivered
		var wantProfiles []segment.Profile
		wantStats, err := batch.Run(context.Background(), batch.FromLedger(l, asOf, nil), failing, keeper(&want, &wantProfiles), opts)
		require.NoError(t, err)
		got, profiles, st, err := viewRecords(t, context.Background(), l.View(asOf), failing, opts)
		require.NoError(t, err)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("records (-Run +RunView):\n%s", diff)
		}
		if diff := cmp.Diff(wantProfiles, profiles); diff != "" {
			t.Fatalf("profiles (-Run +RunView):\n%s", diff)
		}
		st.Elapsed, wantStats.Elapsed = 0, 0
		require.Equal(t, wantStats, st)
		require.Equal(t, 2, st.Rejected)
		require.Equal(t, "v00042", got[42].ID, "a rejected record keeps its profile")
	}
}

// RunView follows the view's numbering (ByID here), stops on an emit
// error and on cancellation with the accounting of how far it got, and
// refuses missing arguments.
func TestRunViewOrderAndStops(t *testing.T) {
	l := viewLedger(t, 3000)
	v := l.View(asOf).ByID()
	got, _, st, err := viewRecords(t, context.Background(), v, twoTypologies(t), &batch.Options{Trusted: true, Chunk: 64})
	require.NoError(t, err)
	require.Equal(t, v.Len(), st.Read)
	for i, d := range got {
		require.Equal(t, v.ID(i), d.ID)
	}

	stop := errors.New("enough")
	n := 0
	st, err = batch.RunView(context.Background(), v, twoTypologies(t), func(r *batch.Record[row]) error {
		if n++; n == 100 {
			return stop
		}
		return nil
	}, &batch.Options{Chunk: 16})
	require.ErrorIs(t, err, stop)
	require.Equal(t, st.Read, st.Classified+st.Rejected+st.Unfinished)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = batch.RunView(ctx, v, twoTypologies(t), func(*batch.Record[row]) error { return nil }, nil)
	require.ErrorIs(t, err, context.Canceled)

	emit := func(*batch.Record[row]) error { return nil }
	for _, bad := range []func() error{
		func() error {
			_, err := batch.RunView(context.Background(), nil, twoTypologies(t), emit, nil)
			return err
		},
		func() error { _, err := batch.RunView[row](context.Background(), v, nil, emit, nil); return err },
		func() error { _, err := batch.RunView(context.Background(), v, twoTypologies(t), nil, nil); return err },
	} {
		require.Error(t, bad())
	}
}

// RunView's allocations do not grow with the base: nothing is allocated
// per customer (the chunks, goroutines and channels are per run).
func TestRunViewAllocatesNothingPerCustomer(t *testing.T) {
	if testing.Short() {
		t.Skip("counts allocations over two runs")
	}
	stage := batch.Stage[row](func(p *segment.Profile, out *row) error {
		out.Tier.Primary = gold
		return nil
	})
	allocs := func(n int) float64 {
		v := viewLedger(t, n).View(asOf)
		return testing.AllocsPerRun(3, func() {
			_, err := batch.RunView(context.Background(), v, stage, func(*batch.Record[row]) error { return nil },
				&batch.Options{Trusted: true, Workers: 2, Chunk: 256})
			require.NoError(t, err)
		})
	}
	small, large := allocs(1000), allocs(20000)
	if large-small > 50 {
		t.Errorf("RunView allocates per customer: %.0f allocations for 1,000 customers, %.0f for 20,000", small, large)
	}
}

// An empty view runs nothing and says so.
func TestRunViewEmpty(t *testing.T) {
	st, err := batch.RunView(context.Background(), segment.NewLedger(nil).View(asOf), twoTypologies(t),
		func(*batch.Record[row]) error { t.Error("emit called"); return nil }, nil)
	require.NoError(t, err)
	require.Zero(t, st.Read)
}

// RunView's workers take the chunks of numbers themselves: every customer
// comes once and in order whatever the workers and the chunk (more
// workers than chunks among them); a cancellation mid-run stops the
// reading within the window and accounts for every record read; one after
// the last record does not fail the run; a stage calling runtime.Goexit
// ends the run with an error instead of hanging it; and no goroutine is
// left behind.
func TestRunViewTakesChunksItself(t *testing.T) {
	leaktest.Check(t)
	l := viewLedger(t, 1000)
	v := l.View(asOf)
	stage := twoTypologies(t)
	for _, o := range []batch.Options{{Workers: 1, Chunk: 1}, {Workers: 2, Chunk: 3}, {Workers: 5, Chunk: 1000}, {Workers: 8, Chunk: 400}, {Workers: 3, Chunk: 1001}} {
		o.Trusted = true
		got, _, st, err := viewRecords(t, context.Background(), v, stage, &o)
		require.NoError(t, err)
		require.Len(t, got, v.Len(), "%+v", o)
		for i, d := range got {
			require.Equal(t, i, d.Index, "%+v", o)
		}
		require.Equal(t, batch.Stats{Read: v.Len(), Classified: v.Len()}, batch.Stats{Read: st.Read, Classified: st.Classified, Rejected: st.Rejected, Unfinished: st.Unfinished})
	}

	const workers, chunk = 3, 8
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	next := 0
	st, err := batch.RunView(ctx, v, stage, func(r *batch.Record[row]) error {
		require.Equal(t, next, r.Index)
		if next++; r.Index == 300 {
			cancel()
		}
		return nil
	}, &batch.Options{Workers: workers, Chunk: chunk, Trusted: true})
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, next, st.Classified+st.Rejected)
	require.Equal(t, st.Read-next, st.Unfinished)
	require.LessOrEqual(t, st.Read, next+4*workers*chunk, "read past the window")

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	st, err = batch.RunView(ctx, v, stage, func(r *batch.Record[row]) error {
		if r.Index == v.Len()-1 {
			cancel()
		}
		return nil
	}, &batch.Options{Chunk: 10, Trusted: true})
	require.NoError(t, err, "cancelled after the last record")
	require.Equal(t, v.Len(), st.Classified)

	st, err = batch.RunView(context.Background(), v, func(p *segment.Profile, out *row) error {
		if p.ID == "v00042" {
			runtime.Goexit()
		}
		return nil
	}, func(*batch.Record[row]) error { return nil }, &batch.Options{Workers: 2, Chunk: 8})
	require.ErrorContains(t, err, "Goexit")
	require.LessOrEqual(t, st.Classified, 42)
}

// A cancellation in the emit of the last record never fails the run,
// however the workers are scheduled: the input is marked read when its
// last chunk is taken, not when a worker later finds nothing left (found
// by a review; a worker preempted between the two made it fail).
func TestRunViewCancelAtTheLastRecord(t *testing.T) {
	for _, c := range []struct{ procs, n, workers, chunk int }{{1, 5, 1, 5}, {2, 5, 1, 5}, {2, 40, 2, 10}, {2, 1000, 0, 10}, {1, 1000, 0, 10}} {
		func() {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(c.procs))
			v := viewLedger(t, c.n).View(asOf)
			for range 100 {
				ctx, cancel := context.WithCancel(context.Background())
				st, err := batch.RunView(ctx, v, func(*segment.Profile, *row) error { return nil }, func(r *batch.Record[row]) error {
					if r.Index == v.Len()-1 {
						cancel()
					}
					return nil
				}, &batch.Options{Workers: c.workers, Chunk: c.chunk, Trusted: true})
				cancel()
				if err != nil || st.Classified != v.Len() {
					t.Fatalf("%+v: %+v, %v after cancelling at the last record", c, st, err)
				}
			}
		}()
	}
}
