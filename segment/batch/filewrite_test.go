package batch_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/leaktest"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

// header is what a caller writes before WriteView, as the shop example
// writes its CSV header: the file's offset is then not aligned.
const header = "index,id,revenue,tier,decision\n"

// writtenToFile runs WriteView with appendLine into a new file after
// header, opened with flags, and returns what the file holds after
// header.
func writtenToFile(t *testing.T, ctx context.Context, flags int, format func(r *batch.Record[row], buf []byte) ([]byte, error), opts *batch.Options) (string, batch.Stats, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.csv")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|flags, 0o644)
	require.NoError(t, err)
	_, err = f.WriteString(header)
	require.NoError(t, err)
	v := viewLedger(t, 3000).View(asOf).ByID()
	st, runErr := batch.WriteView(ctx, v, failingStage(t), format, f, opts)
	require.NoError(t, f.Close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(data), header), "the header is gone")
	return strings.TrimPrefix(string(data), header), st, runErr
}

func lines(r *batch.Record[row], buf []byte) ([]byte, error) { return appendLine(r, buf), nil }

// WriteView writes a regular file (in runs aligned to the file's start,
// on Linux) byte for byte as it writes any other writer, whatever the
// runs' size against the chunks' texts, appending or not.
func TestWriteViewToAFile(t *testing.T) {
	leaktest.Check(t)
	v := viewLedger(t, 3000).View(asOf).ByID()
	for _, run := range []int64{1, 7, 100, 4096, 128 << 10} {
		restore := batch.SetRunBytes(run)
		for _, o := range []batch.Options{{}, {Workers: 1, Chunk: 1}, {Workers: 3, Chunk: 7}, {Workers: 2, Chunk: 1000}} {
			want, wantStats, err := written(context.Background(), v, failingStage(t), &o)
			require.NoError(t, err)
			for _, flags := range []int{os.O_TRUNC, os.O_APPEND} {
				name := fmt.Sprintf("runs of %d, %+v, flags %#x", run, o, flags)
				got, st, err := writtenToFile(t, context.Background(), flags, lines, &o)
				require.NoError(t, err, name)
				sameText(t, want, got, name)
				st.Elapsed, wantStats.Elapsed = 0, 0
				require.Equal(t, wantStats, st, name)
			}
		}
		restore()
	}
}

// Stopped by an error of format or by its context, WriteView leaves in a
// file the text of the records its Stats count, as in any other writer:
// the part of a chunk it held back for the next write is written too.
func TestWriteViewToAFileStops(t *testing.T) {
	leaktest.Check(t)
	defer batch.SetRunBytes(100)()
	v := viewLedger(t, 3000).View(asOf).ByID()
	want, _, err := written(context.Background(), v, failingStage(t), nil)
	require.NoError(t, err)
	wantLines := strings.SplitAfter(want, "\n")
	stop := errors.New("enough")
	for _, at := range []int{0, 5, 1500, 2999} {
		o := batch.Options{Workers: 2, Chunk: 16}
		got, st, err := writtenToFile(t, context.Background(), os.O_TRUNC, func(r *batch.Record[row], buf []byte) ([]byte, error) {
			if r.Index == at {
				return append(buf, "half a line"...), stop
			}
			return appendLine(r, buf), nil
		}, &o)
		require.Equal(t, stop, err)
		sameText(t, strings.Join(wantLines[:at], ""), got, fmt.Sprintf("format fails at %d", at))
		require.Equal(t, at, st.Classified+st.Rejected)
		require.Equal(t, st.Read, st.Classified+st.Rejected+st.Unfinished)

		ctx, cancel := context.WithCancel(context.Background())
		got, st, err = writtenToFile(t, ctx, os.O_TRUNC, func(r *batch.Record[row], buf []byte) ([]byte, error) {
			if r.Index == at {
				cancel()
			}
			return appendLine(r, buf), nil
		}, &o)
		cancel()
		if st.Unfinished > 0 {
			require.ErrorIs(t, err, context.Canceled)
		}
		n := st.Classified + st.Rejected
		sameText(t, strings.Join(wantLines[:n], ""), got, fmt.Sprintf("cancelled at %d", at))
		require.Equal(t, st.Read, n+st.Unfinished)
	}
}

// A file WriteView cannot write stops the run with the error, naming the
// file, and no record counts as delivered.
func TestWriteViewToAFileThatFails(t *testing.T) {
	leaktest.Check(t)
	path := filepath.Join(t.TempDir(), "out.csv")
	require.NoError(t, os.WriteFile(path, nil, 0o644))
	f, err := os.Open(path) // read only
	require.NoError(t, err)
	defer f.Close()
	v := viewLedger(t, 1000).View(asOf)
	st, err := batch.WriteView(context.Background(), v, twoTypologies(t), lines, f, nil)
	require.Error(t, err)
	require.ErrorContains(t, err, path)
	require.Zero(t, st.Classified+st.Rejected)
	require.Equal(t, st.Read, st.Unfinished)
}

// The part of a chunk's text held back for the next write stays as it
// was while the workers go on with the chunks after it: here the next
// chunk is slow, so that the window of chunks fills and the chunk whose
// text is held would be taken again at once, were its text's memory not
// kept apart from it.
func TestWriteViewToAFileHoldsItsText(t *testing.T) {
	leaktest.Check(t)
	defer batch.SetRunBytes(50)()
	v := viewLedger(t, 3000).View(asOf).ByID()
	o := batch.Options{Workers: 2, Chunk: 8}
	want, _, err := written(context.Background(), v, failingStage(t), &o)
	require.NoError(t, err)
	got, _, err := writtenToFile(t, context.Background(), os.O_TRUNC, func(r *batch.Record[row], buf []byte) ([]byte, error) {
		if r.Index%(8*16) == 8 { // the first record of every 16th chunk's next
			time.Sleep(3 * time.Millisecond)
		}
		return appendLine(r, buf), nil
	}, &o)
	require.NoError(t, err)
	sameText(t, want, got, "slow chunks")
}

