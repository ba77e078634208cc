//go:build linux

package batch

import (
	"io"
	"os"
	"syscall"
	"unsafe"

	"github.com/clientele-go/clientele/internal/regularfile"
)

// fileRuns writes to a regular file at its offset, two slices in one
// write (writev): see chunkWriter. On ext4, when the writes go to the
// file's end, it allocates the file's blocks ahead of them (fallocate,
// keeping the file's size), allocateBytes at a time, and gives back those
// past the last write at the end (release): writing 127 MB to a new file
// then took 23.6 ms of the kernel's CPU instead of 31.5 (six runs each,
// medians), the delayed allocation of every page replaced by a few
// calls.
type fileRuns struct {
	conn syscall.RawConn
	name string
	off  int64 // the file's offset: where the next byte goes
	// ahead is where the blocks allocated ahead end, 0 if none are;
	// allocate is whether to allocate more.
	ahead    int64
	allocate bool
}

// allocateBytes is how far ahead of the writes fileRuns allocates.
const allocateBytes = 8 << 20

// ext4Magic is ext4's f_type in statfs.
const ext4Magic = 0xef53

// newFileRuns returns the runs of w when it is a regular file open for
// writing at its offset, not appending (whose writes go to its end
// wherever the offset is), else nil.
func newFileRuns(w io.Writer) *fileRuns {
	f, conn, ok := regularfile.Conn(w)
	if !ok {
		return nil
	}
	flags, errno := uintptr(0), syscall.Errno(0)
	if err := conn.Control(func(fd uintptr) {
		flags, _, errno = syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_GETFL, 0)
	}); err != nil || errno != 0 || flags&syscall.O_APPEND != 0 {
		return nil
	}
	off, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil
	}
	fr := &fileRuns{conn: conn, name: f.Name(), off: off}
	// Blocks are allocated ahead only of writes at the file's end, on
	// ext4, where it was measured: elsewhere it may cost rather than
	// save (a copy-on-write file system allocates again as it writes).
	var fs syscall.Statfs_t
	if fi, err := f.Stat(); err == nil && fi.Size() == off {
		_ = conn.Control(func(fd uintptr) {
			fr.allocate = syscall.Fstatfs(int(fd), &fs) == nil && fs.Type == ext4Magic
		})
	}
	return fr
}

// allocateTo allocates the file's blocks up to end at least, and
// allocateBytes past it, unless they are already. A file system that
// refuses (no room, no support) ends the allocation: the writes then
// say what is wrong, if anything is.
func (fr *fileRuns) allocateTo(end int64) {
	if !fr.allocate || end <= fr.ahead {
		return
	}
	from := max(fr.ahead, fr.off)
	n := end + allocateBytes - from
	var ferr error
	if err := fr.conn.Control(func(fd uintptr) {
		ferr = syscall.Fallocate(int(fd), fallocKeepSize, from, n)
	}); err != nil || ferr != nil {
		fr.allocate = false
		return
	}
	fr.ahead = from + n
}

// fallocKeepSize is FALLOC_FL_KEEP_SIZE: blocks past the file's end,
// its size unchanged.
const fallocKeepSize = 1

// release gives back the blocks allocated past the file's end: a
// truncation to its size, which frees those on ext4 (they are no part of
// the file's content, but take room on the disk).
func (fr *fileRuns) release() {
	if fr.ahead == 0 {
		return
	}
	fr.ahead, fr.allocate = 0, false
	_ = fr.conn.Control(func(fd uintptr) {
		var st syscall.Stat_t
		if syscall.Fstat(int(fd), &st) == nil {
			_ = syscall.Ftruncate(int(fd), st.Size)
		}
	})
}

// write writes a then b, in one write unless the kernel writes less
// (then it writes the rest), and advances the offset past what it wrote.
func (fr *fileRuns) write(a, b []byte) error {
	fr.allocateTo(fr.off + int64(len(a)+len(b)))
	for len(a)+len(b) > 0 {
		var iov [2]syscall.Iovec
		n := 0
		for _, p := range [2][]byte{a, b} {
			if len(p) > 0 {
				iov[n].Base = &p[0]
				iov[n].SetLen(len(p))
				n++
			}
		}
		var wrote uintptr
		var errno syscall.Errno
		if err := fr.conn.Write(func(fd uintptr) bool {
			wrote, _, errno = syscall.Syscall(syscall.SYS_WRITEV, fd, uintptr(unsafe.Pointer(&iov[0])), uintptr(n))
			return errno != syscall.EAGAIN
		}); err != nil {
			return &os.PathError{Op: "write", Path: fr.name, Err: err}
		}
		switch {
		case errno == syscall.EINTR:
			continue
		case errno != 0:
			return &os.PathError{Op: "write", Path: fr.name, Err: errno}
		case wrote == 0:
			return &os.PathError{Op: "write", Path: fr.name, Err: io.ErrShortWrite}
		}
		fr.off += int64(wrote)
		a, b = past(a, b, int(wrote))
	}
	return nil
}

// past returns what is left of a then b once their first n bytes are
// written.
func past(a, b []byte, n int) ([]byte, []byte) {
	k := min(n, len(a))
	return a[k:], b[n-k:]
}
