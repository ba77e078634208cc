package regularfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestConn(t *testing.T) {
	name := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	if got, conn, ok := Conn(f); !ok || got != f || conn == nil {
		t.Errorf("Conn(a regular file) = %v, %v, %v", got, conn, ok)
	}
	f.Close()
	if _, _, ok := Conn(f); ok {
		t.Error("Conn(a closed file) is ok")
	}
	dir, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	for _, v := range []any{dir, pr, pw, bytes.NewReader(nil), nil} {
		if _, _, ok := Conn(v); ok {
			t.Errorf("Conn(%T) is ok", v)
		}
	}
}
