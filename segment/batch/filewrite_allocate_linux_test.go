//go:build linux

package batch

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// diskBytes is the room f takes on its disk.
func diskBytes(t *testing.T, f *os.File) int64 {
	t.Helper()
	var st syscall.Stat_t
	require.NoError(t, syscall.Fstat(int(f.Fd()), &st))
	return st.Blocks * 512
}

// onExt4 skips the test unless dir is on ext4 (the only file system
// fileRuns allocates ahead on).
func onExt4(t *testing.T, dir string) {
	var fs syscall.Statfs_t
	require.NoError(t, syscall.Statfs(dir, &fs))
	if fs.Type != ext4Magic {
		t.Skip("the temporary directory is not on ext4")
	}
}

// On ext4, fileRuns allocates a new file's blocks ahead of its writes,
// allocateBytes past the write that passes the blocks allocated, keeping
// the file's size; release gives back those past the end, and the file holds
// exactly the text.
func TestFileRunsAllocateAhead(t *testing.T) {
	dir := t.TempDir()
	onExt4(t, dir)
	f, err := os.Create(filepath.Join(dir, "out"))
	require.NoError(t, err)
	defer f.Close()
	fr := newFileRuns(f)
	require.NotNil(t, fr)
	require.True(t, fr.allocate, "no allocation ahead on ext4 for a new file")
	var want bytes.Buffer
	piece := bytes.Repeat([]byte("C0000001,5,4,3,champions\n"), 40_000) // 1 MB
	for i := range 10 {
		require.NoError(t, fr.write(piece[:i+1], piece))
		want.Write(piece[:i+1])
		want.Write(piece)
		fi, err := f.Stat()
		require.NoError(t, err)
		require.Equal(t, int64(want.Len()), fi.Size(), "the allocation changed the file's size")
		require.Greater(t, fr.ahead, int64(want.Len()), "write %d: not allocated ahead", i)
		require.GreaterOrEqual(t, diskBytes(t, f), fr.ahead/4096*4096, "write %d: the blocks ahead are not allocated", i)
	}
	require.Greater(t, fr.ahead, int64(allocateBytes+want.Len()/2), "allocated once, not again as the writes passed")
	fr.release()
	require.LessOrEqual(t, diskBytes(t, f), (int64(want.Len())+4095)/4096*4096, "blocks past the end after release")
	got, err := os.ReadFile(f.Name())
	require.NoError(t, err)
	require.True(t, bytes.Equal(want.Bytes(), got), "the file does not hold the text")
	fr.release() // twice: nothing more to give back
}

// Writes inside a file (its offset before its end) allocate nothing
// ahead: release would cut nothing, but the file's blocks past the
// writes are its own.
func TestFileRunsInsideAFileAllocateNothing(t *testing.T) {
	dir := t.TempDir()
	onExt4(t, dir)
	name := filepath.Join(dir, "out")
	require.NoError(t, os.WriteFile(name, bytes.Repeat([]byte("x"), 1<<20), 0o644))
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer f.Close()
	before := diskBytes(t, f)
	fr := newFileRuns(f)
	require.NotNil(t, fr)
	require.False(t, fr.allocate)
	require.NoError(t, fr.write([]byte("abc"), nil))
	fr.release()
	require.Equal(t, before, diskBytes(t, f))
	fi, err := f.Stat()
	require.NoError(t, err)
	require.Equal(t, int64(1<<20), fi.Size())
}

// A chunkWriter gives back the blocks allocated ahead when the run
// finishes, with or without text held back.
func TestChunkWriterReleases(t *testing.T) {
	dir := t.TempDir()
	onExt4(t, dir)
	for _, text := range []string{"", "a line\n", string(bytes.Repeat([]byte("a line\n"), 100_000))} {
		f, err := os.Create(filepath.Join(dir, "out"))
		require.NoError(t, err)
		cw := &chunkWriter{file: newFileRuns(f)}
		var st Stats
		c := &chunk[int32, struct{}]{text: []byte(text)}
		require.NoError(t, cw.deliver(c, &st))
		require.NoError(t, cw.finish(&st))
		require.LessOrEqual(t, diskBytes(t, f), (int64(len(text))+4095)/4096*4096, "%d bytes: blocks past the end", len(text))
		got, err := os.ReadFile(f.Name())
		require.NoError(t, err)
		require.Equal(t, text, string(got))
		require.NoError(t, f.Close())
	}
}
