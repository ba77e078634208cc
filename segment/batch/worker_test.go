package batch_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/leaktest"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

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
	for _, o := range []batch.Options{{Workers: 1, Chunk: 16}, {Workers: 2, Chunk: 20, Reuse: true}, {Workers: 3, Chunk: 7}, {Workers: 2, Chunk: 1000, Reuse: true}} {
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
