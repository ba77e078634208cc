//go:build linux && (amd64 || arm64)

package ingest

import (
	"io"
	"os"
	"syscall"
	"unsafe"

	"github.com/clientele-go/clientele/internal/regularfile"
)

// rwfNoWait is preadv2's RWF_NOWAIT: read what is cached, return EAGAIN
// rather than wait for the device or a lock.
const rwfNoWait = 0x8

// fileReader returns r, read through cachedFile when it is a regular
// file (see fileread.go).
func fileReader(r io.Reader) io.Reader {
	f, conn, ok := regularfile.Conn(r)
	if !ok {
		return r
	}
	return &cachedFile{f: f, conn: conn}
}

// cachedFile reads a regular file from its offset: what the kernel has
// cached by a system call that keeps the caller's P (RawSyscall, which
// Go never hands off), since it cannot block; the rest, when the kernel
// refuses to read without waiting, by the file's own Read.
type cachedFile struct {
	f    *os.File
	conn syscall.RawConn
	// waits is set once the kernel or the file system refuses
	// RWF_NOWAIT itself (an old kernel, a file system without it, a
	// seccomp filter): every read is then the file's own.
	waits bool
	// Reads done without waiting and by the file's Read, for tests.
	cached, ordinary int
}

func (c *cachedFile) Read(p []byte) (int, error) {
	if len(p) > 0 && !c.waits {
		var n uintptr
		var errno syscall.Errno
		err := c.conn.Read(func(fd uintptr) bool {
			iov := syscall.Iovec{Base: &p[0]}
			iov.SetLen(len(p))
			// The offset -1 reads from the file's offset and moves it,
			// as read does.
			n, _, errno = syscall.RawSyscall6(sysPreadv2, fd, uintptr(unsafe.Pointer(&iov)), 1, ^uintptr(0), 0, rwfNoWait)
			return true
		})
		switch {
		case err != nil:
			// Closed: the file's Read says so.
		case errno == 0:
			c.cached++
			if n == 0 {
				return 0, io.EOF
			}
			return int(n), nil
		case errno == syscall.EOPNOTSUPP || errno == syscall.EINVAL || errno == syscall.ENOSYS || errno == syscall.EPERM:
			c.waits = true
		}
		// EAGAIN (not cached), EINTR, or an error the file's Read will
		// meet and report as it always does.
	}
	c.ordinary++
	return c.f.Read(p)
}
