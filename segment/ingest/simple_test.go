package ingest

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// simpleByLines is simple as it was, checking each line from its start:
// the reference for the windowed one.
func simpleByLines(data []byte, max int) bool {
	if bytes.IndexByte(data, '"') >= 0 {
		return false
	}
	for len(data) > max {
		i := bytes.IndexByte(data, '\n')
		if i < 0 || i > max {
			return false
		}
		data = data[i+1:]
	}
	return true
}

// TestSimpleIsByLines holds simple to the line-by-line check on blocks of
// lines of random lengths around the limit, with and without a last line
// end, a quote, and empty lines.
func TestSimpleIsByLines(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 20_000 {
		max := 1 + r.IntN(40)
		var b bytes.Buffer
		for range r.IntN(12) {
			b.Write(bytes.Repeat([]byte("x"), r.IntN(max+3)))
			if r.IntN(50) == 0 {
				b.WriteByte('"')
			}
			b.WriteByte('\n')
		}
		if r.IntN(2) == 0 {
			b.Write(bytes.Repeat([]byte("y"), r.IntN(max+3)))
		}
		data := b.Bytes()
		if got, want := simple(data, max), simpleByLines(data, max); got != want {
			t.Fatalf("simple(%q, %d) = %v, want %v", data, max, got, want)
		}
	}
}
