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
//
// The raw read gives its offset (pread's way), rather than reading at
// the file's (offset -1): that takes the open file's position lock,
// which RWF_NOWAIT does not cover, and which another reader sharing the
// open file (a descriptor dup'd or inherited) holds through its own
// reads for as long as they wait on the disk (a reviewer's test: 151-168
// ms, the P held and a collection's stop-the-world waiting meanwhile).
// So the file's offset is read before, and moved past what was read
// after, by ordinary system calls (lseek: short, and handed off if they
// ever wait for that lock), and the file reads on as after its own Read.
//
// Where the pages are not cached, the refused read may still start the
// kernel's read-ahead of them (page allocations and the I/O's
// submission, some 0.2 ms on this project's VM), which it does not wait
// for.
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
		off, err := c.f.Seek(0, io.SeekCurrent)
		if err != nil {
			return 0, err
		}
		var n uintptr
		var errno syscall.Errno
		err = c.conn.Read(func(fd uintptr) bool {
			iov := syscall.Iovec{Base: &p[0]}
			iov.SetLen(len(p))
			// The offset in one word (on 64-bit systems the kernel
			// ignores the high one).
			n, _, errno = syscall.RawSyscall6(sysPreadv2, fd, uintptr(unsafe.Pointer(&iov)), 1, uintptr(off), 0, rwfNoWait)
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
			if _, err := c.f.Seek(off+int64(n), io.SeekStart); err != nil {
				return int(n), err
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
