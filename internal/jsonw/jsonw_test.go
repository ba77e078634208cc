package jsonw

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// encode is what encoding/json writes for v with HTML escaping off,
// without Encode's newline.
func encode(t testing.TB, v any) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// Floats of both widths, at and around encoding/json's cutoffs between
// 'f' and 'e', and random bit patterns.
func TestAppendFloatIsEncodingJSON(t *testing.T) {
	fs := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, 1e-6, 9.999999e-7, 1e-7, 1e20, 1e21,
		999999999999999999999, 1e-300, 5e-324, math.MaxFloat64, 123456789, 0.7692308, 2.5e-8}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		fs = append(fs, math.Float64frombits(r.Uint64()), float64(math.Float32frombits(r.Uint32())))
	}
	for _, f := range fs {
		for _, bits := range []int{64, 32} {
			var v any = f
			x := f
			if bits == 32 {
				v = float32(f)
				x = float64(float32(f))
			}
			want, werr := encode(t, v)
			got, gerr := AppendFloat([]byte("x"), x, bits)
			if (werr != nil) != (gerr != nil) {
				t.Fatalf("%v (%d bits): error %v, encoding/json %v", f, bits, gerr, werr)
			}
			if werr != nil {
				if string(got) != "x" {
					t.Fatalf("%v: on error the buffer changed: %q", f, got)
				}
				continue
			}
			if !bytes.Equal(got, []byte("x"+want)) {
				t.Fatalf("%v (%d bits): got %s, want %s", f, bits, got[1:], want)
			}
		}
	}
}

func TestAppendDoesNotAllocate(t *testing.T) {
	buf := make([]byte, 0, 1024)
	if n := testing.AllocsPerRun(100, func() {
		b := AppendString(buf[:0], "кириллица \"quoted\" \x01")
		b, _ = AppendFloat(b, 0.7692308, 32)
		b = AppendJoined(b, "рост", ": не ", "Regular", "")
		_ = b
	}); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// encodingJSONString is s as a json.Encoder without HTML escaping writes
// it, without the newline.
func encodingJSONString(t *testing.T, s string) []byte {
	out, err := encode(t, s)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

var escapeSeeds = []string{
	"", "plain", `"quoted" \back\slash/`, "\x00\x01\x07\b\t\n\v\f\r\x1b\x1f\x7f", "<a href='x'>&amp;</a>",
	"\u2028\u2029", "a\u2028b\u2029c", "Ж€😀é", "Покупка в течение 30 дней", "\xff\xfe", "\xc3(", "\xe2\x82",
	"\xed\xa0\x80", "\xf0\x9f\x98", "\xc0\xaf", "\xc2", "\xdf\xbf\xc2\x80", "end\xe2\x80", "\xe2\x80\xa8\xe2\x80",
	"\xf4\x90\x80\x80", "\U0010ffff", "\ufffd", `\ufffd`,
}

// The escaper writes what encoding/json writes, whatever the string.
func FuzzAppendString(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := encodingJSONString(t, s)
		if got := AppendString([]byte("x"), s); !bytes.Equal(got[1:], want) || got[0] != 'x' {
			t.Fatalf("%q:\n got %s\nwant %s", s, got[1:], want)
		}
	})
}

// Every byte value at every position of a text long enough for the
// word-at-a-time scan, alone and next to a two-byte rune.
func TestAppendStringEveryByte(t *testing.T) {
	for _, base := range []string{"abcdefghijklmnopqrstuvwxyz0123", "Жabcdefghijklmnopqrs€tuvwxyz", "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ", "aЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ", "\u0080\u07ffЖ\u00c0ЖЖЖЖЖЖЖЖЖЖЖЖ"} {
		for p := range len(base) {
			for v := range 256 {
				b := []byte(base)
				b[p] = byte(v)
				s := string(b)
				if got, want := AppendString(nil, s), encodingJSONString(t, s); !bytes.Equal(got, want) {
					t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
				}
			}
		}
	}
}

// Pieces written one after the other are the whole written at once,
// wherever the cuts fall (in the middle of a rune, of an invalid
// sequence, of U+2028).
func FuzzAppendJoined(f *testing.F) {
	for i, s := range escapeSeeds {
		f.Add(s, uint8(i), uint8(i*3), uint8(i*7))
	}
	f.Fuzz(func(t *testing.T, s string, i, j, k uint8) {
		cut := func(n uint8) int { return int(n) % (len(s) + 1) }
		a, b, c := cut(i), cut(j), cut(k)
		a, b = min(a, b), max(a, b)
		b, c = min(b, c), max(b, c)
		a, b = min(a, b), max(a, b)
		want := encodingJSONString(t, s)
		if got := AppendJoined(nil, s[:a], s[a:b], s[b:c], s[c:]); !bytes.Equal(got, want) {
			t.Fatalf("%q cut at %d, %d, %d:\n got %s\nwant %s", s, a, b, c, got, want)
		}
	})
}

// Every way of cutting the seeds into four pieces.
func TestAppendJoinedEveryCut(t *testing.T) {
	for _, s := range escapeSeeds {
		want := encodingJSONString(t, s)
		for a := 0; a <= len(s); a++ {
			for b := a; b <= len(s); b++ {
				for c := b; c <= len(s); c++ {
					if got := AppendJoined(nil, s[:a], s[a:b], s[b:c], s[c:]); !bytes.Equal(got, want) {
						t.Fatalf("%q cut at %d, %d, %d:\n got %s\nwant %s", s, a, b, c, got, want)
					}
				}
			}
		}
	}
}
