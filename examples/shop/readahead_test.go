package main

import (
	"io"
	"os"
	"testing"
)

// readAhead is a hint: on a file, a pipe or a closed file it changes
// nothing that reading sees, and it never fails.
func TestReadAheadIsAHint(t *testing.T) {
	path := writeFile(t, "orders.csv", handOrders)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	readAhead(f)
	b, err := io.ReadAll(f)
	if err != nil || string(b) != handOrders {
		t.Fatalf("read %q, %v after readAhead; want the file", b, err)
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	readAhead(r)
	go func() {
		w.WriteString(handOrders)
		w.Close()
	}()
	if b, err := io.ReadAll(r); err != nil || string(b) != handOrders {
		t.Fatalf("read %q, %v from a pipe after readAhead; want what was written", b, err)
	}
	r.Close()
	readAhead(r) // closed
}
