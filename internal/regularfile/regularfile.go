// Package regularfile tells a regular file among readers and writers, for
// the packages that read or write one by system calls of their own
// (segment/ingest's reads of cached pages, segment/batch's aligned
// writes): a pipe, a terminal or any other io.Reader or io.Writer is
// left to its own Read or Write.
package regularfile

import (
	"os"
	"syscall"
)

// Conn returns v as an *os.File and its raw connection when v is an open
// regular file; ok is false for anything else.
func Conn(v any) (f *os.File, conn syscall.RawConn, ok bool) {
	f, ok = v.(*os.File)
	if !ok {
		return nil, nil, false
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, nil, false
	}
	conn, err := f.SyscallConn()
	if err != nil {
		return nil, nil, false
	}
	return f, conn, true
}
