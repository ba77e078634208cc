package bulk

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
)

// denseHash is the dense hash of id under d (false if none), through the
// words as the loader has them.
func denseHash(d *Dense, id string) (uint64, bool) {
	k := NewKey(maphash.MakeSeed(), d)
	h := HashString(&k, id)
	return h, h&DenseMark != 0
}

// The first id that ends with a digit fixes the form; ids of the form
// get the dense hash of their number, every other id the keyed hash.
func TestDenseForm(t *testing.T) {
	for _, c := range []struct {
		first        []string // hashed first, in order; the last ends with a digit
		dense, keyed []string
		numbers      []uint64 // of dense
	}{
		{first: []string{"C0000772"}, dense: []string{"C0000772", "C0000000", "C4194303"}, numbers: []uint64{772, 0, 4194303},
			keyed: []string{"C4194304", "C9999999", "C000077", "C00007720", "D0000772", "c0000772", "C000077x", "C-000772", "0000772"}},
		{first: []string{"guest", "anonymous", "100234"}, dense: []string{"100234", "0", "7", "4194303"}, numbers: []uint64{100234, 0, 7, 4194303},
			keyed: []string{"0100234", "00", "4194304", "99999999", "1002x", "x100234", "guest"}},
		{first: []string{"C772"}, dense: []string{"C772", "C1", "C0", "C1000000"}, numbers: []uint64{772, 1, 0, 1000000},
			keyed: []string{"C0772", "C00", "CC772", "C", "C772 ", "C7720000000"}},
		{first: []string{"AB-07"}, dense: []string{"AB-07", "AB-00", "AB-99"}, numbers: []uint64{7, 0, 99},
			keyed: []string{"AB-7", "AB-007", "AB_07", "ab-07"}},
		{first: []string{"123456789"}, keyed: []string{"123456789", "12345678"}}, // 9 bytes cannot fix a form; 12345678 fixes one, past DenseLimit
	} {
		var d Dense
		for _, id := range c.first {
			denseHash(&d, id)
		}
		for i, id := range c.dense {
			h, ok := denseHash(&d, id)
			if !ok {
				t.Errorf("%v: %q has no dense hash", c.first, id)
				continue
			}
			n := c.numbers[i]
			if want := n<<(64-DenseShardBits) | DenseMark | n>>DenseShardBits; h != want {
				t.Errorf("%v: %q: dense hash %#x, want %#x (number %d)", c.first, id, h, want, n)
			}
		}
		for _, id := range c.keyed {
			if h, ok := denseHash(&d, id); ok {
				t.Errorf("%v: %q has the dense hash %#x", c.first, id, h)
			}
		}
	}
}

// Within a form, ids and dense hashes are one to one: no two ids share
// one, whatever the ids hashed.
func TestDenseHashesAreOneToOne(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, first := range []string{"C0000001", "17", "X12", "AB0007"} {
		var d Dense
		denseHash(&d, first)
		seen := map[uint64]string{}
		for range 200_000 {
			var id string
			switch r.IntN(4) {
			case 0:
				id = first[:len(first)-len(strconv.Itoa(r.IntN(10)))] + strconv.Itoa(r.IntN(10))
			case 1:
				id = strconv.Itoa(r.IntN(1 << 23))
			case 2:
				id = fmt.Sprintf("%s%0*d", first[:1], r.IntN(8), r.IntN(100000))
			default:
				b := make([]byte, 1+r.IntN(8))
				for i := range b {
					b[i] = "0123456789CX-A"[r.IntN(14)]
				}
				id = string(b)
			}
			h, ok := denseHash(&d, id)
			if !ok {
				continue
			}
			if other, dup := seen[h]; dup && other != id {
				t.Fatalf("form of %q: %q and %q share the dense hash %#x", first, other, id, h)
			}
			seen[h] = id
		}
		if len(seen) == 0 {
			t.Errorf("form of %q: no dense id", first)
		}
	}
}

// Goroutines hashing ids of different forms at once agree on one form:
// every id's hash, taken while the form was being fixed, is the hash it
// gets afterwards.
func TestDenseFormFixedOnce(t *testing.T) {
	for range 50 {
		var d Dense
		k := NewKey(maphash.MakeSeed(), &d)
		// Short forms and long ones (9 to 16 bytes, see dense_long.go).
		forms := []string{"C%07d", "%d", "X%d", "AB%04d", "CU-%07d", "CUSTOMER-%d"}
		got := make([]map[string]uint64, len(forms))
		var wg sync.WaitGroup
		for g, form := range forms {
			got[g] = map[string]uint64{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 200 {
					id := fmt.Sprintf(form, i)
					got[g][id] = HashString(&k, id)
				}
			}()
		}
		wg.Wait()
		dense := 0
		for _, m := range got {
			for id, h := range m {
				if again := HashString(&k, id); again != h {
					t.Fatalf("%q hashed %#x while the form was fixed, %#x after", id, h, again)
				}
				if h&DenseMark != 0 {
					dense++
				}
			}
		}
		if dense == 0 {
			t.Fatalf("no id found by number under form %#x", d.form.Load())
		}
	}
}

