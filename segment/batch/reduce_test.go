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

// gathered is what these tests reduce a base to: a summary of the tiers,
// the rejected customers and the sum of the indexes seen.
type gathered struct {
	tiers    *batch.Summary[tier]
	rejected map[string]string
	indexes  int
}

func newGathered() *gathered {
	return &gathered{tiers: batch.NewSummary(tiers), rejected: map[string]string{}}
}

func (g *gathered) add(r *batch.Record[row]) error {
	g.indexes += r.Index
	if r.Err != nil {
		g.rejected[r.Profile.ID] = fmt.Sprint(r.Profile.Revenue, r.Out.Tier.Primary, r.Err)
		return nil
	}
	return g.tiers.Add(r.Profile, &r.Out.Tier)
}

func (g *gathered) merge(o *gathered) error {
	g.indexes += o.indexes
	for id, e := range o.rejected {
		g.rejected[id] = e
	}
	return g.tiers.Merge(o.tiers)
}

// summaryJSON is the summary as its JSON, which says everything it holds.
func summaryJSON(t *testing.T, s *batch.Summary[tier]) string {
	t.Helper()
	b, err := s.MarshalJSON()
	require.NoError(t, err)
	return string(b)
}

// ReduceView gathers what RunView delivers, one record after another,
// whatever the workers, the chunks and Reuse: the same summary, the same
// rejected customers with their profiles as the ledger made them, every
// index once, and the same accounting.
func TestReduceViewGathersWhatRunViewDelivers(t *testing.T) {
	leaktest.Check(t)
	v := viewLedger(t, 3000).View(asOf)
	for _, o := range []batch.Options{{}, {Trusted: true}, {Workers: 1, Chunk: 1}, {Workers: 3, Chunk: 7, Reuse: true}, {Workers: 8, Chunk: 1000}} {
		want := newGathered()
		wantStats, err := batch.RunView(context.Background(), v, failingStage(t), func(r *batch.Record[row]) error { return want.add(r) }, &o)
		require.NoError(t, err)
		got, st, err := batch.ReduceView(context.Background(), v, failingStage(t), newGathered,
			(*gathered).add, (*gathered).merge, &o)
		require.NoError(t, err, "%+v", o)
		require.Equal(t, summaryJSON(t, want.tiers), summaryJSON(t, got.tiers), "%+v", o)
		if diff := cmp.Diff(want.rejected, got.rejected); diff != "" {
			t.Fatalf("%+v: rejected (-RunView +ReduceView):\n%s", o, diff)
		}
		require.Equal(t, v.Len()*(v.Len()-1)/2, got.indexes, "%+v: every index once", o)
		st.Elapsed, wantStats.Elapsed = 0, 0
		require.Equal(t, wantStats, st, "%+v", o)
		require.Len(t, got.rejected, 3)
	}
}

// An error or a panic in add, or an error of merge, stops the run with
// that error (a panic named after the customer) and a zero result; so
// does a cancellation, and a stage calling runtime.Goexit. An empty view
// gives an empty accumulator; missing arguments are refused.
func TestReduceViewStops(t *testing.T) {
	leaktest.Check(t)
	v := viewLedger(t, 2000).View(asOf)
	stop := errors.New("enough")
	for _, panics := range []bool{false, true} {
		for _, o := range []batch.Options{{Workers: 3, Chunk: 16}, {Workers: 1, Chunk: 1}} {
			got, st, err := batch.ReduceView(context.Background(), v, twoTypologies(t), newGathered, func(g *gathered, r *batch.Record[row]) error {
				if r.Index == 1234 {
					if panics {
						panic("add broke")
					}
					return stop
				}
				return g.add(r)
			}, (*gathered).merge, &o)
			require.Nil(t, got)
			if panics {
				var se *batch.StageError
				require.ErrorAs(t, err, &se)
				require.Equal(t, v.ID(1234), se.Customer)
			} else {
				require.Equal(t, stop, err)
			}
			require.LessOrEqual(t, st.Classified, 1234)
			require.Equal(t, st.Read, st.Classified+st.Rejected+st.Unfinished)
		}
	}

	got, _, err := batch.ReduceView(context.Background(), v, twoTypologies(t), newGathered, (*gathered).add,
		func(*gathered, *gathered) error { return stop }, &batch.Options{Workers: 2})
	require.Equal(t, stop, err)
	require.Nil(t, got)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got, _, err = batch.ReduceView(ctx, v, twoTypologies(t), newGathered, (*gathered).add, (*gathered).merge, nil)
	require.ErrorIs(t, err, context.Canceled)
	require.Nil(t, got)

	_, _, err = batch.ReduceView(context.Background(), v, func(p *segment.Profile, out *row) error {
		if p.ID == "v00042" {
			runtime.Goexit()
		}
		return nil
	}, newGathered, (*gathered).add, (*gathered).merge, &batch.Options{Workers: 2, Chunk: 8})
	require.ErrorContains(t, err, "Goexit")

	got, st, err := batch.ReduceView(context.Background(), segment.NewLedger(nil).View(asOf), twoTypologies(t), newGathered, (*gathered).add, (*gathered).merge, nil)
	require.NoError(t, err)
	require.NotNil(t, got)
	require.Zero(t, got.tiers.Count())
	require.Zero(t, st.Read)

	for _, bad := range []func() error{
		func() error {
			_, _, err := batch.ReduceView(context.Background(), nil, twoTypologies(t), newGathered, (*gathered).add, (*gathered).merge, nil)
			return err
		},
		func() error {
			_, _, err := batch.ReduceView[row](context.Background(), v, nil, newGathered, (*gathered).add, (*gathered).merge, nil)
			return err
		},
		func() error {
			_, _, err := batch.ReduceView(context.Background(), v, twoTypologies(t), nil, (*gathered).add, (*gathered).merge, nil)
			return err
		},
		func() error {
			_, _, err := batch.ReduceView(context.Background(), v, twoTypologies(t), newGathered, nil, (*gathered).merge, nil)
			return err
		},
		func() error {
			_, _, err := batch.ReduceView(context.Background(), v, twoTypologies(t), newGathered, (*gathered).add, nil, nil)
			return err
		},
	} {
		require.Error(t, bad())
	}
}

// newAcc runs on the caller's goroutine before the run: its panic is the
// caller's, with no worker started (a review found it on the workers,
// where a panic ended the program and a Goexit left a run that reported
// success with nothing gathered).
func TestReduceViewNewAccPanicsOnTheCaller(t *testing.T) {
	leaktest.Check(t)
	v := viewLedger(t, 100).View(asOf)
	defer func() {
		if recover() != "no memory" {
			t.Error("newAcc's panic did not reach the caller")
		}
	}()
	batch.ReduceView(context.Background(), v, twoTypologies(t), func() *gathered { panic("no memory") },
		(*gathered).add, (*gathered).merge, &batch.Options{Workers: 2})
}
