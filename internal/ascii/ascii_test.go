package ascii

import (
	"encoding/binary"
	"testing"
)

// BelowDash marks exactly the bytes below '-', whatever the bytes around
// them (no borrow from one byte into the next).
func TestBelowDash(t *testing.T) {
	for _, fill := range []byte{0, ',', '-', 'z', 0x7f, 0x80, 0xff} {
		for i := range 8 {
			for c := range 256 {
				var b [8]byte
				for j := range b {
					b[j] = fill
				}
				b[i] = byte(c)
				got := BelowDash(binary.LittleEndian.Uint64(b[:]))
				var want uint64
				for j, x := range b {
					if x < '-' {
						want |= 0x80 << (8 * j)
					}
				}
				if got != want {
					t.Fatalf("BelowDash(% x) = %#x, want %#x", b, got, want)
				}
			}
		}
	}
}