// digitsByLoop is digits as it was first written, a byte at a time: the
// reference the word-at-once version must match.
func digitsByLoop(y uint64, k uint) (uint64, bool) {
	var num uint64
	for i := range k {
		c := byteAt(y, int(i)) - '0'
		if c > 9 {
			return 0, false
		}
		num = num*10 + c
	}
	return num, true
}

// digits agrees with the loop on every id of one or two bytes, and on
// millions of longer ones mixing digits with the bytes next to them
// ('/', ':'), those that carry when 6 is added, and garbage above the id.
func TestDigitsMatchesLoop(t *testing.T) {
	check := func(y uint64, k uint) {
		t.Helper()
		n, ok := digits(y, k)
		wn, wok := digitsByLoop(y, k)
		if ok != wok || ok && n != wn {
			t.Fatalf("digits(%#016x, %d) = %d, %v; want %d, %v", y, k, n, ok, wn, wok)
		}
	}
	for y := range uint64(1 << 16) {
		check(y&0xff, 1)
		check(y, 1)
		check(y, 2)
	}
	alphabet := []byte("0123456789/:\x00\xff\xfa\xf9 9")
	r := rand.New(rand.NewPCG(5, 6))
	for range 3_000_000 {
		k := 1 + r.UintN(8)
		y := r.Uint64() // the bytes above the id are garbage
		for i := range k {
			b := alphabet[r.IntN(len(alphabet))]
			if r.IntN(3) > 0 {
				b = '0' + byte(r.IntN(10))
			}
			y = y&^(0xff<<(8*i)) | uint64(b)<<(8*i)
		}
		check(y, k)
	}
}

// A form is padded when the first id's number has a leading zero, short
// or long; no form, and the long form no id has, are not forms.
func TestDensePadded(t *testing.T) {
	for _, c := range []struct {
		first         []string // hashed in order
		fixed, padded bool
	}{
		{nil, false, false},
		{[]string{"anna"}, false, false}, // no digit at the end: no form yet
		{[]string{"C0000772"}, true, true},
		{[]string{"anna", "0772"}, true, true},
		{[]string{"C772"}, true, false},
		{[]string{"7"}, true, false}, // one digit: no leading zero to tell
		{[]string{"CU-0000772"}, true, true},
		{[]string{"CUSTOMER-123456"}, true, false},
		{[]string{"CU-123456789012"}, false, false}, // more than 8 digits: never
	} {
		var d Dense
		for _, id := range c.first {
			denseHash(&d, id)
		}
		f, ok := d.Form()
		if ok != c.fixed || f.Padded() != c.padded {
			t.Errorf("after %q: Form() fixed %v, padded %v; want %v, %v", c.first, ok, f.Padded(), c.fixed, c.padded)
		}
	}
}

// decimal8 writes every number's 8 digits, as strconv does.
func TestDecimal8(t *testing.T) {
	check := func(n uint64) {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], decimal8(n))
		if want := fmt.Sprintf("%08d", n); string(b[:]) != want {
			t.Fatalf("decimal8(%d) = %q, want %q", n, b[:], want)
		}
	}
	for n := range uint64(DenseLimit) {
		check(n)
	}
	r := rand.New(rand.NewPCG(3, 3))
	for range 1_000_000 {
		check(r.Uint64N(100_000_000))
	}
	check(99_999_999)
}

