package segment_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// The small text parsers refuse with a FieldError naming their field, and
// what they accept prints back to text that parses to the same value.

func FuzzParseUnit(f *testing.F) {
	for _, s := range []string{"day", "Week", " w ", "7", "0", "-3", "1e3", "9223372036854775807", "99999999999999999999", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := segment.ParseUnit(s)
		if err != nil {
			checkField(t, s, err, "unit")
			return
		}
		if u <= 0 {
			t.Fatalf("ParseUnit(%q) = %d, not a positive number of days", s, u)
		}
		if back, err := segment.ParseUnit(u.String()); err != nil || back != u {
			t.Fatalf("%q -> %s -> %d, %v", s, u, back, err)
		}
	})
}

func FuzzParseOp(f *testing.F) {
	for _, s := range []string{"ge", ">=", " LT ", "=", "==", "!=", "<>", "", "known"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := segment.ParseOp(s)
		if err != nil {
			checkField(t, s, err, "op")
			return
		}
		if o == segment.NoOp {
			t.Fatalf("ParseOp(%q) accepted NoOp", s)
		}
		for _, text := range []string{o.Name(), o.String()} {
			if back, err := segment.ParseOp(text); err != nil || back != o {
				t.Fatalf("%q -> %q -> %v, %v", s, text, back, err)
			}
		}
		b, err := o.MarshalText()
		if err != nil {
			t.Fatalf("%q parsed to %v, which does not marshal: %v", s, o, err)
		}
		var back segment.Op
		if err := back.UnmarshalText(b); err != nil || back != o {
			t.Fatalf("%q -> %s -> %v, %v", s, b, back, err)
		}
	})
}

func FuzzParseLang(f *testing.F) {
	for _, s := range []string{"en", "RU", "ru-RU", "en_GB", "русский", "english", "", "de", "-ru"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := segment.ParseLang(s)
		if err != nil {
			checkField(t, s, err, "lang")
			return
		}
		b, err := l.MarshalText()
		if err != nil {
			t.Fatalf("%q parsed to %d, which does not marshal: %v", s, l, err)
		}
		var back segment.Lang
		if err := back.UnmarshalText(b); err != nil || back != l {
			t.Fatalf("%q -> %s -> %v, %v", s, b, back, err)
		}
	})
}

// checkField fails unless err is a FieldError for field with the input
// as its value.
func checkField(t *testing.T, input string, err error, field string) {
	t.Helper()
	var fe *segment.FieldError
	if !errors.As(err, &fe) || fe.Field != field || fe.Value != input {
		t.Fatalf("parsing %q: %v is not a FieldError for %s with the input as its value", input, err, field)
	}
}
