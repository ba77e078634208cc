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

var strs = []string{
	"", "plain", `quote " and \ backslash`, "<tag> & more", "tab\tnew\nline\r\b\f",
	"\x00\x01\x1f\x7f", "кириллица «ёлка»", "\u2028 and \u2029", "bad \xff\xfe utf-8",
	"\xc3", "\xe2\x80", "€ 😀 𝄞", "\xed\xa0\x80 surrogate",
}

func TestAppendStringIsEncodingJSON(t *testing.T) {
	for _, s := range strs {
		want, err := encode(t, s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(AppendString([]byte("x"), s)); got != "x"+want {
			t.Errorf("%q: got %s, want %s", s, got[1:], want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range strs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := encode(t, s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(AppendString(nil, s)); got != want {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
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
		_ = b
	}); n != 0 {
		t.Errorf("%v allocations", n)
	}
}
