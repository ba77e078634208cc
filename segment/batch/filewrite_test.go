package batch_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/leaktest"
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
	var out bytes.Buffer
	st, err := batch.WriteView(context.Background(), v, twoTypologies(t), lines, f, nil)
	require.Error(t, err)
	require.ErrorContains(t, err, path)
	require.Zero(t, st.Classified+st.Rejected)
	require.Equal(t, st.Read, st.Unfinished)
	require.Zero(t, out.Len())
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