// A form gives back the id of each number, short or long, padded or
// not.
func TestDenseFormIDs(t *testing.T) {
	for _, c := range []struct {
		first string
		ids   []string // of the form
	}{
		{"C0000772", []string{"C0000000", "C0000001", "C0999999", "C4194303"}},
		{"0772", []string{"0000", "0001", "9999"}},
		{"AB-00", []string{"AB-00", "AB-07", "AB-99"}},
		{"00000001", []string{"00000000", "04194303"}},
		{"CU-0000772", []string{"CU-0000000", "CU-0000001", "CU-4194303"}},
		{"X00000001", []string{"X00000000", "X04194303"}},
		{"CUSTOMER-000123", []string{"CUSTOMER-000000", "CUSTOMER-999999"}},
		{"CUSTOMER-ABC-07", []string{"CUSTOMER-ABC-00", "CUSTOMER-ABC-99"}},
		{"ABCDEFGHIJKLMN05", []string{"ABCDEFGHIJKLMN00", "ABCDEFGHIJKLMN99"}},
		{"C772", []string{"C0", "C1", "C9", "C10", "C99", "C100", "C999999", "C4194303"}},
		{"772", []string{"0", "1", "10", "4194303"}},
		{"CUSTOMER-123", []string{"CUSTOMER-0", "CUSTOMER-7", "CUSTOMER-1234567"}},
		{"ABCDEFGHIJKLM12", []string{"ABCDEFGHIJKLM0", "ABCDEFGHIJKLM123"}},
		{"CU-123456789012", nil}, // more than 8 digits: never
	} {
		var d Dense
		denseHash(&d, c.first)
		f, ok := d.Form()
		if ok != (c.ids != nil) {
			t.Errorf("form of %q: Form says fixed: %v", c.first, ok)
		}
		for _, id := range c.ids {
			h, ok := denseHash(&d, id)
			if !ok {
				t.Fatalf("form of %q: %q has no dense hash", c.first, id)
			}
			num := DenseNumber(h)
			lo, hi, n := f.ID(num)
			var b [16]byte
			binary.LittleEndian.PutUint64(b[:], lo)
			binary.LittleEndian.PutUint64(b[8:], hi)
			if f.Long() != (len(id) > 8) {
				t.Errorf("form of %q: Long() = %v for %q", c.first, f.Long(), id)
			}
			if n > 16 || string(b[:n]) != id || b != [16]byte(append([]byte(id), make([]byte, 16-n)...)) {
				t.Errorf("form of %q: ID(%d) = %q (%d bytes), want %q", c.first, num, b[:], n, id)
			}
			if !f.Padded() {
				continue
			}
			// PaddedIDs writes the same bytes, and Short the first 8 of a
			// short form's.
			ids := f.PaddedIDs()
			if plo, phi := ids.ID(num); plo != lo || phi != hi {
				t.Errorf("form of %q: PaddedIDs.ID(%d) = %#x %#x, want %#x %#x", c.first, num, plo, phi, lo, hi)
			}
			if short := ids.Short(num); !f.Long() && short != lo {
				t.Errorf("form of %q: PaddedIDs.Short(%d) = %#x, want %#x", c.first, num, short, lo)
			}
		}
	}
}

// decimalLen counts the digits strconv writes.
func TestDecimalLen(t *testing.T) {
	for n := range uint64(DenseLimit) {
		if got, want := decimalLen(n), uint(len(strconv.FormatUint(n, 10))); got != want {
			t.Fatalf("decimalLen(%d) = %d, want %d", n, got, want)
		}
	}
}

// Padded hashes as HashWord does, for every padded short form (a prefix
// of 0 to 7 bytes, a width up to what is left of 8 bytes), over ids of
// the form, ids one byte off it anywhere, other lengths, and numbers
// past DenseLimit; and no other form gives a Padded.
func TestPaddedHash(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	random := func(n int, digit bool) []byte {
		b := make([]byte, n)
		for i := range b {
			if digit {
				b[i] = byte('0' + r.IntN(10))
			} else {
				b[i] = byte(r.IntN(256))
			}
		}
		return b
	}
	checked := 0
	for p := 0; p <= 7; p++ {
		for width := 2; p+width <= 8; width++ {
			prefix := []byte("CUSTOMER"[:p])
			var d Dense
			first := append(append([]byte{}, prefix...), '0')
			first = append(first, random(width-1, true)...)
			if _, ok := d.HashWord(WordOf(first), len(first)); !ok && width < 8 {
				t.Fatalf("%q fixed no form", first)
			}
			h, ok := d.Padded()
			if !ok {
				t.Fatalf("prefix %q, width %d: no Padded", prefix, width)
			}
			for range 3000 {
				id := append(append([]byte{}, prefix...), random(width, true)...)
				switch r.IntN(6) {
				case 0: // a byte off the form
					id[r.IntN(len(id))] = byte(r.IntN(256))
				case 1: // another length
					id = append(id[:0], random(1+r.IntN(8), r.IntN(2) == 0)...)
				case 2: // a large number
					for i := p; i < len(id); i++ {
						id[i] = '9'
					}
				}
				x := WordOf(id)
				wantH, wantOK := d.HashWord(x, len(id))
				gotH, gotOK := h.Hash(x, len(id))
				if gotOK != wantOK || gotOK && gotH != wantH {
					t.Fatalf("prefix %q, width %d: %q: Hash %#x %v, HashWord %#x %v", prefix, width, id, gotH, gotOK, wantH, wantOK)
				}
				checked++
			}
		}
	}
	for _, first := range []string{"C772", "100234", "guest"} {
		var d Dense
		d.HashWord(WordOf([]byte(first)), len(first))
		if _, ok := d.Padded(); ok {
			t.Errorf("the form of %q gave a Padded", first)
		}
	}
	var long Dense
	a, b := Words([]byte("CU-0000772"))
	long.HashWords(a, b, len("CU-0000772"))
	if _, ok := long.Padded(); ok {
		t.Error("a long form gave a Padded")
	}
	var zero Padded
	if _, ok := zero.Hash(WordOf([]byte("C0000772")), 8); ok {
		t.Error("the zero Padded hashed an id")
	}
	t.Logf("%d ids", checked)
}
