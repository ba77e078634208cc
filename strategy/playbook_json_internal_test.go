package strategy

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// encodingJSONString is s as a json.Encoder without HTML escaping writes
// it, without the newline.
func encodingJSONString(t *testing.T, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

var escapeSeeds = []string{
	"", "plain", `"quoted" \back\slash/`, "\x00\x01\x07\b\t\n\v\f\r\x1b\x1f\x7f", "<a href='x'>&amp;</a>",
	"\u2028\u2029", "a\u2028b\u2029c", "Ж€😀é", "Покупка в течение 30 дней", "\xff\xfe", "\xc3(", "\xe2\x82",
	"\xed\xa0\x80", "\xf0\x9f\x98", "\xc0\xaf", "\xc2", "\xdf\xbf\xc2\x80", "end\xe2\x80", "\xe2\x80\xa8\xe2\x80",
	"\xf4\x90\x80\x80", "\U0010ffff", "\ufffd", `\ufffd`,
}

// The escaper writes what encoding/json writes, whatever the string.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := encodingJSONString(t, s)
		if got := appendJSONString([]byte("x"), s); !bytes.Equal(got[1:], want) || got[0] != 'x' {
			t.Fatalf("%q:\n got %s\nwant %s", s, got[1:], want)
		}
	})
}

// Every byte value at every position of a text long enough for the
// word-at-a-time scan, alone and next to a two-byte rune.
func TestAppendJSONStringEveryByte(t *testing.T) {
	for _, base := range []string{"abcdefghijklmnopqrstuvwxyz0123", "Жabcdefghijklmnopqrs€tuvwxyz", "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ", "aЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ", "\u0080\u07ffЖ\u00c0ЖЖЖЖЖЖЖЖЖЖЖЖ"} {
		for p := range len(base) {
			for v := range 256 {
				b := []byte(base)
				b[p] = byte(v)
				s := string(b)
				if got, want := appendJSONString(nil, s), encodingJSONString(t, s); !bytes.Equal(got, want) {
					t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
				}
			}
		}
	}
}

// Pieces written one after the other are the whole written at once,
// wherever the cuts fall (in the middle of a rune, of an invalid
// sequence, of U+2028).
func FuzzAppendJSONParts(f *testing.F) {
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
		if got := appendJSONParts(nil, s[:a], s[a:b], s[b:c], s[c:]); !bytes.Equal(got, want) {
			t.Fatalf("%q cut at %d, %d, %d:\n got %s\nwant %s", s, a, b, c, got, want)
		}
	})
}

// Every way of cutting the seeds into four pieces.
func TestAppendJSONPartsEveryCut(t *testing.T) {
	for _, s := range escapeSeeds {
		want := encodingJSONString(t, s)
		for a := 0; a <= len(s); a++ {
			for b := a; b <= len(s); b++ {
				for c := b; c <= len(s); c++ {
					if got := appendJSONParts(nil, s[:a], s[a:b], s[b:c], s[c:]); !bytes.Equal(got, want) {
						t.Fatalf("%q cut at %d, %d, %d:\n got %s\nwant %s", s, a, b, c, got, want)
					}
				}
			}
		}
	}
}

// matchParts cuts describeMatch's text, for every label of every
// typology, negated or not, in both languages.
func TestMatchPartsAreDescribeMatch(t *testing.T) {
	n := 0
	for ty := Behavior; ty < numTypologies; ty++ {
		for label := range uint8(segment.MaxLabels) {
			for _, not := range []bool{false, true} {
				for _, lang := range []segment.Lang{segment.English, segment.Russian} {
					m := match{t: ty, label: label, not: not}
					name, sep, title := matchParts(m, lang)
					if got, want := name+sep+title, describeMatch(m, lang); got != want {
						t.Errorf("%v %d %v %v: %q, want %q", ty, label, not, lang, got, want)
					}
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no matches described")
	}
}
