package strategy_test

import (
	"strings"
	"testing"

	"github.com/clientele-go/clientele/strategy"
)

// FuzzParseTypology: the typology names of rule files parse back from
// their own names, and a refusal quotes the input.
func FuzzParseTypology(f *testing.F) {
	for _, s := range []string{"rung", " RFM_segment ", "disc", "segment", "", "rungs", "ступень"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ty, err := strategy.ParseTypology(s)
		if err != nil {
			if !strings.Contains(err.Error(), "unknown typology") {
				t.Fatalf("ParseTypology(%q): %v", s, err)
			}
			return
		}
		if ty == strategy.NoTypology {
			t.Fatalf("ParseTypology(%q) accepted NoTypology", s)
		}
		if back, err := strategy.ParseTypology(ty.String()); err != nil || back != ty {
			t.Fatalf("%q -> %s -> %v, %v", s, ty, back, err)
		}
	})
}
