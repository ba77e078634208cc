//go:build linux && (amd64 || arm64)

package ingest

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"testing"
)

func randomBytes(n int) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(7, 7))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// readAll reads r to its end in reads of size bytes, as the block reader
// does, and checks that the end is io.EOF, again on a second read.
func readAll(t *testing.T, r io.Reader, size int) []byte {
	t.Helper()
	var got []byte
	buf := make([]byte, size)
	for {
		n, err := r.Read(buf)
		got = append(got, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if n, err := r.Read(buf); n != 0 || err != io.EOF {
		t.Fatalf("read past the end: %d, %v; want 0, EOF", n, err)
	}
	return got
}

func TestFileReaderReadsCachedPagesWithoutWaiting(t *testing.T) {
	data := randomBytes(3<<20 + 12345)
	f := TempFile(t, t.TempDir(), data, false)
	c, ok := fileReader(f).(*cachedFile)
	if !ok {
		t.Fatalf("fileReader of a regular file: %T, want *cachedFile", fileReader(f))
	}
	if got := readAll(t, c, 512<<10); !bytes.Equal(got, data) {
		t.Fatalf("read %d bytes, not the file's %d", len(got), len(data))
	}
	// A file just written is in the page cache: every read is a copy
	// that needed no wait.
	if c.cached == 0 || c.ordinary != 0 {
		t.Errorf("reads without waiting %d, ordinary %d; want all without waiting", c.cached, c.ordinary)
	}
}

func TestFileReaderWaitsForPagesNotCached(t *testing.T) {
	data := randomBytes(2<<20 + 999)
	f := TempFile(t, t.TempDir(), data, true)
	c := fileReader(f).(*cachedFile)
	if got := readAll(t, c, 512<<10); !bytes.Equal(got, data) {
		t.Fatalf("read %d bytes, not the file's %d", len(got), len(data))
	}
	if c.ordinary == 0 {
		t.Errorf("no ordinary read of a file whose pages were dropped (%d without waiting)", c.cached)
	}
	if c.waits {
		t.Error("a refusal to wait (EAGAIN) turned reading without waiting off for good")
	}
}

// The reads go on from where the file's offset is, and move it, as the
// file's own Read does.
func TestFileReaderFollowsTheOffset(t *testing.T) {
	data := randomBytes(1 << 20)
	f := TempFile(t, t.TempDir(), data, false)
	head := make([]byte, 1000)
	if _, err := io.ReadFull(f, head); err != nil {
		t.Fatal(err)
	}
	c := fileReader(f).(*cachedFile)
	part := make([]byte, 4096)
	if _, err := io.ReadFull(c, part); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(part, data[1000:5096]) {
		t.Fatal("the read did not start at the file's offset")
	}
	if off, err := f.Seek(0, io.SeekCurrent); err != nil || off != 5096 {
		t.Fatalf("offset after the read: %d, %v; want 5096", off, err)
	}
	rest, err := io.ReadAll(f)
	if err != nil || !bytes.Equal(rest, data[5096:]) {
		t.Fatalf("the file's own read after: %d bytes, %v", len(rest), err)
	}
}

// A file system that refuses RWF_NOWAIT (tmpfs does) gets the file's own
// reads, and is not asked again.
func TestFileReaderWhereNoWaitIsRefused(t *testing.T) {
	dir, err := os.MkdirTemp("/dev/shm", "clientele")
	if err != nil {
		t.Skip("no tmpfs at /dev/shm:", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	data := randomBytes(1<<20 + 5)
	f := TempFile(t, dir, data, false)
	c := fileReader(f).(*cachedFile)
	if got := readAll(t, c, 64<<10); !bytes.Equal(got, data) {
		t.Fatalf("read %d bytes, not the file's %d", len(got), len(data))
	}
	if c.cached > 0 {
		t.Skip("this tmpfs reads without waiting")
	}
	if !c.waits || c.ordinary == 0 {
		t.Errorf("waits %v, ordinary reads %d; want the refusal kept and the file's reads", c.waits, c.ordinary)
	}
}

func TestFileReaderOfAClosedFile(t *testing.T) {
	f := TempFile(t, t.TempDir(), []byte("customer_id,date,amount\n"), false)
	r := fileReader(f)
	f.Close()
	if _, err := r.Read(make([]byte, 10)); !errors.Is(err, os.ErrClosed) {
		t.Fatalf("read of a closed file: %v, want os.ErrClosed", err)
	}
}

func TestFileReaderLeavesOtherReaders(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	dir, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	for _, r := range []io.Reader{pr, dir, bytes.NewReader(nil), io.LimitReader(pr, 1)} {
		if got := fileReader(r); got != r {
			t.Errorf("fileReader(%T) = %T, want it unchanged", r, got)
		}
	}
}
