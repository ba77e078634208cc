//go:build linux && (amd64 || arm64)

package ingest

import (
	"os"
	"syscall"
	"testing"
)

// DropPages has the kernel drop f's cached pages (written back first), so
// that reading it waits for the disk.
func DropPages(t testing.TB, f *os.File) {
	t.Helper()
	if err := f.Sync(); err != nil {
		t.Fatal(err)
	}
	const dontNeed = 4 // POSIX_FADV_DONTNEED
	if _, _, errno := syscall.Syscall6(syscall.SYS_FADVISE64, f.Fd(), 0, 0, dontNeed, 0, 0); errno != 0 {
		t.Fatal(errno)
	}
}
