package rfm_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
)

// FuzzParseCode: a refusal is a FieldError for "code" with the input as
// its value; an accepted code is valid and prints back to the same text.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"555", "111", "545", "556", "055", "55", "5555", "", "5a5", "٥٥٥"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := rfm.ParseCode(s)
		if err != nil {
			var fe *segment.FieldError
			if !errors.As(err, &fe) || fe.Field != "code" || fe.Value != s {
				t.Fatalf("ParseCode(%q): %v is not a FieldError for code with the input as value", s, err)
			}
			return
		}
		if !c.Valid() || c.String() != s {
			t.Fatalf("ParseCode(%q) = %v (valid %v)", s, c, c.Valid())
		}
		b, err := c.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back rfm.Code
		if err := back.UnmarshalText(b); err != nil || back != c {
			t.Fatalf("%q -> %s -> %v, %v", s, b, back, err)
		}
	})
}
