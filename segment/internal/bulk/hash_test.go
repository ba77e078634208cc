package bulk

import (
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// hashStringBefore is HashString as it was before Words was split out
// of it: the reference for the hashes, which the ledger and the loader
// must make alike.
func hashStringBefore(k *Key, id string) uint64 {
	load64 := func(s string) uint64 {
		var w uint64
		for i := 7; i >= 0; i-- {
			w = w<<8 | uint64(s[i])
		}
		return w
	}
	load32 := func(s string) uint64 { return load64(s[:4] + "\x00\x00\x00\x00") }
	n := len(id)
	var a, b uint64
	switch {
	case n > 16:
		return maphash.String(k.seed, id)
	case n >= 8:
		a, b = load64(id), load64(id[n-8:])
	case n >= 4:
		a, b = load32(id), load32(id[n-4:])
	case n > 0:
		a = uint64(id[0])<<16 | uint64(id[n>>1])<<8 | uint64(id[n-1])
	}
	hi, lo := bits.Mul64(a^k.mix[0], b^k.mix[1])
	hi2, lo2 := bits.Mul64(lo^wyp0^uint64(n), hi^wyp1)
	return hi2 ^ lo2
}

func randomID(r *rand.Rand, n int) []byte {
	id := make([]byte, n)
	for i := range id {
		id[i] = byte(r.Uint32())
	}
	return id
}

// TestHashIsAsBefore holds HashString, HashBytes, Hash8 and Short of
// Words to the former HashString (less DenseMark, which only dense hashes
// have), on ids of every length up to 40.
func TestHashIsAsBefore(t *testing.T) {
	k := NewKey(maphash.MakeSeed(), nil)
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 40; n++ {
		for range 1000 {
			id := randomID(r, n)
			want := hashStringBefore(&k, string(id)) &^ DenseMark
			if got := HashString(&k, string(id)); got != want {
				t.Fatalf("HashString(%q) = %#x, want %#x", id, got, want)
			}
			if got := HashBytes(&k, id); got != want {
				t.Fatalf("HashBytes(%q) = %#x, want %#x", id, got, want)
			}
			if n <= 16 {
				a, b := Words(id)
				if got := Short(&k, a, b, n); got != want {
					t.Fatalf("Short of Words(%q) = %#x, want %#x", id, got, want)
				}
			}
			if n == 8 {
				a, _ := Words(id)
				if got := Hash8(&k, a); got != want {
					t.Fatalf("Hash8(%q) = %#x, want %#x", id, got, want)
				}
			}
		}
	}
}

// TestWordsHoldEveryByte checks what the loader's repeat test relies on:
// ids of the same length (up to 16) whose words are equal are equal. Each
// byte of random ids is changed in turn, to every other value.
func TestWordsHoldEveryByte(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 1; n <= 16; n++ {
		for range 20 {
			id := randomID(r, n)
			a, b := Words(id)
			for i := range n {
				was := id[i]
				for v := range 256 {
					if byte(v) == was {
						continue
					}
					id[i] = byte(v)
					if a2, b2 := Words(id); a2 == a && b2 == b {
						t.Fatalf("ids %q and %q of %d bytes have the same words", id, append(append([]byte{}, id[:i]...), was), n)
					}
				}
				id[i] = was
			}
		}
	}
}

// A line stays 32 bytes, and SetID keeps an id of up to 8 bytes as its
// word and length, a longer one as where it is.
func TestLineID(t *testing.T) {
	if size := unsafe.Sizeof(Line{}); size != 32 {
		t.Errorf("Line is %d bytes, want 32", size)
	}
	data := []byte("xxC1C0000772CU-0000772a-long-customer-id@example.com")
	for _, c := range []struct{ from, to int }{{2, 4}, {4, 12}, {12, 22}, {22, len(data)}} {
		id := data[c.from:c.to]
		ln := Line{ID: ^uint64(0), Short: 99}
		ln.SetID(id, c.from)
		if len(id) <= 8 {
			if ln.Short != uint8(len(id)) || ln.ID != WordOf(id) {
				t.Errorf("%q: short %d, word %#x", id, ln.Short, ln.ID)
			}
			continue
		}
		if from, to := ln.Span(); ln.Short != 0 || string(data[from:to]) != string(id) {
			t.Errorf("%q: short %d, span %d to %d", id, ln.Short, from, to)
		}
	}
}
