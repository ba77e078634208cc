//go:build linux && (amd64 || arm64)

package ingest

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"reflect"
	"syscall"
	"testing"
	"unsafe"
)

func randomBytes(n int) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(7, 7))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// readAll reads r, of n bytes, to its end in reads of size bytes, as the
// block reader does, and checks that the end is io.EOF, again on a
// second read.
func readAll(t *testing.T, r io.Reader, n, size int) []byte {
	t.Helper()
	var got []byte
	buf := make([]byte, size)
	for reads := 0; ; reads++ {
		if reads > 4*(n/size)+10 { // short reads are allowed, not a loop without end
			t.Fatalf("%d reads of a file of %d bytes, and no end", reads, n)
		}
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
	skipIfRefused(t)
	data := randomBytes(3<<20 + 12345)
	f := TempFile(t, t.TempDir(), data, false)
	c, ok := fileReader(f).(*cachedFile)
	if !ok {
		t.Fatalf("fileReader of a regular file: %T, want *cachedFile", fileReader(f))
	}
	if got := readAll(t, c, len(data), 512<<10); !bytes.Equal(got, data) {
		t.Fatalf("read %d bytes, not the file's %d", len(got), len(data))
	}
	// A file just written is in the page cache: every read is a copy
	// that needed no wait.
	if c.cached == 0 || c.ordinary != 0 {
		t.Errorf("reads without waiting %d, ordinary %d; want all without waiting", c.cached, c.ordinary)
	}
}

func TestFileReaderWaitsForPagesNotCached(t *testing.T) {
	skipIfRefused(t)
	data := randomBytes(2<<20 + 999)
	f := TempFile(t, t.TempDir(), data, true)
	c := fileReader(f).(*cachedFile)
	if got := readAll(t, c, len(data), 512<<10); !bytes.Equal(got, data) {
		t.Fatalf("read %d bytes, not the file's %d", len(got), len(data))
	}
	if c.ordinary == 0 {
		t.Errorf("no ordinary read of a file whose pages were dropped (%d without waiting)", c.cached)
	}
	if c.waits {
		t.Error("a refusal to wait (EAGAIN) turned reading without waiting off for good")
	}
}

// skipIfRefused skips a test of reading without waiting where the
// temporary directory's file system refuses it (tmpfs, often /tmp; NFS),
// which TestFileReaderWhereNoWaitIsRefused covers. It asks the kernel
// itself, with a file of its own: a cachedFile that stopped reading
// without waiting might have stopped for a wrong reason.
func skipIfRefused(t *testing.T) {
	t.Helper()
	f := TempFile(t, t.TempDir(), []byte("probe"), false)
	buf := make([]byte, 5)
	iov := syscall.Iovec{Base: &buf[0]}
	iov.SetLen(len(buf))
	if _, _, errno := syscall.Syscall6(sysPreadv2, f.Fd(), uintptr(unsafe.Pointer(&iov)), 1, 0, 0, rwfNoWait); errno != 0 {
		t.Skipf("the temporary directory's file system refuses RWF_NOWAIT (%v; tmpfs?): set TMPDIR to a disk's", errno)
	}
}

// LoadOrders and the signal reader read a regular file through
// cachedFile: both take their input through newRecords.
func TestRecordsReadAFileThroughCachedFile(t *testing.T) {
	f := TempFile(t, t.TempDir(), []byte("customer_id,date,amount\nC1,2024-01-02,3.00\n"), false)
	if rec := newRecords(f, 1<<16); reflect.TypeOf(rec.src) != reflect.TypeOf(&cachedFile{}) {
		t.Errorf("newRecords reads a file through %T, want *cachedFile", rec.src)
	}
	rd, err := NewOrderReader(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := rd.src.(*cachedFile); !ok {
		t.Errorf("NewOrderReader reads a file through %T, want *cachedFile", rd.src)
	}
	if got := newRecords(bytes.NewReader(nil), 1<<16).src; reflect.TypeOf(got) != reflect.TypeOf(bytes.NewReader(nil)) {
		t.Errorf("newRecords reads a bytes.Reader through %T", got)
	}
}

// A descriptor dup'd from the file shares its offset: it reads on from
// where the cachedFile's reads left it, as after the file's own Read.
func TestFileReaderSharesTheOffsetOfADupdDescriptor(t *testing.T) {
	data := randomBytes(1 << 20)
	f := TempFile(t, t.TempDir(), data, false)
	fd, err := syscall.Dup(int(f.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	dup := os.NewFile(uintptr(fd), "dup")
	defer dup.Close()
	c := fileReader(f).(*cachedFile)
	part := make([]byte, 300_000)
	if _, err := io.ReadFull(c, part); err != nil || !bytes.Equal(part, data[:300_000]) {
		t.Fatalf("the first read: %v", err)
	}
	more := make([]byte, 1000)
	if _, err := io.ReadFull(dup, more); err != nil || !bytes.Equal(more, data[300_000:301_000]) {
		t.Fatalf("the dup'd descriptor does not read on from the cachedFile's end: %v", err)
	}
	if _, err := io.ReadFull(c, more); err != nil || !bytes.Equal(more, data[301_000:302_000]) {
		t.Fatalf("the cachedFile does not read on from the dup'd descriptor's end: %v", err)
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
	if got := readAll(t, c, len(data), 64<<10); !bytes.Equal(got, data) {
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
