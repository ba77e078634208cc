package ingest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// fastAmountByLoop is fastAmount as it was, a byte at a time: the
// reference for the word-at-a-time one.
func fastAmountByLoop(b []byte) (v float64, ok bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 16 {
		return 0, false
	}
	var mant uint64
	dot := -1
	for i, c := range b {
		if d := c - '0'; d < 10 {
			mant = mant*10 + uint64(d)
		} else if c == '.' && dot < 0 {
			dot = i
		} else {
			return 0, false
		}
	}
	digits, frac := len(b), 0
	if dot >= 0 {
		digits, frac = digits-1, len(b)-1-dot
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	v = float64(mant) / pow10[frac]
	if v > segment.MaxAmount {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// amountAlphabet is what amounts are made of in the tests: digits, the
// dot and sign, and bytes next to them or otherwise odd.
const amountAlphabet = "0123456789.-+, e/:\x00\x7f\x80\xff"

// withTail returns text followed by tail, in a slice whose capacity ends
// with tail, so that a read past text's end sees tail.
func withTail(text, tail string) []byte {
	b := []byte(text + tail)
	return b[:len(text)]
}

// tails are what may follow a field in a block: nothing, a line end, the
// next line, digits, dots, bytes of every kind.
var tails = []string{"", "\n", "\r\n", ",", "\nC0000001,2024-01-01,1.5\n", "0000000000000000", "................",
	"9999999999999999", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"}

func checkAmount(t *testing.T, text string) {
	t.Helper()
	amount, wantOK := fastAmountByLoop([]byte(text))
	want := bulk.Micros(amount)
	for _, tail := range tails {
		got, ok := fastMicros(withTail(text, tail))
		if ok != wantOK || ok && got != want {
			t.Fatalf("fastMicros(%q) before %q = %v, %v; want %v, %v", text, tail, got, ok, want, wantOK)
		}
	}
}

// eachText calls fn with every text of at most n bytes over alphabet,
// the empty one included.
func eachText(alphabet string, n int, fn func(string)) {
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		fn(prefix)
		if n > 0 {
			for i := range len(alphabet) {
				all(prefix+alphabet[i:i+1], n-1)
			}
		}
	}
	all("", n)
}

// TestFastMicrosIsTheLoop holds the word-at-a-time fastMicros to the
// byte loop: the micros of the same float64, and the same refusals, on
// every amount of up to 4 bytes over a small alphabet, dots in every
// place of longer ones, 15 and 16 digits, MaxAmount's neighbours, and
// random texts of 0 to 20 bytes; each followed by bytes of every kind.
func TestFastMicrosIsTheLoop(t *testing.T) {
	eachText("0159.-x", 5, func(s string) { checkAmount(t, s) })
	for n := 1; n <= 20; n++ {
		digits := strings.Repeat("7", n)
		checkAmount(t, digits)
		checkAmount(t, "-"+digits)
		for at := 0; at <= n; at++ {
			withDot := digits[:at] + "." + digits[at:]
			checkAmount(t, withDot)
			checkAmount(t, "-"+withDot)
			checkAmount(t, withDot[:at]+"x"+withDot[at:])
			checkAmount(t, digits[:at]+".."+digits[at:])
		}
	}
	for _, text := range []string{"999999999999999", "9999999999999999", "999999999999.999", "1000000000000",
		"1000000000000.0", "999999999999", "999999999999.9", "1000000000000.1", "100000000000.0", "0", "-0",
		"0.0", "00000000", "-00000000", ".5", "5.", "-.5", "-5.", ".", "-.", "-", "", "99999999", "9999999.9",
		".9999999", "12345678", "1234.5678", "1.2345678", "0.00000001"} {
		checkAmount(t, text)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200_000 {
		b := make([]byte, r.IntN(21))
		for i := range b {
			if r.IntN(4) == 0 {
				b[i] = amountAlphabet[r.IntN(len(amountAlphabet))]
			} else {
				b[i] = '0' + byte(r.IntN(10))
			}
		}
		checkAmount(t, string(b))
		checkAmount(t, fmt.Sprintf("%d.%02d", r.IntN(100_000), r.IntN(100)))
	}
}

// splitByScan is the fields' ends as splitCommas finds them: the
// reference for fieldBounds.split.
func splitByScan(line []byte, n int) ([]int, bool) {
	ends := make([]int, n)
	if splitCommas(line, ends) != n {
		return nil, false
	}
	return ends, true
}

func checkSplit(t *testing.T, text, tail string) {
	t.Helper()
	line := withTail(text, tail)
	for n := 1; n <= maxFastColumns; n++ {
		want, wantOK := splitByScan([]byte(text), n)
		var b fieldBounds
		ok := b.split(line, n)
		if ok != wantOK {
			t.Fatalf("split(%q before %q, %d) = %v, want %v", text, tail, n, ok, wantOK)
		}
		if !ok {
			continue
		}
		for f := range n {
			from := 0
			if f > 0 {
				from = want[f-1] + 1
			}
			if got := b.field(line, f); !bytes.Equal(got, line[from:want[f]]) || cap(got) != cap(line)-from {
				t.Fatalf("split(%q, %d): field %d is %q, want %q", text, n, f, got, line[from:want[f]])
			}
		}
	}
}

// TestSplitIsTheScan holds the comma mask to the scan: the same fields or
// the same refusal, for lines of every length up to 80 with commas in
// every place, followed by commas or other bytes.
func TestSplitIsTheScan(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n <= 80; n++ {
		for range 300 {
			b := make([]byte, n)
			for i := range b {
				b[i] = "ab,\n\x00\xff"[r.IntN(6)]
				if r.IntN(3) == 0 {
					b[i] = ','
				}
			}
			for _, tail := range []string{"", ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,", "\nxx,yy\n"} {
				checkSplit(t, string(b), tail)
			}
		}
		for at := 0; at < n; at++ {
			b := []byte(strings.Repeat("x", n))
			b[at] = ','
			checkSplit(t, string(b), strings.Repeat(",", 64))
		}
	}
	checkSplit(t, "C0000772,2022-01-01,22.45", "\nC0001438,2022-01-01,5.98\n")
}

// TestByteMask checks byteMask against a bit-by-bit gathering.
func TestByteMask(t *testing.T) {
	for m := range 256 {
		var high uint64
		for i := range 8 {
			if m>>i&1 != 0 {
				high |= 0x80 << (8 * i)
			}
		}
		if got := byteMask(high); got != uint64(m) {
			t.Fatalf("byteMask(%#x) = %#x, want %#x", high, got, m)
		}
	}
}

// TestSameDate holds the two-load comparison to bytes.Equal.
func TestSameDate(t *testing.T) {
	texts := []string{"2024-01-31", "2024-01-30", "1024-01-31", "2024-01-3", "2024-01-311", "20240131", "", "2024/01/31"}
	for _, last := range texts {
		for _, text := range texts {
			for _, set := range []bool{false, true} {
				p := parser{dateText: []byte(last), dateSet: set}
				want := set && last == text
				if got := p.sameDate(withTail(text, "0123456789")); got != want {
					t.Fatalf("sameDate(%q) after %q (set %v) = %v", text, last, set, got)
				}
			}
		}
	}
}

var _ = binary.LittleEndian
var _ = bits.Len