// smallView is a view of n customers.
func smallView(t *testing.T, n int) *segment.View {
	l := segment.NewLedger(nil)
	for i := range n {
		require.NoError(t, l.Add(segment.Order{Customer: fmt.Sprintf("v%05d", i), Date: asOf.AddDays(-(i % 400)), Amount: float64(10 + i)}))
	}
	return l.View(asOf).ByID()
}

// Views of none to a few customers, runs from 1 byte to more than the
// whole text, one worker with chunks of one, after nothing, a byte or a
// header: the file holds what any other writer gets. (A reviewer's
// cases, as the next three.)
func TestWriteViewToAFileSmallViews(t *testing.T) {
	for _, n := range []int{0, 1, 2, 5} {
		v := smallView(t, n)
		for _, run := range []int64{1, 3, 7, 100, 1 << 20} {
			restore := batch.SetRunBytes(run)
			for _, o := range []batch.Options{{Workers: 1, Chunk: 1}, {Workers: 2, Chunk: 2}, {}} {
				want, wantStats, err := written(context.Background(), v, twoTypologies(t), &o)
				require.NoError(t, err)
				for _, pre := range []string{"", "h", header} {
					path := filepath.Join(t.TempDir(), "out")
					f, err := os.Create(path)
					require.NoError(t, err)
					_, err = f.WriteString(pre)
					require.NoError(t, err)
					st, err := batch.WriteView(context.Background(), v, twoTypologies(t), lines, f, &o)
					require.NoError(t, err)
					require.NoError(t, f.Close())
					data, err := os.ReadFile(path)
					require.NoError(t, err)
					require.Equal(t, pre+want, string(data), "%d customers, runs of %d, %+v", n, run, o)
					st.Elapsed, wantStats.Elapsed = 0, 0
					require.Equal(t, wantStats, st)
				}
			}
			restore()
		}
	}
}

// A file whose offset was moved (into its text, onto and off a run's
// end, past its end) is written from that offset, and left at the end of
// what was written.
func TestWriteViewToAFileSeeked(t *testing.T) {
	defer batch.SetRunBytes(64)()
	v := viewLedger(t, 500).View(asOf).ByID()
	o := batch.Options{Workers: 2, Chunk: 3}
	want, _, err := written(context.Background(), v, twoTypologies(t), &o)
	require.NoError(t, err)
	for _, at := range []int64{0, 1, 63, 64, 65, 300, 5000, int64(len(want)) + 5000} {
		path := filepath.Join(t.TempDir(), "out")
		old := bytes.Repeat([]byte("X"), 5000)
		require.NoError(t, os.WriteFile(path, old, 0o644))
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		require.NoError(t, err)
		_, err = f.Seek(at, io.SeekStart)
		require.NoError(t, err)
		_, err = batch.WriteView(context.Background(), v, twoTypologies(t), lines, f, &o)
		require.NoError(t, err)
		pos, err := f.Seek(0, io.SeekCurrent)
		require.NoError(t, err)
		require.Equal(t, at+int64(len(want)), pos, "the offset after, from %d", at)
		require.NoError(t, f.Close())
		exp := make([]byte, max(int64(len(old)), at+int64(len(want))))
		copy(exp, old)
		copy(exp[at:], want)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		require.Equal(t, string(exp), string(data), "from %d", at)
	}
}

// Every Progress call counts as delivered only records whose text is in
// the file.
func TestWriteViewToAFileProgress(t *testing.T) {
	defer batch.SetRunBytes(100)()
	v := viewLedger(t, 3000).View(asOf).ByID()
	want, _, err := written(context.Background(), v, twoTypologies(t), nil)
	require.NoError(t, err)
	wantLines := strings.SplitAfter(want, "\n")
	path := filepath.Join(t.TempDir(), "out")
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	calls := 0
	_, err = batch.WriteView(context.Background(), v, twoTypologies(t), lines, f, &batch.Options{Workers: 2, Chunk: 7, ProgressInterval: time.Nanosecond, Progress: func(s batch.Stats) {
		calls++
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		n := s.Classified + s.Rejected
		if !strings.HasPrefix(string(data), strings.Join(wantLines[:n], "")) {
			t.Errorf("progress: %d delivered, but the file has %d bytes", n, len(data))
		}
		if s.Read != s.Classified+s.Rejected+s.Unfinished {
			t.Errorf("progress: %+v", s)
		}
	}})
	require.NoError(t, err)
	require.Greater(t, calls, 10)
}

// A panic in Progress leaves the file as any other writer: with the text
// of every record delivered, the part held back included, and no record
// cut.
func TestWriteViewToAFileProgressPanics(t *testing.T) {
	defer batch.SetRunBytes(100)()
	v := viewLedger(t, 3000).View(asOf).ByID()
	run := func(w io.Writer) {
		calls := 0
		defer func() { require.Equal(t, "progress", recover()) }()
		_, _ = batch.WriteView(context.Background(), v, twoTypologies(t), lines, w, &batch.Options{Workers: 1, Chunk: 7, ProgressInterval: time.Nanosecond, Progress: func(s batch.Stats) {
			if calls++; calls == 5 {
				panic("progress")
			}
		}})
	}
	var buf bytes.Buffer
	run(&buf)
	path := filepath.Join(t.TempDir(), "out")
	f, err := os.Create(path)
	require.NoError(t, err)
	run(f)
	require.NoError(t, f.Close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NotZero(t, buf.Len())
	sameText(t, buf.String(), string(data), "after a panic in Progress")
}
