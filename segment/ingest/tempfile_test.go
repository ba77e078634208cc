package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// TempFile writes data to a new file in dir and returns it open for
// reading, closed when the test ends; dropped, the kernel is first asked
// to drop the file's pages (see DropPages), so that reading it waits for
// the disk.
func TempFile(t testing.TB, dir string, data []byte, dropped bool) *os.File {
	t.Helper()
	name := filepath.Join(dir, "orders.csv")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if dropped {
		DropPages(t, f)
	}
	return f
}
