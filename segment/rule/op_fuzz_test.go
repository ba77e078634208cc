package rule_test

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

// FuzzParseOp: ParseOp and UnmarshalText agree; UnmarshalText refuses
// with a FieldError for "op" and the value; an accepted op
// marshals to its name, which parses back to the same op.
func FuzzParseOp(f *testing.F) {
	for _, s := range []string{"ge", ">=", " Known ", "unknown", "=", "==", "!=", "<>", "", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := rule.ParseOp(s)
		if err != nil {
			var fe *segment.FieldError
			var u rule.Op
			if uerr := u.UnmarshalText([]byte(s)); !errors.As(uerr, &fe) || fe.Field != "op" || fe.Value != s {
				t.Fatalf("ParseOp(%q) refuses, UnmarshalText gives %v, not a FieldError for op and the value", s, uerr)
			}
			return
		}
		b, err := o.MarshalText()
		if err != nil {
			t.Fatalf("%q parsed to %v, which does not marshal: %v", s, o, err)
		}
		var back rule.Op
		if err := back.UnmarshalText(b); err != nil || back != o {
			t.Fatalf("%q -> %s -> %v, %v", s, b, back, err)
		}
		if o.IsComparison() && o.Compare() == segment.NoOp {
			t.Fatalf("%q: comparison %v maps to no segment.Op", s, o)
		}
	})
}
