package batch_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment/batch"
)

// seen is what a stage found in its output before writing it.
type seen struct {
	Before int // the value found
	Value  int // the value written
}

// runSeen maps 0..n-1 through a stage that records what it found in its
// output and writes n*10+1, rejecting every seventh record after writing
// (and a nil record at 50), and returns the outputs in order, with how
// many stages found a used output.
func runSeen(t *testing.T, reuse bool) (outs []seen, used int) {
	t.Helper()
	const n = 200
	in := make([]*int, n)
	for i := range in {
		if i != 50 {
			in[i] = new(int)
			*in[i] = i
		}
	}
	src := func(yield func(*int) bool) {
		for _, p := range in {
			if !yield(p) {
				return
			}
		}
	}
	st, err := batch.Map(context.Background(), src, func(v *int, out *seen) error {
		if out.Value != 0 {
			used++ // one worker: no race
		}
		out.Before, out.Value = out.Value, *v*10+1
		if *v%7 == 3 {
			return errors.New("rejected after writing")
		}
		return nil
	}, func(it *batch.Item[int, seen]) error {
		if it.Err != nil && *it.Out != (seen{}) {
			t.Errorf("rejected record %d carries %+v, want the zero output", it.Index, *it.Out)
		}
		outs = append(outs, *it.Out)
		return nil
	}, &batch.Options{Workers: 1, Chunk: 4, Reuse: reuse})
	require.NoError(t, err)
	require.Equal(t, n, st.Read)
	require.Equal(t, n, len(outs))
	return outs, used
}

// Reuse hands the stage the output an earlier record left in its place
// (one worker, chunks of 4: a window of 4 chunks is reused 12 times over
// 200 records); without it every stage starts from zero. Either way a
// rejected record's output is zero, including one rejected after the
// stage wrote it and a nil record rejected before any stage ran.
func TestReuseHandsBackUsedOutputs(t *testing.T) {
	fresh, used := runSeen(t, false)
	require.Zero(t, used, "without Reuse a stage saw a used output")
	reused, used := runSeen(t, true)
	require.Positive(t, used, "with Reuse no stage saw a used output: it was zeroed anyway")
	for i := range fresh {
		// What the stage wrote is the same either way; only Before differs.
		require.Equal(t, fresh[i].Value, reused[i].Value, "record %d", i)
	}
	require.Zero(t, reused[50], "the nil record")
	require.Zero(t, reused[3], "a record rejected after writing")
}
