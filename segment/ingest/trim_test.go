package ingest

import (
	"bytes"
	"testing"
)

// trimSpace is bytes.TrimSpace: on every field of up to three bytes from
// an alphabet of ASCII and Unicode white space, control bytes, letters
// and the pieces of multi-byte characters, and on whole Unicode spaces.
func TestTrimSpaceIsBytesTrimSpace(t *testing.T) {
	alphabet := []byte{0, '\t', '\n', '\v', '\f', '\r', ' ', '!', 'a', 0x7f, 0x80, 0x85, 0xa0, 0xc2, 0xe2, 0xff}
	var fields [][]byte
	fields = append(fields, nil, []byte{})
	for _, a := range alphabet {
		fields = append(fields, []byte{a})
		for _, b := range alphabet {
			fields = append(fields, []byte{a, b})
			for _, c := range alphabet {
				fields = append(fields, []byte{a, b, c})
			}
		}
	}
	for _, s := range []string{"\u00a0C1\u00a0", "\u0085x", "x\u2003", "\u3000 y \u3000", "C1"} {
		fields = append(fields, []byte(s))
	}
	for _, f := range fields {
		if got, want := trimSpace(f), bytes.TrimSpace(f); !bytes.Equal(got, want) {
			t.Errorf("trimSpace(%q) = %q, bytes.TrimSpace gives %q", f, got, want)
		}
	}
}
