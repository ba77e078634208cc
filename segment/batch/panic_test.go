package batch_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment/batch"
)

// A panic rejects only the record it happened on: the records after it in
// the same chunk are still processed, whether panics come one after
// another, first or last in a chunk, or in every record of one.
func TestPanicsRejectOnlyTheirRecord(t *testing.T) {
	const n, chunk = 100, 5
	panics := map[int]bool{0: true, 4: true, 5: true, 11: true, 12: true, 13: true, 99: true}
	for i := 20; i < 25; i++ { // a whole chunk
		panics[i] = true
	}
	in := make([]int, n)
	for i := range in {
		in[i] = i
	}
	for _, reuse := range []bool{false, true} {
		var got []int
		st, err := batch.Map(context.Background(), batch.FromSlice(in), func(v *int, out *int) error {
			*out = *v + 1000 // written before the panic: the record's output must still be zero
			if panics[*v] {
				panic(*v)
			}
			return nil
		}, func(it *batch.Item[int, int]) error {
			var pe *batch.PanicError
			switch {
			case panics[it.Index]:
				if !errors.As(it.Err, &pe) || pe.Value != it.Index || len(pe.Stack) == 0 {
					t.Errorf("record %d: error %v, want its own panic with a stack", it.Index, it.Err)
				}
				if *it.Out != 0 {
					t.Errorf("record %d panicked but carries output %d", it.Index, *it.Out)
				}
			case it.Err != nil || *it.Out != it.Index+1000:
				t.Errorf("record %d: output %d, error %v; want %d", it.Index, *it.Out, it.Err, it.Index+1000)
			}
			got = append(got, it.Index)
			return nil
		}, &batch.Options{Workers: 2, Chunk: chunk, Reuse: reuse})
		require.NoError(t, err)
		require.Len(t, got, n)
		require.Equal(t, len(panics), st.Rejected)
		require.Equal(t, n-len(panics), st.Classified)
	}
}
