package batch_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/leaktest"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

// appendLine is the text these tests write of a record: everything
// format gets, the profile's revenue included, so that the text shows a
// wrong or stale record.
func appendLine(r *batch.Record[row], buf []byte) []byte {
	buf = strconv.AppendInt(buf, int64(r.Index), 10)
	buf = append(buf, ',')
	buf = append(buf, r.Profile.ID...)
	buf = append(buf, ',')
	buf = strconv.AppendFloat(buf, r.Profile.Revenue, 'g', -1, 64)
	buf = fmt.Appendf(buf, ",%d,%d", r.Out.Tier.Primary, r.Out.Decision.Primary)
	if r.Err != nil {
		buf = append(buf, ",error: "...)
		buf = append(buf, r.Err.Error()...)
	}
	return append(buf, '\n')
}

// sameText fails the test at the first line where got differs from want
// (the texts are thousands of lines).
func sameText(t *testing.T, want, got string, msg string) {
	t.Helper()
	if want == got {
		return
	}
	w, g := strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n")
	for i := range min(len(w), len(g)) {
		if w[i] != g[i] {
			t.Fatalf("%s: line %d is %q, want %q", msg, i+1, g[i], w[i])
		}
	}
	t.Fatalf("%s: %d lines, want %d", msg, len(g)-1, len(w)-1)
}

// emitted is what RunView delivers, written as WriteView writes it.
func emitted(t *testing.T, v *segment.View, stage batch.Stage[row], opts *batch.Options) (string, batch.Stats) {
	t.Helper()
	var out []byte
	st, err := batch.RunView(context.Background(), v, stage, func(r *batch.Record[row]) error {
		out = appendLine(r, out)
		return nil
	}, opts)
	require.NoError(t, err)
	return string(out), st
}

// written runs WriteView with appendLine into a buffer.
func written(ctx context.Context, v *segment.View, stage batch.Stage[row], opts *batch.Options) (string, batch.Stats, error) {
	var out bytes.Buffer
	st, err := batch.WriteView(ctx, v, stage, func(r *batch.Record[row], buf []byte) ([]byte, error) {
		return appendLine(r, buf), nil
	}, &out, opts)
	return out.String(), st, err
}

// failingStage is twoTypologies, but refusing one customer, panicking on
// another, and scribbling over the profile it is given before either.
func failingStage(t *testing.T) batch.Stage[row] {
	stage := twoTypologies(t)
	return func(p *segment.Profile, out *row) error {
		switch p.ID {
		case "v00042", "v00999":
			p.Revenue = -1
			return errors.New("refused")
		case "v00043":
			p.Revenue = -2
			out.Tier.Primary = gold
			panic("boom")
		}
		return stage(p, out)
	}
}

// WriteView writes what RunView delivers, formatted: the same records in
// the same order, rejected ones included with their errors and their
// profiles as the ledger made them, whatever the workers, the chunks and
// Reuse; and the same accounting.
func TestWriteViewWritesWhatRunViewDelivers(t *testing.T) {
	leaktest.Check(t)
	v := viewLedger(t, 3000).View(asOf).ByID()
	for _, o := range []batch.Options{{}, {Trusted: true}, {Workers: 1, Chunk: 1}, {Workers: 3, Chunk: 7, Reuse: true}, {Workers: 8, Chunk: 1000}, {Workers: 2, Chunk: 5000}} {
		want, wantStats := emitted(t, v, failingStage(t), &o)
		got, st, err := written(context.Background(), v, failingStage(t), &o)
		require.NoError(t, err, "%+v", o)
		sameText(t, want, got, fmt.Sprintf("%+v", o))
		st.Elapsed, wantStats.Elapsed = 0, 0
		require.Equal(t, wantStats, st, "%+v", o)
		require.Equal(t, batch.Stats{Read: v.Len(), Classified: v.Len() - 3, Rejected: 3}, st)
		require.True(t, strings.Contains(got, "\n43,v00043,53,0,0,error: batch: customer \"v00043\": panic: boom\n"), "a panic's record: its profile made again, its output zero")
		require.True(t, strings.Contains(got, "\n42,v00042,52,0,0,error: batch: customer \"v00042\": refused\n"), "a refused record: its profile made again")
	}
}

