package batch_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/leaktest"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

// groupOptions are chunks shorter than a group, of one group, one group
// and one more (a group of one at each chunk's end), and longer, with and
// without Reuse.
var groupOptions = []batch.Options{
	{Workers: 1, Chunk: 1}, {Workers: 1, Chunk: 15}, {Workers: 1, Chunk: 16}, {Workers: 1, Chunk: 17},
	{Workers: 2, Chunk: 20, Reuse: true}, {Workers: 3, Chunk: 7}, {Workers: 2, Chunk: 1000, Reuse: true},
}

// WriteView's workers stage a group of records (sixteen) before handing
// them on: each record still reaches format with its own profile, output
// and error, whatever the stage does where a group (or a chunk) starts
// or ends, runs through a whole group, or comes one after the other.
// RunView, which keeps every record's output in its chunk, is the
// reference.
func TestWriteViewGroupsKeepEachRecordsOwn(t *testing.T) {
	leaktest.Check(t)
	v := viewLedger(t, 300).View(asOf).ByID()
	panics, refusals := map[string]bool{}, map[string]bool{}
	for _, i := range []int{0, 15, 16, 31, 63, 64, 65, 250, 299} {
		panics[v.ID(i)] = true
	}
	for _, i := range []int{1, 14, 17, 32, 66, 299 - 1} {
		refusals[v.ID(i)] = true
	}
	for i := 96; i < 112; i++ { // a whole group, alternately
		if i%2 == 0 {
			panics[v.ID(i)] = true
		} else {
			refusals[v.ID(i)] = true
		}
	}
	good := twoTypologies(t)
	stage := func(p *segment.Profile, out *row) error {
		id := p.ID
		if panics[id] || refusals[id] {
			// What the stage leaves behind must not reach format.
			p.Revenue, p.ID = -7, "scribbled"
			out.Tier.Primary = gold
		}
		switch {
		case panics[id]:
			panic("boom " + id)
		case refusals[id]:
			return errors.New("refused")
		}
		return good(p, out)
	}
	for _, o := range groupOptions {
		want, wantStats := emitted(t, v, stage, &o)
		got, st, err := written(context.Background(), v, stage, &o)
		require.NoError(t, err, "%+v", o)
		sameText(t, want, got, fmt.Sprintf("%+v", o))
		require.Equal(t, batch.Stats{Read: v.Len(), Classified: v.Len() - len(panics) - len(refusals), Rejected: len(panics) + len(refusals)},
			batch.Stats{Read: st.Read, Classified: st.Classified, Rejected: st.Rejected}, "%+v", o)
		wantStats.Elapsed, st.Elapsed = 0, 0
		require.Equal(t, wantStats, st, "%+v", o)
	}
}

// The workers of WriteView and ReduceView stage every record exactly
// once, panics and refusals included, and without Reuse every stage finds
// a zero output (the group's slot zeroed for it, not only after a
// rejected record); a rejected record reaches format and add with a zero
// output either way.
func TestGroupsStageEachRecordOnceFromZero(t *testing.T) {
	leaktest.Check(t)
	v := viewLedger(t, 300).View(asOf).ByID()
	number := map[string]int{}
	for i := range v.Len() {
		number[v.ID(i)] = i
	}
	for _, o := range groupOptions {
		calls := make([]atomic.Int32, v.Len())
		var dirty atomic.Int32
		stage := func(p *segment.Profile, out *row) error {
			i := number[p.ID]
			calls[i].Add(1)
			if !o.Reuse && *out != (row{}) {
				dirty.Add(1)
			}
			// Left behind by every record, whatever becomes of it.
			out.Tier.Primary, out.Tier.Confidence = gold, 0.5
			switch {
			case i%11 == 3 || i%16 == 15:
				panic("boom")
			case i%13 == 4:
				return errors.New("refused")
			}
			return nil
		}
		check := func(how string, r *batch.Record[row]) error {
			if r.Err != nil && *r.Out != (row{}) {
				return fmt.Errorf("%s: rejected record %d carries %+v", how, r.Index, *r.Out)
			}
			return nil
		}
		for _, how := range []string{"WriteView", "ReduceView"} {
			for i := range calls {
				calls[i].Store(0)
			}
			var st batch.Stats
			var err error
			if how == "WriteView" {
				st, err = batch.WriteView(context.Background(), v, stage, func(r *batch.Record[row], buf []byte) ([]byte, error) {
					return buf, check(how, r)
				}, new(strings.Builder), &o)
			} else {
				_, st, err = batch.ReduceView(context.Background(), v, stage, func() *int { return new(int) },
					func(n *int, r *batch.Record[row]) error { *n++; return check(how, r) },
					func(into, from *int) error { *into += *from; return nil }, &o)
			}
			require.NoError(t, err, "%s %+v", how, o)
			require.Equal(t, v.Len(), st.Classified+st.Rejected, "%s %+v", how, o)
			for i := range calls {
				require.Equal(t, int32(1), calls[i].Load(), "%s %+v: record %d staged", how, o, i)
			}
			require.Zero(t, dirty.Load(), "%s %+v: stages found a used output without Reuse", how, o)
		}
	}
}
