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
// write (writev): see chunkWriter.
type fileRuns struct {
	conn syscall.RawConn
	name string
	off  int64 // the file's offset: where the next byte goes
}

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
	return &fileRuns{conn: conn, name: f.Name(), off: off}
}

// write writes a then b, in one write unless the kernel writes less
// (then it writes the rest), and advances the offset past what it wrote.
func (fr *fileRuns) write(a, b []byte) error {
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