// An error from format stops the run with that error, after the text of
// every record before it and nothing after; so does a panic in format,
// naming the customer. The Stats count the records written.
func TestWriteViewStopsAtFormatsError(t *testing.T) {
	leaktest.Check(t)
	v := viewLedger(t, 2000).View(asOf)
	want, _ := emitted(t, v, twoTypologies(t), &batch.Options{Trusted: true})
	wantLines := strings.SplitAfter(want, "\n")
	stop := errors.New("enough")
	for _, at := range []int{0, 1, 255, 256, 1234, v.Len() - 1} {
		for _, panics := range []bool{false, true} {
			for _, o := range []batch.Options{{Workers: 3, Chunk: 256}, {Workers: 1, Chunk: 1}, {Workers: 2, Chunk: 50}} {
				var out bytes.Buffer
				st, err := batch.WriteView(context.Background(), v, twoTypologies(t), func(r *batch.Record[row], buf []byte) ([]byte, error) {
					if r.Index == at {
						buf = append(buf, "half a line"...)
						if panics {
							panic("format broke")
						}
						return buf, stop
					}
					return appendLine(r, buf), nil
				}, &out, &o)
				name := fmt.Sprintf("at %d, panics %v, %+v", at, panics, o)
				if panics {
					var se *batch.StageError
					require.ErrorAs(t, err, &se, name)
					require.Equal(t, v.ID(at), se.Customer, name)
					var pe *batch.PanicError
					require.ErrorAs(t, err, &pe, name)
				} else {
					require.Equal(t, stop, err, name)
				}
				sameText(t, strings.Join(wantLines[:at], ""), out.String(), name)
				require.Equal(t, at, st.Classified, name)
				require.Equal(t, st.Read, st.Classified+st.Rejected+st.Unfinished, name)
			}
		}
	}
}

// failingWriter takes n writes, then fails.
type failingWriter struct {
	n   int
	out bytes.Buffer
}

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n == 0 {
		return 0, errDiskFull
	}
	w.n--
	return w.out.Write(p)
}

// A failed write stops the run with its error; the records written
// before count as delivered, those of the failed chunk and after as
// unfinished.
func TestWriteViewStopsAtAWriteError(t *testing.T) {
	leaktest.Check(t)
	v := viewLedger(t, 1000).View(asOf)
	w := &failingWriter{n: 3}
	st, err := batch.WriteView(context.Background(), v, twoTypologies(t), func(r *batch.Record[row], buf []byte) ([]byte, error) {
		return appendLine(r, buf), nil
	}, w, &batch.Options{Chunk: 100, Workers: 2})
	require.ErrorIs(t, err, errDiskFull)
	require.Equal(t, 300, st.Classified)
	require.Equal(t, 300, strings.Count(w.out.String(), "\n"))
	require.Equal(t, st.Read, st.Classified+st.Unfinished)
}

// A cancelled run returns ctx.Err() with what it wrote being the first
// Classified + Rejected records; one cancelled before it starts writes
// nothing; a stage calling runtime.Goexit ends the run with an error
// instead of hanging it; an empty view writes nothing; and missing
// arguments are refused.
func TestWriteViewStops(t *testing.T) {
	leaktest.Check(t)
	v := viewLedger(t, 3000).View(asOf)
	want, _ := emitted(t, v, twoTypologies(t), nil)
	wantLines := strings.SplitAfter(want, "\n")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	st, err := batch.WriteView(ctx, v, twoTypologies(t), func(r *batch.Record[row], buf []byte) ([]byte, error) {
		if r.Index == 1500 {
			cancel()
		}
		return appendLine(r, buf), nil
	}, &out, &batch.Options{Workers: 3, Chunk: 16})
	require.ErrorIs(t, err, context.Canceled)
	sameText(t, strings.Join(wantLines[:st.Classified], ""), out.String(), "cancelled")
	require.Equal(t, st.Read, st.Classified+st.Unfinished)
	require.LessOrEqual(t, st.Read, 1500+16+4*3*16, "read past the window")

	got, st, err := written(ctx, v, twoTypologies(t), nil)
	require.ErrorIs(t, err, context.Canceled)
	require.Empty(t, got)
	require.Zero(t, st.Read)

	_, st, err = written(context.Background(), v, func(p *segment.Profile, out *row) error {
		if p.ID == "v00042" {
			runtime.Goexit()
		}
		return nil
	}, &batch.Options{Workers: 2, Chunk: 8})
	require.ErrorContains(t, err, "Goexit")
	require.LessOrEqual(t, st.Classified, 42)

	got, st, err = written(context.Background(), segment.NewLedger(nil).View(asOf), twoTypologies(t), nil)
	require.NoError(t, err)
	require.Empty(t, got)
	require.Zero(t, st.Read)

	format := func(r *batch.Record[row], buf []byte) ([]byte, error) { return buf, nil }
	for _, bad := range []func() error{
		func() error {
			_, err := batch.WriteView(context.Background(), nil, twoTypologies(t), format, &out, nil)
			return err
		},
		func() error {
			_, err := batch.WriteView[row](context.Background(), v, nil, format, &out, nil)
			return err
		},
		func() error {
			_, err := batch.WriteView(context.Background(), v, twoTypologies(t), nil, &out, nil)
			return err
		},
		func() error {
			_, err := batch.WriteView(context.Background(), v, twoTypologies(t), format, nil, nil)
			return err
		},
		func() error {
			_, err := batch.WriteView(context.Background(), v, twoTypologies(t), format, &out, &batch.Options{Chunk: -1})
			return err
		},
	} {
		require.Error(t, bad())
	}
}

// Progress sees the run's counts, last the final ones, on the caller's
// goroutine.
func TestWriteViewProgress(t *testing.T) {
	v := viewLedger(t, 2000).View(asOf)
	var last batch.Stats
	calls := 0
	_, st, err := func() (string, batch.Stats, error) {
		return written(context.Background(), v, twoTypologies(t), &batch.Options{Chunk: 10, Progress: func(s batch.Stats) {
			calls++
			last = s
		}})
	}()
	require.NoError(t, err)
	require.NotZero(t, calls)
	require.Equal(t, st.Classified, last.Classified)
	require.Equal(t, v.Len(), last.Classified)
}

// WriteView's allocations do not grow with the base.
func TestWriteViewAllocatesNothingPerCustomer(t *testing.T) {
	if testing.Short() {
		t.Skip("counts allocations over two runs")
	}
	stage := batch.Stage[row](func(p *segment.Profile, out *row) error {
		out.Tier.Primary = gold
		return nil
	})
	format := func(r *batch.Record[row], buf []byte) ([]byte, error) {
		return append(buf, r.Profile.ID...), nil
	}
	allocs := func(n int) float64 {
		v := viewLedger(t, n).View(asOf)
		var out bytes.Buffer
		out.Grow(20 * n)
		return testing.AllocsPerRun(3, func() {
			out.Reset()
			_, err := batch.WriteView(context.Background(), v, stage, format, &out, &batch.Options{Trusted: true, Workers: 2, Chunk: 256})
			require.NoError(t, err)
		})
	}
	small, large := allocs(1000), allocs(20000)
	if large-small > 50 {
		t.Errorf("WriteView allocates per customer: %.0f allocations for 1,000 customers, %.0f for 20,000", small, large)
	}
}
